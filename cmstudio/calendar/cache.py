"""Calendar rows kept by local month, already filed by day, so that turning pages reads memory.

The shown months are read on demand; the neighbouring months are read ahead on a worker thread
with its own session, which also files them by day in display order. Public holidays and
marketing days are only ever computed on that worker (their tables are slow to load the first
time): a month read on the UI thread before they are available is read again in the background
and replaced. A move patches the cached rows in place (its times are known), so a drop repaints
without a query. Any change made elsewhere clears the cache.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QObject, QRunnable, Signal

from cmstudio.core.agenda import agenda_rows, day_bounds_utc
from cmstudio.core.agenda_moves import Move
from cmstudio.core.agenda_rows import AgendaRow, bulk_reading
from cmstudio.core.timezones import get_zone

Month = tuple[int, int]
Key = tuple[str, str]
Spanned = tuple[AgendaRow, date, date]
_ONE_MICRO = timedelta(microseconds=1)
_ONE_DAY = timedelta(days=1)


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


def display_key(row: AgendaRow) -> tuple:
    """Order within a day: reference days, then spans (phases, all-day items), then by time."""
    return row.kind != "reference", not row.is_span, row


def day_span(row: AgendaRow, zone) -> tuple[date, date]:
    """First and last local day a row covers (all-day rows carry floating dates)."""
    if row.all_day:
        first = row.start.date()
        last = (row.end - _ONE_MICRO).date() if row.end and row.end > row.start else first
        return first, max(first, last)
    first = row.start.astimezone(zone).date()
    if row.end is None or row.end <= row.start:
        return first, first
    return first, (row.end - _ONE_MICRO).astimezone(zone).date()


class MonthData:
    """One local month: every row touching it (in the calendar's order, with its local day span)
    and, filed on first use, its days' rows in display order."""

    __slots__ = ("month", "items", "with_refs", "_days", "_sorted")

    def __init__(self, month: Month, items: dict[Key, Spanned] | None = None, *, with_refs: bool = False) -> None:
        self.month = month
        self.items: dict[Key, Spanned] = items if items is not None else {}
        self.with_refs = with_refs
        self._days: dict[date, list[AgendaRow]] | None = None
        self._sorted = True

    @property
    def days(self) -> dict[date, list[AgendaRow]]:
        if self._days is None:
            self._days = _file_by_day(self.items.values(), month_bounds(self.month))
        return self._days

    def ordered(self) -> dict[Key, Spanned]:
        if not self._sorted:
            self.items = dict(sorted(self.items.items(), key=lambda pair: pair[1][0]))
            self._sorted = True
        return self.items

    def add(self, row: AgendaRow, first: date, last: date) -> None:
        self.items[(row.kind, row.id)] = (row, first, last)
        self._sorted = False
        if self._days is None:
            return
        start, end = month_bounds(self.month)
        day, stop = max(first, start), min(last, end)
        while day <= stop:
            bisect.insort(self._days.setdefault(day, []), row, key=display_key)
            day += _ONE_DAY

    def remove(self, key: Key) -> Spanned | None:
        item = self.items.pop(key, None)
        if item is not None and self._days is not None:
            start, end = month_bounds(self.month)
            day, stop = max(item[1], start), min(item[2], end)
            while day <= stop:
                rows = self._days.get(day)
                if rows:
                    for position, row in enumerate(rows):
                        if row[2] == key[0] and row[4] == key[1]:
                            del rows[position]
                            break
                day += _ONE_DAY
        return item


def _file_by_day(items, bounds: tuple[date, date]) -> dict[date, list[AgendaRow]]:
    days: dict[date, list[AgendaRow]] = {}
    for row, span_first, span_last in items:
        if span_first == span_last:
            bucket = days.get(span_first)
            if bucket is None:
                bucket = days[span_first] = []
            bucket.append(row)
            continue
        day, stop = max(span_first, bounds[0]), min(span_last, bounds[1])
        while day <= stop:
            days.setdefault(day, []).append(row)
            day += _ONE_DAY
    for bucket in days.values():
        bucket.sort(key=display_key)
    return days


def refdays_ready() -> bool:
    """Whether the reference-day tables are loaded (then computing them is quick on any thread)."""
    return "cmstudio.core.refdays" in sys.modules and "holidays.countries.france" in sys.modules


def load_months(
    session, workspace_id: int, months: Sequence[Month], zone: str, *, reference_days: bool, lang: str
) -> dict[Month, MonthData]:
    """Read a run of months at once and file each row under the months it touches, in order."""
    first, last = month_bounds(min(months))[0], month_bounds(max(months))[1]
    start, end = day_bounds_utc(first, last, zone)
    tz = get_zone(zone)
    result = {m: MonthData(m, with_refs=reference_days) for m in months}
    rows = agenda_rows(session, workspace_id, start, end, reference_days=reference_days, lang=lang)
    with bulk_reading():
        _file_by_month(rows, result, tz, first, last)
    return result


def _file_by_month(rows: list[AgendaRow], result: dict[Month, MonthData], tz, first: date, last: date) -> None:
    wanted = result.keys()
    for row in rows:  # sorted: each month's items come in the calendar's order
        if row.end is None and not row.all_day:
            day = row.start.astimezone(tz).date()
            data = result.get((day.year, day.month))
            if data is not None:
                data.items[(row.kind, row.id)] = (row, day, day)
            continue
        span_first, span_last = day_span(row, tz)
        if span_last < first:
            continue
        for month in months_between(max(span_first, first), min(span_last, last)):
            if month in wanted:
                result[month].items[(row.kind, row.id)] = (row, span_first, span_last)


class EntryCache:
    """Rows by month; ``generation`` changes when the cache is cleared, ``revision`` on every patch."""

    def __init__(self) -> None:
        self.months: dict[Month, MonthData] = {}
        self.generation = 0
        self.revision = 0

    def clear(self) -> None:
        self.months.clear()
        self.generation += 1

    def missing(self, first: date, last: date, *, refs: bool = False) -> list[Month]:
        """Months of the period not cached (or, with ``refs``, cached without their reference days)."""
        return [
            m
            for m in months_between(first, last)
            if m not in self.months or (refs and not self.months[m].with_refs)
        ]

    def store(self, loaded: dict[Month, MonthData], *, replace: bool = False) -> list[Month]:
        """Keep loaded months; a cached month is only replaced by a fuller one when ``replace``."""
        stored = []
        for month, data in loaded.items():
            old = self.months.get(month)
            if old is None or (replace and data.with_refs and not old.with_refs):
                self.months[month] = data
                stored.append(month)
        return stored

    def day(self, day: date) -> list[AgendaRow]:
        data = self.months.get((day.year, day.month))
        return data.days.get(day, []) if data is not None else []

    def buckets(self, days: Iterable[date]) -> dict[date, list[AgendaRow]]:
        return {day: self.day(day) for day in days}

    def find(self, key: Key) -> AgendaRow | None:
        for data in self.months.values():
            item = data.items.get(key)
            if item is not None:
                return item[0]
        return None

    def get(self, first: date, last: date) -> list[Spanned]:
        """Every cached row of a period once, in the calendar's order.

        Each month keeps its rows in order, so the joined months are (nearly always) in order
        already and the final sort only checks it.
        """
        seen: dict[Key, Spanned] = {}
        for month in months_between(first, last):
            data = self.months.get(month)
            if data is None:
                continue
            for key, item in data.ordered().items():
                if item[2] >= first and item[1] <= last and key not in seen:
                    seen[key] = item
        result = list(seen.values())
        result.sort()
        return result

    def patch(self, moves: Iterable[Move], zone: str, *, undo: bool = False) -> set[date] | None:
        """Apply moves to cached rows; the local days touched, or None when a row is unknown here."""
        tz = get_zone(zone)
        touched: set[date] = set()
        for move in moves:
            start, end, status = (
                (move.before_start, move.before_end, move.before_status)
                if undo
                else (move.after_start, move.after_end, move.after_status)
            )
            keys = keys_for(move.ref)
            found = [(month, key) for month, data in self.months.items() for key in keys if key in data.items]
            if not found or start is None:
                return None
            old: AgendaRow | None = None
            for month, key in found:
                removed = self.months[month].remove(key)
                if removed is not None:
                    old = removed[0]
                    touched.update(_days(removed[1], removed[2]))
            assert old is not None
            row = old._replace(start=start, end=end, status=status)
            span_first, span_last = day_span(row, tz)
            touched.update(_days(span_first, span_last))
            for month in months_between(span_first, span_last):
                if month in self.months:
                    self.months[month].add(row, span_first, span_last)
        self.revision += 1
        return touched


def _days(first: date, last: date) -> list[date]:
    if (last - first).days > 62:
        last = first + timedelta(days=62)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def keys_for(ref) -> list[Key]:
    """Cache keys an item can have (see how :mod:`cmstudio.core.agenda_rows` names rows)."""
    if ref.kind in ("article", "post"):
        return [(ref.kind, str(ref.id))]
    if ref.kind == "phase":
        return [("phase", str(ref.id)), ("event", str(ref.id))]
    return [("event", f"item-{ref.id}"), ("reference", f"item-{ref.id}")]


class _Signals(QObject):
    loaded = Signal(int, int, object)  # generation, revision, {month: MonthData}


class Prefetch(QRunnable):
    """Read months (with their reference days) with its own session, off the UI thread."""

    def __init__(
        self,
        db,
        workspace_id: int,
        months: list[Month],
        zone: str,
        stamp: tuple[int, int],
        reference_days: bool,
        lang: str,
        signals: _Signals,
    ) -> None:
        super().__init__()
        self.args = (db, workspace_id, months, zone, stamp, reference_days, lang)
        self.signals = signals

    def run(self) -> None:
        db, workspace_id, months, zone, stamp, reference_days, lang = self.args
        try:
            with db.session() as session:
                loaded = {}
                for run in _runs(months):
                    loaded.update(
                        load_months(
                            session, workspace_id, run, zone, reference_days=reference_days, lang=lang
                        )
                    )
            for data in loaded.values():
                data.days  # noqa: B018 - filed by day here, off the UI thread
        except Exception:  # noqa: BLE001 - a failed read-ahead only means the next page reads itself
            return
        self.signals.loaded.emit(stamp[0], stamp[1], loaded)


def _runs(months: Sequence[Month]) -> list[list[Month]]:
    """Consecutive months grouped, so that a gap is not read for nothing."""
    runs: list[list[Month]] = []
    for month in sorted(months):
        if runs:
            year, number = runs[-1][-1]
            if (year + (number == 12), number % 12 + 1) == month:
                runs[-1].append(month)
                continue
        runs.append([month])
    return runs


Signals = _Signals
