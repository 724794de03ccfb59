"""The editorial calendar section: month, week, agenda and queue views with drag and drop.

Everything the user does goes through core services (:mod:`cmstudio.core.agenda_moves`,
:mod:`cmstudio.core.agenda_services`) wrapped in undo commands; the view then reloads the shown
period and tells the studio what changed. The .ics subscription file is rewritten in the
background a moment after the last change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QLocale, QThreadPool, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from cmstudio.calendar.actions import CalendarActions
from cmstudio.calendar.cache import EntryCache, Prefetch, load_months, months_between
from cmstudio.calendar.cache import Signals as PrefetchSignals
from cmstudio.calendar.commands import DuplicateCommand, MovesCommand
from cmstudio.calendar.grid_base import GridBase
from cmstudio.calendar.models import CalendarGridModel, EntriesModel, movable
from cmstudio.calendar.month_grid import MonthGrid
from cmstudio.calendar.panels import BacklogPanel, QueuePanel, now_local
from cmstudio.calendar.subscription import SubscriptionWriter
from cmstudio.calendar.toolbar import CalendarToolbar
from cmstudio.calendar.week_grid import WeekView
from cmstudio.core.agenda import (
    AgendaError,
    ItemRef,
    backlog,
    filter_entries,
    ref_of,
)
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
from cmstudio.core.agenda_services import queue_view
from cmstudio.core.calendar_types import CalendarEntry
from cmstudio.core.conflicts import spacing_conflicts
from cmstudio.core.models import Account, Variant
from cmstudio.core.timezones import month_grid, to_local, week_days
from cmstudio.ui.studio import ARTICLES, CALENDAR, VARIANTS, WORKSPACES, Studio


class CalendarView(QWidget):
    """Month, week and agenda views of everything scheduled in the workspace."""

    periodChanged = Signal()
    reloaded = Signal()

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarView")
        self.setAccessibleName(self.tr("Editorial calendar"))
        self.studio = studio
        self.mode = "month"
        self.anchor = date.today()
        self.zone_name = "UTC"
        self.spacing = 30
        self.by_network = False
        self.show_reference_days = True
        self.entries: list[CalendarEntry] = []
        self.undo_stack = QUndoStack(self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._notifying = False
        self.cache = EntryCache()
        self._pending: set = set()
        self._prefetch_signals = PrefetchSignals(self)
        self._prefetch_signals.loaded.connect(self._on_prefetched)
        self._build()
        self.actions_ = CalendarActions(self)
        self.subscription = SubscriptionWriter(self)
        self._connect()
        self.reload_workspace()

    # -- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.toolbar = CalendarToolbar(self)
        self.month_model = CalendarGridModel("month", self)
        self.week_model = CalendarGridModel("week", self)
        self.week_header_model = CalendarGridModel("month", self)
        for model in (self.month_model, self.week_model, self.week_header_model):
            model.handler = self.handle_drop
        self.month = MonthGrid(self.month_model, self)
        self.week = WeekView(self.week_model, self.week_header_model, self)
        self.entries_model = EntriesModel(self)
        self.agenda = QTreeView(self)
        self.agenda.setObjectName("calendarAgendaList")
        self.agenda.setAccessibleName(self.tr("Agenda list"))
        self.agenda.setModel(self.entries_model)
        self.agenda.setRootIsDecorated(False)
        self.agenda.setAlternatingRowColors(True)
        self.agenda.setUniformRowHeights(True)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setDragEnabled(True)
        self.agenda.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.agenda.setFrameShape(QFrame.Shape.NoFrame)
        header = self.agenda.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 150), (1, 80), (2, 150), (4, 110)):
            self.agenda.setColumnWidth(column, width)
        self.queue = QueuePanel(self)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("calendarStack")
        for widget in (self.month, self.week, self.agenda, self.queue):
            self.stack.addWidget(widget)
        self.backlog = BacklogPanel(self)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("calendarSplitter")
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.backlog)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([1000, 260])
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        bar = self.toolbar
        bar.todayRequested.connect(self.go_today)
        bar.stepRequested.connect(self.step)
        bar.dateChosen.connect(self.go_to)
        bar.modeChosen.connect(self.set_mode)
        bar.filtersChanged.connect(self.reload)
        for grid in self.grids():
            grid.dayActivated.connect(self._open_day)
            grid.navigateRequested.connect(self.go_to)
            grid.moveRequested.connect(self._keyboard_move)
            grid.selectionChanged.connect(lambda g=grid: self._on_selection(g))
        self.backlog.queueRequested.connect(self.actions_.add_selected_to_queue)
        self.queue.accountChanged.connect(lambda _id: self.reload())
        self.studio.dataChanged.connect(self._on_data_changed)
        self.studio.workspaceChanged.connect(lambda _id: self.reload_workspace())
        for keys, slot in (
            ("Ctrl+T", self.go_today),
            ("PgUp", lambda: self.step(-1)),
            ("PgDown", lambda: self.step(1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

    def grids(self) -> list[GridBase]:
        return [self.month, self.week.header, self.week.body]

    # -- period and navigation ----------------------------------------------------------------
    def period_days(self) -> list[date]:
        if self.mode == "month":
            return [d for week in month_grid(self.anchor.year, self.anchor.month) for d in week]
        if self.mode == "week":
            return week_days(self.anchor)
        first = self.anchor.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return [first + timedelta(days=n) for n in range((following - first).days)]

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.toolbar.set_mode(mode)
        self.stack.setCurrentIndex(("month", "week", "agenda", "queue").index(mode))
        self.reload()
        if mode == "week":
            self.week.scroll_to_hour(7)

    def go_to(self, day: date) -> None:
        self.anchor = day
        for grid in self.grids():
            grid.current_day = day
        self.reload()
        self.periodChanged.emit()

    def go_today(self) -> None:
        self.go_to(date.today())

    def step(self, direction: int) -> None:
        if self.mode == "week":
            self.go_to(self.anchor + timedelta(days=7 * direction))
            return
        month = self.anchor.month - 1 + direction
        year = self.anchor.year + month // 12
        self.go_to(date(year, month % 12 + 1, 1))

    def _open_day(self, day: date) -> None:
        self.anchor = day
        self.set_mode("week")

    # -- data ---------------------------------------------------------------------------------
    def lang(self) -> str:
        return "fr" if QLocale().language() == QLocale.Language.French else "en"

    def reload_workspace(self) -> None:
        self.undo_stack.clear()
        with self.studio.session() as session:
            workspace = self.studio.workspace(session)
            self.zone_name, self.spacing = workspace.timezone, workspace.spacing_minutes
            ws = workspace.id
            accounts = session.execute(
                select(Account.id, Account.name, Account.network, Account.handle)
                .where(Account.workspace_id == ws)
                .order_by(Account.name)
            ).all()
            networks = sorted(set(session.scalars(select(Variant.network).where(Variant.workspace_id == ws))))
            campaigns = sorted(
                {c for c in session.scalars(select(Variant.campaign).where(Variant.workspace_id == ws)) if c}
            )
        labels = [(str(i), f"{name} ({handle})" if handle else name) for i, name, _n, handle in accounts]
        self.toolbar.set_filter_choices(networks, labels, campaigns)
        self.queue.set_accounts(
            [(i, f"{name} · {handle}" if handle else name) for i, name, _n, handle in accounts]
        )
        self.reload_backlog()
        self.invalidate()

    def reload(self) -> None:
        """Show the period from the cache (reading what is missing) and repaint."""
        days = self.period_days()
        first, last = days[0], days[-1]
        bar = self.toolbar
        missing = self.cache.missing(first, last)
        if missing:
            with self.studio.session() as session:
                self.cache.store(
                    load_months(
                        session,
                        self.studio.workspace_id,
                        missing,
                        self.zone_name,
                        reference_days=self.show_reference_days,
                        lang=self.lang(),
                    )
                )
        self._prefetch(first, last)
        spanned = self.cache.get(first, last)
        raw = [item[0] for item in spanned]
        conflicts = {i for pair in spacing_conflicts(raw, self.spacing) for i in pair}
        self.entries = filter_entries(
            raw,
            networks=bar.allowed("network"),
            accounts=bar.allowed("account"),
            statuses=bar.allowed("status"),
            kinds=bar.allowed("kind"),
            campaigns=bar.allowed("campaign"),
        )
        kept = {id(e) for e in self.entries}
        buckets: dict[date, list[CalendarEntry]] = {day: [] for day in days}
        shown = []
        for entry, span_first, span_last in spanned:
            if id(entry) not in kept:
                continue
            if first <= span_first <= last:
                shown.append(entry)
            day, stop = max(span_first, first), min(span_last, last)
            while day <= stop:
                buckets[day].append(entry)
                day += timedelta(days=1)
        if self.mode == "month":
            self.month.month, self.month.today = self.anchor.month, date.today()
            self.month_model.set_period(days, buckets, self.zone_name)
        elif self.mode == "week":
            self.week.body.now_local = now_local(self.zone_name)
            self.week_header_model.set_period(days, buckets, self.zone_name)
            self.week_model.set_period(days, buckets, self.zone_name)
        elif self.mode == "agenda":
            self.entries_model.set_entries(shown, self.zone_name, conflicts)
        else:
            self._reload_queue()
        for grid in self.grids():
            grid.set_display(conflicts, self.by_network)
        self.toolbar.set_date(self.anchor)
        self.toolbar.title.setText(self._title(days))
        count = sum(1 for e in shown if e.id in conflicts and e.kind == "post")
        self.toolbar.conflict_label.setText(
            self.tr("⚠ %1 posts too close together").replace("%1", str(count)) if count else ""
        )
        self.toolbar.conflict_label.setToolTip(
            self.tr("Posts on the same account less than %1 minutes apart").replace("%1", str(self.spacing))
        )
        self.reloaded.emit()

    def reload_backlog(self) -> None:
        with self.studio.session() as session:
            self.backlog.model.set_items(backlog(session, self.studio.workspace_id))

    def _reload_queue(self) -> None:
        account_id = self.queue.account_id()
        slots = []
        has_schedule = False
        if account_id:
            with self.studio.session() as session:
                account = session.get(Account, account_id)
                has_schedule = bool(account and account.queue_slots)
                if has_schedule:
                    slots = queue_view(session, account_id, datetime.now().astimezone(), 14)
        self.queue.set_slots(slots, self.zone_name, has_schedule)

    def _prefetch(self, first: date, last: date) -> None:
        """Read the months around the shown period ahead, on the worker thread."""
        around = months_between(first - timedelta(days=40), last + timedelta(days=40))
        wanted = [m for m in around if m not in self.cache.months and m not in self._pending]
        if not wanted:
            return
        self._pending.update(wanted)
        studio = self.studio
        self.pool.start(
            Prefetch(
                studio.db,
                studio.workspace_id,
                wanted,
                self.zone_name,
                self.cache.generation,
                self.show_reference_days,
                self.lang(),
                self._prefetch_signals,
            )
        )

    def _on_prefetched(self, generation: int, loaded: dict) -> None:
        self._pending.difference_update(loaded)
        if generation == self.cache.generation:
            self.cache.store(loaded)

    def invalidate(self) -> None:
        """Forget cached entries (data changed elsewhere), then show the period again."""
        self.cache.clear()
        self._pending.clear()
        self.reload()

    def _title(self, days: list[date]) -> str:
        locale = QLocale()
        if self.mode == "week":
            first, last = days[0], days[-1]
            return f"{locale.toString(first, 'd MMM')} – {locale.toString(last, 'd MMM yyyy')}"
        month = locale.standaloneMonthName(self.anchor.month, QLocale.FormatType.LongFormat)
        return f"{month[:1].upper()}{month[1:]} {self.anchor.year}"

    def _on_data_changed(self, kinds: frozenset[str]) -> None:
        if self._notifying:
            return
        if WORKSPACES in kinds:
            self.reload_workspace()
        elif kinds & {ARTICLES, VARIANTS, CALENDAR, "contests", "publications"}:
            self.reload_backlog()
            self.invalidate()
            self.subscription.schedule()

    def changed(self, moves: Sequence[Move] | None = None, *, undo: bool = False) -> None:
        """After our own change: repaint, tell the other views, refresh the subscription file.

        Known moves patch the cache (no query); anything else clears it. The backlog is read
        again only when an item entered or left it.
        """
        if moves is not None and self.cache.patch(moves, self.zone_name, undo=undo):
            self.reload()
        else:
            self.invalidate()
        if moves is None or any(
            (m.before_start if undo else m.after_start) is None
            or (m.after_start if undo else m.before_start) is None
            for m in moves
        ):
            self.reload_backlog()
        self._notifying = True
        try:
            self.studio.notify({CALENDAR, ARTICLES, VARIANTS})
        finally:
            self._notifying = False
        self.subscription.schedule()

    # -- selection ----------------------------------------------------------------------------
    def _on_selection(self, source: GridBase) -> None:
        for grid in self.grids():
            if grid is not source and grid.selected:
                grid.selected = set()
                grid.update()

    def selected_entries(self) -> list[CalendarEntry]:
        if self.mode == "agenda":
            rows = sorted({i.row() for i in self.agenda.selectionModel().selectedRows()})
            return [self.entries_model.entries[r] for r in rows]
        return [e for grid in self.grids() for e in grid.selected_entries()]

    # -- drag and drop ------------------------------------------------------------------------
    def handle_drop(self, refs: list[ItemRef], target: date | datetime, copy: bool) -> bool:
        """A drop on a day or slot: check, ask about the past, then move (or copy) with undo."""
        if not copy:
            known = {ref_of(e): e for e in self.entries}
            locked = [known[r] for r in refs if r in known and not movable(known[r])]
            if locked:
                self.studio.show_status(
                    self.tr("“%1” is published or read-only and cannot be moved.").replace(
                        "%1", locked[0].title
                    )
                )
                return False
        try:
            with self.studio.session() as session:
                plan = plan_drop(
                    session, refs, target, self.zone_name, spacing_minutes=self.spacing, for_copy=copy
                )
        except ItemLockedError as exc:
            self.studio.show_status(str(exc))
            return False
        except AgendaError as exc:
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
            self.changed()
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
        self.changed()

    def _keyboard_move(self, days: int) -> None:
        entries = [e for e in self.selected_entries() if ref_of(e) is not None]
        if not entries:
            return
        first = to_local(entries[0].start, self.zone_name).date()
        self.handle_drop([r for r in (ref_of(e) for e in entries) if r], first + timedelta(days=days), False)

    # -- section hooks ------------------------------------------------------------------------
    def prepare_snapshot(self, view_name: str) -> None:
        self.go_today()

    def wait_until_idle(self) -> None:
        self.subscription.flush()
        self.pool.waitForDone(10_000)

    def prepare_close(self) -> None:
        self.wait_until_idle()


def _local_day(entry: CalendarEntry, zone_name: str) -> date:
    return entry.start.date() if entry.all_day else to_local(entry.start, zone_name).date()
