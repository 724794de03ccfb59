"""The Articles section: the list, the Markdown editor, and a side panel with the preview, the
article's details and its outline. Wiring only; each part lives in its own module."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QLocale, QPoint, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QImage
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cmstudio.editor import labels
from cmstudio.editor.actions import build_actions, build_toolbar
from cmstudio.editor.article_list import ArticleListPanel
from cmstudio.editor.autosave import ArticleSession
from cmstudio.editor.find_bar import FindBar
from cmstudio.editor.markdown_editor import MarkdownEditor
from cmstudio.editor.metadata_panel import MetadataPanel
from cmstudio.editor.preview import RENDER_MODULES, PreviewPane, Rendered
from cmstudio.editor.workers import deliver_now
from cmstudio.ui.studio import ARTICLES, MEDIA, WORKSPACES, Studio

if TYPE_CHECKING:
    from cmstudio.editor.file_ops import FileOps

PREVIEW_DELAY_MS = 300
# What the view loads once it is on screen (studio.ready), one module per turn of the event loop:
# the preview's renderer, the spell checker, the picture tools. Until then no preview, underline or
# thumbnail is drawn; the list, the title, the text and the details are there from the first paint.
WARM_UP_MODULES = (*RENDER_MODULES, "cmstudio.core.spell", "cmstudio.editor.images")


class ArticlesView(QWidget):
    """Write blog articles in Markdown; everything is saved as you go."""

    articleOpened = Signal(int)

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.setObjectName("articlesView")
        self.setAccessibleName(self.tr("Articles"))
        self._language = "fr"
        self._personal: frozenset[str] = frozenset()
        self._saving = False
        self._warm = False
        self._warming = False
        self._files: FileOps | None = None
        self.actions = build_actions(self)
        self._build()
        self.session = ArticleSession(studio, self.editor, self.title_edit, self)
        self._connect()
        self._load_preferences()
        self.refresh_list()
        self._set_editing_enabled(False)
        first = self.list_panel.model.rows[0].id if self.list_panel.model.rows else 0
        if first:
            self.list_panel.select(first)
        if studio.is_ready():
            QTimer.singleShot(0, self, self._warm_up)
        else:
            studio.ready.connect(self._warm_up)

    @property
    def files(self) -> FileOps:
        """Import, export, pictures, history and trash (loaded on first use)."""
        if self._files is None:
            from cmstudio.editor.file_ops import FileOps

            self._files = FileOps(self)
        return self._files

    def _warm_up(self, step: int = 0) -> None:
        """Load what the first paint did without, then draw the preview, underlines and thumbnails."""
        if self._warm or (self._warming and step == 0):
            return
        self._warming = True
        if step < len(WARM_UP_MODULES):
            importlib.import_module(WARM_UP_MODULES[step])
            QTimer.singleShot(0, self, lambda: self._warm_up(step + 1))
            return
        self._warm = True
        languages = labels.languages()
        self.list_panel.add_languages(languages)
        self.metadata.add_languages(languages)
        self.configure_spelling()
        self.metadata.load_thumbnails()
        self.render_preview()

    # -- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        a = self.actions
        self.more_menu = QMenu(self)
        self.more_menu.setObjectName("editorMoreMenu")
        for action in (
            a.find,
            a.replace,
            a.history,
            a.save_revision,
            None,
            a.new_article,
            a.import_files,
            a.export_markdown,
            a.export_html,
            None,
            a.spelling,
            a.french_typography,
        ):
            if action is None:
                self.more_menu.addSeparator()
            else:
                self.more_menu.addAction(action)

        self.list_panel = ArticleListPanel(self)

        center = QWidget(self)
        center.setObjectName("editorColumn")
        column = QVBoxLayout(center)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.toolbar = build_toolbar(center, a, self.more_menu)
        column.addWidget(self.toolbar)
        self.title_edit = QLineEdit(center)
        self.title_edit.setObjectName("articleTitle")
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setPlaceholderText(self.tr("Title"))
        self.title_edit.setFrame(False)
        title_font = QFont(self.title_edit.font())
        title_font.setPointSizeF(max(title_font.pointSizeF(), 10.0) + 7)
        title_font.setWeight(QFont.Weight.Bold)
        self.title_edit.setFont(title_font)
        self.title_edit.setTextMargins(0, 10, 0, 4)
        title_row = QHBoxLayout()
        title_row.setContentsMargins(0, 8, 0, 0)
        title_row.addStretch(1)
        title_row.addWidget(self.title_edit, 100)
        title_row.addStretch(1)
        self.title_edit.setMaximumWidth(760 - 36)
        column.addLayout(title_row)
        self.editor = MarkdownEditor(center)
        column.addWidget(self.editor, 1)
        self.find_bar = FindBar(self.editor, center)
        column.addWidget(self.find_bar)
        footer = QHBoxLayout()
        footer.setContentsMargins(16, 6, 16, 8)
        self.stats_label = QLabel(center)
        self.stats_label.setObjectName("articleStats")
        self.save_label = QLabel(center)
        self.save_label.setObjectName("saveState")
        for label in (self.stats_label, self.save_label):
            label.setForegroundRole(label.foregroundRole().PlaceholderText)
        footer.addWidget(self.stats_label, 1)
        footer.addWidget(self.save_label)
        column.addLayout(footer)

        self.side = QTabWidget(self)
        self.side.setObjectName("articleSideTabs")
        self.side.setDocumentMode(True)
        self.preview = PreviewPane(self.side)
        self.metadata = MetadataPanel()
        details = QScrollArea(self.side)
        details.setObjectName("articleDetailsScroll")
        details.setWidgetResizable(True)
        details.setFrameShape(QScrollArea.Shape.NoFrame)
        details.setWidget(self.metadata)
        self.outline = QListWidget(self.side)
        self.outline.setObjectName("articleOutline")
        self.outline.setAccessibleName(self.tr("Outline"))
        self.outline.setFrameShape(QListWidget.Shape.NoFrame)
        self.outline.setSpacing(2)
        self.side.addTab(self.preview, self.tr("Preview"))
        self.side.addTab(details, self.tr("Details"))
        self.side.addTab(self.outline, self.tr("Outline"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("articlesSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([320, 660, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(30)
        self._scroll_timer.timeout.connect(lambda: self._scroll_timer.setInterval(30))

    def _connect(self) -> None:
        a, ed = self.actions, self.editor
        a.bold.triggered.connect(lambda: ed.toggle_wrap("**", self.tr("bold text")))
        a.italic.triggered.connect(lambda: ed.toggle_wrap("*", self.tr("italic text")))
        a.link.triggered.connect(lambda: ed.insert_link())
        a.h1.triggered.connect(lambda: ed.set_heading(1))
        a.h2.triggered.connect(lambda: ed.set_heading(2))
        a.h3.triggered.connect(lambda: ed.set_heading(3))
        a.bullets.triggered.connect(lambda: ed.toggle_list(False))
        a.numbers.triggered.connect(lambda: ed.toggle_list(True))
        a.quote.triggered.connect(ed.toggle_quote)
        a.image.triggered.connect(lambda: self.files.insert_image_dialog())
        a.find.triggered.connect(lambda: self.find_bar.open(False))
        a.replace.triggered.connect(lambda: self.find_bar.open(True))
        a.focus.toggled.connect(self.set_focus_mode)
        a.history.triggered.connect(lambda: self.files.show_history())
        a.save_revision.triggered.connect(lambda: self.session.save("manual"))
        a.new_article.triggered.connect(self.new_article)
        a.import_files.triggered.connect(lambda: self.files.import_dialog())
        a.export_markdown.triggered.connect(lambda: self.files.export_dialog("md"))
        a.export_html.triggered.connect(lambda: self.files.export_dialog("html"))
        a.french_typography.toggled.connect(self._french_toggled)
        a.spelling.toggled.connect(self._spelling_toggled)

        lp = self.list_panel
        lp.queryChanged.connect(self.refresh_list)
        lp.currentArticleChanged.connect(self.open_article)
        lp.newRequested.connect(self.new_article)
        lp.importRequested.connect(lambda paths: self.files.import_files(paths))
        lp.contextMenuRequested.connect(self._list_menu)

        ed.document().contentsChange.connect(self._text_changed)
        ed.focusLost.connect(lambda: self.session.save())
        ed.imageFilesDropped.connect(lambda paths: self.files.add_image_files(paths))
        ed.imagePasted.connect(self._image_pasted)
        ed.addWordRequested.connect(lambda word: self.files.add_to_dictionary(word))
        ed.verticalScrollBar().valueChanged.connect(lambda _v: self._scroll_timer.start())
        self._scroll_timer.timeout.connect(self._sync_preview_scroll)
        self._preview_timer.timeout.connect(self.render_preview)
        self.preview.rendered.connect(self._rendered)
        self.title_edit.textEdited.connect(self.metadata.title_changed)
        self.title_edit.editingFinished.connect(lambda: self.session.save())
        self.metadata.changed.connect(self._metadata_changed)
        self.outline.itemActivated.connect(self._outline_jump)
        self.outline.itemClicked.connect(self._outline_jump)
        self.session.saved.connect(self._saved)
        self.session.saveFailed.connect(self._save_failed)
        self.session.dirtyChanged.connect(
            lambda dirty: self.save_label.setText(self.tr("Editing…") if dirty else self.tr("Saved"))
        )
        self.studio.dataChanged.connect(self._data_changed)
        self.studio.workspaceChanged.connect(self._workspace_changed)

    def _load_preferences(self) -> None:
        settings = self.studio.settings
        for action, key, default in (
            (self.actions.spelling, "editor/spelling", True),
            (self.actions.french_typography, self._french_key(), True),
        ):
            action.blockSignals(True)
            action.setChecked(str(settings.value(key, default)).lower() in ("true", "1"))
            action.blockSignals(False)

    def _french_key(self) -> str:
        return f"workspace/{self.studio.workspace_id}/frenchTypography"

    # -- list -----------------------------------------------------------------------------------
    def refresh_list(self) -> None:
        query, workspace_id = self.list_panel.query(), self.studio.workspace_id
        quick = self.studio.quick  # the start-up reader, until the database is open
        if quick is not None:
            rows = quick.article_summaries(workspace_id, query)
            tags = quick.workspace_tags(workspace_id)
        else:
            from cmstudio.core.articles import list_articles, workspace_tags

            with self.studio.session() as session:
                rows = list_articles(session, workspace_id, query)
                tags = workspace_tags(session, workspace_id)
        self.list_panel.set_tags(tags)
        self.list_panel.set_rows(rows, keep=self.session.article_id if hasattr(self, "session") else 0)

    def new_article(self) -> None:
        from cmstudio.core.articles import create_article

        self.session.save()
        with self.studio.session() as session:
            article = create_article(session, self.studio.workspace_id, title="")
            new_id = article.id
        self._notify()
        self.list_panel.search.clear()
        self.refresh_list()
        self.list_panel.select(new_id)
        self.open_article(new_id)
        self.title_edit.setFocus()

    def _list_menu(self, pos: QPoint) -> None:
        self.files.list_menu(self.list_panel.current_id(), self.list_panel.trash_button.isChecked()).exec(pos)

    # -- opening --------------------------------------------------------------------------------
    def open_article(self, article_id: int) -> None:
        if article_id == self.session.article_id:
            return
        self.session.save()
        self.session.start(0)
        if not article_id:
            self._clear_editor()
            return
        article, personal, media, tags = self._read_article(article_id)
        self._language = article.language
        self.configure_spelling(personal)
        self.title_edit.setText(article.title)
        self.title_edit.setCursorPosition(0)
        self.editor.setPlainText(article.markdown)
        self.metadata.load(article, media, self.studio.media_dir, tags, thumbnails=self._warm)
        self.session.start(article_id)
        self.session.saved_slug = article.slug
        self.save_label.setText(self.tr("Saved"))
        self._set_editing_enabled(article.deleted_at is None)
        self.render_preview()
        self.articleOpened.emit(article_id)

    def _read_article(self, article_id: int) -> tuple[object, list[str], list[tuple[int, str, str]], list[str]]:
        """The article (an ORM Article or, at start-up, a quickread.ArticleRecord with the same
        fields), the workspace's personal words, its media (id, label, sha256) and its tags."""
        quick, workspace_id = self.studio.quick, self.studio.workspace_id
        if quick is not None:
            record = quick.article(article_id)
            if record is not None:
                media = [(m.id, m.alt_text or m.original_name or m.sha256[:10], m.sha256)
                         for m in quick.media(workspace_id)]
                return (record, quick.personal_dictionary(workspace_id), media,
                        quick.workspace_tags(workspace_id))
        from sqlalchemy import select

        from cmstudio.core.articles import get_article, workspace_tags
        from cmstudio.core.models import MediaAsset

        with self.studio.session() as session:
            article = get_article(session, article_id)
            workspace = self.studio.workspace(session)
            personal = list(workspace.personal_dictionary or ())
            media = [
                (m.id, m.alt_text or m.original_name or m.sha256[:10], m.sha256)
                for m in session.scalars(
                    select(MediaAsset).where(MediaAsset.workspace_id == workspace.id).order_by(MediaAsset.id)
                )
            ]
            tags = workspace_tags(session, workspace.id)
        return article, personal, media, tags

    def _clear_editor(self) -> None:
        self.title_edit.clear()
        self.editor.clear()
        self.outline.clear()
        self.stats_label.clear()
        self.save_label.clear()
        self.preview.clear()
        self._set_editing_enabled(False)

    def _set_editing_enabled(self, enabled: bool) -> None:
        self.editor.setReadOnly(not enabled)
        self.title_edit.setReadOnly(not enabled)
        self.metadata.setEnabled(enabled)
        self.toolbar.setEnabled(enabled)

    # -- typing, saving ---------------------------------------------------------------------------
    def _text_changed(self, _pos: int, removed: int, added: int) -> None:
        if removed or added:
            self._preview_timer.start()

    def _metadata_changed(self, fields: dict) -> None:
        self.session.change_fields(fields)
        if "language" in fields:
            self._language = fields["language"]
            self.configure_spelling()
            self.render_preview()

    def _saved(self, summary: object) -> None:
        self.metadata.set_slug(self.session.saved_slug)
        model = self.list_panel.model
        row = model.row_of(self.session.article_id)
        if row >= 0:
            model.rows[row] = summary  # type: ignore[call-overload]
            model.dataChanged.emit(model.index(row), model.index(row))
        self._notify()

    def _save_failed(self, message: str) -> None:
        self.save_label.setText(self.tr("Not saved"))
        self.studio.show_status(message)

    def _notify(self) -> None:
        self._saving = True
        try:
            self.studio.notify({ARTICLES})
        finally:
            self._saving = False

    def _data_changed(self, kinds: frozenset[str]) -> None:
        if self._saving:
            return
        if ARTICLES in kinds or WORKSPACES in kinds:
            self.refresh_list()
        if MEDIA in kinds and self.session.article_id:
            self.render_preview()

    def _workspace_changed(self, _workspace_id: int) -> None:
        self.session.save()
        self.session.start(0)
        self._load_preferences()
        self._clear_editor()
        self.refresh_list()
        if self.list_panel.model.rows:
            self.list_panel.select(self.list_panel.model.rows[0].id)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self.session.save()
        super().hideEvent(event)

    def prepare_close(self) -> None:
        if self.session.is_dirty():
            self.session.save("close")

    # -- preview ----------------------------------------------------------------------------------
    def french_typography(self) -> bool:
        return self.actions.french_typography.isChecked() and self._language.startswith("fr")

    def render_preview(self) -> None:
        self._preview_timer.stop()
        if not self._warm:
            return  # the view's warm-up renders once the renderer is loaded
        if self.session.article_id or self.editor.toPlainText():
            self.preview.request(
                self.editor.toPlainText(), self._language, self.studio.media_dir, self.french_typography()
            )

    def _rendered(self, result: Rendered) -> None:
        locale = QLocale()
        s = result.stats
        self.stats_label.setText(
            self.tr("%1 words · %2 characters · %3 min read")
            .replace("%1", locale.toString(s.words))
            .replace("%2", locale.toString(s.characters))
            .replace("%3", locale.toString(max(1, s.reading_minutes) if s.words else 0))
        )
        self.outline.clear()
        for heading in result.headings:
            item = QListWidgetItem("    " * (heading.level - 1) + heading.title)
            item.setData(Qt.ItemDataRole.UserRole, heading.line)
            font = item.font()
            font.setBold(heading.level == 1)
            item.setFont(font)
            self.outline.addItem(item)
        self._scroll_timer.start(0)  # after the new text is painted: aligning may lay out the whole page

    def _sync_preview_scroll(self) -> None:
        self.preview.follow(self.editor.top_block_number(), self.editor.blockCount())

    def _outline_jump(self, item: QListWidgetItem) -> None:
        self.editor.scroll_to_line(int(item.data(Qt.ItemDataRole.UserRole)))

    def _french_toggled(self, on: bool) -> None:
        self.studio.settings.setValue(self._french_key(), on)
        self.render_preview()

    def _spelling_toggled(self, on: bool) -> None:
        self.studio.settings.setValue("editor/spelling", on)
        self.configure_spelling()

    def configure_spelling(self, personal: Iterable[str] | None = None) -> None:
        """Check the text in the article's language with the workspace's words (``personal``: they
        changed), if Spelling is on. Applied once the view is warm (see :meth:`_warm_up`)."""
        if personal is not None:
            self._personal = frozenset(str(w) for w in personal)
        if self._warm:
            self.editor.spell.configure(self._language, self._personal, enabled=self.actions.spelling.isChecked())

    def _image_pasted(self, image: QImage) -> None:
        self.files.add_clipboard_image(image)

    # -- modes ------------------------------------------------------------------------------------
    def set_focus_mode(self, on: bool) -> None:
        """Only the text: the list and the side panel step aside."""
        self.list_panel.setVisible(not on)
        self.side.setVisible(not on)
        if self.actions.focus.isChecked() != on:
            self.actions.focus.setChecked(on)
        self.editor.setFocus()

    # -- snapshots and tests ----------------------------------------------------------------------
    def prepare_snapshot(self, view_name: str) -> None:
        rows = self.list_panel.model.rows
        pick = next((r for r in rows if r.status == "published"), rows[0] if rows else None)
        if pick is not None:
            self.list_panel.select(pick.id)
            self.open_article(pick.id)
        self.side.setCurrentIndex(1 if view_name == "articles" else 0)

    def wait_until_idle(self, timeout_ms: int = 15000) -> bool:
        """Block (processing events) until the preview and the spell check are done."""
        self.studio.finish_loading()
        self._warm_up()
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.start(timeout_ms)
        app = QApplication.instance()
        while deadline.isActive():
            if not self._busy():
                app.processEvents()  # type: ignore[union-attr]
                if not self._busy():
                    return True
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)  # type: ignore[union-attr]
            deliver_now()
            QThread.msleep(5)
        return False

    def _busy(self) -> bool:
        return bool(
            not self._warm
            or self.preview.busy()
            or self._preview_timer.isActive()
            or self.editor.spell.busy()
            or self.metadata.loading_thumbnails
            or (self._files is not None and self._files.busy())
        )
