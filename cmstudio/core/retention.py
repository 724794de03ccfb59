"""When participants' data must be deleted after a contest (GDPR storage limitation).

GDPR art. 5(1)(e) requires keeping personal data no longer than needed, and art. 13(2)(a)
requires telling people how long it is kept (https://eur-lex.europa.eu/eli/reg/2016/679/oj).
The law sets no fixed duration for contests: the organizer chooses one, states it in the rules,
and the studio reminds them when it is reached.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

from cmstudio.core.contest_types import ContestError, require_aware, zone
from cmstudio.core.i18n import _

DEFAULT_RETENTION_MONTHS = 6


def add_months(moment: datetime, months: int) -> datetime:
    """Same wall-clock time *months* later; the day is clamped (31 August + 1 month → 30 September)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def retention_date(contest_end: datetime, months: int = DEFAULT_RETENTION_MONTHS,
                   tz: str | None = None) -> datetime:
    """The UTC instant when entries of a contest ending at *contest_end* are due for deletion.

    Months are counted on the calendar of *tz* (the contest's zone) when given, so the date shown
    in the rules is the same local time months later, whatever daylight saving does meanwhile.
    """
    if months < 1:
        raise ContestError(_("The retention period must be at least one month."))
    end = require_aware(contest_end, "The contest end")
    if tz is None:
        return add_months(end, months)
    local = end.astimezone(zone(tz)).replace(tzinfo=None)
    return add_months(local, months).replace(tzinfo=zone(tz)).astimezone(UTC)


def is_due(contest_end: datetime, months: int = DEFAULT_RETENTION_MONTHS, *, now: datetime | None = None,
           tz: str | None = None) -> bool:
    """Whether the retention period of a contest ending at *contest_end* is over at *now*."""
    current = require_aware(now, "The current time") if now is not None else datetime.now(UTC)
    return current >= retention_date(contest_end, months, tz)
