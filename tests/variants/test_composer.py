"""The post editor's live counter and overflow highlight, thread splits, and the variants view."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from cmstudio.core.counting import count, utf16_length
from cmstudio.core.models import Article, Variant
from cmstudio.core.networks import get_profile
from cmstudio.variants.composer import VariantComposer, VariantData
from cmstudio.variants.diff_dialog import DiffDialog
from cmstudio.variants.post_editor import PostEditor
from cmstudio.variants.render_worker import ImageHub
from cmstudio.variants.variants_view import VariantsView


def test_counter_updates_on_each_keystroke(qtbot) -> None:
    editor = PostEditor(get_profile("x"))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.edit, "Voir ")
    assert editor.counter.text() == QLocale().toString(275)
    # X counts any link as 23, even without a scheme (twitter-text v3).
    qtbot.keyClicks(editor.edit, "exemple.fr/page")
    assert editor.counter.text() == QLocale().toString(280 - 5 - 23)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Backspace)
    assert editor.result().length == count("x", editor.text()).length


def test_overflow_highlight_starts_at_overflow_start(qtbot) -> None:
    editor = PostEditor(get_profile("x"))
    qtbot.addWidget(editor)
    # Emoji weigh 2 on X: 140 of them fill the 280 limit, the 141st overflows.
    text = "😀" * 150
    editor.set_text(text)
    result = count("x", text)
    assert result.overflow_start == 140
    assert editor.overflow_range() == (140, len(text))
    selections = editor.edit.extraSelections()
    assert len(selections) == 1
    cursor = selections[0].cursor
    assert cursor.selectionStart() == utf16_length(text[: result.overflow_start]) == 280
    assert cursor.selectionEnd() == utf16_length(text)
    assert editor.counter.text() == QLocale().toString(280 - 300)
    editor.set_text("court")
    assert editor.edit.extraSelections() == []
    assert editor.overflow_range() is None


def test_bluesky_counter_reports_bytes(qtbot) -> None:
    editor = PostEditor(get_profile("bluesky"))
    qtbot.addWidget(editor)
    editor.set_text("é" * 10)
    assert "20" in editor.detail.text()
    assert editor.counter.text() == QLocale().toString(290)


def _long_text() -> str:
    return " ".join(
        f"Phrase {i} sur la stratégie éditoriale et les réseaux sociaux du mois." for i in range(14)
    )


def _card(qtbot, network: str, text: str) -> VariantComposer:
    hub = ImageHub()
    data = VariantData(
        id=1,
        network=network,
        text=text,
        offsets=[],
        status="draft",
        content_warning="",
        author="Maison",
        handle="@maison",
    )
    card = VariantComposer(data, get_profile(network), hub)
    qtbot.addWidget(card)
    card.show()
    return card


def test_thread_split_and_moving_split_points(qtbot) -> None:
    card = _card(qtbot, "x", _long_text())
    assert not count("x", card.text()).fits
    qtbot.mouseClick(card.thread_button, Qt.MouseButton.LeftButton)
    parts = card.thread_parts()
    assert len(parts) > 1
    assert all(count("x", part).fits for part in parts)
    assert parts[0].endswith(f" 1/{len(parts)}")
    first_words = len(parts[0].split())
    earlier, later = card.thread_panel.move_buttons[0]
    qtbot.mouseClick(earlier, Qt.MouseButton.LeftButton)
    moved = card.thread_parts()
    assert len(moved[0].split()) == first_words - 1
    assert moved[1].split()[0] == parts[0].split()[-2]
    qtbot.mouseClick(card.thread_panel.move_buttons[0][1], Qt.MouseButton.LeftButton)
    assert card.thread_parts() == parts
    assert card.dirty
    # Typing before a split keeps later splits at the same words.
    start_of_second = card.thread_panel.offsets()[0]
    second_word = card.text()[start_of_second:].split()[0]
    cursor = card.editor.edit.textCursor()
    cursor.setPosition(0)
    card.editor.edit.setTextCursor(cursor)
    qtbot.keyClicks(card.editor.edit, "Nouveau : ")
    assert card.text()[card.thread_panel.offsets()[0] :].split()[0] == second_word
    qtbot.mouseClick(card.thread_button, Qt.MouseButton.LeftButton)
    assert card.thread_parts() == []


def test_threads_are_not_offered_on_linkedin(qtbot) -> None:
    card = _card(qtbot, "linkedin", "Bonjour")
    assert not card.thread_button.isVisibleTo(card)


def _view(built, qtbot) -> VariantsView:
    view = VariantsView(built.studio)
    qtbot.addWidget(view)
    view.resize(1300, 850)
    view.show()
    return view


def test_generate_drafts_edit_and_save(built, qtbot) -> None:
    view = _view(built, qtbot)
    with built.studio.session() as session:
        article_id = session.scalars(
            select(Article.id).where(
                Article.workspace_id == built.studio.workspace_id, Article.featured_media_id.is_not(None)
            )
        ).first()
    view.select_article(article_id)
    before = len(view.cards)
    view.chips.set_selected(["x", "bluesky", "instagram_feed"])
    with qtbot.waitSignal(built.studio.dataChanged):
        qtbot.mouseClick(view.generate, Qt.MouseButton.LeftButton)
    assert len(view.cards) == before + 3
    new_cards = view.cards[-3:]
    assert [c.data.network for c in new_cards] == ["x", "bluesky", "instagram_feed"]
    assert all(c.objectName() == "variantComposer" for c in new_cards)
    card = new_cards[0]
    card.editor.edit.setFocus()
    card.editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(card.editor.edit, " Encore")
    assert card.save_button.isEnabled()
    qtbot.mouseClick(card.save_button, Qt.MouseButton.LeftButton)
    with built.studio.session() as session:
        assert session.get(Variant, card.data.id).text.endswith(" Encore")
    assert not card.dirty


def test_update_from_article_asks_before_applying(built, qtbot, monkeypatch) -> None:
    view = _view(built, qtbot)
    with built.studio.session() as session:
        article = session.scalars(
            select(Article).where(Article.workspace_id == built.studio.workspace_id)
        ).first()
        article_id, title = article.id, article.title
    view.select_article(article_id)
    view.chips.set_selected(["mastodon"])
    ids = view.generate_drafts()
    with built.studio.session() as session:
        session.get(Article, article_id).title = title + " (mis à jour)"
    shown: list[str] = []

    def refuse(dialog: DiffDialog) -> int:
        shown.append(dialog.view.toPlainText())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(DiffDialog, "exec", refuse)
    assert not view.update_from_article(ids[0])
    assert "(mis à jour)" in shown[0]
    assert "(mis à jour)" not in view.card(ids[0]).text()
    monkeypatch.setattr(DiffDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    assert view.update_from_article(ids[0])
    assert "(mis à jour)" in view.card(ids[0]).text()
    with built.studio.session() as session:
        assert "(mis à jour)" in session.get(Variant, ids[0]).text
