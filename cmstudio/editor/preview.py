"""The rendered preview: Markdown → sanitized HTML off the UI thread, shown in a QTextBrowser.

Images arrive as ``file:`` URLs (``media:<sha256>`` resolved by core.articles) and are scaled
down to the preview's width in :meth:`PreviewPane.loadResource`, since QTextBrowser has no
``max-width``.
"""

from __future__ import annotations

import bisect
import math
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPalette, QTextBlock, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from cmstudio.editor.workers import run_task, serial_pool

if TYPE_CHECKING:
    from cmstudio.core.textstats import Heading, Stats

# Rendering needs Markdown, the sanitizer and the text statistics: imported by the first render
# (RENDER_MODULES), which the Articles view asks for once the window is on screen.
RENDER_MODULES = ("cmstudio.core.textstats", "cmstudio.core.article_io")

COLUMN = 720
# Qt applies a paragraph's line-height to an image line too: pictures get their own class.
_IMAGE_PARAGRAPH = re.compile(r"<p>\s*<img")


@dataclass(frozen=True)
class Rendered:
    """What a render pass produces for the editor: HTML, counts and the outline of headings."""

    serial: int
    text: str
    html: str
    stats: Stats
    headings: tuple[Heading, ...]


_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
# Reference links, footnotes and a [TOC] marker tie distant parts of the text together.
_GLOBAL = re.compile(r"^ {0,3}\[[^\]]+\]:|\[TOC\]", re.M)


def split_sections(text: str) -> list[str]:
    """Cut the text before each heading outside fenced code: sections render independently."""
    from cmstudio.core.textstats import fenced_line_flags

    lines = text.split("\n")
    chunks: list[str] = []
    current: list[str] = []
    for line, code in zip(lines, fenced_line_flags(lines), strict=True):
        if current and not code and _ATX.match(line):
            chunks.append("\n".join(current))
            current = []
        current.append(line)
    chunks.append("\n".join(current))
    return chunks


class SectionRenderer:
    """Renders a long article section by section and re-renders only the sections that changed.

    Used from one worker thread at a time (the preview's serial pool), so its cache needs no lock.
    """

    def __init__(self) -> None:
        self._key: tuple = ()
        self._cache: dict[str, tuple[str, Stats]] = {}

    def render(self, serial: int, text: str, lang: str, media_dir: Path | None, french: bool) -> Rendered:
        from cmstudio.core.article_io import preview_html
        from cmstudio.core.textstats import DEFAULT_WPM, READING_WPM, Stats, outline, text_stats

        key = (lang, media_dir, french)
        if key != self._key:
            self._key, self._cache = key, {}
        headings = tuple(outline(text))
        if _GLOBAL.search(text):
            return Rendered(
                serial,
                text,
                preview_html(text, lang, media_dir, french=french),
                text_stats(text, lang),
                headings,
            )
        parts: list[str] = []
        fresh: dict[str, tuple[str, Stats]] = {}
        words = chars = no_spaces = 0
        for chunk in split_sections(text):
            done = self._cache.get(chunk) or fresh.get(chunk)
            if done is None:
                done = (preview_html(chunk, lang, media_dir, french=french), text_stats(chunk, lang))
                time.sleep(0)  # let the UI thread take the GIL between sections
            fresh[chunk] = done
            parts.append(done[0])
            st = done[1]
            if st.words or st.characters:
                if chars:
                    chars += 1  # the white space between two sections
                words, chars, no_spaces = (
                    words + st.words,
                    chars + st.characters,
                    no_spaces + st.characters_no_spaces,
                )
        self._cache = fresh
        wpm = READING_WPM.get(lang.split("-")[0].lower(), DEFAULT_WPM)
        stats = Stats(words, chars, no_spaces, math.ceil(words / wpm) if words else 0)
        return Rendered(serial, text, "\n".join(parts), stats, headings)


def stylesheet(palette: QPalette) -> str:
    """A calm blog look within what Qt's rich-text engine understands (a CSS 2.1 subset)."""
    text = palette.color(QPalette.ColorRole.Text).name()
    muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
    link = palette.color(QPalette.ColorRole.Link).name()
    code_bg = palette.color(QPalette.ColorRole.AlternateBase).name()
    rule = palette.color(QPalette.ColorRole.Mid).name()
    return f"""
body {{ color: {text}; font-size: 15px; line-height: 160%; }}
p {{ margin-top: 0; margin-bottom: 14px; line-height: 160%; }}
p.image {{ line-height: 100%; margin-top: 6px; margin-bottom: 18px; }}
h1 {{ font-size: 26px; font-weight: 700; margin-top: 8px; margin-bottom: 14px; }}
h2 {{ font-size: 20px; font-weight: 650; margin-top: 22px; margin-bottom: 10px; }}
h3 {{ font-size: 17px; font-weight: 650; margin-top: 18px; margin-bottom: 8px; }}
a {{ color: {link}; text-decoration: none; }}
blockquote {{ color: {muted}; font-style: italic; margin-left: 18px; margin-right: 8px; }}
code {{ font-family: monospace; background-color: {code_bg}; }}
pre {{ font-family: monospace; background-color: {code_bg}; padding: 10px; }}
table {{ border-collapse: collapse; margin-bottom: 14px; }}
th, td {{ border: 1px solid {rule}; padding: 4px 8px; }}
li {{ margin-bottom: 4px; }}
div.footnote {{ color: {muted}; font-size: 13px; }}
"""


class PreviewPane(QTextBrowser):
    """Shows the rendered article; renders are coalesced and only the latest one is shown."""

    rendered = Signal(object)  # Rendered
    renderFailed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articlePreview")
        self.setAccessibleName(self.tr("Preview"))
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.document().setDocumentMargin(24)
        self.pool = serial_pool(self)
        self.renderer = SectionRenderer()
        self._serial = 0
        self._running = 0
        self._queued: tuple | None = None
        self._images: dict[tuple[str, int], QImage] = {}
        self._heading_y: list[QTextBlock] | None = None
        self.last: Rendered | None = None
        self.apply_palette()

    def apply_palette(self) -> None:
        self.document().setDefaultStyleSheet(stylesheet(self.palette()))

    # -- rendering ----------------------------------------------------------------------------
    def request(self, text: str, lang: str, media_dir: Path | None, french: bool) -> None:
        """Render ``text`` in the background; while a render runs, only the newest request waits."""
        if self.last is not None and self._queued is None and self.last.text == text and not self._running:
            return
        self._serial += 1
        job = (self._serial, text, lang, media_dir, french)
        if self._running:
            self._queued = job
            return
        self._start(job)

    def _start(self, job: tuple) -> None:
        self._running += 1
        run_task(self.renderer.render, *job, on_done=self._done, on_failed=self._failed, pool=self.pool)

    def _next(self) -> None:
        self._running -= 1
        if self._queued is not None:
            job, self._queued = self._queued, None
            self._start(job)

    def _failed(self, exc: Exception) -> None:
        self._next()
        self.renderFailed.emit(str(exc))

    def _done(self, result: Rendered) -> None:
        self._next()
        if result.serial != self._serial:
            return
        self.setHtml(_IMAGE_PARAGRAPH.sub('<p class="image"><img', result.html))
        self._heading_y = None
        self.last = result
        self.rendered.emit(result)

    def busy(self) -> bool:
        return bool(self._running or self._queued)

    def _heading_blocks(self) -> list[QTextBlock]:
        """Heading blocks of the shown document, found without laying the document out."""
        if self._heading_y is None:
            found: list[QTextBlock] = []
            block = self.document().begin()
            while block.isValid():
                if block.blockFormat().headingLevel() > 0:
                    found.append(block)
                block = block.next()
            self._heading_y = found
        return self._heading_y

    # -- scrolling in step with the editor ----------------------------------------------------
    def follow(self, top_line: int, total_lines: int) -> None:
        """Scroll so that the preview shows what the editor's first visible line shows: between
        the two headings around that line, in proportion to the lines between them. Only the
        headings needed are measured, so the layout of a long article is not forced at once."""
        headings = self.last.headings if self.last else ()
        blocks = self._heading_blocks()
        layout = self.document().documentLayout()
        lines: list[float] = [0.0]
        anchors: list[QTextBlock | None] = [None]
        if len(headings) == len(blocks):
            lines += [float(h.line) for h in headings]
            anchors += blocks
        lines.append(float(max(total_lines, 1)))
        anchors.append(None)
        i = max(0, bisect.bisect_right(lines, top_line) - 1)
        i = min(i, len(lines) - 2)

        def y_of(index: int) -> float:
            if index == 0:
                return 0.0
            block = anchors[index]
            return (
                layout.blockBoundingRect(block).top() if block is not None else layout.documentSize().height()
            )

        l0, l1 = lines[i], lines[i + 1]
        share = max(0.0, min(1.0, (top_line - l0) / (l1 - l0))) if l1 > l0 else 0.0
        y0 = y_of(i)
        y = y0 if share == 0.0 else y0 + share * (y_of(i + 1) - y0)
        bar = self.verticalScrollBar()
        bar.setValue(round(min(y, bar.maximum())))

    # -- resources ----------------------------------------------------------------------------
    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 (Qt override)
        if kind == QTextDocument.ResourceType.ImageResource.value and url.isLocalFile():
            width = max(120, min(COLUMN, self.viewport().width() - 60))
            key = (url.toLocalFile(), width)
            image = self._images.get(key)
            if image is None:
                image = QImage(url.toLocalFile())
                if image.isNull():
                    return super().loadResource(kind, url)
                if image.width() > width:
                    image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
                if len(self._images) > 64:
                    self._images.clear()
                self._images[key] = image
            return image
        return super().loadResource(kind, url)

    def _open_link(self, url: QUrl) -> None:
        if not url.scheme() and url.hasFragment():
            self.scrollToAnchor(url.fragment())
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
