"""iCalendar (RFC 5545) export of the editorial calendar, and a subscription file kept up to date.

Choice: timed items are written with DTSTART/DTEND in UTC (``…Z``) rather than with a TZID and
a VTIMEZONE. UTC instants are unambiguous, need no time zone definitions that could go stale,
and every client shows them in its own zone; the workspace zone is still announced with
``X-WR-TIMEZONE`` for clients that use it. All-day items are written as DATE values.
Line folding and text escaping are done by the ``icalendar`` library.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from icalendar import Calendar, Event, vCategory, vDDDTypes, vText

from cmstudio.core.calendar_types import CalendarEntry, CalendarError, ensure_utc
from cmstudio.core.i18n import _
from cmstudio.core.timezones import TzLike, get_zone

PRODID = "-//CM Studio//cmstudio//EN"

_KIND_LABELS = {
    "fr": {"article": "Article", "post": "Publication", "phase": "Phase de concours",
           "event": "Événement", "reference": "Repère"},
    "en": {"article": "Article", "post": "Post", "phase": "Contest phase",
           "event": "Event", "reference": "Reference"},
}
_STATUS_LABELS = {
    "fr": {"idea": "idée", "draft": "brouillon", "ready": "prêt", "scheduled": "programmé",
           "published": "publié", "failed": "échec"},
    "en": {"idea": "idea", "draft": "draft", "ready": "ready", "scheduled": "scheduled",
           "published": "published", "failed": "failed"},
}
_FIELD_LABELS = {
    "fr": {"kind": "Type", "network": "Réseau", "status": "Statut", "campaign": "Campagne"},
    "en": {"kind": "Type", "network": "Network", "status": "Status", "campaign": "Campaign"},
}
_NETWORK_NAMES = {
    "x": "X", "twitter": "X", "bluesky": "Bluesky", "mastodon": "Mastodon", "threads": "Threads",
    "linkedin": "LinkedIn", "facebook": "Facebook", "instagram": "Instagram", "pinterest": "Pinterest",
    "telegram": "Telegram", "discord": "Discord", "blog": "Blog", "wordpress": "WordPress",
}


class IcsError(CalendarError):
    """An iCalendar file that cannot be written or read."""


def entry_uid(entry: CalendarEntry) -> str:
    """The UID of an item's VEVENT; stable across exports so subscribed clients update, not duplicate."""
    return f"{entry.kind}-{entry.id}@cmstudio"


def _lang(lang: str) -> str:
    if lang not in ("fr", "en"):
        raise IcsError(_("Unsupported language {lang!r}; use 'fr' or 'en'.", lang=lang))
    return lang


def describe_entry(entry: CalendarEntry, lang: str = "fr") -> str:
    """The DESCRIPTION text: kind, network, status and campaign, in the workspace language."""
    lang = _lang(lang)
    labels = _FIELD_LABELS[lang]
    # French typography puts a non-breaking space before the colon.
    colon = "\u00a0: " if lang == "fr" else ": "
    lines = [f"{labels['kind']}{colon}{_KIND_LABELS[lang][entry.kind]}"]
    if entry.network:
        lines.append(f"{labels['network']}{colon}{_NETWORK_NAMES.get(entry.network.lower(), entry.network)}")
    lines.append(f"{labels['status']}{colon}{_STATUS_LABELS[lang][entry.status]}")
    if entry.campaign:
        lines.append(f"{labels['campaign']}{colon}{entry.campaign}")
    if entry.description:
        lines.extend(("", entry.description))
    return "\n".join(lines)


def _event(entry: CalendarEntry, stamp: vDDDTypes, lang: str) -> Event:
    # Typed values set directly skip Component.add()'s per-value type lookup (a fifth of the
    # export time of a 5,000-item calendar).
    event = Event()
    event["UID"] = vText(entry_uid(entry))
    event["DTSTAMP"] = stamp
    if entry.all_day:
        event["DTSTART"] = vDDDTypes(entry.start.date())
        if entry.end is not None and entry.end.date() > entry.start.date():
            event["DTEND"] = vDDDTypes(entry.end.date())
    else:
        event["DTSTART"] = vDDDTypes(entry.start)
        if entry.end is not None:
            event["DTEND"] = vDDDTypes(entry.end)
    event["SUMMARY"] = vText(entry.title)
    event["DESCRIPTION"] = vText(describe_entry(entry, lang))
    event["CATEGORIES"] = vCategory([entry.kind])
    # Posts and references do not make the user busy in their agenda.
    event["TRANSP"] = vText("TRANSPARENT")
    return event


def export_ics(
    entries: Iterable[CalendarEntry],
    *,
    calname: str,
    tz: TzLike,
    lang: str = "fr",
    stamp: datetime | None = None,
) -> bytes:
    """An RFC 5545 calendar with one VEVENT per item, ordered by start then UID.

    ``stamp`` (the DTSTAMP of every event) defaults to now; pass it for reproducible output.
    """
    lang = _lang(lang)
    zone = get_zone(tz)
    stamp_value = vDDDTypes(ensure_utc(stamp or datetime.now(UTC), "export time").replace(microsecond=0))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", calname)
    cal.add("x-wr-calname", calname)
    zone_name = getattr(zone, "key", None)
    if zone_name:
        cal.add("x-wr-timezone", zone_name)
    for entry in sorted(entries, key=lambda e: (e.start, entry_uid(e))):
        cal.add_component(_event(entry, stamp_value, lang))
    return cal.to_ical()


def _comparable(data: bytes) -> bytes:
    """Content with DTSTAMP lines removed, after unfolding, for change detection."""
    unfolded = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    return b"\r\n".join(line for line in unfolded.split(b"\r\n") if not line.upper().startswith(b"DTSTAMP"))


def write_ics_atomically(path: str | os.PathLike[str], data: bytes) -> bool:
    """Write a subscription file only when its content changed (DTSTAMP aside); True if written.

    The new content goes to a temporary file in the same folder, is flushed to disk, then
    replaces the old file in one step, so a calendar client never reads half a file.
    """
    target = Path(path)
    try:
        current = target.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        current = None
    except OSError as exc:
        raise IcsError(_(
            "Cannot read the calendar file {target}: {reason}.",
            target=target, reason=exc.strerror or exc,
        )) from exc
    if current is not None and _comparable(current) == _comparable(data):
        return False
    tmp_name = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".tmp", delete=False) as handle:
            tmp_name = handle.name
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise IcsError(
            _(
                "Cannot write the calendar file {target}: {reason}. Check that the folder exists and is "
                "writable.",
                target=target, reason=exc.strerror or exc,
            )
        ) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return True
