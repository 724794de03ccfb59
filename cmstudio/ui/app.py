"""Building the application and its main window, with or without running the event loop."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from cmstudio import __version__
from cmstudio.core import i18n as core_i18n
from cmstudio.core import paths
from cmstudio.core.db import Database, open_database, resolve_url
from cmstudio.ui import i18n, theme
from cmstudio.ui.studio import Studio

log = logging.getLogger(__name__)
ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


@dataclass
class Built:
    app: QApplication
    window: object  # MainWindow, imported lazily
    studio: Studio
    language: str
    dark: bool


def settings_store() -> QSettings:
    """Window state and UI preferences, in an INI file in the user config dir."""
    target = paths.config_dir() / "cmstudio.ini"
    target.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(target), QSettings.Format.IniFormat)


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName("CM Studio")
    app.setOrganizationName("CM Studio")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("fr.cmstudio.CMStudio")
    app.setWindowIcon(_app_icon())
    return app  # type: ignore[return-value]


def _app_icon() -> QIcon:
    """The icons shipped in the package (as cmstudio.ui.about.app_icon, without loading the About
    box's module at start-up)."""
    icon = QIcon()
    for name in ("cmstudio.svg", "cmstudio-256.png"):
        if (ICON_DIR / name).exists():
            icon.addFile(str(ICON_DIR / name))
    return icon


def build_app(
    db: Database | str | None = None,
    *,
    language: str | None = None,
    theme_name: str | None = None,
    argv: list[str] | None = None,
    first_run_demo: bool = True,
    persist_state: bool = True,
) -> Built:
    """Open the database, prepare Qt (language, palette) and build the main window; do not exec().

    Given a URL of an up-to-date SQLite workspace, the first view is read with the standard library
    (cmstudio.core.quickread) and the database proper is opened once the window has painted
    (``studio.ready``); anything else is opened here, with its checks and migrations."""
    app = ensure_app(argv)
    settings = settings_store()
    lang = i18n.install_translators(app, i18n.resolve_language(language or settings.value("ui/language")))
    core_i18n.set_language(lang)
    chosen_theme = theme_name or str(settings.value("ui/theme", "system"))
    dark = theme.apply_theme(app, chosen_theme)
    if chosen_theme == "system":
        theme.follow_system(app)
    database = db if isinstance(db, Database) else None
    quick = None
    if database is None:
        from cmstudio.core.quickread import QuickRead

        quick = QuickRead.open(db)  # None unless the file is current and holds a workspace
        if quick is None:
            database = open_database(db)
    if first_run_demo and database is not None:
        ensure_first_workspace(database)
    studio = Studio(database if database is not None else resolve_url(db), settings, quick=quick)
    from cmstudio.ui.main_window import MainWindow

    window = MainWindow(studio, persist_state=persist_state)
    return Built(app=app, window=window, studio=studio, language=lang, dark=dark)


def ensure_first_workspace(database: Database) -> bool:
    """On first run (no workspace at all), fill demo content so every view has something to show."""
    from sqlalchemy import func, select

    from cmstudio.core.demo import fill_demo
    from cmstudio.core.models import Workspace

    with database.session() as session:
        if session.scalar(select(func.count(Workspace.id))):
            return False
        fill_demo(session, database.media_dir)
    log.info("first run: demo workspaces created in %s", database.url)
    return True


def run_gui(db_url: str | None, language: str | None = None, theme_name: str | None = None) -> int:
    from cmstudio.ui.single_instance import InstanceGuard

    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "1")
    from cmstudio.core.quickread import sqlite_file

    app = ensure_app()
    url = resolve_url(db_url)
    path = sqlite_file(url)  # known without opening: the database itself opens after the first paint
    database = open_database(url) if path is None else None
    guard = InstanceGuard(path if path is not None else (database.path or Path(database.url)))  # type: ignore[union-attr]
    if not guard.acquire():
        guard.ask_other_to_show()
        if database is not None:
            database.close()
        print("CM Studio is already open on this workspace; its window was brought to the front.",
              file=sys.stderr)
        return 0
    try:
        built = build_app(database or url, language=language, theme_name=theme_name)
    except BaseException:
        guard.release()
        raise
    guard.activationRequested.connect(lambda: _raise(built.window))
    services: list[object] = []

    def start_services() -> None:
        from cmstudio.ui import backup_runner, scheduler_runner

        scheduler_runner.install(built.studio, built.window)
        services.append(backup_runner.install(built.studio))  # daily backup, off the UI thread

    built.studio.ready.connect(start_services)  # once the window has painted and the database is open
    built.window.show()  # type: ignore[attr-defined]
    QTimer.singleShot(3000, built.window.finish_startup)  # type: ignore[attr-defined] # never painted?
    code = app.exec()
    for service in services:
        service.stop()  # type: ignore[attr-defined]
    guard.release()
    built.studio.close()
    if built.window.startup_error:  # type: ignore[attr-defined]
        print(built.window.startup_error, file=sys.stderr)  # type: ignore[attr-defined]
        return 2
    return code


def _raise(window: object) -> None:
    window.showNormal()  # type: ignore[attr-defined]
    window.raise_()  # type: ignore[attr-defined]
    window.activateWindow()  # type: ignore[attr-defined]
