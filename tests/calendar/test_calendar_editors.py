"""The settings editors reached from the calendar: an account's posting slots, the marketing days."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from cmstudio.calendar.editors import MarketingDaysDialog, QueueSlotsDialog
from cmstudio.core.models import Account, Workspace
from cmstudio.core.queue import Slot, WeeklySlots


def stub_exec(monkeypatch, dialog_class, fill):
    """Replace the modal loop: ``fill(dialog)`` plays the user, then the dialog's own buttons decide."""
    seen: list = []

    def fake_exec(self) -> int:
        seen.append(self)
        fill(self)
        return self.result()

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return seen


def test_slots_dialog_adds_every_day_and_removes(qtbot):
    dialog = QueueSlotsDialog("Masto", WeeklySlots.from_pairs([(0, "09:00")]))
    qtbot.addWidget(dialog)
    dialog.time.setTime(QTime(18, 30))
    dialog.every_day_button.click()
    dialog.weekday.setCurrentIndex(dialog.weekday.findData(2))
    dialog.time.setTime(QTime(12, 0))
    dialog.add_button.click()
    dialog.add_button.click()  # the same slot twice is one slot
    assert dialog.list.count() == 1 + 7 + 1
    first = dialog.list.item(0)
    assert first.data(Qt.ItemDataRole.UserRole + 1) == Slot(0, time(9, 0))
    first.setSelected(True)
    dialog.remove_button.click()
    assert set(dialog.slots().slots) == {Slot(d, time(18, 30)) for d in range(7)} | {Slot(2, time(12, 0))}
    assert not dialog.empty.isVisible()


def test_queue_tab_edits_the_account_slots(cal, monkeypatch):
    view = cal.view
    view.set_mode("queue")
    assert view.queue.edit_button.isEnabled()

    def play(dialog: QueueSlotsDialog) -> None:
        for row in range(dialog.list.count()):
            dialog.list.item(row).setSelected(True)
        dialog.remove_button.click()
        assert dialog.empty.isVisibleTo(dialog)
        dialog.weekday.setCurrentIndex(dialog.weekday.findData(date.today().weekday()))
        dialog.time.setTime(QTime(23, 59))
        dialog.add_button.click()
        dialog.accept()

    seen = stub_exec(monkeypatch, QueueSlotsDialog, play)
    view.queue.edit_button.click()
    assert len(seen) == 1
    with cal.db.session() as s:
        assert s.get(Account, cal.ids["account"]).queue_slots == [
            {"weekday": date.today().weekday(), "time": "23:59"}
        ]
    texts = [view.queue.list.item(n).text() for n in range(view.queue.list.count())]
    assert texts and all("23:59" in text for text in texts), "the queue shows the new weekly slot"
    assert len(texts) in (2, 3), "one slot a week over the next fortnight"


def test_cancelled_slot_editing_changes_nothing(cal, monkeypatch):
    stub_exec(monkeypatch, QueueSlotsDialog, lambda dialog: (dialog.every_day_button.click(), dialog.reject()))
    cal.view.actions_.edit_queue_slots(cal.ids["account"])
    with cal.db.session() as s:
        assert len(s.get(Account, cal.ids["account"]).queue_slots) == 7


def test_marketing_days_editor_from_the_actions_menu(cal, monkeypatch):
    view = cal.view
    assert view.actions_.marketing_action in view.toolbar.more_menu.actions()

    def play(dialog: MarketingDaysDialog) -> None:
        assert dialog.table.rowCount() > 20, "starts from the shipped list"
        row = dialog.add_row()
        dialog.table.item(row, 0).setText("Journée du fournil")
        dialog.table.item(row, 1).setText("Bakehouse day")
        dialog.table.cellWidget(row, 3).setValue(18)
        dialog.table.cellWidget(row, 4).setValue(3)
        dialog.accept()

    stub_exec(monkeypatch, MarketingDaysDialog, play)
    view.actions_.marketing_action.trigger()
    with cal.db.session() as s:
        stored = s.scalar(select(Workspace.marketing_days).where(Workspace.id == cal.ids["ws"]))
    mine = [d for d in stored if d["en"] == "Bakehouse day"]
    assert mine == [{"id": "bakehouse-day", "fr": "Journée du fournil", "en": "Bakehouse day", "day": 18, "month": 3}]
    assert any(d.get("rule") == "black_friday" for d in stored), "rule-based days are kept as rules"
    view.wait_until_idle()
    titles = {e.title for e in view.month_model.buckets[date(2027, 3, 18)] if e.kind == "reference"}
    assert "Bakehouse day" in titles, "the calendar (in English) shows the new day at once"


def test_marketing_days_editor_refuses_bad_lines_and_keeps_them(qtbot):
    dialog = MarketingDaysDialog([{"id": "x", "fr": "Chandeleur", "en": "Candlemas", "month": 2, "day": 2}],
                                 ["black_friday", "easter"])
    qtbot.addWidget(dialog)
    row = dialog.add_row({"fr": "Sans nom anglais", "en": ""})
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.error.isVisibleTo(dialog)
    assert "Line 2" in dialog.error.text()
    dialog.table.item(row, 1).setText("No English name")
    dialog.table.cellWidget(row, 3).setValue(31)
    dialog.table.cellWidget(row, 4).setValue(2)
    dialog.accept()
    assert "31" in dialog.error.text() and dialog.result() != QDialog.DialogCode.Accepted
    rule = dialog.table.cellWidget(row, 2)
    rule.setCurrentIndex(rule.findData("easter"))
    assert not dialog.table.cellWidget(row, 3).isEnabled(), "a rule needs no day"
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.data()[1] == {"id": "no-english-name", "fr": "Sans nom anglais", "en": "No English name",
                                "rule": "easter"}


def test_restoring_the_default_marketing_days(cal, monkeypatch):
    with cal.db.session() as s:
        s.get(Workspace, cal.ids["ws"]).marketing_days = [{"fr": "Un", "en": "One", "month": 1, "day": 2}]

    def play(dialog: MarketingDaysDialog) -> None:
        assert dialog.table.rowCount() == 1
        dialog.defaults_button.click()

    stub_exec(monkeypatch, MarketingDaysDialog, play)
    cal.view.actions_.edit_marketing_days()
    with cal.db.session() as s:
        assert s.get(Workspace, cal.ids["ws"]).marketing_days == []
