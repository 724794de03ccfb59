"""Help → About: versions and where the studio keeps its files, with a "Copy diagnostics" button.

The diagnostics are what a support request needs to reproduce a problem (versions, platform, which
files are used, which connectors loaded) and nothing a stranger could use: no database password, no
secret-looking URL parameter, no account, no token. They stay in English whatever the interface
language, so whoever answers the support request reads the same labels every time.
"""

from __future__ import annotations

import html
import platform
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from cmstudio import __version__
from cmstudio.core import paths
from cmstudio.core.logs import log_file
from cmstudio.ui.studio import Studio

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
_SECRET_PARAM = re.compile(r"pass|secret|token|key|auth|credential", re.IGNORECASE)
HIDDEN = "***"


def redacted_url(url: str) -> str:
    """A database URL safe to show: no password, and secret-looking query parameters masked."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "<invalid URL>"
    query = {k: (HIDDEN if _SECRET_PARAM.search(k) else v) for k, v in parsed.query.items()}
    rendered = parsed.set(query=query).render_as_string(hide_password=True)
    return rendered.replace("%2A%2A%2A", HIDDEN)  # the mask, not its URL-encoded form


def build_kind() -> str:
    """How this copy was installed: a frozen bundle (PyInstaller) or a Python package at a path."""
    if getattr(sys, "frozen", False):
        return f"PyInstaller bundle in {Path(sys.executable).parent}"
    return f"Python package in {Path(__file__).resolve().parents[1]}"


def connectors_summary() -> str:
    """The connector ids that loaded, and the plug-ins that failed with their reason."""
    from cmstudio.publish.registry import discover

    found = discover()
    text = ", ".join(sorted(found.connectors)) or "none"
    if found.failed:
        text += "; failed: " + "; ".join(f"{f.name} ({f.message})" for f in found.failed)
    return text


@dataclass(frozen=True)
class Facts:
    """What the About box shows and the diagnostics copy, gathered once."""

    version: str
    build: str
    python: str
    os_name: str
    qt: str
    pyside: str
    qt_platform: str
    database: str
    media: str
    data_dir: str
    log: str
    connectors: str

    @classmethod
    def gather(cls, db_url: str, db_path: Path | None, media_dir: Path) -> Facts:
        app = QGuiApplication.instance()
        return cls(
            version=__version__,
            build=build_kind(),
            python=sys.version.split()[0],
            os_name=platform.platform(),
            qt=qVersion(),
            pyside=pyside_version,
            qt_platform=app.platformName() if isinstance(app, QGuiApplication) else "none",
            database=str(db_path) if db_path is not None else redacted_url(db_url),
            media=str(media_dir),
            data_dir=str(paths.data_dir()),
            log=str(log_file()),
            connectors=connectors_summary(),
        )

    def report(self) -> str:
        """The plain-text diagnostics for a support request."""
        return "\n".join([
            f"CM Studio {self.version}",
            f"Build: {self.build}",
            f"Python {self.python} on {self.os_name}",
            f"Qt {self.qt} / PySide6 {self.pyside} (platform {self.qt_platform})",
            f"Database: {self.database}",
            f"Media folder: {self.media}",
            f"Data folder: {self.data_dir}",
            f"Log: {self.log}",
            f"Connectors: {self.connectors}",
        ])


def diagnostics(studio: Studio) -> str:
    """The diagnostics of the open workspace database, without secrets."""
    db = studio.db
    return Facts.gather(db.url, db.path, db.media_dir).report()


def app_icon() -> QIcon:
    """The studio's icon, from the copies shipped inside the package."""
    icon = QIcon()
    for name in ("cmstudio.svg", "cmstudio-256.png"):
        if (ICON_DIR / name).exists():
            icon.addFile(str(ICON_DIR / name))
    return icon


class AboutDialog(QMessageBox):
    """The About box. `copy_button` puts the diagnostics on the clipboard (and closes the box)."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.facts = Facts.gather(studio.db.url, studio.db.path, studio.db.media_dir)
        self.copied = False
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About CM Studio"))
        icon = app_icon()
        if not icon.isNull():
            self.setIconPixmap(icon.pixmap(64, 64))
        self.setText(f"<b>CM Studio {html.escape(self.facts.version)}</b><br>"
                     + html.escape(self.tr("Write once, publish everywhere, exactly.")))
        self.setInformativeText(self._details_html())
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # paths can be copied
        self.copy_button = self.addButton(self.tr("Copy diagnostics"), QMessageBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("copyDiagnosticsButton")
        self.copy_button.setToolTip(self.tr("Copy versions and file locations for a support request. "
                                            "No password or token is included."))
        close = self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(close)
        self.setEscapeButton(close)
        self.buttonClicked.connect(self._on_button)

    def rows(self) -> list[tuple[str, str]]:
        facts = self.facts
        return [
            (self.tr("Version"), facts.version),
            (self.tr("Qt version"), f"{facts.qt} (PySide6 {facts.pyside})"),
            (self.tr("Python"), facts.python),
            (self.tr("Database"), facts.database),
            (self.tr("Log file"), facts.log),
        ]

    def _details_html(self) -> str:
        cells = "".join(f"<tr><td><b>{html.escape(label)}</b>&nbsp;&nbsp;</td><td>{html.escape(value)}</td></tr>"
                        for label, value in self.rows())
        return f"<table>{cells}</table>"

    def copy_diagnostics(self) -> str:
        report = self.facts.report()
        QApplication.clipboard().setText(report)
        self.copied = True
        self.studio.statusMessageRequested.emit(self.tr("Diagnostics copied to the clipboard."))
        return report

    def _on_button(self, button: object) -> None:
        if button is self.copy_button:
            self.copy_diagnostics()


def show_about(studio: Studio, parent: QWidget | None) -> bool:
    """Show the About box; True when the user copied the diagnostics."""
    box = AboutDialog(studio, parent)
    box.exec()
    return box.copied
