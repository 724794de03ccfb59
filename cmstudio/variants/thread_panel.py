"""The parts of a thread, each with its exact count; split points move by clicking a word, by the
buttons under each part, or from the keyboard (Alt+Left / Alt+Right)."""

from __future__ import annotations

import html
from collections.abc import Sequence

import regex
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from cmstudio.core.networks import NetworkProfile
from cmstudio.core.threads import move_split, numbering_suffix, render_thread, thread_counts
from cmstudio.variants.network_style import muted
from cmstudio.variants.post_editor import danger_colour
from cmstudio.variants.preview import breakable

_WORD = regex.compile(r"\S+")


def part_bounds(text: str, offsets: Sequence[int]) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each part ``render_thread`` shows (empty stretches dropped)."""
    bounds = [0, *offsets, len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()]


def place_split(text: str, offsets: Sequence[int], at: int) -> tuple[list[int], int | None]:
    """Start a part at ``at`` (a word start) by moving the nearer of the enclosing split points.

    Returns the new offsets and the index of the split that moved (None when ``at`` already
    starts a part or lies outside the text). Every part stays non-empty and in order.
    """
    bounds = [0, *offsets, len(text)]
    for i in range(len(bounds) - 1):
        if bounds[i] <= at < bounds[i + 1]:
            break
    else:
        return list(offsets), None
    if not text[bounds[i]:at].strip() or not text[at:bounds[i + 1]].strip():
        return list(offsets), None
    # Split i - 1 starts this part, split i ends it; move whichever is closer to the word.
    choices = []
    if i > 0:
        choices.append((at - bounds[i], i - 1))
    if i < len(offsets):
        choices.append((bounds[i + 1] - at, i))
    if not choices:
        return list(offsets), None
    _, index = min(choices)
    moved = list(offsets)
    moved[index] = at
    return moved, index


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
        self._active = 0
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 0)
        self._layout.setSpacing(2)
        self.part_labels: list[QLabel] = []
        self.move_buttons: list[tuple[QToolButton, QToolButton]] = []
        # On the whole card (the parent) so the keys work while typing in the post too.
        host = parent if parent is not None else self
        for keys, direction in (("Alt+Left", -1), ("Alt+Right", 1)):
            shortcut = QShortcut(QKeySequence(keys), host)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=direction: self._move_current(d))

    def offsets(self) -> list[int]:
        return list(self._offsets)

    def parts(self) -> list[str]:
        return render_thread(self._text, self._offsets) if self._offsets else []

    def active_split(self) -> int:
        """The split the keyboard moves: the one whose buttons have focus, else the last moved."""
        for index, buttons in enumerate(self.move_buttons):
            if any(button.hasFocus() for button in buttons):
                return index
        return min(self._active, max(len(self._offsets) - 1, 0))

    def set_thread(self, text: str, offsets: Sequence[int], profile: NetworkProfile) -> None:
        self._text, self._offsets, self._profile = text, list(offsets), profile
        self._rebuild()

    def move(self, index: int, direction: int) -> None:
        """Move split ``index`` one word earlier (-1) or later (+1)."""
        self._apply(move_split(self._text, self._offsets, index, direction), index)

    def place_at(self, offset: int) -> None:
        """Start a part at the word beginning at ``offset`` (what clicking a word does)."""
        moved, index = place_split(self._text, self._offsets, offset)
        if index is not None:
            self._apply(moved, index)

    def _move_current(self, direction: int) -> None:
        if self._offsets and self.isVisible():
            self.move(self.active_split(), direction)

    def _apply(self, moved: list[int], index: int) -> None:
        self._active = index
        changed = moved != self._offsets
        focused = next(
            ((row, side) for row, pair in enumerate(self.move_buttons)
             for side, button in enumerate(pair) if button.hasFocus()),
            None,
        )
        self._offsets = moved
        self._rebuild()
        if focused is not None and focused[0] < len(self.move_buttons):
            button = self.move_buttons[focused[0]][focused[1]]
            button.show()  # new children of a shown panel only appear on the next event loop pass
            button.setFocus(Qt.FocusReason.OtherFocusReason)
        if changed:
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
        bounds = part_bounds(self._text, self._offsets)
        counts = thread_counts(parts, self._profile)
        locale = QLocale()
        hint = QLabel(self.tr("Click a word to start a part there · Alt+← / Alt+→ move a split"), self)
        hint.setObjectName("threadHint")
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {muted(self)}; font-size: 11px; padding: 2px 8px;")
        self._layout.addWidget(hint)
        for index, (part, result) in enumerate(zip(parts, counts, strict=False)):
            row = QHBoxLayout()
            label = QLabel(self._part_html(bounds[index], index, len(parts)), self)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setObjectName(f"threadPart_{index}")
            label.setAccessibleName(part)
            label.setToolTip(self.tr("Click a word to start a new part with it"))
            label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
            label.linkActivated.connect(lambda href: self.place_at(int(href)))
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

    def _part_html(self, bounds: tuple[int, int], index: int, total: int) -> str:
        """The part's words as links whose target is their offset in the source text."""
        start, end = bounds
        segment = self._text[start:end]
        ink = self.palette().text().color().name()
        out: list[str] = []
        previous = None
        for word in _WORD.finditer(segment):
            if previous is not None:
                gap = segment[previous:word.start()]
                out.append("<br>" * gap.count("\n") if "\n" in gap else " ")
            shown = html.escape(breakable(word.group(0)))
            out.append(
                f'<a href="{start + word.start()}" style="color:{ink}; text-decoration:none">{shown}</a>'
            )
            previous = word.end()
        if total > 1:
            out.append(f'<span style="color:{muted(self)}">{html.escape(numbering_suffix(index + 1, total))}</span>')
        return "".join(out)

    def _split_row(self, index: int) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(8, 0, 8, 0)
        earlier = QToolButton(self)
        earlier.setText(self.tr("◀ Word up"))
        earlier.setToolTip(self.tr("Move this split one word earlier (Alt+Left)"))
        earlier.setObjectName(f"splitEarlier_{index}")
        earlier.setAutoRaise(True)
        later = QToolButton(self)
        later.setText(self.tr("Word down ▶"))
        later.setToolTip(self.tr("Move this split one word later (Alt+Right)"))
        later.setObjectName(f"splitLater_{index}")
        later.setAutoRaise(True)
        earlier.clicked.connect(lambda: self.move(index, -1))
        later.clicked.connect(lambda: self.move(index, 1))
        line = QFrame(self)
        line.setObjectName(f"splitLine_{index}")
        line.setFrameShape(QFrame.Shape.HLine)
        active = index == min(self._active, len(self._offsets) - 1)
        colour = self.palette().highlight().color().name() if active else "palette(mid)"
        line.setStyleSheet(f"color: {colour};")
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
