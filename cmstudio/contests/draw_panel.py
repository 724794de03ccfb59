"""The verifiable draw: prepare the seed (publish its commitment), draw, export the proof."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmstudio.contests.forms import format_moment, heading, hint, mono_font
from cmstudio.core.contests_draw_service import (
    eligible_handles,
    latest_draw,
    prepare_seed,
    run_draw,
    verify_command,
    write_certificate,
    write_published_list,
)
from cmstudio.core.contests_service import get_contest
from cmstudio.core.errors import UserError
from cmstudio.core.models import Contest
from cmstudio.ui.studio import CONTESTS, VARIANTS, Studio


def _copy_field(parent: QWidget, name: str, tooltip: str) -> tuple[QLineEdit, QWidget]:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setReadOnly(True)
    field.setFont(mono_font())
    button = QPushButton(QCoreApplication.translate("DrawPanel", "Copy"), parent)
    button.setObjectName(f"{name}Copy")
    button.setToolTip(tooltip)
    button.clicked.connect(lambda: QGuiApplication.clipboard().setText(field.text()))
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(button)
    return field, row


class DrawPanel(QWidget):
    """Shows the draw's state and runs its steps; emits drawChanged after each one."""

    drawChanged = Signal()

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.contest_id: int | None = None
        self.setObjectName("drawPanel")
        self.setAccessibleName(self.tr("Draw"))
        self.state = QLabel(self)
        self.state.setObjectName("drawState")
        self.state.setWordWrap(True)
        self.prepare_button = QPushButton(self.tr("Prepare the draw"), self)
        self.prepare_button.setObjectName("prepareDraw")
        self.draw_button = QPushButton(self.tr("Draw now"), self)
        self.draw_button.setObjectName("runDraw")
        self.certificate_button = QPushButton(self.tr("Export certificate…"), self)
        self.certificate_button.setObjectName("exportCertificate")
        self.list_button = QPushButton(self.tr("Export list of entries…"), self)
        self.list_button.setObjectName("exportEntriesList")
        self.commitment, commitment_row = _copy_field(
            self, "commitment", self.tr("Copy the commitment to publish it in the launch post")
        )
        self.commitment.setAccessibleName(self.tr("Commitment"))
        self.seed, seed_row = _copy_field(self, "seed", self.tr("Copy the seed for the announcement"))
        self.seed.setAccessibleName(self.tr("Seed"))
        self.fingerprint, fingerprint_row = _copy_field(self, "fingerprint", self.tr("Copy the fingerprint"))
        self.command, command_row = _copy_field(self, "verifyCommand", self.tr("Copy the command line"))
        self.algorithm = QLabel(self)
        self.winners = QListWidget(self)
        self.winners.setObjectName("winnersList")
        self.winners.setAccessibleName(self.tr("Winners"))
        self.alternates = QListWidget(self)
        self.alternates.setObjectName("alternatesList")
        self.alternates.setAccessibleName(self.tr("Alternates"))
        for widget in (self.winners, self.alternates):
            widget.setMaximumHeight(110)

        self.result_box = QWidget(self)
        form = QFormLayout(self.result_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Winners"), self.winners)
        form.addRow(self.tr("Alternates"), self.alternates)
        form.addRow(self.tr("Seed"), seed_row)
        form.addRow(self.tr("Fingerprint"), fingerprint_row)
        form.addRow(self.tr("Algorithm"), self.algorithm)
        form.addRow(self.tr("Check"), command_row)

        buttons = QHBoxLayout()
        for button in (self.prepare_button, self.draw_button, self.certificate_button, self.list_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("Verifiable draw"), self))
        layout.addWidget(
            hint(
                self.tr(
                    "Prepare the draw before the contest opens and publish the commitment in the launch "
                    "post. The draw ranks the eligible entries by HMAC-SHA256 of the secret seed; revealing "
                    "the seed afterwards lets anyone check the result."
                ),
                self,
            )
        )
        layout.addWidget(self.state)
        self.commitment_label = QLabel(self.tr("Commitment (SHA-256 of the seed)"), self)
        layout.addWidget(self.commitment_label)
        layout.addWidget(commitment_row)
        layout.addLayout(buttons)
        layout.addWidget(self.result_box)
        layout.addStretch(1)
        self._commitment_row = commitment_row
        self._connect()

    def _connect(self) -> None:
        self.prepare_button.clicked.connect(self.prepare)
        self.draw_button.clicked.connect(self.run)
        self.certificate_button.clicked.connect(self.export_certificate)
        self.list_button.clicked.connect(self.export_list)

    def load(self, contest: Contest | None) -> None:
        self.contest_id = contest.id if contest else None
        if contest is None:
            return
        row = latest_draw(contest)
        eligible = len(eligible_handles(contest))
        prepared = bool(contest.seed_commitment)
        self.commitment.setText(contest.seed_commitment or "")
        self.commitment_label.setVisible(prepared)
        self._commitment_row.setVisible(prepared)
        self.prepare_button.setVisible(row is None)
        self.prepare_button.setEnabled(not prepared)
        self.draw_button.setEnabled(row is None and eligible >= contest.winners_count)
        self.certificate_button.setEnabled(row is not None)
        self.list_button.setEnabled(row is not None and contest.status != "purged")
        self.result_box.setVisible(row is not None)
        if row is None:
            if not prepared:
                text = self.tr("Not prepared yet.")
            else:
                text = self.tr("Ready: %1 eligible entries for %2 winner(s) and %3 alternate(s).")
                text = text.replace("%1", str(eligible)).replace("%2", str(contest.winners_count))
                text = text.replace("%3", str(contest.alternates_count))
            self.state.setText(text)
            return
        self.state.setText(
            self.tr("Drawn on %1 among %2 eligible entries.")
            .replace("%1", format_moment(row.drawn_at, contest.timezone))
            .replace("%2", str(row.entry_count))
        )
        self.winners.clear()
        self.winners.addItems([f"{i}. @{h}" for i, h in enumerate(row.winners, start=1)])
        self.alternates.clear()
        self.alternates.addItems(
            [f"{i}. @{h}" for i, h in enumerate(row.alternates, start=1)] or [self.tr("none")]
        )
        self.seed.setText(row.seed_hex)
        self.fingerprint.setText(row.fingerprint)
        self.algorithm.setText(f"{row.algorithm}, v{row.algorithm_version}")
        self.command.setText(verify_command(row))

    def prepare(self) -> None:
        if self.contest_id is None:
            return
        try:
            with self.studio.session() as session:
                value = prepare_seed(session, self.contest_id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Prepare the draw"), str(exc))
            return
        QGuiApplication.clipboard().setText(value)
        self.studio.show_status(self.tr("Commitment copied: publish it in the launch post."))
        self.studio.notify({CONTESTS})
        self.drawChanged.emit()

    def run(self) -> None:
        if self.contest_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Draw"),
            self.tr("Draw the winners now? The result is final and the entries can no longer change."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.studio.session() as session:
                run_draw(session, self.contest_id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Draw"), str(exc))
            return
        self.studio.notify({CONTESTS, VARIANTS})
        self.drawChanged.emit()

    def export_certificate(self) -> None:
        if self.contest_id is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the draw certificate"),
            self.tr("draw-certificate.pdf"),
            self.tr("PDF (*.pdf)"),
        )
        if not path:
            return
        try:
            with self.studio.session() as session:
                written = write_certificate(session, self.contest_id, Path(path))
        except (UserError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export the draw certificate"), str(exc))
            return
        self.studio.show_status(self.tr("Certificate written to %1").replace("%1", str(written)))

    def export_list(self) -> None:
        if self.contest_id is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the list of entries"), "entries.txt", self.tr("Text (*.txt)")
        )
        if not path:
            return
        try:
            with self.studio.session() as session:
                written = write_published_list(get_contest(session, self.contest_id), Path(path))
        except (UserError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export the list of entries"), str(exc))
            return
        self.studio.show_status(self.tr("List written to %1").replace("%1", str(written)))
