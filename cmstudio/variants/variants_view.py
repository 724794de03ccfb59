"""The Variants section: pick an article, choose networks, draft one post per network, edit each
with its exact counter and preview, and crop its images in the crop studio."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from cmstudio.core.errors import UserError
from cmstudio.core.models import Article, Variant
from cmstudio.core.networks import get_profile
from cmstudio.core.variants_service import (
    ArticleUpdate,
    account_for,
    apply_update,
    create_drafts,
    list_variants,
    media_file,
    offsets_from_parts,
    preview_update,
    profile_for,
    save_variant,
)
from cmstudio.variants.composer import VariantComposer, VariantData
from cmstudio.variants.crop_studio import DEFAULT_FOCAL, CropStudio
from cmstudio.variants.diff_dialog import DiffDialog
from cmstudio.variants.network_style import NetworkChips, fill, muted
from cmstudio.variants.render_worker import ImageHub

DEFAULT_NETWORKS = ("x", "bluesky", "mastodon", "linkedin", "instagram_feed")
_KINDS = frozenset({"articles", "variants", "media", "workspaces"})


class VariantsView(QWidget):
    """Composer of per-network variants for one article at a time."""

    def __init__(self, studio: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("variantsView")
        self.studio = studio
        self.hub = ImageHub(self)
        self.cards: list[VariantComposer] = []
        self._own_change = False
        self._build()
        self._connect()
        self.reload_articles()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        title = QLabel(self.tr("Variants"), self)
        title.setObjectName("variantsTitle")
        title.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.article_combo = QComboBox(self)
        self.article_combo.setObjectName("variantArticleCombo")
        self.article_combo.setAccessibleName(self.tr("Article"))
        self.article_combo.setMinimumWidth(360)
        self.article_combo.setMaxVisibleItems(20)
        article_label = QLabel(self.tr("&Article"), self)
        article_label.setBuddy(self.article_combo)
        self.chips = NetworkChips(self)
        self.chips.set_selected(list(DEFAULT_NETWORKS))
        self.generate = QPushButton(self.tr("Generate drafts"), self)
        self.generate.setObjectName("generateDraftsButton")
        self.generate.setDefault(True)
        self.generate.setShortcut("Ctrl+G")
        self.generate.setToolTip(self.tr("One draft per chosen network (Ctrl+G)"))
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(title)
        top.addSpacing(18)
        top.addWidget(article_label)
        top.addWidget(self.article_combo, 1)
        top.addWidget(self.generate)
        chips_row = QHBoxLayout()
        chips_row.addWidget(self.chips, 1)
        self.cards_host = QWidget(self)
        self.cards_host.setObjectName("variantCards")
        self.cards_layout = QVBoxLayout(self.cards_host)
        self.cards_layout.setContentsMargins(0, 0, 8, 0)
        self.cards_layout.setSpacing(14)
        self.empty = QLabel(self.cards_host)
        self.empty.setObjectName("variantsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {muted(self)}; padding: 48px; font-size: 14px;")
        self.cards_layout.addWidget(self.empty)
        self.cards_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("variantScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.cards_host)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.crop_studio = CropStudio(self.studio, self.hub, self)
        self.crop_studio.setMinimumWidth(360)
        crop_frame = QFrame(self)
        crop_frame.setObjectName("cropFrame")
        crop_frame.setStyleSheet(
            "#cropFrame { background: palette(base); border: 1px solid palette(midlight);"
            " border-radius: 12px; }"
        )
        crop_layout = QVBoxLayout(crop_frame)
        crop_layout.setContentsMargins(0, 0, 0, 0)
        crop_layout.addWidget(self.crop_studio)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("variantsSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(crop_frame)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([880, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(chips_row)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.article_combo, self.chips)
        self.setTabOrder(self.chips, self.generate)

    def _connect(self) -> None:
        self.article_combo.currentIndexChanged.connect(self._on_article_changed)
        self.generate.clicked.connect(self.generate_drafts)
        self.crop_studio.mediaSaved.connect(self._on_media_saved)
        self.studio.workspaceChanged.connect(lambda _id: self.reload_articles())
        self._stale: frozenset[str] = frozenset()
        self.studio.dataChanged.connect(self._on_data_changed)

    # ------------------------------------------------------------------ loading

    def article_id(self) -> int | None:
        value = self.article_combo.currentData()
        return int(value) if value is not None else None

    def reload_articles(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.article_id()
        with self.studio.session() as session:
            rows = session.execute(
                select(Article.id, Article.title)
                .where(Article.workspace_id == self.studio.workspace_id, Article.deleted_at.is_(None))
                .order_by(Article.updated_at.desc(), Article.id.desc())
            ).all()
        with QSignalBlocker(self.article_combo):
            self.article_combo.clear()
            for article_id, title in rows:
                self.article_combo.addItem(title or self.tr("(untitled)"), article_id)
            index = self.article_combo.findData(keep) if keep is not None else -1
            self.article_combo.setCurrentIndex(index if index >= 0 else (0 if rows else -1))
        self.generate.setEnabled(bool(rows))
        self.reload_variants()

    def select_article(self, article_id: int) -> None:
        index = self.article_combo.findData(article_id)
        if index >= 0:
            self.article_combo.setCurrentIndex(index)

    def _on_article_changed(self, _index: int) -> None:
        self.save_all()
        self.reload_variants()

    def reload_variants(self) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        article_id = self.article_id()
        if article_id is None:
            self.empty.setText(self.tr("Write an article first: its variants are drafted from it."))
            self.empty.setVisible(True)
            self.crop_studio.set_variant(None)
            return
        with self.studio.session() as session:
            variants = list_variants(session, self.studio.workspace_id, article_id)
            loaded = [
                (self._data(session, v), profile_for(session, v.workspace_id, v.network, v.account_id))
                for v in variants
            ]
        for data, profile in loaded:
            card = VariantComposer(data, profile, self.hub, self.cards_host)
            card.selected.connect(self._on_card_selected)
            card.saveRequested.connect(self.save_card)
            card.updateRequested.connect(self.update_from_article)
            self.cards_layout.insertWidget(self.cards_layout.count() - 1, card)
            self.cards.append(card)
        self.empty.setVisible(not self.cards)
        self.empty.setText(self.tr("No variant yet. Choose networks above and click “Generate drafts”."))
        self.crop_studio.set_variant(self._first_with_media())

    def _data(self, session: Any, variant: Variant) -> VariantData:
        account = account_for(session, variant.workspace_id, variant.network, variant.account_id)
        workspace = self.studio.workspace(session)
        media = []
        focal: dict[str, tuple[float, float]] = {}
        for link in variant.media:
            try:
                path = media_file(self.studio.db.media_dir, link.asset)
            except UserError:
                path = None
            box = tuple(link.crop["box"]) if link.crop and link.crop.get("box") else None
            media.append((link.asset.sha256, path, box))
            point = (link.asset.focal_x, link.asset.focal_y)
            if point != DEFAULT_FOCAL:
                focal[link.asset.sha256] = point
        link_url = ""
        if get_profile(variant.network).link_field and variant.article is not None:
            link_url = variant.article.canonical_url
        return VariantData(
            id=variant.id,
            network=variant.network,
            text=variant.text,
            offsets=offsets_from_parts(variant.text, variant.thread_parts or []),
            status=variant.status,
            content_warning=variant.content_warning or "",
            title=variant.title or "",
            author=account.name
            if account and account.name not in ("", get_profile(variant.network).display_name)
            else workspace.name,
            handle=account.handle if account else "",
            link=link_url,
            media=media,
            has_article=variant.article_id is not None,
            focal=focal,
        )

    def _first_with_media(self) -> int | None:
        for card in self.cards:
            if card.data.media:
                return card.data.id
        return self.cards[0].data.id if self.cards else None

    def card(self, variant_id: int) -> VariantComposer | None:
        return next((c for c in self.cards if c.data.id == variant_id), None)

    # ------------------------------------------------------------------ operations

    def generate_drafts(self) -> list[int]:
        """Draft one variant per chosen network for the current article."""
        article_id = self.article_id()
        networks = self.chips.selected()
        if article_id is None:
            return []
        if not networks:
            self.studio.show_status(self.tr("Choose at least one network."))
            return []
        self.save_all()
        try:
            with self.studio.session() as session:
                made = create_drafts(session, self.studio.workspace_id, article_id, networks)
                ids = [v.id for v in made]
        except UserError as exc:
            self.studio.show_status(str(exc))
            return []
        self._notify({"variants"})
        self.reload_variants()
        self.studio.show_status(fill(self.tr("%1 drafts created."), len(ids)))
        return ids

    def save_card(self, variant_id: int) -> bool:
        card = self.card(variant_id)
        if card is None:
            return False
        try:
            with self.studio.session() as session:
                save_variant(
                    session,
                    variant_id,
                    text=card.text(),
                    thread_parts=card.thread_parts(),
                    status=card.status_value(),
                    content_warning=card.content_warning(),
                    title=card.title(),
                )
        except UserError as exc:
            self.studio.show_status(str(exc))
            return False
        card.mark_saved()
        self._notify({"variants"})
        return True

    def save_all(self) -> None:
        for card in list(self.cards):
            if card.dirty:
                self.save_card(card.data.id)

    def update_from_article(self, variant_id: int) -> bool:
        """Show the changes the article brings; apply them if the user agrees."""
        card = self.card(variant_id)
        if card is None or (card.dirty and not self.save_card(variant_id)):
            return False
        try:
            with self.studio.session() as session:
                update = preview_update(session, variant_id)
        except UserError as exc:
            self.studio.show_status(str(exc))
            return False
        if not update.changed:
            self.studio.show_status(self.tr("This variant already matches the article."))
            return False
        if not self.confirm_update(card, update):
            return False
        with self.studio.session() as session:
            apply_update(session, update)
        card.set_text(update.new_text)
        card.mark_saved()
        self._notify({"variants"})
        return True

    def confirm_update(self, card: VariantComposer, update: ArticleUpdate) -> bool:
        dialog = DiffDialog(card.profile.display_name, update.ops, self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    # ------------------------------------------------------------------ signals

    def _on_card_selected(self, variant_id: int) -> None:
        if self.crop_studio.variant_id != variant_id:
            self.crop_studio.set_variant(variant_id)

    def _on_media_saved(self, variant_id: int) -> None:
        card = self.card(variant_id)
        if card is not None:
            with self.studio.session() as session:
                variant = session.get(Variant, variant_id)
                if variant is not None:
                    data = self._data(session, variant)
                    card.set_media(data.media, data.focal)
        self._notify({"variants", "media"})

    def _notify(self, kinds: set[str]) -> None:
        self._own_change = True
        try:
            self.studio.notify(kinds)
        finally:
            self._own_change = False

    def _on_data_changed(self, kinds: frozenset[str]) -> None:
        if self._own_change or not (kinds & _KINDS):
            return
        if not self.isVisible():
            # Hidden (another section is shown): remember what to reload when it comes back,
            # rather than rebuilding every composer after each calendar drop.
            self._stale = self._stale | kinds
            return
        self._apply_changes(kinds)

    def _apply_changes(self, kinds: frozenset[str]) -> None:
        if "articles" in kinds or "workspaces" in kinds:
            self.reload_articles()
        elif not any(card.dirty for card in self.cards):
            self.reload_variants()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        if self._stale:
            kinds, self._stale = self._stale, frozenset()
            self._apply_changes(kinds)

    # ------------------------------------------------------------------ shell hooks

    def prepare_close(self) -> None:
        self.crop_studio.flush()
        self.save_all()

    def prepare_snapshot(self, view_name: str) -> None:
        """Open an article that has drafts with an image, so the screen shows real content."""
        with self.studio.session() as session:
            workspace_id = self.studio.workspace_id
            articles = session.scalars(
                select(Article)
                .where(
                    Article.workspace_id == workspace_id,
                    Article.deleted_at.is_(None),
                    Article.featured_media_id.is_not(None),
                )
                .order_by(Article.id)
            ).all()
            chosen = next(
                (a for a in articles if any(v.media for v in a.variants if v.deleted_at is None)), None
            )
            if chosen is None and articles:
                chosen = next((a for a in articles if a.status in ("draft", "ready")), articles[0])
                have = {v.network for v in chosen.variants}
                wanted = [n for n in ("x", "bluesky", "instagram_feed") if n not in have]
                if wanted:
                    create_drafts(session, workspace_id, chosen.id, wanted)
            chosen_id = chosen.id if chosen is not None else None
        if chosen_id is not None:
            self.reload_articles(keep=chosen_id)

    def wait_until_idle(self) -> None:
        """Let image loads and renditions finish (snapshots and tests only)."""
        for _ in range(3):
            self.hub.wait()
            for card in self.cards:
                card.flush_preview()
        self.hub.wait()
