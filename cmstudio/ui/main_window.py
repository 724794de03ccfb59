"""The main window: navigation between sections, workspace switcher, status bar. It only wires views."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from cmstudio.core.errors import UserError
from cmstudio.ui.sections import SECTION_KEYS, SECTIONS, Section, section
from cmstudio.ui.studio import WORKSPACES, Studio

log = logging.getLogger(__name__)
# Loaded after the first paint, one per turn of the event loop so the window stays responsive.
AFTER_PAINT_IMPORTS = ("sqlalchemy", "sqlalchemy.orm", "cmstudio.core.models", "cmstudio.core.workspaces")


class MainWindow(QMainWindow):
    def __init__(self, studio: Studio, *, persist_state: bool = True) -> None:
        super().__init__()
        self.studio = studio
        self.persist_state = persist_state  # snapshots and benchmarks leave the user's settings alone
        self._views: dict[str, QWidget] = {}
        self._painted = False
        self.startup_error = ""  # why the database could not be opened after the first paint
        self.setObjectName("mainWindow")
        self.setAccessibleName(self.tr("CM Studio main window"))
        self.setWindowTitle("CM Studio")
        self.setMinimumSize(720, 480)
        self._build()
        self._connect()
        self._refresh_workspaces()
        self._restore()

    # -- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("sectionNav")
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setFixedWidth(200)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet(
            "QListWidget#sectionNav { background: palette(alternate-base); padding: 12px 8px; outline: 0;"
            " border-right: 1px solid palette(mid); }"
            "QListWidget#sectionNav::item { padding: 9px 12px; margin: 1px 0; border-radius: 6px; }"
            "QListWidget#sectionNav::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        for item in SECTIONS:
            entry = QListWidgetItem(item.label())
            entry.setData(Qt.ItemDataRole.UserRole, item.key)
            entry.setToolTip(f"{item.label()} ({QKeySequence(item.shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            self.nav.addItem(entry)
        self.stack = QStackedWidget(central)
        self.stack.setObjectName("sectionStack")
        for _ in SECTIONS:
            self.stack.addWidget(QWidget(self.stack))  # placeholders, replaced on first visit
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.workspace_box = QComboBox(self)
        self.workspace_box.setObjectName("workspaceSwitcher")
        self.workspace_box.setAccessibleName(self.tr("Current workspace"))
        self.workspace_box.setMinimumWidth(220)
        bar = self.addToolBar(self.tr("Workspace"))
        bar.setObjectName("workspaceToolbar")
        bar.setMovable(False)
        bar.addWidget(QLabel(self.tr("Workspace:") + " ", self))
        bar.addWidget(self.workspace_box)

        self.status_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_menus()

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.switch_action = QAction(self.tr("Switch workspace…"), self)
        self.switch_action.setShortcut(QKeySequence("Ctrl+K"))
        file_menu.addAction(self.switch_action)
        self.new_workspace_action = QAction(self.tr("New workspace…"), self)
        file_menu.addAction(self.new_workspace_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        file_menu.addAction(self.quit_action)
        view_menu = menu.addMenu(self.tr("&View"))
        self.section_actions: list[QAction] = []
        for item in SECTIONS:
            action = QAction(item.label(), self)
            action.setShortcut(QKeySequence(item.shortcut))
            action.setData(item.key)
            view_menu.addAction(action)
            self.section_actions.append(action)
        help_menu = menu.addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("About CM Studio"), self)
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.nav.currentRowChanged.connect(self._on_nav_row)
        for action in self.section_actions:
            action.triggered.connect(self._on_section_action)
        self.workspace_box.activated.connect(self._on_workspace_chosen)
        self.switch_action.triggered.connect(self.open_quick_switcher)
        self.new_workspace_action.triggered.connect(self._new_workspace)
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self._about)
        self.studio.dataChanged.connect(self._on_data_changed)
        self.studio.workspaceChanged.connect(lambda _id: self._refresh_workspaces())
        self.studio.statusMessageRequested.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.studio.ready.connect(self._refresh_workspaces)  # the start-up reader shows no logos

    # -- start-up -----------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if not self._painted and event.type() in (QEvent.Type.UpdateRequest, QEvent.Type.Paint):
            self._painted = True
            QTimer.singleShot(0, self.finish_startup)
        return handled

    def finish_startup(self, step: int = 0) -> None:
        """After the first paint: load the database layer, then announce ``studio.ready`` (the main
        window calls it; `cmstudio` calls it too after a while in case the window started minimized)."""
        if self.studio.is_ready():
            return
        if step < len(AFTER_PAINT_IMPORTS):
            importlib.import_module(AFTER_PAINT_IMPORTS[step])
            QTimer.singleShot(0, lambda: self.finish_startup(step + 1))
            return
        try:
            self.studio.finish_loading()
        except UserError as exc:  # the file changed or is damaged beyond what the first look read
            log.error("cannot open the database after start-up: %s", exc)
            self.startup_error = str(exc)
            QMessageBox.critical(self, "CM Studio", str(exc))
            self.close()

    # -- sections -----------------------------------------------------------------------------
    def view(self, key: str) -> QWidget:
        """The view of a section, created on first use so start-up only builds what is shown."""
        if key not in self._views:
            index = SECTION_KEYS.index(key)
            widget = section(key).create(self.studio, self.stack)
            old = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(old)
            old.deleteLater()
            self._views[key] = widget
        return self._views[key]

    def current_section(self) -> str:
        return SECTION_KEYS[self.stack.currentIndex()]

    def show_section(self, key: str) -> QWidget:
        widget = self.view(key)
        index = SECTION_KEYS.index(key)
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        if self.persist_state:
            self.studio.settings.setValue("window/section", key)
        return widget

    def _on_section_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_section(str(action.data()))

    def _on_nav_row(self, row: int) -> None:
        if 0 <= row < len(SECTIONS):
            self.show_section(SECTIONS[row].key)

    # -- workspaces ---------------------------------------------------------------------------
    def _refresh_workspaces(self) -> None:
        quick = self.studio.quick
        if quick is not None:
            workspaces = [(i, name, color, None) for i, name, color in quick.workspaces()]
        else:
            from cmstudio.core.workspaces import list_workspaces, logo_path

            media = self.studio.media_dir
            with self.studio.session() as session:
                workspaces = [(w.id, w.name, w.color, logo_path(w, media)) for w in list_workspaces(session)]
        self.workspace_box.blockSignals(True)
        self.workspace_box.clear()
        for workspace_id, name, color, logo in workspaces:
            self.workspace_box.addItem(_workspace_icon(color, logo), name, workspace_id)
        index = self.workspace_box.findData(self.studio.workspace_id)
        self.workspace_box.setCurrentIndex(max(index, 0))
        self.workspace_box.blockSignals(False)
        current = self.workspace_box.currentText()
        self.setWindowTitle(f"{current} — CM Studio" if current else "CM Studio")
        path = self.studio.db_path
        self.status_label.setText(self.tr("Database: %1").replace("%1", path.name if path else "server"))

    def _on_workspace_chosen(self, index: int) -> None:
        workspace_id = self.workspace_box.itemData(index)
        if workspace_id:
            self.studio.switch_workspace(int(workspace_id))

    def _on_data_changed(self, kinds: frozenset[str]) -> None:
        if WORKSPACES in kinds:
            self._refresh_workspaces()

    def open_quick_switcher(self) -> None:
        from cmstudio.ui.workspace_dialogs import QuickSwitcher

        dialog = QuickSwitcher(self.studio, self)
        if dialog.exec() and dialog.chosen_id:
            self.studio.switch_workspace(dialog.chosen_id)

    def _new_workspace(self) -> None:
        from cmstudio.ui.workspace_dialogs import create_workspace_interactively

        create_workspace_interactively(self.studio, self)

    def _about(self) -> None:
        from cmstudio.ui.about import show_about

        show_about(self.studio, self)

    # -- state --------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.studio.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        key = str(self.studio.settings.value("window/section", "articles"))
        self.show_section(key if key in SECTION_KEYS else "articles")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.persist_state:
            self.studio.settings.setValue("window/geometry", self.saveGeometry())
            self.studio.settings.setValue("window/section", self.current_section())
            self.studio.settings.sync()
        for view in self._views.values():
            closing = getattr(view, "prepare_close", None)
            if closing is not None:
                closing()
        super().closeEvent(event)


def _workspace_icon(color: str, logo: Path | None) -> QIcon:
    """The workspace's logo, or a dot of its colour, for the switcher."""
    if logo is not None:
        pixmap = QPixmap(str(logo))
        if not pixmap.isNull():
            return QIcon(pixmap)
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(2, 2, 12, 12)
    painter.end()
    return QIcon(pixmap)


__all__ = ["MainWindow", "Section"]
