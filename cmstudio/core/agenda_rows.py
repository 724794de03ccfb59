"""Reading a workspace's dated items fast: light sortable rows instead of validated objects.

A year of a busy workspace is 20,000 items. Building a validated :class:`CalendarEntry` for each
costs more than reading them, so the views work on :class:`AgendaRow` tuples: the same fields
under the same names (any code that reads ``entry.start`` or ``entry.kind`` takes either), in an
order that makes plain tuple comparison the calendar's order (start, all-day first, kind, title,
id). :meth:`AgendaRow.entry` gives the validated object when one is needed (CLI, export).

Rows are read with Core statements on the session's connection (no ORM identity map), selecting
only the columns shown, and datetimes are parsed by :func:`datetime.fromisoformat` rather than the
generic per-row conversion.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from cmstudio.core.calendar_types import STATUSES, CalendarEntry
from cmstudio.core.models import Article, CalendarItem, Contest, Event, Phase, Variant, Workspace

TITLE_CHARS = 120
_SPAN = timedelta(hours=20)


class AgendaRow(NamedTuple):
    """One calendar item as the views hold it; ``timed`` is ``not all_day`` (all-day items sort first)."""

    start: datetime
    timed: bool
    kind: str
    title: str
    id: str
    end: datetime | None = None
    network: str | None = None
    account_id: str | None = None
    status: str = "idea"
    campaign: str | None = None
    color: str | None = None
    all_day: bool = False
    read_only: bool = False
    source: str | None = None
    description: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.id

    @property
    def is_span(self) -> bool:
        """All day, or long enough (20 h or more) to be drawn as a bar over days rather than at an hour."""
        return self.all_day or (self.end is not None and self.end - self.start >= _SPAN)

    def entry(self) -> CalendarEntry:
        """The validated value object (for the command line, exports and core services)."""
        return CalendarEntry(
            id=self.id,
            kind=self.kind,
            title=self.title,
            start=self.start,
            end=self.end,
            network=self.network,
            account_id=self.account_id,
            status=self.status,
            campaign=self.campaign,
            color=self.color,
            all_day=self.all_day,
            read_only=self.read_only,
            source=self.source,
            description=self.description,
        )

    @classmethod
    def of(cls, entry: CalendarEntry | AgendaRow) -> AgendaRow:
        if isinstance(entry, AgendaRow):
            return entry
        return cls(
            entry.start,
            not entry.all_day,
            entry.kind,
            entry.title,
            entry.id,
            entry.end,
            entry.network,
            entry.account_id,
            entry.status,
            entry.campaign,
            entry.color,
            entry.all_day,
            entry.read_only,
            entry.source,
            entry.description,
        )


_make = tuple.__new__


def raw(column: Any) -> Any:
    """A datetime column read without the ORM type's per-row conversion (see :func:`utc`)."""
    return type_coerce(column, String)


def utc(value: Any) -> Any:
    """Stored naive UTC (a string on SQLite, a datetime on PostgreSQL) as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value + "+00:00")  # stored naive UTC; parsed aware at once
        except ValueError:
            value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def status_of(value: str | None, default: str = "draft") -> str:
    return value if value in STATUSES else default


def title_from_text(text: str | None, fallback: str) -> str:
    """The first non-blank line of a post, shortened to 80 characters."""
    head = (text or "").lstrip()
    if not head:
        return fallback
    line = head.splitlines()[0].rstrip()
    return line if len(line) <= 80 else line[:79].rstrip() + "…"


def _range(column: Any, start: datetime | None, end: datetime | None) -> list[Any]:
    conditions = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column < end)
    return conditions


def _span_range(start_col: Any, end_col: Any, start: datetime | None, end: datetime | None) -> list[Any]:
    """Rows overlapping [start, end): spans that began before the window still show."""
    conditions = []
    if end is not None:
        conditions.append(start_col < end)
    if start is not None:
        conditions.append(or_(start_col >= start, and_(end_col.is_not(None), end_col > start)))
    return conditions


def workspace_colors(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Workspace.id, Workspace.color)).all())  # type: ignore[arg-type]


Window = tuple[int | None, datetime | None, datetime | None, dict[int, str]]


def article_rows(session: Session, window: Window) -> list[AgendaRow]:
    ws, start, end, colors = window
    query = select(Article.id, Article.workspace_id, Article.title, Article.status, raw(Article.publish_at)).where(
        Article.publish_at.is_not(None), Article.deleted_at.is_(None), *_range(Article.publish_at, start, end)
    )
    if ws is not None:
        query = query.where(Article.workspace_id == ws)
    statuses = set(STATUSES)
    return [
        _make(
            AgendaRow,
            (
                utc(at),
                True,
                "article",
                title or "—",
                str(i),
                None,
                None,
                None,
                status if status in statuses else "draft",
                None,
                colors.get(w),
                False,
                False,
                None,
                None,
            ),
        )
        for i, w, title, status, at in session.connection().execute(query).all()
    ]


def post_rows(session: Session, window: Window) -> list[AgendaRow]:
    """Scheduled posts; the article's title is read only for posts whose text is blank."""
    ws, start, end, colors = window
    query = select(
        Variant.id,
        Variant.workspace_id,
        func.substr(Variant.text, 1, TITLE_CHARS),
        Variant.network,
        Variant.account_id,
        Variant.status,
        Variant.campaign,
        raw(Variant.scheduled_at),
        Variant.article_id,
    ).where(
        Variant.scheduled_at.is_not(None),
        Variant.deleted_at.is_(None),
        *_range(Variant.scheduled_at, start, end),
    )
    if ws is not None:
        query = query.where(Variant.workspace_id == ws)
    statuses = set(STATUSES)
    rows: list[AgendaRow] = []
    blank: list[tuple[int, int | None]] = []
    append = rows.append
    for i, w, text, network, account, status, campaign, at, article in session.connection().execute(query).all():
        head = text.lstrip() if text else ""
        if head:
            line = head.splitlines()[0].rstrip()
            title = line if len(line) <= 80 else line[:79].rstrip() + "…"
        else:
            title = network
            blank.append((len(rows), article))
        append(
            _make(
                AgendaRow,
                (
                    utc(at),
                    True,
                    "post",
                    title,
                    str(i),
                    None,
                    network,
                    None if account is None else str(account),
                    status if status in statuses else "draft",
                    campaign or None,
                    colors.get(w),
                    False,
                    False,
                    None,
                    None,
                ),
            )
        )
    if blank:
        wanted = {a for _, a in blank if a is not None}
        titles = dict(session.execute(select(Article.id, Article.title).where(Article.id.in_(wanted))).all())
        for position, article in blank:
            if titles.get(article):
                rows[position] = rows[position]._replace(title=titles[article])
    return rows


def phase_rows(session: Session, window: Window) -> list[AgendaRow]:
    ws, start, end, colors = window
    owner_ws = func.coalesce(Contest.workspace_id, Event.workspace_id)
    query = (
        select(
            Phase.id,
            owner_ws,
            Phase.title,
            Phase.status,
            Phase.start_at,
            Phase.end_at,
            Phase.contest_id,
            Contest.title,
            Event.title,
        )
        .outerjoin(Contest, Contest.id == Phase.contest_id)
        .outerjoin(Event, Event.id == Phase.event_id)
        .where(*_span_range(Phase.start_at, Phase.end_at, start, end))
    )
    if ws is not None:
        query = query.where(owner_ws == ws)
    rows = []
    for i, w, title, status, begin, finish, contest_id, contest_title, event_title in session.execute(query):
        owner = contest_title if contest_id is not None else event_title
        label = title if not owner or title.startswith(owner) else f"{owner} · {title}"
        rows.append(
            AgendaRow(
                utc(begin),
                True,
                "phase" if contest_id is not None else "event",
                label,
                str(i),
                utc(finish) if finish and finish >= begin else None,
                status=status_of(status),
                color=colors.get(w),
            )
        )
    return rows


def contest_rows(session: Session, window: Window) -> list[AgendaRow]:
    ws, start, end, colors = window
    query = select(
        Contest.id, Contest.workspace_id, Contest.title, Contest.status, Contest.start_at, Contest.end_at
    ).where(*_span_range(Contest.start_at, Contest.end_at, start, end))
    if ws is not None:
        query = query.where(Contest.workspace_id == ws)
    return [
        AgendaRow(
            utc(begin),
            True,
            "phase",
            title,
            f"contest-{i}",
            utc(finish) if finish >= begin else None,
            status=status_of(status, "scheduled"),
            color=colors.get(w),
            read_only=True,
            source="contest",
        )
        for i, w, title, status, begin, finish in session.execute(query)
    ]


def item_rows(session: Session, window: Window) -> list[AgendaRow]:
    ws, start, end, colors = window
    query = select(
        CalendarItem.id,
        CalendarItem.workspace_id,
        CalendarItem.kind,
        CalendarItem.title,
        CalendarItem.start_at,
        CalendarItem.end_at,
        CalendarItem.all_day,
        CalendarItem.read_only,
        CalendarItem.source,
        CalendarItem.notes,
    ).where(*_span_range(CalendarItem.start_at, CalendarItem.end_at, start, end))
    if ws is not None:
        query = query.where(CalendarItem.workspace_id == ws)
    rows = []
    for i, w, kind, title, begin, finish, all_day, read_only, source, notes in session.execute(query):
        begin, finish = utc(begin), utc(finish)
        if all_day:
            begin = datetime.combine(begin.date(), time(), UTC)
            finish = datetime.combine(finish.date(), time(), UTC) if finish else begin + timedelta(days=1)
        rows.append(
            AgendaRow(
                begin,
                not all_day,
                "reference" if kind == "reference" else "event",
                title,
                f"item-{i}",
                finish if finish and finish >= begin else None,
                status="published" if read_only else "scheduled",
                color=colors.get(w),
                all_day=bool(all_day),
                read_only=bool(read_only),
                source=source or None,
                description=notes or None,
            )
        )
    return rows


READERS = (article_rows, post_rows, phase_rows, contest_rows, item_rows)


_pause_lock = threading.Lock()
_pause = {"depth": 0, "resume": False}


@contextmanager
def bulk_reading() -> Iterator[None]:
    """Pause the cyclic garbage collector while thousands of rows are built (any thread, nested).

    Rows are tuples of dates and strings that never form cycles; without the pause the collector
    runs many times during the load, each time walking the rows just made. The collector is
    process-wide, so the first reader in pauses it and the last one out resumes it.
    """
    with _pause_lock:
        if _pause["depth"] == 0:
            _pause["resume"] = gc.isenabled()
            gc.disable()
        _pause["depth"] += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pause["depth"] -= 1
            if _pause["depth"] == 0 and _pause["resume"]:
                gc.enable()


def read_rows(
    session: Session, workspace_id: int | None, start: datetime | None, end: datetime | None
) -> list[AgendaRow]:
    """Every dated row of a workspace (all: None) in ``[start, end)``, unsorted."""
    window: Window = (workspace_id, start, end, workspace_colors(session))
    rows: list[AgendaRow] = []
    with bulk_reading():
        for read in READERS:
            rows.extend(read(session, window))
    return rows


def rows_of(entries: Iterable[CalendarEntry]) -> list[AgendaRow]:
    return [AgendaRow.of(e) for e in entries]
