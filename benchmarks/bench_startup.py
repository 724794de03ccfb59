"""Cold start: a new process to the main window shown and idle, on a 2,000-article workspace,
as a ratio to a bare PySide6 window started the same way in the same run. Budget ≤ 3× (aim 2×).

"Idle" is the first turn of the event loop after show(): the Articles view then holds the list and
the latest article (read with the standard library's sqlite3, cmstudio.core.quickread). What comes
after the first paint (SQLAlchemy, the preview, spelling, thumbnails) is timed apart, for the record:
"fully loaded" waits for ``studio.ready`` and the view's background work (``wait_until_idle``)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 5
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1280, 800); window.show()
QTimer.singleShot(0, lambda: (print("idle", flush=True), app.quit()))
app.exec()
"""
STUDIO = """
import sys
from PySide6.QtCore import QTimer
from cmstudio.ui.app import build_app
built = build_app(sys.argv[1], language="fr", theme_name="light", first_run_demo=False)
built.window.show()
QTimer.singleShot(0, lambda: (print("idle", flush=True), built.app.quit()))
built.app.exec()
"""
LOADED = """
import sys
from PySide6.QtCore import QTimer
from cmstudio.ui.app import build_app
built = build_app(sys.argv[1], language="fr", theme_name="light", first_run_demo=False)
view = built.window.view("articles")


def loaded():
    view.wait_until_idle()
    print("idle", flush=True)
    built.app.quit()


built.studio.ready.connect(lambda: QTimer.singleShot(0, loaded))
built.window.show()
built.app.exec()
"""


def _time(code: str, *args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)
    elapsed = time.perf_counter() - start
    if "idle" not in result.stdout:
        raise RuntimeError(f"the child did not reach idle: {result.stderr[-2000:]}")
    return elapsed


def prepare(folder: Path, articles: int = 2000) -> str:
    from cmstudio.core.db import open_database
    from cmstudio.core.demo import fill_demo

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    db = open_database(url)
    with db.session() as session:
        fill_demo(session, db.media_dir, articles=articles, seed=11)
    db.close()
    return url


def run() -> list[tuple[str, float, float, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["CMSTUDIO_HOME"] = str(folder / "home")
        url = prepare(folder)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CMSTUDIO_HOME": str(folder / "home")}
        _time(BARE, env=env)  # warm the OS file cache for both, as a user's second start would be
        _time(STUDIO, url, env=env)
        bare = statistics.median(_time(BARE, env=env) for _ in range(ROUNDS))
        studio = statistics.median(_time(STUDIO, url, env=env) for _ in range(ROUNDS))
        loaded = statistics.median(_time(LOADED, url, env=env) for _ in range(ROUNDS))
    return [
        ("startup: bare PySide6 window (s)", bare, float("inf"), "s"),
        ("startup: studio, 2,000 articles (s)", studio, float("inf"), "s"),
        ("startup: studio / bare ratio (budget 3x, aim 2x)", studio / bare, 3.0, "x"),
        ("startup: studio fully loaded: database, preview, spelling (s)", loaded, float("inf"), "s"),
    ]


if __name__ == "__main__":
    for row in run():
        print(*row)
