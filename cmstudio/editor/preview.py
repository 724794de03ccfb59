"""The rendered preview: Markdown → sanitized HTML off the UI thread, shown in a QTextBrowser.

Images arrive as ``file:`` URLs (``media:<sha256>`` resolved by core.articles) and are scaled
down to the preview's width in :meth:`PreviewPane.loadResource`, since QTextBrowser has no
``max-width``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPalette, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from cmstudio.core.articles import preview_html
from cmstudio.core.textstats import Heading, Stats, outline, text_stats
from cmstudio.editor.workers import run_task, serial_pool

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


def render(serial: int, text: str, lang: str, media_dir: Path | None, french: bool) -> Rendered:
    """Pure function run on a worker thread."""
    return Rendered(serial, text, preview_html(text, lang, media_dir, french=french),
                    text_stats(text, lang), tuple(outline(text)))


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
        self._serial = 0
        self._running = 0
        self._queued: tuple | None = None
        self._images: dict[tuple[str, int], QImage] = {}
        self._heading_y: list[float] = []
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
        run_task(render, *job, on_done=self._done, on_failed=self._failed, pool=self.pool)

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
        bar = self.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self.setHtml(_IMAGE_PARAGRAPH.sub('<p class="image"><img', result.html))
        self._heading_y = self._heading_positions()
        bar.setValue(round(ratio * bar.maximum()))
        self.last = result
        self.rendered.emit(result)

    def busy(self) -> bool:
        return bool(self._running or self._queued)

    def _heading_positions(self) -> list[float]:
        doc = self.document()
        layout = doc.documentLayout()
        found: list[float] = []
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                found.append(layout.blockBoundingRect(block).top())
            block = block.next()
        return found

    # -- scrolling in step with the editor ----------------------------------------------------
    def follow(self, top_line: int, total_lines: int) -> None:
        """Scroll so that the preview shows what the editor's first visible line shows: between
        the two headings around that line, in proportion to the lines between them."""
        bar = self.verticalScrollBar()
        headings = self.last.headings if self.last else ()
        doc_height = self.document().size().height()
        marks: list[tuple[float, float]] = [(0.0, 0.0)]
        if len(headings) == len(self._heading_y):
            marks += [(float(h.line), y) for h, y in zip(headings, self._heading_y, strict=True)]
        marks.append((float(max(total_lines, 1)), doc_height))
        y = doc_height
        for (l0, y0), (l1, y1) in zip(marks, marks[1:], strict=False):
            if top_line < l1:
                share = (top_line - l0) / (l1 - l0) if l1 > l0 else 0.0
                y = y0 + max(0.0, min(1.0, share)) * (y1 - y0)
                break
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

