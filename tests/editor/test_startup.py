"""Start-up: the first view is read without SQLAlchemy, the rest loads after the first paint, and
background results come back by signal (no polling)."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from cmstudio.core.articles import get_article, list_articles
from cmstudio.editor import workers
from cmstudio.ui.app import build_app


@pytest.fixture
def quick_built(demo_db, qtbot):
    """The studio built from the workspace's URL, as `cmstudio` does: the quick first look."""
    built = build_app(demo_db.url, language="en", theme_name="light", persist_state=False)
    qtbot.addWidget(built.window)
    yield built
    built.studio.close()


def test_first_view_shows_real_content_before_the_database_opens(demo_db, quick_built, qtbot):
    studio, window = quick_built.studio, quick_built.window
    view = window.view("articles")
    assert studio.quick is not None and not studio.is_ready()
    with demo_db.session() as s:
        rows = list_articles(s, studio.workspace_id)
        latest = get_article(s, rows[0].id)
    assert view.list_panel.model.rows == rows
    assert view.list_panel.current_id() == latest.id == view.session.article_id
    assert view.title_edit.text() == latest.title
    assert view.editor.toPlainText() == latest.markdown
    assert view.metadata.slug.text() == latest.slug
    assert window.workspace_box.count() >= 1 and window.workspace_box.currentData() == studio.workspace_id
    assert view.preview.toPlainText() == ""  # rendered once the window is on screen

    with qtbot.waitSignal(studio.ready, timeout=15000):
        window.show()
    assert studio.quick is None
    qtbot.waitUntil(lambda: not view._busy(), timeout=15000)
    assert view.preview.last is not None and view.preview.last.text == latest.markdown
    assert len(view.preview.toPlainText()) > 100
    assert view.stats_label.text()  # words, characters, reading time
    assert view.metadata.language.count() > 2  # every language with a dictionary, once loaded


def test_typing_before_the_database_opens_is_saved(demo_db, quick_built, qtbot):
    view = quick_built.window.view("articles")
    article_id = view.session.article_id
    assert quick_built.studio.quick is not None
    view.editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(view.editor, " Ajout rapide")
    assert view.session.save() is not None  # opens the database on the spot
    assert quick_built.studio.quick is None
    with demo_db.session() as s:
        assert get_article(s, article_id).markdown.endswith(" Ajout rapide")


def test_background_results_arrive_in_order_on_the_ui_thread(qapp, qtbot):
    ui = threading.get_ident()
    seen: list[tuple] = []
    failures: list[str] = []

    def slow(value: int, delay: float) -> int:
        time.sleep(delay)
        return value

    def boom() -> None:
        raise ValueError("broken on purpose")

    pool = workers.serial_pool()
    workers.run_task(slow, 1, 0.05, on_done=lambda v: seen.append(("a", v, threading.get_ident() == ui)), pool=pool)
    workers.run_task(slow, 2, 0.0, on_done=lambda v: seen.append(("b", v, threading.get_ident() == ui)), pool=pool)
    workers.run_task(boom, on_done=lambda _v: seen.append(("never",)), on_failed=lambda e: failures.append(str(e)))
    qtbot.waitUntil(lambda: len(seen) == 2 and bool(failures), timeout=5000)
    assert seen == [("a", 1, True), ("b", 2, True)]
    assert failures == ["broken on purpose"]
    assert workers.pending_count() == 0
    assert workers._get_dispatcher().findChildren(QTimer) == []  # nothing polls while idle


def test_damage_found_after_the_first_look_is_reported_and_the_file_left_alone(tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from cmstudio.core.db import open_database
    from cmstudio.core.demo import fill_demo

    path = tmp_path / "abime.sqlite3"
    db = open_database(str(path))
    with db.session() as s:
        fill_demo(s, db.media_dir, articles=12, seed=3)
    db.close()  # the last connection checkpoints the WAL into the file
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'article_revisions'").fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:  # revisions are not read for the first view
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    damaged = path.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))

    built = build_app(str(path), language="en", theme_name="light", persist_state=False)
    qtbot.addWidget(built.window)
    assert built.studio.quick is not None
    assert built.window.view("articles").list_panel.model.rows
    built.window.show()
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    assert str(path) in shown[0] and "damaged" in shown[0]
    assert built.window.startup_error == shown[0]
    assert not built.window.isVisible()  # closed: `cmstudio` then exits with status 2
    assert not built.studio.is_ready()
    built.studio.close()
    assert path.read_bytes() == damaged
