"""The calendar section beyond drag and drop: navigation, filters, conflicts, queue, .ics in and out."""

from __future__ import annotations

from datetime import date, datetime

from icalendar import Calendar
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from cmstudio.core.agenda import ItemRef
from cmstudio.core.models import CalendarItem, Variant

from .conftest import PARIS, paris


def test_navigation_buttons_and_keys(cal, qtbot):
    view = cal.view
    assert view.toolbar.title.text() == "March 2027"
    view.toolbar.next_button.click()
    assert view.anchor == date(2027, 4, 1) and view.toolbar.title.text() == "April 2027"
    view.month.setFocus()
    qtbot.keyClick(view.month, Qt.Key.Key_PageUp)
    assert view.anchor.month == 3
    qtbot.keyClick(view.month, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert view.anchor == date.today()
    view.toolbar.date_edit.setDate(view.toolbar.date_edit.date().addYears(1))
    assert view.anchor.year == date.today().year + 1
    view.go_to(date(2027, 3, 10))
    view.month.current_day = date(2027, 3, 31)
    qtbot.keyClick(view.month, Qt.Key.Key_Down)
    assert view.anchor == date(2027, 4, 7), "arrowing out of the month turns the page"
    view.set_mode("week")
    assert view.toolbar.title.text().endswith("2027") and len(view.week_model.days) == 7
    view.toolbar.prev_button.click()
    assert view.anchor == date(2027, 3, 31)


def test_double_click_on_a_day_opens_its_week(cal, qtbot):
    view = cal.view
    month = view.month
    position = view.month_model.days.index(date(2027, 3, 17))
    rect = month.cell_rect(position // 7, position % 7)
    qtbot.mouseDClick(month, Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.mode == "week" and date(2027, 3, 17) in view.week_model.days


def test_click_selection_and_keyboard_move(cal, qtbot):
    view = cal.view
    month = view.month
    chips = {entry.title: rect for rect, entry in month.chips()}
    qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=chips["Future post"].center())
    qtbot.mouseClick(month, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=chips["Second post"].center())
    assert {e.title for e in view.selected_entries()} == {"Future post", "Second post"}
    qtbot.keyClick(month, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    with cal.db.session() as s:
        times = sorted(v.scheduled_at.astimezone(PARIS).replace(tzinfo=None)
                       for v in s.scalars(select(Variant).where(Variant.id.in_([cal.ids["post"], cal.ids["second"]]))))
    assert times == [datetime(2027, 3, 11, 10), datetime(2027, 3, 11, 16)]


def test_spacing_conflicts_are_flagged(cal):
    view = cal.view
    assert view.toolbar.conflict_label.text() == ""
    with cal.db.session() as s:
        s.add(Variant(workspace_id=cal.ids["ws"], account_id=cal.ids["account"], network="mastodon",
                      text="Too close", status="scheduled", scheduled_at=paris(2027, 3, 10, 10, 20)))
    cal.built.studio.notify({"variants"})
    assert "2" in view.toolbar.conflict_label.text()
    assert str(cal.ids["post"]) in view.month.conflicts


def test_filters_hide_and_show(cal):
    view = cal.view
    titles = lambda: {e.title for e in view.month_model.buckets[date(2027, 3, 10)]}  # noqa: E731
    assert "Future post" in titles()
    view.toolbar.toggle_filter("network", "mastodon", False)
    assert "Future post" not in titles() and view.toolbar.filter_button.text() == "Filters (1)"
    view.toolbar.reset_filters()
    view.toolbar.toggle_filter("status", "scheduled", False)
    assert "Future post" not in titles()
    view.toolbar.reset_filters()
    assert "Future post" in titles()


def test_week_view_places_items_in_their_slot(cal):
    view = cal.view
    view.set_mode("week")
    body = view.week.body
    rect = next(r for r, e in body.chips() if e.title == "Future post")
    index = body.drop_index_at(rect.topLeft() + QPoint(1, 2))
    assert view.week_model.target(index) == datetime(2027, 3, 10, 10, 0)
    assert index.column() == 2, "Wednesday is the third column of a Monday-first week"


def test_queue_view_and_add_to_queue(cal):
    view = cal.view
    view.set_mode("queue")
    assert view.queue.list.count() >= 13, "a daily slot over the next 14 days (today's may be past)"
    assert view.queue.list.item(0).text().endswith("Free slot")
    view.set_mode("month")
    row = next(i for i, item in enumerate(view.backlog.model.items) if item.title == "Loose post")
    view.backlog.list.selectionModel().select(view.backlog.model.index(row),
                                              view.backlog.list.selectionModel().SelectionFlag.Select)
    view.backlog.queue_button.click()
    with cal.db.session() as s:
        queued = s.get(Variant, cal.ids["loose"])
        assert queued.scheduled_at is not None and queued.status == "scheduled"
        local = queued.scheduled_at.astimezone(PARIS)
        assert (local.hour, local.minute) == (9, 0)
    view.undo_stack.undo()
    with cal.db.session() as s:
        assert s.get(Variant, cal.ids["loose"]).scheduled_at is None


def test_subscription_file_follows_changes(cal):
    view = cal.view
    assert view.handle_drop([ItemRef("post", cal.ids["post"])], date(2027, 3, 12), False)
    view.wait_until_idle()
    path = cal.db.path.parent / "calendars" / "fournil-test.ics"
    cal_data = Calendar.from_ical(path.read_bytes())
    event = next(e for e in cal_data.walk("VEVENT") if str(e["UID"]) == f"post-{cal.ids['post']}@cmstudio")
    assert event["DTSTART"].dt == paris(2027, 3, 12, 10)


def test_import_and_export_ics_through_dialogs(cal, tmp_path, monkeypatch):
    source = tmp_path / "client.ics"
    start = (date(2027, 3, 15)).strftime("%Y%m%d")
    source.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:launch-1\r\n"
        b"DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:" + start.encode() + b"\r\nSUMMARY:Client launch\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), "")))
    cal.view.actions_.import_ics()
    with cal.db.session() as s:
        item = s.scalars(select(CalendarItem).where(CalendarItem.source == "client.ics")).one()
        assert item.read_only and item.kind == "reference"
    assert "Client launch" in {e.title for e in cal.view.month_model.buckets[date(2027, 3, 15)]}
    out = tmp_path / "export.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    cal.view.actions_.export_ics()
    uids = {str(e["UID"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert f"post-{cal.ids['post']}@cmstudio" in uids
