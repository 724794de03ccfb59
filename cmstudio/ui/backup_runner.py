"""Automatic backups while the studio runs: a daily archive made on a worker thread, the last N kept.

Shortly after the window shows (never during start-up), and then every hour, the runner asks
whether the newest automatic backup of the open database is older than a day; if so, a worker
thread writes a new one with `cmstudio.core.autobackup.run_automatic_backup` and prunes the oldest.
The number kept is the QSettings value ``backup/keep`` (default 7); ``backup/enabled`` turns it off.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from cmstudio.core.autobackup import DEFAULT_KEEP, MAX_KEEP, run_automatic_backup
from cmstudio.core.errors import UserError
from cmstudio.ui.studio import Studio

log = logging.getLogger(__name__)

KEEP_SETTING = "backup/keep"
ENABLED_SETTING = "backup/enabled"
FIRST_DELAY_MS = 20_000
CHECK_INTERVAL_MS = 3_600_000


class _Signals(QObject):
    finished = Signal(str)  # the new archive, "" when none was due
    failed = Signal(str)


class _BackupTask(QRunnable):
    def __init__(self, studio: Studio, folder: Path | None, keep: int, force: bool) -> None:
        super().__init__()
        self.db, self.folder, self.keep, self.force = studio.db, folder, keep, force
        self.signals = _Signals()

    def run(self) -> None:
        try:
            made = run_automatic_backup(self.db, folder=self.folder, keep=self.keep, force=self.force)
            self.signals.finished.emit(str(made) if made else "")
        except UserError as exc:
            log.warning("automatic backup failed: %s", exc)
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a background failure is reported, never raised into Qt
            log.exception("automatic backup failed")
            self.signals.failed.emit(exc.__class__.__name__)


class BackupRunner(QObject):
    """Makes the daily automatic backup off the UI thread."""

    backupFinished = Signal(str)  # path of the new archive, "" when none was due
    backupFailed = Signal(str)

    def __init__(self, studio: Studio, parent: QObject | None = None, *, folder: Path | None = None,
                 interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.studio = studio
        self.folder = folder
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._busy = False
        self._task: _BackupTask | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("backupTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_if_due)

    def keep(self) -> int:
        try:
            value = int(self.studio.settings.value(KEEP_SETTING, DEFAULT_KEEP))
        except (TypeError, ValueError):
            value = DEFAULT_KEEP
        return min(max(value, 1), MAX_KEEP)

    def enabled(self) -> bool:
        return bool(self.studio.settings.value(ENABLED_SETTING, True, type=bool))

    def start(self, first_delay_ms: int = FIRST_DELAY_MS) -> None:
        self.timer.start()
        QTimer.singleShot(first_delay_ms, self, self.run_if_due)

    def stop(self, wait_ms: int = 60_000) -> None:
        """Stop checking and let a backup in progress finish (its archive is renamed into place last)."""
        self.timer.stop()
        self.pool.waitForDone(wait_ms)

    @property
    def busy(self) -> bool:
        return self._busy

    def run_if_due(self, force: bool = False) -> bool:
        """Start a backup pass unless one is running or backups are off; True when started."""
        if self._busy or not self.enabled():
            return False
        self._busy = True
        task = _BackupTask(self.studio, self.folder, self.keep(), force)
        task.setAutoDelete(False)
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        self._task = task
        self.pool.start(task)
        return True

    def _on_finished(self, path: str) -> None:
        self._busy = False
        if path:
            self.studio.show_status(self.tr("Automatic backup saved: %1").replace("%1", Path(path).name))
        self.backupFinished.emit(path)

    def _on_failed(self, message: str) -> None:
        self._busy = False
        self.studio.show_status(self.tr("The automatic backup failed: %1").replace("%1", message))
        self.backupFailed.emit(message)


def install(studio: Studio, *, start: bool = True) -> BackupRunner:
    """Create the studio's runner (a child of the studio) and start it; call once from the app."""
    runner = BackupRunner(studio, parent=studio)
    if start:
        runner.start()
    return runner
