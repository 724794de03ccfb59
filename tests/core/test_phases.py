"""Contest and event phase templates, especially local times across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cmstudio.core.contest_types import ContestError, ContestInput, Prize
from cmstudio.core.phases import (
    contest_phases,
    event_countdown,
    fill_announcement,
    phases_for_contest,
    shift_phases,
)

PARIS = ZoneInfo("Europe/Paris")
# Europe/Paris leaves summer time on Sunday 25 October 2026 at 03:00 (CEST, UTC+2 → CET, UTC+1)
# and enters it on Sunday 29 March 2026 (EU Directive 2000/84/EC: last Sundays of March/October).


def local(phase) -> datetime:
    return phase.start.astimezone(PARIS)


def by_kind(phases) -> dict:
    return {p.kind: p for p in phases}


def test_contest_campaign_across_the_autumn_dst_change() -> None:
    start = datetime(2026, 10, 19, 7, 0, tzinfo=UTC)  # Monday 19 Oct, 09:00 CEST
    end = datetime(2026, 10, 27, 19, 0, tzinfo=UTC)  # Tuesday 27 Oct, 20:00 CET
    phases = contest_phases(start, end, "Europe/Paris", "fr", title="Jeu d’automne", prize="un panier",
                            mechanics="Commentez avec votre recette préférée.", hashtag="#Automne")
    kinds = [p.kind for p in phases]
    assert kinds == ["teaser", "launch", "reminder_d3", "reminder_d1", "last_call", "closing", "draw",
                     "announcement"]
    assert [p.start for p in phases] == sorted(p.start for p in phases)
    k = by_kind(phases)
    assert local(k["teaser"]).replace(tzinfo=None) == datetime(2026, 10, 16, 9, 0)
    # Before the change 09:00 local is 07:00 UTC, after it 08:00 UTC: both must show 09:00.
    assert local(k["reminder_d3"]).replace(tzinfo=None) == datetime(2026, 10, 24, 9, 0)
    assert k["reminder_d3"].start.hour == 7
    assert local(k["reminder_d1"]).replace(tzinfo=None) == datetime(2026, 10, 26, 9, 0)
    assert k["reminder_d1"].start.hour == 8
    assert k["last_call"].start == end - timedelta(hours=3)
    assert k["launch"].start == start and k["launch"].end == end
    assert k["closing"].start == end and k["closing"].end is None
    assert local(k["draw"]).replace(tzinfo=None) == datetime(2026, 10, 28, 11, 0)
    assert local(k["announcement"]).replace(tzinfo=None) == datetime(2026, 10, 28, 12, 0)
    assert all(p.start.tzinfo is not None and p.start.utcoffset() == timedelta(0) for p in phases)


def test_draw_the_morning_after_the_change_stays_at_eleven() -> None:
    end = datetime(2026, 10, 24, 18, 0, tzinfo=UTC)  # Saturday 20:00 CEST
    draw = by_kind(contest_phases(end - timedelta(days=10), end, "Europe/Paris", "en"))["draw"]
    assert draw.start == datetime(2026, 10, 25, 10, 0, tzinfo=UTC)  # 11:00 CET, not 12:00
    assert local(draw).hour == 11
    spring_end = datetime(2026, 3, 28, 19, 0, tzinfo=UTC)
    spring = by_kind(contest_phases(spring_end - timedelta(days=7), spring_end, "Europe/Paris", "en"))
    assert spring["draw"].start == datetime(2026, 3, 29, 9, 0, tzinfo=UTC)  # 11:00 CEST
    assert local(spring["announcement"]).hour == 12


def test_draft_texts_in_french_and_english() -> None:
    start = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    end = datetime(2026, 12, 15, 22, 0, tzinfo=UTC)
    fr = by_kind(contest_phases(start, end, "Europe/Paris", "fr", title="Avent", prize="un mug",
                                mechanics="Commentez !", hashtag="Avent2026", url="https://ex.fr/r"))
    en = by_kind(contest_phases(start, end, "Europe/Paris", "en", title="Advent", prize="a mug",
                                hashtag="Avent2026"))
    assert "«\u00a0Avent\u00a0»\u202f!" in fr["launch"].text
    assert "À gagner\u00a0: un mug." in fr["launch"].text
    assert "15 décembre 2026 à 23\u00a0h\u00a000" in fr["launch"].text
    assert "Règlement\u00a0: https://ex.fr/r" in fr["launch"].text
    assert "#Avent2026" in fr["launch"].text
    assert "December 15, 2026 at 11:00\u00a0PM" in en["launch"].text
    assert "Official rules" not in en["launch"].text  # no URL given: the line is left out
    assert "How to enter" not in en["launch"].text
    assert fr["launch"].title == "Lancement · Avent" and en["launch"].title == "Launch · Advent"
    for phases in (fr, en):
        assert "{seed}" in phases["announcement"].text and "{winners}" in phases["announcement"].text
    filled = fill_announcement(fr["announcement"].text, ["ana", "ben"], "ab" * 32, "fr")
    assert "Bravo à @ana et @ben" in filled and "ab" * 32 in filled and "{" not in filled


def test_short_contest_drops_reminders_outside_it() -> None:
    start = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)
    phases = contest_phases(start, start + timedelta(hours=30), "Europe/Paris", "en")
    kinds = [p.kind for p in phases]
    assert "reminder_d3" not in kinds
    assert all(start <= p.start for p in phases if p.kind != "teaser")


def test_phases_for_contest_uses_its_fields() -> None:
    contest = ContestInput(
        title="Avent", organizer="Boutique", start_utc=datetime(2026, 12, 1, 8, 0, tzinfo=UTC),
        end_utc=datetime(2026, 12, 15, 22, 0, tzinfo=UTC), prizes=(Prize("Mug", 2),),
        mechanics="Commentez.", hashtag="avent", draw_at_utc=datetime(2026, 12, 17, 17, 0, tzinfo=UTC))
    phases = by_kind(phases_for_contest(contest, "fr"))
    assert "2\u00a0×\u00a0Mug" in phases["launch"].text
    assert phases["draw"].start == datetime(2026, 12, 17, 17, 0, tzinfo=UTC)
    with pytest.raises(ContestError):
        contest_phases(contest.end_utc, contest.start_utc, "Europe/Paris", "fr")
    with pytest.raises(ContestError, match="time zone"):
        contest_phases(contest.start_utc, contest.end_utc, "Mars/Olympus", "fr")
    with pytest.raises(ContestError, match="time zone"):
        contest_phases(datetime(2026, 1, 1), contest.end_utc, "Europe/Paris", "fr")


def test_event_countdown_across_dst() -> None:
    event = datetime(2026, 10, 29, 17, 30, tzinfo=UTC)  # Thursday 18:30 CET
    phases = event_countdown(event, "Europe/Paris", "fr", title="Atelier photo", place="Lyon",
                             url="https://ex.fr/e", replay_url="https://ex.fr/replay",
                             event_end_utc=event + timedelta(hours=2))
    k = by_kind(phases)
    assert [p.kind for p in phases] == ["event_d7", "event_d1", "event_day", "event_thanks"]
    assert local(k["event_d7"]).replace(tzinfo=None) == datetime(2026, 10, 22, 9, 0)  # CEST
    assert k["event_d7"].start.hour == 7
    assert local(k["event_d1"]).replace(tzinfo=None) == datetime(2026, 10, 28, 9, 0)  # CET
    assert k["event_d1"].start.hour == 8
    assert local(k["event_day"]).replace(tzinfo=None) == datetime(2026, 10, 29, 9, 0)
    assert local(k["event_thanks"]).replace(tzinfo=None) == datetime(2026, 10, 30, 11, 0)
    assert "jeudi 29 octobre 2026" in k["event_d7"].text and ", Lyon" in k["event_d7"].text
    assert "18\u00a0h\u00a030" in k["event_d1"].text
    assert "https://ex.fr/replay" in k["event_thanks"].text
    early = by_kind(event_countdown(datetime(2026, 7, 1, 6, 0, tzinfo=UTC), "Europe/Paris", "en"))
    assert early["event_day"].start == datetime(2026, 7, 1, 5, 0, tzinfo=UTC)  # 1 h before an 08:00 start
    assert "the event" in early["event_d1"].text


def test_shift_phases_absolute_and_wall_clock() -> None:
    start = datetime(2026, 10, 12, 7, 0, tzinfo=UTC)
    phases = contest_phases(start, start + timedelta(days=5, hours=11), "Europe/Paris", "en")
    week = timedelta(days=7)
    absolute = shift_phases(phases, week)
    assert [p.start for p in absolute] == [p.start + week for p in phases]
    wall = shift_phases(phases, week, "Europe/Paris")
    for before, after in zip(phases, wall, strict=True):
        assert local(after).time() == local(before).time()
        assert local(after).date() == local(before).date() + week
    assert wall[1].end is not None and local(wall[1]).hour == 9
