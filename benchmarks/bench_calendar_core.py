"""Benchmarks of the calendar core: conflicts and month bucketing on 10,000 items, iCalendar export.

Run with ``python -m benchmarks.bench_calendar_core`` (or the file directly); each figure is the
median of several runs, printed beside its budget. Budgets are targets, not test assertions.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cmstudio.core.calendar_types import STATUSES, CalendarEntry  # noqa: E402
from cmstudio.core.conflicts import spacing_conflicts  # noqa: E402
from cmstudio.core.ics import export_ics  # noqa: E402
from cmstudio.core.timezones import bucket_by_local_day, month_grid  # noqa: E402

TZ = "Europe/Paris"
NETWORKS = ("x", "bluesky", "mastodon", "linkedin", "instagram", "facebook")


def make_entries(count: int, seed: int = 2026) -> list[CalendarEntry]:
    """A dense month (October 2026, across the DST change): posts on 20 accounts, some phases."""
    rng = random.Random(seed)
    grid = month_grid(2026, 10, 0)
    first = datetime.combine(grid[0][0], datetime.min.time(), UTC)
    span_minutes = 42 * 24 * 60
    entries = []
    for i in range(count):
        start = first + timedelta(minutes=rng.randrange(span_minutes))
        is_phase = i % 50 == 0
        entries.append(CalendarEntry(
            id=str(i), kind="phase" if is_phase else "post", title=f"Publication n° {i} — automne",
            start=start, end=start + timedelta(days=rng.randrange(1, 6)) if is_phase else None,
            network=None if is_phase else rng.choice(NETWORKS),
            account_id=None if is_phase else f"acc{rng.randrange(20)}",
            status=rng.choice(STATUSES), campaign="Automne" if i % 3 == 0 else None,
        ))
    return entries


def _median_ms(func: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run() -> list[tuple[str, float, float, str]]:
    """(name, measured, budget, unit) for each benchmark."""
    entries = make_entries(10_000)
    grid = month_grid(2026, 10, 0)

    def conflicts() -> object:
        return spacing_conflicts(entries, 30)

    def bucketing() -> object:
        return bucket_by_local_day(entries, TZ, grid[0][0], grid[-1][-1])

    def both() -> object:
        return conflicts(), bucketing()

    to_export = entries[:5_000]
    return [
        ("spacing conflicts, 10,000 items", _median_ms(conflicts, 7), 50.0, "ms"),
        ("month-grid bucketing, 10,000 items", _median_ms(bucketing, 7), 50.0, "ms"),
        ("conflicts + month-grid bucketing, 10,000 items", _median_ms(both, 7), 50.0, "ms"),
        ("export_ics, 5,000 items", _median_ms(lambda: export_ics(to_export, calname="Bench", tz=TZ), 3),
         1000.0, "ms"),
    ]


def main() -> None:
    for name, measured, budget, unit in run():
        verdict = "ok" if measured <= budget else "OVER BUDGET"
        print(f"{name:<50} {measured:9.1f} {unit}  (budget {budget:.0f} {unit})  {verdict}")


if __name__ == "__main__":
    main()
