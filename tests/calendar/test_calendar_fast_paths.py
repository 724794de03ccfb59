"""The calendar's fast paths give the same picture as the slow ones: cache patches, lanes, year list."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

from cmstudio.calendar.week_grid import lay_out_lanes
from cmstudio.core import refdays
from cmstudio.core.agenda import ItemRef
from cmstudio.core.agenda_rows import AgendaRow
from cmstudio.core.models import Variant

from .conftest import paris


def shown(view) -> dict[date, list[tuple[str, str, datetime]]]:
    return {day: [(r.kind, r.id, r.start) for r in rows] for day, rows in view.month_model.buckets.items()}


def test_a_drop_patches_the_page_like_a_full_reload_would(cal):
    view = cal.view
    assert view.handle_drop([ItemRef("post", cal.ids["second"])], date(2027, 3, 17), False)
    patched, conflicts = shown(view), set(view.month.conflicts)
    assert ("post", str(cal.ids["second"])) in {(k, i) for k, i, _ in patched[date(2027, 3, 17)]}
    view.invalidate()
    assert shown(view) == patched and view.month.conflicts == conflicts
    view.undo_stack.undo()
    undone = shown(view)
    view.invalidate()
    assert shown(view) == undone
    assert ("post", str(cal.ids["second"])) in {(k, i) for k, i, _ in undone[date(2027, 3, 10)]}


def test_a_drop_next_to_a_post_of_the_same_account_flags_both(cal):
    view = cal.view
    assert view.toolbar.conflict_label.text() == ""
    target = datetime(2027, 3, 10, 10, 15)  # a week slot 15 minutes after "Future post"
    view.set_mode("week")
    assert view.handle_drop([ItemRef("post", cal.ids["second"])], target, False)
    assert {str(cal.ids["post"]), str(cal.ids["second"])} <= view.week.body.conflicts
    assert "2" in view.toolbar.conflict_label.text()
    view.undo_stack.undo()
    assert not view.week.body.conflicts and view.toolbar.conflict_label.text() == ""


def test_other_views_hear_of_a_drop_once_and_only_of_what_changed(cal, qtbot):
    studio = cal.built.studio
    heard: list[frozenset] = []
    studio.dataChanged.connect(heard.append)
    view = cal.view
    assert view.handle_drop([ItemRef("post", cal.ids["post"])], date(2027, 3, 11), False)
    assert view.handle_drop([ItemRef("post", cal.ids["post"])], date(2027, 3, 12), False)
    assert heard == [], "news waits until the calendar is painted and the user pauses"
    qtbot.waitUntil(lambda: bool(heard))
    assert heard == [frozenset({"variants", "calendar"})]


def row(start: datetime, ident: str, minutes: int | None = None) -> tuple[int, int, AgendaRow]:
    top = start.hour * 48 + start.minute * 48 // 60
    height = max(22, (minutes or 30) * 48 // 60)
    return top, top + height, AgendaRow(start, True, "post", ident, ident)


def test_lanes_share_width_only_with_what_overlaps():
    base = paris(2027, 3, 10, 9)
    items = [row(base, "a", 60), row(base + timedelta(minutes=15), "b"), row(base + timedelta(minutes=30), "c"),
             row(base + timedelta(hours=3), "d")]
    placed = {r.id: (lane, lanes) for _t, _b, lane, lanes, r in lay_out_lanes(items)}
    assert placed["a"] == (0, 3) and placed["b"] == (1, 3) and placed["c"] == (2, 3)
    assert placed["d"] == (0, 1), "a lone item later in the day takes the whole column"


def test_year_agenda_lists_every_month_and_steps_by_year(cal):
    view = cal.view
    view.set_mode("agenda")
    assert view.toolbar.span_box.isVisible()
    view.set_agenda_span("year")
    assert view.toolbar.title.text() == "2027"
    titles = [e.title for e in view.entries_model.entries]
    assert "Future post" in titles and "Autumn post" not in titles
    starts = [e.start for e in view.entries_model.entries]
    assert starts == sorted(starts)
    view.step(-1)
    assert view.anchor == date(2026, 1, 1) and "Autumn post" in [e.title for e in view.entries_model.entries]
    view.set_agenda_span("month")
    assert view.toolbar.title.text() == "January 2026"


def test_reference_days_are_computed_off_the_ui_thread(cal, monkeypatch):
    """Holiday tables are slow to load the first time: the UI thread never computes them itself."""
    threads: list[threading.Thread] = []
    real = refdays.reference_days

    def watched(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(refdays, "reference_days", watched)
    monkeypatch.setattr("cmstudio.calendar.calendar_view.refdays_ready", lambda: False)
    view = cal.view
    view.invalidate()
    assert not [e for e in view.month_model.buckets[date(2027, 3, 10)] if e.kind == "reference"]
    view.wait_until_idle()
    assert threads and threading.main_thread() not in threads
    refs = {e.title for rows in view.month_model.buckets.values() for e in rows if e.kind == "reference"}
    assert refs, "the page shows the reference days once the worker has them"


def test_posts_with_a_blank_text_take_their_article_title(cal):
    with cal.db.session() as s:
        post = s.get(Variant, cal.ids["post"])
        post.text = "  \n  "
        from cmstudio.core.models import Article

        post.article_id = cal.ids["idea"]
        s.get(Article, cal.ids["idea"]).title = "Backlog article"
    cal.built.studio.notify({"variants"})
    titles = {e.title for e in cal.view.month_model.buckets[date(2027, 3, 10)]}
    assert "Backlog article" in titles
