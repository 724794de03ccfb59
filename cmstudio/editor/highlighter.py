"""Markdown syntax colouring and spelling underlines for the editor's document.

Colours come from the palette, so the same rules read well in light and dark themes. Markup
characters (``#``, ``**``, ``>``…) are muted; the words they mark keep the text colour.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from cmstudio.ui.theme import is_dark

if TYPE_CHECKING:
    from cmstudio.editor.spellcheck import SpellController

IN_FENCE = 1

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})([ \t]+.*)?$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}(>[ >]*)")
_LIST = re.compile(r"^[ \t]*([-+*]|\d{1,9}[.)])[ \t]+(\[[ xX]\][ \t]+)?")
_HR = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(r"(?<![*\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*\w])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\](\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<https?://[^>\s]+>|\bhttps?://[^\s)>\]]+")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")


def utf16_index(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 units: characters beyond the BMP (emoji) count twice."""
    if text.isascii() or all(ord(c) <= 0xFFFF for c in text[:index]):
        return index
    return len(text[:index].encode("utf-16-le")) // 2


class Formats:
    """The character formats of the highlighter, derived from the current palette."""

    def __init__(self, base: QFont) -> None:
        pal = QApplication.palette()
        dark = is_dark()
        text = pal.color(QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        accent = QColor("#8fb8ff" if dark else "#2c5d9a")
        link = pal.color(QPalette.ColorRole.Link)
        self.markup = self._fmt(foreground=muted)
        self.heading = self._fmt(foreground=accent, bold=True)
        self.strong = self._fmt(bold=True)
        self.emphasis = self._fmt(italic=True)
        self.strike = self._fmt(foreground=muted, strike=True)
        self.link_text = self._fmt(foreground=link)
        self.link_target = self._fmt(foreground=muted)
        self.image = self._fmt(foreground=QColor("#c79bff" if dark else "#7a3db8"))
        self.quote = self._fmt(
            foreground=QColor(text).darker(125) if not dark else QColor("#b8bcc4"), italic=True
        )
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(base.pointSizeF() * 0.92 if base.pointSizeF() > 0 else 11)
        self.code = self._fmt(foreground=QColor("#e3a46a" if dark else "#a0451a"))
        self.code.setFontFamilies(mono.families())
        self.spell = QTextCharFormat()
        self.spell.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.spell.setUnderlineColor(QColor("#ff6b6b" if dark else "#d0312d"))

    @staticmethod
    def _fmt(
        *, foreground: QColor | None = None, bold: bool = False, italic: bool = False, strike: bool = False
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if foreground is not None:
            fmt.setForeground(foreground)
        if bold:
            fmt.setFontWeight(QFont.Weight.DemiBold)
        if italic:
            fmt.setFontItalic(True)
        if strike:
            fmt.setFontStrikeOut(True)
        return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Colours one block at a time; block state IN_FENCE carries fenced code across lines."""

    def __init__(self, document: QTextDocument, base_font: QFont) -> None:
        super().__init__(document)
        self.formats = Formats(base_font)
        self.spell: SpellController | None = None

    def refresh_palette(self, base_font: QFont) -> None:
        self.formats = Formats(base_font)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        f = self.formats
        previous = self.previousBlockState()
        fence = _FENCE.match(text)
        if previous == IN_FENCE:
            self.setFormat(0, len(text), f.code)
            self.setCurrentBlockState(-1 if fence else IN_FENCE)
            return
        if fence:
            self.setFormat(0, len(text), f.code)
            self.setCurrentBlockState(IN_FENCE)
            return
        self.setCurrentBlockState(-1)
        if not text:
            return
        if _HR.match(text):
            self.setFormat(0, len(text), f.markup)
            return
        heading = _HEADING.match(text)
        if heading:
            self.setFormat(0, len(text), f.heading)
            self.setFormat(heading.start(1), len(heading.group(1)), f.markup)
        elif _SETEXT.match(text) and self.currentBlock().previous().text().strip():
            self.setFormat(0, len(text), f.markup)
            return
        quote = _QUOTE.match(text)
        if quote:
            self.setFormat(0, len(text), f.quote)
            self.setFormat(0, quote.end(1), f.markup)
        bullet = _LIST.match(text)
        if bullet:
            self.setFormat(bullet.start(1), bullet.end() - bullet.start(1), f.markup)
        self._inline(text, f)
        if self.spell is not None:
            self._underline(text)

    def _span(self, text: str, start: int, end: int, fmt: QTextCharFormat) -> None:
        a, b = utf16_index(text, start), utf16_index(text, end)
        self.setFormat(a, b - a, fmt)

    def _merge(self, text: str, start: int, end: int, fmt: QTextCharFormat) -> None:
        """Add ``fmt`` on top of what the range already has (bold inside a heading, for instance)."""
        i, stop = utf16_index(text, start), utf16_index(text, end)
        while i < stop:
            base = self.format(i)
            j = i + 1
            while j < stop and self.format(j) == base:
                j += 1
            merged = QTextCharFormat(base)
            merged.merge(fmt)
            self.setFormat(i, j - i, merged)
            i = j

    def _inline(self, text: str, f: Formats) -> None:
        for m in _STRONG.finditer(text):
            self._merge(text, m.start(), m.end(), f.strong)
            self._span(text, m.start(), m.start() + 2, f.markup)
            self._span(text, m.end() - 2, m.end(), f.markup)
        for m in _EMPH.finditer(text):
            self._merge(text, m.start(), m.end(), f.emphasis)
            self._span(text, m.start(), m.start() + 1, f.markup)
            self._span(text, m.end() - 1, m.end(), f.markup)
        for m in _STRIKE.finditer(text):
            self._span(text, m.start(), m.end(), f.strike)
        for m in _LINK.finditer(text):
            self._span(text, m.start(), m.end(), f.link_target)
            self._span(text, m.start(1), m.end(1), f.link_text)
        for m in _AUTOLINK.finditer(text):
            self._span(text, m.start(), m.end(), f.link_text)
        for m in _FOOTNOTE.finditer(text):
            self._span(text, m.start(), m.end(), f.markup)
        for m in _IMAGE.finditer(text):
            self._span(text, m.start(), m.end(), f.image)
        for m in _CODE.finditer(text):
            self._span(text, m.start(), m.end(), f.code)

    def _underline(self, text: str) -> None:
        assert self.spell is not None
        found = self.spell.lookup(text)
        if found is None:
            self.spell.request(text, self.currentBlock().blockNumber())
            return
        for start, end, _word in found:
            self._merge(text, start, end, self.formats.spell)
