"""What the Articles view does with files, dialogs and the trash: import, export, pictures, history,
personal dictionary, duplicate and delete. Kept apart so the view stays wiring only."""

from __future__ import annotations

from collections import deque
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from cmstudio.core.article_io import ExportOptions, export_html, export_markdown, import_markdown_file
from cmstudio.core.articles import (
    duplicate_article,
    empty_trash,
    get_article,
    list_revisions,
    purge_article,
    restore_article,
    trash_article,
)
from cmstudio.core.errors import UserError
from cmstudio.editor import images
from cmstudio.editor.history_dialog import HistoryDialog, RevisionRow
from cmstudio.editor.workers import run_task

if TYPE_CHECKING:
    from cmstudio.editor.articles_view import ArticlesView

IMAGE_FILTER = "*.jpg *.jpeg *.png *.gif *.webp *.heic *.heif *.avif *.tif *.tiff *.bmp"


class FileOps:
    def __init__(self, view: ArticlesView) -> None:
        self.view = view
        self._image_queue: deque[tuple[Path | bytes, str]] = deque()
        self._ingesting = False

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return self.view.tr(text, disambiguation, n)

    # -- import / export --------------------------------------------------------------------------
    def import_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.view,
            self.tr("Import Markdown files"),
            "",
            self.tr("Markdown files") + " (*.md *.markdown *.txt)",
        )
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: list[Path]) -> list[int]:
        """Import each file on its own: one bad file is named and the others still come in."""
        view = self.view
        view.session.save()
        created: list[int] = []
        problems: list[str] = []
        for path in paths:
            try:
                with view.studio.session() as session:
                    created.append(import_markdown_file(session, view.studio.workspace_id, path).id)
            except UserError as exc:
                problems.append(str(exc))
            except Exception as exc:  # unexpected: still name the file, never a traceback
                problems.append(f"{path.name}: {exc}")
        if created:
            view._notify()
            view.refresh_list()
            view.list_panel.select(created[-1])
            view.studio.show_status(self.tr("%n article(s) imported", "", len(created)))
        if problems:
            QMessageBox.warning(view, self.tr("Some files were not imported"), "\n\n".join(problems))
        return created

    def export_dialog(self, fmt: str) -> Path | None:
        view = self.view
        article_id = view.session.article_id
        if not article_id:
            return None
        view.session.save()
        slug = get_article_slug(view, article_id)
        caption = self.tr("Export as Markdown") if fmt == "md" else self.tr("Export as HTML")
        pattern = self.tr("Markdown") + " (*.md)" if fmt == "md" else self.tr("Web page") + " (*.html)"
        name, _ = QFileDialog.getSaveFileName(view, caption, f"{slug}.{fmt}", pattern)
        if not name:
            return None
        return self.export_to(Path(name), fmt)

    def export_to(self, path: Path, fmt: str) -> Path | None:
        view = self.view
        try:
            with view.studio.session() as session:
                if fmt == "md":
                    text = export_markdown(session, view.session.article_id)
                else:
                    options = ExportOptions(
                        media_dir=view.studio.media_dir, french_typography=view.french_typography()
                    )
                    text = export_html(session, view.session.article_id, options)
            path.write_text(text, encoding="utf-8")
        except (OSError, UserError) as exc:
            QMessageBox.warning(view, self.tr("Export failed"), f"{path.name}: {exc}")
            return None
        view.studio.show_status(self.tr("Exported to %1").replace("%1", str(path)))
        return path

    # -- pictures ---------------------------------------------------------------------------------
    def insert_image_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.view, self.tr("Insert images"), "", self.tr("Images") + f" ({IMAGE_FILTER})"
        )
        self.add_image_files([Path(n) for n in names])

    def add_image_files(self, paths: list[Path]) -> None:
        for path in paths:
            self._image_queue.append((path, path.name))
        self._next_image()

    def add_clipboard_image(self, image: QImage) -> None:
        name = f"clipboard-{datetime.now().strftime('%Y%m%d-%H%M%S')}.png"
        run_task(
            images.rgba_to_png,
            *images.image_to_rgba(image),
            on_done=lambda data: self._queue_bytes(data, name),
            on_failed=lambda exc: self._image_failed(name, exc),
        )

    def _queue_bytes(self, data: bytes, name: str) -> None:
        self._image_queue.append((data, name))
        self._next_image()

    def _next_image(self) -> None:
        if self._ingesting or not self._image_queue:
            return
        source, name = self._image_queue.popleft()
        self._ingesting = True
        view = self.view
        run_task(
            images.ingest,
            view.studio.db,
            view.studio.workspace_id,
            source,
            name,
            on_done=self._image_ready,
            on_failed=lambda exc: self._image_failed(name, exc),
        )

    def _image_failed(self, name: str, exc: Exception) -> None:
        self._ingesting = False
        message = str(exc) if isinstance(exc, UserError) else f"“{name}”: {exc}"
        QMessageBox.warning(self.view, self.tr("Image not added"), message)
        self._next_image()

    def _image_ready(self, item: images.Ingested) -> None:
        self._ingesting = False
        alt = images.ask_alt_text(item, self.view)
        if alt is not None:
            images.save_alt_text(self.view.studio.db, item.media_id, alt)
            self.view.editor.insert_image(alt, item.sha256)
            self.view.studio.notify({"media"})
        self._next_image()

    def busy(self) -> bool:
        return self._ingesting or bool(self._image_queue)

    # -- dictionary, history ------------------------------------------------------------------------
    def add_to_dictionary(self, word: str) -> None:
        view = self.view
        with view.studio.session() as session:
            workspace = view.studio.workspace(session)
            words = list(workspace.personal_dictionary or ())
            if word not in words:
                words.append(word)
                workspace.personal_dictionary = sorted(words, key=str.casefold)
            personal = list(workspace.personal_dictionary)
        view.configure_spelling(personal)
        view.studio.show_status(self.tr("“%1” added to the workspace dictionary").replace("%1", word))

    def show_history(self) -> None:
        view = self.view
        article_id = view.session.article_id
        if not article_id:
            return
        view.session.save()
        with view.studio.session() as session:
            rows = [
                RevisionRow(r.id, r.title, r.markdown, r.reason, r.created_at)
                for r in list_revisions(session, article_id)
            ]
        dialog = HistoryDialog(rows, view.editor.toPlainText(), view)
        if dialog.exec() and dialog.chosen is not None:
            self.restore_revision(dialog.chosen)

    def restore_revision(self, revision: RevisionRow) -> None:
        """Bring a revision back into the editor as one undoable change, keeping the text it replaces
        as a revision of its own."""
        view = self.view
        view.session.save("before-restore")
        view.editor.replace_all_text(revision.markdown)
        if revision.title and revision.title != view.title_edit.text():
            view.title_edit.setText(revision.title)
            view.session.title_dirty = True
        view.session.save("restore")

    # -- list menu ----------------------------------------------------------------------------------
    def list_menu(self, article_id: int, trash: bool) -> QMenu:
        menu = QMenu(self.view)
        menu.setObjectName("articleListMenu")
        if article_id and not trash:
            menu.addAction(self.tr("Duplicate"), lambda: self.duplicate(article_id))
            menu.addAction(self.view.actions.export_markdown)
            menu.addAction(self.view.actions.export_html)
            menu.addSeparator()
            menu.addAction(self.tr("Move to trash"), lambda: self.trash(article_id))
        elif article_id:
            menu.addAction(self.tr("Restore"), lambda: self.restore(article_id))
            menu.addAction(self.tr("Delete for good…"), lambda: self.purge(article_id))
        if trash:
            menu.addSeparator()
            menu.addAction(self.tr("Empty trash…"), self.empty_trash)
        else:
            menu.addSeparator()
            menu.addAction(self.view.actions.new_article)
            menu.addAction(self.view.actions.import_files)
        return menu

    def _after_change(self, select: int = 0) -> None:
        self.view._notify()
        self.view.refresh_list()
        if select:
            self.view.list_panel.select(select)

    def duplicate(self, article_id: int) -> int:
        self.view.session.save()
        lang = "fr" if QLocale().name().startswith("fr") else "en"
        with self.view.studio.session() as session:
            new_id = duplicate_article(session, article_id, lang=lang).id
        self._after_change(new_id)
        return new_id

    def trash(self, article_id: int) -> None:
        self.view.session.save()
        with self.view.studio.session() as session:
            trash_article(session, article_id)
        if self.view.session.article_id == article_id:
            self.view.session.start(0)
            self.view._clear_editor()
        self._after_change()
        self.view.studio.show_status(self.tr("Moved to the trash; it can be restored from there."))

    def restore(self, article_id: int) -> None:
        with self.view.studio.session() as session:
            restore_article(session, article_id)
        self._after_change()

    def purge(self, article_id: int) -> None:
        answer = QMessageBox.question(
            self.view,
            self.tr("Delete for good"),
            self.tr("Delete this article and its history for good? This cannot be undone."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.view.studio.session() as session:
            purge_article(session, article_id)
        self.view.session.start(0)
        self.view._clear_editor()
        self._after_change()

    def empty_trash(self) -> None:
        answer = QMessageBox.question(
            self.view,
            self.tr("Empty trash"),
            self.tr("Delete every article in the trash for good? This cannot be undone."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.view.studio.session() as session:
            empty_trash(session, self.view.studio.workspace_id)
        self.view.session.start(0)
        self.view._clear_editor()
        self._after_change()


def get_article_slug(view: ArticlesView, article_id: int) -> str:
    with view.studio.session() as session:
        return get_article(session, article_id).slug or "article"
