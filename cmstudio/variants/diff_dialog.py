"""Shows what "update from the article" would change in a variant before it is applied."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from cmstudio.core.adapt import DiffOp
from cmstudio.ui.theme import is_dark
from cmstudio.variants.network_style import fill


def diff_html(ops: Sequence[DiffOp]) -> str:
    """Removed words struck through in red, added words in green, the rest as is."""
    removed = "#ff9aa2" if is_dark() else "#b3261e"
    added = "#8fd694" if is_dark() else "#1b7f3b"
    removed_bg = "#4a1f24" if is_dark() else "#fde7e9"
    added_bg = "#1d3b24" if is_dark() else "#e6f4ea"
    out: list[str] = []
    for op in ops:
        if op.tag == "equal":
            out.append(html.escape(op.old))
            continue
        if op.old:
            out.append(
                f'<span style="color:{removed}; background:{removed_bg}; text-decoration:line-through">'
                f"{html.escape(op.old)}</span>"
            )
        if op.new:
            out.append(f'<span style="color:{added}; background:{added_bg}">{html.escape(op.new)}</span>')
    return "<div style='white-space:pre-wrap'>" + "".join(out).replace("\n", "<br>") + "</div>"


class DiffDialog(QDialog):
    def __init__(self, network_name: str, ops: Sequence[DiffOp], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("variantDiffDialog")
        self.setWindowTitle(self.tr("Update from the article"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(fill(self.tr("Changes the article brings to the %1 post:"), network_name), self)
        intro.setWordWrap(True)
        self.view = QTextBrowser(self)
        self.view.setObjectName("variantDiffView")
        self.view.setHtml(diff_html(ops))
        buttons = QDialogButtonBox(self)
        apply = buttons.addButton(self.tr("Apply changes"), QDialogButtonBox.ButtonRole.AcceptRole)
        apply.setObjectName("applyDiffButton")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
