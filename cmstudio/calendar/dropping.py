"""What happens after a drop or a keyboard move: check, ask, persist with undo, repaint, tell others.

Kept apart from the view's construction and navigation (:mod:`cmstudio.calendar.calendar_view`
mixes it in). A move patches the cached rows and repaints only the days it touched; the other
views hear about it a moment later (:data:`NEWS_DELAY_MS`, one message for a burst of moves), so
the drop is on screen before they refresh, and only the kinds of data the move touched are told.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from cmstudio.calendar.cache import keys_for
from cmstudio.calendar.commands import DuplicateCommand, MovesCommand
from cmstudio.calendar.models import movable
from cmstudio.core.agenda import AgendaError, ItemRef, ref_of
from cmstudio.core.agenda_moves import (
    ItemLockedError,
    Move,
    apply_moves,
    duplicate_items,
    into_past,
    plan_drop,
    remove_items,
    restore_items,
)
from cmstudio.core.timezones import to_local
from cmstudio.ui.studio import ARTICLES, CALENDAR, CONTESTS, VARIANTS

NEWS_DELAY_MS = 250
"""Other views hear of our changes after a short quiet moment: a burst of moves is one message."""

_KINDS_OF_REF = {"article": ARTICLES, "post": VARIANTS, "phase": CONTESTS, "item": CALENDAR}


class DropHandling:
    """Mixed into the calendar view: needs ``studio``, ``cache``, ``undo_stack``, ``reload``."""

    _news: set[str]
    _news_timer: QTimer | None = None

    def handle_drop(self, refs: list[ItemRef], target: date | datetime, copy: bool) -> bool:
        """A drop on a day or slot: check, ask about the past, then move (or copy) with undo."""
        if not copy:
            for ref in refs:
                row = next((r for r in map(self.cache.find, keys_for(ref)) if r is not None), None)
                if row is not None and not movable(row):
                    self.studio.show_status(
                        self.tr("“%1” is published or read-only and cannot be moved.").replace("%1", row.title)
                    )
                    return False
        try:
            with self.studio.session() as session:
                plan = plan_drop(
                    session, refs, target, self.zone_name, spacing_minutes=self.spacing, for_copy=copy
                )
        except (ItemLockedError, AgendaError) as exc:
            self.studio.show_status(str(exc))
            return False
        if not any(m.changed for m in plan) and not copy:
            return False
        past = into_past(plan)
        if past and not self.confirm_past(past):
            return False
        if copy:
            with self.studio.session() as session:
                created = duplicate_items(session, refs, target, self.zone_name, spacing_minutes=self.spacing)
            text = self.tr("Duplicate %1 item(s)").replace("%1", str(len(created)))
            self.undo_stack.push(DuplicateCommand(self._toggle_copies, created, text))
            self.changed(kinds=_kinds(m.ref for m in created))
        else:
            text = self.tr("Move %1 item(s)").replace("%1", str(len(plan)))
            self.undo_stack.push(MovesCommand(self._apply_moves, plan, text))
        return True

    def confirm_past(self, past: Sequence[Move]) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Schedule in the past?"),
            self.tr("“%1” would be scheduled before now. Schedule it anyway?").replace("%1", past[0].title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _apply_moves(self, moves: Sequence[Move], undo: bool) -> None:
        try:
            with self.studio.session() as session:
                apply_moves(session, moves, undo=undo)
        except AgendaError as exc:
            self.studio.show_status(str(exc))
            self.changed()
            return
        self.changed(moves, undo=undo)

    def _toggle_copies(self, created: Sequence[Move], present: bool) -> None:
        refs = [m.ref for m in created]
        with self.studio.session() as session:
            (restore_items if present else remove_items)(session, refs)
        self.changed(kinds=_kinds(refs))

    def _keyboard_move(self, days: int) -> None:
        entries = [e for e in self.selected_entries() if ref_of(e) is not None]
        if not entries:
            return
        first = to_local(entries[0].start, self.zone_name).date()
        self.handle_drop([r for r in (ref_of(e) for e in entries) if r], first + timedelta(days=days), False)

    def changed(
        self, moves: Sequence[Move] | None = None, *, undo: bool = False, kinds: set[str] | None = None
    ) -> None:
        """After our own change: repaint, tell the other views, refresh the subscription file.

        Known moves patch the cache (no query); anything else clears it. The backlog is read
        again only when an item entered or left it.
        """
        posts = moves is not None and all(m.ref.kind == "post" for m in moves)
        before = [self.cache.find(("post", str(m.ref.id))) for m in moves] if posts else []
        touched = self.cache.patch(moves, self.zone_name, undo=undo) if moves is not None else None
        if touched is None:
            self.invalidate()
        elif posts and all(row is not None for row in before):
            accounts = {row.account_id for row in before if row is not None}
            self.refresh_days(touched, accounts, {str(m.ref.id) for m in moves})
        else:
            self.reload()
        if moves is None or any(
            (m.before_start if undo else m.after_start) is None
            or (m.after_start if undo else m.before_start) is None
            for m in moves
        ):
            self.reload_backlog()
        if kinds is None:
            kinds = _kinds(m.ref for m in moves) if moves else {CALENDAR, ARTICLES, VARIANTS, CONTESTS}
        self._announce(kinds)
        self.subscription.schedule()

    def _announce(self, kinds: set[str]) -> None:
        """Tell the other views once the calendar has been repainted and the user paused."""
        if self._news_timer is None:
            self._news = set()
            self._news_timer = QTimer(self)
            self._news_timer.setSingleShot(True)
            self._news_timer.setInterval(NEWS_DELAY_MS)
            self._news_timer.timeout.connect(self.flush_news)
        self._news |= kinds | {CALENDAR}
        self._news_timer.start()

    def flush_news(self) -> None:
        if self._news_timer is None or not self._news:
            return
        self._news_timer.stop()
        kinds, self._news = frozenset(self._news), set()
        self._notifying = True
        try:
            self.studio.notify(kinds)
        finally:
            self._notifying = False


def _kinds(refs: Iterable[ItemRef]) -> set[str]:
    return {_KINDS_OF_REF[ref.kind] for ref in refs}
