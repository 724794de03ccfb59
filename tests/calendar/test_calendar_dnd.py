"""Drag and drop on the calendar: model level, event level, undo/redo, DST, past, published, copies."""

from __future__ import annotations

import json
from datetime import date, datetime

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from cmstudio.calendar.mime import make_mime
from cmstudio.core.agenda import MIME_TYPE, ItemRef
from cmstudio.core.models import Article, Variant

from .conftest import PARIS


def local(instant: datetime) -> datetime:
    return instant.astimezone(PARIS).replace(tzinfo=None)


def post_time(cal, key: str) -> datetime:
    with cal.db.session() as s:
        return local(s.get(Variant, cal.ids[key]).scheduled_at)


def agenda_index(cal, title: str):
    view = cal.view
    view.set_mode("agenda")
    model = view.entries_model
    row = next(i for i, e in enumerate(model.entries) if e.title == title)
    return model, model.index(row, 3)


def test_model_level_move_then_undo_redo(cal):
    model, index = agenda_index(cal, "Future post")
    mime = model.mimeData([index])
    assert json.loads(bytes(mime.data(MIME_TYPE).data())) == [{"kind": "post", "id": cal.ids["post"]}]
    assert not mime.hasText(), "only ids travel, never the objects"
    cal.view.set_mode("month")
    grid = cal.view.month_model
    cell = grid.index_for(date(2027, 3, 12))
    assert grid.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, cell)
    assert not grid.canDropMimeData(QMimeData(), Qt.DropAction.MoveAction, -1, -1, cell)
    assert grid.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, cell)
    assert post_time(cal, "post") == datetime(2027, 3, 12, 10, 0)
    moved = [e for e in grid.buckets[date(2027, 3, 12)] if e.title == "Future post"]
    assert moved, "the grid shows the item on its new day"
    cal.view.actions_.undo.trigger()
    assert post_time(cal, "post") == datetime(2027, 3, 10, 10, 0)
    cal.view.actions_.redo.trigger()
    assert post_time(cal, "post") == datetime(2027, 3, 12, 10, 0)


def test_undo_redo_shortcuts(cal, qtbot):
    mime = make_mime([ItemRef("post", cal.ids["post"])])
    grid = cal.view.month_model
    assert grid.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, grid.index_for(date(2027, 3, 15)))
    cal.view.month.setFocus()
    qtbot.keyClick(cal.view.month, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert post_time(cal, "post") == datetime(2027, 3, 10, 10, 0)
    qtbot.keyClick(cal.view.month, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert post_time(cal, "post") == datetime(2027, 3, 15, 10, 0)


_KEEP: list[QMimeData] = []


def drag_events(widget, pos: QPoint, mime: QMimeData, modifiers=Qt.KeyboardModifier.NoModifier):
    """Enter and drop events carrying ``mime``; the events only point at it, so it is kept alive."""
    _KEEP.append(mime)
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    enter = QDragEnterEvent(pos, actions, mime, Qt.MouseButton.LeftButton, modifiers)
    drop = QDropEvent(QPointF(pos), actions, mime, Qt.MouseButton.LeftButton, modifiers)
    return enter, drop


def send_drop(widget, pos: QPoint, mime: QMimeData, modifiers=Qt.KeyboardModifier.NoModifier) -> QDropEvent:
    """Enter then drop, as a real drag does (Qt delivers no drop to a widget the drag never entered)."""
    enter, drop = drag_events(widget, pos, mime, modifiers)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, drop)
    return drop


def test_event_level_drop_on_month_cell(cal):
    month = cal.view.month
    position = cal.view.month_model.days.index(date(2027, 3, 18))
    pos = month.cell_rect(position // 7, position % 7).center()
    enter, drop = drag_events(month, pos, make_mime([ItemRef("post", cal.ids["post"])]))
    QApplication.sendEvent(month, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(month, drop)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.MoveAction
    assert post_time(cal, "post") == datetime(2027, 3, 18, 10, 0)
    junk = QMimeData()
    junk.setData(MIME_TYPE, b"not json")
    enter, _ = drag_events(month, pos, junk)
    QApplication.sendEvent(month, enter)
    assert not enter.isAccepted()


def test_ctrl_drop_duplicates_and_undo_removes_the_copy(cal):
    month = cal.view.month
    position = cal.view.month_model.days.index(date(2027, 3, 20))
    pos = month.cell_rect(position // 7, position % 7).center()
    drop = send_drop(month, pos, make_mime([ItemRef("post", cal.ids["post"])]), Qt.KeyboardModifier.ControlModifier)
    assert drop.dropAction() == Qt.DropAction.CopyAction
    with cal.db.session() as s:
        copies = s.scalars(select(Variant).where(Variant.text == "Future post", Variant.id != cal.ids["post"])).all()
        assert len(copies) == 1 and local(copies[0].scheduled_at) == datetime(2027, 3, 20, 10, 0)
        copy_id = copies[0].id
    assert post_time(cal, "post") == datetime(2027, 3, 10, 10, 0), "the original stays"
    cal.view.undo_stack.undo()
    with cal.db.session() as s:
        assert s.get(Variant, copy_id).deleted_at is not None
    cal.view.undo_stack.redo()
    with cal.db.session() as s:
        assert s.get(Variant, copy_id).deleted_at is None


def test_event_level_drop_on_week_slot_snaps_to_quarter_hour(cal):
    view = cal.view
    view.set_mode("week")
    body = view.week.body
    index = view.week_model.index_for(datetime(2027, 3, 11, 14, 15))
    rect = body.slot_rect(index)
    pos = QPoint(rect.center().x(), rect.top() + 5)  # inside the 14:15 slot, not on its edge
    enter, drop = drag_events(body, pos, make_mime([ItemRef("post", cal.ids["post"]),
                                                     ItemRef("post", cal.ids["second"])]))
    QApplication.sendEvent(body, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(body, drop)
    assert post_time(cal, "post") == datetime(2027, 3, 11, 14, 15)
    assert post_time(cal, "second") == datetime(2027, 3, 11, 20, 15), "the selection keeps its spacing"
    assert view.undo_stack.count() == 1, "one drop, one undo step"


def test_backlog_items_drop_onto_the_calendar(cal):
    view = cal.view
    model = view.backlog.model
    rows = [i for i, item in enumerate(model.items) if item.title in ("Backlog article", "Loose post")]
    mime = model.mimeData([model.index(r) for r in rows])
    grid = view.month_model
    assert grid.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, grid.index_for(date(2027, 3, 24)))
    with cal.db.session() as s:
        article = s.get(Article, cal.ids["idea"])
        post = s.get(Variant, cal.ids["loose"])
        times = sorted([local(article.publish_at), local(post.scheduled_at)])
        assert times == [datetime(2027, 3, 24, 9, 0), datetime(2027, 3, 24, 9, 30)]
        assert article.status == post.status == "scheduled"
    assert not [i for i in model.items if i.title in ("Backlog article", "Loose post")]
    view.undo_stack.undo()
    assert {i.title for i in model.items} >= {"Backlog article", "Loose post"}


def test_published_item_cannot_move(cal, qtbot):
    grid = cal.view.month_model
    mime = make_mime([ItemRef("post", cal.ids["published"])])
    with qtbot.waitSignal(cal.built.studio.statusMessageRequested) as signal:
        assert not grid.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, grid.index_for(date(2027, 3, 16)))
    assert "cannot be moved" in signal.args[0]
    assert post_time(cal, "published") == datetime(2027, 3, 9, 8, 0)


def test_dropping_in_the_past_asks_first(cal, questions):
    asked, answer = questions
    from PySide6.QtWidgets import QMessageBox

    cal.view.go_to(date(2020, 1, 1))
    grid = cal.view.month_model
    mime = make_mime([ItemRef("post", cal.ids["post"])])
    answer["value"] = QMessageBox.StandardButton.No
    assert not grid.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, grid.index_for(date(2020, 1, 8)))
    assert len(asked) == 1 and "Future post" in asked[0]
    assert post_time(cal, "post") == datetime(2027, 3, 10, 10, 0)
    answer["value"] = QMessageBox.StandardButton.Yes
    assert grid.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, grid.index_for(date(2020, 1, 8)))
    assert post_time(cal, "post") == datetime(2020, 1, 8, 10, 0)


def test_dst_nine_oclock_stays_nine_across_october_25(cal):
    view = cal.view
    view.go_to(date(2026, 10, 1))
    month = view.month
    position = view.month_model.days.index(date(2026, 10, 27))
    send_drop(month, month.cell_rect(position // 7, position % 7).center(), make_mime([ItemRef("post", cal.ids["dst"])]))
    with cal.db.session() as s:
        stored = s.get(Variant, cal.ids["dst"]).scheduled_at
    assert stored.hour == 8 and local(stored) == datetime(2026, 10, 27, 9, 0), "UTC changes, local time does not"
    shown = next(e for e in view.month_model.buckets[date(2026, 10, 27)] if e.title == "Autumn post")
    from cmstudio.calendar.style import time_text

    assert time_text(shown, "Europe/Paris") == "09:00"
    view.undo_stack.undo()
    assert post_time(cal, "dst") == datetime(2026, 10, 23, 9, 0)
