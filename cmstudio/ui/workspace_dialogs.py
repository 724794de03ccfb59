"""Workspace dialogs: the quick switcher (Ctrl+K) and creating a workspace."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cmstudio.core.errors import UserError
from cmstudio.core.workspaces import create_workspace, find_workspaces
from cmstudio.ui.studio import WORKSPACES, Studio


class QuickSwitcher(QDialog):
    """Type a few letters of a brand, Enter: you are in its workspace."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.chosen_id = 0
        self.setObjectName("quickSwitcher")
        self.setWindowTitle(self.tr("Switch workspace"))
        layout = QVBoxLayout(self)
        self.query = QLineEdit(self)
        self.query.setObjectName("quickSwitcherQuery")
        self.query.setPlaceholderText(self.tr("Type a workspace name…"))
        self.query.setAccessibleName(self.tr("Workspace name"))
        self.results = QListWidget(self)
        self.results.setObjectName("quickSwitcherResults")
        self.results.setAccessibleName(self.tr("Matching workspaces"))
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        self.resize(420, 320)
        self._connect()
        self._update("")

    def _connect(self) -> None:
        self.query.textChanged.connect(self._update)
        self.query.returnPressed.connect(self._accept_current)
        self.results.itemActivated.connect(lambda _item: self._accept_current())

    def _update(self, text: str) -> None:
        with self.studio.session() as session:
            matches = [(w.id, w.name) for w in find_workspaces(session, text)]
        self.results.clear()
        for workspace_id, name in matches:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, workspace_id)
            self.results.addItem(item)
        if matches:
            self.results.setCurrentRow(0)

    def _accept_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.chosen_id = int(item.data(Qt.ItemDataRole.UserRole))
            self.accept()


def create_workspace_interactively(studio: Studio, parent: QWidget) -> int:
    name, ok = QInputDialog.getText(parent, QCoreApplication.translate("WorkspaceDialogs", "New workspace"), QCoreApplication.translate("WorkspaceDialogs", "Brand or client name:"))
    if not ok or not name.strip():
        return 0
    try:
        with studio.session() as session:
            workspace = create_workspace(session, name)
            workspace_id = workspace.id
    except UserError as exc:
        studio.show_status(str(exc))
        return 0
    studio.notify({WORKSPACES})
    studio.switch_workspace(workspace_id)
    return workspace_id
