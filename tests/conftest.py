"""Shared fixtures: an isolated home for settings/logs, a real migrated SQLite workspace with demo content."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real user data, config and log folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CMSTUDIO_HOME", str(home))
    monkeypatch.setenv("CMSTUDIO_LANG", "en")  # tests read English messages unless they ask for French
    return home


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'workspace.sqlite3'}"


@pytest.fixture
def demo_db(db_url: str):
    """A migrated SQLite workspace database with the standard demo content."""
    from cmstudio.core.db import open_database
    from cmstudio.core.demo import fill_demo

    db = open_database(db_url)
    with db.session() as session:
        fill_demo(session, db.media_dir, articles=30, seed=7)
    yield db
    db.close()


@pytest.fixture
def built(demo_db, qtbot):
    """The application and main window on the demo workspace, event loop not running."""
    from cmstudio.ui.app import build_app

    result = build_app(demo_db, language="en", theme_name="light")
    qtbot.addWidget(result.window)
    yield result
