"""A card imitating how a post looks on its network: author line, coloured text, images."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cmstudio.core.networks import LinkBehaviour, NetworkProfile
from cmstudio.core.text_entities import extract_hashtags, extract_mentions, extract_urls
from cmstudio.variants.network_style import accent, muted

# Where feeds fold a long text behind "more": observed in the official apps (2024), not
# documented by the networks; only the preview uses these figures.
_FOLD_AT = {"instagram_feed": 125, "linkedin": 210, "facebook": 480}


def rich_text(text: str, profile: NetworkProfile, link_colour: str) -> str:
    """HTML of ``text`` with links, mentions and hashtags coloured as the network shows them."""
    spans: list[tuple[int, int]] = [(h.start, h.end) for h in extract_hashtags(text)]
    spans += [(m.start, m.end) for m in extract_mentions(text)]
    if profile.link_behaviour is not LinkBehaviour.NOT_CLICKABLE:
        spans += [(u.start, u.end) for u in extract_urls(text)]
    spans.sort()
    urls = {(u.start, u.end) for u in extract_urls(text)}
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        if start < cursor:
            continue
        out.append(html.escape(text[cursor:start]))
        shown = html.escape(text[start:end])
        if (start, end) in urls:
            shown = _breakable(shown)
        out.append(f'<span style="color:{link_colour}">{shown}</span>')
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out).replace("\n", "<br>")


def _breakable(url_html: str) -> str:
    """Let a long link wrap after its separators (zero-width spaces), as the apps do."""
    for sep in ("/", "?", "&amp;", "="):
        url_html = url_html.replace(sep, sep + "&#8203;")
    return url_html


def folded(text: str, network: str) -> tuple[str, bool]:
    """The text as shown before the reader taps "more"."""
    limit = _FOLD_AT.get(network)
    if limit is None or len(text) <= limit:
        return text, False
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(), True


class NetworkPreview(QFrame):
    """Preview card; ``set_post`` redraws it (cheap: labels and already-scaled pixmaps)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkPreview")
        self.setAccessibleName(self.tr("Preview"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#networkPreview { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 10px; }"
        )
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 12, 14, 12)
        self._layout.setSpacing(8)
        self.setMinimumWidth(280)

    def set_post(
        self,
        profile: NetworkProfile,
        author: str,
        handle: str,
        parts: Sequence[str],
        images: Sequence[QImage],
        link: str = "",
    ) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
            elif item.layout() is not None:
                _clear_layout(item.layout())
        colour = accent(profile.id).name()
        link_colour = self.palette().link().color().name()
        for index, part in enumerate(parts or [""]):
            self._layout.addLayout(self._author_row(author, handle, colour, profile.display_name))
            shown, more = folded(part, profile.id)
            body = rich_text(shown, profile, link_colour)
            if more:
                more_text = html.escape(self.tr("more"))
                body += f' <span style="color:{muted(self)}">… {more_text}</span>'
            label = QLabel(body, self)
            label.setObjectName("previewText")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._layout.addWidget(label)
            if index == 0 and images:
                self._layout.addLayout(self._grid(images))
            if index == 0 and profile.link_field and link:
                link_label = QLabel(f'<span style="color:{link_colour}">🔗 {html.escape(link)}</span>', self)
                link_label.setWordWrap(True)
                self._layout.addWidget(link_label)
        self._layout.addStretch(1)

    def _author_row(self, author: str, handle: str, colour: str, network_name: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        avatar = QLabel((author or "?")[:1].upper(), self)
        avatar.setFixedSize(QSize(32, 32))
        avatar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        avatar.setStyleSheet(f"background: {colour}; color: white; border-radius: 16px; font-weight: 600;")
        names = QLabel(
            f"<b>{html.escape(author)}</b> <span style='color:{muted(self)}'>{html.escape(handle)}</span>",
            self,
        )
        names.setTextFormat(Qt.TextFormat.RichText)
        badge = QLabel(network_name, self)
        badge.setStyleSheet(f"color: {colour}; font-size: 11px; font-weight: 600;")
        row.addWidget(avatar)
        row.addWidget(names, 1)
        row.addWidget(badge)
        return row

    def _grid(self, images: Sequence[QImage]) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(3)
        shown = list(images)[:4]
        width = 300 if len(shown) == 1 else 148
        for index, image in enumerate(shown):
            label = QLabel(self)
            label.setObjectName("previewImage")
            pixmap = QPixmap.fromImage(image).scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            if pixmap.height() > 320:
                pixmap = pixmap.copy(0, (pixmap.height() - 320) // 2, pixmap.width(), 320)
            label.setPixmap(pixmap)
            grid.addWidget(label, index // 2 if len(shown) > 1 else 0, index % 2 if len(shown) > 1 else 0)
        return grid


def _clear_layout(layout: object) -> None:
    while layout.count():  # type: ignore[attr-defined]
        item = layout.takeAt(0)  # type: ignore[attr-defined]
        if item.widget() is not None:
            item.widget().hide()
            item.widget().deleteLater()
        elif item.layout() is not None:
            _clear_layout(item.layout())
