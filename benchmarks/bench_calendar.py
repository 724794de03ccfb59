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


def _timed(action, repeat: int = 7) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def run() -> list[tuple[str, float, float, str]]:
    """Each budget as (name, measured median, budget, unit)."""
    from PySide6.QtWidgets import QMessageBox

    from cmstudio.calendar.calendar_view import CalendarView
    from cmstudio.core.agenda import agenda_entries, ref_of
    from cmstudio.ui.app import build_app

    db = build_database()
    built = build_app(db, language="fr", theme_name="light", first_run_demo=False)
    QMessageBox.question = staticmethod(
        lambda *a, **k: QMessageBox.StandardButton.Yes
    )  # drops may be in the past
    window = built.window
    window.resize(1400, 900)
    window.show()
    view: CalendarView = window.show_section("calendar")  # type: ignore[assignment]
    app = built.app
    app.processEvents()
    with db.session() as s:
        total = len(agenda_entries(s, built.studio.workspace_id))
    results: list[tuple[str, float, float, str]] = []

    def settle() -> None:
        """Let the read-ahead of neighbouring months finish: steady state is what is measured."""
        for step in (1, -1):
            view.step(step)
            view.wait_until_idle()
            app.processEvents()

    def switch(direction: list[int]):
        def act() -> None:
            view.step(direction[0])
            direction[0] = -direction[0]
            view.repaint()

        return act

    view.go_to(date.today())
    settle()
    results.append((f"month switch ({total} items in workspace)", _timed(switch([1])), 50.0, "ms"))
    view.set_mode("week")
    settle()
    results.append(("week switch", _timed(switch([1])), 50.0, "ms"))
    view.set_mode("month")
    view.go_to(date.today())
    settle()

    def drop() -> None:
        entry = next(
            e
            for e in view.entries
            if e.kind == "post"
            and e.status != "published"
            and ref_of(e) is not None
            and e.start.date() != date.today()
        )
        target = view.month_model.days[7 + (view.month_model.days.index(e_day(entry, view)) + 1) % 21]
        view.handle_drop([ref_of(entry)], target, False)
        view.month.repaint()

    results.append(("drop persisted and repainted", _timed(drop, 9), 30.0, "ms"))

    def year() -> None:
        first = date.today().replace(month=1, day=1)
        view.go_to(first)
        start = datetime(first.year, 1, 1, tzinfo=UTC)
        with db.session() as s:
            entries = agenda_entries(s, built.studio.workspace_id, start, start.replace(year=first.year + 1))
        view.entries_model.set_entries(entries, view.zone_name, set())
        view.agenda.viewport().repaint()

    view.set_mode("agenda")
    results.append(("agenda of a year listed", _timed(year, 5), 200.0, "ms"))
    view.wait_until_idle()
    window.close()
    db.close()
    return results


def e_day(entry, view) -> date:
    from cmstudio.core.timezones import to_local

    day = to_local(entry.start, view.zone_name).date()
    return day if day in view.month_model.days else view.month_model.days[7]


if __name__ == "__main__":
    for name, measured, budget, unit in run():
        verdict = "ok" if measured <= budget else "OVER"
        print(f"{name:<55} {measured:8.1f} {unit}   budget {budget:6.1f} {unit}   {verdict}")
