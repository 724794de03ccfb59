"""A hidden Variants section does not rebuild on every change elsewhere; it catches up when shown."""

from __future__ import annotations


def test_hidden_view_reloads_once_when_shown_again(built, qtbot) -> None:
    window = built.window
    window.show()
    view = window.show_section("variants")
    calls: list[str] = []
    original = view.reload_articles
    view.reload_articles = lambda *a, **k: (calls.append("articles"), original(*a, **k))[1]
    window.show_section("calendar")
    qtbot.waitUntil(lambda: not view.isVisible())
    for _ in range(3):
        built.studio.notify({"articles"})
    assert calls == []
    window.show_section("variants")
    qtbot.waitUntil(lambda: view.isVisible())
    assert calls == ["articles"]
