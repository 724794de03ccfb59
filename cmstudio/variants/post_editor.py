"""A post text editor with the network's exact live counter and X-style overflow highlight.

The count runs synchronously on every keystroke (it must answer within a frame); the characters
past the limit get a red background through ExtraSelections, starting exactly at
``CountResult.overflow_start``. In thread mode the same editor shades each part and highlights
the overflow of each part on its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from cmstudio.core.counting import CountResult, count, utf16_length
from cmstudio.core.networks import NetworkProfile
from cmstudio.ui.theme import is_dark
from cmstudio.variants.network_style import fill, muted


def overflow_colour() -> QColor:
    """X marks overflowing characters with a pale red background (a deep red on dark themes)."""
    return QColor("#6e2530") if is_dark() else QColor("#ffc9cf")


def danger_colour() -> QColor:
    return QColor("#ff7b86") if is_dark() else QColor("#c62828")


class PostEditor(QWidget):
    """Text of one post, its counter below, and the overflow highlighted in the text."""

    textChanged = Signal()
    countChanged = Signal(object)  # CountResult

    def __init__(self, profile: NetworkProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.spoiler = ""
        self._thread_offsets: list[int] = []
        self._result: CountResult | None = None
        self._overflow: tuple[int, int] | None = None
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("postEdit")
        self.edit.setAccessibleName(self.tr("Post text"))
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(self.tr("Write the post…"))
        self.edit.setMinimumHeight(110)
        self.edit.setStyleSheet(
            "QPlainTextEdit { border: 1px solid palette(mid); border-radius: 8px; padding: 4px; }"
        )
        self.counter = QLabel(self)
        self.counter.setObjectName("postCounter")
        self.counter.setAccessibleName(self.tr("Remaining characters"))
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.detail = QLabel(self)
        self.detail.setObjectName("postCounterDetail")
        self.detail.setStyleSheet(f"color: {muted(self)};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        row = QHBoxLayout()
        row.addWidget(self.detail, 1)
        row.addWidget(self.counter)
        layout.addLayout(row)
        self.edit.textChanged.connect(self._on_text_changed)
        self.refresh()

    # ------------------------------------------------------------------ API

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def set_profile(self, profile: NetworkProfile) -> None:
        self.profile = profile
        self.refresh()

    def set_spoiler(self, spoiler: str) -> None:
        """A Mastodon content warning counts against the same limit as the text."""
        self.spoiler = spoiler
        self.refresh()

    def set_thread_offsets(self, offsets: Sequence[int]) -> None:
        """Thread mode (offsets of parts 2..n) or single-post mode (empty)."""
        self._thread_offsets = list(offsets)
        self.refresh()

    def result(self) -> CountResult | None:
        return self._result

    def overflow_range(self) -> tuple[int, int] | None:
        """The highlighted span as Python string indices (single-post mode)."""
        return self._overflow

    # ------------------------------------------------------------------ counting

    def _on_text_changed(self) -> None:
        self.refresh()
        self.textChanged.emit()

    def refresh(self) -> CountResult:
        text = self.text()
        spoiler = self.spoiler if self.profile.counting_rule == "mastodon" else ""
        result = count(self.profile, text, spoiler=spoiler)
        self._result = result
        remaining = result.limit - result.length
        if result.byte_length is not None and result.byte_limit is not None:
            if result.byte_length > result.byte_limit:
                remaining = min(remaining, result.byte_limit - result.byte_length)
        locale = QLocale()
        self.counter.setText(locale.toString(remaining))
        colour = danger_colour().name() if remaining < 0 else "palette(window-text)"
        self.counter.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.counter.setToolTip(
            fill(
                self.tr("%1 of %2 characters used"),
                locale.toString(result.length),
                locale.toString(result.limit),
            )
        )
        detail = fill(self.tr("%1 / %2"), locale.toString(result.length), locale.toString(result.limit))
        if result.byte_length is not None and result.byte_limit is not None:
            detail += " · " + fill(
                self.tr("%1 / %2 bytes"),
                locale.toString(result.byte_length),
                locale.toString(result.byte_limit),
            )
        self.detail.setText(detail)
        self._highlight(text, result)
        self.countChanged.emit(result)
        return result

    def _highlight(self, text: str, result: CountResult) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        self._overflow = None
        if self._thread_offsets:
            selections = self._thread_selections(text)
        elif result.overflow_start is not None and result.overflow_start < len(text):
            self._overflow = (result.overflow_start, len(text))
            selections.append(self._selection(text, result.overflow_start, len(text), overflow_colour()))
        self.edit.setExtraSelections(selections)

    def _selection(self, text: str, start: int, end: int, colour: QColor) -> QTextEdit.ExtraSelection:
        # The document counts UTF-16 code units; our indices are code points.
        begin = utf16_length(text[:start])
        stop = begin + utf16_length(text[start:end])
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(begin)
        cursor.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor  # type: ignore[attr-defined]
        selection.format = fmt  # type: ignore[attr-defined]
        return selection

    def _thread_selections(self, text: str) -> list[QTextEdit.ExtraSelection]:
        """Alternate parts shaded; inside each part, what overflows (numbering included) in red."""
        from cmstudio.core.threads import numbering_suffix

        bounds = [0, *self._thread_offsets, len(text)]
        total = len(bounds) - 1
        shade = self.palette().alternateBase().color().darker(108 if not is_dark() else 80)
        out = []
        for index, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
            if index % 2 == 1 and end > start:
                out.append(self._selection(text, start, end, shade))
            raw = text[start:end]
            body = raw.strip()
            lead = len(raw) - len(raw.lstrip())
            part = count(self.profile, body + numbering_suffix(index + 1, total))
            if part.overflow_start is not None and part.overflow_start < len(body):
                out.append(
                    self._selection(
                        text, start + lead + part.overflow_start, start + lead + len(body), overflow_colour()
                    )
                )
        return out
