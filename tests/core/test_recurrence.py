"""Recurring posts keep their local wall-clock time; monthly series clamp to the month's end."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from dateutil.rrule import DAILY, WEEKLY, rrule

from cmstudio.core.recurrence import Recurrence, RecurrenceError, describe, occurrences
from cmstudio.core.timezones import to_local, to_utc

PARIS = "Europe/Paris"


def local_view(instants: list[datetime]) -> list[datetime]:
    return [to_local(i, PARIS).replace(tzinfo=None) for i in instants]


def test_daily_series_stays_at_nine_across_end_of_october():
    first = to_utc(datetime(2026, 10, 23, 9, 0), PARIS)
    series = occurrences(first, Recurrence("daily", count=5), PARIS)
    assert local_view(series) == [datetime(2026, 10, d, 9, 0) for d in range(23, 28)]
    assert [s.hour for s in series] == [7, 7, 8, 8, 8]  # CEST until the 25th, then CET
    assert all(s.tzinfo is UTC for s in series)


@pytest.mark.parametrize(("freq", "dateutil_freq"), [("daily", DAILY), ("weekly", WEEKLY)])
@pytest.mark.parametrize("interval", [1, 2, 3])
def test_daily_and_weekly_agree_with_dateutil_in_wall_clock(freq, dateutil_freq, interval):
    start_local = datetime(2026, 3, 1, 18, 45)
    first = to_utc(start_local, PARIS)
    ours = local_view(occurrences(first, Recurrence(freq, interval=interval, until=date(2026, 12, 31)), PARIS))
    theirs = list(rrule(dateutil_freq, interval=interval, dtstart=start_local, until=datetime(2026, 12, 31, 23, 59)))
    assert ours == theirs


def test_monthly_on_31st_clamps_to_month_end_without_drifting():
    first = to_utc(datetime(2026, 1, 31, 9, 0), PARIS)
    series = local_view(occurrences(first, Recurrence("monthly", count=5), PARIS))
    assert [d.date() for d in series] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31),
                                          date(2026, 4, 30), date(2026, 5, 31)]
    assert {d.time() for d in series} == {time(9, 0)}


def test_monthly_leap_year_and_interval():
    first = to_utc(datetime(2027, 12, 29, 12, 0), PARIS)
    series = local_view(occurrences(first, Recurrence("monthly", interval=2, count=4), PARIS))
    assert [d.date() for d in series] == [date(2027, 12, 29), date(2028, 2, 29), date(2028, 4, 29),
                                          date(2028, 6, 29)]


def test_until_is_inclusive_and_limit_caps_endless_series():
    first = to_utc(datetime(2026, 6, 1, 8, 0), PARIS)
    weekly = occurrences(first, Recurrence("weekly", until=date(2026, 6, 29)), PARIS)
    assert [d.date() for d in local_view(weekly)] == [date(2026, 6, d) for d in (1, 8, 15, 22, 29)]
    assert len(occurrences(first, Recurrence("daily"), PARIS, limit=10)) == 10
    assert len(occurrences(first, Recurrence("daily", count=3), PARIS, limit=10)) == 3
    assert len(occurrences(first, Recurrence("daily", count=30), PARIS, limit=10)) == 10


def test_series_stops_at_end_of_calendar():
    first = datetime(9999, 10, 1, 9, 0, tzinfo=UTC)
    assert len(occurrences(first, Recurrence("monthly"), "UTC", limit=12)) == 3


@pytest.mark.parametrize("kwargs", [
    {"freq": "yearly"}, {"freq": "daily", "interval": 0}, {"freq": "daily", "interval": 1.5},
    {"freq": "daily", "count": 0}, {"freq": "daily", "until": datetime(2026, 1, 1)},
])
def test_bad_rules_are_refused(kwargs):
    with pytest.raises(RecurrenceError):
        Recurrence(**kwargs)


def test_end_before_start_and_bad_limit():
    first = to_utc(datetime(2026, 6, 1, 8, 0), PARIS)
    with pytest.raises(RecurrenceError, match="before its first date"):
        occurrences(first, Recurrence("daily", until=date(2026, 5, 1)), PARIS)
    with pytest.raises(RecurrenceError, match="maximum"):
        occurrences(first, Recurrence("daily"), PARIS, limit=0)


def test_describe_in_both_languages():
    rule = Recurrence("weekly", interval=2, count=10)
    assert describe(rule, "fr") == "Toutes les 2 semaines, 10\u00a0fois"
    assert describe(rule, "en") == "Every 2 weeks, 10 times"
    assert describe(Recurrence("daily", until=date(2026, 12, 31)), "fr") == "Tous les jours, jusqu’au 31/12/2026"
    assert describe(Recurrence("monthly", count=1), "en") == "Every month, once"
