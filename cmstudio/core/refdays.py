"""Reference days shown on the calendar: French public holidays, marketing days, imported .ics.

Public holidays come from the ``holidays`` package (metropolitan France, no Alsace-Moselle
extras). Marketing days are data — ``data/marketing_days.json`` by default, or a list the user
edited — where each day is either a fixed date (``month``/``day``) or a named ``rule`` computed
here (Black Friday, Fête des mères…). Imported calendars become read-only "reference" items.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from importlib import resources
from pathlib import Path

import holidays
from dateutil.easter import easter
from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar

from cmstudio.core.calendar_types import CalendarEntry, CalendarError
from cmstudio.core.i18n import _
from cmstudio.core.ics import IcsError
from cmstudio.core.timezones import TzLike, get_zone, to_utc

SOURCE_HOLIDAY = "public_holiday"
SOURCE_MARKETING = "marketing"
_HOLIDAY_LANG = {"fr": "fr", "en": "en_US"}


class RefDaysError(CalendarError):
    """A marketing-day list or a date range that cannot be used."""


@dataclass(frozen=True, slots=True, order=True)
class RefDay:
    """A day worth knowing when planning: ``source`` is ``public_holiday``, ``marketing`` or a file name."""

    date: date
    title: str
    source: str


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 for last) given weekday (0=Monday) of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _black_friday(year: int) -> date:
    # The day after US Thanksgiving, the fourth Thursday of November (5 U.S.C. § 6103).
    return _nth_weekday(year, 11, 3, 4) + timedelta(days=1)


def _mothers_day_fr(year: int) -> date:
    # Loi n° 50-577 du 24 mai 1950 (now Code de l'action sociale et des familles, art. D215-1):
    # last Sunday of May, or the first Sunday of June when that day is Pentecost.
    last_may = _nth_weekday(year, 5, 6, -1)
    return _nth_weekday(year, 6, 6, 1) if last_may == easter(year) + timedelta(days=49) else last_may


def _winter_sales_fr(year: int) -> date:
    # Code de commerce art. L310-3 and its application text (arrêté since 2020, same rule as the
    # former art. D310-15-2): second Wednesday of January, or the first one when the second
    # falls after the 12th. https://juriblio.fr/codes/code-de-commerce/partie-reglementaire/livre-iii/titre-ier/section-3/article-d310-15-2
    second = _nth_weekday(year, 1, 2, 2)
    return second if second.day <= 12 else second - timedelta(days=7)


def _summer_sales_fr(year: int) -> date:
    # Same source: last Wednesday of June, or the one before when the last falls after the 28th.
    last = _nth_weekday(year, 6, 2, -1)
    return last if last.day <= 28 else last - timedelta(days=7)


RULES: dict[str, Callable[[int], date]] = {
    "black_friday": _black_friday,
    "cyber_monday": lambda y: _black_friday(y) + timedelta(days=3),
    "easter": easter,
    "mardi_gras": lambda y: easter(y) - timedelta(days=47),
    "mothers_day_fr": _mothers_day_fr,
    # Commercial customs without a legal text: third Sunday of June, first Sunday of March.
    "fathers_day_fr": lambda y: _nth_weekday(y, 6, 6, 3),
    "grandmothers_day_fr": lambda y: _nth_weekday(y, 3, 6, 1),
    "winter_sales_fr": _winter_sales_fr,
    "summer_sales_fr": _summer_sales_fr,
}


@dataclass(frozen=True, slots=True)
class MarketingDay:
    """One entry of the editable marketing-day list: a fixed ``month``/``day`` or a ``rule`` name."""

    id: str
    fr: str
    en: str
    month: int | None = None
    day: int | None = None
    rule: str | None = None

    def on(self, year: int) -> date | None:
        """The date in a year, or None (29 February in a common year)."""
        if self.rule is not None:
            return RULES[self.rule](year)
        try:
            return date(year, self.month, self.day)  # type: ignore[arg-type]
        except ValueError:
            return None


def parse_marketing_days(data: object) -> list[MarketingDay]:
    """Validate a decoded JSON list of marketing days; the error names the faulty entry."""
    if not isinstance(data, list):
        raise RefDaysError(_("A marketing-day list must be a JSON list of objects."))
    days: list[MarketingDay] = []
    for number, item in enumerate(data, start=1):
        where = f"Marketing day #{number}"
        if not isinstance(item, dict):
            raise RefDaysError(_("{where} must be an object with fr, en and month/day or rule.", where=where))
        fr, en = item.get("fr"), item.get("en")
        if not isinstance(fr, str) or not fr.strip() or not isinstance(en, str) or not en.strip():
            raise RefDaysError(_("{where} needs a French (fr) and an English (en) title.", where=where))
        rule = item.get("rule")
        if rule is not None:
            if rule not in RULES:
                raise RefDaysError(_(
                    "{where} ({fr}) uses unknown rule {rule!r}; known: {choices}.",
                    where=where, fr=fr, rule=rule, choices=', '.join(sorted(RULES)),
                ))
            month = day = None
        else:
            month, day = item.get("month"), item.get("day")
            try:
                date(2000, month, day)  # a leap year, so 29 February is allowed
            except (TypeError, ValueError) as exc:
                raise RefDaysError(_(
                    "{where} ({fr}) has no valid month and day.",
                    where=where, fr=fr,
                )) from exc
        ident = str(item.get("id") or en).strip()
        days.append(MarketingDay(id=ident, fr=fr.strip(), en=en.strip(), month=month, day=day, rule=rule))
    return days


def load_marketing_days(path: str | Path | None = None) -> list[MarketingDay]:
    """The user's marketing-day list at ``path``, or the default one shipped with the studio."""
    try:
        if path is None:
            text = resources.files("cmstudio.core").joinpath("data/marketing_days.json").read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        data = json.loads(text)
    except OSError as exc:
        raise RefDaysError(_(
            "Cannot read the marketing-day list {path}: {reason}.",
            path=path, reason=exc.strerror or exc,
        )) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RefDaysError(_(
            "The marketing-day list {path} is not valid JSON: {error}.",
            path=path or 'marketing_days.json', error=exc,
        )) from exc
    return parse_marketing_days(data)


def _check_lang(lang: str) -> str:
    if lang not in ("fr", "en"):
        raise RefDaysError(_("Unsupported language {lang!r}; use 'fr' or 'en'.", lang=lang))
    return lang


def reference_days(
    start_date: date,
    end_date: date,
    lang: str = "fr",
    *,
    marketing_days: Iterable[MarketingDay] | None = None,
    include_holidays: bool = True,
    include_marketing: bool = True,
) -> list[RefDay]:
    """Public holidays and marketing days between two dates (inclusive), sorted by date.

    A marketing day that falls on a holiday of the same name (Noël) is shown once, as the holiday.
    """
    lang = _check_lang(lang)
    if end_date < start_date:
        raise RefDaysError(_(
            "The period ends ({end_date}) before it starts ({start_date}).",
            end_date=end_date, start_date=start_date,
        ))
    years = range(start_date.year, end_date.year + 1)
    result: list[RefDay] = []
    seen: set[tuple[date, str]] = set()
    if include_holidays:
        for day, names in holidays.France(years=years, language=_HOLIDAY_LANG[lang]).items():
            if start_date <= day <= end_date:
                for name in names.split("; "):
                    result.append(RefDay(day, name, SOURCE_HOLIDAY))
                    seen.add((day, name.casefold()))
    if include_marketing:
        chosen = load_marketing_days() if marketing_days is None else list(marketing_days)
        for item in chosen:
            title = item.fr if lang == "fr" else item.en
            for year in years:
                day = item.on(year)
                if day is not None and start_date <= day <= end_date and (day, title.casefold()) not in seen:
                    result.append(RefDay(day, title, SOURCE_MARKETING))
    order = {SOURCE_HOLIDAY: 0, SOURCE_MARKETING: 1}
    result.sort(key=lambda r: (r.date, order.get(r.source, 2), r.title))
    return result


def reference_entries(days: Iterable[RefDay]) -> list[CalendarEntry]:
    """Reference days as read-only all-day calendar items with ids stable across calls."""
    entries = []
    for ref in days:
        digest = hashlib.sha1(ref.title.encode("utf-8")).hexdigest()[:10]
        start = datetime.combine(ref.date, time(), UTC)
        entries.append(CalendarEntry(
            id=f"{ref.source}-{ref.date.isoformat()}-{digest}", kind="reference", title=ref.title,
            start=start, end=start + timedelta(days=1), status="published", all_day=True,
            read_only=True, source=ref.source,
        ))
    return entries


# --- .ics import ---------------------------------------------------------------------------


class ImportedEntries(list[CalendarEntry]):
    """The entries read from a calendar file, with what was skipped and why."""

    def __init__(self, entries: Iterable[CalendarEntry] = ()) -> None:
        super().__init__(entries)
        self.skipped = 0
        self.problems: list[str] = []
        self.warnings: list[str] = []


def _as_utc(value: date | datetime, zone, warn: Callable[[str], None], tzid: str | None) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), UTC)
    if value.tzinfo is None:
        if tzid:
            warn(f"unknown time zone {tzid!r}, read as local time")
        return to_utc(value, zone)
    return value.astimezone(UTC)


def _occurrence_key(value: date | datetime) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


_UNTIL_WITHOUT_ZONE = re.compile(r"UNTIL=(\d{8})(T\d{6})?(?=;|$)")


def _until_in_utc(match: re.Match[str], anchor: datetime) -> str:
    # RFC 5545 wants UNTIL in UTC when DTSTART has a zone; some exporters write a date or a
    # local time instead. Read it in the start's zone (a date meaning the end of that day).
    day = datetime.strptime(match.group(1), "%Y%m%d")
    local = datetime.strptime(match.group(1) + match.group(2), "%Y%m%dT%H%M%S") if match.group(2) \
        else datetime.combine(day.date(), time(23, 59, 59))
    return "UNTIL=" + local.replace(tzinfo=anchor.tzinfo).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _expand(event, start, window: tuple[date, date], max_occurrences: int) -> list:
    """Start values of a recurring event inside the window (RRULE, RDATE, EXDATE)."""
    all_day = not isinstance(start, datetime)
    anchor = datetime.combine(start, time()) if all_day else start
    rules = event.get("rrule")
    rules = rules if isinstance(rules, list) else [rules]
    rset = rruleset()
    for rule in rules:
        text = rule.to_ical().decode("ascii", "replace")
        if anchor.tzinfo is not None:
            text = _UNTIL_WITHOUT_ZONE.sub(lambda m: _until_in_utc(m, anchor), text)
        rset.rrule(rrulestr(text, dtstart=anchor, ignoretz=anchor.tzinfo is None))  # type: ignore[arg-type]
    for prop_name, add in (("rdate", rset.rdate), ("exdate", rset.exdate)):
        values = event.get(prop_name)
        for prop in values if isinstance(values, list) else ([values] if values is not None else []):
            for item in prop.dts:
                value = item.dt
                if isinstance(value, tuple):  # RDATE as a PERIOD: its start
                    value = value[0]
                value = datetime.combine(value, time()) if not isinstance(value, datetime) else value
                if (value.tzinfo is None) != (anchor.tzinfo is None):
                    value = value.replace(tzinfo=anchor.tzinfo) if value.tzinfo is None else \
                        value.astimezone(anchor.tzinfo).replace(tzinfo=None)
                add(value)
    low = datetime.combine(window[0], time())
    high = datetime.combine(window[1], time.max)
    if anchor.tzinfo is not None:
        low, high = low.replace(tzinfo=UTC) - timedelta(days=1), high.replace(tzinfo=UTC) + timedelta(days=1)
    found = []
    for value in rset.between(low, high, inc=True):
        found.append(value.date() if all_day else value)
        if len(found) >= max_occurrences:
            break
    return found


def import_ics(
    data: bytes,
    *,
    source_name: str,
    tz: TzLike = "UTC",
    window_start: date | None = None,
    window_end: date | None = None,
    max_occurrences: int = 1000,
) -> ImportedEntries:
    """Read any .ics as read-only "reference" items (all-day, UTC, TZID and floating times).

    Floating times (no zone) are read in ``tz``. Recurring events are expanded between
    ``window_start`` and ``window_end`` (default: from a year ago to two years ahead); when a
    window is given, single events outside it are left out too. Cancelled events are ignored.
    Events that cannot be read are skipped and counted in ``result.skipped`` with a reason in
    ``result.problems``; a file that is not iCalendar at all raises :class:`IcsError`.
    """
    if not isinstance(data, bytes | bytearray) or not data.strip():
        raise IcsError(_("The calendar file {source_name} is empty.", source_name=source_name))
    try:
        calendars = Calendar.from_ical(bytes(data), multiple=True)
    except Exception as exc:  # icalendar raises ValueError and its own subclasses
        raise IcsError(_(
            "The file {source_name} is not a valid iCalendar (.ics) file: {error}",
            source_name=source_name, error=exc,
        )) from exc
    if not calendars or not any(cal.name == "VCALENDAR" for cal in calendars):
        raise IcsError(_(
            "The file {source_name} is not a valid iCalendar (.ics) file: it holds no complete calendar "
            "(BEGIN:VCALENDAR … END:VCALENDAR); it may be truncated.",
            source_name=source_name,
        ))
    zone = get_zone(tz)
    explicit_window = window_start is not None or window_end is not None
    today = date.today()
    window = (window_start or today - timedelta(days=365), window_end or today + timedelta(days=730))
    if window[1] < window[0]:
        raise IcsError(_(
            "The import period ends ({end}) before it starts ({start}).",
            end=window[1], start=window[0],
        ))
    result = ImportedEntries()
    events = [ev for cal in calendars for ev in cal.walk("VEVENT")]
    overridden = _overridden_occurrences(events)
    for number, event in enumerate(events, start=1):
        label = str(event.get("summary") or event.get("uid") or f"event #{number}")
        try:
            result.extend(_read_event(event, zone, source_name, window, explicit_window, overridden,
                                      max_occurrences, _warner(result.warnings, label)))
        except Exception as exc:  # one bad event must not stop the import of the others
            result.skipped += 1
            result.problems.append(f"{label}: {exc}")
    result.sort(key=lambda e: (e.start, e.id))
    return result


def _overridden_occurrences(events) -> set[tuple[str, str]]:
    """(UID, occurrence key) of the occurrences that a RECURRENCE-ID event replaces."""
    found = set()
    for event in events:
        if event.get("recurrence-id") is None:
            continue
        try:
            found.add((str(event.get("uid", "")).strip(), _occurrence_key(event["RECURRENCE-ID"].dt)))
        except Exception:  # an unreadable RECURRENCE-ID is reported when its event is read
            continue
    return found


def _warner(warnings: list[str], label: str) -> Callable[[str], None]:
    def warn(message: str) -> None:
        text = f"{label}: {message}"
        if text not in warnings:
            warnings.append(text)
    return warn


def _read_event(event, zone, source_name, window, explicit_window, overridden, max_occurrences, warn):
    if str(event.get("status", "")).upper() == "CANCELLED":
        return []
    if event.get("dtstart") is None:
        raise IcsError(_("no start date (DTSTART)"))
    start = event["DTSTART"].dt
    tzid = event["DTSTART"].params.get("TZID")
    if isinstance(start, tuple) or not isinstance(start, date):
        raise IcsError(_("unreadable start date"))
    all_day = not isinstance(start, datetime)
    if event.get("dtend") is not None:
        end = event["DTEND"].dt
    elif event.get("duration") is not None:
        end = start + event["DURATION"].dt
    else:
        end = start + timedelta(days=1) if all_day else None
    duration = None if end is None else _as_utc(end, zone, warn, tzid) - _as_utc(start, zone, warn, tzid)
    if duration is not None and duration < timedelta(0):
        raise IcsError(_("it ends before it starts"))
    uid = str(event.get("uid") or "").strip() or hashlib.sha1(
        f"{_occurrence_key(start)}|{event.get('summary', '')}".encode()).hexdigest()
    title = str(event.get("summary") or "").strip() or source_name
    description = str(event.get("description") or "").strip() or None
    if event.get("recurrence-id") is not None:
        starts, recurring = [start], False
        uid = f"{uid}/{_occurrence_key(event['RECURRENCE-ID'].dt)}"
    elif event.get("rrule") is not None:
        starts = [s for s in _expand(event, start, window, max_occurrences)
                  if (uid, _occurrence_key(s)) not in overridden]
        recurring = True
    else:
        starts, recurring = [start], False
    entries = []
    for value in starts:
        begin = _as_utc(value, zone, warn, tzid)
        finish = None if duration is None else begin + duration
        if all_day:
            first_day = begin.date()
            last_day = (finish - timedelta(microseconds=1)).date() if finish and finish > begin else first_day
        else:
            first_day = begin.astimezone(zone).date()
            last_day = (finish - timedelta(microseconds=1)).astimezone(zone).date() \
                if finish and finish > begin else first_day
        if explicit_window and (last_day < window[0] or first_day > window[1]):
            continue
        entries.append(CalendarEntry(
            id=f"{uid}/{_occurrence_key(value)}" if recurring else uid, kind="reference", title=title,
            start=begin, end=finish, status="published", all_day=all_day, read_only=True,
            source=source_name, description=description,
        ))
    return entries
