"""Painting calendar chips quickly: what every chip shares is prepared once and kept as pixmaps.

A month page shows over a hundred chips and a week page several hundred, repainted on every page
turn and drop. Per paint, :class:`ChipPainter` resolves the palette, fonts and theme once; across
paints it keeps the rounded chip bodies and network badges as small pixmaps (a few colours and
sizes cover a whole workspace) and the elided titles, so that a chip costs two pixmap blits and
two runs of text.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from cmstudio.calendar import style
from cmstudio.core.agenda_rows import AgendaRow
from cmstudio.ui.theme import is_dark

LEFT_MIDDLE = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
CENTER = Qt.AlignmentFlag.AlignCenter
ELIDE_RIGHT = Qt.TextElideMode.ElideRight
CONFLICT = QColor("#e08a00")
FAILED = QColor("#d9534f")
WHITE = QColor("#ffffff")
_SUFFIX = {"published": " ✓", "failed": " !"}
_LIMIT = 4000


class Fonts:
    """Reference, badge, title and italic title fonts and their metrics, for one widget font."""

    def __init__(self, base: QFont) -> None:
        self.reference = QFont(base)
        self.reference.setPointSizeF(base.pointSizeF() * 0.9)
        self.badge = QFont(base)
        self.badge.setPointSizeF(max(6.0, base.pointSizeF() * 0.62))
        self.badge.setBold(True)
        self.title = QFont(base)
        self.title.setPointSizeF(base.pointSizeF() * 0.92)
        self.italic = QFont(self.title)
        self.italic.setItalic(True)
        self.reference_metrics = QFontMetrics(self.reference)
        self.title_metrics = QFontMetrics(self.title)
        self.italic_metrics = QFontMetrics(self.italic)


class ChipCache:
    """Pixmaps and elided texts shared by every paint of one grid (cleared when the look changes)."""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.fonts: Fonts | None = None
        self.bodies: dict[tuple, QPixmap] = {}
        self.badges: dict[tuple, QPixmap] = {}
        self.texts: dict[tuple, str] = {}
        self.advances: dict[str, int] = {}

    def refresh(self, widget: QWidget) -> None:
        key = (widget.font().key(), widget.palette().cacheKey(), is_dark(), widget.devicePixelRatioF())
        if key != self.key:
            self.key = key
            self.fonts = Fonts(widget.font())
            self.bodies.clear()
            self.badges.clear()
            self.texts.clear()
            self.advances.clear()
        elif len(self.texts) > _LIMIT:
            self.texts.clear()


class ChipPainter:
    """Paints the chips of one paint event; made at the start of it, dropped at the end."""

    def __init__(self, widget: QWidget, cache: ChipCache, *, zone_name: str, by_network: bool) -> None:
        cache.refresh(widget)
        self.cache = cache
        self.fonts: Fonts = cache.fonts  # type: ignore[assignment]
        palette = widget.palette()
        self.palette = palette
        self.text = palette.color(QPalette.ColorRole.Text)
        self.muted = palette.color(QPalette.ColorRole.PlaceholderText)
        self.highlight = palette.color(QPalette.ColorRole.Highlight)
        self.dark = is_dark()
        self.dpr = widget.devicePixelRatioF()
        self.zone_name = zone_name
        self.by_network = by_network
        self._colors: dict[tuple, QColor] = {}
        self._badge_texts: dict[tuple, str] = {}

    def color(self, row: AgendaRow) -> QColor:
        key = (row.kind, row.color, row.network if self.by_network else None)
        color = self._colors.get(key)
        if color is None:
            color = self._colors[key] = style.entry_color(row, self.by_network, self.palette)
        return color

    def paint(
        self,
        painter: QPainter,
        rect: QRect,
        row: AgendaRow,
        *,
        selected: bool,
        conflict: bool,
        line_height: int,
    ) -> None:
        color = self.color(row)
        x, y, width, height = rect.getRect()
        if width < 24:  # too narrow for text: a coloured bar says "something is here"
            painter.fillRect(x, y, width - 1, height, color)
            if selected:
                painter.fillRect(x, y, width - 1, 2, self.highlight)
            return
        fonts = self.fonts
        if row.kind == "reference":
            painter.setPen(self.muted)
            painter.setFont(fonts.reference)
            text = self.elided(f"○ {row.title}", width - 6, fonts.reference_metrics, 0)
            painter.drawText(QRect(x + 4, y, width - 6, height), LEFT_MIDDLE, text)
            return
        faded = row.status in ("idea", "draft")
        painter.drawPixmap(x, y, self.body(color, faded, width, height))
        if conflict or selected:
            self._outline(painter, rect, conflict, selected)
        line = min(height, line_height)
        size = min(14, height - 4)
        left = x + 7
        painter.drawPixmap(left, y + (line - size) // 2, self.badge(color, self.badge_text(row), size))
        left += size + 5
        right = x + width - 3
        metrics = fonts.italic_metrics if faded else fonts.title_metrics
        painter.setFont(fonts.italic if faded else fonts.title)
        if row.all_day or (row.end is not None and row.end.date() != row.start.date()):
            when = ""
        else:
            when = style.time_text(row, self.zone_name)
        if when:
            advance = self.cache.advances.get(when)
            if advance is None:
                advance = self.cache.advances[when] = metrics.horizontalAdvance(when)
            if advance <= right - left:  # a time cut in half reads as another time: whole or not at all
                painter.setPen(self.muted)
                painter.drawText(QRect(left, y, right - left, line), LEFT_MIDDLE, when)
                left += advance + 5
        if right - left < 16:  # room for "…" only: the badge says enough
            return
        warn = "⚠ " if conflict else ""
        title = self.elided(f"{warn}{row.title}{_SUFFIX.get(row.status, '')}", right - left, metrics, faded)
        painter.setPen(FAILED if row.status == "failed" else (self.muted if faded else self.text))
        painter.drawText(QRect(left, y, right - left, line), LEFT_MIDDLE, title)

    def _outline(self, painter: QPainter, rect: QRect, conflict: bool, selected: bool) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        body = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if conflict:
            painter.setPen(CONFLICT)
            painter.drawRoundedRect(body, 4, 4)
        if selected:
            painter.setPen(QPen(self.highlight, 1.5))
            painter.drawRoundedRect(body.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.restore()

    def badge_text(self, row: AgendaRow) -> str:
        key = (row.kind, row.network)
        text = self._badge_texts.get(key)
        if text is None:
            text = self._badge_texts[key] = style.badge_text(row)
        return text

    def elided(self, text: str, width: int, metrics: QFontMetrics, variant: int) -> str:
        key = (text, width, variant)
        cached = self.cache.texts.get(key)
        if cached is None:
            cached = self.cache.texts[key] = metrics.elidedText(text, ELIDE_RIGHT, max(0, width))
        return cached

    def body(self, color: QColor, faded: bool, width: int, height: int) -> QPixmap:
        """The chip's tinted rounded body with its coloured left edge."""
        key = (color.rgba(), faded, width, height)
        pixmap = self.cache.bodies.get(key)
        if pixmap is None:
            pixmap = self._pixmap(width, height)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            fill = QColor(color)
            fill.setAlpha(70 if self.dark else 38)
            if faded:
                fill.setAlpha(fill.alpha() // 2)
            body = QRectF(0, 0, width, height).adjusted(0.5, 0.5, -0.5, -0.5)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(body, 4, 4)
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(body.left(), body.top(), 3, body.height()), 1.5, 1.5)
            painter.end()
            if len(self.cache.bodies) > 256:
                self.cache.bodies.clear()
            self.cache.bodies[key] = pixmap
        return pixmap

    def badge(self, color: QColor, text: str, size: int) -> QPixmap:
        """A network letter (or kind glyph) in a coloured disc."""
        key = (color.rgba(), text, size)
        pixmap = self.cache.badges.get(key)
        if pixmap is None:
            pixmap = self._pixmap(size, size)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawEllipse(QRectF(0, 0, size, size))
            painter.setFont(self.fonts.badge)
            painter.setPen(WHITE)
            painter.drawText(QRectF(0, 0, size, size), CENTER, text)
            painter.end()
            self.cache.badges[key] = pixmap
        return pixmap

    def _pixmap(self, width: int, height: int) -> QPixmap:
        pixmap = QPixmap(round(width * self.dpr), round(height * self.dpr))
        pixmap.setDevicePixelRatio(self.dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        return pixmap
