"""The contest and event planner: the workspace's contests and events, and the selected one's page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from cmstudio.contests.forms import format_moment, heading
from cmstudio.contests.pages import CHANGES, ContestPage, EventPage
from cmstudio.core.contest_types import zone
from cmstudio.core.contests_service import (
    DEFAULT_NETWORKS,
    ContestFields,
    create_contest,
    generate_phases,
    list_contests,
)
from cmstudio.core.errors import UserError
from cmstudio.core.events_service import EventFields, generate_countdown, list_events, save_event
from cmstudio.core.models import Account
from cmstudio.ui.studio import CONTESTS, WORKSPACES, Studio

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2


class _ItemDelegate(QStyledItemDelegate):
    """Title over a muted subtitle; section headers in small capitals."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        metrics = QFontMetrics(option.font)
        if index.data(KIND_ROLE) == "header":
            return QSize(200, metrics.height() + 18)
        return QSize(200, metrics.height() * 2 + 16)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        painter.save()
        palette = option.palette
        rect = option.rect.adjusted(10, 0, -10, 0)
        font = QFont(option.font)
        if index.data(KIND_ROLE) == "header":
            font.setPointSizeF(font.pointSizeF() - 1)
            font.setBold(True)
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                rect.adjusted(0, 8, 0, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                index.data(Qt.ItemDataRole.DisplayRole),
            )
            painter.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.drawRoundedRect(option.rect.adjusted(4, 2, -4, -2), 7, 7)
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        metrics = QFontMetrics(font)
        top = QRect(rect.left(), rect.top() + 7, rect.width(), metrics.height())
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(text_color)
        title = metrics.elidedText(
            index.data(Qt.ItemDataRole.DisplayRole), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft, title)
        font.setWeight(QFont.Weight.Normal)
        painter.setFont(font)
        muted = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        painter.setPen(palette.color(muted))
        painter.drawText(
            top.translated(0, metrics.height() + 1),
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(index.data(SUBTITLE_ROLE) or "", Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


class ContestsView(QWidget):
    """Plans contests and events of the current workspace."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.setObjectName("contestPlanner")
        self.setAccessibleName(self.tr("Contest and event planner"))
        self.list = QListWidget(self)
        self.list.setObjectName("plannerList")
        self.list.setAccessibleName(self.tr("Contests and events"))
        self.list.setItemDelegate(_ItemDelegate(self.list))
        self.list.setFrameShape(QListWidget.Shape.NoFrame)
        self.list.setAutoFillBackground(False)
        self.list.viewport().setAutoFillBackground(False)
        self.new_contest_button = QPushButton(self.tr("New contest"), self)
        self.new_contest_button.setObjectName("newContest")
        self.new_event_button = QPushButton(self.tr("New event"), self)
        self.new_event_button.setObjectName("newEvent")
        self.contest_page = ContestPage(studio, self)
        self.event_page = EventPage(studio, self)
        self.empty = QLabel(
            self.tr(
                "Plan a contest from teaser to winners, or an event with its countdown.\n"
                "Create one with the buttons on the left."
            ),
            self,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget(self)
        for page in (self.empty, self.contest_page, self.event_page):
            self.stack.addWidget(page)

        side = QWidget(self)
        side.setObjectName("plannerSidebar")
        side.setFixedWidth(270)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 16, 6, 12)
        side_layout.setSpacing(10)
        side_layout.addWidget(heading(self.tr("Contests & events"), side, 3))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_contest_button)
        buttons.addWidget(self.new_event_button)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.list, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        QShortcut(QKeySequence(self.tr("Ctrl+Shift+N")), self, self.new_contest)
        self._connect()
        self.reload()

    def _connect(self) -> None:
        self.list.currentItemChanged.connect(self._on_current)
        self.new_contest_button.clicked.connect(self.new_contest)
        self.new_event_button.clicked.connect(self.new_event)
        self.contest_page.deleted.connect(self.reload)
        self.event_page.deleted.connect(self.reload)
        self.studio.dataChanged.connect(self._on_data_changed)
        self.studio.workspaceChanged.connect(lambda _id: self.reload())

    def _on_data_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {CONTESTS, WORKSPACES}:
            self.reload()

    def _add_header(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(KIND_ROLE, "header")
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(item)

    def reload(self) -> None:
        """Rebuild the list, keeping the selection, and refresh the page shown."""
        current = self.current()
        with self.studio.session() as session:
            contests = list_contests(session, self.studio.workspace_id)
            events = list_events(session, self.studio.workspace_id)
            rows = [
                (
                    "contest",
                    c.id,
                    c.title,
                    f"{format_moment(c.start_at, c.timezone)} → {format_moment(c.end_at, c.timezone)}",
                )
                for c in contests
            ]
            rows += [("event", e.id, e.title, format_moment(e.start_at, e.timezone)) for e in events]
        self.list.blockSignals(True)
        self.list.clear()
        for kind, header in (("contest", self.tr("Contests")), ("event", self.tr("Events"))):
            self._add_header(header)
            for row_kind, row_id, title, subtitle in rows:
                if row_kind == kind:
                    item = QListWidgetItem(title)
                    item.setData(KIND_ROLE, kind)
                    item.setData(ID_ROLE, row_id)
                    item.setData(SUBTITLE_ROLE, subtitle)
                    item.setToolTip(f"{title}\n{subtitle}")
                    self.list.addItem(item)
        self.list.blockSignals(False)
        if current is not None and self.select(*current):
            return
        self._show(None)

    def current(self) -> tuple[str, int] | None:
        item = self.list.currentItem()
        if item is None or item.data(KIND_ROLE) not in ("contest", "event"):
            return None
        return str(item.data(KIND_ROLE)), int(item.data(ID_ROLE))

    def select(self, kind: str, item_id: int) -> bool:
        """Select a contest or event in the list and show it; False when it is not there."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(KIND_ROLE) == kind and item.data(ID_ROLE) == item_id:
                self.list.blockSignals(True)
                self.list.setCurrentItem(item)
                self.list.blockSignals(False)
                self._show((kind, item_id))
                return True
        return False

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self._show(self.current())

    def _show(self, target: tuple[str, int] | None) -> None:
        try:
            if target is None:
                self.contest_page.load(None)
                self.stack.setCurrentWidget(self.empty)
            elif target[0] == "contest":
                self.contest_page.load(target[1])
                self.stack.setCurrentWidget(self.contest_page)
            else:
                self.event_page.load(target[1])
                self.stack.setCurrentWidget(self.event_page)
        except UserError:
            self.stack.setCurrentWidget(self.empty)

    def _defaults(self) -> tuple[str, str, list[str]]:
        with self.studio.session() as session:
            workspace = self.studio.workspace(session)
            networks = list(
                dict.fromkeys(
                    session.scalars(select(Account.network).where(Account.workspace_id == workspace.id))
                )
            )
            return workspace.timezone, workspace.language, networks or list(DEFAULT_NETWORKS)

    def new_contest(self) -> None:
        tz, lang, networks = self._defaults()
        info = zone(tz)
        today = datetime.now(UTC).astimezone(info).date()
        start_day = today + timedelta(days=7 - today.weekday() if today.weekday() else 7)
        start = datetime(start_day.year, start_day.month, start_day.day, 9, 0, tzinfo=info).astimezone(UTC)
        end_day = start_day + timedelta(days=13)
        end = datetime(end_day.year, end_day.month, end_day.day, 20, 0, tzinfo=info).astimezone(UTC)
        fields = ContestFields(
            title=self.tr("New contest"),
            start_at=start,
            end_at=end,
            timezone=tz,
            networks=networks,
            mechanics=["like", "comment"],
            language=lang if lang in ("fr", "en") else "fr",
            eligibility={"min_age": 18, "one_entry_per_person": True},
        )
        try:
            with self.studio.session() as session:
                contest = create_contest(session, self.studio.workspace_id, fields)
                generate_phases(session, contest.id)
                new_id = contest.id
        except UserError as exc:
            QMessageBox.warning(self, self.tr("New contest"), str(exc))
            return
        self.studio.notify(CHANGES)
        self.select("contest", new_id)
        self.contest_page.form.title.setFocus()
        self.contest_page.form.title.selectAll()

    def new_event(self) -> None:
        tz, lang, networks = self._defaults()
        info = zone(tz)
        day = datetime.now(UTC).astimezone(info).date() + timedelta(days=21)
        start = datetime(day.year, day.month, day.day, 18, 30, tzinfo=info).astimezone(UTC)
        fields = EventFields(
            title=self.tr("New event"),
            start_at=start,
            timezone=tz,
            language=lang if lang in ("fr", "en") else "fr",
        )
        try:
            with self.studio.session() as session:
                event = save_event(session, self.studio.workspace_id, fields)
                generate_countdown(session, event.id, networks)
                new_id = event.id
        except UserError as exc:
            QMessageBox.warning(self, self.tr("New event"), str(exc))
            return
        self.studio.notify(CHANGES)
        self.select("event", new_id)

    def prepare_snapshot(self, view_name: str) -> None:
        """Show the first contest with its rules so the screenshot has the timeline, entries and rules."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(KIND_ROLE) == "contest":
                self.select("contest", int(item.data(ID_ROLE)))
                self.contest_page.tabs.setCurrentWidget(self.contest_page.rules)
                return

    def wait_until_idle(self) -> None:
        """Nothing runs in the background here: imports and exports are short and synchronous."""

    def prepare_close(self) -> None:
        self.contest_page.rules.save()
