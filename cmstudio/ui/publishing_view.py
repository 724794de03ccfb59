"""Publishing: accounts and the log of every publication, with its state and last error."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from cmstudio.core.models import Account, Publication, Variant
from cmstudio.ui.studio import PUBLICATIONS, WORKSPACES, Studio


class PublishingView(QWidget):
    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.setObjectName("publishingView")
        self.setAccessibleName(self.tr("Publishing"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        title = QLabel(self.tr("Publishing"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.accounts = QListWidget(splitter)
        self.accounts.setObjectName("accountList")
        self.accounts.setAccessibleName(self.tr("Accounts"))
        self.log = QTableWidget(0, 5, splitter)
        self.log.setObjectName("publishLog")
        self.log.setAccessibleName(self.tr("Publication log"))
        self.log.setHorizontalHeaderLabels([self.tr("When"), self.tr("Network"), self.tr("State"),
                                            self.tr("Post"), self.tr("Message")])
        self.log.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.log.verticalHeader().setVisible(False)
        self.log.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.log.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        splitter.setSizes([260, 900])
        layout.addWidget(splitter, 1)
        studio.workspaceChanged.connect(lambda _id: self.refresh())
        studio.dataChanged.connect(lambda kinds: self.refresh() if kinds & {PUBLICATIONS, WORKSPACES} else None)
        self.refresh()

    def refresh(self) -> None:
        locale = QLocale()
        with self.studio.session() as session:
            accounts = list(session.scalars(select(Account).where(Account.workspace_id == self.studio.workspace_id)))
            rows = session.execute(
                select(Publication, Variant)
                .outerjoin(Variant, Variant.id == Publication.variant_id)
                .where(Publication.workspace_id == self.studio.workspace_id)
                .order_by(Publication.due_at.desc())
                .limit(500)
            ).all()
            account_rows = [(a.name, a.handle, a.status) for a in accounts]
            log_rows = [(p.due_at, v.network if v else "blog", p.state, (v.text if v else "")[:80], p.last_error)
                        for p, v in rows]
        self.accounts.clear()
        for name, handle, status in account_rows:
            item = QListWidgetItem(f"{name}\n{handle} · {status}")
            self.accounts.addItem(item)
        self.log.setRowCount(len(log_rows))
        for row, (due, network, state, text, error) in enumerate(log_rows):
            when = locale.toString(due.astimezone(), QLocale.FormatType.ShortFormat) if due else ""
            for column, value in enumerate((when, network, state, text.replace("\n", " "), error)):
                self.log.setItem(row, column, QTableWidgetItem(value))
