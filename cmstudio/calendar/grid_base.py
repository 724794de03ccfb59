"""What the month and week grids share: chip painting, selection, dragging out and dropping in.

The grids paint their items themselves (a month of a busy workspace holds thousands of items;
one widget per item would be slow) and keep the rectangles they laid out for hit testing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QMouseEvent,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from cmstudio.calendar import style
from cmstudio.calendar.mime import make_mime
from cmstudio.calendar.models import CalendarGridModel, movable
from cmstudio.core.agenda import ref_of
from cmstudio.core.calendar_types import CalendarEntry
from cmstudio.ui.theme import is_dark

Key = tuple[str, str]


def entry_key(entry: CalendarEntry) -> Key:
    return entry.kind, entry.id


class GridBase(QWidget):
    """A painted calendar grid whose items can be selected, dragged and dropped on."""

    selectionChanged = Signal()
    dayActivated = Signal(object)  # a date: open that day in the week view
    entryActivated = Signal(object)  # a CalendarEntry, double-clicked
    navigateRequested = Signal(object)  # a date outside the shown period, reached by keyboard
    moveRequested = Signal(int)  # keyboard move of the selection by N days

    CHIP_HEIGHT = 20

    def __init__(self, model: CalendarGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.selected: set[Key] = set()
        self.conflicts: set[str] = set()
        self.by_network = False
        self.current_day: date | None = None
        self._chips: list[tuple[QRect, CalendarEntry]] = []
        self._press: QPoint | None = None
        self._drop_rect: QRect | None = None
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        model.modelReset.connect(self._on_reset)

    # -- state --------------------------------------------------------------------------------
    def set_display(self, conflicts: set[str], by_network: bool) -> None:
        self.conflicts, self.by_network = conflicts, by_network
        self.update()

    def _on_reset(self) -> None:
        self.invalidate()

    def invalidate(self) -> None:
        self._chips = []
        self.update()

    def selected_entries(self) -> list[CalendarEntry]:
        seen: dict[Key, CalendarEntry] = {}
        for entries in self.model.buckets.values():
            for entry in entries:
                if entry_key(entry) in self.selected:
                    seen.setdefault(entry_key(entry), entry)
        return sorted(seen.values(), key=lambda e: (e.start, e.id))

    def select(self, entries: list[CalendarEntry]) -> None:
        self.selected = {entry_key(e) for e in entries}
        self.selectionChanged.emit()
        self.update()

    def layout_chips(self) -> list[tuple[QRect, CalendarEntry]]:
        """Rectangles of the visible items (subclasses lay them out)."""
        raise NotImplementedError

    def chips(self) -> list[tuple[QRect, CalendarEntry]]:
        if not self._chips:
            self._chips = self.layout_chips()
        return self._chips

    def chip_at(self, pos: QPoint) -> CalendarEntry | None:
        for rect, entry in reversed(self.chips()):
            if rect.contains(pos):
                return entry
        return None

    def chip_rect(self, entry: CalendarEntry) -> QRect | None:
        key = entry_key(entry)
        return next((rect for rect, e in self.chips() if entry_key(e) == key), None)

    def drop_index_at(self, pos: QPoint):
        raise NotImplementedError

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._chips = []
        super().resizeEvent(event)

    # -- painting -----------------------------------------------------------------------------
    def _fonts(self) -> tuple[QFont, QFont, QFont, QFont]:
        """Reference, badge, title and italic title fonts, made once per widget font."""
        key = self.font().key()
        if getattr(self, "_font_key", None) != key:
            base = self.font()
            reference = QFont(base)
            reference.setPointSizeF(base.pointSizeF() * 0.9)
            badge = QFont(base)
            badge.setPointSizeF(max(6.0, base.pointSizeF() * 0.62))
            badge.setBold(True)
            title = QFont(base)
            title.setPointSizeF(base.pointSizeF() * 0.92)
            italic = QFont(title)
            italic.setItalic(True)
            self._font_cache = (reference, badge, title, italic)
            self._font_key = key
        return self._font_cache

    def paint_chip(
        self, painter: QPainter, rect: QRect, entry: CalendarEntry, *, compact: bool = True
    ) -> None:
        palette = self.palette()
        color = style.entry_color(entry, self.by_network, palette)
        dark = is_dark()
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if rect.width() < 24:  # too narrow for text: a coloured bar says "something is here"
            painter.fillRect(rect.adjusted(0, 0, -1, 0), color)
            painter.restore()
            return
        faded = entry.status in ("idea", "draft")
        if entry.kind == "reference":
            painter.setPen(muted)
            painter.setFont(self._fonts()[0])
            painter.drawText(
                rect.adjusted(4, 0, -2, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                painter.fontMetrics().elidedText(
                    f"○ {entry.title}", Qt.TextElideMode.ElideRight, rect.width() - 6
                ),
            )
            painter.restore()
            return
        fill = QColor(color)
        fill.setAlpha(70 if dark else 38)
        if faded:
            fill.setAlpha(fill.alpha() // 2)
        body = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(body, 4, 4)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(body.left(), body.top(), 3, body.height()), 1.5, 1.5)
        if entry.kind == "post" and entry.id in self.conflicts:
            painter.setPen(QColor("#e08a00"))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(body, 4, 4)
        if entry_key(entry) in self.selected:
            pen_color = palette.color(QPalette.ColorRole.Highlight)
            painter.setPen(pen_color)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(body.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        x = rect.left() + 7
        badge_size = min(14, rect.height() - 4)
        top = rect.top() + (min(rect.height(), self.CHIP_HEIGHT) - badge_size) // 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(QRectF(x, top, badge_size, badge_size))
        painter.setFont(self._fonts()[1])
        painter.setPen(QColor("#ffffff"))
        painter.drawText(
            QRectF(x, top, badge_size, badge_size), Qt.AlignmentFlag.AlignCenter, style.badge_text(entry)
        )
        x += badge_size + 5
        line = QRect(x, rect.top(), rect.right() - x - 3, min(rect.height(), self.CHIP_HEIGHT))
        painter.setFont(self._fonts()[3] if faded else self._fonts()[2])
        metrics = painter.fontMetrics()
        when = style.time_text(entry, self.model.zone_name)
        if when and not (entry.end and entry.end.date() != entry.start.date()):
            painter.setPen(muted)
            painter.drawText(line, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, when)
            line.setLeft(line.left() + metrics.horizontalAdvance(when) + 5)
        suffix = {"published": " ✓", "failed": " !"}.get(entry.status, "")
        warn = "⚠ " if entry.kind == "post" and entry.id in self.conflicts else ""
        title = metrics.elidedText(
            f"{warn}{entry.title}{suffix}", Qt.TextElideMode.ElideRight, max(0, line.width())
        )
        painter.setPen(QColor("#d9534f") if entry.status == "failed" else (muted if faded else text_color))
        painter.drawText(line, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
        painter.restore()

    def paint_drop_target(self, painter: QPainter) -> None:
        if self._drop_rect is None:
            return
        color = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        color.setAlpha(45)
        painter.fillRect(self._drop_rect, color)
        painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
        painter.drawRect(self._drop_rect.adjusted(0, 0, -1, -1))

    # -- mouse: select and drag out -----------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        entry = self.chip_at(pos)
        ctrl = bool(
            event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        )
        if entry is not None:
            key = entry_key(entry)
            if ctrl:
                self.selected ^= {key}
            elif key not in self.selected:
                self.selected = {key}
        elif not ctrl:
            self.selected = set()
        day = self.day_at(pos)
        if day is not None:
            self.current_day = day
        self._press = pos if event.button() == Qt.MouseButton.LeftButton else None
        self.selectionChanged.emit()
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if (pos - self._press).manhattanLength() >= QApplication.startDragDistance():
                self._press = None
                self.start_drag()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        entry = self.chip_at(pos)
        if entry is not None:
            self.entryActivated.emit(entry)
            return
        day = self.day_at(pos)
        if day is not None:
            self.dayActivated.emit(day)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            entry = self.chip_at(event.pos())
            if entry is not None:
                QToolTip.showText(
                    event.globalPos(),
                    style.tooltip(
                        entry, self.model.zone_name, entry.id in self.conflicts and entry.kind == "post"
                    ),
                    self,
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def day_at(self, pos: QPoint) -> date | None:
        index = self.drop_index_at(pos)
        return self.model.day_at(index.row(), index.column()) if index.isValid() else None

    def drag_refs(self):
        return [ref for ref in (ref_of(e) for e in self.selected_entries() if movable(e)) if ref is not None]

    def start_drag(self) -> None:
        entries = [e for e in self.selected_entries() if ref_of(e) is not None]
        refs = [ref_of(e) for e in entries]
        if not refs:
            return
        drag = QDrag(self)
        drag.setMimeData(make_mime(r for r in refs if r is not None))
        rect = self.chip_rect(entries[0])
        if rect is not None:
            pixmap = QPixmap(rect.size() * self.devicePixelRatioF())
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            self.paint_chip(painter, QRect(QPoint(0, 0), rect.size()), entries[0])
            painter.end()
            drag.setPixmap(pixmap)
        drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)

    # -- drops ------------------------------------------------------------------------------
    @staticmethod
    def _action(event: QDropEvent | QDragMoveEvent) -> Qt.DropAction:
        """Ctrl held duplicates; anything else moves (the platform's proposal varies, the key does not)."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return Qt.DropAction.CopyAction
        return Qt.DropAction.MoveAction

    def _accepts(self, event: QDragMoveEvent) -> bool:
        index = self.drop_index_at(event.position().toPoint())
        action = self._action(event)
        if not self.model.canDropMimeData(event.mimeData(), action, -1, -1, index):
            self._drop_rect = None
            self.update()
            return False
        self._drop_rect = self.target_rect(index)
        self.update()
        event.setDropAction(action)
        event.accept()
        return True

    def target_rect(self, index) -> QRect | None:
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if not self._accepts(event):
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if not self._accepts(event):
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self._drop_rect = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self._drop_rect = None
        index = self.drop_index_at(event.position().toPoint())
        action = self._action(event)
        if self.model.dropMimeData(event.mimeData(), action, -1, -1, index):
            event.setDropAction(action)
            event.accept()
        else:
            event.ignore()
        self.update()
