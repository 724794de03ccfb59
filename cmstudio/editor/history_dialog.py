"""The history of an article: its revisions, each compared with the current text, and restore."""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cmstudio.ui.theme import is_dark


@dataclass(frozen=True)
class RevisionRow:
    id: int
    title: str
    markdown: str
    reason: str
    created_at: datetime


def diff_html(old: str, new: str, palette: QPalette) -> str:
    """Line diff from a revision (old) to the current text (new): removed lines red, added green."""
    dark = is_dark()
    add_bg, del_bg = ("#1f4428", "#5a2326") if dark else ("#e3f6e5", "#fde7e7")
    muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
    lines: list[str] = []
    diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=2))
    if not diff:
        return f"<p style='color:{muted}'>{html.escape(_same())}</p>"
    for line in diff[2:]:
        text = html.escape(line[1:]) or "&nbsp;"
        if line.startswith("@@"):
            lines.append(f"<tr><td style='color:{muted}'>…</td></tr>")
        elif line.startswith("+"):
            lines.append(f"<tr><td style='background-color:{add_bg}'>+ {text}</td></tr>")
        elif line.startswith("-"):
            lines.append(f"<tr><td style='background-color:{del_bg}'>− {text}</td></tr>")
        else:
            lines.append(f"<tr><td>&nbsp;&nbsp;{text}</td></tr>")
    return "<table width='100%' cellspacing='0' cellpadding='3'>" + "".join(lines) + "</table>"


def _same() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("HistoryDialog", "This revision is the same as the current text.")


def reason_label(reason: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return {
        "autosave": QCoreApplication.translate("HistoryDialog", "Editing session"),
        "created": QCoreApplication.translate("HistoryDialog", "Created"),
        "import": QCoreApplication.translate("HistoryDialog", "Imported"),
        "duplicate": QCoreApplication.translate("HistoryDialog", "Duplicated"),
        "manual": QCoreApplication.translate("HistoryDialog", "Saved by hand"),
        "restore": QCoreApplication.translate("HistoryDialog", "Restored"),
        "before-restore": QCoreApplication.translate("HistoryDialog", "Before a restore"),
        "close": QCoreApplication.translate("HistoryDialog", "On closing"),
    }.get(reason, reason)


class HistoryDialog(QDialog):
    """Pick a revision; ``chosen`` holds it when the dialog is accepted with “Restore”."""

    def __init__(
        self, revisions: list[RevisionRow], current_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("Article history"))
        self.revisions = revisions
        self.current_text = current_text
        self.chosen: RevisionRow | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        hint = QLabel(
            self.tr("Each revision is compared with the current text. Restoring can be undone."), self
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(split)
        self.list.setObjectName("revisionList")
        self.list.setAccessibleName(self.tr("Revisions"))
        locale = QLocale()
        for rev in revisions:
            when = locale.toString(
                QDateTime(rev.created_at.astimezone()).toLocalTime(), QLocale.FormatType.ShortFormat
            )
            item = QListWidgetItem(
                f"{when}\n{reason_label(rev.reason)} · {self.tr('%n word(s)', '', len(rev.markdown.split()))}"
            )
            item.setData(Qt.ItemDataRole.UserRole, rev.id)
            self.list.addItem(item)
        self.diff = QTextBrowser(split)
        self.diff.setObjectName("revisionDiff")
        split.addWidget(self.list)
        split.addWidget(self.diff)
        split.setSizes([240, 620])
        layout.addWidget(split, 1)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("Restore this revision"), self)
        self.restore_button.setObjectName("restoreRevision")
        self.restore_button.setEnabled(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.restore_button.clicked.connect(self._restore)
        self.resize(900, 560)
        if revisions:
            self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.revisions):
            return
        rev = self.revisions[row]
        self.diff.setHtml(diff_html(rev.markdown, self.current_text, self.palette()))
        self.restore_button.setEnabled(rev.markdown != self.current_text)

    def _restore(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.revisions):
            self.chosen = self.revisions[row]
            self.accept()
