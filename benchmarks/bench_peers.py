"""The peers to beat (issue 3): novelWriter and ReText measured on our editor's article and method.

Both are PyQt6 applications on PyPI, so they live in their own virtualenv, never in ours::

    python3 -m venv /tmp/peers-venv && /tmp/peers-venv/bin/pip install novelwriter retext
    QT_QPA_PLATFORM=offscreen /tmp/peers-venv/bin/python benchmarks/bench_peers.py \
        [--ours /work/venv/bin/python]

Each peer runs in a child process of its own (each has process-wide state and its own
QApplication): the real main window is built headless, the 20,000-word French article of
`bench_editor` (`_article.py`, same text, fingerprint printed) is opened with spell-check on in
French (Enchant + hunspell-fr, as both peers use pyenchant) and the figures are taken exactly as
`bench_editor` takes ours: `QTest.keyClicks` + `processEvents` per key, 300 keys at the end and 300
in the middle, median and 99th percentile; `viewport().repaint()` after opening; a 10 ms QTimer
during a full spell pass; `ru_maxrss` of the process. With ``--ours PYTHON`` our own benchmark runs
first in that interpreter and one side-by-side table is printed.

`run()` returns [] when neither peer is importable, so ``python -m benchmarks`` keeps working in
our virtualenv. Private attributes of the peers are read only to know when their background work
is finished (they expose no "idle" signal); nothing of theirs is patched except a timing wrapper
around ReText's own debounce slot.
"""

from __future__ import annotations

import faulthandler
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from benchmarks._article import fingerprint, long_french_article, percentile  # noqa: E402

Row = tuple[str, float, float, str]
INF = float("inf")
PEERS = {"novelWriter": "novelwriter", "ReText": "ReText"}  # shown name -> module

OPEN = "open 20,000-word article to first paint"
PREVIEW = "preview refresh after the pause (new HTML painted)"
KEY_MEDIAN = "keystroke, median"
KEY_P99 = "keystroke, 99th percentile"
TIMER = "10 ms UI timer lateness during a full spell pass"
SPELL = "full spell pass (background, for information)"
MEMORY = "peak memory with the article open"


def installed() -> list[str]:
    return [name for name, module in PEERS.items() if importlib.util.find_spec(module) is not None]


def run() -> list[Row]:
    """Rows "<peer> <version>: <figure>" for each installed peer; [] when none is installed."""
    rows: list[Row] = []
    for peer in installed():
        result = _child(peer)
        peer_name = result["peer"]
        for name, value, budget, unit in result["rows"]:
            rows.append((f"{peer_name}: {name}", value, budget, unit))
    return rows


def _child(peer: str) -> dict[str, Any]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", peer],
        capture_output=True, text=True, timeout=1800, env=env, check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"The {peer} benchmark failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(lines[-1])


# -- the measurements, shared by both peers ----------------------------------------------------



def _wait(app: Any, busy: Callable[[], bool], limit_s: float = 120) -> None:
    from PyQt6.QtCore import QEventLoop

    t0 = time.perf_counter()
    while busy() and time.perf_counter() - t0 < limit_s:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)


def _settle(app: Any, seconds: float) -> None:
    _wait(app, lambda: True, seconds)


def _keystrokes(app: Any, editor: Any) -> list[float]:
    """bench_editor's loop: 300 keys at the end, 300 in the middle, each handled to completion."""
    from PyQt6.QtGui import QTextCursor
    from PyQt6.QtTest import QTest

    latencies: list[float] = []
    for where in ("end", "middle"):
        if where == "end":
            editor.moveCursor(QTextCursor.MoveOperation.End)
        else:
            cursor = editor.textCursor()
            cursor.setPosition(editor.document().characterCount() // 2)
            editor.setTextCursor(cursor)
        for i in range(300):
            key = "abcdefghij "[i % 11]
            t0 = time.perf_counter()
            QTest.keyClicks(editor, key)
            app.processEvents()
            latencies.append((time.perf_counter() - t0) * 1000)
    return latencies


def _timer_lateness(app: Any, start: Callable[[], None], busy: Callable[[], bool]) -> tuple[float, float]:
    """Worst lateness of a 10 ms QTimer while a spell pass runs, and the pass's duration (ms)."""
    from PyQt6.QtCore import QElapsedTimer, QTimer

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
    start()
    _wait(app, busy)
    spent = (time.perf_counter() - t0) * 1000
    # A pass that runs on the UI thread ends before the timer could tick; the next tick shows the stall.
    _settle(app, 0.05)
    timer.stop()
    return float(max(late or [0])), spent


def _peak_mb() -> float:
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def _process_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _common_rows(open_ms: float, latencies: list[float], lateness: float, spell_ms: float) -> list[Row]:
    return [
        (OPEN, open_ms, 300, "ms"),
        (KEY_MEDIAN, statistics.median(latencies), 4, "ms"),
        (KEY_P99, percentile(latencies, 0.99), 16, "ms"),
        (TIMER, lateness, 30, "ms"),
        (SPELL, spell_ms, INF, "ms"),
    ]


# -- novelWriter -------------------------------------------------------------------------------


def _novelwriter(text: str, work: Path) -> tuple[str, list[Row], list[str]]:
    import gc

    from novelwriter import CONFIG, SHARED, __version__
    from PyQt6.QtWidgets import QApplication

    CONFIG.initConfig(work / "config", work / "data")
    gc.disable()  # as novelWriter's main() does: GuiMain collects on its own timer
    app = QApplication([CONFIG.appName])
    app.setStyle("Fusion")
    CONFIG.loadConfig(None)
    CONFIG.spellLanguage = "fr"  # the default "en" has no Enchant dictionary here: a modal warning
    CONFIG.initLocalisation(app)
    from novelwriter.core.coretools import ProjectBuilder
    from novelwriter.enum import nwItemClass
    from novelwriter.gui.theme import GuiTheme
    from novelwriter.guimain import GuiMain

    SHARED.initTheme(GuiTheme())
    gui = GuiMain()
    gui.resize(1400, 900)
    gui.show()
    CONFIG.finishStartup()
    builder = ProjectBuilder()
    if not builder.buildProject({"name": "Banc d'essai", "author": "Bench", "path": str(work / "projet")}):
        raise RuntimeError("novelWriter could not create its project")
    gui.openProject(builder.projPath)
    project = SHARED.project
    project.data.setSpellLang("fr")
    project.data.setSpellCheck(True)
    SHARED.updateSpellCheckLanguage()
    notes: list[str] = []
    if SHARED.spelling.spellLanguage != "fr":
        notes.append(f"novelWriter: French dictionary not loaded ({SHARED.spelling.spellLanguage}); "
                     "install libenchant-2-2 and hunspell-fr")
    handle = project.newFile("Guide complet", project.tree.findRoot(nwItemClass.NOVEL))
    project.storage.getDocument(handle).writeDocument(text)
    editor = gui.docEditor
    _settle(app, 1.0)

    def checking() -> bool:
        # The editor checks in chunks on a worker thread; idle when no chunk is queued or running.
        return (editor._checkPassPos is not None or editor._checkJob is not None
                or bool(editor._dirtyBlocks) or editor._qDocument.isLayoutBusy())

    t0 = time.perf_counter()
    gui.openDocument(handle)
    editor.viewport().repaint()
    open_ms = (time.perf_counter() - t0) * 1000
    _wait(app, checking)
    _settle(app, 1.0)

    latencies = _keystrokes(app, editor)
    _wait(app, checking)
    _settle(app, 1.0)
    lateness, spell_ms = _timer_lateness(app, editor.spellCheckDocument, checking)
    rows = _common_rows(open_ms, latencies, lateness, spell_ms)
    flagged, block = 0, editor.document().begin()
    while block.isValid():
        data = block.userData()
        flagged += len(getattr(data, "spellErrors", None) or ())
        block = block.next()
    notes.append(f"novelWriter: the spell pass ({SHARED.spelling.spellLanguage}) flagged {flagged} words.")

    # No live preview exists beside novelWriter's editor; its viewer renders the saved document
    # on demand. Its render time is given for information, not against the preview budget.
    gui.saveDocument()
    t0 = time.perf_counter()
    gui.viewDocument(handle)
    gui.docViewer.viewport().repaint()
    rows.append(("document viewer render on demand (not live; for information)",
                 (time.perf_counter() - t0) * 1000, INF, "ms"))
    rows.append((MEMORY, _peak_mb(), 300, "MB"))
    notes.append("novelWriter: no live preview beside the editor (its viewer shows the saved document "
                 "when asked), so the preview budget does not apply; the viewer render is given instead.")
    notes.append("novelWriter: spell-check runs in chunks on a worker thread (Enchant), like ours.")
    return f"novelWriter {__version__}", rows, notes


# -- ReText ------------------------------------------------------------------------------------


def _retext(text: str, work: Path) -> tuple[str, list[Row], list[str]]:
    # ReText keeps its settings in QSettings, read at import: point them at a scratch folder.
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    from PyQt6.QtTest import QTest
    from PyQt6.QtWidgets import QApplication

    app = QApplication(["retext"])
    from ReText import app_version, globalSettings

    globalSettings.spellCheck = True
    globalSettings.spellCheckLocale = "fr"
    globalSettings.defaultPreviewState = "live-preview"
    globalSettings.useWebEngine = False
    globalSettings.autoSave = False
    from ReText.window import ReTextWindow

    window = ReTextWindow()
    window.resize(1400, 900)
    window.show()
    path = work / "guide-complet.md"
    path.write_text(text, encoding="utf-8")
    notes: list[str] = []
    if not window.actionEnableSC.isChecked():
        notes.append("ReText: spell-check could not be enabled (no French Enchant dictionary)")
    _settle(app, 0.5)

    t0 = time.perf_counter()
    window.openFileWrapper(str(path))
    tab = window.currentTab
    tab.editBox.viewport().repaint()
    open_ms = (time.perf_counter() - t0) * 1000

    def converting() -> bool:
        return tab.conversionPending or tab.previewOutdated or tab.converterProcess.busy

    _wait(app, converting)
    _settle(app, 1.0)

    # Preview refresh, timed from the end of ReText's own 500 ms debounce to the new HTML painted.
    debounce_end: list[float] = []
    painted: list[float] = []
    original = tab.startPendingConversion

    def timed_start() -> None:
        debounce_end.append(time.perf_counter())
        original()

    def on_done() -> None:  # connected after updatePreviewBox, so it runs once the HTML is set
        tab.previewBox.viewport().repaint()
        painted.append(time.perf_counter())

    tab.startPendingConversion = timed_start
    tab.converterProcess.conversionDone.connect(on_done)
    tab.editBox.moveCursor(tab.editBox.textCursor().MoveOperation.End)
    QTest.keyClicks(tab.editBox, " fin")
    _wait(app, lambda: not painted)
    preview_ms = (painted[0] - debounce_end[0]) * 1000
    tab.converterProcess.conversionDone.disconnect(on_done)
    _wait(app, converting)
    _settle(app, 1.0)

    latencies = _keystrokes(app, tab.editBox)
    _wait(app, converting)
    _settle(app, 1.0)

    done: list[bool] = []

    def full_pass() -> None:
        tab.highlighter.rehighlight()
        done.append(True)

    def start() -> None:
        from PyQt6.QtCore import QTimer

        QTimer.singleShot(0, full_pass)

    lateness, spell_ms = _timer_lateness(app, start, lambda: not done)
    rows = _common_rows(open_ms, latencies, lateness, spell_ms)
    rows.insert(1, (PREVIEW, preview_ms, 200, "ms"))
    rows.append((MEMORY, _peak_mb(), 300, "MB"))
    rows.append(("converter process peak (Markdown to HTML, for information)",
                 _process_peak_mb(tab.converterProcess.child.pid), INF, "MB"))
    notes.append("ReText: spell-check runs inside the syntax highlighter, on the UI thread; a full pass "
                 "is QSyntaxHighlighter.rehighlight(), so the UI is blocked for the whole pass.")
    notes.append("ReText: the preview is converted in a separate process (multiprocessing); its memory "
                 "is reported apart from the editor's.")
    for t in list(window.iterateTabs()):
        t.converterProcess.stop()  # let the converter process end quietly before this one exits
    return f"ReText {app_version}", rows, notes


def _child_main(peer: str) -> None:
    # A modal dialog would hang headless: after the watchdog's delay, say where, and stop.
    faulthandler.dump_traceback_later(float(os.environ.get("BENCH_PEERS_WATCHDOG", "900")), exit=True)
    text = long_french_article()
    with tempfile.TemporaryDirectory(prefix=f"bench-{peer.lower()}-") as tmp:
        name, rows, notes = {"novelWriter": _novelwriter, "ReText": _retext}[peer](text, Path(tmp))
    out = {"peer": name, "article": fingerprint(text), "words": len(text.split()),
           "rows": rows, "notes": notes}
    print(json.dumps(out), flush=True)
    os._exit(0)  # skip the peers' atexit handlers and Qt teardown: the figures are out


# -- side by side ------------------------------------------------------------------------------


def _ours(python: str) -> list[Row]:
    code = "import json; from benchmarks.bench_editor import run; print(json.dumps(run()))"
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    proc = subprocess.run([python, "-c", code], cwd=HERE.parent, capture_output=True, text=True,
                          timeout=1800, env=env, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("[")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"Our editor benchmark failed:\n{proc.stderr[-4000:]}")
    return [tuple(r) for r in json.loads(lines[-1])]  # type: ignore[misc]


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        _child_main(argv[1])
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    text = long_french_article()
    print(f"article: {len(text.split())} words, sha256 {fingerprint(text)}; load: {os.getloadavg()}")
    columns: list[tuple[str, dict[str, float]]] = []
    units: dict[str, tuple[float, str]] = {}
    if "--ours" in argv:
        ours = _ours(argv[argv.index("--ours") + 1])
        columns.append(("CM Studio", {name: value for name, value, _b, _u in ours}))
        units.update({name: (budget, unit) for name, _v, budget, unit in ours})
    notes: list[str] = []
    for peer in installed():
        result = _child(peer)
        columns.append((result["peer"], {name: value for name, value, _b, _u in result["rows"]}))
        units.update({name: (budget, unit) for name, _v, budget, unit in result["rows"]})
        notes += result["notes"]
    if not columns:
        print("Neither novelWriter nor ReText is importable here; nothing to measure.")
        return 0
    order = [OPEN, PREVIEW, KEY_MEDIAN, KEY_P99, TIMER, SPELL, MEMORY]
    names = order + sorted(n for n in units if n not in order)
    print(f"{'figure':<62}" + "".join(f"{title:>22}" for title, _ in columns) + f"{'budget':>10}")
    for name in names:
        budget, unit = units[name]
        cells = "".join(f"{_cell(values.get(name)):>22}" for _, values in columns)
        shown = "—" if budget == INF else f"{budget:g}"
        print(f"{name + ' (' + unit + ')':<62}{cells}{shown:>10}")
    print(f"load after: {os.getloadavg()}")
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
