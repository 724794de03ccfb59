"""Publishing: accounts with their health, and the log of every publication with what was sent.

Accounts are checked in a worker thread (the UI never waits on the network); the account form is
generated from the connector's settings schema. The log shows, for the selected publication, the
exact payload sent (secrets removed), its remote URL and last error, and offers "open on the
network", retry, cancel and — for posts published by hand — the folder, the text and "mark done".
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QDateTime,
    QLocale,
    QSignalBlocker,
    Qt,
    QThreadPool,
    QUrl,
)
from PySide6.QtGui import QColor, QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cmstudio.core.errors import UserError
from cmstudio.ui.publishing_parts import CheckTask, state_colour
from cmstudio.ui.scheduler_runner import runner_for
from cmstudio.ui.studio import PUBLICATIONS, WORKSPACES, Studio


class PublishingView(QWidget):
    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.runner = runner_for(studio)
        self.pool = QThreadPool(self)
        self._tasks: list[CheckTask] = []
        self._entries: list[Any] = []
        self._accounts: list[dict[str, Any]] = []
        self.setObjectName("publishingView")
        self.setAccessibleName(self.tr("Publishing"))
        self._build()
        self._connect()
        self.refresh()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(14)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        title = QLabel(self.tr("Publishing"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("publishSummary")
        self.summary.setEnabled(False)
        titles.addWidget(title)
        titles.addWidget(self.summary)
        header.addLayout(titles, 1)
        self.keep_running = QCheckBox(self.tr("Keep publishing when the window is closed"), self)
        self.keep_running.setObjectName("keepRunning")
        self.keep_running.setChecked(self.runner.keep_running_in_tray())
        self.publish_now = QPushButton(self.tr("Publish due posts now"), self)
        self.publish_now.setObjectName("publishNow")
        header.addWidget(self.keep_running, 0, Qt.AlignmentFlag.AlignBottom)
        header.addSpacing(12)
        header.addWidget(self.publish_now, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(header)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_accounts(splitter))
        splitter.addWidget(self._build_log(splitter))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        layout.addWidget(splitter, 1)

    def _section_label(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _build_accounts(self, parent: QWidget) -> QWidget:
        panel = QWidget(parent)
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 12, 0)
        box.setSpacing(8)
        box.addWidget(self._section_label(self.tr("Accounts"), panel))
        self.accounts = QListWidget(panel)
        self.accounts.setObjectName("accountList")
        self.accounts.setAccessibleName(self.tr("Accounts"))
        self.accounts.setSpacing(3)
        self.accounts.setWordWrap(True)
        box.addWidget(self.accounts, 1)
        self.account_status = QLabel(panel)
        self.account_status.setObjectName("accountStatus")
        self.account_status.setWordWrap(True)
        box.addWidget(self.account_status)
        row = QHBoxLayout()
        self.add_account = QPushButton(self.tr("Add…"), panel)
        self.add_account.setObjectName("accountAdd")
        self.edit_account = QPushButton(self.tr("Edit…"), panel)
        self.edit_account.setObjectName("accountEdit")
        self.check_account = QPushButton(self.tr("Check"), panel)
        self.check_account.setObjectName("accountCheck")
        self.check_account.setToolTip(self.tr("Ask the network whether this account can publish"))
        self.remove_account = QPushButton(self.tr("Remove"), panel)
        self.remove_account.setObjectName("accountRemove")
        for button in (self.add_account, self.edit_account, self.check_account, self.remove_account):
            row.addWidget(button)
        box.addLayout(row)
        return panel

    def _build_log(self, parent: QWidget) -> QWidget:
        panel = QWidget(parent)
        box = QVBoxLayout(panel)
        box.setContentsMargins(12, 0, 0, 0)
        box.setSpacing(8)
        box.addWidget(self._section_label(self.tr("Publication log"), panel))
        self.log = QTableWidget(0, 5, panel)
        self.log.setObjectName("publishLog")
        self.log.setAccessibleName(self.tr("Publication log"))
        self.log.setHorizontalHeaderLabels([self.tr("When"), self.tr("Account"), self.tr("State"), self.tr("Post"),
                                            self.tr("Message")])
        header = self.log.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.log.verticalHeader().setVisible(False)
        self.log.setShowGrid(False)
        self.log.setAlternatingRowColors(True)
        self.log.setWordWrap(False)
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        box.addWidget(self.log, 3)
        self.empty = QLabel(self.tr("No publication yet. Schedule a post from the Variants section or with "
                                    "“cmstudio post”."), panel)
        self.empty.setObjectName("publishEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        box.addWidget(self.empty)

        detail = QFrame(panel)
        detail.setObjectName("publishDetail")
        detail.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(detail)
        inner.setContentsMargins(14, 12, 14, 12)
        inner.setSpacing(8)
        self.detail_title = QLabel(detail)
        self.detail_title.setObjectName("publishDetailTitle")
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.detail_title)
        self.detail_error = QLabel(detail)
        self.detail_error.setObjectName("publishDetailError")
        self.detail_error.setWordWrap(True)
        self.detail_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.detail_error)
        inner.addWidget(QLabel(self.tr("What was sent (secrets removed)"), detail))
        self.payload_view = QPlainTextEdit(detail)
        self.payload_view.setObjectName("payloadView")
        self.payload_view.setAccessibleName(self.tr("What was sent"))
        self.payload_view.setReadOnly(True)
        self.payload_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        inner.addWidget(self.payload_view, 1)
        actions = QHBoxLayout()
        self.open_remote = QPushButton(self.tr("Open on the network"), detail)
        self.open_remote.setObjectName("openRemote")
        self.retry_button = QPushButton(self.tr("Send again"), detail)
        self.retry_button.setObjectName("retryPublication")
        self.cancel_button = QPushButton(self.tr("Cancel"), detail)
        self.cancel_button.setObjectName("cancelPublication")
        self.mark_done = QPushButton(self.tr("Mark as published…"), detail)
        self.mark_done.setObjectName("markDone")
        self.open_folder = QPushButton(self.tr("Open folder"), detail)
        self.open_folder.setObjectName("openFolder")
        self.copy_text = QPushButton(self.tr("Copy text"), detail)
        self.copy_text.setObjectName("copyText")
        for button in (self.open_remote, self.retry_button, self.cancel_button, self.mark_done, self.open_folder,
                       self.copy_text):
            actions.addWidget(button)
        actions.addStretch(1)
        inner.addLayout(actions)
        box.addWidget(detail, 2)
        return panel

    def _connect(self) -> None:
        self.studio.workspaceChanged.connect(lambda _id: self.refresh())
        self.studio.dataChanged.connect(lambda kinds: self.refresh() if kinds & {PUBLICATIONS, WORKSPACES} else None)
        self.log.itemSelectionChanged.connect(self._show_selected)
        self.accounts.currentRowChanged.connect(lambda _row: self._show_account())
        self.add_account.clicked.connect(self._add_account)
        self.edit_account.clicked.connect(self._edit_account)
        self.check_account.clicked.connect(self._check_account)
        self.remove_account.clicked.connect(self._remove_account)
        self.publish_now.clicked.connect(self._publish_now)
        self.keep_running.toggled.connect(self._toggle_tray)
        self.open_remote.clicked.connect(self._open_remote)
        self.retry_button.clicked.connect(lambda: self._act("retry"))
        self.cancel_button.clicked.connect(lambda: self._act("cancel"))
        self.mark_done.clicked.connect(self._mark_done)
        self.open_folder.clicked.connect(self._open_folder)
        self.copy_text.clicked.connect(self._copy_text)
        self.runner.passFinished.connect(lambda _o: self.refresh())

    # -- data -------------------------------------------------------------------------------

    def _colour(self, key: str) -> QColor | None:
        return state_colour(key)

    def state_label(self, state: str, kind: str = "") -> str:
        if state == "needs-check" and kind == "manual":
            return self.tr("To post by hand")
        return {"queued": self.tr("Queued"), "sending": self.tr("Sending"), "published": self.tr("Published"),
                "failed": self.tr("Failed"), "needs-check": self.tr("Needs checking"),
                "cancelled": self.tr("Cancelled")}.get(state, state)

    def account_status_label(self, status: str) -> str:
        return {"ok": self.tr("Ready"), "reconnect": self.tr("Reconnect needed"), "error": self.tr("Problem"),
                "unchecked": self.tr("Not checked yet"), "demo": self.tr("Demo account")}.get(status, status)

    def refresh(self) -> None:
        from sqlalchemy import select

        from cmstudio.core.models import Account
        from cmstudio.publish.accounts import account_summary
        from cmstudio.publish.results import publication_log

        with self.studio.session() as session:
            self._accounts = [account_summary(a) for a in session.scalars(
                select(Account).where(Account.workspace_id == self.studio.workspace_id).order_by(Account.name))]
            self._entries = publication_log(session, self.studio.workspace_id)
        self._fill_accounts()
        self._fill_log()

    def _fill_accounts(self) -> None:
        current = self.selected_account()
        with QSignalBlocker(self.accounts):
            self.accounts.clear()
            for acc in self._accounts:
                status = self.account_status_label(acc["status"])
                item = QListWidgetItem(f"{acc['name']}\n{acc['handle'] or acc['connector']}  ·  {status}")
                item.setData(Qt.ItemDataRole.UserRole, acc["id"])
                item.setToolTip(acc["message"] or status)
                colour = self._colour(acc["status"])
                if colour is not None and acc["status"] != "ok":
                    item.setForeground(colour)
                self.accounts.addItem(item)
                if current and acc["id"] == current["id"]:
                    self.accounts.setCurrentItem(item)
        self._show_account()

    def _fill_log(self) -> None:
        locale = QLocale()
        selected = self.selected_entry()
        due = sum(1 for e in self._entries if e.state == "queued")
        attention = sum(1 for e in self._entries if e.state in ("failed", "needs-check"))
        self.summary.setText(self.tr("%1 queued · %2 to look at").replace("%1", locale.toString(due))
                             .replace("%2", locale.toString(attention)))
        with QSignalBlocker(self.log):
            self.log.setRowCount(len(self._entries))
            for row, e in enumerate(self._entries):
                when = e.sent_at or e.due_at
                stamp = locale.toString(QDateTime.fromSecsSinceEpoch(int(when.timestamp())),
                                        QLocale.FormatType.ShortFormat)
                state = self.state_label(e.state, e.kind)
                message = e.remote_url or e.error or ""
                for column, value in enumerate((stamp, e.account, state, e.summary, message)):
                    item = QTableWidgetItem(value)
                    if column == 2:
                        colour = self._colour(e.state)
                        if colour is not None:
                            item.setForeground(colour)
                    if column == 4 and e.error:
                        item.setToolTip(e.error)
                    self.log.setItem(row, column, item)
            if selected is not None:
                for row, e in enumerate(self._entries):
                    if e.id == selected.id:
                        self.log.selectRow(row)
        self.log.setVisible(bool(self._entries))
        self.empty.setVisible(not self._entries)
        self._show_selected()

    def selected_entry(self) -> Any | None:
        rows = self.log.selectionModel().selectedRows() if self.log.selectionModel() else []
        if not rows or rows[0].row() >= len(self._entries):
            return None
        return self._entries[rows[0].row()]

    def selected_account(self) -> dict[str, Any] | None:
        item = self.accounts.currentItem()
        if item is None:
            return None
        account_id = item.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self._accounts if a["id"] == account_id), None)

    def _show_account(self) -> None:
        acc = self.selected_account()
        for button in (self.edit_account, self.check_account, self.remove_account):
            button.setEnabled(acc is not None)
        self.account_status.setText(acc["message"] or "" if acc else "")

    def _show_selected(self) -> None:
        e = self.selected_entry()
        manual = e is not None and e.kind == "manual" and e.state == "needs-check"
        self.open_remote.setEnabled(bool(e and e.remote_url))
        self.retry_button.setEnabled(bool(e and e.state in ("failed", "needs-check")))
        self.cancel_button.setEnabled(bool(e and e.state in ("queued", "failed", "needs-check")))
        self.mark_done.setEnabled(bool(e and e.state in ("needs-check", "failed", "queued")))
        self.open_folder.setVisible(manual)
        self.copy_text.setVisible(manual)
        if e is None:
            self.detail_title.setText(self.tr("Select a publication to see what was sent."))
            self.detail_error.clear()
            self.payload_view.clear()
            return
        self.detail_title.setText(f"#{e.id} · {e.account} · {self.state_label(e.state, e.kind)}"
                                  + (f" · {e.remote_url}" if e.remote_url else "")
                                  + (" · " + self.tr("%n attempt(s)", "", e.attempts) if e.attempts else ""))
        self.detail_error.setText(e.error or "")
        colour = self._colour("failed" if e.state == "failed" else e.state)
        self.detail_error.setStyleSheet(f"color: {colour.name()};" if colour is not None and e.error else "")
        self.payload_view.setPlainText(json.dumps(e.payload, ensure_ascii=False, indent=2) if e.payload
                                       else self.tr("Nothing has been sent yet."))

    # -- actions ----------------------------------------------------------------------------

    def _store(self) -> Any | None:
        return self.runner.secrets.store(self)

    def _error(self, exc: Exception) -> None:
        QMessageBox.warning(self, self.tr("Publishing"), str(exc))

    def _add_account(self) -> None:
        self._account_form(None)

    def _edit_account(self) -> None:
        acc = self.selected_account()
        if acc is not None:
            self._account_form(acc)

    def _account_form(self, acc: dict[str, Any] | None) -> None:
        from cmstudio.publish.accounts import add_account, available_connectors, update_account
        from cmstudio.ui.account_dialog import AccountDialog

        dialog = AccountDialog(available_connectors(), self, account=acc)
        while dialog.exec():
            connector_id, name, settings, secrets = dialog.values()
            store = self._store()
            if store is None:
                return
            try:
                with self.studio.session() as session:
                    if acc is None:
                        add_account(session, store, self.studio.workspace_id, connector_id, name, settings, secrets)
                    else:
                        update_account(session, store, acc["id"], name=name, settings=settings, secrets=secrets)
            except UserError as exc:
                self._error(exc)
                continue
            self.studio.notify({PUBLICATIONS})
            self.studio.show_status(self.tr("Account saved."))
            return

    def _check_account(self) -> None:
        acc = self.selected_account()
        if acc is None:
            return
        store = self._store()
        if store is None:
            return
        self.check_account.setEnabled(False)
        self.account_status.setText(self.tr("Checking…"))
        task = CheckTask(self.studio, store, acc["id"])
        task.signals.done.connect(self._on_checked)
        self._tasks.append(task)
        self.pool.start(task)

    def _on_checked(self, account_id: int, status: str, message: str) -> None:
        self._tasks = [t for t in self._tasks if t.account_id != account_id]
        self.studio.notify({PUBLICATIONS})
        self.studio.show_status(f"{self.account_status_label(status)} — {message}")

    def _remove_account(self) -> None:
        from cmstudio.publish.accounts import delete_account

        acc = self.selected_account()
        if acc is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove account"),
                                      self.tr("Remove the account “%1” and its stored secrets?")
                                      .replace("%1", acc["name"]))
        if answer != QMessageBox.StandardButton.Yes:
            return
        store = self._store()
        if store is None:
            return
        with self.studio.session() as session:
            delete_account(session, store, acc["id"])
        self.studio.notify({PUBLICATIONS})

    def _publish_now(self) -> None:
        if self.runner.run_now():
            self.studio.show_status(self.tr("Publishing what is due…"))

    def _toggle_tray(self, on: bool) -> None:
        if not self.runner.set_keep_running_in_tray(on, self.window()) and on:
            QMessageBox.information(self, self.tr("Publishing"),
                                    self.tr("This desktop has no system tray: the studio publishes only while its "
                                            "window is open. Use “cmstudio publish-due” with a timer otherwise."))
            with QSignalBlocker(self.keep_running):
                self.keep_running.setChecked(False)

    def _open_remote(self) -> None:
        e = self.selected_entry()
        if e is not None and e.remote_url:
            QDesktopServices.openUrl(QUrl(e.remote_url))

    def _act(self, action: str) -> None:
        from cmstudio.publish import engine

        e = self.selected_entry()
        if e is None:
            return
        try:
            with self.studio.session() as session:
                getattr(engine, action)(session, e.id)
        except UserError as exc:
            self._error(exc)
            return
        self.studio.notify({PUBLICATIONS})

    def _mark_done(self) -> None:
        from cmstudio.publish import engine

        e = self.selected_entry()
        if e is None:
            return
        url, ok = QInputDialog.getText(self, self.tr("Mark as published"),
                                       self.tr("Address of the post on the network (optional):"))
        if not ok:
            return
        try:
            with self.studio.session() as session:
                engine.mark_done(session, e.id, url)
        except UserError as exc:
            self._error(exc)
            return
        self.studio.notify({PUBLICATIONS})

    def _open_folder(self) -> None:
        e = self.selected_entry()
        if e is not None and e.manual_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(e.manual_folder))

    def _copy_text(self) -> None:
        e = self.selected_entry()
        if e is not None and e.payload:
            QGuiApplication.clipboard().setText(e.payload.get("text", ""))
            self.studio.show_status(self.tr("Text copied."))

    # -- snapshots and tests ----------------------------------------------------------------

    def prepare_snapshot(self, view_name: str) -> None:
        if self._entries:
            self.log.selectRow(0)
        if self.accounts.count():
            self.accounts.setCurrentRow(0)

    def wait_until_idle(self) -> None:
        self.pool.waitForDone(30_000)
        self.runner.wait_until_idle()
