"""The entries of a contest: import a CSV or pasted handles, see who is eligible and why not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cmstudio.contests.forms import heading
from cmstudio.core.contests_draw_service import ImportReport, clear_entries, exclusion_text, import_entries
from cmstudio.core.eligibility import reason_text
from cmstudio.core.entries import HandleColumnNotFound
from cmstudio.core.errors import UserError
from cmstudio.core.models import Contest
from cmstudio.ui.studio import CONTESTS, Studio


def ui_lang() -> str:
    from PySide6.QtCore import QLocale

    return "fr" if QLocale().language() == QLocale.Language.French else "en"


class PasteDialog(QDialog):
    """A plain text box to paste handles copied from a post or a spreadsheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paste handles"))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("pastedHandles")
        self.text.setPlaceholderText(self.tr("One handle per line, or separated by commas: @marie, @julien…"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Handles of the entrants:"), self))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(420, 320)


class EntriesPanel(QWidget):
    """Import and review a contest's entries; emits entriesChanged after an import."""

    entriesChanged = Signal()

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.contest_id: int | None = None
        self.setObjectName("entriesPanel")
        self.setAccessibleName(self.tr("Entries"))
        self.summary = QLabel(self)
        self.summary.setObjectName("entriesSummary")
        self.report = QLabel(self)
        self.report.setObjectName("importReport")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report.hide()
        self.import_button = QPushButton(self.tr("Import CSV…"), self)
        self.import_button.setObjectName("importEntries")
        self.paste_button = QPushButton(self.tr("Paste handles…"), self)
        self.paste_button.setObjectName("pasteEntries")
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setObjectName("clearEntries")
        self.filter = QComboBox(self)
        self.filter.setObjectName("entriesFilter")
        self.filter.setAccessibleName(self.tr("Show entries"))
        self.filter.addItems([self.tr("All"), self.tr("Eligible"), self.tr("Excluded")])
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("entriesTable")
        self.table.setAccessibleName(self.tr("Entries table"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("Handle"), self.tr("Eligible"), self.tr("Reason")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(False)

        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Entries"), self))
        top.addStretch(1)
        top.addWidget(self.filter)
        buttons = QHBoxLayout()
        for button in (self.import_button, self.paste_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.report)
        layout.addWidget(self.table, 1)
        self._connect()

    def _connect(self) -> None:
        self.import_button.clicked.connect(self.choose_file)
        self.paste_button.clicked.connect(self.paste)
        self.clear_button.clicked.connect(self.clear)
        self.filter.currentIndexChanged.connect(self._apply_filter)

    def load(self, contest: Contest | None) -> None:
        """Show the entries of *contest* (inside the caller's session)."""
        self.contest_id = contest.id if contest else None
        self.table.setRowCount(0)
        if contest is None:
            self.summary.clear()
            return
        rows = sorted(contest.entries, key=lambda e: (e.source_line or 0, e.id))
        lang = ui_lang()
        excluded_color = QColor("#c0392b")
        self.table.setRowCount(len(rows))
        for row, entry in enumerate(rows):
            line = QTableWidgetItem()
            line.setData(Qt.ItemDataRole.DisplayRole, entry.source_line or 0)
            ok = QTableWidgetItem("✓" if entry.eligible else "✗")
            ok.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            ok.setData(Qt.ItemDataRole.UserRole, entry.eligible)
            ok.setToolTip(self.tr("Eligible") if entry.eligible else self.tr("Excluded"))
            if not entry.eligible:
                ok.setForeground(QBrush(excluded_color))
            handle = QTableWidgetItem(entry.display or entry.handle)
            handle.setToolTip(entry.handle)
            for column, item in enumerate((line, handle, ok, QTableWidgetItem(exclusion_text(entry, lang)))):
                self.table.setItem(row, column, item)
        eligible = sum(1 for e in rows if e.eligible)
        drawn = bool(contest.draws) or contest.status == "purged"
        for button in (self.import_button, self.paste_button, self.clear_button):
            button.setEnabled(not drawn)
        self.clear_button.setEnabled(not drawn and bool(rows))
        self.summary.setText(
            self.tr("%1 entries · %2 eligible · %3 excluded")
            .replace("%1", str(len(rows)))
            .replace("%2", str(eligible))
            .replace("%3", str(len(rows) - eligible))
        )
        self._apply_filter()

    def _apply_filter(self) -> None:
        mode = self.filter.currentIndex()
        for row in range(self.table.rowCount()):
            eligible = bool(self.table.item(row, 2).data(Qt.ItemDataRole.UserRole))
            self.table.setRowHidden(row, (mode == 1 and not eligible) or (mode == 2 and eligible))

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import entries"), "", self.tr("Entries (*.csv *.txt *.tsv);;All files (*)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> ImportReport | None:
        """Import a CSV file, asking for the handle column when it cannot be detected."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._show_error(self.tr("The file cannot be read: %1").replace("%1", exc.strerror or str(exc)))
            return None
        column: str | None = None
        while True:
            try:
                return self._run_import(data, column)
            except HandleColumnNotFound as exc:
                column, ok = QInputDialog.getItem(
                    self,
                    self.tr("Choose the handle column"),
                    self.tr("Which column holds the entrants’ handles?"),
                    exc.columns,
                    0,
                    False,
                )
                if not ok or not column:
                    return None

    def paste(self) -> None:
        dialog = PasteDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.import_text(dialog.text.toPlainText())

    def import_text(self, text: str) -> ImportReport | None:
        if not text.strip():
            return None
        return self._run_import(text, None)

    def _run_import(self, data: bytes | str, column: str | None) -> ImportReport | None:
        if self.contest_id is None:
            return None
        try:
            with self.studio.session() as session:
                report = import_entries(session, self.contest_id, data, handle_column=column, lang=ui_lang())
        except HandleColumnNotFound:
            raise
        except UserError as exc:
            self._show_error(str(exc))
            return None
        self._show_report(report)
        self.studio.notify({CONTESTS})
        self.entriesChanged.emit()
        return report

    def _show_report(self, report: ImportReport) -> None:
        lines = [
            self.tr("Imported %1 new entries; %2 duplicates removed.")
            .replace("%1", str(report.added))
            .replace("%2", str(report.duplicates))
        ]
        if report.errors:
            lines.append(self.tr("Rows not read:"))
            lines += [
                self.tr("line %1: %2").replace("%1", str(n)).replace("%2", message)
                for n, message in report.errors[:12]
            ]
            if len(report.errors) > 12:
                lines.append(self.tr("… and %1 more").replace("%1", str(len(report.errors) - 12)))
        lines += [reason_text(code, ui_lang()) for code in report.unchecked]
        self.report.setText("\n".join(lines))
        self.report.setForegroundRole(QPalette.ColorRole.WindowText)
        self.report.show()
        self.studio.show_status(lines[0])

    def _show_error(self, message: str) -> None:
        self.report.setText(message)
        self.report.show()
        QMessageBox.warning(self, self.tr("Import entries"), message)

    def clear(self) -> None:
        if self.contest_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Clear entries"), self.tr("Remove all the entries of this contest?")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.studio.session() as session:
                clear_entries(session, self.contest_id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Clear entries"), str(exc))
            return
        self.report.hide()
        self.studio.notify({CONTESTS})
        self.entriesChanged.emit()
