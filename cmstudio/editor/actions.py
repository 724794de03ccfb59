"""The editor's commands: formatting, find, focus mode, history, images; with their shortcuts.

Ctrl+K belongs to the main window's workspace switcher, so “link” is Ctrl+L.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QSizePolicy, QToolBar, QToolButton, QWidget


@dataclass
class EditorActions:
    bold: QAction
    italic: QAction
    link: QAction
    h1: QAction
    h2: QAction
    h3: QAction
    bullets: QAction
    numbers: QAction
    quote: QAction
    image: QAction
    find: QAction
    replace: QAction
    focus: QAction
    history: QAction
    save_revision: QAction
    new_article: QAction
    import_files: QAction
    export_markdown: QAction
    export_html: QAction
    french_typography: QAction
    spelling: QAction


def _action(
    owner: QWidget, text: str, shortcuts: list[str] | str | None, tip: str = "", name: str = ""
) -> QAction:
    action = QAction(text, owner)
    if shortcuts:
        keys = [shortcuts] if isinstance(shortcuts, str) else shortcuts
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        native = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text} ({native})")
    elif tip:
        action.setToolTip(tip)
    action.setObjectName(name)
    owner.addAction(action)
    return action


def build_actions(owner: QWidget) -> EditorActions:
    focus = _action(
        owner,
        QCoreApplication.translate("EditorActions", "Focus mode"),
        ["F11", "Ctrl+Shift+F"],
        QCoreApplication.translate("EditorActions", "Hide the list and the side panel"),
        "focusModeAction",
    )
    focus.setCheckable(True)
    french = _action(
        owner,
        QCoreApplication.translate("EditorActions", "French typography in preview and export"),
        None,
        QCoreApplication.translate("EditorActions", "Add no-break spaces before ; : ! ? and inside « » without changing the text"),
        "frenchTypographyAction",
    )
    french.setCheckable(True)
    spelling = _action(owner, QCoreApplication.translate("EditorActions", "Check spelling"), None, "", "spellingAction")
    spelling.setCheckable(True)
    return EditorActions(
        bold=_action(owner, QCoreApplication.translate("EditorActions", "Bold"), "Ctrl+B", name="boldAction"),
        italic=_action(owner, QCoreApplication.translate("EditorActions", "Italic"), "Ctrl+I", name="italicAction"),
        link=_action(owner, QCoreApplication.translate("EditorActions", "Link"), "Ctrl+L", name="linkAction"),
        h1=_action(owner, QCoreApplication.translate("EditorActions", "Heading 1"), "Ctrl+Alt+1", name="heading1Action"),
        h2=_action(owner, QCoreApplication.translate("EditorActions", "Heading 2"), "Ctrl+Alt+2", name="heading2Action"),
        h3=_action(owner, QCoreApplication.translate("EditorActions", "Heading 3"), "Ctrl+Alt+3", name="heading3Action"),
        bullets=_action(owner, QCoreApplication.translate("EditorActions", "Bulleted list"), "Ctrl+Shift+8", name="bulletsAction"),
        numbers=_action(owner, QCoreApplication.translate("EditorActions", "Numbered list"), "Ctrl+Shift+7", name="numbersAction"),
        quote=_action(owner, QCoreApplication.translate("EditorActions", "Quote"), "Ctrl+Shift+9", name="quoteAction"),
        image=_action(owner, QCoreApplication.translate("EditorActions", "Insert image…"), "Ctrl+Shift+I", name="imageAction"),
        find=_action(owner, QCoreApplication.translate("EditorActions", "Find…"), "Ctrl+F", name="findAction"),
        replace=_action(owner, QCoreApplication.translate("EditorActions", "Replace…"), "Ctrl+H", name="replaceAction"),
        focus=focus,
        history=_action(
            owner, QCoreApplication.translate("EditorActions", "History…"), "Ctrl+Shift+H", QCoreApplication.translate("EditorActions", "Revisions of this article"), "historyAction"
        ),
        save_revision=_action(owner, QCoreApplication.translate("EditorActions", "Keep a revision now"), "Ctrl+S", name="saveRevisionAction"),
        new_article=_action(owner, QCoreApplication.translate("EditorActions", "New article"), "Ctrl+N", name="newArticleAction"),
        import_files=_action(owner, QCoreApplication.translate("EditorActions", "Import Markdown…"), None, name="importAction"),
        export_markdown=_action(owner, QCoreApplication.translate("EditorActions", "Export as Markdown…"), None, name="exportMarkdownAction"),
        export_html=_action(owner, QCoreApplication.translate("EditorActions", "Export as HTML…"), None, name="exportHtmlAction"),
        french_typography=french,
        spelling=spelling,
    )


def build_toolbar(parent: QWidget, actions: EditorActions, more_menu: QObject) -> QToolBar:
    """A quiet formatting bar: short labels, the rest behind a “More” menu."""
    bar = QToolBar(parent)
    bar.setObjectName("editorToolbar")
    bar.setAccessibleName(QCoreApplication.translate("EditorActions", "Formatting"))
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    labels = [
        (actions.bold, "B", {"bold": True}),
        (actions.italic, "I", {"italic": True}),
        (actions.h1, "H1", {}),
        (actions.h2, "H2", {}),
        (actions.h3, "H3", {}),
        (actions.bullets, "•", {}),
        (actions.numbers, "1.", {}),
        (actions.quote, "“ ”", {}),
        (actions.link, QCoreApplication.translate("EditorActions", "Link"), {}),
        (actions.image, QCoreApplication.translate("EditorActions", "Image"), {}),
    ]
    for index, (action, label, style) in enumerate(labels):
        if index in (2, 5, 8):
            bar.addSeparator()
        button = QToolButton(bar)
        button.setDefaultAction(action)
        button.setText(label)
        button.setAccessibleName(action.text())
        button.setAutoRaise(True)
        button.setMinimumWidth(30)
        font = QFont(button.font())
        font.setBold(style.get("bold", False))
        font.setItalic(style.get("italic", False))
        button.setFont(font)
        bar.addWidget(button)
    spacer = QWidget(bar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    for action in (actions.focus,):
        button = QToolButton(bar)
        button.setDefaultAction(action)
        button.setText(action.text().rstrip("…"))
        button.setAutoRaise(True)
        bar.addWidget(button)
    more = QToolButton(bar)
    more.setObjectName("editorMoreButton")
    more.setText(QCoreApplication.translate("EditorActions", "More"))
    more.setAccessibleName(QCoreApplication.translate("EditorActions", "More commands"))
    more.setAutoRaise(True)
    more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    more.setMenu(more_menu)  # type: ignore[arg-type]
    bar.addWidget(more)
    return bar
