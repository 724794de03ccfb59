"""The calendar's commands: undo/redo, colour mode, reference days, .ics in and out, queue, repeat."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from cmstudio.calendar.commands import MovesCommand
from cmstudio.core.agenda import ItemRef, ref_of
from cmstudio.core.agenda_services import (
    add_to_queue,
    export_calendar,
    import_reference_calendar,
    make_recurring,
)
from cmstudio.core.errors import UserError
from cmstudio.core.timezones import to_local


class CalendarActions(QObject):
    """Builds the view's actions and runs them through core services."""

    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view
        stack = view.undo_stack
        self.undo = stack.createUndoAction(view, QCoreApplication.translate("CalendarActions", "Undo"))
        self.undo.setObjectName("calendarUndo")
        self.undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo = stack.createRedoAction(view, QCoreApplication.translate("CalendarActions", "Redo"))
        self.redo.setObjectName("calendarRedo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo, self.redo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.addAction(action)
        menu = view.toolbar.more_menu
        menu.addAction(self.undo)
        menu.addAction(self.redo)
        menu.addSeparator()
        self.by_network = view.toolbar.make_checkable(QCoreApplication.translate("CalendarActions", "Colour by network"), False)
        self.by_network.toggled.connect(self._set_by_network)
        self.reference_days = view.toolbar.make_checkable(QCoreApplication.translate("CalendarActions", "Show holidays and marketing days"), True)
        self.reference_days.toggled.connect(self._set_reference_days)
        menu.addAction(self.by_network)
        menu.addAction(self.reference_days)
        menu.addSeparator()
        self.queue_action = self._add(
            menu, QCoreApplication.translate("CalendarActions", "Add selected post to queue"), self.add_selected_to_queue, "Ctrl+Shift+Q"
        )
        self.repeat_action = self._add(
            menu, QCoreApplication.translate("CalendarActions", "Repeat selected post…"), self.repeat_selected, "Ctrl+Shift+R"
        )
        menu.addSeparator()
        self.import_action = self._add(menu, QCoreApplication.translate("CalendarActions", "Import reference calendar (.ics)…"), self.import_ics)
        self.export_action = self._add(
            menu, QCoreApplication.translate("CalendarActions", "Export calendar (.ics)…"), self.export_ics, "Ctrl+Shift+E"
        )
        self.copy_path_action = self._add(
            menu, QCoreApplication.translate("CalendarActions", "Copy subscription file path"), self.copy_subscription_path
        )
        menu.addSeparator()
        self.marketing_action = self._add(menu, QCoreApplication.translate("CalendarActions", "Edit marketing days…"), self.edit_marketing_days)
        self.marketing_action.setObjectName("calendarEditMarketingDays")
        view.queue.editSlotsRequested.connect(self.edit_queue_slots)

    def _add(self, menu, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.view)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _set_by_network(self, on: bool) -> None:
        self.view.by_network = on
        self.view.reload()

    def _set_reference_days(self, on: bool) -> None:
        self.view.show_reference_days = on
        self.view.invalidate()

    # -- queue and repeat -------------------------------------------------------------------
    def _selected_post(self) -> ItemRef | None:
        refs = [ref_of(e) for e in self.view.selected_entries()]
        refs += [item.ref for item in self.view.backlog.selected_items()]
        return next((r for r in refs if r is not None and r.kind == "post"), None)

    def add_selected_to_queue(self) -> None:
        view = self.view
        ref = self._selected_post()
        if ref is None:
            view.studio.show_status(QCoreApplication.translate("CalendarActions", "Select a post first."))
            return
        try:
            with view.studio.session() as session:
                move = add_to_queue(session, ref.id)
        except UserError as exc:
            view.studio.show_status(str(exc))
            return
        view.undo_stack.push(
            MovesCommand(view._apply_moves, [move], QCoreApplication.translate("CalendarActions", "Add to queue"), already_applied=True)
        )
        when = to_local(move.after_start, view.zone_name)
        view.studio.show_status(QCoreApplication.translate("CalendarActions", "Queued for %1.").replace("%1", when.strftime("%d/%m/%Y %H:%M")))
        view.changed([move])

    def repeat_selected(self) -> None:
        from cmstudio.calendar.panels import RecurrenceDialog

        view = self.view
        ref = self._selected_post()
        entry = next((e for e in view.selected_entries() if ref_of(e) == ref), None)
        if ref is None or entry is None:
            view.studio.show_status(QCoreApplication.translate("CalendarActions", "Select a scheduled post first."))
            return
        dialog = RecurrenceDialog(to_local(entry.start, view.zone_name).date(), view)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            with view.studio.session() as session:
                created = make_recurring(session, ref.id, dialog.rule())
        except UserError as exc:
            QMessageBox.warning(view, QCoreApplication.translate("CalendarActions", "Cannot repeat this post"), str(exc))
            return
        view.studio.show_status(QCoreApplication.translate("CalendarActions", "%1 occurrences created.").replace("%1", str(len(created))))
        view.changed()

    # -- iCalendar ----------------------------------------------------------------------------
    def import_ics(self) -> None:
        view = self.view
        name, _ = QFileDialog.getOpenFileName(
            view, QCoreApplication.translate("CalendarActions", "Import a calendar"), "", QCoreApplication.translate("CalendarActions", "iCalendar files (*.ics);;All files (*)")
        )
        if not name:
            return
        path = Path(name)
        try:
            data = path.read_bytes()
            with view.studio.session() as session:
                summary = import_reference_calendar(session, view.studio.workspace_id, data, path.name)
        except OSError as exc:
            QMessageBox.warning(view, QCoreApplication.translate("CalendarActions", "Import failed"), f"{path}: {exc.strerror or exc}")
            return
        except UserError as exc:
            QMessageBox.warning(view, QCoreApplication.translate("CalendarActions", "Import failed"), str(exc))
            return
        message = QCoreApplication.translate("CalendarActions", "%1 reference events imported from %2.").replace("%1", str(summary.added))
        view.studio.show_status(message.replace("%2", path.name))
        view.changed()

    def export_ics(self) -> None:
        view = self.view
        suggested = str(self.view.subscription.path().with_name("calendar.ics"))
        name, _ = QFileDialog.getSaveFileName(
            view, QCoreApplication.translate("CalendarActions", "Export the calendar"), suggested, QCoreApplication.translate("CalendarActions", "iCalendar files (*.ics)")
        )
        if not name:
            return
        try:
            with view.studio.session() as session:
                data = export_calendar(session, view.studio.workspace_id, lang=view.lang())
            Path(name).write_bytes(data)
        except OSError as exc:
            QMessageBox.warning(view, QCoreApplication.translate("CalendarActions", "Export failed"), f"{name}: {exc.strerror or exc}")
            return
        except UserError as exc:
            QMessageBox.warning(view, QCoreApplication.translate("CalendarActions", "Export failed"), str(exc))
            return
        view.studio.show_status(QCoreApplication.translate("CalendarActions", "Calendar exported to %1.").replace("%1", name))

    def copy_subscription_path(self) -> None:
        path = self.view.subscription.path()
        self.view.subscription.flush()
        QApplication.clipboard().setText(path.as_uri())
        self.view.studio.show_status(self.QCoreApplication.translate("CalendarActions", "Subscription address copied: %1").replace("%1", str(path)))


    # -- settings editors -------------------------------------------------------------------
    def edit_queue_slots(self, account_id: int) -> None:
        """Edit the weekly posting slots of an account, then show its queue again."""
        from cmstudio.calendar.editors import QueueSlotsDialog
        from cmstudio.core.agenda_services import account_slots, set_queue_slots

        view = self.view
        if not account_id:
            view.studio.show_status(QCoreApplication.translate("CalendarActions", "Add an account first, in the publishing settings."))
            return
        try:
            with view.studio.session() as session:
                account, slots = account_slots(session, account_id)
                label = account.name
        except UserError as exc:
            QMessageBox.warning(view, QCoreApplication.translate("CalendarActions", "Cannot read the posting slots"), str(exc))
            return
        dialog = QueueSlotsDialog(label, slots, view)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        with view.studio.session() as session:
            set_queue_slots(session, account_id, dialog.slots())
        count = len(dialog.slots().slots)
        view.studio.show_status(QCoreApplication.translate("CalendarActions", "%1 posting slots saved for %2.").replace("%1", str(count)).replace("%2", label))
        view.reload()

    def edit_marketing_days(self) -> None:
        """Edit the workspace's marketing-day list; the calendar shows the new days at once."""
        from cmstudio.calendar.editors import MarketingDaysDialog
        from cmstudio.core.agenda_services import marketing_days_data, set_marketing_days
        from cmstudio.core.refdays import RULES

        view = self.view
        workspace_id = view.studio.workspace_id
        with view.studio.session() as session:
            days, _own = marketing_days_data(session, workspace_id)
        dialog = MarketingDaysDialog(days, sorted(RULES), view)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            with view.studio.session() as session:
                count = set_marketing_days(session, workspace_id, None if dialog.restore_requested else dialog.data())
        except UserError as exc:
            QMessageBox.warning(view, QCoreApplication.translate("CalendarActions", "Marketing days not saved"), str(exc))
            return
        if dialog.restore_requested:
            view.studio.show_status(QCoreApplication.translate("CalendarActions", "The default marketing days are back."))
        else:
            view.studio.show_status(QCoreApplication.translate("CalendarActions", "%1 marketing days saved.").replace("%1", str(count)))
        view.invalidate()
        view.subscription.schedule()
