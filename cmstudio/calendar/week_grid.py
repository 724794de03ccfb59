"""The week view: an all-day strip (reference days, spans) over 24 hours cut in 15-minute slots."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QLocale, QModelIndex, QPoint, QRect, Qt, QTime
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from cmstudio.calendar.grid_base import GridBase
from cmstudio.calendar.models import SLOT_MINUTES, CalendarGridModel
from cmstudio.core.agenda_rows import AgendaRow
from cmstudio.core.timezones import get_zone, to_local

GUTTER = 56
HOUR_HEIGHT = 48
SLOT_HEIGHT = HOUR_HEIGHT * SLOT_MINUTES // 60


def _is_timed(entry: AgendaRow) -> bool:
    return not entry.is_span


def lay_out_lanes(items: list[tuple[int, int, AgendaRow]]) -> list[tuple[int, int, int, int, AgendaRow]]:
    """Side-by-side lanes for overlapping items: ``(top, bottom, lane, lanes, row)`` per item.

    Items come sorted by start. Each takes the first lane free at its top. Items linked by
    overlaps form a group whose members all share its number of lanes, so no chip ever covers
    another; an item overlapping nothing has the whole column.
    """
    placed: list[tuple[int, int, int, int, AgendaRow]] = []
    lane_ends: list[int] = []
    group: list[int] = []  # indexes in ``placed`` of the current group
    group_bottom = -1

    def close_group() -> None:
        lanes = 1 + max(placed[i][2] for i in group)
        for i in group:
            top, bottom, lane, _n, row = placed[i]
            placed[i] = (top, bottom, lane, lanes, row)

    for top, bottom, row in items:
        if group and top >= group_bottom:
            close_group()
            group, lane_ends = [], []
        lane = next((n for n, end in enumerate(lane_ends) if end <= top), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(bottom)
        else:
            lane_ends[lane] = bottom
        group.append(len(placed))
        group_bottom = max(group_bottom, bottom) if len(group) > 1 else bottom
        placed.append((top, bottom, lane, 1, row))
    if group:
        close_group()
    return placed


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

    def day_rect(self, position: int) -> QRect:
        return self.column_rect(position)

    def layout_day(self, position: int, day: date) -> list[tuple[QRect, AgendaRow]]:
        chips = []
        rect = self.column_rect(position)
        top = 44
        for entry in self.model.buckets.get(day, []):
            if not entry.is_span:
                continue
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
            painter.fillRect(rect.left(), 0, 1, rect.height(), line)
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
        painter.fillRect(0, self.height() - 1, self.width(), 1, line)
        self.paint_chips(painter, event.rect())
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
        self._background_key: tuple | None = None
        self._background_pixmap: QPixmap | None = None

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

    def y_for(self, entry: AgendaRow) -> int:
        local = to_local(entry.start, self.model.zone_name)
        return round((local.hour * 60 + local.minute) * HOUR_HEIGHT / 60)

    def day_rect(self, position: int) -> QRect:
        return self.column_rect(position)

    def layout_day(self, position: int, day: date) -> list[tuple[QRect, AgendaRow]]:
        """Timed items starting that day, side by side where they overlap."""
        zone = get_zone(self.model.zone_name)
        scale = HOUR_HEIGHT / 60
        least = self.CHIP_HEIGHT + 2
        rect = self.column_rect(position)
        timed = []
        for row in self.model.buckets.get(day, []):
            if row.is_span:
                continue
            local = row.start.astimezone(zone)
            if local.date() != day:
                continue
            top = round((local.hour * 60 + local.minute) * scale)
            minutes = (row.end - row.start).total_seconds() / 60 if row.end else 30
            timed.append((top, top + max(least, round(minutes * scale)), row))
        timed.sort(key=lambda item: (item[2].start, item[2].id))
        chips = []
        for top, bottom, lane, lanes, row in lay_out_lanes(timed):
            width = (rect.width() - 6) / lanes
            left = round(rect.left() + 3 + lane * width)
            chips.append((QRect(left, top + 1, max(12, round(width) - 2), bottom - top - 2), row))
        return chips

    def _background(self) -> QPixmap:
        """Hour lines, quarter lines, hour labels and weekend shading, kept for a size and look."""
        weekends = tuple(column for column, day in enumerate(self.model.days) if day.weekday() >= 5)
        key = (self.size().toTuple(), self.palette().cacheKey(), self.devicePixelRatioF(), weekends,
               QLocale().name(), self.font().key())
        if self._background_key == key and self._background_pixmap is not None:
            return self._background_pixmap
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        palette = self.palette()
        painter = QPainter(pixmap)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        hour_line = QColor(palette.color(QPalette.ColorRole.Mid))
        hour_line.setAlpha(120)
        quarter = QColor(hour_line)
        quarter.setAlpha(40)
        for column in range(len(self.model.days)):
            rect = self.column_rect(column)
            if column in weekends:
                painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
            # Thin lines as 1-pixel rectangles: a translucent cosmetic pen is far slower.
            painter.fillRect(rect.left(), rect.top(), 1, rect.height(), hour_line)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.82)
        painter.setFont(small)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        locale = QLocale()
        for slot in range(96):
            y = slot * SLOT_HEIGHT
            painter.fillRect(GUTTER, y, self.width() - GUTTER, 1, hour_line if slot % 4 == 0 else quarter)
            if slot % 4 == 0 and slot:
                label = locale.toString(QTime(slot // 4, 0), QLocale.FormatType.ShortFormat)
                painter.drawText(
                    QRect(0, y - 8, GUTTER - 8, 16),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
        painter.end()
        self._background_key, self._background_pixmap = key, pixmap
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        exposed = event.rect()
        painter.drawPixmap(0, 0, self._background())  # clipped to the exposed region by Qt
        if self.now_local is not None and self.now_local.date() in self.model.days:
            column = self.column_rect(self.model.days.index(self.now_local.date()))
            y = round((self.now_local.hour * 60 + self.now_local.minute) * HOUR_HEIGHT / 60)
            painter.fillRect(column.left(), y, column.width(), 2, QColor("#e5484d"))
        self.paint_chips(painter, exposed)
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
