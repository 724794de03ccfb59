"""Blog editor budgets (issue 3): keystrokes, opening, preview, background spell pass, memory.

A 20,000-word French article (demo paragraphs with headings, lists and quotes) is opened in the real
Articles view, spell-check on, in a workspace that also holds 2,000 ordinary articles.
Run: ``QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_editor``.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._article import long_french_article, percentile  # the article bench_peers measures too

ARTICLES = 2_000



def run() -> list[tuple[str, float, float, str]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="cmstudio-bench-editor-")
    os.environ["CMSTUDIO_HOME"] = home
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from cmstudio.core.db import open_database
    from cmstudio.core.models import Article
    from cmstudio.core.workspaces import create_workspace
    from cmstudio.ui.app import build_app

    db = open_database(f"sqlite:///{Path(home) / 'bench.sqlite3'}")
    text = long_french_article()
    with db.session() as s:
        ws = create_workspace(s, "Banc d'essai", language="fr")
        s.add_all(
            Article(
                workspace_id=ws.id,
                title=f"Article {i}",
                slug=f"article-{i}",
                markdown=f"# Article {i}\n\nUn texte court de démonstration numéro {i}.",
                language="fr",
                status="draft",
                tags=["essai"],
                categories=[],
            )
            for i in range(ARTICLES)
        )
        big = Article(
            workspace_id=ws.id,
            title="Guide complet",
            slug="guide-complet",
            markdown=text,
            language="fr",
            status="draft",
            tags=[],
            categories=[],
        )
        s.add(big)
        s.flush()
        big_id, small_id = big.id, big.id - 1
    built = build_app(db, language="fr", theme_name="light", first_run_demo=False)
    app = built.app
    window = built.window
    window.resize(1400, 900)  # type: ignore[attr-defined]
    view = window.show_section("articles")  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    view.wait_until_idle()
    results: list[tuple[str, float, float, str]] = []

    # Opening an ordinary article in the 2,000-article workspace (list refresh included).
    t0 = time.perf_counter()
    view.refresh_list()
    view.open_article(small_id)
    view.editor.viewport().repaint()
    results.append(
        ("open article among 2,000 (list + first paint)", (time.perf_counter() - t0) * 1000, 300, "ms")
    )
    view.wait_until_idle()

    # Opening the 20,000-word article to first paint.
    t0 = time.perf_counter()
    view.open_article(big_id)
    view.editor.viewport().repaint()
    results.append(("open 20,000-word article to first paint", (time.perf_counter() - t0) * 1000, 300, "ms"))
    view.wait_until_idle(60_000)

    # Preview refresh after the pause: from the end of the debounce to the new HTML on screen.
    view.editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(view.editor, " fin")
    t0 = time.perf_counter()
    view.render_preview()
    while view.preview.busy():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)
    view.preview.viewport().repaint()
    results.append(
        ("preview refresh after the pause (new HTML painted)", (time.perf_counter() - t0) * 1000, 200, "ms")
    )
    t0 = time.perf_counter()
    view._sync_preview_scroll()
    results.append(
        (
            "then scrolling the preview in step, at the article's end",
            (time.perf_counter() - t0) * 1000,
            float("inf"),
            "ms",
        )
    )
    view.wait_until_idle(60_000)

    # Keystrokes: 300 at the end, 300 in the middle, each handled to completion.
    latencies: list[float] = []
    for where in ("end", "middle"):
        if where == "end":
            view.editor.moveCursor(QTextCursor.MoveOperation.End)
        else:
            cursor = view.editor.textCursor()
            cursor.setPosition(view.editor.document().characterCount() // 2)
            view.editor.setTextCursor(cursor)
        for i in range(300):
            key = "abcdefghij "[i % 11]
            t0 = time.perf_counter()
            QTest.keyClicks(view.editor, key)
            app.processEvents()
            latencies.append((time.perf_counter() - t0) * 1000)
    view.session.timer.stop()
    results.append(("keystroke, median", statistics.median(latencies), 4, "ms"))
    results.append(("keystroke, 99th percentile", percentile(latencies, 0.99), 16, "ms"))
    view.wait_until_idle(60_000)

    # A full background spell pass while a 10 ms UI timer ticks: worst lateness.
    late: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        late.append(max(0, now - last[0] - 10))
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    t0 = time.perf_counter()
    view.editor.spell.reset()
    while view.editor.spell.busy() and time.perf_counter() - t0 < 120:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)
    spell_ms = (time.perf_counter() - t0) * 1000
    timer.stop()
    results.append(("10 ms UI timer lateness during a full spell pass", float(max(late or [0])), 30, "ms"))
    results.append(("full spell pass (background, for information)", spell_ms, float("inf"), "ms"))

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (
        1024 if sys.platform != "darwin" else 1024 * 1024
    )
    results.append(("peak memory with the article open", peak, 300, "MB"))
    view.session.start(0)
    window.close()  # type: ignore[attr-defined]
    db.close()
    return results


if __name__ == "__main__":
    for name, measured, budget, unit in run():
        verdict = "ok" if measured <= budget else "OVER"
        shown_budget = "—" if budget == float("inf") else f"{budget:g}"
        print(f"{name:<52} {measured:9.1f} {unit:<3} budget {shown_budget:>5} {unit:<3} {verdict}")
