"""Help → About: versions and file locations on screen, and diagnostics for support without secrets."""

from __future__ import annotations

from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication

from cmstudio import __version__
from cmstudio.core.logs import log_file
from cmstudio.ui import about


def stub_exec(monkeypatch, click: str | None) -> list[about.AboutDialog]:  # type: ignore[no-untyped-def]
    """Replace the modal loop: record the box, then press one of its buttons as a user would."""
    shown: list[about.AboutDialog] = []

    def fake_exec(self: about.AboutDialog) -> int:
        shown.append(self)
        if click == "copy":
            self.copy_button.click()
        elif click == "close":
            self.escapeButton().click()
        return 0

    monkeypatch.setattr(about.AboutDialog, "exec", fake_exec)
    return shown


def test_help_about_shows_versions_and_where_the_files_are(built, monkeypatch) -> None:
    shown = stub_exec(monkeypatch, click="close")
    QApplication.clipboard().setText("untouched")
    built.window.about_action.trigger()
    (box,) = shown
    assert box.objectName() == "aboutDialog"
    assert box.windowTitle() == "About CM Studio"
    assert __version__ in box.text()
    details = box.informativeText()
    for expected in (__version__, qVersion(), pyside_version, str(built.studio.db.path), str(log_file())):
        assert expected in details, expected
    assert not box.copied
    assert QApplication.clipboard().text() == "untouched"


def test_copy_diagnostics_puts_a_support_report_on_the_clipboard(built, monkeypatch) -> None:
    shown = stub_exec(monkeypatch, click="copy")
    messages: list[str] = []
    built.studio.statusMessageRequested.connect(messages.append)
    built.window.about_action.trigger()
    assert shown[0].copied
    report = QApplication.clipboard().text()
    lines = report.splitlines()
    assert lines[0] == f"CM Studio {__version__}"
    assert f"Qt {qVersion()} / PySide6 {pyside_version}" in report
    assert f"Database: {built.studio.db.path}" in lines
    assert f"Log: {log_file()}" in lines
    assert "(platform offscreen)" in report
    connectors = next(line for line in lines if line.startswith("Connectors: "))
    assert {"mastodon", "bluesky", "wordpress"} <= set(connectors.removeprefix("Connectors: ").split(", "))
    assert messages == ["Diagnostics copied to the clipboard."]


def test_a_server_database_is_shown_without_its_password_or_secret_parameters(qapp, tmp_path: Path) -> None:
    url = ("postgresql+psycopg://studio:S3cr3t-Pw@db.example.org:5433/cm"
           "?sslpassword=K3y-Phrase&application_name=cmstudio&api_token=T0k3n")
    report = about.Facts.gather(url, None, tmp_path / "media").report()
    for secret in ("S3cr3t-Pw", "K3y-Phrase", "T0k3n"):
        assert secret not in report
    database = next(line for line in report.splitlines() if line.startswith("Database: "))
    assert "studio:***@db.example.org:5433/cm" in database
    assert "application_name=cmstudio" in database
    assert "sslpassword=***" in database and "api_token=***" in database


def test_an_unreadable_database_url_is_not_echoed() -> None:
    assert about.redacted_url("not a url with hunter2") == "<invalid URL>"


def test_the_report_says_how_the_studio_was_installed(qapp, tmp_path: Path) -> None:
    report = about.Facts.gather("sqlite://", tmp_path / "w.sqlite3", tmp_path / "media").report()
    assert "Build: Python package in " in report
    assert f"Database: {tmp_path / 'w.sqlite3'}" in report
