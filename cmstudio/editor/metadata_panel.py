"""The article's metadata: slug, excerpt with its SEO length guide, tags, categories, canonical URL,
featured image, language and status."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cmstudio.core.article_rows import ARTICLE_STATUSES
from cmstudio.core.errors import UserError
from cmstudio.core.slug import slugify
from cmstudio.editor.labels import BASE_LANGUAGES, add_languages, status_label
from cmstudio.editor.workers import run_task
from cmstudio.ui.theme import is_dark

# Google shows roughly 155–160 characters of a meta description on desktop results
# (https://developers.google.com/search/docs/appearance/snippet: no fixed limit; 155 is the usual guide).
EXCERPT_TARGET = 155
EXCERPT_MIN = 70


def _thumbnails(items: list[tuple[int, str]], size: int) -> dict[int, bytes]:
    """PNG thumbnails made with Pillow: worker threads stay free of Qt objects."""
    from cmstudio.editor.images import thumbnail_png

    out: dict[int, bytes] = {}
    for media_id, path in items:
        try:
            out[media_id] = thumbnail_png(path, size)
        except UserError:
            continue
    return out


class MetadataPanel(QWidget):
    """Edits everything about an article except its title and text; reports changes by field."""

    changed = Signal(dict)  # {field name: new value}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleMetadata")
        self.setAccessibleName(self.tr("Article details"))
        self._loading = False
        self._slug_manual = False
        self._build()
        self._connect()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)

        self.status = QComboBox(self)
        self.status.setObjectName("articleStatus")
        for status in ARTICLE_STATUSES:
            self.status.addItem(status_label(status), status)
        self.language = QComboBox(self)
        self.language.setObjectName("articleLanguage")
        add_languages(self.language, BASE_LANGUAGES)  # the others once the view is on screen
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.language, 1)
        form.addRow(self._label(self.tr("Status and language")), row)

        self.slug = QLineEdit(self)
        self.slug.setObjectName("articleSlug")
        self.slug.setAccessibleName(self.tr("Slug"))
        self.slug_reset = QToolButton(self)
        self.slug_reset.setText(self.tr("Auto"))
        self.slug_reset.setToolTip(self.tr("Derive the slug from the title again"))
        slug_row = QHBoxLayout()
        slug_row.addWidget(self.slug, 1)
        slug_row.addWidget(self.slug_reset)
        form.addRow(self._label(self.tr("Slug")), slug_row)

        self.excerpt = QPlainTextEdit(self)
        self.excerpt.setObjectName("articleExcerpt")
        self.excerpt.setAccessibleName(self.tr("Excerpt"))
        self.excerpt.setTabChangesFocus(True)
        self.excerpt.setFixedHeight(96)
        self.excerpt.setPlaceholderText(
            self.tr("A sentence or two that sums the article up for search engines")
        )
        self.excerpt_guide = QLabel(self)
        self.excerpt_guide.setObjectName("excerptGuide")
        form.addRow(self._label(self.tr("Excerpt (meta description)")), self.excerpt)
        form.addRow(self.excerpt_guide)

        self.tags = QLineEdit(self)
        self.tags.setObjectName("articleTags")
        self.tags.setPlaceholderText(self.tr("comma, separated, tags"))
        form.addRow(self._label(self.tr("Tags")), self.tags)
        self.categories = QLineEdit(self)
        self.categories.setObjectName("articleCategories")
        form.addRow(self._label(self.tr("Categories")), self.categories)
        self.canonical = QLineEdit(self)
        self.canonical.setObjectName("articleCanonical")
        self.canonical.setPlaceholderText("https://")
        form.addRow(self._label(self.tr("Canonical URL")), self.canonical)

        self.featured = QComboBox(self)
        self.featured.setObjectName("articleFeaturedImage")
        self.featured.setIconSize(QSize(40, 40))
        form.addRow(self._label(self.tr("Featured image")), self.featured)
        self.featured_preview = QLabel(self)
        self.featured_preview.setObjectName("featuredPreview")
        self.featured_preview.setMinimumHeight(0)
        form.addRow(self.featured_preview)
        outer.addStretch(1)
        self._thumbs: dict[int, QImage] = {}
        self._media: tuple[list[tuple[int, str, str]], Path | None] = ([], None)
        self.loading_thumbnails = 0

    def _label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = label.font()
        font.setWeight(font.Weight.DemiBold)
        label.setFont(font)
        return label

    def _connect(self) -> None:
        self.status.currentIndexChanged.connect(lambda _i: self._emit(status=self.status.currentData()))
        self.language.currentIndexChanged.connect(lambda _i: self._emit(language=self.language.currentData()))
        self.slug.textEdited.connect(self._slug_edited)
        self.slug.editingFinished.connect(lambda: self._emit(slug=self.slug.text()))
        self.slug_reset.clicked.connect(self._slug_auto)
        self.excerpt.textChanged.connect(self._excerpt_changed)
        self.tags.textEdited.connect(lambda text: self._emit(tags=self._split(text)))
        self.categories.textEdited.connect(lambda text: self._emit(categories=self._split(text)))
        self.canonical.editingFinished.connect(
            lambda: self._emit(canonical_url=self.canonical.text().strip())
        )
        self.featured.currentIndexChanged.connect(self._featured_changed)

    @staticmethod
    def _split(text: str) -> list[str]:
        return [part.strip() for part in text.split(",") if part.strip()]

    def _emit(self, **fields: Any) -> None:
        if not self._loading:
            self.changed.emit(fields)

    # -- loading ------------------------------------------------------------------------------
    def load(
        self,
        article: Any,
        media: list[tuple[int, str, str]],
        media_dir: Path | None,
        tags: list[str],
        *,
        thumbnails: bool = True,
    ) -> None:
        """Show an article; ``media`` is (id, label, sha256) of the workspace's images. Without
        ``thumbnails``, pictures are drawn when :meth:`load_thumbnails` is called (after start-up)."""
        self._loading = True
        try:
            self.status.setCurrentIndex(max(0, self.status.findData(article.status)))
            add_languages(self.language, (article.language,))
            self.language.setCurrentIndex(self.language.findData(article.language))
            self.slug.setText(article.slug)
            auto = slugify(article.title) or "article"
            self._slug_manual = auto not in (article.slug, re.sub(r"-\d+$", "", article.slug))
            self.excerpt.setPlainText(article.excerpt or "")
            self.tags.setText(", ".join(article.tags or ()))
            completer = QCompleter(tags, self.tags)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.tags.setCompleter(completer)
            self.categories.setText(", ".join(article.categories or ()))
            self.canonical.setText(article.canonical_url or "")
            self.canonical.setCursorPosition(0)
            self.featured.clear()
            self.featured.addItem(self.tr("None"), None)
            for media_id, label, _sha in media:
                self.featured.addItem(label, media_id)
            self.featured.setCurrentIndex(max(0, self.featured.findData(article.featured_media_id)))
            self._update_guide()
        finally:
            self._loading = False
        self._media = (media, media_dir)
        if thumbnails:
            self.load_thumbnails()
        self._show_featured()

    def load_thumbnails(self) -> None:
        """Make the missing thumbnails of the loaded media, on a worker thread."""
        media, media_dir = self._media
        if media_dir is None:
            return
        from cmstudio.core.article_io import media_path

        items = []
        for media_id, _label, sha in media:
            if media_id in self._thumbs:
                continue
            path = media_path(media_dir, sha)
            if path is not None:
                items.append((media_id, str(path)))
        if items:
            self.loading_thumbnails += 1
            run_task(_thumbnails, items, 240, on_done=self._thumbnails_ready)

    def add_languages(self, codes: tuple[str, ...]) -> None:
        add_languages(self.language, codes)

    def _thumbnails_ready(self, thumbs: dict[int, bytes]) -> None:
        self.loading_thumbnails -= 1
        self._thumbs.update({key: QImage.fromData(data) for key, data in thumbs.items()})
        for i in range(self.featured.count()):
            image = self._thumbs.get(self.featured.itemData(i))
            if image is not None:
                self.featured.setItemIcon(i, QIcon(QPixmap.fromImage(image)))
        self._show_featured()

    # -- reactions ----------------------------------------------------------------------------
    def title_changed(self, title: str) -> None:
        """Keep the slug derived from the title until the user edits it by hand."""
        if not self._slug_manual:
            self.slug.setText(slugify(title))
            self._emit(slug=self.slug.text())

    def _slug_edited(self, text: str) -> None:
        self._slug_manual = True
        self._emit(slug=text)

    def _slug_auto(self) -> None:
        self._slug_manual = False
        self._emit(slug="")  # empty: the service derives it from the title

    def set_slug(self, slug: str) -> None:
        if not self.slug.hasFocus():
            self.slug.setText(slug)

    def _excerpt_changed(self) -> None:
        self._update_guide()
        self._emit(excerpt=self.excerpt.toPlainText())

    def _update_guide(self) -> None:
        n = len(self.excerpt.toPlainText().strip())
        if n == 0:
            hint, tone = self.tr("Empty: search engines will pick a sentence themselves"), "muted"
        elif n < EXCERPT_MIN:
            hint, tone = (
                self.tr("%1 characters — a little short (aim for about 155)").replace("%1", str(n)),
                "warn",
            )
        elif n <= EXCERPT_TARGET + 5:
            hint, tone = self.tr("%1 / 155 characters — a good length").replace("%1", str(n)), "ok"
        else:
            hint, tone = (
                self.tr("%1 / 155 characters — search results will cut it").replace("%1", str(n)),
                "bad",
            )
        dark = is_dark()
        colors = {
            "ok": "#5fbf77" if dark else "#2e7d32",
            "warn": "#e0a84f" if dark else "#a15c00",
            "bad": "#ff7b72" if dark else "#c62828",
            "muted": self.palette().color(QPalette.ColorRole.PlaceholderText).name(),
        }
        self.excerpt_guide.setText(hint)
        self.excerpt_guide.setStyleSheet(f"color: {colors[tone]};")
        self.excerpt_guide.setProperty("tone", tone)

    def _featured_changed(self, _index: int) -> None:
        self._show_featured()
        self._emit(featured_media_id=self.featured.currentData())

    def _show_featured(self) -> None:
        image = self._thumbs.get(self.featured.currentData())
        if image is None:
            self.featured_preview.clear()
            self.featured_preview.setFixedHeight(0)
            return
        pixmap = QPixmap.fromImage(image)
        self.featured_preview.setFixedHeight(pixmap.height() + 8)
        self.featured_preview.setPixmap(pixmap)
