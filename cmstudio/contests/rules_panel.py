"""The rules document (règlement): generated from the contest, editable, exported as PDF or Markdown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmstudio.contests.forms import hint
from cmstudio.core.contests_service import get_contest, rules_markdown, save_rules
from cmstudio.core.errors import UserError
from cmstudio.core.models import Contest
from cmstudio.core.rules import rules_pdf
from cmstudio.ui.studio import CONTESTS, Studio

SAVE_DELAY_MS = 700


class RulesPanel(QWidget):
    """Markdown editor of the rules, saved shortly after each change."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.contest_id: int | None = None
        self.setObjectName("rulesPanel")
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("rulesEditor")
        self.editor.setAccessibleName(self.tr("Rules document"))
        self.editor.document().setDocumentMargin(14)
        self.regenerate_button = QPushButton(self.tr("Regenerate from the fields"), self)
        self.regenerate_button.setObjectName("regenerateRules")
        self.pdf_button = QPushButton(self.tr("Export PDF…"), self)
        self.pdf_button.setObjectName("exportRulesPdf")
        self.markdown_button = QPushButton(self.tr("Export Markdown…"), self)
        self.markdown_button.setObjectName("exportRulesMarkdown")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        buttons = QHBoxLayout()
        buttons.addWidget(self.regenerate_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.markdown_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        layout.addWidget(
            hint(
                self.tr(
                    "Generated from the contest’s fields: review it before publishing. "
                    "It is a sound starting point, not legal advice."
                ),
                self,
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(self.editor, 1)
        self._connect()

    def _connect(self) -> None:
        self.editor.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.save)
        self.regenerate_button.clicked.connect(self.regenerate)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.markdown_button.clicked.connect(self.export_markdown)

    def load(self, contest: Contest | None) -> None:
        self.save()
        self.contest_id = contest.id if contest else None
        text = contest.rules_markdown if contest else ""
        if text != self.editor.toPlainText():
            self.editor.blockSignals(True)
            self.editor.setPlainText(text)
            self.editor.blockSignals(False)

    def show_generated(self, text: str) -> None:
        """Show a freshly generated document for a contest that has none yet (saved on first edit)."""
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)

    def save(self) -> None:
        """Write pending edits now (called by the debounce timer and before switching contest)."""
        pending = self._timer.isActive()
        self._timer.stop()
        if self.contest_id is None or not pending:
            return
        text = self.editor.toPlainText()
        try:
            with self.studio.session() as session:
                save_rules(session, self.contest_id, text)
        except UserError:
            self.contest_id = None  # the contest was deleted meanwhile

    def regenerate(self) -> None:
        if self.contest_id is None:
            return
        with self.studio.session() as session:
            contest = get_contest(session, self.contest_id)
            fresh = rules_markdown(session, contest)
            edited = bool(contest.rules_markdown.strip()) and contest.rules_markdown != fresh
        if edited:
            answer = QMessageBox.question(
                self,
                self.tr("Regenerate the rules"),
                self.tr(
                    "Replace the rules, and your edits, with a new document "
                    "generated from the contest’s fields?"
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.editor.setPlainText(fresh)
        self.save()
        self.studio.notify({CONTESTS})

    def export_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the rules as PDF"), self.tr("rules.pdf"), self.tr("PDF (*.pdf)")
        )
        if not path:
            return
        try:
            rules_pdf(self.editor.toPlainText(), Path(path))
        except (UserError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export the rules as PDF"), str(exc))
            return
        self.studio.show_status(self.tr("Rules written to %1").replace("%1", path))

    def export_markdown(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the rules as Markdown"), self.tr("rules.md"), self.tr("Markdown (*.md)")
        )
        if not path:
            return
        try:
            Path(path).write_text(self.editor.toPlainText(), encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export the rules as Markdown"), str(exc))
            return
        self.studio.show_status(self.tr("Rules written to %1").replace("%1", path))
