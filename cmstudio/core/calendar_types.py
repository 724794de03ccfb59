"""Plain data the calendar core works on, independent of the database models.

The ORM layer converts its rows into :class:`CalendarEntry` values so that every calendar
computation (bucketing, conflicts, queue, iCalendar export) is a pure function that a CLI,
a test or the Qt views can call alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _

KINDS: tuple[str, ...] = ("article", "post", "phase", "event", "reference")
STATUSES: tuple[str, ...] = ("idea", "draft", "ready", "scheduled", "published", "failed")


class CalendarError(UserError, ValueError):
    """Bad input to a calendar function; the message is meant for the user (CLI shows it as is)."""


def ensure_utc(value: datetime, what: str = "date") -> datetime:
    """Return ``value`` converted to UTC; refuse naive datetimes, whose meaning is unknown."""
    if not isinstance(value, datetime):
        raise CalendarError(_(
            "The {what} must be a date and time, got {type_name}.",
            what=what, type_name=type(value).__name__,
        ))
    if value.tzinfo is None or value.utcoffset() is None:
        raise CalendarError(
            _(
                "The {what} {moment} has no time zone; times are stored in UTC, convert local times with "
                "cmstudio.core.timezones.to_utc first.",
                what=what, moment=value.isoformat(),
            )
        )
    return value.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One thing shown on the calendar: an article, a post, a contest phase, an event or a reference.

    ``start`` and ``end`` are UTC-aware; ``end`` is exclusive. For ``all_day`` entries the day is
    a floating date: ``start`` holds midnight UTC of that date and the date is read with
    ``start.date()`` in every time zone (a public holiday is on 14 July in Paris and in Montréal).
    ``read_only`` entries (references imported from .ics or holiday lists) cannot be moved.
    """

    id: str
    kind: str
    title: str
    start: datetime
    end: datetime | None = None
    network: str | None = None
    account_id: str | None = None
    status: str = "idea"
    campaign: str | None = None
    color: str | None = None
    all_day: bool = False
    read_only: bool = False
    source: str | None = None
    description: str | None = None

    def __post_init__(self) -> None:
        if not str(self.id):
            raise CalendarError(_("A calendar item needs an identifier."))
        if self.kind not in KINDS:
            raise CalendarError(_(
                "Unknown calendar item kind {kind!r}; expected one of {choices}.",
                kind=self.kind, choices=', '.join(KINDS),
            ))
        if self.status not in STATUSES:
            raise CalendarError(
                _(
                    "Unknown status {status!r} for item {id}; expected one of {choices}.",
                    status=self.status, id=self.id, choices=', '.join(STATUSES),
                )
            )
        object.__setattr__(self, "start", ensure_utc(self.start, f"start of item {self.id}"))
        if self.end is not None:
            end = ensure_utc(self.end, f"end of item {self.id}")
            if end < self.start:
                raise CalendarError(_(
                    "Item {id} ends ({end}) before it starts ({start}).",
                    id=self.id, end=end.isoformat(), start=self.start.isoformat(),
                ))
            object.__setattr__(self, "end", end)
        if self.all_day and (self.start.hour, self.start.minute, self.start.second,
                             self.start.microsecond) != (0, 0, 0, 0):
            raise CalendarError(_("All-day item {id} must start at midnight UTC of its date.", id=self.id))
