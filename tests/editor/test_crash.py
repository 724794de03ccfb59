"""Crash safety with a real process: type in the editor, let autosave run, SIGKILL, reopen."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cmstudio.core.articles import get_article
from cmstudio.core.db import open_database

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r'''
import sys, time
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtTest import QTest
from cmstudio.ui.app import build_app


def type_text(widget, text):
    """QTest.keyClicks for ASCII; key events carrying the character for accented letters."""
    for ch in text:
        if ch == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                built.app.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))

built = build_app(sys.argv[1], language="en", theme_name="light")
view = built.window.show_section("articles")
built.window.show()
app = built.app
for _ in range(20):
    app.processEvents()
article_id = view.session.article_id
editor = view.editor
editor.setFocus()
editor.moveCursor(QTextCursor.MoveOperation.End)
type_text(editor, "\n\n" + sys.argv[2])
typed = time.monotonic()
while view.session.is_dirty() and time.monotonic() - typed < 10:
    app.processEvents()
    time.sleep(0.01)
print("READY", article_id, round(time.monotonic() - typed, 3), flush=True)
type_text(editor, " " + sys.argv[3])
print("TYPED", flush=True)
while True:  # keep the app alive until the test kills it
    app.processEvents()
    time.sleep(0.01)
'''


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_after_autosave_loses_nothing(demo_db, tmp_path):
    first = "Mot juste écrit avant le crash, avec des accents : éàç."
    second = "suite-tapée-juste-avant-le-kill"
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", CMSTUDIO_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT)
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, demo_db.url, first, second],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready = proc.stdout.readline().split()
        assert ready and ready[0] == "READY", proc.stderr.read() if proc.poll() is not None else ready
        article_id, delay = int(ready[1]), float(ready[2])
        assert proc.stdout.readline().strip() == "TYPED"
        time.sleep(2.5)  # a pause in typing longer than the promise of “saved within 2 seconds”
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert delay <= 2.0
    db = open_database(demo_db.url)
    try:
        with db.session() as session:
            text = get_article(session, article_id).markdown
    finally:
        db.close()
    assert first in text
    assert second in text
