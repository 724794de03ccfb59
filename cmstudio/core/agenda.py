"""The calendar's view of the database: every dated thing of a workspace as `CalendarEntry` values.

One gathering function feeds the calendar views, the `agenda` command and the iCalendar export,
so the three always agree. Rows are read column by column (no ORM objects) and only inside the
asked period, which keeps a month of a 20,000-item workspace well under the view's budget.

Items are named across the studio (drag and drop, undo, CLI) by an :class:`ItemRef` — a table
kind and a row id — never by the objects themselves. Moving, scheduling and duplicating live in
:mod:`cmstudio.core.agenda_moves` and are re-exported here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from cmstudio.core.calendar_types import STATUSES, CalendarEntry, CalendarError
from cmstudio.core.models import Article, CalendarItem, Contest, Event, Phase, Variant, Workspace
from cmstudio.core.refdays import RefDaysError, load_marketing_days, parse_marketing_days, reference_days
from cmstudio.core.refdays import reference_entries as refday_entries

REF_KINDS: tuple[str, ...] = ("article", "post", "phase", "item")
"""Tables an item can come from: articles, variants (posts), phases, free calendar items."""

MIME_TYPE = "application/x-cmstudio-items"
_TITLE_CHARS = 120


class AgendaError(CalendarError):
    """A calendar operation that cannot be done; the message is meant for the user."""


@dataclass(frozen=True, slots=True, order=True)
class ItemRef:
    """The identity of a calendar item: which table (``kind``) and which row (``id``)."""

    kind: str
    id: int

    def __post_init__(self) -> None:
        if self.kind not in REF_KINDS:
            raise AgendaError(f"Unknown item kind {self.kind!r}; expected one of {', '.join(REF_KINDS)}.")
        if isinstance(self.id, bool) or not isinstance(self.id, int) or self.id <= 0:
            raise AgendaError(f"Item ids are positive whole numbers, got {self.id!r}.")

    def to_data(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id}


def ref_of(entry: CalendarEntry) -> ItemRef | None:
    """The row behind an entry, or None for things that live elsewhere (holidays, whole contests)."""
    text = str(entry.id)
    if text.startswith("item-") and text[5:].isdigit():
        return ItemRef("item", int(text[5:]))
    if not text.isdigit():
        return None
    if entry.kind in ("article", "post"):
        return ItemRef(entry.kind, int(text))
    if entry.kind in ("phase", "event"):
        return ItemRef("phase", int(text))
    return None


def refs_to_json(refs: Iterable[ItemRef]) -> bytes:
    """The drag-and-drop payload: ids only, e.g. ``[{"kind": "post", "id": 12}]``."""
    return json.dumps([r.to_data() for r in refs], separators=(",", ":")).encode("utf-8")


def refs_from_json(data: bytes | str) -> list[ItemRef]:
    """Read a payload written by :func:`refs_to_json`; anything else raises :class:`AgendaError`."""
    try:
        raw = json.loads(data)
    except (ValueError, TypeError) as exc:
        raise AgendaError("The dragged data is not a list of calendar items.") from exc
    if not isinstance(raw, list) or not raw:
        raise AgendaError("The dragged data is not a list of calendar items.")
    refs: list[ItemRef] = []
    for item in raw:
        if not isinstance(item, dict) or "kind" not in item or "id" not in item:
            raise AgendaError("Each dragged item needs a kind and an id.")
        ref = ItemRef(str(item["kind"]), item["id"])
        if ref not in refs:
            refs.append(ref)
    return refs


def _raw(column: Any) -> Any:
    """A datetime column read without the ORM type's per-row conversion (see :func:`_utc`)."""
    return type_coerce(column, String)


def _utc(value: Any) -> Any:
    """Stored naive UTC (a string on SQLite, a datetime on PostgreSQL) as an aware UTC datetime.

    Parsing with ``datetime.fromisoformat`` is several times faster than the generic SQLAlchemy
    conversion, which matters when a year of a busy workspace (20,000 rows) is listed.
    """
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _status(value: str | None, default: str = "draft") -> str:
    return value if value in STATUSES else default


def _title_from_text(text: str | None, fallback: str) -> str:
    for line in (text or "").splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 80 else line[:79].rstrip() + "…"
    return fallback


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


def _articles(
    session: Session, ws: int | None, start: datetime | None, end: datetime | None, colors: dict[int, str]
) -> list[CalendarEntry]:
    query = select(Article.id, Article.workspace_id, Article.title, Article.status, _raw(Article.publish_at)).where(
        Article.publish_at.is_not(None), Article.deleted_at.is_(None), *_range(Article.publish_at, start, end)
    )
    if ws is not None:
        query = query.where(Article.workspace_id == ws)
    return [
        CalendarEntry(
            id=str(i),
            kind="article",
            title=title or "—",
            start=_utc(at),
            status=_status(status),
            color=colors.get(w),
            network=None,
        )
        for i, w, title, status, at in session.execute(query)
    ]


def _posts(
    session: Session, ws: int | None, start: datetime | None, end: datetime | None, colors: dict[int, str]
) -> list[CalendarEntry]:
    query = (
        select(
            Variant.id,
            Variant.workspace_id,
            func.substr(Variant.text, 1, _TITLE_CHARS),
            Article.title,
            Variant.network,
            Variant.account_id,
            Variant.status,
            Variant.campaign,
            _raw(Variant.scheduled_at),
        )
        .outerjoin(Article, Article.id == Variant.article_id)
        .where(
            Variant.scheduled_at.is_not(None),
            Variant.deleted_at.is_(None),
            *_range(Variant.scheduled_at, start, end),
        )
    )
    if ws is not None:
        query = query.where(Variant.workspace_id == ws)
    return [
        CalendarEntry(
            id=str(i),
            kind="post",
            title=_title_from_text(text, article_title or network),
            start=_utc(at),
            network=network,
            account_id=None if account is None else str(account),
            status=_status(status),
            campaign=campaign or None,
            color=colors.get(w),
        )
        for i, w, text, article_title, network, account, status, campaign, at in session.execute(query)
    ]


def _phases(
    session: Session, ws: int | None, start: datetime | None, end: datetime | None, colors: dict[int, str]
) -> list[CalendarEntry]:
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
    entries = []
    for i, w, title, status, begin, finish, contest_id, contest_title, event_title in session.execute(query):
        owner = contest_title if contest_id is not None else event_title
        label = title if not owner or title.startswith(owner) else f"{owner} · {title}"
        entries.append(
            CalendarEntry(
                id=str(i),
                kind="phase" if contest_id is not None else "event",
                title=label,
                start=begin,
                end=finish if finish and finish >= begin else None,
                status=_status(status),
                color=colors.get(w),
            )
        )
    return entries


def _contests(
    session: Session, ws: int | None, start: datetime | None, end: datetime | None, colors: dict[int, str]
) -> list[CalendarEntry]:
    query = select(
        Contest.id, Contest.workspace_id, Contest.title, Contest.status, Contest.start_at, Contest.end_at
    ).where(*_span_range(Contest.start_at, Contest.end_at, start, end))
    if ws is not None:
        query = query.where(Contest.workspace_id == ws)
    return [
        CalendarEntry(
            id=f"contest-{i}",
            kind="phase",
            title=title,
            start=begin,
            end=finish if finish >= begin else None,
            status=_status(status, "scheduled"),
            color=colors.get(w),
            read_only=True,
            source="contest",
        )
        for i, w, title, status, begin, finish in session.execute(query)
    ]


def _items(
    session: Session, ws: int | None, start: datetime | None, end: datetime | None, colors: dict[int, str]
) -> list[CalendarEntry]:
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
    entries = []
    for i, w, kind, title, begin, finish, all_day, read_only, source, notes in session.execute(query):
        if all_day:
            begin = datetime.combine(begin.date(), time(), UTC)
            finish = datetime.combine(finish.date(), time(), UTC) if finish else begin + timedelta(days=1)
        entries.append(
            CalendarEntry(
                id=f"item-{i}",
                kind="reference" if kind == "reference" else "event",
                title=title,
                start=begin,
                end=finish if finish and finish >= begin else None,
                status="published" if read_only else "scheduled",
                color=colors.get(w),
                all_day=bool(all_day),
                read_only=bool(read_only),
                source=source or None,
                description=notes or None,
            )
        )
    return entries


def marketing_days_for(session: Session, workspace_id: int | None) -> list | None:
    """The workspace's own marketing-day list when it has one (None: the shipped default)."""
    if workspace_id is None:
        return None
    data = session.scalar(select(Workspace.marketing_days).where(Workspace.id == workspace_id))
    if not data:
        return None
    try:
        return parse_marketing_days(data)
    except RefDaysError:
        return load_marketing_days()


def agenda_entries(
    session: Session,
    workspace_id: int | None,
    start_utc: datetime | None = None,
    end_utc: datetime | None = None,
    *,
    reference_days: bool = False,
    lang: str = "fr",
) -> list[CalendarEntry]:
    """Everything dated in ``[start_utc, end_utc)`` (open ends: no limit), sorted by start.

    Gathers article publications, scheduled posts, contest and event phases, whole contests as
    read-only spans, and calendar items (notes, imported references). With ``reference_days``
    public holidays and marketing days are added for the period (which then needs both ends, or
    the years the other entries cover).
    """
    colors = workspace_colors(session)
    entries: list[CalendarEntry] = []
    for gather in (_articles, _posts, _phases, _contests, _items):
        entries.extend(gather(session, workspace_id, start_utc, end_utc, colors))
    if reference_days:
        entries.extend(_reference_days(session, workspace_id, entries, start_utc, end_utc, lang, colors))
    entries.sort(key=lambda e: (e.start, not e.all_day, e.kind, e.title, e.id))
    return entries


def _reference_days(
    session: Session,
    workspace_id: int | None,
    entries: Sequence[CalendarEntry],
    start: datetime | None,
    end: datetime | None,
    lang: str,
    colors: dict[int, str],
) -> list[CalendarEntry]:
    if start is None or end is None:
        if not entries:
            return []
        first = start.date() if start else min(e.start for e in entries).date()
        last = end.date() if end else max(e.start for e in entries).date()
    else:
        first, last = start.date(), (end - timedelta(microseconds=1)).date()
    if last < first:
        return []
    days = reference_days(
        first,
        last,
        lang if lang in ("fr", "en") else "fr",
        marketing_days=marketing_days_for(session, workspace_id),
    )
    return refday_entries(days)


def filter_entries(
    entries: Iterable[CalendarEntry],
    *,
    networks: set[str] | None = None,
    accounts: set[str] | None = None,
    statuses: set[str] | None = None,
    kinds: set[str] | None = None,
    campaigns: set[str] | None = None,
) -> list[CalendarEntry]:
    """Keep entries matching every given filter (None: no filter on that field).

    Network, account and campaign filters only apply to entries that have that field (posts), so
    filtering posts by network keeps the articles and phases of the period visible.
    """
    result = []
    for entry in entries:
        if kinds is not None and entry.kind not in kinds:
            continue
        if statuses is not None and entry.kind != "reference" and entry.status not in statuses:
            continue
        if entry.kind == "post":
            if networks is not None and entry.network not in networks:
                continue
            if accounts is not None and (entry.account_id or "") not in accounts:
                continue
            if campaigns is not None and (entry.campaign or "") not in campaigns:
                continue
        result.append(entry)
    return result


@dataclass(frozen=True, slots=True)
class BacklogItem:
    """Something not yet on the calendar that can be dragged onto it."""

    ref: ItemRef
    title: str
    network: str | None
    status: str
    campaign: str | None = None


def backlog(session: Session, workspace_id: int, limit: int = 500) -> list[BacklogItem]:
    """Unscheduled, unpublished articles and posts of a workspace, most recently edited first."""
    articles = session.execute(
        select(Article.id, Article.title, Article.status)
        .where(
            Article.workspace_id == workspace_id,
            Article.publish_at.is_(None),
            Article.deleted_at.is_(None),
            Article.status != "published",
        )
        .order_by(Article.updated_at.desc(), Article.id.desc())
        .limit(limit)
    )
    posts = session.execute(
        select(
            Variant.id,
            func.substr(Variant.text, 1, _TITLE_CHARS),
            Article.title,
            Variant.network,
            Variant.status,
            Variant.campaign,
        )
        .outerjoin(Article, Article.id == Variant.article_id)
        .where(
            Variant.workspace_id == workspace_id,
            Variant.scheduled_at.is_(None),
            Variant.deleted_at.is_(None),
            Variant.status != "published",
        )
        .order_by(Variant.updated_at.desc(), Variant.id.desc())
        .limit(limit)
    )
    items = [
        BacklogItem(ItemRef("article", i), title or "—", None, _status(status))
        for i, title, status in articles
    ]
    items += [
        BacklogItem(
            ItemRef("post", i),
            _title_from_text(text, article_title or network),
            network,
            _status(status),
            campaign or None,
        )
        for i, text, article_title, network, status, campaign in posts
    ]
    return items


def workspace_timezone(session: Session, workspace_id: int | None) -> str:
    if workspace_id is None:
        return "UTC"
    zone = session.scalar(select(Workspace.timezone).where(Workspace.id == workspace_id))
    if zone is None:
        raise AgendaError(f"There is no workspace #{workspace_id}.")
    return zone


def day_bounds_utc(first: date, last: date, tz: Any) -> tuple[datetime, datetime]:
    """The UTC instants from local midnight of ``first`` to local midnight after ``last``."""
    from cmstudio.core.timezones import to_utc

    return to_utc(datetime.combine(first, time()), tz), to_utc(
        datetime.combine(last + timedelta(days=1), time()), tz
    )


_MOVES = (
    "Move",
    "plan_move",
    "apply_moves",
    "move_items",
    "duplicate_items",
    "restore_items",
    "remove_items",
    "schedule_items",
    "ItemLockedError",
)


def __getattr__(name: str) -> Any:
    # Re-exported lazily: agenda_moves imports this module.
    if name in _MOVES:
        from cmstudio.core import agenda_moves

        return getattr(agenda_moves, name)
    raise AttributeError(name)
