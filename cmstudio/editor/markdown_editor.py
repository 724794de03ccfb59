"""The Markdown text editor: formatting commands, spelling menu, images dropped or pasted."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QImage,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from cmstudio.editor.highlighter import MarkdownHighlighter
from cmstudio.editor.spellcheck import SpellController

IMAGE_SUFFIXES = {
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".heic",
    ".heif",
    ".avif",
    ".tif",
    ".tiff",
    ".bmp",
}
TEXT_COLUMN = 760  # px: a comfortable measure of about 75 characters
_HEADING_PREFIX = re.compile(r"^ {0,3}#{1,6}[ \t]+")
_LIST_PREFIX = re.compile(r"^([ \t]*)(?:[-+*]|\d{1,9}[.)])[ \t]+")
_QUOTE_PREFIX = re.compile(r"^ {0,3}>[ \t]?")


class MarkdownEditor(QPlainTextEdit):
    """Plain-text Markdown with a centred writing column; the undo stack survives autosaves."""

    imageFilesDropped = Signal(list)  # list[Path]
    imagePasted = Signal(QImage)
    addWordRequested = Signal(str)
    focusLost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleEditor")
        self.setAccessibleName(self.tr("Article text"))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.setPlaceholderText(
            self.tr("Start writing… Markdown works: # title, **bold**, *italic*, [link](url)")
        )
        font = QFont(QApplication.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) + 2.5)
        self.setFont(font)
        doc = self.document()
        doc.setDocumentMargin(18)
        self.highlighter = MarkdownHighlighter(doc, font)
        self.spell = SpellController(doc, self.highlighter, self)
        self.highlighter.spell = self.spell
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)

    # -- layout -------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        side = max(0, (self.width() - TEXT_COLUMN) // 2)
        self.setViewportMargins(side, 0, side, 0)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self.focusLost.emit()

    def top_block_number(self) -> int:
        return self.firstVisibleBlock().blockNumber()

    def scroll_to_line(self, line: int) -> None:
        """Put a line (0-based block number) at the top of the view and the cursor on it."""
        block = self.document().findBlockByNumber(max(0, line))
        if not block.isValid():
            return
        self.moveCursor(QTextCursor.MoveOperation.End)
        self.ensureCursorVisible()
        self.setTextCursor(QTextCursor(block))  # coming from below leaves the line at the top
        self.ensureCursorVisible()
        self.setFocus()

    # -- formatting ---------------------------------------------------------------------------
    def toggle_wrap(self, marker: str, placeholder: str = "") -> None:
        """Surround the selection with ``marker`` (``**`` bold, ``*`` italic), or remove it."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        text = cursor.selectedText()
        n = len(marker)
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        doc = self.document()
        around = (
            "".join(doc.characterAt(i) for i in range(max(0, start - n), start)),
            "".join(doc.characterAt(i) for i in range(end, end + n)),
        )
        if text and around == (marker, marker):
            cursor.setPosition(start - n)
            cursor.setPosition(end + n, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(text)
            cursor.setPosition(start - n)
            cursor.setPosition(end - n, QTextCursor.MoveMode.KeepAnchor)
        elif text.startswith(marker) and text.endswith(marker) and len(text) >= 2 * n:
            cursor.insertText(text[n:-n])
        elif text:
            start = cursor.selectionStart()
            cursor.insertText(f"{marker}{text}{marker}")
            cursor.setPosition(start + n)
            cursor.setPosition(start + n + len(text), QTextCursor.MoveMode.KeepAnchor)
        else:
            pos = cursor.position()
            cursor.insertText(f"{marker}{placeholder}{marker}")
            cursor.setPosition(pos + n)
            cursor.setPosition(pos + n + len(placeholder), QTextCursor.MoveMode.KeepAnchor)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def insert_link(self, url: str = "https://") -> None:
        """``[selection](url)`` with the URL selected, ready to be typed over."""
        cursor = self.textCursor()
        label = cursor.selectedText() or self.tr("link text")
        cursor.beginEditBlock()
        start = cursor.selectionStart()
        cursor.insertText(f"[{label}]({url})")
        cursor.setPosition(start + len(label) + 3)
        cursor.setPosition(start + len(label) + 3 + len(url), QTextCursor.MoveMode.KeepAnchor)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def _selected_blocks(self) -> list[int]:
        cursor = self.textCursor()
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart()).blockNumber()
        last = doc.findBlock(cursor.selectionEnd()).blockNumber()
        return list(range(first, last + 1))

    def _rewrite_lines(self, change: callable) -> None:  # type: ignore[valid-type]
        cursor = self.textCursor()
        cursor.beginEditBlock()
        for index, number in enumerate(self._selected_blocks()):
            block = self.document().findBlockByNumber(number)
            new = change(block.text(), index)
            if new != block.text():
                line = QTextCursor(block)
                line.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                line.insertText(new)
        cursor.endEditBlock()

    def set_heading(self, level: int) -> None:
        """Make the current line(s) a heading of ``level`` (the same level again removes it)."""
        prefix = "#" * level + " "

        def change(text: str, _i: int) -> str:
            bare = _HEADING_PREFIX.sub("", text)
            return bare if text.startswith(prefix) else prefix + bare

        self._rewrite_lines(change)

    def toggle_list(self, ordered: bool) -> None:
        lines = self._selected_blocks()
        first = self.document().findBlockByNumber(lines[0]).text()
        removing = bool(_LIST_PREFIX.match(first)) and (first.lstrip()[:1].isdigit() == ordered)

        def change(text: str, i: int) -> str:
            bare = _LIST_PREFIX.sub(r"\1", text)
            if removing or not text.strip() and len(lines) > 1:
                return bare
            return (f"{i + 1}. " if ordered else "- ") + bare

        self._rewrite_lines(change)

    def toggle_quote(self) -> None:
        lines = self._selected_blocks()
        removing = bool(_QUOTE_PREFIX.match(self.document().findBlockByNumber(lines[0]).text()))
        self._rewrite_lines(lambda text, _i: _QUOTE_PREFIX.sub("", text) if removing else "> " + text)

    def insert_image(self, alt: str, sha256: str) -> None:
        """Insert ``![alt](media:<sha>)`` on its own paragraph at the cursor."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        before = "" if cursor.atBlockStart() else "\n\n"
        cursor.insertText(f"{before}![{alt.replace(']', ')')}](media:{sha256})\n")
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def replace_all_text(self, text: str) -> None:
        """Replace the whole text as one undoable step (restoring a revision, for instance)."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()

    # -- images -------------------------------------------------------------------------------
    @staticmethod
    def _image_paths(source: QMimeData) -> list[Path]:
        if not source.hasUrls():
            return []
        return [
            Path(u.toLocalFile())
            for u in source.urls()
            if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES
        ]

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt override)
        return bool(self._image_paths(source)) or source.hasImage() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        paths = self._image_paths(source)
        if paths:
            self.imageFilesDropped.emit(paths)
            return
        if source.hasImage() and not source.hasText():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.imagePasted.emit(image)
                return
        if source.hasText():
            self.insertPlainText(source.text())
            return
        super().insertFromMimeData(source)

    # -- spelling menu ------------------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        menu = self.createStandardContextMenu(event.pos())
        cursor = self.cursorForPosition(event.pos())
        hit = self._spelling_hit(cursor)
        if hit is not None:
            start, end, word = hit
            first = menu.actions()[0] if menu.actions() else None
            block = cursor.block()
            choices = self.spell.suggestions(word)
            for suggestion in choices:
                action = menu.addAction(suggestion)
                action.triggered.connect(
                    lambda _c=False, s=suggestion: self._replace_word(block.position(), start, end, word, s)
                )
                menu.insertAction(first, action)
            if not choices:
                none = menu.addAction(self.tr("No suggestions"))
                none.setEnabled(False)
                menu.insertAction(first, none)
            add = menu.addAction(self.tr("Add “%1” to dictionary").replace("%1", word))
            add.triggered.connect(lambda _c=False: self.addWordRequested.emit(word))
            menu.insertAction(first, add)
            ignore = menu.addAction(self.tr("Ignore “%1”").replace("%1", word))
            ignore.triggered.connect(lambda _c=False: self.spell.ignore(word))
            menu.insertAction(first, ignore)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _spelling_hit(self, cursor: QTextCursor) -> tuple[int, int, str] | None:
        block = cursor.block()
        text = block.text()
        utf16 = cursor.positionInBlock()
        index = utf16
        if not text.isascii():  # back from UTF-16 units to Python characters
            index, units = 0, 0
            while index < len(text) and units < utf16:
                units += 2 if ord(text[index]) > 0xFFFF else 1
                index += 1
        return self.spell.misspelling_at(block, index)

    def _replace_word(self, block_pos: int, start: int, end: int, word: str, new: str) -> None:
        block = self.document().findBlock(block_pos)
        text = block.text()
        if text[start:end] != word:
            return
        cursor = QTextCursor(block)
        prefix = text[:start]
        offset = len(prefix.encode("utf-16-le")) // 2
        cursor.setPosition(block.position() + offset)
        cursor.setPosition(
            block.position() + offset + len(word.encode("utf-16-le")) // 2, QTextCursor.MoveMode.KeepAnchor
        )
        cursor.insertText(new)
