"""Weekly posting slots: next free slot and the queue view, across DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from cmstudio.core.calendar_types import CalendarEntry
from cmstudio.core.queue import (
    QueueError,
    Slot,
    WeeklySlots,
    next_free_slot,
    taken_from_entries,
    upcoming_slots,
)
from cmstudio.core.timezones import to_local, to_utc

PARIS = "Europe/Paris"
MON, TUE, WED, FRI, SUN = 0, 1, 2, 4, 6


def local(*args: int) -> datetime:
    return to_utc(datetime(*args), PARIS)


@pytest.fixture
def schedule() -> WeeklySlots:
    return WeeklySlots.from_pairs([(MON, "09:00"), (WED, "09:00"), (FRI, "09:00"), (TUE, time(12, 30))])


def test_slots_are_sorted_unique_and_round_trip_through_json(schedule):
    doubled = WeeklySlots.from_pairs([(FRI, "09:00"), (MON, "09:00"), (FRI, "09:00")])
    assert doubled.slots == (Slot(MON, time(9)), Slot(FRI, time(9)))
    assert WeeklySlots.from_data(schedule.to_data()) == schedule
    assert schedule.to_data()[1] == {"weekday": TUE, "time": "12:30"}


@pytest.mark.parametrize("data", [[{"weekday": 7, "time": "09:00"}], [{"weekday": 1, "time": "9h"}],
                                  [{"time": "09:00"}], [{"weekday": "mardi", "time": "09:00"}]])
def test_bad_slot_data_gives_a_clear_error(data):
    with pytest.raises(QueueError):
        WeeklySlots.from_data(data)


def test_next_free_slot_after_friday_morning_lands_on_monday_in_winter_time(schedule):
    after = local(2026, 10, 23, 10, 0)  # Friday, CEST
    slot = next_free_slot(schedule, PARIS, [], after)
    assert slot == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)  # Monday 09:00 CET
    assert to_local(slot, PARIS).time() == time(9, 0)


def test_taken_slots_are_skipped_and_after_is_exclusive(schedule):
    monday = local(2026, 10, 26, 9, 0)
    tuesday = local(2026, 10, 27, 12, 30)
    assert next_free_slot(schedule, PARIS, [monday], local(2026, 10, 23, 10, 0)) == tuesday
    assert next_free_slot(schedule, PARIS, [], monday) == tuesday
    assert next_free_slot(schedule, PARIS, [monday, tuesday], monday - timedelta(seconds=1)) == \
        local(2026, 10, 28, 9, 0)


def test_tolerance_lets_a_nearby_post_hold_the_slot(schedule):
    monday = local(2026, 10, 26, 9, 0)
    near = monday + timedelta(minutes=5)
    after = local(2026, 10, 25, 12, 0)
    assert next_free_slot(schedule, PARIS, [near], after) == monday
    assert next_free_slot(schedule, PARIS, [near], after, tolerance=timedelta(minutes=10)) == \
        local(2026, 10, 27, 12, 30)


def test_many_taken_slots_are_walked_past():
    daily = WeeklySlots.from_pairs([(d, "08:00") for d in range(7)])
    start = local(2026, 1, 1, 0, 0)
    taken = [to_utc(datetime(2026, 1, 1, 8, 0) + timedelta(days=i), PARIS) for i in range(400)]
    free = next_free_slot(daily, PARIS, taken, start)
    assert to_local(free, PARIS).replace(tzinfo=None) == datetime(2027, 2, 5, 8, 0)


def test_slot_inside_spring_gap_moves_to_after_the_gap():
    night = WeeklySlots.from_pairs([(SUN, "02:30")])
    slot = next_free_slot(night, PARIS, [], local(2026, 3, 28, 12, 0))
    assert slot == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert to_local(slot, PARIS).time() == time(3, 30)


def test_empty_schedule_and_bad_arguments():
    with pytest.raises(QueueError, match="no posting slots"):
        next_free_slot(WeeklySlots(), PARIS, [], local(2026, 1, 1, 0, 0))
    with pytest.raises(QueueError, match="negative"):
        next_free_slot(WeeklySlots.from_pairs([(MON, "09:00")]), PARIS, [], local(2026, 1, 1, 0, 0),
                       tolerance=timedelta(minutes=-1))
    with pytest.raises(QueueError, match="at least one day"):
        upcoming_slots(WeeklySlots.from_pairs([(MON, "09:00")]), PARIS, local(2026, 1, 1, 0, 0), 0)


def test_upcoming_slots_show_filled_and_empty(schedule):
    start = local(2026, 10, 26, 0, 0)  # Monday
    taken = [(local(2026, 10, 26, 9, 0), "p1"), (local(2026, 10, 28, 9, 0), "p2"),
             (local(2026, 10, 28, 9, 0), "p3"), (local(2026, 10, 29, 17, 0), "off-slot")]
    view = upcoming_slots(schedule, PARIS, start, 7, taken)
    assert [(to_local(t, PARIS).strftime("%a %H:%M"), who) for t, who in view] == [
        ("Mon 09:00", "p1"), ("Tue 12:30", None), ("Wed 09:00", "p2"), ("Fri 09:00", None),
    ]
    with_extra = upcoming_slots(schedule, PARIS, start, 7, taken, include_unslotted=True)
    assert [who for _, who in with_extra] == ["p1", None, "p2", "p3", "off-slot", None]


def test_upcoming_slots_skip_slots_before_start(schedule):
    start = local(2026, 10, 26, 10, 0)
    view = upcoming_slots(schedule, PARIS, start, 1)
    assert view == []
    assert len(upcoming_slots(schedule, PARIS, start, 14)) == 7


def test_taken_from_entries_keeps_the_accounts_live_posts():
    def post(ident, account, status, kind="post"):
        return CalendarEntry(id=ident, kind=kind, title=ident, start=local(2026, 10, 26, 9, 0),
                             account_id=account, status=status)

    entries = [post("a", "acc", "scheduled"), post("b", "acc", "failed"), post("c", "other", "scheduled"),
               post("d", "acc", "draft"), post("e", "acc", "scheduled", kind="article")]
    assert [ident for _, ident in taken_from_entries(entries, "acc")] == ["a", "d"]
