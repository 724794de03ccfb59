"""The timeline strip: a contest's (or event's) phases on a day scale, movable by dragging.

Dragging a phase snaps to whole days (its local time of day is kept); with Shift held it snaps
to 15 minutes. The keyboard does the same: Left/Right select a phase, Ctrl+Left/Right move it
one day, Ctrl+Shift+Left/Right 15 minutes. The strip only reports the wish (phaseMoveRequested);
the view moves the phase and its posts through the service, then reloads the strip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from cmstudio.contests.forms import format_moment
from cmstudio.core.contest_types import local_shift, zone

DAY = 86400.0
QUARTER = 900.0
MARGIN = 18.0
AXIS_Y = 90.0
LABEL_ROWS = (-14.0, 18.0, -30.0, 34.0)  # baseline offsets from the axis: above, below, higher, lower

# Phase kinds grouped by role, each with a hue that reads on light and dark backgrounds.
KIND_COLORS = {
    "teaser": "#8e6cc2",
    "launch": "#2f8f5b",
    "reminder_d3": "#c68a1a",
    "reminder_d1": "#c68a1a",
    "last_call": "#d0632a",
    "closing": "#b84a4a",
    "draw": "#3b6ea5",
    "announcement": "#b8860b",
    "reminder": "#c68a1a",
    "winners": "#b8860b",
    "countdown": "#7b4fb3",
    "day": "#2f8f5b",
    "thanks": "#3b6ea5",
    "event_d7": "#7b4fb3",
    "event_d1": "#7b4fb3",
    "event_day": "#2f8f5b",
    "event_thanks": "#3b6ea5",
}


@dataclass(frozen=True)
class PhaseMark:
    """What the strip shows of a phase."""

    phase_id: int
    kind: str
    title: str
    start: datetime
    end: datetime | None
    posts: int = 0


def snap_move(original: datetime, proposed: datetime, tz: str, *, fine: bool) -> datetime:
    """Where a phase dragged from *original* to *proposed* lands.

    Coarse: a whole number of days on the local calendar, same local time of day. Fine: the
    proposed local time rounded to the nearest 15 minutes.
    """
    info = zone(tz)
    if not fine:
        days = round((proposed - original).total_seconds() / DAY)
        return local_shift(original, timedelta(days=days), tz)
    local = proposed.astimezone(info).replace(tzinfo=None)
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    rounded = round(seconds / QUARTER) * QUARTER
    snapped = datetime(local.year, local.month, local.day) + timedelta(seconds=rounded)
    return snapped.replace(tzinfo=info).astimezone(UTC)


class TimelineStrip(QWidget):
    """Custom-painted strip of phases; see the module docstring for the interactions."""

    phaseMoveRequested = Signal(int, object)  # phase id, new aware UTC start
    phaseSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phaseTimeline")
        self.setAccessibleName(self.tr("Phases timeline"))
        self.setAccessibleDescription(
            self.tr(
                "Drag a phase to move it with its posts; hold Shift for 15-minute steps. "
                "Ctrl+Left or Ctrl+Right moves the selected phase by one day."
            )
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.marks: list[PhaseMark] = []
        self.tz = "UTC"
        self.span: tuple[datetime, datetime] | None = None
        self.selected = -1
        self._drag: tuple[int, float] | None = None  # index, press x
        self._drag_at: datetime | None = None
        self._now: datetime | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(600, 150)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(240, 150)

    def set_phases(
        self,
        marks: list[PhaseMark],
        tz: str,
        span: tuple[datetime, datetime] | None = None,
        now: datetime | None = None,
    ) -> None:
        """Show *marks* (time order); *span* is the contest's running period, drawn as a band."""
        selected_id = self.marks[self.selected].phase_id if 0 <= self.selected < len(self.marks) else None
        self.marks = sorted(marks, key=lambda m: m.start)
        self.tz, self.span, self._now = tz, span, now
        self.selected = next((i for i, m in enumerate(self.marks) if m.phase_id == selected_id), -1)
        self._drag, self._drag_at = None, None
        self.update()

    # Geometry ---------------------------------------------------------------------------------

    def _range(self) -> tuple[datetime, datetime]:
        moments = [m.start for m in self.marks] + [m.end for m in self.marks if m.end]
        if self.span:
            moments += list(self.span)
        if not moments:
            now = datetime.now(UTC)
            return now - timedelta(days=1), now + timedelta(days=7)
        info = zone(self.tz)
        first = min(moments).astimezone(info).date() - timedelta(days=1)
        last = max(moments).astimezone(info).date() + timedelta(days=2)
        return self._midnight(first), self._midnight(last)

    def _midnight(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=zone(self.tz)).astimezone(UTC)

    def x_of(self, moment: datetime) -> float:
        first, last = self._range()
        width = max(1.0, self.width() - 2 * MARGIN)
        total = max(1.0, (last - first).total_seconds())
        return MARGIN + (moment - first).total_seconds() / total * width

    def moment_at(self, x: float) -> datetime:
        first, last = self._range()
        width = max(1.0, self.width() - 2 * MARGIN)
        return first + timedelta(seconds=(x - MARGIN) / width * (last - first).total_seconds())

    def _mark_start(self, index: int) -> datetime:
        if self._drag is not None and self._drag[0] == index and self._drag_at is not None:
            return self._drag_at
        return self.marks[index].start

    def index_at(self, x: float, y: float) -> int:
        best, distance = -1, 11.0
        for index in range(len(self.marks)):
            gap = abs(self.x_of(self._mark_start(index)) - x)
            if gap <= distance and abs(y - AXIS_Y) < 30:
                best, distance = index, gap
        return best

    # Painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        box = QRectF(0.5, 0.5, self.width() - 1.0, self.height() - 1.0)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(box, 10, 10)
        self._paint_days(painter, pal)
        if self.span:
            band = QColor(pal.color(QPalette.ColorRole.Highlight))
            band.setAlpha(48)
            left, right = self.x_of(self.span[0]), self.x_of(self.span[1])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(band)
            painter.drawRoundedRect(QRectF(left, AXIS_Y - 7, max(2.0, right - left), 14), 7, 7)
        if self._now is not None:
            first, last = self._range()
            if first <= self._now <= last:
                x = self.x_of(self._now)
                painter.setPen(QPen(QColor("#d9534f"), 1.5))
                painter.drawLine(QPointF(x, 34), QPointF(x, self.height() - 10))
        self._paint_marks(painter, pal)
        if not self.marks:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                box,
                Qt.AlignmentFlag.AlignCenter,
                self.tr("No phases yet: use “Generate phases” to plan the posts."),
            )
        painter.end()

    def _paint_days(self, painter: QPainter, pal: QPalette) -> None:
        first, last = self._range()
        info = zone(self.tz)
        day = first.astimezone(info).date()
        end_day = last.astimezone(info).date()
        count = max(1, (end_day - day).days)
        width = max(1.0, self.width() - 2 * MARGIN)
        metrics = QFontMetrics(self.font())
        label_width = metrics.horizontalAdvance("mer. 30 sept.") + 12
        step = max(1, int(label_width / (width / count)) + 1)
        grid = QColor(pal.color(QPalette.ColorRole.Mid))
        grid.setAlpha(110)
        weekend = QColor(pal.color(QPalette.ColorRole.AlternateBase))
        weekend.setAlpha(150)
        text_color = pal.color(QPalette.ColorRole.PlaceholderText)
        locale = QLocale()
        index = 0
        while day <= end_day:
            x = self.x_of(self._midnight(day))
            nxt = self.x_of(self._midnight(day + timedelta(days=1)))
            if day.weekday() >= 5 and day < end_day:
                painter.fillRect(QRectF(x, 30, nxt - x, self.height() - 40), weekend)
            if index % step == 0:
                painter.setPen(QPen(grid, 1))
                painter.drawLine(QPointF(x, 30), QPointF(x, self.height() - 10))
                label = locale.toString(QDate(day.year, day.month, day.day), "ddd d MMM")
                painter.setPen(text_color)
                painter.drawText(QPointF(x + 4, 14 + metrics.ascent() - 4), label)
            day += timedelta(days=1)
            index += 1

    def _paint_marks(self, painter: QPainter, pal: QPalette) -> None:
        metrics = QFontMetrics(self.font())
        rows = [-1e9] * len(LABEL_ROWS)  # right edge of the last label in each row
        for index, mark in enumerate(self.marks):
            start = self._mark_start(index)
            x = self.x_of(start)
            color = QColor(KIND_COLORS.get(mark.kind, "#607080"))
            if mark.end is not None and index != (self._drag[0] if self._drag else -1):
                path = QPainterPath()
                path.addRoundedRect(QRectF(x, AXIS_Y - 4, max(4.0, self.x_of(mark.end) - x), 8), 4, 4)
                faded = QColor(color)
                faded.setAlpha(120)
                painter.fillPath(path, faded)
            selected = index == self.selected
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Base), 2))
            painter.setBrush(color)
            radius = 8.0 if selected else 6.5
            painter.drawEllipse(QPointF(x, AXIS_Y), radius, radius)
            if selected and self.hasFocus():
                painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(x, AXIS_Y), radius + 3, radius + 3)
            label = metrics.elidedText(mark.title, Qt.TextElideMode.ElideRight, 130)
            width = metrics.horizontalAdvance(label)
            left = min(max(MARGIN / 2, x - width / 2), self.width() - MARGIN / 2 - width)
            free = [i for i, edge in enumerate(rows) if edge < left - 8]
            row = free[0] if free else min(range(len(rows)), key=lambda i: rows[i])
            rows[row] = left + width
            offset = LABEL_ROWS[row]
            y = AXIS_Y + offset + (metrics.ascent() - 12 if offset > 0 else 0)
            font = painter.font()
            font.setBold(selected)
            painter.setFont(font)
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            painter.drawText(QPointF(left, y), label)
            font.setBold(False)
            painter.setFont(font)
        if self._drag is not None and self._drag_at is not None:
            text = format_moment(self._drag_at, self.tz)
            x = self.x_of(self._drag_at)
            width = metrics.horizontalAdvance(text) + 12
            rect = QRectF(
                min(max(2.0, x - width / 2), self.width() - width - 2), 20, width, metrics.height() + 6
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect, 5, 5)
            painter.setPen(pal.color(QPalette.ColorRole.HighlightedText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    # Interaction ------------------------------------------------------------------------------

    def _select(self, index: int) -> None:
        if index != self.selected and 0 <= index < len(self.marks):
            self.selected = index
            self.phaseSelected.emit(self.marks[index].phase_id)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        index = self.index_at(event.position().x(), event.position().y())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self._select(index)
            self._drag, self._drag_at = (index, event.position().x()), None
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        x, y = event.position().x(), event.position().y()
        if self._drag is not None:
            index, press_x = self._drag
            if self._drag_at is None and abs(x - press_x) < 3:
                return
            mark = self.marks[index]
            proposed = mark.start + (self.moment_at(x) - self.moment_at(press_x))
            fine = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._drag_at = snap_move(mark.start, proposed, self.tz, fine=fine)
            self.update()
            return
        index = self.index_at(x, y)
        self.setCursor(Qt.CursorShape.SizeHorCursor if index >= 0 else Qt.CursorShape.ArrowCursor)
        if index >= 0:
            mark = self.marks[index]
            QToolTip.showText(event.globalPosition().toPoint(), self._tooltip(mark), self)
        else:
            QToolTip.hideText()

    def _tooltip(self, mark: PhaseMark) -> str:
        when = format_moment(mark.start, self.tz, QLocale.FormatType.LongFormat)
        posts = self.tr("Posts: %1").replace("%1", str(mark.posts))
        return f"<b>{mark.title}</b><br>{when}<br>{posts}"

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            index, _press = self._drag
            target = self._drag_at
            self._drag, self._drag_at = None, None
            self.update()
            if target is not None and target != self.marks[index].start:
                self.phaseMoveRequested.emit(self.marks[index].phase_id, target)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        if key not in (Qt.Key.Key_Left, Qt.Key.Key_Right) or not self.marks:
            super().keyPressEvent(event)
            return
        step = -1 if key == Qt.Key.Key_Left else 1
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier and 0 <= self.selected < len(self.marks):
            mark = self.marks[self.selected]
            if mods & Qt.KeyboardModifier.ShiftModifier:
                target = snap_move(
                    mark.start, mark.start + timedelta(seconds=QUARTER * step), self.tz, fine=True
                )
            else:
                target = snap_move(mark.start, mark.start + timedelta(days=step), self.tz, fine=False)
            self.phaseMoveRequested.emit(mark.phase_id, target)
        else:
            self._select(min(max(0, self.selected + step), len(self.marks) - 1))
        event.accept()
