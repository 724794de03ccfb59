"""The calendar's database services: gathering, moving (DST-safe), duplicating, queue, repeat, .ics."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import select

from cmstudio.core.agenda import (
    AgendaError,
    ItemRef,
    agenda_entries,
    backlog,
    filter_entries,
    ref_of,
    refs_from_json,
    refs_to_json,
)
from cmstudio.core.agenda_moves import (
    ItemLockedError,
    apply_moves,
    duplicate_items,
    into_past,
    move_items,
    plan_drop,
    remove_items,
    restore_items,
    schedule_items,
)
from cmstudio.core.agenda_services import (
    add_to_queue,
    export_calendar,
    import_reference_calendar,
    make_recurring,
    queue_view,
    update_subscription,
)
from cmstudio.core.db import open_database
from cmstudio.core.models import Account, Article, CalendarItem, Contest, Event, Phase, Variant, Workspace
from cmstudio.core.queue import QueueError
from cmstudio.core.recurrence import Recurrence

PARIS = ZoneInfo("Europe/Paris")


def paris(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=PARIS).astimezone(UTC)


@pytest.fixture
def db(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'cal.sqlite3'}")
    yield database
    database.close()


@pytest.fixture
def ids(db):
    """One Paris workspace: an article, posts, a contest with phases, an event, a note."""
    with db.session() as s:
        ws = Workspace(name="Boulangerie Test", timezone="Europe/Paris", spacing_minutes=30)
        other = Workspace(name="Other", timezone="Europe/London")
        s.add_all([ws, other])
        s.flush()
        account = Account(workspace_id=ws.id, connector_id="mastodon", network="mastodon", name="Masto",
                          queue_slots=[{"weekday": 0, "time": "09:00"}, {"weekday": 2, "time": "09:00"}])
        s.add(account)
        s.flush()
        article = Article(workspace_id=ws.id, title="Galette", slug="galette", status="scheduled",
                          publish_at=paris(2026, 10, 23, 9))
        published = Article(workspace_id=ws.id, title="Old", slug="old", status="published",
                            publish_at=paris(2026, 10, 20, 8))
        idea = Article(workspace_id=ws.id, title="Idea", slug="idea", status="ready")
        s.add_all([article, published, idea])
        s.flush()
        post = Variant(workspace_id=ws.id, article_id=article.id, account_id=account.id, network="mastodon",
                       text="Notre galette\nest là", status="scheduled", scheduled_at=paris(2026, 10, 23, 9),
                       campaign="rois")
        close = Variant(workspace_id=ws.id, account_id=account.id, network="mastodon", text="Trop proche",
                        status="scheduled", scheduled_at=paris(2026, 10, 23, 9, 10))
        loose = Variant(workspace_id=ws.id, account_id=account.id, network="mastodon", text="À caser",
                        status="ready")
        gone = Variant(workspace_id=ws.id, network="x", text="Deleted", status="scheduled",
                       scheduled_at=paris(2026, 10, 23, 11), deleted_at=datetime.now(UTC))
        elsewhere = Variant(workspace_id=other.id, network="x", text="Other ws", status="scheduled",
                            scheduled_at=paris(2026, 10, 23, 12))
        s.add_all([post, close, loose, gone, elsewhere])
        contest = Contest(workspace_id=ws.id, title="Concours", start_at=paris(2026, 10, 10, 9),
                          end_at=paris(2026, 10, 30, 18))
        contest.phases.append(Phase(kind="launch", title="Participation", start_at=paris(2026, 10, 10, 9),
                                    end_at=paris(2026, 10, 24, 18)))
        event = Event(workspace_id=ws.id, title="Live", start_at=paris(2026, 10, 28, 18))
        event.phases.append(Phase(kind="day", title="Live · Jour J", start_at=paris(2026, 10, 28, 18)))
        note = CalendarItem(workspace_id=ws.id, kind="note", title="Réunion client", start_at=paris(2026, 10, 22, 14))
        ref = CalendarItem(workspace_id=ws.id, kind="reference", title="Vacances", read_only=True, all_day=True,
                           start_at=datetime(2026, 10, 17, tzinfo=UTC), end_at=datetime(2026, 11, 2, tzinfo=UTC))
        s.add_all([contest, event, note, ref])
        s.flush()
        return {"ws": ws.id, "other": other.id, "account": account.id, "article": article.id,
                "published": published.id, "idea": idea.id, "post": post.id, "close": close.id,
                "loose": loose.id, "gone": gone.id, "phase": contest.phases[0].id, "event_phase": event.phases[0].id,
                "contest": contest.id, "note": note.id, "ref": ref.id}


def by_id(entries, kind, ident):
    return next(e for e in entries if e.kind == kind and e.id == str(ident))


def test_gathers_every_kind_of_dated_item(db, ids):
    with db.session() as s:
        entries = agenda_entries(s, ids["ws"])
    kinds = {(e.kind, e.id) for e in entries}
    assert ("article", str(ids["article"])) in kinds
    assert ("post", str(ids["post"])) in kinds
    assert ("phase", str(ids["phase"])) in kinds
    assert ("event", str(ids["event_phase"])) in kinds
    assert ("phase", f"contest-{ids['contest']}") in kinds
    assert ("event", f"item-{ids['note']}") in kinds
    assert ("reference", f"item-{ids['ref']}") in kinds
    assert ("post", str(ids["gone"])) not in kinds, "deleted posts are not on the calendar"
    assert ("post", str(ids["loose"])) not in kinds, "unscheduled posts live in the backlog"
    assert all(e.title != "Other ws" for e in entries)
    post = by_id(entries, "post", ids["post"])
    assert (post.title, post.network, post.account_id, post.campaign) == (
        "Notre galette", "mastodon", str(ids["account"]), "rois")
    assert [e.start for e in entries] == sorted(e.start for e in entries)
    reference = by_id(entries, "reference", f"item-{ids['ref']}")
    assert reference.all_day and reference.read_only and ref_of(reference) == ItemRef("item", ids["ref"])


def test_range_keeps_spans_that_overlap_it(db, ids):
    with db.session() as s:
        entries = agenda_entries(s, ids["ws"], paris(2026, 10, 23, 0), paris(2026, 10, 24, 0))
    found = {(e.kind, e.id) for e in entries}
    assert ("phase", str(ids["phase"])) in found, "a phase from 10 to 24 October covers the 23rd"
    assert ("post", str(ids["post"])) in found
    assert ("article", str(ids["published"])) not in found
    assert ("event", str(ids["event_phase"])) not in found


def test_all_workspaces_and_reference_days(db, ids):
    with db.session() as s:
        everything = agenda_entries(s, None)
        with_days = agenda_entries(s, ids["ws"], paris(2026, 11, 1, 0), paris(2026, 11, 12, 0),
                                   reference_days=True, lang="fr")
    assert any(e.title == "Other ws" for e in everything)
    titles = {e.title for e in with_days if e.kind == "reference"}
    assert "Armistice" in titles and "Toussaint" in titles


def test_refs_payload_round_trip_and_rejects_junk():
    refs = [ItemRef("post", 12), ItemRef("article", 3)]
    assert refs_from_json(refs_to_json(refs)) == refs
    assert refs_to_json([ItemRef("post", 12)]) == b'[{"kind":"post","id":12}]'
    for junk in (b"not json", b"{}", b"[]", b'[{"kind":"contest","id":1}]', b'[{"kind":"post","id":-1}]',
                 b'[{"kind":"post"}]', b'[{"kind":"post","id":"12"}]'):
        with pytest.raises(AgendaError):
            refs_from_json(junk)


def local(instant: datetime) -> datetime:
    return instant.astimezone(PARIS).replace(tzinfo=None)


def test_move_to_a_day_keeps_local_time_across_dst(db, ids):
    refs = [ItemRef("post", ids["post"]), ItemRef("article", ids["article"])]
    with db.session() as s:
        moves = move_items(s, refs, date(2026, 10, 27), "Europe/Paris")
    with db.session() as s:
        post = s.get(Variant, ids["post"])
        article = s.get(Article, ids["article"])
        # 09:00 CEST (07:00 UTC) on the 23rd, 09:00 CET (08:00 UTC) on the 27th: the clocks went back on the 25th.
        assert post.scheduled_at == datetime(2026, 10, 27, 8, 0, tzinfo=UTC)
        assert local(article.publish_at) == datetime(2026, 10, 27, 9, 0)
        assert [m.before_start for m in moves] == [paris(2026, 10, 23, 9)] * 2
    with db.session() as s:
        apply_moves(s, moves, undo=True)
    with db.session() as s:
        assert s.get(Variant, ids["post"]).scheduled_at == datetime(2026, 10, 23, 7, 0, tzinfo=UTC)


def test_drop_on_week_slot_moves_selection_together(db, ids):
    refs = [ItemRef("post", ids["post"]), ItemRef("post", ids["close"])]
    with db.session() as s:
        moves = plan_drop(s, refs, datetime(2026, 10, 26, 14, 15), "Europe/Paris")
    assert [local(m.after_start) for m in moves] == [datetime(2026, 10, 26, 14, 15), datetime(2026, 10, 26, 14, 25)]
    with db.session() as s:
        assert s.get(Variant, ids["post"]).scheduled_at == paris(2026, 10, 23, 9), "planning writes nothing"


def test_phase_moves_with_its_end(db, ids):
    with db.session() as s:
        move_items(s, [ItemRef("phase", ids["phase"])], date(2026, 10, 12), "Europe/Paris")
    with db.session() as s:
        phase = s.get(Phase, ids["phase"])
        assert (local(phase.start_at), local(phase.end_at)) == (datetime(2026, 10, 12, 9), datetime(2026, 10, 26, 18))


def test_published_and_read_only_items_cannot_move(db, ids):
    with db.session() as s:
        with pytest.raises(ItemLockedError, match="already published"):
            plan_drop(s, [ItemRef("article", ids["published"])], date(2026, 10, 21), "Europe/Paris")
        with pytest.raises(ItemLockedError, match="read-only"):
            plan_drop(s, [ItemRef("item", ids["ref"])], date(2026, 10, 21), "Europe/Paris")
        with pytest.raises(AgendaError, match="no longer exists"):
            plan_drop(s, [ItemRef("post", ids["gone"])], date(2026, 10, 21), "Europe/Paris")
        with pytest.raises(AgendaError, match="without offset"):
            plan_drop(s, [ItemRef("post", ids["post"])], datetime(2026, 10, 21, 9, tzinfo=UTC), "Europe/Paris")


def test_backlog_items_are_scheduled_one_after_the_other(db, ids):
    with db.session() as s:
        names = {(i.ref.kind, i.ref.id) for i in backlog(s, ids["ws"])}
        assert ("article", ids["idea"]) in names and ("post", ids["loose"]) in names
        assert ("post", ids["post"]) not in names
        refs = [ItemRef("article", ids["idea"]), ItemRef("post", ids["loose"])]
        moves = move_items(s, refs, date(2026, 12, 3), "Europe/Paris", spacing_minutes=45)
    assert [local(m.after_start) for m in moves] == [datetime(2026, 12, 3, 9), datetime(2026, 12, 3, 9, 45)]
    assert [m.after_status for m in moves] == ["scheduled", "scheduled"], "ready items become scheduled"
    with db.session() as s:
        assert s.get(Article, ids["idea"]).status == "scheduled"
        apply_moves(s, moves, undo=True)
    with db.session() as s:
        idea = s.get(Article, ids["idea"])
        assert (idea.publish_at, idea.status) == (None, "ready")
        back = schedule_items(s, [ItemRef("post", ids["post"])], None)
        assert back[0].after_status == "ready" and s.get(Variant, ids["post"]).scheduled_at is None


def test_into_past_only_counts_items_whose_time_changes(db, ids):
    with db.session() as s:
        moves = plan_drop(s, [ItemRef("post", ids["post"])], date(2026, 10, 24), "Europe/Paris")
    assert into_past(moves, now=paris(2026, 11, 1, 0)) == moves
    assert into_past(moves, now=paris(2026, 10, 1, 0)) == []


def test_duplicate_then_undo_and_redo(db, ids):
    with db.session() as s:
        created = duplicate_items(s, [ItemRef("post", ids["post"]), ItemRef("article", ids["published"])],
                                  date(2026, 12, 1), "Europe/Paris")
    refs = [m.ref for m in created]
    with db.session() as s:
        copy = s.get(Variant, refs[0].id)
        assert copy.id != ids["post"] and copy.text == "Notre galette\nest là"
        assert local(copy.scheduled_at) == datetime(2026, 12, 1, 9)
        article_copy = s.get(Article, refs[1].id)
        assert article_copy.status == "draft", "a copy of a published article starts as a draft"
        assert article_copy.slug != "old" and s.get(Article, ids["published"]).status == "published"
        assert s.get(Variant, ids["post"]).scheduled_at == paris(2026, 10, 23, 9)
        remove_items(s, refs)
    with db.session() as s:
        shown = {(e.kind, e.id) for e in agenda_entries(s, ids["ws"])}
        assert ("post", str(refs[0].id)) not in shown
        restore_items(s, refs)
    with db.session() as s:
        assert ("post", str(refs[0].id)) in {(e.kind, e.id) for e in agenda_entries(s, ids["ws"])}
        with pytest.raises(AgendaError, match="Only articles and posts"):
            duplicate_items(s, [ItemRef("phase", ids["phase"])], date(2026, 12, 1), "Europe/Paris")


def test_filter_entries(db, ids):
    with db.session() as s:
        entries = agenda_entries(s, ids["ws"])
    only_x = filter_entries(entries, networks={"x"})
    assert not any(e.kind == "post" for e in only_x) and any(e.kind == "article" for e in only_x)
    assert {e.kind for e in filter_entries(entries, kinds={"phase"})} == {"phase"}
    assert {e.id for e in filter_entries(entries, campaigns={"rois"}) if e.kind == "post"} == {str(ids["post"])}
    drafts = filter_entries(entries, statuses={"published"})
    assert {e.kind for e in drafts} <= {"article", "reference", "phase", "event"}


def test_add_to_queue_takes_the_next_free_slot(db, ids):
    now = paris(2026, 10, 23, 12)  # a Friday; slots are Monday and Wednesday 09:00
    with db.session() as s:
        s.add(Variant(workspace_id=ids["ws"], account_id=ids["account"], network="mastodon", text="Taken",
                      status="scheduled", scheduled_at=paris(2026, 10, 26, 9)))
        s.flush()
        move = add_to_queue(s, ids["loose"], now=now)
    assert local(move.after_start) == datetime(2026, 10, 28, 9, 0), "Monday is taken, Wednesday is free"
    assert move.after_status == "scheduled"
    with db.session() as s:
        slots = queue_view(s, ids["account"], paris(2026, 10, 26, 0), 7)
    filled = [(local(v.at), v.entry.title if v.entry else None) for v in slots]
    assert (datetime(2026, 10, 26, 9), "Taken") in filled
    assert (datetime(2026, 10, 28, 9), "À caser") in filled
    with db.session() as s:
        s.get(Account, ids["account"]).queue_slots = []
        s.flush()
        with pytest.raises(QueueError, match="no posting slots"):
            add_to_queue(s, ids["close"], now=now)


def test_recurring_post_creates_its_own_rows(db, ids):
    with db.session() as s:
        created = make_recurring(s, ids["post"], Recurrence("weekly", count=3))
        again = make_recurring(s, ids["post"], Recurrence("weekly", count=3))
    with db.session() as s:
        rows = s.scalars(select(Variant).where(Variant.recurrence_parent_id == ids["post"])
                         .order_by(Variant.scheduled_at)).all()
        assert len(created) == len(again) == 2 and len(rows) == 2, "making it again replaces, not piles up"
        assert [local(r.scheduled_at).time() for r in rows] == [time(9)] * 2, "09:00 Paris across DST"
        assert [local(r.scheduled_at).date() for r in rows] == [date(2026, 10, 30), date(2026, 11, 6)]
        assert s.get(Variant, ids["post"]).recurrence["freq"] == "weekly"
        with pytest.raises(AgendaError, match="occurrence of a series"):
            make_recurring(s, rows[0].id, Recurrence("daily", count=2))


ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//EN\r
BEGIN:VEVENT\r
UID:toussaint-zone-a\r
DTSTAMP:20260101T000000Z\r
DTSTART;VALUE=DATE:20261017\r
DTEND;VALUE=DATE:20261102\r
SUMMARY:Vacances de la Toussaint\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:salon\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID=Europe/Paris:20261105T100000\r
DTEND;TZID=Europe/Paris:20261105T120000\r
SUMMARY:Salon du chocolat\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_import_reference_calendar_is_read_only_and_replaceable(db, ids):
    with db.session() as s:
        first = import_reference_calendar(s, ids["ws"], ICS, "ecole.ics", window_start=date(2026, 1, 1),
                                          window_end=date(2026, 12, 31))
        second = import_reference_calendar(s, ids["ws"], ICS, "ecole.ics", window_start=date(2026, 1, 1),
                                           window_end=date(2026, 12, 31))
    assert (first.added, second.added, second.replaced) == (2, 2, 2)
    with db.session() as s:
        refs = [e for e in agenda_entries(s, ids["ws"]) if e.source == "ecole.ics"]
        assert {e.title for e in refs} == {"Vacances de la Toussaint", "Salon du chocolat"}
        assert all(e.read_only and e.kind == "reference" for e in refs)
        salon = next(e for e in refs if e.title == "Salon du chocolat")
        assert salon.start == paris(2026, 11, 5, 10)
        with pytest.raises(ItemLockedError):
            plan_drop(s, [ref_of(salon)], date(2026, 11, 6), "Europe/Paris")


def test_export_is_read_back_by_icalendar(db, ids):
    stamp = datetime(2026, 11, 1, tzinfo=UTC)
    with db.session() as s:
        data = export_calendar(s, ids["ws"], lang="en", stamp=stamp)
    cal = Calendar.from_ical(data)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    post = events[f"post-{ids['post']}@cmstudio"]
    assert post["DTSTART"].dt == paris(2026, 10, 23, 9)
    assert "Network: Mastodon" in str(post["DESCRIPTION"]) and "Status: scheduled" in str(post["DESCRIPTION"])
    assert not any(uid.startswith("reference-") for uid in events), "imported references are not exported back"
    assert f"event-item-{ids['note']}@cmstudio" in events
    assert str(cal["X-WR-CALNAME"]) == "Boulangerie Test"


def test_subscription_file_is_rewritten_only_on_change(db, ids, tmp_path):
    with db.session() as s:
        path, written = update_subscription(s, ids["ws"], db.path, db.media_dir, lang="fr")
        assert written and path == db.path.parent / "calendars" / "boulangerie-test.ics"
        _, again = update_subscription(s, ids["ws"], db.path, db.media_dir)
        assert not again
        move_items(s, [ItemRef("post", ids["post"])], date(2026, 10, 30), "Europe/Paris")
        _, after_move = update_subscription(s, ids["ws"], db.path, db.media_dir)
    assert after_move
    cal = Calendar.from_ical(path.read_bytes())
    moved = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == f"post-{ids['post']}@cmstudio")
    assert moved["DTSTART"].dt == paris(2026, 10, 30, 9)


def test_rows_and_entries_agree_and_come_in_calendar_order(db, ids):
    from cmstudio.core.agenda import agenda_rows

    with db.session() as s:
        rows = agenda_rows(s, ids["ws"], reference_days=True, lang="en")
        entries = agenda_entries(s, ids["ws"], reference_days=True, lang="en")
    assert [r.entry() for r in rows] == entries
    assert [(e.start, not e.all_day, e.kind, e.title, e.id) for e in entries] == sorted(
        (e.start, not e.all_day, e.kind, e.title, e.id) for e in entries
    )
    post = next(r for r in rows if r.kind == "post" and r.id == str(ids["post"]))
    assert (post.start.tzinfo, post.account_id, post.campaign) == (UTC, str(ids["account"]), "rois")


def test_marketing_day_list_round_trip(db, ids):
    from cmstudio.core.agenda_services import marketing_days_data, set_marketing_days
    from cmstudio.core.refdays import RefDaysError

    with db.session() as s:
        shipped, own = marketing_days_data(s, ids["ws"])
    assert not own and any(d.get("rule") == "black_friday" for d in shipped)
    mine = [{"id": "galette", "fr": "Galette des rois", "en": "King cake day", "month": 1, "day": 6},
            {"fr": "Black Friday", "en": "Black Friday", "rule": "black_friday"}]
    with db.session() as s:
        assert set_marketing_days(s, ids["ws"], mine) == 2
    with db.session() as s:
        data, own = marketing_days_data(s, ids["ws"])
        november = agenda_entries(s, ids["ws"], paris(2026, 11, 1, 0), paris(2026, 12, 1, 0),
                                  reference_days=True, lang="en")
    assert own and data[0] == mine[0] and data[1] == {"id": "Black Friday", "fr": "Black Friday",
                                                      "en": "Black Friday", "rule": "black_friday"}
    assert {e.title for e in november if e.source == "marketing"} == {"Black Friday"}
    with db.session() as s, pytest.raises(RefDaysError, match="#2"):
        set_marketing_days(s, ids["ws"], [mine[0], {"fr": "Trente février", "en": "Feb 30", "month": 2, "day": 30}])
    with db.session() as s, pytest.raises(AgendaError, match="galette"):
        set_marketing_days(s, ids["ws"], [mine[0], mine[0]])
    with db.session() as s:
        assert marketing_days_data(s, ids["ws"])[0] == data, "a refused list leaves the stored one"
        set_marketing_days(s, ids["ws"], None)
    with db.session() as s:
        assert marketing_days_data(s, ids["ws"]) == (shipped, False)
