"""Calendar budgets of issue 5 on a 5,000-article workspace (about 20,000 scheduled items).

Run: ``python benchmarks/bench_calendar.py`` (offscreen Qt). The database is built once into a
temporary folder and reused by later runs (CMSTUDIO_BENCH_DIR to choose where).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ARTICLES = 5000
TARGET_ITEMS = 20_000


def _database_path() -> Path:
    folder = Path(
        os.environ.get("CMSTUDIO_BENCH_DIR", Path(tempfile.gettempdir()) / "cmstudio-bench-calendar")
    )
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("CMSTUDIO_HOME", str(folder / "home"))
    return folder / "calendar.sqlite3"


def build_database():
    """Open (building on first run) the benchmark workspace: 5,000 articles, posts topped up to ~20,000 items."""
    from sqlalchemy import func, select

    from cmstudio.core.db import open_database
    from cmstudio.core.demo import fill_demo
    from cmstudio.core.models import Account, Article, Variant, Workspace

    path = _database_path()
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        if not s.scalar(select(func.count(Article.id))):
            fill_demo(s, db.media_dir, articles=ARTICLES, seed=11)
        ws = s.scalars(select(Workspace).order_by(Workspace.id)).first()
        scheduled = (
            s.scalar(select(func.count(Variant.id)).where(Variant.scheduled_at.is_not(None))) or 0
        ) + (s.scalar(select(func.count(Article.id)).where(Article.publish_at.is_not(None))) or 0)
        missing = TARGET_ITEMS - scheduled
        if missing > 0:
            rng = random.Random(5)
            accounts = list(s.scalars(select(Account).where(Account.workspace_id == ws.id)))
            now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
            s.add_all(
                Variant(
                    workspace_id=ws.id,
                    network=account.network,
                    account_id=account.id,
                    status="scheduled",
                    text=f"Post de remplissage {n}\nLorem ipsum",
                    campaign="bench",
                    scheduled_at=now
                    + timedelta(days=rng.randint(-180, 180), minutes=15 * rng.randint(0, 95)),
                )
                for n, account in ((n, rng.choice(accounts)) for n in range(missing))
            )
    return db


def _timed(action, repeat: int = 7, before=None) -> float:
    samples = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def run() -> list[tuple[str, float, float, str]]:
    """Each budget as (name, measured median, budget, unit).

    Every action goes through the view as a user's would and ends with one turn of the event loop,
    in which Qt paints what the action marked as changed (a paint is checked to have happened).
    Page turns go back and forth between this month (or week) and the next, in steady state (the
    neighbouring months were read ahead), then again with the paint caches emptied before each
    turn. The year agenda is measured with an empty cache (read from the database) and a warm one.
    The news of a drop reaches the other open views a moment later; that refresh is shown apart.
    """
    from PySide6.QtWidgets import QMessageBox

    from cmstudio.core.agenda import ref_of
    from cmstudio.ui.app import build_app

    db = build_database()
    built = build_app(db, language="fr", theme_name="light", first_run_demo=False, persist_state=False)
    QMessageBox.question = staticmethod(
        lambda *a, **k: QMessageBox.StandardButton.Yes
    )  # drops may be in the past
    window = built.window
    window.resize(1400, 900)
    window.show()
    app = built.app
    opened = time.perf_counter()
    view = window.show_section("calendar")  # imports the section's modules too, as at first use
    app.processEvents()
    opening = (time.perf_counter() - opened) * 1000
    for other in ("articles", "variants"):  # views the user visited hear about each drop
        window.show_section(other)
        app.processEvents()
    window.show_section("calendar")
    for other in ("articles", "variants"):  # their start-up work (previews, spelling) is not ours
        idle = getattr(window.view(other), "wait_until_idle", None)
        if idle is not None:
            idle()
        app.processEvents()
    view.wait_until_idle()
    app.processEvents()
    total = 0
    with db.session() as s:
        from cmstudio.core.agenda import agenda_rows

        total = len(agenda_rows(s, built.studio.workspace_id))
    results: list[tuple[str, float, float, str]] = [
        ("calendar section opened, first time (no budget)", opening, float("inf"), "ms")
    ]

    def settle() -> None:
        """Let the read-ahead of neighbouring months finish: steady state is what is measured."""
        view.wait_until_idle()
        app.processEvents()

    def warm_up() -> None:
        for step in (1, -1):
            view.step(step)
            settle()

    painted: list[int] = []
    watcher = PaintCounter(painted)
    for grid in (view.month, view.week.body):
        grid.installEventFilter(watcher)

    def turn(step: int) -> None:
        painted.clear()
        view.step(step)
        app.processEvents()  # Qt paints what the page turn marked as changed
        if not painted:
            raise RuntimeError("the page turn was not painted")

    def switch(direction: list[int]):
        def act() -> None:
            turn(direction[0])
            direction[0] = -direction[0]

        return act

    def cool() -> None:
        """Outside the timing: forget what earlier paints kept (elided titles, chip pixmaps, conflicts)."""
        from cmstudio.calendar.chips import ChipCache

        settle()
        for grid in view.grids():
            grid._chip_cache = ChipCache()
        view._conflict_memo.clear()

    view.go_to(date.today())
    warm_up()
    results.append((f"month switch ({total} items in workspace)", _timed(switch([1])), 50.0, "ms"))
    results.append(("month switch, nothing kept from earlier paints", _timed(switch([1]), before=cool), 50.0, "ms"))
    view.set_mode("week")
    view.go_to(date.today())
    warm_up()
    results.append(("week switch", _timed(switch([1])), 50.0, "ms"))
    results.append(("week switch, nothing kept from earlier paints", _timed(switch([1]), before=cool), 50.0, "ms"))
    view.set_mode("month")
    view.go_to(date.today())
    warm_up()

    chosen: list = []

    def pick() -> None:
        """Outside the timing: settle, then choose a movable post of the page and a day to drop it on."""
        settle()
        entry = next(
            e
            for e in view.entries
            if e.kind == "post"
            and e.status != "published"
            and ref_of(e) is not None
            and e.start.date() != date.today()
        )
        target = view.month_model.days[7 + (view.month_model.days.index(e_day(entry, view)) + 1) % 21]
        chosen[:] = [ref_of(entry), target]
        painted.clear()

    def drop() -> None:
        view.handle_drop([chosen[0]], chosen[1], False)
        app.processEvents()  # paints the cells the view marked as changed
        if not painted:
            raise RuntimeError("the drop was not repainted")

    def news() -> None:
        view.flush_news()  # what the other open views do with the news of the drop
        app.processEvents()

    results.append(("drop persisted and repainted", _timed(drop, 9, before=pick), 30.0, "ms"))

    def drop_then_pick() -> None:
        pick()
        view.handle_drop([chosen[0]], chosen[1], False)
        app.processEvents()

    results.append(
        ("then the other open views refreshed (no budget)", _timed(news, 5, before=drop_then_pick), float("inf"), "ms")
    )
    for grid in (view.month, view.week.body):
        grid.removeEventFilter(watcher)

    first = date.today().replace(month=1, day=1)

    def cold() -> None:
        settle()
        view.cache.clear()
        view.go_to(first.replace(year=first.year - 3))  # somewhere else, so the year is not shown
        settle()
        view.cache.clear()

    def year() -> None:
        view.go_to(first)
        view.agenda.viewport().repaint()
        app.processEvents()

    view.set_mode("agenda")
    view.set_agenda_span("year")
    results.append(("agenda of a year listed (read from the database)", _timed(year, 5, before=cold), 200.0, "ms"))

    def warm() -> None:
        settle()
        view.go_to(first.replace(year=first.year - 3))
        settle()

    year_items = view.entries_model.rowCount()
    results.append(
        (f"agenda of a year listed, months cached ({year_items} rows)", _timed(year, 5, before=warm), 200.0, "ms")
    )
    view.wait_until_idle()
    window.close()
    db.close()
    return results


def PaintCounter(painted: list[int]):  # noqa: N802 - builds a QObject subclass lazily (Qt imported late)
    from PySide6.QtCore import QEvent, QObject

    class _Counter(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                painted.append(1)
            return False

    return _Counter()


def e_day(entry, view) -> date:
    from cmstudio.core.timezones import to_local

    day = to_local(entry.start, view.zone_name).date()
    return day if day in view.month_model.days else view.month_model.days[7]


if __name__ == "__main__":
    for name, measured, budget, unit in run():
        verdict = "ok" if measured <= budget else "OVER"
        print(f"{name:<58} {measured:8.1f} {unit}   budget {budget:6.1f} {unit}   {verdict}")
