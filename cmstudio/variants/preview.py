"""A card imitating how a post looks on its network: author line, coloured text, images."""

from __future__ import annotations

import html
from collections.abc import Sequence

import regex
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cmstudio.core.networks import LinkBehaviour, NetworkProfile
from cmstudio.core.text_entities import extract_hashtags, extract_mentions, extract_urls
from cmstudio.variants.network_style import accent, ink_on, muted

# Where feeds fold a long text behind "more": observed in the official apps (2024), not
# documented by the networks; only the preview uses these figures.
_FOLD_AT = {"instagram_feed": 125, "linkedin": 210, "facebook": 480}
# How many characters of a link the feed shows, scheme and "www." removed, before "…":
# Mastodon keeps 30 (app/lib/text_formatter.rb, https://github.com/mastodon/mastodon);
# Bluesky shows the host and 13 characters of the path when the path is longer than 15
# (toShortUrl, src/lib/strings/url-helpers.ts, https://github.com/bluesky-social/social-app);
# X shows about 25 (observed in the app, 2024; the API's display_url).
_LINK_SHOWN = {"x": 25, "mastodon": 30, "threads": 30}
_SCHEME = regex.compile(r"^(?:https?://)?(?:www\.)?", regex.IGNORECASE)
# Runs of visible characters longer than this get break opportunities (a preview card is ~40
# characters wide); breaks go after URL separators, else every _LONG characters.
_LONG = 20
_LONG_RUN = regex.compile(rf"\S{{{_LONG + 1},}}")
_AFTER_SEPARATOR = regex.compile(r"(?:(?<=[?&=_.,;\-])|(?<=[^:/]/))(?=[^/])")
_ZWSP = "\u200b"


def display_url(url: str, network: str) -> str:
    """A link as the network's feed prints it: shortened where the network shortens links."""
    if network == "bluesky":
        bare = _SCHEME.sub("", url)
        host, slash, path = bare.partition("/")
        path = slash + path
        if path == "/":
            path = ""
        return f"{host}{path[:13]}..." if len(path) > 15 else host + path
    shown = _LINK_SHOWN.get(network)
    if shown is None:
        return url
    bare = _SCHEME.sub("", url)
    return bare if len(bare) <= shown else bare[:shown] + "…"


def breakable(text: str) -> str:
    """``text`` with zero-width spaces where a long unbroken run (a link, a long tag) may wrap.

    A label's word wrap only breaks at spaces and a few punctuation marks; a tracking link would
    otherwise push the card wider than the panel. Breaks go after separators, and long stretches
    without any are cut between grapheme clusters so an emoji sequence is never split.
    """

    def split_run(match: regex.Match[str]) -> str:
        pieces = _AFTER_SEPARATOR.sub(_ZWSP, match.group(0)).split(_ZWSP)
        out: list[str] = []
        for piece in pieces:
            clusters = regex.findall(r"\X", piece)
            out.append(_ZWSP.join("".join(clusters[i:i + _LONG]) for i in range(0, len(clusters), _LONG)))
        return _ZWSP.join(out)

    return _LONG_RUN.sub(split_run, text)


def rich_text(text: str, profile: NetworkProfile, link_colour: str) -> str:
    """HTML of ``text`` with links, mentions and hashtags coloured as the network shows them.

    Links are shortened as the network's feed shortens them, and every long run of characters
    gets break opportunities, so nothing runs past the card's edge.
    """
    spans: list[tuple[int, int]] = [(h.start, h.end) for h in extract_hashtags(text)]
    spans += [(m.start, m.end) for m in extract_mentions(text)]
    clickable = profile.link_behaviour is not LinkBehaviour.NOT_CLICKABLE
    urls = {(u.start, u.end) for u in extract_urls(text)} if clickable else set()
    spans += list(urls)
    spans.sort()
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        if start < cursor:
            continue
        out.append(_plain(text[cursor:start]))
        piece = text[start:end]
        if (start, end) in urls:
            piece = display_url(piece, profile.id)
        out.append(f'<span style="color:{link_colour}">{_plain(piece)}</span>')
        cursor = end
    out.append(_plain(text[cursor:]))
    return "".join(out)


def _plain(text: str) -> str:
    return html.escape(breakable(text)).replace("\n", "<br>")


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
                shown_link = _plain(display_url(link, profile.id))
                link_label = QLabel(f'<span style="color:{link_colour}">🔗 {shown_link}</span>', self)
                link_label.setObjectName("previewLink")
                link_label.setToolTip(link)
                link_label.setWordWrap(True)
                self._layout.addWidget(link_label)
        self._layout.addStretch(1)

    def _author_row(self, author: str, handle: str, colour: str, network_name: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        avatar = QLabel((author or "?")[:1].upper(), self)
        avatar.setFixedSize(QSize(32, 32))
        avatar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        avatar.setObjectName("previewAvatar")
        ink = ink_on(QColor(colour), minimum=3.0).name()
        avatar.setStyleSheet(f"background: {colour}; color: {ink}; border-radius: 16px; font-weight: 600;")
        name = ElidedLabel(author, self)
        name.setObjectName("previewAuthor")
        name.setStyleSheet("font-weight: 600;")
        handle_label = ElidedLabel(handle, self)
        handle_label.setObjectName("previewHandle")
        handle_label.setStyleSheet(f"color: {muted(self)};")
        badge = QLabel(network_name, self)
        badge.setStyleSheet(f"color: {colour}; font-size: 11px; font-weight: 600;")
        row.addWidget(avatar)
        row.addWidget(name, 0)
        row.addWidget(handle_label, 1)
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


class ElidedLabel(QLabel):
    """One line of plain text that ends in "…" when the room is short, as feeds cut long
    names and handles; the full text stays in the tooltip and the accessible name."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(0)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 2, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(min(self.sizeHint().width(), self.fontMetrics().horizontalAdvance("…") * 4),
                     super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        elided = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        if elided != self.text():
            self.setText(elided)


def _clear_layout(layout: object) -> None:
    while layout.count():  # type: ignore[attr-defined]
        item = layout.takeAt(0)  # type: ignore[attr-defined]
        if item.widget() is not None:
            item.widget().hide()
            item.widget().deleteLater()
        elif item.layout() is not None:
            _clear_layout(item.layout())
