"""The parts of a thread, each with its exact count, and buttons to move each split point."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from cmstudio.core.networks import NetworkProfile
from cmstudio.core.threads import move_split, render_thread, thread_counts
from cmstudio.variants.post_editor import danger_colour


class ThreadPanel(QFrame):
    """Shows ``render_thread(text, offsets)``; moving a split emits the new offsets."""

    offsetsChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("threadPanel")
        self.setAccessibleName(self.tr("Thread parts"))
        self._text = ""
        self._offsets: list[int] = []
        self._profile: NetworkProfile | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 0)
        self._layout.setSpacing(2)
        self.part_labels: list[QLabel] = []
        self.move_buttons: list[tuple[QToolButton, QToolButton]] = []

    def offsets(self) -> list[int]:
        return list(self._offsets)

    def parts(self) -> list[str]:
        return render_thread(self._text, self._offsets) if self._offsets else []

    def set_thread(self, text: str, offsets: Sequence[int], profile: NetworkProfile) -> None:
        self._text, self._offsets, self._profile = text, list(offsets), profile
        self._rebuild()

    def move(self, index: int, direction: int) -> None:
        """Move split ``index`` one word earlier (-1) or later (+1)."""
        moved = move_split(self._text, self._offsets, index, direction)
        if moved != self._offsets:
            self._offsets = moved
            self._rebuild()
            self.offsetsChanged.emit(list(moved))

    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
            elif item.layout() is not None:
                _clear_layout(item.layout())
        self.part_labels, self.move_buttons = [], []

    def _rebuild(self) -> None:
        self._clear()
        if not self._offsets or self._profile is None:
            self.setVisible(False)
            return
        self.setVisible(True)
        parts = render_thread(self._text, self._offsets)
        counts = thread_counts(parts, self._profile)
        locale = QLocale()
        for index, (part, result) in enumerate(zip(parts, counts, strict=False)):
            row = QHBoxLayout()
            label = QLabel(part, self)
            label.setWordWrap(True)
            label.setObjectName(f"threadPart_{index}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setStyleSheet("padding: 6px 8px; border-radius: 6px; background: palette(alternate-base);")
            remaining = result.limit - result.length
            counter = QLabel(locale.toString(remaining), self)
            counter.setObjectName(f"threadPartCounter_{index}")
            counter.setMinimumWidth(36)
            counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            if remaining < 0:
                counter.setStyleSheet(f"color: {danger_colour().name()}; font-weight: 600;")
            row.addWidget(label, 1)
            row.addWidget(counter)
            self._layout.addLayout(row)
            self.part_labels.append(label)
            if index < len(parts) - 1:
                self._layout.addLayout(self._split_row(index))

    def _split_row(self, index: int) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(8, 0, 8, 0)
        earlier = QToolButton(self)
        earlier.setText(self.tr("◀ Word up"))
        earlier.setToolTip(self.tr("Move this split one word earlier"))
        earlier.setObjectName(f"splitEarlier_{index}")
        earlier.setAutoRaise(True)
        later = QToolButton(self)
        later.setText(self.tr("Word down ▶"))
        later.setToolTip(self.tr("Move this split one word later"))
        later.setObjectName(f"splitLater_{index}")
        later.setAutoRaise(True)
        earlier.clicked.connect(lambda: self.move(index, -1))
        later.clicked.connect(lambda: self.move(index, 1))
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: palette(mid);")
        row.addWidget(line, 1)
        row.addWidget(earlier)
        row.addWidget(later)
        self.move_buttons.append((earlier, later))
        return row


def _clear_layout(layout: object) -> None:
    while layout.count():  # type: ignore[attr-defined]
        item = layout.takeAt(0)  # type: ignore[attr-defined]
        if item.widget() is not None:
            item.widget().hide()
            item.widget().deleteLater()
        elif item.layout() is not None:
            _clear_layout(item.layout())
