"""Help → About: versions and where the studio keeps its files, with a copy-diagnostics button."""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cmstudio import __version__
from cmstudio.core.db import _safe
from cmstudio.core.logs import log_file
from cmstudio.ui.studio import Studio


def diagnostics(studio: Studio) -> str:
    """What a support request needs, never a secret (the database URL is shown without password)."""
    location = str(studio.db.path) if studio.db.path else _safe(studio.db.url)
    return "\n".join([
        f"CM Studio {__version__}",
        f"Python {sys.version.split()[0]} on {platform.platform()}",
        f"Qt {qVersion()} / PySide6 {pyside_version}",
        f"Database: {location}",
        f"Log: {log_file()}",
    ])


def show_about(studio: Studio, parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setObjectName("aboutDialog")
    box.setWindowTitle(QCoreApplication.translate("AboutDialog", "About CM Studio"))
    box.setText(diagnostics(studio))
    copy = box.addButton(QCoreApplication.translate("AboutDialog", "Copy diagnostics"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(diagnostics(studio))
