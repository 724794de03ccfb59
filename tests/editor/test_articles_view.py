"""The Articles view on a real demo database: typing, autosave, formatting, list, preview, images."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from cmstudio.core.articles import create_article, get_article, list_revisions
from cmstudio.core.models import MediaAsset, Workspace
from cmstudio.editor import images
from cmstudio.editor.history_dialog import RevisionRow


@pytest.fixture
def view(built, qtbot):
    v = built.window.show_section("articles")
    built.window.show()
    qtbot.waitUntil(lambda: v.session.article_id != 0)
    v.wait_until_idle()
    return v


def _new(view, qtbot, text: str = "", title: str = "Essai") -> int:
    with view.studio.session() as s:
        article_id = create_article(s, view.studio.workspace_id, title=title, markdown=text).id
    view.refresh_list()
    view.list_panel.select(article_id)
    qtbot.waitUntil(lambda: view.session.article_id == article_id)
    return article_id


def _stored(view, article_id: int) -> str:
    with view.studio.session() as s:
        return get_article(s, article_id).markdown


def test_typing_is_autosaved_and_undo_survives_the_save(view, qtbot):
    article_id = _new(view, qtbot, "Début.")
    view.editor.setFocus()
    view.editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(view.editor, " Encore une phrase")
    with qtbot.waitSignal(view.session.saved, timeout=4000):
        pass
    assert _stored(view, article_id) == "Début. Encore une phrase"
    assert view.editor.document().isUndoAvailable()
    view.editor.undo()
    assert "Encore" not in view.editor.toPlainText()


def test_formatting_shortcuts(view, qtbot):
    _new(view, qtbot, "mot")
    ed = view.editor
    ed.setFocus()
    ed.selectAll()
    QTest.keySequence(ed, QKeySequence("Ctrl+B"))
    assert ed.toPlainText() == "**mot**"
    QTest.keySequence(ed, QKeySequence("Ctrl+B"))
    assert ed.toPlainText() == "mot"
    ed.selectAll()
    QTest.keySequence(ed, QKeySequence("Ctrl+I"))
    assert ed.toPlainText() == "*mot*"
    QTest.keySequence(ed, QKeySequence("Ctrl+Alt+2"))
    assert ed.toPlainText() == "## *mot*"
    ed.selectAll()
    QTest.keySequence(ed, QKeySequence("Ctrl+L"))
    assert ed.toPlainText() == "[## *mot*](https://)"
    assert ed.textCursor().selectedText() == "https://"
    ed.setPlainText("un\ndeux")
    ed.selectAll()
    view.actions.bullets.trigger()
    assert ed.toPlainText() == "- un\n- deux"
    view.actions.quote.trigger()
    assert ed.toPlainText() == "> - un\n> - deux"


def test_search_and_status_filter(view, qtbot):
    panel = view.list_panel
    target = _new(view, qtbot, "Une crème brûlée exceptionnelle", title="Dessert rare")
    panel.search.setText("CREME brulee")
    qtbot.waitUntil(lambda: [r.id for r in panel.model.rows] == [target])
    panel.search.clear()
    qtbot.waitUntil(lambda: len(panel.model.rows) > 1)
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("published"))
    assert panel.model.rows and all(r.status == "published" for r in panel.model.rows)


def _md_file(tmp_path: Path, name: str = "import.md") -> Path:
    path = tmp_path / name
    path.write_text(
        "---\ntitle: Importé par glisser\ntags: [test]\n---\n\nCorps importé.\n", encoding="utf-8"
    )
    return path


def test_dropping_markdown_on_the_list_imports_it(view, qtbot, tmp_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_md_file(tmp_path)))])
    model = view.list_panel.model
    assert model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, model.index(-1))
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, model.index(-1))
    assert any(r.title == "Importé par glisser" for r in model.rows)
    # Event level: a real QDropEvent on the list's viewport.
    mime2 = QMimeData()
    mime2.setUrls([QUrl.fromLocalFile(str(_md_file(tmp_path, "second.md")))])
    viewport = view.list_panel.view.viewport()
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime2,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.list_panel.view.dropEvent(event)
    assert sum(r.title == "Importé par glisser" for r in model.rows) == 2, viewport


def test_bad_markdown_file_is_named_and_nothing_else_happens(view, qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "binaire.md"
    bad.write_bytes(b"\x00\x01\x02 not text")
    good = _md_file(tmp_path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    created = view.files.import_files([bad, good])
    assert len(created) == 1 and shown and "binaire.md" in shown[0]


def test_preview_renders_sanitized_html_with_media_images(view, qtbot):
    with view.studio.session() as s:
        sha = s.scalars(
            select(MediaAsset.sha256).where(MediaAsset.workspace_id == view.studio.workspace_id)
        ).first()
    _new(
        view,
        qtbot,
        f"# Titre\n\n![photo](media:{sha})\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2))",
    )
    view.wait_until_idle()
    html = view.preview.toHtml()
    assert "alert" not in html and "javascript:" not in html
    img_src = next(p.split('"')[0] for p in html.split('src="')[1:])
    assert img_src.startswith("file://") and sha in img_src
    image = view.preview.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(img_src))
    assert image is not None and not image.isNull()
    assert view.outline.count() == 1 and view.outline.item(0).text().strip() == "Titre"


def test_spelling_underline_and_personal_dictionary(view, qtbot):
    article_id = _new(view, qtbot, "Une boulangeriiie du quartier.")
    spell = view.editor.spell
    block = view.editor.document().firstBlock()
    qtbot.waitUntil(lambda: spell.lookup(block.text()) is not None, timeout=10000)
    assert [h[2] for h in spell.lookup(block.text())] == ["boulangeriiie"]
    view.files.add_to_dictionary("boulangeriiie")
    with view.studio.session() as s:
        assert "boulangeriiie" in s.get(Workspace, view.studio.workspace_id).personal_dictionary
    qtbot.waitUntil(lambda: spell.lookup(block.text()) == (), timeout=10000)
    assert article_id


def _png(tmp_path: Path, name: str = "tarte.png") -> Path:
    path = tmp_path / name
    Image.new("RGB", (64, 48), (180, 120, 60)).save(path)
    return path


def test_insert_image_from_dialog_stores_media_and_asks_alt(view, qtbot, tmp_path, monkeypatch):
    article_id = _new(view, qtbot, "Texte")
    src = _png(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(src)], ""))
    monkeypatch.setattr(images, "ask_alt_text", lambda item, parent: "Une tarte dorée")
    view.actions.image.trigger()
    qtbot.waitUntil(lambda: "![Une tarte dorée](media:" in view.editor.toPlainText(), timeout=10000)
    with view.studio.session() as s:
        asset = s.scalars(select(MediaAsset).where(MediaAsset.original_name == "tarte.png")).one()
        assert asset.alt_text == "Une tarte dorée" and asset.width == 64
    assert asset.sha256 in view.editor.toPlainText()
    # The same picture again is not stored twice.
    view.actions.image.trigger()
    qtbot.waitUntil(lambda: view.editor.toPlainText().count("media:") == 2, timeout=10000)
    with view.studio.session() as s:
        assert len(s.scalars(select(MediaAsset).where(MediaAsset.sha256 == asset.sha256)).all()) == 1
    assert article_id


def test_heic_dropped_into_the_text(view, qtbot, tmp_path, monkeypatch):
    import pillow_heif

    _new(view, qtbot, "")
    heic = tmp_path / "phone.heic"
    pillow_heif.from_pillow(Image.new("RGB", (32, 32), (10, 200, 30))).save(str(heic))
    monkeypatch.setattr(images, "ask_alt_text", lambda item, parent: "Photo du téléphone")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(heic))])
    assert view.editor.canInsertFromMimeData(mime)
    view.editor.insertFromMimeData(mime)
    qtbot.waitUntil(lambda: "![Photo du téléphone](media:" in view.editor.toPlainText(), timeout=10000)


def test_corrupt_image_gives_a_message_naming_the_file(view, qtbot, tmp_path, monkeypatch):
    _new(view, qtbot, "Texte")
    bad = tmp_path / "cassée.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    view.files.add_image_files([bad])
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "cassée.jpg" in shown[0] and view.editor.toPlainText() == "Texte"


def test_restoring_a_revision_is_undoable_and_recorded(view, qtbot):
    article_id = _new(view, qtbot, "version une")
    with view.studio.session() as s:
        first = list_revisions(s, article_id)[-1]
        row = RevisionRow(first.id, first.title, first.markdown, first.reason, first.created_at)
    view.editor.setPlainText("version deux")  # a fresh document, as if typed
    view.session.text_dirty = True
    view.session.save()
    view.files.restore_revision(row)
    assert view.editor.toPlainText() == "version une" and _stored(view, article_id) == "version une"
    with view.studio.session() as s:
        assert "version deux" in [r.markdown for r in list_revisions(s, article_id)]
    view.editor.undo()
    assert view.editor.toPlainText() == "version deux"


def test_slug_follows_title_until_edited_by_hand(view, qtbot):
    article_id = _new(view, qtbot, "", title="")
    view.title_edit.setFocus()
    QTest.keyClicks(view.title_edit, "Les reseaux en 2027")
    assert view.metadata.slug.text() == "les-reseaux-en-2027"
    QTest.keyClicks(view.metadata.slug, "-bis")
    view.title_edit.setFocus()
    QTest.keyClicks(view.title_edit, " encore")
    assert view.metadata.slug.text() == "les-reseaux-en-2027-bis"
    view.session.save()
    with view.studio.session() as s:
        assert get_article(s, article_id).slug == "les-reseaux-en-2027-bis"


def test_excerpt_guide_and_invalid_canonical_url(view, qtbot):
    article_id = _new(view, qtbot, "x")
    meta = view.metadata
    meta.excerpt.setPlainText("court")
    assert meta.excerpt_guide.property("tone") == "warn"
    meta.excerpt.setPlainText("a" * 150)
    assert meta.excerpt_guide.property("tone") == "ok"
    meta.excerpt.setPlainText("a" * 200)
    assert meta.excerpt_guide.property("tone") == "bad"
    meta.canonical.setText("pas une url")
    meta.canonical.editingFinished.emit()
    view.session.save()
    with view.studio.session() as s:
        a = get_article(s, article_id)
        assert a.excerpt == "a" * 200 and a.canonical_url == ""


def test_find_replace_focus_mode_and_trash(view, qtbot, monkeypatch):
    article_id = _new(view, qtbot, "chat noir, Chat gris, chien")
    view.actions.replace.trigger()
    view.find_bar.find_edit.setText("chat")
    view.find_bar.replace_edit.setText("matou")
    assert view.find_bar.replace_all() == 2
    assert view.editor.toPlainText() == "matou noir, matou gris, chien"
    view.editor.undo()
    assert view.editor.toPlainText() == "chat noir, Chat gris, chien"
    view.actions.focus.trigger()
    assert not view.list_panel.isVisible() and not view.side.isVisible()
    view.actions.focus.trigger()
    assert view.list_panel.isVisible()
    view.files.trash(article_id)
    assert article_id not in [r.id for r in view.list_panel.model.rows]
    view.list_panel.trash_button.setChecked(True)
    assert article_id in [r.id for r in view.list_panel.model.rows]
    view.files.restore(article_id)
    view.list_panel.trash_button.setChecked(False)
    assert article_id in [r.id for r in view.list_panel.model.rows]


def test_export_markdown_and_html(view, qtbot, tmp_path, monkeypatch):
    _new(view, qtbot, "Bonjour ! <script>x()</script>", title="Export test")
    target = tmp_path / "out.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert view.files.export_dialog("md") == target
    assert target.read_text(encoding="utf-8").startswith("---\ntitle: Export test")
    html_target = tmp_path / "out.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(html_target), ""))
    view.files.export_dialog("html")
    page = html_target.read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in page and "x()" not in page


def test_outline_jumps_to_heading(view, qtbot):
    text = "\n".join(["# Un"] + ["ligne"] * 200 + ["## Deux", "fin"])
    _new(view, qtbot, text)
    view.wait_until_idle()
    assert view.outline.count() == 2
    view._outline_jump(view.outline.item(1))
    assert view.editor.textCursor().blockNumber() == 201
