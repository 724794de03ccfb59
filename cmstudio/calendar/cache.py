"""Calendar entries kept by local month, so that turning pages reads memory, not the database.

The shown months are read on demand; the neighbouring months are read ahead on a worker thread
with its own session. A move patches the cached entries in place (its times are known), so a
drop repaints without a query. Any change made elsewhere clears the cache.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QObject, QRunnable, Signal

from cmstudio.core.agenda import agenda_entries, day_bounds_utc
from cmstudio.core.agenda_moves import Move
from cmstudio.core.calendar_types import CalendarEntry
from cmstudio.core.timezones import local_day_span

Month = tuple[int, int]
Key = tuple[str, str]
Spanned = tuple[CalendarEntry, date, date]


def months_between(first: date, last: date) -> list[Month]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_bounds(month: Month) -> tuple[date, date]:
    first = date(month[0], month[1], 1)
    following = date(month[0] + (month[1] == 12), month[1] % 12 + 1, 1)
    return first, following - timedelta(days=1)


def load_months(
    session, workspace_id: int, months: Sequence[Month], zone: str, *, reference_days: bool, lang: str
) -> dict[Month, list[Spanned]]:
    """Read the entries of a run of months at once and file them under each month they touch."""
    first, last = month_bounds(min(months))[0], month_bounds(max(months))[1]
    start, end = day_bounds_utc(first, last, zone)
    wanted = set(months)
    result: dict[Month, list[Spanned]] = {m: [] for m in months}
    for entry in agenda_entries(session, workspace_id, start, end, reference_days=reference_days, lang=lang):
        span_first, span_last = local_day_span(entry, zone)
        for month in (
            months_between(max(span_first, first), min(span_last, last)) if span_last >= first else []
        ):
            if month in wanted:
                result[month].append((entry, span_first, span_last))
    return result


class EntryCache:
    """Entries by month; ``generation`` changes whenever the cache is cleared (stale reads are dropped)."""

    def __init__(self) -> None:
        self.months: dict[Month, dict[Key, Spanned]] = {}
        self.generation = 0

    def clear(self) -> None:
        self.months.clear()
        self.generation += 1

    def missing(self, first: date, last: date) -> list[Month]:
        return [m for m in months_between(first, last) if m not in self.months]

    def store(self, loaded: dict[Month, list[Spanned]]) -> None:
        for month, items in loaded.items():
            if month not in self.months:
                self.months[month] = {(e.kind, e.id): (e, a, b) for e, a, b in sorted(items, key=_order)}

    def get(self, first: date, last: date) -> list[Spanned]:
        seen: dict[Key, Spanned] = {}
        for month in months_between(first, last):
            for key, item in self.months.get(month, {}).items():
                if item[2] >= first and item[1] <= last:
                    seen.setdefault(key, item)
        return sorted(
            seen.values(), key=lambda s: (s[0].start, not s[0].all_day, s[0].kind, s[0].title, s[0].id)
        )

    def patch(self, moves: Iterable[Move], zone: str, *, undo: bool = False) -> bool:
        """Apply moves to cached entries; False when one is unknown here (then clear and reload)."""
        for move in moves:
            start, end, status = (
                (move.before_start, move.before_end, move.before_status)
                if undo
                else (move.after_start, move.after_end, move.after_status)
            )
            keys = _keys_for(move.ref)
            found = [
                (month, key, items[key])
                for month, items in self.months.items()
                for key in keys
                if key in items
            ]
            if not found or start is None:
                return False
            old = found[0][2][0]
            for month, key, _item in found:
                del self.months[month][key]
            entry = dataclasses.replace(old, start=start, end=end, status=status)
            span_first, span_last = local_day_span(entry, zone)
            for month in months_between(span_first, span_last):
                if month in self.months:
                    self.months[month][(entry.kind, entry.id)] = (entry, span_first, span_last)
        return True


def _order(item: Spanned) -> tuple:
    entry = item[0]
    return entry.start, not entry.all_day, entry.kind, entry.title, entry.id


def _keys_for(ref) -> list[Key]:
    """Cache keys an item can have (see how :mod:`cmstudio.core.agenda` names entries)."""
    if ref.kind in ("article", "post"):
        return [(ref.kind, str(ref.id))]
    if ref.kind == "phase":
        return [("phase", str(ref.id)), ("event", str(ref.id))]
    return [("event", f"item-{ref.id}"), ("reference", f"item-{ref.id}")]


class _Signals(QObject):
    loaded = Signal(int, object)  # generation, {month: [spanned]}


class Prefetch(QRunnable):
    """Read months ahead with its own session, off the UI thread."""

    def __init__(
        self,
        db,
        workspace_id: int,
        months: list[Month],
        zone: str,
        generation: int,
        reference_days: bool,
        lang: str,
        signals: _Signals,
    ) -> None:
        super().__init__()
        self.args = (db, workspace_id, months, zone, generation, reference_days, lang)
        self.signals = signals

    def run(self) -> None:
        db, workspace_id, months, zone, generation, reference_days, lang = self.args
        try:
            with db.session() as session:
                loaded = load_months(
                    session, workspace_id, months, zone, reference_days=reference_days, lang=lang
                )
        except Exception:  # noqa: BLE001 - a failed read-ahead only means the next page reads itself
            return
        self.signals.loaded.emit(generation, loaded)


Signals = _Signals
