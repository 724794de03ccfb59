"""Posting schedule per account: weekly time slots, the next free one, and the queue view.

Slots are local wall-clock times (Tuesday 09:00 in the workspace's zone), so a 09:00 slot stays
at 09:00 across DST changes. A slot on a nonexistent local time (02:30 on the spring-forward
night) follows the policy of :mod:`cmstudio.core.timezones` and lands at 03:30 that day.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from cmstudio.core.calendar_types import CalendarEntry, CalendarError, ensure_utc
from cmstudio.core.i18n import _
from cmstudio.core.timezones import TzLike, get_zone, to_local, to_utc

OCCUPYING_STATUSES: frozenset[str] = frozenset({"idea", "draft", "ready", "scheduled", "published"})
"""Statuses of a post that holds its slot; a failed post leaves the slot to be reused."""


class QueueError(CalendarError):
    """A posting schedule that cannot be used (no slot, bad weekday or time)."""


@dataclass(frozen=True, slots=True, order=True)
class Slot:
    """One weekly slot: ``weekday`` 0 (Monday) to 6 (Sunday) at local wall-clock time ``at``."""

    weekday: int
    at: time

    def __post_init__(self) -> None:
        if isinstance(self.weekday, bool) or not isinstance(self.weekday, int) or not 0 <= self.weekday <= 6:
            raise QueueError(_(
                "Slot weekday {weekday!r} must be 0 (Monday) to 6 (Sunday).",
                weekday=self.weekday,
            ))
        if not isinstance(self.at, time) or self.at.tzinfo is not None:
            raise QueueError(_("Slot time {at!r} must be a local time of day such as 09:00.", at=self.at))


def _parse_time(value: time | str) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise QueueError(_(
            "{value!r} is not a time of day; write it as HH:MM, e.g. 09:30.",
            value=value,
        )) from exc


@dataclass(frozen=True, slots=True)
class WeeklySlots:
    """The weekly posting schedule of one account; slots are kept sorted and unique."""

    slots: tuple[Slot, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "slots", tuple(sorted(set(self.slots))))

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[int, time | str]]) -> WeeklySlots:
        """Build from ``(weekday, "09:00")`` or ``(weekday, time(9))`` pairs."""
        return cls(tuple(Slot(weekday, _parse_time(at)) for weekday, at in pairs))

    @classmethod
    def from_data(cls, data: Iterable[dict]) -> WeeklySlots:
        """Read the JSON form stored in account settings: ``[{"weekday": 0, "time": "09:00"}, …]``."""
        try:
            return cls.from_pairs((int(item["weekday"]), item["time"]) for item in data)
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, QueueError):
                raise
            raise QueueError(_("A posting slot needs a weekday (0–6) and a time (HH:MM).")) from exc

    def to_data(self) -> list[dict]:
        """The JSON form read by :meth:`from_data`."""
        return [{"weekday": s.weekday, "time": s.at.strftime("%H:%M")} for s in self.slots]

    def times_on(self, weekday: int) -> list[time]:
        """Local times of the slots on a weekday, in order."""
        return [s.at for s in self.slots if s.weekday == weekday]


def _day_instants(slots: WeeklySlots, zone, day: date) -> list[datetime]:
    instants = {to_utc(datetime.combine(day, at), zone) for at in slots.times_on(day.weekday())}
    return sorted(instants)


def _iter_instants(slots: WeeklySlots, zone, first_day: date) -> Iterator[datetime]:
    day = first_day
    while True:
        yield from _day_instants(slots, zone, day)
        if day == date.max:
            return
        day += timedelta(days=1)


def _is_taken(instant: datetime, taken_sorted: list[datetime], tolerance: timedelta) -> bool:
    index = bisect.bisect_left(taken_sorted, instant - tolerance)
    return index < len(taken_sorted) and taken_sorted[index] <= instant + tolerance


def next_free_slot(
    slots: WeeklySlots,
    tz: TzLike,
    taken: Iterable[datetime],
    after: datetime,
    *,
    tolerance: timedelta = timedelta(0),
) -> datetime:
    """The first slot strictly after ``after`` that no post occupies, as a UTC instant.

    A post occupies a slot when it starts within ``tolerance`` of it (exactly on it by default).
    """
    if not slots.slots:
        raise QueueError(_("This account has no posting slots; add at least one in its schedule."))
    if tolerance < timedelta(0):
        raise QueueError(_("The slot tolerance cannot be negative."))
    zone = get_zone(tz)
    after = ensure_utc(after, "start of the search")
    taken_sorted = sorted(ensure_utc(t, "time of a queued post") for t in taken)
    for instant in _iter_instants(slots, zone, to_local(after, zone).date()):
        if instant > after and not _is_taken(instant, taken_sorted, tolerance):
            return instant
    raise QueueError(_("No free posting slot is left before the end of the calendar."))


def taken_from_entries(
    entries: Iterable[CalendarEntry],
    account_id: str,
    statuses: frozenset[str] = OCCUPYING_STATUSES,
) -> list[tuple[datetime, str]]:
    """``(start, id)`` of the posts of one account that hold a slot, for :func:`upcoming_slots`."""
    return [(e.start, e.id) for e in entries
            if e.kind == "post" and e.account_id == account_id and e.status in statuses]


def upcoming_slots(
    slots: WeeklySlots,
    tz: TzLike,
    start: datetime,
    days: int,
    taken: Iterable[tuple[datetime, str]] = (),
    *,
    tolerance: timedelta = timedelta(0),
    include_unslotted: bool = False,
) -> list[tuple[datetime, str | None]]:
    """The queue view: every slot from ``start`` over ``days`` local days, with the post filling it.

    Returns ``(utc instant, item id or None)`` in time order. When several posts share a slot the
    earliest (then smallest id) is shown. With ``include_unslotted`` posts that sit outside any
    slot in the period are listed too, at their own time.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise QueueError(_("The queue period must be at least one day, got {days!r}.", days=days))
    if tolerance < timedelta(0):
        raise QueueError(_("The slot tolerance cannot be negative."))
    zone = get_zone(tz)
    start = ensure_utc(start, "start of the queue")
    first_day = to_local(start, zone).date()
    last_day = first_day + timedelta(days=days - 1)
    posts = sorted((ensure_utc(t, "time of a queued post"), str(item)) for t, item in taken)
    post_times = [t for t, _ in posts]
    used: set[int] = set()
    result: list[tuple[datetime, str | None]] = []
    day = first_day
    while day <= last_day:
        for instant in _day_instants(slots, zone, day):
            if instant < start:
                continue
            index = bisect.bisect_left(post_times, instant - tolerance)
            owner: str | None = None
            while index < len(posts) and posts[index][0] <= instant + tolerance:
                if index not in used:
                    owner = posts[index][1]
                    used.add(index)
                    break
                index += 1
            result.append((instant, owner))
        day += timedelta(days=1)
    if include_unslotted:
        for index, (instant, item) in enumerate(posts):
            if index in used or instant < start or to_local(instant, zone).date() > last_day:
                continue
            result.append((instant, item))
        result.sort(key=lambda pair: (pair[0], pair[1] or ""))
    return result
