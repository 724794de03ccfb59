"""Time zone arithmetic for the calendar: stored in UTC, shown and edited in the workspace's zone.

Policy for local times that do not map to exactly one instant (DST changes), following
RFC 5545 section 3.3.5 (https://www.rfc-editor.org/rfc/rfc5545#section-3.3.5), which is also
what Python's zoneinfo does with ``fold=0``:

* a nonexistent local time (in the spring-forward gap) is read with the UTC offset in force
  *before* the gap, so 02:30 on 29 March 2026 in Europe/Paris becomes 03:30 CEST;
* an ambiguous local time (in the autumn fold) means its *first* occurrence, so 02:30 on
  25 October 2026 in Europe/Paris is 02:30 CEST (00:30 UTC), not 02:30 CET.

:func:`local_time_status` lets a dialog warn the user before such a time is saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cmstudio.core.calendar_types import CalendarEntry, CalendarError, ensure_utc
from cmstudio.core.i18n import _

TzLike = str | tzinfo

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ONE_MICRO = timedelta(microseconds=1)


class TimezoneError(CalendarError):
    """A time zone name, a date or a time the user typed cannot be understood."""


def get_zone(tz: TzLike) -> tzinfo:
    """Return a tzinfo for an IANA name (``"Europe/Paris"``) or pass a tzinfo through."""
    if isinstance(tz, tzinfo):
        return tz
    if not isinstance(tz, str) or not tz.strip():
        raise TimezoneError(_("A time zone name such as Europe/Paris is required."))
    try:
        return ZoneInfo(tz.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise TimezoneError(_(
            "Unknown time zone {tz!r}; use an IANA name such as Europe/Paris.",
            tz=tz,
        )) from exc


def to_local(dt_utc: datetime, tz: TzLike) -> datetime:
    """Return the aware wall-clock time in ``tz`` for a stored (aware) instant."""
    return ensure_utc(dt_utc).astimezone(get_zone(tz))


def to_utc(naive_local: datetime, tz: TzLike) -> datetime:
    """Return the UTC instant of a wall-clock time in ``tz`` (gap/fold policy: see module doc)."""
    if not isinstance(naive_local, datetime):
        raise TimezoneError(_(
            "A date and time is required, got {type_name}.",
            type_name=type(naive_local).__name__,
        ))
    if naive_local.tzinfo is not None:
        raise TimezoneError(
            _(
                "{moment} already carries a time zone; to_utc expects a wall-clock time.",
                moment=naive_local.isoformat(),
            )
        )
    return naive_local.replace(tzinfo=get_zone(tz), fold=0).astimezone(UTC)


def local_time_status(naive_local: datetime, tz: TzLike) -> str:
    """Classify a wall-clock time: ``"ok"``, ``"nonexistent"`` (DST gap) or ``"ambiguous"`` (fold)."""
    zone = get_zone(tz)
    naive_local = naive_local.replace(tzinfo=None, fold=0)
    first = naive_local.replace(tzinfo=zone, fold=0)
    second = naive_local.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return "ok"
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return "nonexistent" if round_trip != naive_local else "ambiguous"


def move_to_day(dt_utc: datetime, new_local_date: date, tz: TzLike) -> datetime:
    """Move an instant to another local day keeping its local time of day (09:00 stays 09:00)."""
    local = to_local(dt_utc, tz)
    return to_utc(datetime.combine(new_local_date, local.time().replace(tzinfo=None, fold=0)), tz)


def move_by(dt_utc: datetime, delta_days: int, tz: TzLike) -> datetime:
    """Shift an instant by whole local days, keeping its local time of day across DST changes."""
    local_date = to_local(dt_utc, tz).date()
    try:
        target = local_date + timedelta(days=int(delta_days))
    except OverflowError as exc:
        raise TimezoneError(_(
            "Moving by {delta_days} days leaves the supported calendar range.",
            delta_days=delta_days,
        )) from exc
    return move_to_day(dt_utc, target, tz)


def snap_to_slot(local_dt: datetime, minutes: int = 15, mode: str = "nearest") -> datetime:
    """Snap a wall-clock time to the grid of ``minutes``-long slots starting at midnight.

    ``mode="nearest"`` rounds half up (09:07:30 → 09:15 with 15-minute slots); ``"floor"`` gives
    the slot containing the time (what a click on the week view means). Seconds are dropped; the
    tzinfo, if any, is kept and the result is a wall-clock value (convert with :func:`to_utc`).
    """
    if not isinstance(minutes, int) or minutes <= 0 or (24 * 60) % minutes:
        raise TimezoneError(_(
            "Slot length {minutes!r} must be a whole number of minutes dividing a day.",
            minutes=minutes,
        ))
    if mode not in ("nearest", "floor"):
        raise TimezoneError(_("Unknown snapping mode {mode!r}; use 'nearest' or 'floor'.", mode=mode))
    naive = local_dt.replace(tzinfo=None, fold=0)
    midnight = datetime.combine(naive.date(), time())
    elapsed = naive - midnight
    slot = timedelta(minutes=minutes)
    index = elapsed // slot
    if mode == "nearest" and (elapsed - index * slot) * 2 >= slot:
        index += 1
    return (midnight + index * slot).replace(tzinfo=local_dt.tzinfo)


def _check_weekday(first_weekday: int) -> int:
    if not isinstance(first_weekday, int) or not 0 <= first_weekday <= 6:
        raise TimezoneError(_(
            "First day of week {first_weekday!r} must be 0 (Monday) to 6 (Sunday).",
            first_weekday=first_weekday,
        ))
    return first_weekday


def week_days(day: date, first_weekday: int = 0) -> list[date]:
    """The seven dates of the week containing ``day``; weeks start on ``first_weekday`` (0=Monday)."""
    _check_weekday(first_weekday)
    start = day - timedelta(days=(day.weekday() - first_weekday) % 7)
    return [start + timedelta(days=i) for i in range(7)]


def month_grid(year: int, month: int, first_weekday: int = 0) -> list[list[date]]:
    """Six weeks of dates covering the month, as a month view lays them out (always 6 × 7)."""
    _check_weekday(first_weekday)
    try:
        first = date(year, month, 1)
    except (TypeError, ValueError) as exc:
        raise TimezoneError(_(
            "There is no month {month!r} in year {year!r}.",
            month=month, year=year,
        )) from exc
    start = week_days(first, first_weekday)[0]
    return [[start + timedelta(days=7 * w + d) for d in range(7)] for w in range(6)]


def parse_user_date(text: str) -> date | datetime:
    """Read a CLI date: ``YYYY-MM-DD`` gives a date, a full ISO 8601 date-time a datetime.

    A datetime keeps its offset when one is written (``Z`` or ``+02:00``) and is naive otherwise;
    :func:`parse_user_datetime` turns either into a UTC instant.
    """
    value = (text or "").strip()
    if not value:
        raise TimezoneError(_(
            "A date is required (YYYY-MM-DD or an ISO date and time such as 2026-10-25T09:00).",
        ))
    try:
        if _DATE_ONLY.match(value):
            return date.fromisoformat(value)
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise TimezoneError(
            _(
                "{value!r} is not a valid date; write YYYY-MM-DD or an ISO date and time such as "
                "2026-10-25T09:00 or 2026-10-25T07:00Z.",
                value=value,
            )
        ) from exc


def parse_user_datetime(text: str, tz: TzLike) -> datetime:
    """Read a CLI date as a UTC instant; a date or a naive time is taken as local time in ``tz``."""
    value = parse_user_date(text)
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if value.tzinfo is None:
        return to_utc(value, tz)
    return value.astimezone(UTC)


def local_day_span(entry: CalendarEntry, tz: TzLike) -> tuple[date, date]:
    """First and last local dates (inclusive) an entry covers; all-day entries use floating dates."""
    if entry.all_day:
        first = entry.start.date()
        last = (entry.end - _ONE_MICRO).date() if entry.end and entry.end > entry.start else first
        return first, max(first, last)
    zone = get_zone(tz)
    first = entry.start.astimezone(zone).date()
    if entry.end is None or entry.end <= entry.start:
        return first, first
    return first, (entry.end - _ONE_MICRO).astimezone(zone).date()


def bucket_by_local_day(
    entries: Iterable[CalendarEntry], tz: TzLike, first_day: date, last_day: date
) -> dict[date, list[CalendarEntry]]:
    """Group entries by the local days they cover between two dates (inclusive).

    Every day of the window is a key (empty days have an empty list) so a month view can fill
    its 42 cells directly. Within a day, all-day entries come first, then by start and title.
    A multi-day entry (a contest phase) appears on each day it overlaps.
    """
    if last_day < first_day:
        raise TimezoneError(_(
            "The period ends ({last_day}) before it starts ({first_day}).",
            last_day=last_day, first_day=first_day,
        ))
    zone = get_zone(tz)
    buckets: dict[date, list[CalendarEntry]] = {}
    day = first_day
    while day <= last_day:
        buckets[day] = []
        day += timedelta(days=1)
    ordered = sorted(entries, key=lambda e: (not e.all_day, e.start, e.title, e.id))
    one_day = timedelta(days=1)
    for entry in ordered:
        if entry.all_day or entry.end is not None:
            first, last = local_day_span(entry, zone)
        else:
            first = last = entry.start.astimezone(zone).date()
        if last < first_day or first > last_day:
            continue
        day = max(first, first_day)
        stop = min(last, last_day)
        while day <= stop:
            buckets[day].append(entry)
            day += one_day
    return buckets
