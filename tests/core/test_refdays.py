"""French public holidays, computed marketing days, and .ics import of reference calendars."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from cmstudio.core.ics import IcsError
from cmstudio.core.refdays import (
    SOURCE_HOLIDAY,
    SOURCE_MARKETING,
    RefDaysError,
    import_ics,
    load_marketing_days,
    parse_marketing_days,
    reference_days,
    reference_entries,
)

YEAR_2026 = (date(2026, 1, 1), date(2026, 12, 31))


def titles_on(days, day: date) -> list[str]:
    return [d.title for d in days if d.date == day]


def dates_of(days, title: str) -> list[date]:
    return [d.date for d in days if d.title == title]


def test_french_public_holidays_2026():
    days = reference_days(*YEAR_2026, "fr", include_marketing=False)
    assert {d.source for d in days} == {SOURCE_HOLIDAY}
    assert len(days) == 11  # metropolitan France, no Alsace-Moselle extras
    assert titles_on(days, date(2026, 7, 14)) == ["Fête nationale"]
    assert titles_on(days, date(2026, 5, 14)) == ["Ascension"]
    assert titles_on(days, date(2026, 5, 25)) == ["Lundi de Pentecôte"]
    assert titles_on(days, date(2026, 4, 3)) == []  # Good Friday is only a holiday in Alsace-Moselle
    english = reference_days(*YEAR_2026, "en", include_marketing=False)
    assert titles_on(english, date(2026, 7, 14)) == ["National Day"]


# Dates published for past years (Ouest-France, Europe 1, service-public announcements).
@pytest.mark.parametrize(("year", "expected"), [
    (2020, date(2020, 6, 7)), (2023, date(2023, 6, 4)), (2024, date(2024, 5, 26)),
    (2025, date(2025, 5, 25)), (2026, date(2026, 5, 31)),
])
def test_fete_des_meres_moves_to_june_when_pentecost_takes_the_sunday(year, expected):
    days = reference_days(date(year, 5, 1), date(year, 6, 30), "fr", include_holidays=False)
    assert dates_of(days, "Fête des mères") == [expected]


@pytest.mark.parametrize(("year", "winter", "summer"), [
    (2017, date(2017, 1, 11), date(2017, 6, 28)),
    (2022, date(2022, 1, 12), date(2022, 6, 22)),
    (2023, date(2023, 1, 11), date(2023, 6, 28)),
    (2026, date(2026, 1, 7), date(2026, 6, 24)),
])
def test_sales_start_dates(year, winter, summer):
    days = reference_days(date(year, 1, 1), date(year, 12, 31), "fr", include_holidays=False)
    assert dates_of(days, "Début des soldes d’hiver") == [winter]
    assert dates_of(days, "Début des soldes d’été") == [summer]


def test_computed_and_fixed_marketing_days_2026():
    days = reference_days(*YEAR_2026, "fr")
    assert dates_of(days, "Black Friday") == [date(2026, 11, 27)]  # Thanksgiving is 26 Nov 2026
    assert dates_of(days, "Cyber Monday") == [date(2026, 11, 30)]
    assert dates_of(days, "Saint-Valentin") == [date(2026, 2, 14)]
    assert dates_of(days, "Journée internationale des droits des femmes") == [date(2026, 3, 8)]
    assert dates_of(days, "Journée mondiale des réseaux sociaux") == [date(2026, 6, 30)]
    assert dates_of(days, "Halloween") == [date(2026, 10, 31)]
    assert dates_of(days, "Pâques") == [date(2026, 4, 5)]
    assert dates_of(days, "Fête des pères") == [date(2026, 6, 21)]
    # Noël is both a holiday and a marketing day: shown once, as the holiday.
    assert [(d.title, d.source) for d in days if d.date == date(2026, 12, 25)] == [("Noël", SOURCE_HOLIDAY)]
    assert days == sorted(days, key=lambda d: d.date)
    english = reference_days(*YEAR_2026, "en")
    assert dates_of(english, "Christmas Day") == [date(2026, 12, 25)]
    assert dates_of(english, "Valentine’s Day") == [date(2026, 2, 14)]


def test_range_is_inclusive_and_spans_years():
    days = reference_days(date(2026, 12, 31), date(2027, 1, 1), "fr")
    assert [(d.date, d.title) for d in days] == [(date(2026, 12, 31), "Saint-Sylvestre"),
                                                 (date(2027, 1, 1), "Jour de l'an")]
    with pytest.raises(RefDaysError, match="ends"):
        reference_days(date(2026, 2, 1), date(2026, 1, 1), "fr")
    with pytest.raises(RefDaysError, match="language"):
        reference_days(*YEAR_2026, "de")


def test_user_edited_list_from_a_file(tmp_path):
    path = tmp_path / "my_days.json"
    path.write_text(json.dumps([
        {"month": 2, "day": 29, "fr": "Jour bissextile", "en": "Leap day"},
        {"rule": "black_friday", "fr": "Vendredi noir", "en": "Black Friday"},
    ]), encoding="utf-8")
    mine = load_marketing_days(path)
    days = reference_days(date(2027, 1, 1), date(2028, 12, 31), "fr", marketing_days=mine,
                          include_holidays=False)
    assert [(d.date, d.title) for d in days] == [(date(2027, 11, 26), "Vendredi noir"),
                                                 (date(2028, 2, 29), "Jour bissextile"),
                                                 (date(2028, 11, 24), "Vendredi noir")]
    assert all(d.source == SOURCE_MARKETING for d in days)
    assert len(load_marketing_days()) >= 20


@pytest.mark.parametrize(("data", "message"), [
    ({"month": 2}, "JSON list"),
    ([{"month": 2, "day": 30, "fr": "x", "en": "x"}], "no valid month and day"),
    ([{"month": 2, "day": 14, "fr": "Saint-Valentin"}], "English"),
    ([{"rule": "full_moon", "fr": "x", "en": "x"}], "unknown rule"),
    (["Saint-Valentin"], "must be an object"),
])
def test_bad_marketing_lists_name_the_problem(data, message):
    with pytest.raises(RefDaysError, match=message):
        parse_marketing_days(data)


def test_bad_marketing_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(RefDaysError, match="not valid JSON"):
        load_marketing_days(path)
    with pytest.raises(RefDaysError, match="Cannot read"):
        load_marketing_days(tmp_path / "missing.json")


def test_reference_entries_are_read_only_all_day_items():
    entries = reference_entries(reference_days(date(2026, 7, 14), date(2026, 7, 14), "fr"))
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.kind, entry.all_day, entry.read_only, entry.title) == ("reference", True, True, "Fête nationale")
    assert entry.start == datetime(2026, 7, 14, tzinfo=UTC)
    assert entry.id == reference_entries(reference_days(date(2026, 7, 14), date(2026, 7, 14), "fr"))[0].id


# A calendar as Google Calendar exports it, with the extra cases seen in the wild.
REAL_ICS = b"""BEGIN:VCALENDAR\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
VERSION:2.0\r
CALSCALE:GREGORIAN\r
METHOD:PUBLISH\r
X-WR-CALNAME:Agence - temps forts\r
X-WR-TIMEZONE:Europe/Paris\r
BEGIN:VTIMEZONE\r
TZID:Europe/Paris\r
X-LIC-LOCATION:Europe/Paris\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
TZNAME:CEST\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
TZNAME:CET\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/Paris:20261027T093000\r
DTEND;TZID=Europe/Paris:20261027T110000\r
DTSTAMP:20260101T120000Z\r
UID:salon-2026@example.com\r
SUMMARY:Salon du e-commerce\\, Paris\r
DESCRIPTION:Stand B12\\nHall 4\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20260821\r
DTEND;VALUE=DATE:20260824\r
DTSTAMP:20260101T120000Z\r
UID:festival@example.com\r
SUMMARY:Festival d'\xc3\xa9t\xc3\xa9\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20260612T160000Z\r
DURATION:PT45M\r
DTSTAMP:20260101T120000Z\r
UID:webinar@example.com\r
SUMMARY:Webinaire partenaires\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20260901T090000\r
DTSTAMP:20260101T120000Z\r
UID:floating@example.com\r
SUMMARY:Rentr\xc3\xa9e (heure flottante)\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/Paris:20261019T100000\r
DTEND;TZID=Europe/Paris:20261019T103000\r
RRULE:FREQ=WEEKLY;COUNT=4\r
EXDATE;TZID=Europe/Paris:20261102T100000\r
DTSTAMP:20260101T120000Z\r
UID:hebdo@example.com\r
SUMMARY:Point hebdo\r
END:VEVENT\r
BEGIN:VEVENT\r
RECURRENCE-ID;TZID=Europe/Paris:20261026T100000\r
DTSTART;TZID=Europe/Paris:20261026T140000\r
DTEND;TZID=Europe/Paris:20261026T143000\r
DTSTAMP:20260101T120000Z\r
UID:hebdo@example.com\r
SUMMARY:Point hebdo (d\xc3\xa9plac\xc3\xa9)\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20200315\r
RRULE:FREQ=YEARLY\r
DTSTAMP:20260101T120000Z\r
UID:anniversaire@example.com\r
SUMMARY:Anniversaire de la marque\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Mars/Olympus:20260505T100000\r
DTSTAMP:20260101T120000Z\r
UID:mars@example.com\r
SUMMARY:Fuseau inconnu\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20260410T100000Z\r
STATUS:CANCELLED\r
UID:annule@example.com\r
SUMMARY:Annul\xc3\xa9\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:demain matin\r
UID:casse@example.com\r
SUMMARY:Date illisible\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:sans-date@example.com\r
SUMMARY:Sans date\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20260101T100000Z\r
DTEND:20251231T100000Z\r
UID:envers@example.com\r
SUMMARY:A l'envers\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_import_real_calendar(tmp_path):
    path = tmp_path / "agence.ics"
    path.write_bytes(REAL_ICS)
    entries = import_ics(path.read_bytes(), source_name="agence.ics", tz="Europe/Paris",
                         window_start=date(2026, 1, 1), window_end=date(2026, 12, 31))
    by_id = {e.id: e for e in entries}
    assert entries.skipped == 3
    assert [p.split(":")[0] for p in entries.problems] == ["Date illisible", "Sans date", "A l'envers"]
    assert entries.warnings == ["Fuseau inconnu: unknown time zone 'Mars/Olympus', read as local time"]

    salon = by_id["salon-2026@example.com"]
    assert salon.start == datetime(2026, 10, 27, 8, 30, tzinfo=UTC)  # 09:30 CET
    assert salon.end == datetime(2026, 10, 27, 10, 0, tzinfo=UTC)
    assert salon.title == "Salon du e-commerce, Paris"
    assert salon.description == "Stand B12\nHall 4"
    assert (salon.kind, salon.status, salon.read_only, salon.source) == ("reference", "published", True, "agence.ics")

    festival = by_id["festival@example.com"]
    assert festival.all_day and festival.start == datetime(2026, 8, 21, tzinfo=UTC)
    assert festival.end == datetime(2026, 8, 24, tzinfo=UTC)
    assert festival.title == "Festival d'été"

    assert by_id["webinar@example.com"].end == datetime(2026, 6, 12, 16, 45, tzinfo=UTC)
    assert by_id["floating@example.com"].start == datetime(2026, 9, 1, 7, 0, tzinfo=UTC)  # 09:00 in Paris
    assert by_id["mars@example.com"].start == datetime(2026, 5, 5, 8, 0, tzinfo=UTC)

    weekly = sorted((e for e in entries if e.id.startswith("hebdo@")), key=lambda e: e.start)
    assert [(e.id, e.start) for e in weekly] == [
        ("hebdo@example.com/20261019T080000Z", datetime(2026, 10, 19, 8, 0, tzinfo=UTC)),
        ("hebdo@example.com/20261026T090000Z", datetime(2026, 10, 26, 13, 0, tzinfo=UTC)),
        ("hebdo@example.com/20261109T090000Z", datetime(2026, 11, 9, 9, 0, tzinfo=UTC)),
    ]
    assert weekly[1].title == "Point hebdo (déplacé)"
    assert [e.start for e in entries if e.id.startswith("anniversaire@")] == [datetime(2026, 3, 15, tzinfo=UTC)]
    assert "annule@example.com" not in by_id
    assert [e.start for e in entries] == sorted(e.start for e in entries)


def test_window_filters_single_events_too():
    entries = import_ics(REAL_ICS, source_name="agence.ics", tz="Europe/Paris",
                         window_start=date(2026, 8, 22), window_end=date(2026, 8, 31))
    assert [e.id for e in entries] == ["festival@example.com"]  # overlaps the window


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"   \r\n", "empty"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260101T100000Z\r\n", "truncated"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a valid"),
    (b'{"events": []}', "not a valid"),
    (b"BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260101T100000Z\r\nEND:VEVENT\r\n", "no complete"),
])
def test_broken_files_give_a_clear_error(data, message):
    with pytest.raises(IcsError, match=message) as info:
        import_ics(data, source_name="broken.ics")
    assert "broken.ics" in str(info.value)


def _calendar(*events: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + "".join(events)
            + "END:VCALENDAR\r\n").encode()


def test_until_without_zone_is_read_in_the_start_zone_and_bad_rules_are_skipped():
    data = _calendar(
        "BEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Europe/Paris:20261001T090000\r\n"
        "RRULE:FREQ=WEEKLY;UNTIL=20261029\r\nSUMMARY:Jusqu'au 29\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nUID:z\r\nDTSTART;TZID=Europe/Paris:20261001T090000\r\n"
        "RRULE:FREQ=WEEKLY;UNTIL=20261029T075959Z\r\nSUMMARY:UTC strict\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nUID:bad\r\nDTSTART:20261001T090000Z\r\nRRULE:FREQ=SOMETIMES\r\n"
        "SUMMARY:Règle inconnue\r\nEND:VEVENT\r\n",
    )
    entries = import_ics(data, source_name="outlook.ics", window_start=date(2026, 1, 1), window_end=date(2026, 12, 31))
    local_29th = datetime(2026, 10, 29, 8, 0, tzinfo=UTC)  # 09:00 CET
    assert [e.start for e in entries if e.title == "Jusqu'au 29"][-1] == local_29th
    assert len([e for e in entries if e.title == "Jusqu'au 29"]) == 5
    assert local_29th not in [e.start for e in entries if e.title == "UTC strict"]
    assert entries.skipped == 1 and entries.problems[0].startswith("Règle inconnue")
