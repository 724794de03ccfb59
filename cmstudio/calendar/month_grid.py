"""The month view: six weeks of days, each with its reference days, spans and timed items."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QLocale, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QPalette, QPixmap

from cmstudio.calendar.grid_base import GridBase
from cmstudio.calendar.models import CalendarGridModel
from cmstudio.core.agenda_rows import AgendaRow

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
        self._background_key: tuple | None = None
        self._cells_size: tuple[int, int] | None = None
        self._cells: list[QRect] = []
        self._background_pixmap: QPixmap | None = None
        self._fonts_key: str | None = None
        self._fonts: tuple[QFont, QFont, QFont]

    # -- geometry ---------------------------------------------------------------------------
    def cell_rect(self, row: int, column: int) -> QRect:
        size = (self.width(), self.height())
        if self._cells_size != size:
            width = size[0] / 7
            height = (size[1] - HEADER) / 6
            self._cells = [
                QRect(
                    round(c * width),
                    round(HEADER + r * height),
                    round((c + 1) * width) - round(c * width),
                    round(HEADER + (r + 1) * height) - round(HEADER + r * height),
                )
                for r in range(6)
                for c in range(7)
            ]
            self._cells_size = size
        return QRect(self._cells[row * 7 + column])

    def drop_index_at(self, pos: QPoint) -> QModelIndex:
        if not self.model.days or pos.y() < HEADER or not self.rect().contains(pos):
            return QModelIndex()
        column = min(6, int(pos.x() / (self.width() / 7)))
        row = min(5, int((pos.y() - HEADER) / ((self.height() - HEADER) / 6)))
        return self.model.index(row, column)

    def target_rect(self, index: QModelIndex) -> QRect | None:
        return self.cell_rect(index.row(), index.column()) if index.isValid() else None

    def day_rect(self, position: int) -> QRect:
        return self.cell_rect(position // 7, position % 7)

    def layout_chips(self) -> list[tuple[QRect, AgendaRow]]:
        self.overflow = {}
        return super().layout_chips()

    def layout_day(self, position: int, day: date) -> list[tuple[QRect, AgendaRow]]:
        """The day's rows in their cached order (reference days, spans, then by time) until the cell is full."""
        self.overflow.pop(day, None)
        ordered = self.model.buckets.get(day)
        if not ordered:
            return []
        chips: list[tuple[QRect, AgendaRow]] = []
        cell = self.cell_rect(position // 7, position % 7)
        top = cell.top() + DAY_LABEL
        room = cell.bottom() - 4
        left, width = cell.left() + 4, cell.width() - 8
        count = len(ordered)
        for number, entry in enumerate(ordered):
            height = 16 if entry.kind == "reference" else self.CHIP_HEIGHT
            left_over = count - number
            if top + height > room or (left_over > 1 and top + height + 16 > room):
                self.overflow[day] = left_over
                break
            chips.append((QRect(left, top, width, height), entry))
            top += height + GAP
        return chips

    # -- painting ---------------------------------------------------------------------------
    def _background(self) -> QPixmap:
        """Header, lines and weekend shading: the same for every month at a given size and look."""
        weekends = tuple(column for column, day in enumerate(self.model.days[:7]) if day.weekday() >= 5)
        key = (self.size().toTuple(), self.palette().cacheKey(), self.devicePixelRatioF(), weekends,
               self.first_weekday, QLocale().name(), self.font().key())
        if self._background_key == key and self._background_pixmap is not None:
            return self._background_pixmap
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        palette = self.palette()
        painter = QPainter(pixmap)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        line = QColor(palette.color(QPalette.ColorRole.Mid))
        line.setAlpha(130)
        locale = QLocale()
        painter.setFont(self._label_fonts()[0])
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        for column in range(7):
            weekday = (self.first_weekday + column) % 7 + 1
            rect = self.cell_rect(0, column)
            painter.drawText(
                QRect(rect.left() + 10, 0, rect.width() - 10, HEADER),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                locale.dayName(weekday, QLocale.FormatType.ShortFormat).rstrip(".").capitalize(),
            )
        if self.model.days:
            for row in range(6):
                for column in range(7):
                    cell = self.cell_rect(row, column)
                    if column in weekends:
                        painter.fillRect(cell, palette.color(QPalette.ColorRole.AlternateBase))
                    # Thin lines as 1-pixel rectangles: a translucent cosmetic pen is far slower.
                    painter.fillRect(cell.left(), cell.top(), cell.width(), 1, line)
                    if column:
                        painter.fillRect(cell.left(), cell.top(), 1, cell.height(), line)
        painter.end()
        self._background_key, self._background_pixmap = key, pixmap
        return pixmap

    def _label_fonts(self) -> tuple[QFont, QFont, QFont]:
        """Header, day-number and today's (bold) fonts."""
        key = self.font().key()
        if self._fonts_key != key:
            header = QFont(self.font())
            header.setPointSizeF(header.pointSizeF() * 0.9)
            number = QFont(self.font())
            number.setPointSizeF(number.pointSizeF() * 0.92)
            bold = QFont(number)
            bold.setBold(True)
            self._fonts_key, self._fonts = key, (header, number, bold)
        return self._fonts

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._background())  # clipped to the exposed region by Qt
        palette = self.palette()
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        text = palette.color(QPalette.ColorRole.Text)
        header_font, number_font, _bold = self._label_fonts()
        chips = self.chips()
        more = self.tr("+%1 more")
        painter.setFont(number_font)
        exposed = event.rect()
        for position, day in enumerate(self.model.days):
            row, column = divmod(position, 7)
            cell = self.cell_rect(row, column)
            if not cell.intersects(exposed):
                continue
            self._paint_day_label(painter, cell, day, text, muted)
            if day == self.current_day and self.hasFocus():
                painter.setPen(palette.color(QPalette.ColorRole.Highlight))
                painter.drawRect(cell.adjusted(1, 1, -2, -2))
        if self.overflow:
            painter.setFont(header_font)
            painter.setPen(muted)
            for position, day in enumerate(self.model.days):
                if day in self.overflow:
                    cell = self.cell_rect(position // 7, position % 7)
                    painter.drawText(
                        QRect(cell.left() + 8, cell.bottom() - 18, cell.width() - 12, 16),
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                        more.replace("%1", str(self.overflow[day])),
                    )
        if chips:
            self.paint_chips(painter, exposed)
        self.paint_drop_target(painter)
        painter.end()

    def _paint_day_label(
        self, painter: QPainter, cell: QRect, day: date, text: QColor, muted: QColor
    ) -> None:
        label = str(day.day) if day.day != 1 else QLocale().toString(day, "d MMM")
        rect = QRect(cell.left() + 6, cell.top() + 3, cell.width() - 12, DAY_LABEL - 4)
        if day == self.today:
            bold = self._label_fonts()[2]
            painter.save()
            painter.setFont(bold)
            width = max(painter.fontMetrics().horizontalAdvance(label) + 10, 20)
            badge = QRect(rect.left(), rect.top(), width, rect.height())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.palette().color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
            painter.restore()
            return
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
