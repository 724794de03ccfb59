"""What the month and week grids share: chip painting, selection, dragging out and dropping in.

The grids paint their items themselves (a month of a busy workspace holds thousands of items;
one widget per item would be slow) and keep the rectangles they laid out for hit testing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from cmstudio.calendar import style
from cmstudio.calendar.chips import ChipCache, ChipPainter
from cmstudio.calendar.mime import make_mime
from cmstudio.calendar.models import CalendarGridModel, movable
from cmstudio.core.agenda import ref_of
from cmstudio.core.agenda_rows import AgendaRow

Key = tuple[str, str]


def entry_key(entry: AgendaRow) -> Key:
    return entry.kind, entry.id


class GridBase(QWidget):
    """A painted calendar grid whose items can be selected, dragged and dropped on."""

    selectionChanged = Signal()
    dayActivated = Signal(object)  # a date: open that day in the week view
    entryActivated = Signal(object)  # a AgendaRow, double-clicked
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
        self._chips: list[tuple[QRect, AgendaRow]] | None = None
        self._by_day: dict[date, list[tuple[QRect, AgendaRow]]] = {}
        self._press: QPoint | None = None
        self._drop_rect: QRect | None = None
        self._chip_cache = ChipCache()
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
        self._chips = None
        self.update()

    def refresh_days(self, days: set[date], conflicts: set[str]) -> None:
        """Some days' items changed (a drop): lay out and repaint only their cells."""
        changed_flags = conflicts ^ self.conflicts
        self.conflicts = conflicts
        if self._chips is None:
            self.update()
            return
        wanted = set(days)
        if changed_flags:
            wanted.update(day for day, chips in self._by_day.items() if any(e.id in changed_flags for _r, e in chips))
        for position, day in enumerate(self.model.days):
            if day in wanted:
                self._by_day[day] = self.layout_day(position, day)
                self.update(self.day_rect(position))
        self._chips = [chip for day in self.model.days for chip in self._by_day.get(day, ())]

    def selected_entries(self) -> list[AgendaRow]:
        seen: dict[Key, AgendaRow] = {}
        for entries in self.model.buckets.values():
            for entry in entries:
                if entry_key(entry) in self.selected:
                    seen.setdefault(entry_key(entry), entry)
        return sorted(seen.values(), key=lambda e: (e.start, e.id))

    def select(self, entries: list[AgendaRow]) -> None:
        self.selected = {entry_key(e) for e in entries}
        self.selectionChanged.emit()
        self.update()

    def layout_day(self, position: int, day: date) -> list[tuple[QRect, AgendaRow]]:
        """Rectangles of one day's visible items (subclasses lay them out)."""
        raise NotImplementedError

    def day_rect(self, position: int) -> QRect:
        """The area repainted when one day's items change."""
        raise NotImplementedError

    def layout_chips(self) -> list[tuple[QRect, AgendaRow]]:
        self._by_day = {day: self.layout_day(n, day) for n, day in enumerate(self.model.days)}
        return [chip for day in self.model.days for chip in self._by_day[day]]

    def chips(self) -> list[tuple[QRect, AgendaRow]]:
        if self._chips is None:
            self._chips = self.layout_chips()
        return self._chips

    def chip_at(self, pos: QPoint) -> AgendaRow | None:
        for rect, entry in reversed(self.chips()):
            if rect.contains(pos):
                return entry
        return None

    def chip_rect(self, entry: AgendaRow) -> QRect | None:
        key = entry_key(entry)
        return next((rect for rect, e in self.chips() if entry_key(e) == key), None)

    def drop_index_at(self, pos: QPoint):
        raise NotImplementedError

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._chips = None
        super().resizeEvent(event)

    # -- painting -----------------------------------------------------------------------------
    def chip_painter(self) -> ChipPainter:
        return ChipPainter(
            self, self._chip_cache, zone_name=self.model.zone_name, by_network=self.by_network
        )

    def paint_chips(self, painter: QPainter, exposed: QRect | None = None) -> None:
        """Paint the laid-out chips (those crossing ``exposed`` when given)."""
        chips = self.chips()
        if not chips:
            return
        chip = self.chip_painter()
        selected, conflicts, line = self.selected, self.conflicts, self.CHIP_HEIGHT
        for rect, entry in chips:
            if exposed is not None and not rect.intersects(exposed):
                continue
            chip.paint(
                painter,
                rect,
                entry,
                selected=(entry.kind, entry.id) in selected,
                conflict=entry.kind == "post" and entry.id in conflicts,
                line_height=line,
            )

    def paint_chip(self, painter: QPainter, rect: QRect, entry: AgendaRow, *, compact: bool = True) -> None:
        self.chip_painter().paint(
            painter,
            rect,
            entry,
            selected=entry_key(entry) in self.selected,
            conflict=entry.kind == "post" and entry.id in self.conflicts,
            line_height=self.CHIP_HEIGHT,
        )

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
