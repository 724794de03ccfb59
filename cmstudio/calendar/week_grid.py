"""The week view: an all-day strip (reference days, spans) over 24 hours cut in 15-minute slots."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QLocale, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from cmstudio.calendar.grid_base import GridBase
from cmstudio.calendar.models import SLOT_MINUTES, CalendarGridModel
from cmstudio.core.calendar_types import CalendarEntry
from cmstudio.core.timezones import to_local

GUTTER = 56
HOUR_HEIGHT = 48
SLOT_HEIGHT = HOUR_HEIGHT * SLOT_MINUTES // 60


def _is_timed(entry: CalendarEntry) -> bool:
    return not entry.all_day and (entry.end is None or entry.end - entry.start < timedelta(hours=20))


class WeekHeader(GridBase):
    """Day names and the items without a time slot; a drop here keeps the items' time of day."""

    def __init__(self, model: CalendarGridModel, parent=None) -> None:
        super().__init__(model, parent)
        self.setObjectName("calendarWeekHeader")
        self.setAccessibleName(self.tr("Week days and all-day items"))
        self.today = date.today()
        self.setMinimumHeight(72)

    def column_rect(self, column: int) -> QRect:
        width = (self.width() - GUTTER) / 7
        left = round(GUTTER + column * width)
        return QRect(left, 0, round(GUTTER + (column + 1) * width) - left, self.height())

    def drop_index_at(self, pos: QPoint) -> QModelIndex:
        if not self.model.days or pos.x() < GUTTER or not self.rect().contains(pos):
            return QModelIndex()
        return self.model.index(0, min(6, int((pos.x() - GUTTER) / ((self.width() - GUTTER) / 7))))

    def target_rect(self, index: QModelIndex) -> QRect | None:
        return self.column_rect(index.column()) if index.isValid() else None

    def wanted_height(self) -> int:
        most = max(
            (sum(1 for e in self.model.buckets.get(d, []) if not _is_timed(e)) for d in self.model.days),
            default=0,
        )
        return 44 + min(most, 5) * (self.CHIP_HEIGHT + 2) + 6

    def layout_chips(self) -> list[tuple[QRect, CalendarEntry]]:
        chips = []
        for column, day in enumerate(self.model.days):
            rect = self.column_rect(column)
            top = 44
            for entry in (e for e in self.model.buckets.get(day, []) if not _is_timed(e)):
                if top + self.CHIP_HEIGHT > self.height():
                    break
                chips.append((QRect(rect.left() + 3, top, rect.width() - 6, self.CHIP_HEIGHT), entry))
                top += self.CHIP_HEIGHT + 2
        return chips

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        line = QColor(palette.color(QPalette.ColorRole.Mid))
        line.setAlpha(130)
        locale = QLocale()
        for column, day in enumerate(self.model.days):
            rect = self.column_rect(column)
            painter.setPen(line)
            painter.drawLine(rect.topLeft(), rect.bottomLeft())
            name = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat).rstrip(".").capitalize()
            small = QFont(self.font())
            small.setPointSizeF(small.pointSizeF() * 0.85)
            painter.setFont(small)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRect(rect.left() + 8, 4, rect.width() - 8, 16), Qt.AlignmentFlag.AlignLeft, name
            )
            big = QFont(self.font())
            big.setPointSizeF(big.pointSizeF() * 1.35)
            big.setBold(day == self.today)
            painter.setFont(big)
            painter.setPen(
                palette.color(QPalette.ColorRole.Highlight)
                if day == self.today
                else palette.color(QPalette.ColorRole.Text)
            )
            painter.drawText(
                QRect(rect.left() + 8, 18, rect.width() - 8, 24), Qt.AlignmentFlag.AlignLeft, str(day.day)
            )
        painter.setPen(line)
        painter.drawLine(self.rect().bottomLeft(), self.rect().bottomRight())
        for rect, entry in self.chips():
            self.paint_chip(painter, rect, entry)
        self.paint_drop_target(painter)
        painter.end()


class WeekBody(GridBase):
    """24 hours × 7 days; a drop snaps the first item to the 15-minute slot under the pointer."""

    def __init__(self, model: CalendarGridModel, parent=None) -> None:
        super().__init__(model, parent)
        self.setObjectName("calendarWeekGrid")
        self.setAccessibleName(self.tr("Week grid, 15-minute slots"))
        self.setMinimumHeight(24 * HOUR_HEIGHT)
        self.today = date.today()
        self.now_local: datetime | None = None

    def column_rect(self, column: int) -> QRect:
        width = (self.width() - GUTTER) / 7
        left = round(GUTTER + column * width)
        return QRect(left, 0, round(GUTTER + (column + 1) * width) - left, 24 * HOUR_HEIGHT)

    def drop_index_at(self, pos: QPoint) -> QModelIndex:
        if not self.model.days or pos.x() < GUTTER or not self.rect().contains(pos):
            return QModelIndex()
        column = min(6, int((pos.x() - GUTTER) / ((self.width() - GUTTER) / 7)))
        return self.model.index(min(95, max(0, pos.y() // SLOT_HEIGHT)), column)

    def slot_rect(self, index: QModelIndex) -> QRect:
        column = self.column_rect(index.column())
        return QRect(column.left(), index.row() * SLOT_HEIGHT, column.width(), SLOT_HEIGHT * 2)

    def target_rect(self, index: QModelIndex) -> QRect | None:
        return self.slot_rect(index) if index.isValid() else None

    def y_for(self, entry: CalendarEntry) -> int:
        local = to_local(entry.start, self.model.zone_name)
        return round((local.hour * 60 + local.minute) * HOUR_HEIGHT / 60)

    def layout_chips(self) -> list[tuple[QRect, CalendarEntry]]:
        chips = []
        for column, day in enumerate(self.model.days):
            rect = self.column_rect(column)
            timed = [
                e
                for e in self.model.buckets.get(day, [])
                if _is_timed(e) and to_local(e.start, self.model.zone_name).date() == day
            ]
            placed: list[tuple[int, int, int, CalendarEntry]] = []  # top, bottom, lane, entry
            for entry in sorted(timed, key=lambda e: (e.start, e.id)):
                top = self.y_for(entry)
                minutes = (entry.end - entry.start).total_seconds() / 60 if entry.end else 30
                bottom = top + max(self.CHIP_HEIGHT + 2, round(minutes * HOUR_HEIGHT / 60))
                busy = {lane for t, b, lane, _ in placed if t < bottom and b > top}
                lane = next(n for n in range(len(busy) + 1) if n not in busy)
                placed.append((top, bottom, lane, entry))
            for top, bottom, lane, entry in placed:
                lanes = 1 + max(ln for t, b, ln, _ in placed if t < bottom and b > top)
                width = (rect.width() - 6) / lanes
                left = round(rect.left() + 3 + lane * width)
                chips.append((QRect(left, top + 1, max(12, round(width) - 2), bottom - top - 2), entry))
        return chips

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        hour_line = QColor(palette.color(QPalette.ColorRole.Mid))
        hour_line.setAlpha(120)
        quarter = QColor(hour_line)
        quarter.setAlpha(40)
        for column, day in enumerate(self.model.days):
            rect = self.column_rect(column)
            if day.weekday() >= 5:
                painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(hour_line)
            painter.drawLine(rect.topLeft(), rect.bottomLeft())
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.82)
        painter.setFont(small)
        locale = QLocale()
        from PySide6.QtCore import QTime

        for slot in range(96):
            y = slot * SLOT_HEIGHT
            painter.setPen(hour_line if slot % 4 == 0 else quarter)
            painter.drawLine(GUTTER, y, self.width(), y)
            if slot % 4 == 0 and slot:
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                label = locale.toString(QTime(slot // 4, 0), QLocale.FormatType.ShortFormat)
                painter.drawText(
                    QRect(0, y - 8, GUTTER - 8, 16),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
        if self.now_local is not None and self.now_local.date() in self.model.days:
            column = self.column_rect(self.model.days.index(self.now_local.date()))
            y = round((self.now_local.hour * 60 + self.now_local.minute) * HOUR_HEIGHT / 60)
            painter.setPen(QColor("#e5484d"))
            painter.drawLine(column.left(), y, column.right(), y)
        exposed = event.rect()
        for rect, entry in self.chips():
            if rect.intersects(exposed):
                self.paint_chip(painter, rect, entry)
        self.paint_drop_target(painter)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
        key = Qt.Key(event.key())
        if key in steps and event.modifiers() & Qt.KeyboardModifier.AltModifier and self.selected:
            self.moveRequested.emit(steps[key])
            return
        if key in steps and self.model.days:
            day = (self.current_day or self.today) + timedelta(days=steps[key])
            self.current_day = day
            if day not in self.model.days:
                self.navigateRequested.emit(day)
            self.update()
            return
        super().keyPressEvent(event)


class WeekView(QWidget):
    """The week header above a scrollable day of hours."""

    def __init__(self, body_model: CalendarGridModel, header_model: CalendarGridModel, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarWeekView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = WeekHeader(header_model, self)
        self.body = WeekBody(body_model, self)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("calendarWeekScroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.body)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll, 1)
        header_model.modelReset.connect(lambda: self.header.setFixedHeight(self.header.wanted_height()))

    def scroll_to_hour(self, hour: int) -> None:
        self.scroll.verticalScrollBar().setValue(hour * HOUR_HEIGHT)
