"""The image with its crop frames: drag the frame, resize it by a corner, set the focal point.

Boxes are kept in source pixels (the display image is a reduced copy). Every frame is locked to
its ratio; a frame the user has not touched follows the focal point.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cmstudio.core.crops import crop_box
from cmstudio.core.variants_service import CropRatio

Box = tuple[float, float, float, float]
_HANDLE = 9.0
_MIN_SIDE = 32.0


def ratio_box(
    ratio: float, anchor: tuple[float, float], pointer: tuple[float, float], size: tuple[int, int]
) -> Box:
    """The box of ``ratio`` from a fixed corner ``anchor`` towards ``pointer``, inside the image."""
    ax, ay = anchor
    px, py = pointer
    width, height = size
    sx = 1 if px >= ax else -1
    sy = 1 if py >= ay else -1
    w = max(abs(px - ax), abs(py - ay) * ratio, _MIN_SIDE)
    max_w = (width - ax) if sx > 0 else ax
    max_h = (height - ay) if sy > 0 else ay
    w = min(w, max_w, max_h * ratio)
    h = w / ratio
    x0, x1 = sorted((ax, ax + sx * w))
    y0, y1 = sorted((ay, ay + sy * h))
    return x0, y0, x1, y1


class CropCanvas(QWidget):
    cropChanged = Signal(str, object)  # ratio label, (l, t, r, b) in source pixels
    focalChanged = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cropCanvas")
        self.setAccessibleName(self.tr("Crop frame"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image: QImage | None = None
        self._size = (1, 1)
        self._ratios: list[CropRatio] = []
        self._active = ""
        self._boxes: dict[str, Box] = {}
        self._manual: set[str] = set()
        self._focal = (0.5, 0.5)
        self._drag: tuple[str, object] | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(480, 340)

    # ------------------------------------------------------------------ state

    def set_image(self, image: QImage | None, width: int, height: int) -> None:
        self._image, self._size = image, (max(1, width), max(1, height))
        self._reset_auto()
        self.update()

    def set_ratios(
        self, ratios: list[CropRatio], boxes: dict[str, list[int]] | None = None, active: str | None = None
    ) -> None:
        """Frames for these ratios; ``boxes`` are saved ones (kept as set by the user)."""
        self._ratios = list(ratios)
        self._boxes, self._manual = {}, set()
        for label, box in (boxes or {}).items():
            if any(r.label == label for r in self._ratios) and len(box) == 4:
                self._boxes[label] = tuple(float(v) for v in box)  # type: ignore[assignment]
                self._manual.add(label)
        self._active = (
            active
            if any(r.label == active for r in self._ratios)
            else (self._ratios[0].label if self._ratios else "")
        )
        self._reset_auto()
        self.update()

    def set_focal(self, fx: float, fy: float) -> None:
        self._focal = (min(max(fx, 0.0), 1.0), min(max(fy, 0.0), 1.0))
        self._reset_auto()
        self.update()

    def set_active(self, label: str) -> None:
        self._active = label
        self.update()

    def active(self) -> str:
        return self._active

    def focal(self) -> tuple[float, float]:
        return self._focal

    def box(self, label: str | None = None) -> tuple[int, int, int, int] | None:
        box = self._boxes.get(label or self._active)
        return None if box is None else tuple(round(v) for v in box)  # type: ignore[return-value]

    def boxes(self) -> dict[str, list[int]]:
        return {label: [round(v) for v in box] for label, box in self._boxes.items()}

    def ratio_of(self, label: str) -> float:
        return next(r.ratio for r in self._ratios if r.label == label)

    def _reset_auto(self) -> None:
        width, height = self._size
        for ratio in self._ratios:
            if ratio.label not in self._manual:
                self._boxes[ratio.label] = tuple(
                    float(v) for v in crop_box(width, height, ratio.ratio, self._focal)
                )  # type: ignore

    # ------------------------------------------------------------------ geometry

    def _view_rect(self) -> QRectF:
        width, height = self._size
        margin = 12.0
        avail_w, avail_h = self.width() - 2 * margin, self.height() - 2 * margin
        scale = min(avail_w / width, avail_h / height) if width and height else 1.0
        w, h = width * scale, height * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _scale(self) -> float:
        return self._view_rect().width() / self._size[0]

    def _to_view(self, box: Box) -> QRectF:
        rect, s = self._view_rect(), self._scale()
        return QRectF(
            rect.left() + box[0] * s, rect.top() + box[1] * s, (box[2] - box[0]) * s, (box[3] - box[1]) * s
        )

    def _to_source(self, point: QPointF) -> tuple[float, float]:
        rect, s = self._view_rect(), self._scale()
        x = (point.x() - rect.left()) / s
        y = (point.y() - rect.top()) / s
        return min(max(x, 0.0), self._size[0]), min(max(y, 0.0), self._size[1])

    def _focal_view(self) -> QPointF:
        rect = self._view_rect()
        return QPointF(
            rect.left() + self._focal[0] * rect.width(), rect.top() + self._focal[1] * rect.height()
        )

    # ------------------------------------------------------------------ editing

    def move_box(self, label: str, dx: float, dy: float) -> None:
        """Move a frame by (dx, dy) source pixels, kept inside the image."""
        left, top, right, bottom = self._boxes[label]
        w, h = right - left, bottom - top
        nl = min(max(left + dx, 0.0), self._size[0] - w)
        nt = min(max(top + dy, 0.0), self._size[1] - h)
        self._set_box(label, (nl, nt, nl + w, nt + h))

    def resize_box(self, label: str, corner: int, pointer: tuple[float, float]) -> None:
        """Resize from ``corner`` (0 tl, 1 tr, 2 br, 3 bl) towards ``pointer``, locked to the ratio."""
        left, top, right, bottom = self._boxes[label]
        anchor = ((right, bottom), (left, bottom), (left, top), (right, top))[corner]
        self._set_box(label, ratio_box(self.ratio_of(label), anchor, pointer, self._size))

    def _set_box(self, label: str, box: Box) -> None:
        self._boxes[label] = box
        self._manual.add(label)
        self.update()
        self.cropChanged.emit(label, tuple(round(v) for v in box))

    def _corner_at(self, pos: QPointF) -> int | None:
        box = self._boxes.get(self._active)
        if box is None:
            return None
        rect = self._to_view(box)
        corners = (rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft())
        for index, corner in enumerate(corners):
            if abs(corner.x() - pos.x()) <= _HANDLE and abs(corner.y() - pos.y()) <= _HANDLE:
                return index
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = event.position()
        if self._image is None and not self._ratios:
            return
        focal = self._focal_view()
        corner = self._corner_at(pos)
        box = self._boxes.get(self._active)
        if abs(focal.x() - pos.x()) <= 10 and abs(focal.y() - pos.y()) <= 10:
            self._drag = ("focal", None)
        elif corner is not None:
            self._drag = ("resize", corner)
        elif box is not None and self._to_view(box).contains(pos):
            self._drag = ("move", self._to_source(pos))
        else:
            self._drag = ("focal", None)
            self._move_focal(pos)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = event.position()
        if self._drag is None:
            corner = self._corner_at(pos)
            self.setCursor(
                Qt.CursorShape.SizeFDiagCursor
                if corner in (0, 2)
                else Qt.CursorShape.SizeBDiagCursor
                if corner in (1, 3)
                else Qt.CursorShape.ArrowCursor
            )
            return
        kind, data = self._drag
        if kind == "focal":
            self._move_focal(pos)
        elif kind == "resize":
            self.resize_box(self._active, int(data), self._to_source(pos))  # type: ignore[arg-type]
        elif kind == "move":
            x, y = self._to_source(pos)
            ox, oy = data  # type: ignore[misc]
            self.move_box(self._active, x - ox, y - oy)
            self._drag = ("move", (x, y))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._drag = None

    def _move_focal(self, pos: QPointF) -> None:
        x, y = self._to_source(pos)
        self.set_focal(x / self._size[0], y / self._size[1])
        self.focalChanged.emit(*self._focal)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        step = max(1.0, self._size[0] / 100)
        moves = {
            Qt.Key.Key_Left: (-step, 0),
            Qt.Key.Key_Right: (step, 0),
            Qt.Key.Key_Up: (0, -step),
            Qt.Key.Key_Down: (0, step),
        }
        if event.key() in moves and self._active in self._boxes:
            self.move_box(self._active, *moves[event.key()])
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self._view_rect()
        if self._image is None:
            painter.fillRect(rect, self.palette().alternateBase())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("Loading the image…"))
            return
        painter.drawImage(rect, self._image)
        for ratio in self._ratios:
            if ratio.label != self._active and ratio.label in self._boxes:
                view = self._to_view(self._boxes[ratio.label])
                painter.setPen(QPen(QColor(255, 255, 255, 150), 1, Qt.PenStyle.DashLine))
                painter.drawRect(view)
                painter.drawText(
                    view.adjusted(6, 4, -6, -4),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    ratio.label,
                )
        box = self._boxes.get(self._active)
        if box is not None:
            view = self._to_view(box)
            shade = QPainterPath()
            shade.addRect(rect)
            inner = QPainterPath()
            inner.addRect(view)
            painter.fillPath(shade.subtracted(inner), QColor(0, 0, 0, 120))
            painter.setPen(QPen(QColor(255, 255, 255, 90), 1))
            for i in (1, 2):
                x = view.left() + view.width() * i / 3
                y = view.top() + view.height() * i / 3
                painter.drawLine(QPointF(x, view.top()), QPointF(x, view.bottom()))
                painter.drawLine(QPointF(view.left(), y), QPointF(view.right(), y))
            painter.setPen(QPen(QColor("white"), 2))
            painter.drawRect(view)
            painter.setBrush(QColor("white"))
            for corner in (view.topLeft(), view.topRight(), view.bottomRight(), view.bottomLeft()):
                painter.drawRect(QRectF(corner.x() - 4, corner.y() - 4, 8, 8))
        focal = self._focal_view()
        painter.setBrush(QColor(0, 0, 0, 90))
        painter.setPen(QPen(QColor("white"), 2))
        painter.drawEllipse(focal, 8, 8)
        painter.drawLine(QPointF(focal.x() - 3, focal.y()), QPointF(focal.x() + 3, focal.y()))
        painter.drawLine(QPointF(focal.x(), focal.y() - 3), QPointF(focal.x(), focal.y() + 3))
