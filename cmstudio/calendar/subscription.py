"""The .ics subscription file, rewritten in the background a moment after the calendar changed."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QTimer, Signal

from cmstudio.core.agenda_services import subscription_path, update_subscription
from cmstudio.core.errors import UserError

log = logging.getLogger(__name__)
DEBOUNCE_MS = 1500


class _Signals(QObject):
    written = Signal(str)
    failed = Signal(str)


class _Job(QRunnable):
    """Export with its own session, off the UI thread; reports by signal."""

    def __init__(self, db, workspace_id: int, lang: str, signals: _Signals) -> None:
        super().__init__()
        self.db, self.workspace_id, self.lang, self.signals = db, workspace_id, lang, signals

    def run(self) -> None:
        try:
            with self.db.session() as session:
                path, _written = update_subscription(
                    session, self.workspace_id, self.db.path, self.db.media_dir, lang=self.lang
                )
            self.signals.written.emit(str(path))
        except UserError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a background job must report, not crash the app
            log.exception("calendar subscription update failed")
            self.signals.failed.emit(str(exc))


class SubscriptionWriter(QObject):
    """Coalesces changes and keeps ``calendars/<workspace>.ics`` beside the database up to date."""

    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view
        self.signals = _Signals(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.write_now)
        self.last_path: str | None = None
        self.signals.written.connect(self._on_written)
        self.signals.failed.connect(lambda message: view.studio.show_status(message))

    def schedule(self) -> None:
        self.timer.start()

    def flush(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self.write_now()

    def write_now(self) -> None:
        studio = self.view.studio
        self.view.pool.start(_Job(studio.db, studio.workspace_id, self.view.lang(), self.signals))

    def path(self) -> Path:
        with self.view.studio.session() as session:
            workspace = self.view.studio.workspace(session)
            db = self.view.studio.db
            return subscription_path(db.path, db.media_dir, workspace.name, workspace.id)

    def _on_written(self, path: str) -> None:
        self.last_path = path
