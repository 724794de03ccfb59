"""Local/UTC conversions across the 2026 DST changes in Europe/Paris (29 March and 25 October)."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from cmstudio.core.calendar_types import CalendarEntry, CalendarError
from cmstudio.core.timezones import (
    TimezoneError,
    bucket_by_local_day,
    local_day_span,
    local_time_status,
    month_grid,
    move_by,
    move_to_day,
    parse_user_date,
    parse_user_datetime,
    snap_to_slot,
    to_local,
    to_utc,
    week_days,
)

PARIS = "Europe/Paris"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_paris_offsets_winter_and_summer():
    assert to_utc(datetime(2026, 1, 15, 9, 0), PARIS) == utc(2026, 1, 15, 8, 0)
    assert to_utc(datetime(2026, 7, 15, 9, 0), PARIS) == utc(2026, 7, 15, 7, 0)
    local = to_local(utc(2026, 7, 15, 7, 0), PARIS)
    assert (local.hour, local.utcoffset()) == (9, timedelta(hours=2))


def test_spring_gap_is_read_with_offset_before_gap():
    # 29 March 2026 02:00 CET → 03:00 CEST; 02:30 does not exist.
    gap_time = datetime(2026, 3, 29, 2, 30)
    assert local_time_status(gap_time, PARIS) == "nonexistent"
    instant = to_utc(gap_time, PARIS)
    assert instant == utc(2026, 3, 29, 1, 30)
    assert to_local(instant, PARIS).time() == time(3, 30)


def test_autumn_fold_means_first_occurrence():
    # 25 October 2026 03:00 CEST → 02:00 CET; 02:30 happens twice.
    folded = datetime(2026, 10, 25, 2, 30)
    assert local_time_status(folded, PARIS) == "ambiguous"
    assert to_utc(folded, PARIS) == utc(2026, 10, 25, 0, 30)
    assert to_utc(datetime(2026, 10, 25, 3, 30), PARIS) == utc(2026, 10, 25, 2, 30)
    assert local_time_status(datetime(2026, 10, 25, 9, 0), PARIS) == "ok"


def test_naive_and_aware_inputs_are_refused_with_a_message():
    with pytest.raises(CalendarError, match="no time zone"):
        to_local(datetime(2026, 1, 1, 9), PARIS)
    with pytest.raises(TimezoneError, match="wall-clock"):
        to_utc(utc(2026, 1, 1, 9), PARIS)
    with pytest.raises(TimezoneError, match="Unknown time zone"):
        to_utc(datetime(2026, 1, 1, 9), "Europe/Atlantis")


def test_move_to_day_keeps_local_time_across_end_of_october():
    post = to_utc(datetime(2026, 10, 20, 9, 0), PARIS)
    assert post == utc(2026, 10, 20, 7, 0)
    moved = move_to_day(post, date(2026, 10, 27), PARIS)
    assert moved == utc(2026, 10, 27, 8, 0)
    assert to_local(moved, PARIS).time() == time(9, 0)


def test_move_by_across_march_change_both_ways():
    post = to_utc(datetime(2026, 3, 27, 9, 0), PARIS)  # CET
    later = move_by(post, 3, PARIS)
    assert later == utc(2026, 3, 30, 7, 0)  # 09:00 CEST
    assert move_by(later, -3, PARIS) == post
    assert move_by(post, 0, PARIS) == post


def test_move_onto_gap_day_follows_the_gap_policy():
    night_post = to_utc(datetime(2026, 3, 22, 2, 30), PARIS)
    moved = move_to_day(night_post, date(2026, 3, 29), PARIS)
    assert to_local(moved, PARIS).time() == time(3, 30)


def test_snap_to_slot_nearest_and_floor():
    assert snap_to_slot(datetime(2026, 5, 4, 9, 7)) == datetime(2026, 5, 4, 9, 0)
    assert snap_to_slot(datetime(2026, 5, 4, 9, 7, 30)) == datetime(2026, 5, 4, 9, 15)
    assert snap_to_slot(datetime(2026, 5, 4, 9, 14, 59), mode="floor") == datetime(2026, 5, 4, 9, 0)
    assert snap_to_slot(datetime(2026, 5, 4, 23, 53)) == datetime(2026, 5, 5, 0, 0)
    assert snap_to_slot(datetime(2026, 5, 4, 9, 44), minutes=30) == datetime(2026, 5, 4, 9, 30)
    aware = datetime(2026, 5, 4, 9, 7, tzinfo=ZoneInfo(PARIS))
    snapped = snap_to_slot(aware)
    assert snapped.tzinfo is aware.tzinfo and snapped.time() == time(9, 0)


@pytest.mark.parametrize("minutes", [0, -15, 7, 1441])
def test_snap_to_slot_rejects_slot_lengths_not_dividing_a_day(minutes):
    with pytest.raises(TimezoneError, match="Slot length"):
        snap_to_slot(datetime(2026, 5, 4, 9, 7), minutes=minutes)


@pytest.mark.parametrize("first_weekday", range(7))
@pytest.mark.parametrize(("year", "month"), [(2026, 2), (2026, 3), (2026, 8), (2027, 2), (2028, 2)])
def test_month_grid_matches_stdlib_calendar(year, month, first_weekday):
    grid = month_grid(year, month, first_weekday)
    assert len(grid) == 6 and all(len(week) == 7 for week in grid)
    reference = calendar.Calendar(first_weekday).monthdatescalendar(year, month)
    assert grid[: len(reference)] == reference
    flat = [d for week in grid for d in week]
    assert flat == [flat[0] + timedelta(days=i) for i in range(42)]
    assert flat[0].weekday() == first_weekday


def test_month_grid_february_2026_monday_and_sunday_first():
    # 1 February 2026 is a Sunday.
    assert month_grid(2026, 2, 0)[0][0] == date(2026, 1, 26)
    assert month_grid(2026, 2, 6)[0][0] == date(2026, 2, 1)
    with pytest.raises(TimezoneError):
        month_grid(2026, 13, 0)
    with pytest.raises(TimezoneError, match="First day of week"):
        month_grid(2026, 2, 7)


def test_week_days():
    week = week_days(date(2026, 10, 25), 0)  # a Sunday
    assert week[0] == date(2026, 10, 19) and week[-1] == date(2026, 10, 25)
    assert week_days(date(2026, 10, 25), 6)[0] == date(2026, 10, 25)


def test_parse_user_date_forms():
    assert parse_user_date(" 2026-10-25 ") == date(2026, 10, 25)
    assert parse_user_date("2026-10-25T09:00") == datetime(2026, 10, 25, 9, 0)
    assert parse_user_date("2026-10-25T07:00Z") == utc(2026, 10, 25, 7, 0)
    assert parse_user_date("2026-10-25T09:00+02:00") == utc(2026, 10, 25, 7, 0)
    for bad in ("", "25/10/2026", "2026-02-30", "tomorrow"):
        with pytest.raises(TimezoneError, match="YYYY-MM-DD"):
            parse_user_date(bad)


def test_parse_user_datetime_reads_local_time():
    assert parse_user_datetime("2026-10-25", PARIS) == utc(2026, 10, 24, 22, 0)
    assert parse_user_datetime("2026-10-26T09:00", PARIS) == utc(2026, 10, 26, 8, 0)
    assert parse_user_datetime("2026-10-26T09:00Z", PARIS) == utc(2026, 10, 26, 9, 0)


def _entry(ident: str, start: datetime, end: datetime | None = None, **kw) -> CalendarEntry:
    return CalendarEntry(id=ident, kind=kw.pop("kind", "post"), title=ident, start=start, end=end, **kw)


def test_bucket_by_local_day_uses_local_dates_and_floating_all_day():
    late = _entry("late", utc(2026, 10, 24, 23, 30))  # 01:30 on the 25th in Paris (CEST)
    holiday = _entry("holiday", utc(2026, 7, 14), utc(2026, 7, 15), kind="reference", all_day=True)
    phase = _entry("phase", to_utc(datetime(2026, 10, 23, 18), PARIS), to_utc(datetime(2026, 10, 26, 0), PARIS),
                   kind="phase")
    buckets = bucket_by_local_day([late, holiday, phase], PARIS, date(2026, 10, 1), date(2026, 10, 31))
    assert len(buckets) == 31
    assert [e.id for e in buckets[date(2026, 10, 25)]] == ["phase", "late"]
    assert [e.id for e in buckets[date(2026, 10, 23)]] == ["phase"]
    assert buckets[date(2026, 10, 26)] == []  # phase ends at midnight, exclusive
    assert buckets[date(2026, 10, 24)] == [phase]
    summer = bucket_by_local_day([holiday], "America/Montreal", date(2026, 7, 13), date(2026, 7, 15))
    assert summer[date(2026, 7, 14)] == [holiday] and summer[date(2026, 7, 13)] == []
    assert local_day_span(holiday, "Pacific/Auckland") == (date(2026, 7, 14), date(2026, 7, 14))
    with pytest.raises(TimezoneError, match="ends"):
        bucket_by_local_day([], PARIS, date(2026, 2, 1), date(2026, 1, 1))
