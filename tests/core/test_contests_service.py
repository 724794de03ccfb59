"""Contest and event services on a real migrated SQLite database (no Qt)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from cmstudio.core.contests_draw_service import (
    import_entries,
    prepare_seed,
    purge_due,
    purge_personal_data,
    run_draw,
    verify_command,
    write_certificate,
    write_published_list,
)
from cmstudio.core.contests_service import (
    ContestFields,
    ContestServiceError,
    contest_input,
    create_contest,
    generate_phases,
    mechanics_sentence,
    move_phase,
    realign_phases,
    update_contest,
    variants_of,
)
from cmstudio.core.db import open_database
from cmstudio.core.draw import DrawResult, commitment, seed_from_hex, verify
from cmstudio.core.entries import normalize_handle
from cmstudio.core.events_service import EventFields, generate_countdown, save_event
from cmstudio.core.models import Contest, Draw, Entry, Variant, Workspace
from cmstudio.core.rules import certificate_pdf

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def db(tmp_path: Path):
    database = open_database(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    with database.session() as session:
        session.add(Workspace(name="Maison Test", timezone="Europe/Paris", language="fr"))
    yield database
    database.close()


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)


def fields(**changes) -> ContestFields:
    base = ContestFields(
        title="Gagnez un panier",
        start_at=paris(2026, 10, 12, 9, 0),
        end_at=paris(2026, 10, 28, 20, 0),
        timezone="Europe/Paris",
        organizer="Maison Test SAS",
        networks=["instagram_feed", "mastodon"],
        prizes=[{"name": "Panier garni", "value": 80, "quantity": 1}],
        mechanics=["like", "comment", "hashtag"],
        hashtag="#PanierTest",
        eligibility={
            "min_age": 18,
            "countries": ["FR", "BE"],
            "one_entry_per_person": True,
            "excluded": ["@Staff_Member"],
        },
        winners_count=2,
        alternates_count=1,
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def make_contest(db, **changes) -> int:
    with db.session() as session:
        contest = create_contest(session, 1, fields(**changes))
        generate_phases(session, contest.id)
        return contest.id


def test_generated_phases_carry_one_draft_per_network(db) -> None:
    contest_id = make_contest(db)
    with db.session() as session:
        contest = session.get(Contest, contest_id)
        kinds = [p.kind for p in contest.phases]
        assert kinds[0] == "teaser" and kinds[-1] == "announcement"
        assert {"launch", "reminder_d3", "reminder_d1", "last_call", "closing", "draw"} <= set(kinds)
        for phase in contest.phases:
            posts = variants_of(session, phase.id)
            assert sorted(v.network for v in posts) == ["instagram_feed", "mastodon"]
            assert all(v.status == "draft" and v.scheduled_at == phase.start_at for v in posts)
        launch = next(p for p in contest.phases if p.kind == "launch")
        text = variants_of(session, launch.id)[0].text
        assert "Gagnez un panier" in text and "#PanierTest" in text and "Panier garni" in text
        assert "aimer la publication du jeu" in text
        assert "Gagnez un panier" in contest.rules_markdown and "Maison Test SAS" in contest.rules_markdown


def test_regenerating_phases_keeps_scheduled_posts(db) -> None:
    contest_id = make_contest(db)
    with db.session() as session:
        phase = session.get(Contest, contest_id).phases[0]
        kept = variants_of(session, phase.id)[0]
        kept.status = "scheduled"
        kept_id = kept.id
    with db.session() as session:
        generate_phases(session, contest_id)
    with db.session() as session:
        assert session.get(Variant, kept_id).phase_id is None
        assert (
            session.scalar(select(Variant).where(Variant.phase_id.is_(None), Variant.status == "draft"))
            is None
        )


def test_moving_a_phase_across_dst_keeps_local_time_of_its_posts(db) -> None:
    contest_id = make_contest(db)
    with db.session() as session:
        contest = session.get(Contest, contest_id)
        reminder = next(p for p in contest.phases if p.kind == "reminder_d3")
        assert reminder.start_at == paris(2026, 10, 25, 9, 0)  # Paris left summer time that night
        posts = variants_of(session, reminder.id)
        posts[1].scheduled_at = paris(2026, 10, 25, 14, 30)
        moved = move_phase(session, reminder.id, paris(2026, 10, 22, 9, 0))
        assert sorted(moved) == sorted(p.id for p in posts)
        assert reminder.start_at - paris(2026, 10, 25, 9, 0) == -timedelta(days=3, hours=1)
        assert posts[0].scheduled_at == paris(2026, 10, 22, 9, 0)
        assert posts[1].scheduled_at == paris(2026, 10, 22, 14, 30)


def test_changing_dates_realigns_phases_on_start_or_end(db) -> None:
    contest_id = make_contest(db)
    with db.session() as session:
        contest = session.get(Contest, contest_id)
        old_start, old_end = contest.start_at, contest.end_at
        before = {p.kind: p.start_at for p in contest.phases}
        _c, changed = update_contest(session, contest_id, fields(end_at=paris(2026, 10, 30, 20, 0)))
        assert changed
    with db.session() as session:
        realign_phases(session, contest_id, old_start, old_end)
    with db.session() as session:
        contest = session.get(Contest, contest_id)
        after = {p.kind: p for p in contest.phases}
        assert after["teaser"].start_at == before["teaser"]
        assert after["launch"].start_at == before["launch"]
        assert after["launch"].end_at == contest.end_at
        for kind in ("closing", "draw", "announcement", "reminder_d1"):
            shift = after[kind].start_at.astimezone(PARIS).date() - before[kind].astimezone(PARIS).date()
            assert shift == timedelta(days=2)
            assert variants_of(session, after[kind].id)[0].scheduled_at == after[kind].start_at


CSV_FR = (
    "Pseudo;Date de naissance;Pays;Commentaire\r\n"
    "@Élodie_M;12/03/1990;France;J’adore #PanierTest\r\n"
    "@jules;01/01/2015;France;#PanierTest moi !\r\n"
    "@Staff_Member;02/02/1980;France;#PanierTest\r\n"
    "@élodie_M;12/03/1990;France;encore #PanierTest\r\n"
    "@marco;05/06/1985;Italie;#PanierTest\r\n"
    '"@cassé;01/01/1990;France;#PanierTest\r\n'
    "@zoé;07/07/1977;Belgique;sans hashtag\r\n"
    "@anaïs;08/08/1988;Belgique;Pour moi #PanierTest\r\n"
    "@théo;09/09/1999;FR;#paniertest\r\n"
)


def test_import_cp1252_csv_judges_eligibility_and_reports_bad_rows(db) -> None:
    contest_id = make_contest(db)
    with db.session() as session:
        report = import_entries(session, contest_id, CSV_FR.encode("cp1252"), lang="en")
    assert report.encoding == "cp1252" and report.handle_column == "Pseudo"
    assert report.duplicates == 1
    assert [line for line, _msg in report.errors] == [7]
    with db.session() as session:
        rows = {e.handle: e for e in session.scalars(select(Entry).where(Entry.contest_id == contest_id))}
        assert set(rows) == {"élodie_m", "jules", "staff_member", "marco", "zoé", "anaïs", "théo"}
        codes = {h: (e.fields.get("_exclusion") or {}).get("code") for h, e in rows.items() if not e.eligible}
        assert codes == {
            "jules": "too_young",
            "staff_member": "excluded_person",
            "marco": "country_not_allowed",
            "zoé": "missing_hashtag",
        }
        assert "âge" in rows["jules"].exclusion_reason  # stored in the contest's language (French)
        assert report.eligible == 3 and report.excluded == 4


def test_pasted_handles_add_to_existing_entries_without_duplicates(db) -> None:
    contest_id = make_contest(db, mechanics=["like"], eligibility={})
    with db.session() as session:
        first = import_entries(session, contest_id, "@alice\n@bob, @carla")
        second = import_entries(session, contest_id, "@Bob\n@dan")
    assert (first.added, second.added, second.duplicates) == (3, 1, 1)


def test_draw_records_a_verifiable_result_and_fills_the_announcement(db, tmp_path: Path) -> None:
    contest_id = make_contest(db, mechanics=["like"], eligibility={"excluded": ["staff"]})
    with db.session() as session:
        import_entries(session, contest_id, "\n".join(f"@person{i}" for i in range(20)) + "\n@staff")
        published = prepare_seed(session, contest_id)
        assert prepare_seed(session, contest_id) == published  # stable once prepared
    with db.session() as session:
        row = run_draw(session, contest_id)
        draw_id = row.id
    with db.session() as session:
        row = session.get(Draw, draw_id)
        contest = session.get(Contest, contest_id)
        assert row.commitment == published == commitment(seed_from_hex(row.seed_hex))
        assert len(row.winners) == 2 and len(row.alternates) == 1 and row.entry_count == 20
        assert "staff" not in row.winners + row.alternates
        handles = [f"person{i}" for i in range(20)]
        result = DrawResult(
            row.seed_hex,
            row.commitment,
            row.fingerprint,
            row.algorithm,
            row.algorithm_version,
            tuple(row.winners),
            tuple(row.alternates),
            row.entry_count,
            row.drawn_at,
        )
        assert verify(row.seed_hex, list(reversed(handles)), result)
        announcement = next(p for p in contest.phases if p.kind == "announcement")
        text = variants_of(session, announcement.id)[0].text
        assert row.seed_hex in text and f"@{row.winners[0]}" in text and "{seed}" not in text
        command = verify_command(row)
        assert f"--seed {row.seed_hex}" in command and ",".join(row.winners) in command
        pdf = write_certificate(session, contest_id, tmp_path / "certificate.pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        bare = certificate_pdf(result, contest_input(contest), "fr", tmp_path / "bare.pdf")
        assert pdf.stat().st_size > bare.stat().st_size  # the verify command line is added
        listing = write_published_list(contest, tmp_path / "entries.txt").read_text(encoding="utf-8")
        assert listing.splitlines() == sorted(handles)
    with db.session() as session, pytest.raises(ContestServiceError):
        run_draw(session, contest_id)
    with db.session() as session, pytest.raises(ContestServiceError):
        import_entries(session, contest_id, "@late")


def test_draw_refuses_too_few_eligible_entries(db) -> None:
    contest_id = make_contest(db, mechanics=["like"], eligibility={"excluded": ["a"]})
    with db.session() as session, pytest.raises(ContestServiceError, match="no eligible entry"):
        run_draw(session, contest_id)
    with db.session() as session:
        import_entries(session, contest_id, "@a\n@b")
    with db.session() as session, pytest.raises(ContestServiceError, match="Only 1 eligible"):
        run_draw(session, contest_id)


def test_purge_deletes_entries_but_keeps_the_draw(db) -> None:
    contest_id = make_contest(
        db, mechanics=["like"], eligibility={}, retention_until=paris(2026, 11, 30, 0, 0)
    )
    with db.session() as session:
        import_entries(session, contest_id, "@a\n@b\n@c\n@d")
        run_draw(session, contest_id)
    with db.session() as session:
        contest = session.get(Contest, contest_id)
        assert not purge_due(contest, now=paris(2026, 11, 29, 12, 0))
        assert purge_due(contest, now=paris(2026, 12, 1, 0, 0))
        assert purge_personal_data(session, contest_id) == 4
    with db.session() as session:
        contest = session.get(Contest, contest_id)
        assert contest.entries == [] and len(contest.draws) == 1 and contest.status == "purged"
        assert not purge_due(contest, now=paris(2027, 1, 1, 0, 0))


def test_event_countdown_and_date_change(db) -> None:
    with db.session() as session:
        event = save_event(
            session,
            1,
            EventFields(
                title="Live galettes",
                start_at=paris(2027, 1, 8, 18, 30),
                kind="live",
                duration_minutes=45,
                url="https://example.org/live",
            ),
        )
        phases = generate_countdown(session, event.id, ["mastodon", "bluesky"], hashtag="galette")
        assert [p.kind for p in phases] == ["event_d7", "event_d1", "event_day", "event_thanks"]
        d7 = phases[0]
        assert d7.start_at.astimezone(PARIS).date().isoformat() == "2027-01-01"
        assert sorted(v.network for v in variants_of(session, d7.id)) == ["bluesky", "mastodon"]
        assert "https://example.org/live" in variants_of(session, d7.id)[0].text
        event_id, d7_id = event.id, d7.id
    with db.session() as session:
        save_event(
            session,
            1,
            EventFields(
                title="Live galettes", start_at=paris(2027, 1, 10, 18, 30), kind="live", duration_minutes=45
            ),
            event_id,
        )
    with db.session() as session:
        post = variants_of(session, d7_id)[0]
        assert post.scheduled_at.astimezone(PARIS).date().isoformat() == "2027-01-03"


def test_bad_fields_are_refused_with_a_sentence(db) -> None:
    with db.session() as session:
        with pytest.raises(ContestServiceError, match="end after it starts"):
            create_contest(session, 1, fields(end_at=paris(2026, 10, 1, 9, 0)))
        with pytest.raises(ContestServiceError, match="title"):
            create_contest(session, 1, fields(title="  "))
        with pytest.raises(ValueError, match="time zone"):
            create_contest(session, 1, fields(timezone="Mars/Olympus"))


def test_mechanics_sentence_in_both_languages() -> None:
    fr = mechanics_sentence(["like", "answer", "hashtag"], "Concours", "Votre parfum préféré ?", "fr")
    assert fr.startswith("Pour participer\u00a0: aimer la publication du jeu")
    assert "«\u00a0Votre parfum préféré ?\u00a0»" in fr and fr.endswith("#Concours.")
    en = mechanics_sentence(["like", "share"], "", "", "en")
    assert en == "To enter: like the giveaway post and share the post."
    assert normalize_handle("@Élodie_M") == "élodie_m"
