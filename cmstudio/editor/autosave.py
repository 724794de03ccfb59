"""Autosave: the open article reaches the database ~1.5 s after typing stops, and at once when the
editor loses focus, the section changes or the window closes. Saving never touches the editor's
document, so undo and redo keep working across saves."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from cmstudio.core.article_rows import ArticleSummary
from cmstudio.core.errors import UserError
from cmstudio.ui.studio import Studio

log = logging.getLogger(__name__)
DELAY_MS = 1500


class ArticleSession(QObject):
    """The article being edited and what has changed since it was last saved."""

    saved = Signal(object)  # ArticleSummary
    saveFailed = Signal(str)
    dirtyChanged = Signal(bool)

    def __init__(
        self, studio: Studio, editor: QPlainTextEdit, title: QLineEdit, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.studio, self.editor, self.title = studio, editor, title
        self.article_id = 0
        self.pending: dict[str, Any] = {}
        self.text_dirty = False
        self.title_dirty = False
        self.saved_slug = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.save)
        editor.document().contentsChange.connect(self._contents_changed)
        title.textEdited.connect(self._title_edited)

    def start(self, article_id: int) -> None:
        """Follow another article (the caller has loaded its text without marking it dirty)."""
        self.article_id = article_id
        self.pending.clear()
        self.text_dirty = self.title_dirty = False
        self.timer.stop()
        self.dirtyChanged.emit(False)

    def is_dirty(self) -> bool:
        return bool(self.text_dirty or self.title_dirty or self.pending)

    def _contents_changed(self, _pos: int, removed: int, added: int) -> None:
        if self.article_id and (removed or added) and not self.signalsBlocked():
            self._touch()
            self.text_dirty = True

    def _title_edited(self, _text: str) -> None:
        if self.article_id:
            self.title_dirty = True
            self._touch()

    def change_fields(self, fields: dict[str, Any]) -> None:
        if self.article_id:
            self.pending.update(fields)
            self._touch()

    def _touch(self) -> None:
        if not self.is_dirty():
            self.dirtyChanged.emit(True)
        self.timer.start()

    def save(self, reason: str = "autosave") -> ArticleSummary | None:
        """Write what changed; with a reason other than autosave, always keep a revision."""
        self.timer.stop()
        if not self.article_id or (not self.is_dirty() and reason == "autosave"):
            return None
        from cmstudio.core.articles import summary_of, update_article

        fields = dict(self.pending)
        if self.text_dirty or reason != "autosave":
            fields["markdown"] = self.editor.toPlainText()
        if self.title_dirty or reason != "autosave":
            fields["title"] = self.title.text()
        try:
            with self.studio.session() as session:
                article = update_article(session, self.article_id, reason=reason, **fields)
                summary = summary_of(article)
                self.saved_slug = article.slug
        except UserError as exc:
            # A field the user typed is not valid (a canonical URL, say): keep the text, drop the field.
            for name in ("canonical_url", "language", "status", "slug", "featured_media_id"):
                self.pending.pop(name, None)
            self.saveFailed.emit(str(exc))
            if fields.keys() & {"canonical_url", "language", "status", "slug", "featured_media_id"}:
                return self.save(reason)
            return None
        except Exception as exc:  # the database is gone or locked: keep the changes, try again soon
            log.exception("autosave failed")
            self.saveFailed.emit(str(exc))
            self.timer.start()
            return None
        self.pending.clear()
        self.text_dirty = self.title_dirty = False
        self.dirtyChanged.emit(False)
        self.saved.emit(summary)
        return summary
