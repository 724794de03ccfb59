"""Recurring and evergreen posts: expand a simple rule into concrete start times.

Each occurrence becomes its own calendar item (the caller creates the rows), so editing one
post of a series never rewrites the others. Occurrences are computed in local wall-clock terms:
a post at 09:00 Paris stays at 09:00 Paris after a DST change, and a monthly post on the 31st
falls on the last day of shorter months (31 Jan → 28 Feb → 31 Mar), the same clamping rule as
most calendar apps; RFC 5545's BYMONTHDAY would skip those months instead.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cmstudio.core.calendar_types import CalendarError
from cmstudio.core.i18n import _
from cmstudio.core.timezones import TzLike, get_zone, to_local, to_utc

FREQUENCIES: tuple[str, ...] = ("daily", "weekly", "monthly")


class RecurrenceError(CalendarError):
    """A repetition rule that cannot be used (bad interval, end before start…)."""


@dataclass(frozen=True, slots=True)
class Recurrence:
    """Repeat every ``interval`` days, weeks or months, until a local date (inclusive) or ``count`` times."""

    freq: str
    interval: int = 1
    until: date | None = None
    count: int | None = None

    def __post_init__(self) -> None:
        if self.freq not in FREQUENCIES:
            raise RecurrenceError(_(
                "Unknown repetition {freq!r}; expected daily, weekly or monthly.",
                freq=self.freq,
            ))
        if isinstance(self.interval, bool) or not isinstance(self.interval, int) or self.interval < 1:
            raise RecurrenceError(_(
                "The repetition interval must be a whole number ≥ 1, got {interval!r}.",
                interval=self.interval,
            ))
        if self.count is not None and (
            isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 1
        ):
            raise RecurrenceError(_(
                "The number of repetitions must be a whole number ≥ 1, got {count!r}.",
                count=self.count,
            ))
        if self.until is not None and (isinstance(self.until, datetime) or not isinstance(self.until, date)):
            raise RecurrenceError(_("The end of a repetition is a date (the last day it may fall on)."))


def _add_months(start: date, months: int) -> date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if year > 9999:
        raise OverflowError
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _nth_date(start: date, rule: Recurrence, n: int) -> date:
    step = n * rule.interval
    if rule.freq == "daily":
        return start + timedelta(days=step)
    if rule.freq == "weekly":
        return start + timedelta(weeks=step)
    return _add_months(start, step)


def occurrences(first_start_utc: datetime, recurrence: Recurrence, tz: TzLike, limit: int = 366) -> list[datetime]:
    """UTC start times of a series, the first one included, at most ``limit`` of them.

    ``limit`` protects against creating thousands of rows for a rule without an end.
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise RecurrenceError(_("The maximum number of occurrences must be ≥ 1, got {limit!r}.", limit=limit))
    zone = get_zone(tz)
    local = to_local(first_start_utc, zone)
    first_day, wall = local.date(), local.time().replace(tzinfo=None, fold=0)
    if recurrence.until is not None and recurrence.until < first_day:
        raise RecurrenceError(
            _(
                "The repetition ends on {until}, before its first date {first_day}.",
                until=recurrence.until.isoformat(), first_day=first_day.isoformat(),
            )
        )
    total = limit if recurrence.count is None else min(limit, recurrence.count)
    result: list[datetime] = []
    for n in range(total):
        try:
            day = _nth_date(first_day, recurrence, n)
        except OverflowError:
            break
        if recurrence.until is not None and day > recurrence.until:
            break
        result.append(to_utc(datetime.combine(day, wall), zone))
    return result


def describe(recurrence: Recurrence, lang: str = "fr") -> str:
    """A short sentence for the series, e.g. « Toutes les 2 semaines, 10 fois » / "Every 2 weeks, 10 times"."""
    n = recurrence.interval
    if lang == "fr":
        unit = {"daily": ("Tous les jours", "Tous les {n} jours"),
                "weekly": ("Toutes les semaines", "Toutes les {n} semaines"),
                "monthly": ("Tous les mois", "Tous les {n} mois")}[recurrence.freq]
        text = unit[0] if n == 1 else unit[1].format(n=n)
        if recurrence.count is not None:
            text += f", {recurrence.count}\u00a0fois"
        if recurrence.until is not None:
            text += f", jusqu’au {recurrence.until:%d/%m/%Y}"
        return text
    unit = {"daily": ("Every day", "Every {n} days"),
            "weekly": ("Every week", "Every {n} weeks"),
            "monthly": ("Every month", "Every {n} months")}[recurrence.freq]
    text = unit[0] if n == 1 else unit[1].format(n=n)
    if recurrence.count is not None:
        text += ", once" if recurrence.count == 1 else f", {recurrence.count} times"
    if recurrence.until is not None:
        text += f", until {recurrence.until.isoformat()}"
    return text
