"""The month view: six weeks of days, each with its reference days, spans and timed items."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QLocale, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QPalette

from cmstudio.calendar.grid_base import GridBase
from cmstudio.calendar.models import CalendarGridModel
from cmstudio.core.calendar_types import CalendarEntry

HEADER = 30
DAY_LABEL = 24
GAP = 2


class MonthGrid(GridBase):
    """Six rows of seven days; a drop on a day keeps each item's local time of day."""

    def __init__(self, model: CalendarGridModel, parent=None) -> None:
        super().__init__(model, parent)
        self.setObjectName("calendarMonthGrid")
        self.setAccessibleName(self.tr("Month grid"))
        self.month = date.today().month
        self.today = date.today()
        self.first_weekday = 0
        self.overflow: dict[date, int] = {}

    # -- geometry ---------------------------------------------------------------------------
    def cell_rect(self, row: int, column: int) -> QRect:
        width = self.width() / 7
        height = (self.height() - HEADER) / 6
        left, top = round(column * width), round(HEADER + row * height)
        return QRect(left, top, round((column + 1) * width) - left, round(HEADER + (row + 1) * height) - top)

    def drop_index_at(self, pos: QPoint) -> QModelIndex:
        if not self.model.days or pos.y() < HEADER or not self.rect().contains(pos):
            return QModelIndex()
        column = min(6, int(pos.x() / (self.width() / 7)))
        row = min(5, int((pos.y() - HEADER) / ((self.height() - HEADER) / 6)))
        return self.model.index(row, column)

    def target_rect(self, index: QModelIndex) -> QRect | None:
        return self.cell_rect(index.row(), index.column()) if index.isValid() else None

    @staticmethod
    def _is_span(entry: CalendarEntry) -> bool:
        return entry.all_day or (entry.end is not None and entry.end - entry.start >= timedelta(hours=20))

    def layout_chips(self) -> list[tuple[QRect, CalendarEntry]]:
        chips: list[tuple[QRect, CalendarEntry]] = []
        self.overflow = {}
        if not self.model.days:
            return chips
        for position, day in enumerate(self.model.days):
            cell = self.cell_rect(position // 7, position % 7)
            entries = self.model.buckets.get(day, [])
            ordered = sorted(entries, key=lambda e: (e.kind != "reference", not self._is_span(e)))
            top = cell.top() + DAY_LABEL
            room = cell.bottom() - 4
            for number, entry in enumerate(ordered):
                height = 16 if entry.kind == "reference" else self.CHIP_HEIGHT
                left_over = len(ordered) - number
                if top + height > room or (left_over > 1 and top + height + 16 > room):
                    self.overflow[day] = left_over
                    break
                chips.append((QRect(cell.left() + 4, top, cell.width() - 8, height), entry))
                top += height + GAP
        return chips

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        text = palette.color(QPalette.ColorRole.Text)
        line = QColor(palette.color(QPalette.ColorRole.Mid))
        line.setAlpha(130)
        locale = QLocale()
        header_font = QFont(self.font())
        header_font.setPointSizeF(header_font.pointSizeF() * 0.9)
        painter.setFont(header_font)
        painter.setPen(muted)
        for column in range(7):
            weekday = (self.first_weekday + column) % 7 + 1
            rect = self.cell_rect(0, column)
            painter.drawText(
                QRect(rect.left() + 10, 0, rect.width() - 10, HEADER),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                locale.dayName(weekday, QLocale.FormatType.ShortFormat).rstrip(".").capitalize(),
            )
        chips = self.chips()
        for position, day in enumerate(self.model.days):
            row, column = divmod(position, 7)
            cell = self.cell_rect(row, column)
            if day.weekday() >= 5:
                painter.fillRect(cell, palette.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(line)
            painter.drawLine(cell.topLeft(), cell.topRight())
            if column:
                painter.drawLine(cell.topLeft(), cell.bottomLeft())
            self._paint_day_label(painter, cell, day, text, muted)
            if day == self.current_day and self.hasFocus():
                pen = QColor(palette.color(QPalette.ColorRole.Highlight))
                painter.setPen(pen)
                painter.drawRect(cell.adjusted(1, 1, -2, -2))
            if day in self.overflow:
                painter.setFont(header_font)
                painter.setPen(muted)
                painter.drawText(
                    QRect(cell.left() + 8, cell.bottom() - 18, cell.width() - 12, 16),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    self.tr("+%1 more").replace("%1", str(self.overflow[day])),
                )
        for rect, entry in chips:
            self.paint_chip(painter, rect, entry)
        self.paint_drop_target(painter)
        painter.end()

    def _paint_day_label(
        self, painter: QPainter, cell: QRect, day: date, text: QColor, muted: QColor
    ) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.92)
        label = str(day.day) if day.day != 1 else QLocale().toString(day, "d MMM")
        rect = QRect(cell.left() + 6, cell.top() + 3, cell.width() - 12, DAY_LABEL - 4)
        if day == self.today:
            font.setBold(True)
            painter.setFont(font)
            width = max(painter.fontMetrics().horizontalAdvance(label) + 10, 20)
            badge = QRect(rect.left(), rect.top(), width, rect.height())
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.palette().color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
            painter.restore()
            return
        painter.setFont(font)
        painter.setPen(text if day.month == self.month else muted)
        painter.drawText(
            rect.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label
        )

    # -- keyboard ---------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        key = Qt.Key(event.key())
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key in steps and alt and self.selected:
            self.moveRequested.emit(steps[key])
            return
        if key in steps and self.model.days:
            day = (self.current_day or self.today) + timedelta(days=steps[key])
            self.current_day = day
            if day not in self.model.days or day.month != self.month:
                self.navigateRequested.emit(day)
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_day is not None:
            self.dayActivated.emit(self.current_day)
            return
        super().keyPressEvent(event)
