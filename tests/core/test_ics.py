"""iCalendar export read back with the icalendar parser, and the atomic subscription file."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from cmstudio.core.calendar_types import CalendarEntry
from cmstudio.core.ics import IcsError, entry_uid, export_ics, write_ics_atomically
from cmstudio.core.refdays import import_ics

STAMP = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)


def sample_entries() -> list[CalendarEntry]:
    return [
        CalendarEntry(id="42", kind="post", title="Lancement : offre d’automne, -20 % ; vite !",
                      start=datetime(2026, 10, 26, 8, 0, tzinfo=UTC), network="linkedin", account_id="acc",
                      status="scheduled", campaign="Automne 2026"),
        CalendarEntry(id="7", kind="article", title="Guide " + "très long titre " * 12,
                      start=datetime(2026, 10, 25, 7, 30, tzinfo=UTC), end=datetime(2026, 10, 25, 8, 30, tzinfo=UTC),
                      status="draft"),
        CalendarEntry(id="h1", kind="reference", title="Fête nationale", start=datetime(2026, 7, 14, tzinfo=UTC),
                      end=datetime(2026, 7, 15, tzinfo=UTC), status="published", all_day=True, read_only=True),
    ]


def events_by_uid(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def test_round_trip_through_icalendar():
    data = export_ics(sample_entries(), calname="Marque — éditorial", tz="Europe/Paris", stamp=STAMP)
    cal = Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "Marque — éditorial"
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Paris"
    events = events_by_uid(data)
    assert set(events) == {"post-42@cmstudio", "article-7@cmstudio", "reference-h1@cmstudio"}
    post = events["post-42@cmstudio"]
    assert post["DTSTART"].dt == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)
    assert "DTEND" not in post
    assert str(post["SUMMARY"]) == "Lancement : offre d’automne, -20 % ; vite !"
    assert post["DTSTAMP"].dt == STAMP
    assert post["CATEGORIES"].cats == ["post"]
    description = str(post["DESCRIPTION"])
    assert "Réseau\u00a0: LinkedIn" in description and "Statut\u00a0: programmé" in description
    assert "Campagne\u00a0: Automne 2026" in description
    article = events["article-7@cmstudio"]
    assert article["DTEND"].dt == datetime(2026, 10, 25, 8, 30, tzinfo=UTC)
    assert str(article["SUMMARY"]).startswith("Guide très long titre")
    holiday = events["reference-h1@cmstudio"]
    assert holiday["DTSTART"].dt == date(2026, 7, 14) and holiday["DTEND"].dt == date(2026, 7, 15)


def test_lines_are_folded_and_utc_is_written_with_z():
    data = export_ics(sample_entries(), calname="X", tz="Europe/Paris", stamp=STAMP)
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)
    assert b"DTSTART:20261026T080000Z" in lines
    assert b"DTSTART;VALUE=DATE:20260714" in lines


def test_english_description():
    data = export_ics(sample_entries()[:1], calname="X", tz="Europe/Paris", lang="en", stamp=STAMP)
    description = str(events_by_uid(data)["post-42@cmstudio"]["DESCRIPTION"])
    assert description.splitlines() == ["Type: Post", "Network: LinkedIn", "Status: scheduled",
                                        "Campaign: Automne 2026"]
    with pytest.raises(IcsError, match="language"):
        export_ics([], calname="X", tz="UTC", lang="de")


def test_uid_is_stable_and_only_dtstamp_changes_between_exports():
    first = export_ics(sample_entries(), calname="X", tz="Europe/Paris", stamp=STAMP)
    second = export_ics(list(reversed(sample_entries())), calname="X", tz="Europe/Paris",
                        stamp=STAMP + timedelta(hours=5))
    assert list(events_by_uid(first)) == list(events_by_uid(second))
    assert entry_uid(sample_entries()[0]) == "post-42@cmstudio"
    differing = [(a, b) for a, b in zip(first.split(b"\r\n"), second.split(b"\r\n"), strict=True) if a != b]
    assert differing and all(a.startswith(b"DTSTAMP") for a, _ in differing)


def test_export_reimports_as_references():
    data = export_ics(sample_entries(), calname="X", tz="Europe/Paris", stamp=STAMP)
    imported = import_ics(data, source_name="export.ics")
    assert imported.skipped == 0
    assert {e.id: e.start for e in imported} == {
        entry_uid(e): e.start for e in sample_entries()
    }
    assert all(e.kind == "reference" and e.read_only for e in imported)


def test_write_atomically_only_when_content_changes(tmp_path):
    target = tmp_path / "sub" / "calendar.ics"
    first = export_ics(sample_entries(), calname="X", tz="Europe/Paris", stamp=STAMP)
    assert write_ics_atomically(target, first) is True
    assert target.read_bytes() == first
    os.utime(target, (1_000_000, 1_000_000))
    same_but_later = export_ics(sample_entries(), calname="X", tz="Europe/Paris", stamp=STAMP + timedelta(days=1))
    assert write_ics_atomically(target, same_but_later) is False
    assert target.read_bytes() == first and target.stat().st_mtime == 1_000_000
    changed = export_ics(sample_entries()[:2], calname="X", tz="Europe/Paris", stamp=STAMP)
    assert write_ics_atomically(target, changed) is True
    assert target.read_bytes() == changed
    assert sorted(p.name for p in target.parent.iterdir()) == ["calendar.ics"]


def test_write_atomically_reports_an_unwritable_place(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(IcsError, match="Cannot write the calendar file"):
        write_ics_atomically(blocker / "calendar.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
