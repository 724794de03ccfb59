"""The two editor pages of the planner: a contest (timeline, fields, rules, draw, entries) and an event."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmstudio.contests.contest_form import ContestForm
from cmstudio.contests.draw_panel import DrawPanel
from cmstudio.contests.entries_panel import EntriesPanel
from cmstudio.contests.event_editor import EventForm
from cmstudio.contests.forms import format_moment, heading, hint
from cmstudio.contests.rules_panel import RulesPanel
from cmstudio.contests.timeline import PhaseMark, TimelineStrip
from cmstudio.core.contests_draw_service import purge_due, purge_personal_data, retention_until
from cmstudio.core.contests_service import (
    delete_contest,
    generate_phases,
    get_contest,
    get_event,
    move_phase,
    now_utc,
    realign_phases,
    rules_markdown,
    update_contest,
)
from cmstudio.core.errors import UserError
from cmstudio.core.events_service import delete_event, event_networks, generate_countdown, save_event
from cmstudio.core.models import Phase, Variant
from cmstudio.ui.studio import CALENDAR, CONTESTS, VARIANTS, Studio

CHANGES = {CONTESTS, VARIANTS, CALENDAR}


def short_title(title: str, owner: str) -> str:
    """A phase's own label, without its contest's or event's title ("Teaser · Summer" → "Teaser")."""
    parts = [p for p in title.split(" · ") if p.strip() and p.strip() != owner.strip()]
    return " · ".join(parts) or title


def phase_marks(session: Session, phases: list[Phase], owner: str = "") -> list[PhaseMark]:
    ids = [p.id for p in phases]
    counts: dict[int, int] = {}
    if ids:
        query = (
            select(Variant.phase_id, func.count(Variant.id))
            .where(Variant.phase_id.in_(ids), Variant.deleted_at.is_(None))
            .group_by(Variant.phase_id)
        )
        counts = {int(pid): int(n) for pid, n in session.execute(query)}
    return [
        PhaseMark(p.id, p.kind, short_title(p.title, owner), p.start_at, p.end_at, counts.get(p.id, 0))
        for p in phases
    ]


def _scroll(widget: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class _Page(QWidget):
    """Header (title, subtitle, actions) above the timeline strip; subclasses add the body."""

    deleted = Signal()

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.title = heading("", self, 5)
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setEnabled(False)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName("deleteItem")
        self.generate_button = QPushButton(self, objectName="generatePhases")
        self.timeline = TimelineStrip(self)
        self.header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        self.header.addLayout(titles, 1)
        self.header.addWidget(self.generate_button)
        self.header.addWidget(self.delete_button)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(20, 16, 20, 12)
        self.layout_.setSpacing(10)
        self.layout_.addLayout(self.header)
        self.layout_.addWidget(self.timeline)
        self.layout_.addWidget(
            hint(
                self.tr(
                    "Drag a phase to move it with its posts (whole days; hold Shift for 15-minute steps)."
                ),
                self,
            )
        )
        self.timeline.phaseMoveRequested.connect(self.move_phase)

    def move_phase(self, phase_id: int, when: datetime) -> None:
        try:
            with self.studio.session() as session:
                moved = move_phase(session, phase_id, when)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Move phase"), str(exc))
            return
        self.studio.show_status(self.tr("Phase moved with its posts (%1).").replace("%1", str(len(moved))))
        self.studio.notify(CHANGES)


class ContestPage(_Page):
    """Everything about one contest; the view calls load() with its id."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(studio, parent)
        self.setObjectName("contestPage")
        self.contest_id: int | None = None
        self.generate_button.setText(self.tr("Generate phases"))
        self.form = ContestForm(self)
        self.rules = RulesPanel(studio, self)
        self.draw = DrawPanel(studio, self)
        self.entries = EntriesPanel(studio, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("contestTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(_scroll(self.form, self), self.tr("Details"))
        self.tabs.addTab(self.rules, self.tr("Rules"))
        self.tabs.addTab(self.draw, self.tr("Draw"))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("contestSplitter")
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.entries)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.layout_.addWidget(splitter, 1)
        self.form.saveRequested.connect(self.save)
        self.form.purgeRequested.connect(self.purge)
        self.generate_button.clicked.connect(self.generate)
        self.delete_button.clicked.connect(self.delete)

    def load(self, contest_id: int | None) -> None:
        if contest_id != self.contest_id:
            self.rules.save()
        self.contest_id = contest_id
        if contest_id is None:
            return
        with self.studio.session() as session:
            contest = get_contest(session, contest_id)
            tz = contest.timezone
            self.title.setText(contest.title)
            status = {
                "draft": self.tr("Draft"),
                "ready": self.tr("Draw prepared"),
                "drawn": self.tr("Drawn"),
                "purged": self.tr("Data purged"),
            }.get(contest.status, contest.status)
            self.subtitle.setText(
                f"{format_moment(contest.start_at, tz)} → {format_moment(contest.end_at, tz)}"
                f"  ·  {tz}  ·  {status}"
            )
            self.timeline.set_phases(
                phase_marks(session, list(contest.phases), contest.title),
                tz,
                (contest.start_at, contest.end_at),
                now_utc(),
            )
            self.form.set_contest(contest, retention_until(contest), purge_due(contest))
            self.rules.load(contest)
            if not contest.rules_markdown.strip():
                self.rules.show_generated(rules_markdown(session, contest))
            self.draw.load(contest)
            self.entries.load(contest)

    def save(self) -> None:
        if self.contest_id is None:
            return
        fields = self.form.fields()
        try:
            with self.studio.session() as session:
                contest = get_contest(session, self.contest_id)
                old_start, old_end = contest.start_at, contest.end_at
                _contest, changed = update_contest(session, self.contest_id, fields)
                has_phases = bool(contest.phases)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Save contest"), str(exc))
            return
        if changed and has_phases:
            answer = QMessageBox.question(
                self,
                self.tr("Contest dates changed"),
                self.tr("Move the phases and their posts with the new dates?"),
            )
            if answer == QMessageBox.StandardButton.Yes:
                try:
                    with self.studio.session() as session:
                        realign_phases(session, self.contest_id, old_start, old_end)
                except UserError as exc:
                    QMessageBox.warning(self, self.tr("Contest dates changed"), str(exc))
        self.studio.show_status(self.tr("Contest saved."))
        self.studio.notify(CHANGES)

    def generate(self) -> None:
        if self.contest_id is None:
            return
        with self.studio.session() as session:
            existing = bool(get_contest(session, self.contest_id).phases)
        if existing:
            answer = QMessageBox.question(
                self,
                self.tr("Generate phases"),
                self.tr(
                    "Replace the phases and their draft posts with new ones from the template? "
                    "Scheduled and published posts are kept."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            with self.studio.session() as session:
                generate_phases(session, self.contest_id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Generate phases"), str(exc))
            return
        self.studio.notify(CHANGES)

    def purge(self) -> None:
        if self.contest_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Purge entrants’ data"),
            self.tr(
                "Delete every entry of this contest for good? The draw record (seed, fingerprint, "
                "winners) is kept as proof."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.studio.session() as session:
            count = purge_personal_data(session, self.contest_id)
        self.studio.show_status(self.tr("Entrants’ data deleted: %1 entries.").replace("%1", str(count)))
        self.studio.notify({CONTESTS})

    def delete(self) -> None:
        if self.contest_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete contest"),
            self.tr("Delete this contest, its phases, draft posts, entries and draw?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.rules.contest_id = None
        with self.studio.session() as session:
            delete_contest(session, self.contest_id)
        self.contest_id = None
        self.deleted.emit()
        self.studio.notify(CHANGES)


class EventPage(_Page):
    """One event: its fields and countdown posts on the timeline."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(studio, parent)
        self.setObjectName("eventPage")
        self.event_id: int | None = None
        self.generate_button.setText(self.tr("Create countdown posts"))
        self.form = EventForm(self)
        self.form.countdown_button.hide()
        self.layout_.addWidget(_scroll(self.form, self), 1)
        self.form.saveRequested.connect(self.save)
        self.generate_button.clicked.connect(self.countdown)
        self.delete_button.clicked.connect(self.delete)

    def load(self, event_id: int | None) -> None:
        self.event_id = event_id
        if event_id is None:
            return
        with self.studio.session() as session:
            event = get_event(session, event_id)
            tz = event.timezone
            self.title.setText(event.title)
            self.subtitle.setText(f"{format_moment(event.start_at, tz)}  ·  {tz}")
            span = (event.start_at, event.start_at + timedelta(minutes=event.duration_minutes))
            self.timeline.set_phases(
                phase_marks(session, list(event.phases), event.title), tz, span, now_utc()
            )
            self.form.set_event(event, event_networks(session, event))

    def save(self) -> None:
        if self.event_id is None:
            return
        try:
            with self.studio.session() as session:
                save_event(session, 0, self.form.fields(), self.event_id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Save event"), str(exc))
            return
        self.studio.show_status(self.tr("Event saved."))
        self.studio.notify(CHANGES)

    def countdown(self) -> None:
        if self.event_id is None:
            return
        with self.studio.session() as session:
            existing = bool(get_event(session, self.event_id).phases)
        if existing:
            answer = QMessageBox.question(
                self,
                self.tr("Create countdown posts"),
                self.tr("Replace the countdown and its draft posts? Scheduled and published posts are kept."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            with self.studio.session() as session:
                save_event(session, 0, self.form.fields(), self.event_id)
                generate_countdown(
                    session,
                    self.event_id,
                    self.form.networks.selected(),
                    hashtag=self.form.hashtag.text(),
                    replay_url=self.form.replay.text(),
                )
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Create countdown posts"), str(exc))
            return
        self.studio.notify(CHANGES)

    def delete(self) -> None:
        if self.event_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete event"), self.tr("Delete this event and its draft countdown posts?")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.studio.session() as session:
            delete_event(session, self.event_id)
        self.event_id = None
        self.deleted.emit()
        self.studio.notify(CHANGES)
