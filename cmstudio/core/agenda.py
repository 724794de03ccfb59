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
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmstudio.core.agenda_rows import (
    TITLE_CHARS,
    AgendaRow,
    read_rows,
    rows_of,
    status_of,
    title_from_text,
    workspace_colors,
)
from cmstudio.core.calendar_types import CalendarEntry, CalendarError
from cmstudio.core.i18n import _
from cmstudio.core.models import Article, Variant, Workspace

REF_KINDS: tuple[str, ...] = ("article", "post", "phase", "item")
"""Tables an item can come from: articles, variants (posts), phases, free calendar items."""

MIME_TYPE = "application/x-cmstudio-items"


class AgendaError(CalendarError):
    """A calendar operation that cannot be done; the message is meant for the user."""


@dataclass(frozen=True, slots=True, order=True)
class ItemRef:
    """The identity of a calendar item: which table (``kind``) and which row (``id``)."""

    kind: str
    id: int

    def __post_init__(self) -> None:
        if self.kind not in REF_KINDS:
            raise AgendaError(_(
                "Unknown item kind {kind!r}; expected one of {choices}.",
                kind=self.kind, choices=', '.join(REF_KINDS),
            ))
        if isinstance(self.id, bool) or not isinstance(self.id, int) or self.id <= 0:
            raise AgendaError(_("Item ids are positive whole numbers, got {id!r}.", id=self.id))

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
        raise AgendaError(_("The dragged data is not a list of calendar items.")) from exc
    if not isinstance(raw, list) or not raw:
        raise AgendaError(_("The dragged data is not a list of calendar items."))
    refs: list[ItemRef] = []
    for item in raw:
        if not isinstance(item, dict) or "kind" not in item or "id" not in item:
            raise AgendaError(_("Each dragged item needs a kind and an id."))
        ref = ItemRef(str(item["kind"]), item["id"])
        if ref not in refs:
            refs.append(ref)
    return refs


def marketing_days_for(session: Session, workspace_id: int | None) -> list | None:
    """The workspace's own marketing-day list when it has one (None: the shipped default)."""
    from cmstudio.core.refdays import RefDaysError, load_marketing_days, parse_marketing_days

    if workspace_id is None:
        return None
    data = session.scalar(select(Workspace.marketing_days).where(Workspace.id == workspace_id))
    if not data:
        return None
    try:
        return parse_marketing_days(data)
    except RefDaysError:
        return load_marketing_days()


def agenda_rows(
    session: Session,
    workspace_id: int | None,
    start_utc: datetime | None = None,
    end_utc: datetime | None = None,
    *,
    reference_days: bool = False,
    lang: str = "fr",
) -> list[AgendaRow]:
    """Everything dated in ``[start_utc, end_utc)`` as light rows, in the calendar's order.

    Open ends mean no limit. Gathers article publications, scheduled posts, contest and event
    phases, whole contests as read-only spans, and calendar items (notes, imported references).
    With ``reference_days`` public holidays and marketing days are added for the period (which
    then needs both ends, or the years the other rows cover).
    """
    rows = read_rows(session, workspace_id, start_utc, end_utc)
    if reference_days:
        rows.extend(rows_of(_reference_days(session, workspace_id, rows, start_utc, end_utc, lang)))
    rows.sort()
    return rows


def agenda_entries(
    session: Session,
    workspace_id: int | None,
    start_utc: datetime | None = None,
    end_utc: datetime | None = None,
    *,
    reference_days: bool = False,
    lang: str = "fr",
) -> list[CalendarEntry]:
    """:func:`agenda_rows` as validated :class:`CalendarEntry` values, sorted by start."""
    rows = agenda_rows(session, workspace_id, start_utc, end_utc, reference_days=reference_days, lang=lang)
    return [row.entry() for row in rows]


def _reference_days(
    session: Session,
    workspace_id: int | None,
    rows: Sequence[AgendaRow],
    start: datetime | None,
    end: datetime | None,
    lang: str,
) -> list[CalendarEntry]:
    # Imported here: the holiday tables take a while to load, and callers that show no reference
    # days (or load them on a worker thread) should not pay for them.
    from cmstudio.core.refdays import reference_days, reference_entries

    if start is None or end is None:
        if not rows:
            return []
        first = start.date() if start else min(r.start for r in rows).date()
        last = end.date() if end else max(r.start for r in rows).date()
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
    return reference_entries(days)


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
            func.substr(Variant.text, 1, TITLE_CHARS),
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
        BacklogItem(ItemRef("article", i), title or "—", None, status_of(status))
        for i, title, status in articles
    ]
    items += [
        BacklogItem(
            ItemRef("post", i),
            title_from_text(text, article_title or network),
            network,
            status_of(status),
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
        raise AgendaError(_("There is no workspace #{workspace_id}.", workspace_id=workspace_id))
    return zone


def day_bounds_utc(first: date, last: date, tz: Any) -> tuple[datetime, datetime]:
    """The UTC instants from local midnight of ``first`` to local midnight after ``last``."""
    from cmstudio.core.timezones import to_utc

    return to_utc(datetime.combine(first, time()), tz), to_utc(
        datetime.combine(last + timedelta(days=1), time()), tz
    )


__all__ = ["AgendaRow", "workspace_colors"]

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
