"""The editorial calendar section: month, week, agenda and queue views with drag and drop.

Everything the user does goes through core services (:mod:`cmstudio.core.agenda_moves`,
:mod:`cmstudio.core.agenda_services`) wrapped in undo commands; the view then reloads the shown
period and tells the studio what changed. The .ics subscription file is rewritten in the
background a moment after the last change.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QThreadPool, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget
from sqlalchemy import select

from cmstudio.calendar.actions import CalendarActions
from cmstudio.calendar.agenda_list import AgendaList
from cmstudio.calendar.cache import EntryCache, Prefetch, load_months, months_between, refdays_ready
from cmstudio.calendar.cache import Signals as PrefetchSignals
from cmstudio.calendar.dropping import DropHandling
from cmstudio.calendar.grid_base import GridBase
from cmstudio.calendar.models import CalendarGridModel, EntriesModel
from cmstudio.calendar.month_grid import MonthGrid
from cmstudio.calendar.panels import BacklogPanel, QueuePanel, now_local
from cmstudio.calendar.subscription import SubscriptionWriter
from cmstudio.calendar.toolbar import CalendarToolbar
from cmstudio.calendar.week_grid import WeekView
from cmstudio.core.agenda import backlog, filter_entries
from cmstudio.core.agenda_rows import AgendaRow
from cmstudio.core.agenda_services import queue_view
from cmstudio.core.conflicts import spacing_conflicts
from cmstudio.core.models import Account, Variant
from cmstudio.core.timezones import month_grid, week_days
from cmstudio.ui.studio import ARTICLES, CALENDAR, VARIANTS, WORKSPACES, Studio

READ_AHEAD_DELAY_MS = 150
"""Neighbouring months are read once the user pauses on a page, not while it is being drawn."""


class CalendarView(DropHandling, QWidget):
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
        self.agenda_span = "month"
        self._period = (self.anchor, self.anchor)
        self._entries: list[AgendaRow] | None = None
        self._grid_conflicts: set[str] | None = None
        self._conflict_memo: dict[tuple, set[str]] = {}
        self.undo_stack = QUndoStack(self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._notifying = False
        self.cache = EntryCache()
        self._pending: set = set()
        self._prefetch_signals = PrefetchSignals(self)
        self._prefetch_signals.loaded.connect(self._on_prefetched)
        self._read_ahead = QTimer(self)
        self._read_ahead.setSingleShot(True)
        self._read_ahead.setInterval(READ_AHEAD_DELAY_MS)
        self._read_ahead.timeout.connect(self._prefetch)
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
        self.agenda = AgendaList(self.entries_model, self)
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
        bar.agendaSpanChosen.connect(self.set_agenda_span)
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
        if self.mode == "agenda" and self.agenda_span == "year":
            first = date(self.anchor.year, 1, 1)
            following = date(self.anchor.year + 1, 1, 1)
        else:
            first = self.anchor.replace(day=1)
            following = (first + timedelta(days=32)).replace(day=1)
        return [first + timedelta(days=n) for n in range((following - first).days)]

    def set_agenda_span(self, span: str) -> None:
        """List a month or a whole year in the agenda view."""
        self.agenda_span = span
        self.toolbar.set_agenda_span(span)
        if self.mode == "agenda":
            self.reload()

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
        if self.mode == "agenda" and self.agenda_span == "year":
            self.go_to(date(self.anchor.year + direction, 1, 1))
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
        self._ensure_cached(first, last)
        self._read_ahead.start()  # once the page is painted and the user pauses on it
        self._period = (first, last)
        self._entries = None
        self._grid_conflicts = None
        filters = self._filters()
        if self.mode in ("month", "week"):
            raw = self.cache.buckets(days)
            posts = [row for rows in raw.values() for row in rows if row.kind == "post"]
            conflicts = self._period_conflicts(first, last, posts)
            buckets = raw if filters is None else {d: filter_entries(rows, **filters) for d, rows in raw.items()}
            count = sum(1 for row in posts if row.id in conflicts)
            self._grid_conflicts = conflicts
            if self.mode == "month":
                self.month.month, self.month.today = self.anchor.month, date.today()
                self.month_model.set_period(days, buckets, self.zone_name)
            else:
                self.week.body.now_local = now_local(self.zone_name)
                self.week_header_model.set_period(days, buckets, self.zone_name)
                self.week_model.set_period(days, buckets, self.zone_name)
            for grid in self.grids():
                grid.set_display(conflicts, self.by_network)
        elif self.mode == "agenda":
            shown = [row for row, span_first, _ in self.cache.get(first, last) if span_first >= first]
            conflicts = self._conflicts([row for row in shown if row.kind == "post"])
            count = sum(1 for row in shown if row.kind == "post" and row.id in conflicts)
            self.entries_model.set_entries(
                shown if filters is None else filter_entries(shown, **filters), self.zone_name, conflicts
            )
        else:
            count = 0
            self._reload_queue()
        self.toolbar.set_date(self.anchor)
        self.toolbar.title.setText(self._title(days))
        self._show_conflict_count(count)
        self.reloaded.emit()

    def refresh_days(self, touched: set[date], accounts: set[str | None], moved: set[str]) -> None:
        """After posts moved (cache already patched): redo only the shown days they left or reached.

        Spacing conflicts are checked again for the posts' accounts only; cells whose warning
        changed are repainted too. Anything else (another view mode, another period) reloads.
        """
        days = self.period_days()
        if self.mode not in ("month", "week") or (days[0], days[-1]) != self._period or self._grid_conflicts is None:
            self.reload()
            return
        self._entries = None
        raw = self.cache.buckets(days)
        posts = [row for rows in raw.values() for row in rows if row.kind == "post"]
        mine = [row for row in posts if row.account_id in accounts]
        stale = {row.id for row in mine} | moved
        conflicts = (self._grid_conflicts - stale) | self._conflicts(mine)
        self._grid_conflicts = conflicts
        filters = self._filters()
        shown = {day for day in days if day in touched}
        models = [self.month_model] if self.mode == "month" else [self.week_header_model, self.week_model]
        for day in shown:
            rows = raw[day] if filters is None else filter_entries(raw[day], **filters)
            for model in models:
                model.buckets[day] = rows
        for grid in [self.month] if self.mode == "month" else [self.week.header, self.week.body]:
            grid.refresh_days(shown, conflicts)
        self._show_conflict_count(sum(1 for row in posts if row.id in conflicts))
        self.reloaded.emit()

    def _show_conflict_count(self, count: int) -> None:
        self.toolbar.conflict_label.setText(
            self.tr("⚠ %1 posts too close together").replace("%1", str(count)) if count else ""
        )
        self.toolbar.conflict_label.setToolTip(
            self.tr("Posts on the same account less than %1 minutes apart").replace("%1", str(self.spacing))
        )

    @property
    def entries(self) -> list[AgendaRow]:
        """The rows of the shown period that pass the filters, in the calendar's order."""
        if self._entries is None:
            first, last = self._period
            rows = [row for row, _a, _b in self.cache.get(first, last)]
            filters = self._filters()
            self._entries = rows if filters is None else filter_entries(rows, **filters)
        return self._entries

    def _filters(self) -> dict | None:
        bar = self.toolbar
        chosen = {
            "networks": bar.allowed("network"),
            "accounts": bar.allowed("account"),
            "statuses": bar.allowed("status"),
            "kinds": bar.allowed("kind"),
            "campaigns": bar.allowed("campaign"),
        }
        return chosen if any(v is not None for v in chosen.values()) else None

    def _conflicts(self, posts: list[AgendaRow]) -> set[str]:
        return {i for pair in spacing_conflicts(posts, self.spacing) for i in pair}

    def _period_conflicts(self, first: date, last: date, posts: list[AgendaRow]) -> set[str]:
        """Conflicts of a period's posts, remembered until the cache changes (pages turn back and forth)."""
        key = (first, last, self.cache.generation, self.cache.revision, self.spacing)
        found = self._conflict_memo.get(key)
        if found is None:
            if len(self._conflict_memo) > 16:
                self._conflict_memo.clear()
            found = self._conflict_memo[key] = self._conflicts(posts)
        return found

    def _ensure_cached(self, first: date, last: date) -> None:
        """Read the months of the period that are not cached yet, on this thread (they are needed now).

        Reference days are left to the worker unless their tables are already loaded.
        """
        missing = self.cache.missing(first, last)
        if not missing:
            return
        with self.studio.session() as session:
            self.cache.store(
                load_months(
                    session,
                    self.studio.workspace_id,
                    missing,
                    self.zone_name,
                    reference_days=self.show_reference_days and refdays_ready(),
                    lang=self.lang(),
                )
            )

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

    def _prefetch(self) -> None:
        """Read the months around the shown period ahead (and reference days), on the worker thread."""
        first, last = self._period
        refs = self.show_reference_days
        around = self.cache.missing(first - timedelta(days=40), last + timedelta(days=40), refs=refs)
        wanted = [m for m in around if m not in self._pending]
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
                (self.cache.generation, self.cache.revision),
                refs,
                self.lang(),
                self._prefetch_signals,
            )
        )

    def _on_prefetched(self, generation: int, revision: int, loaded: dict) -> None:
        self._pending.difference_update(loaded)
        if generation != self.cache.generation:
            return
        stored = self.cache.store(loaded, replace=revision == self.cache.revision)
        first, last = self._period
        if any(m in stored for m in months_between(first, last)):
            self.reload()

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
        if self.mode == "agenda" and self.agenda_span == "year":
            return str(self.anchor.year)
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

    # -- selection ----------------------------------------------------------------------------
    def _on_selection(self, source: GridBase) -> None:
        for grid in self.grids():
            if grid is not source and grid.selected:
                grid.selected = set()
                grid.update()

    def selected_entries(self) -> list[AgendaRow]:
        if self.mode == "agenda":
            rows = sorted({i.row() for i in self.agenda.selectionModel().selectedRows()})
            return [self.entries_model.entries[r] for r in rows]
        return [e for grid in self.grids() for e in grid.selected_entries()]

    # -- section hooks ------------------------------------------------------------------------
    def prepare_snapshot(self, view_name: str) -> None:
        self.go_today()

    def wait_until_idle(self) -> None:
        """Finish background work and take in its results (snapshots and tests only)."""
        if self._read_ahead.isActive():
            self._read_ahead.stop()
            self._prefetch()
        self.subscription.flush()
        self.pool.waitForDone(10_000)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.MetaCall)
        self.flush_news()

    def prepare_close(self) -> None:
        self.wait_until_idle()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.flush_news()  # leaving the calendar: the other views must be up to date when shown
        super().hideEvent(event)
