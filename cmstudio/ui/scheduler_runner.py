"""Publishing while the studio runs: a timer, a worker thread, an optional tray icon.

Every 30 seconds a pass of `cmstudio.publish.scheduler.run_due` runs in a worker thread with its
own database sessions; the UI thread never waits on the network. Manual posts that became due are
announced (tray message), their text is copied to the clipboard and their folder opened.
When the user wants it, a tray icon keeps the studio publishing after its window is closed.

`StudioSecrets` opens the secret store for the GUI: the keyring, or — after asking the user once —
the encrypted file, whose passphrase is kept in memory only.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSystemTrayIcon,
    QWidget,
)

from cmstudio.core.models import Publication
from cmstudio.publish.secrets import NoKeyringError, SecretStore, open_store
from cmstudio.ui.studio import CALENDAR, PUBLICATIONS, VARIANTS, Studio

log = logging.getLogger(__name__)

INTERVAL_MS = 30_000
TRAY_SETTING = "publishing/keep_running_in_tray"
OPEN_MANUAL_SETTING = "publishing/open_manual_folder"
FILE_OPT_IN_SETTING = "secrets/encrypted_file"


class StudioSecrets(QObject):
    """The studio's secret store, asking for the encrypted-file passphrase when there is no keyring."""

    def __init__(self, studio: Studio, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self._passphrase: str | None = None

    def store(self, parent: QWidget | None = None) -> SecretStore | None:
        """The store, or None when there is none and the user declined (a message was shown)."""
        try:
            return open_store(self._passphrase)
        except NoKeyringError as exc:
            if parent is None:
                raise
            message = str(exc)
        answer = QMessageBox.question(
            parent, self.tr("No system keyring"),
            message + "\n\n" + self.tr("Keep the secrets in an encrypted file protected by a passphrase?"))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        text, ok = QInputDialog.getText(parent, self.tr("Encrypted secrets file"),
                                        self.tr("Passphrase (it is never stored):"), QLineEdit.EchoMode.Password)
        if not ok or not text:
            return None
        self._passphrase = text
        self.studio.settings.setValue(FILE_OPT_IN_SETTING, True)
        return open_store(text)

    def quiet_store(self) -> SecretStore | None:
        """For background passes: never asks; None lets the engine open (or refuse) the keyring."""
        return open_store(self._passphrase) if self._passphrase else None


class _Signals(QObject):
    finished = Signal(object, object)  # outcomes (list or None), manual items [(id, text, folder)]
    failed = Signal(str)


class _PassTask(QRunnable):
    def __init__(self, studio: Studio, store: SecretStore | None) -> None:
        super().__init__()
        self.studio, self.store = studio, store
        self.signals = _Signals()

    def run(self) -> None:
        from cmstudio.publish.scheduler import run_due

        try:
            outcomes = run_due(self.studio.db, store=self.store)
            manual: list[tuple[int, str, str]] = []
            if outcomes:
                with self.studio.db.session() as session:
                    for o in outcomes:
                        if o.kind == "manual":
                            pub = session.get(Publication, o.publication_id)
                            info = ((pub.payload or {}).get("manual") or {}) if pub else {}
                            manual.append((o.publication_id, str(info.get("text", "")), str(info.get("folder", ""))))
            self.signals.finished.emit(outcomes, manual)
        except Exception as exc:  # noqa: BLE001 - reported to the UI, logged with its traceback
            log.exception("publishing pass failed")
            self.signals.failed.emit(str(exc))


class SchedulerRunner(QObject):
    """Runs publishing passes on a timer while the studio is open."""

    passFinished = Signal(object)  # list[Outcome]
    manualReady = Signal(int, str, str)  # publication id, text, folder

    def __init__(self, studio: Studio, secrets: StudioSecrets | None = None, parent: QObject | None = None,
                 *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.studio = studio
        self.secrets = secrets or StudioSecrets(studio, self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._busy = False
        self._tasks: list[_PassTask] = []
        self.tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("publishTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_now)
        self.manualReady.connect(self._on_manual)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(2_000, self.run_now)

    def stop(self) -> None:
        self.timer.stop()

    @property
    def busy(self) -> bool:
        return self._busy

    def run_now(self) -> bool:
        """Start a pass unless one is running; True when started."""
        if self._busy:
            return False
        self._busy = True
        try:
            store = self.secrets.quiet_store()
        except Exception:  # noqa: BLE001 - a broken store is reported by each publication instead
            store = None
        task = _PassTask(self.studio, store)
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        self._tasks.append(task)
        self.pool.start(task)
        return True

    def wait_until_idle(self, msecs: int = 30_000) -> None:
        self.pool.waitForDone(msecs)
        QApplication.processEvents()

    def _on_finished(self, outcomes: Any, manual: Any) -> None:
        self._busy = False
        self._tasks = [t for t in self._tasks if t.signals is not self.sender()]
        outcomes = [o for o in outcomes or () if o.kind != "waiting"]  # reported when it happened
        if not outcomes:
            return
        self.studio.notify({PUBLICATIONS, VARIANTS, CALENDAR})
        for pub_id, text, folder in manual or ():
            self.manualReady.emit(pub_id, text, folder)
        published = sum(1 for o in outcomes if o.kind in ("published", "scheduled"))
        failed = [o for o in outcomes if o.failed]
        if published:
            self.studio.show_status(self.tr("%n post(s) published.", "", published))
        if failed:
            self.studio.show_status(self.tr("%n publication(s) need your attention.", "", len(failed)))
            self._tray_message(self.tr("Publishing"), failed[0].message, warning=True)
        self.passFinished.emit(list(outcomes))

    def _on_failed(self, message: str) -> None:
        self._busy = False
        self.studio.show_status(self.tr("The publishing pass failed: %1").replace("%1", message))

    def _on_manual(self, pub_id: int, text: str, folder: str) -> None:
        """A manual post is due: text to the clipboard, the folder opened, a notification."""
        if text:
            QGuiApplication.clipboard().setText(text)
        if folder and self.studio.settings.value(OPEN_MANUAL_SETTING, True, type=bool):
            QDesktopServices.openUrl(QUrl.fromLocalFile(folder))
        self._tray_message(self.tr("Time to post by hand"),
                           self.tr("The text is in the clipboard and the images are in the folder that opened."))

    # -- tray ------------------------------------------------------------------------------

    def keep_running_in_tray(self) -> bool:
        return bool(self.studio.settings.value(TRAY_SETTING, False, type=bool))

    def set_keep_running_in_tray(self, on: bool, window: QWidget | None = None) -> bool:
        """Turn the tray icon on or off; False when the desktop has no system tray."""
        self.studio.settings.setValue(TRAY_SETTING, bool(on))
        if on:
            return self.install_tray(window)
        if self.tray is not None:
            self.tray.hide()
            self.tray = None
        QApplication.setQuitOnLastWindowClosed(True)
        return True

    def install_tray(self, window: QWidget | None = None) -> bool:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return False
        if self.tray is None:
            icon = window.windowIcon() if window is not None else QIcon()
            if icon.isNull():
                icon = QApplication.style().standardIcon(QApplication.style().StandardPixmap.SP_ComputerIcon)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("CM Studio — publishing on schedule"))
            menu = QMenu()
            if window is not None:
                menu.addAction(self.tr("Open CM Studio"), lambda: (window.showNormal(), window.activateWindow()))
            menu.addAction(self.tr("Publish due posts now"), self.run_now)
            menu.addSeparator()
            menu.addAction(self.tr("Quit"), QApplication.quit)
            self.tray.setContextMenu(menu)
            self._tray_menu = menu
        self.tray.show()
        QApplication.setQuitOnLastWindowClosed(False)
        return True

    def _tray_message(self, title: str, text: str, warning: bool = False) -> None:
        if self.tray is not None and self.tray.isVisible():
            icon = QSystemTrayIcon.MessageIcon.Warning if warning else QSystemTrayIcon.MessageIcon.Information
            self.tray.showMessage(title, text, icon, 8_000)


_runners: dict[int, SchedulerRunner] = {}


def runner_for(studio: Studio) -> SchedulerRunner:
    """The studio's runner (one per Studio), created on first use; the main window starts it."""
    runner = _runners.get(id(studio))
    if runner is None:
        runner = SchedulerRunner(studio, parent=studio)
        _runners[id(studio)] = runner
        studio.destroyed.connect(lambda *_: _runners.pop(id(studio), None))
    return runner


def install(studio: Studio, window: QWidget | None = None, *, start: bool = True) -> SchedulerRunner:
    """Wire the runner to the studio (call once from the app): timer started, tray if wanted."""
    runner = runner_for(studio)
    if runner.keep_running_in_tray():
        runner.install_tray(window)
    if start:
        runner.start()
    return runner
