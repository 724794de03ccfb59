"""Moving, scheduling and duplicating calendar items: the services behind drag and drop and undo.

A drop is first *planned* (:func:`plan_drop`: where each item would land, nothing written) so the
caller can ask before moving into the past, then *applied* (:func:`apply_moves`). A plan keeps
the exact times before and after, so undo and redo replay it in either direction, whatever
happened to the wall clock in between.

Times move in wall-clock terms in the workspace's zone: dropping a 09:00 post three days later
gives 09:00 on that day, DST change or not (see :mod:`cmstudio.core.timezones`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmstudio.core.agenda import AgendaError, ItemRef
from cmstudio.core.i18n import _
from cmstudio.core.models import Article, ArticleRevision, CalendarItem, Phase, Variant, VariantMedia
from cmstudio.core.slug import unique_slug
from cmstudio.core.timezones import TzLike, get_zone, to_local, to_utc

_MODELS: dict[str, Any] = {"article": Article, "post": Variant, "phase": Phase, "item": CalendarItem}


class ItemLockedError(AgendaError):
    """The item cannot be moved: it is published or a read-only reference."""


@dataclass(frozen=True, slots=True)
class Move:
    """One item's times and status before and after an operation (None: not scheduled)."""

    ref: ItemRef
    title: str
    before_start: datetime | None
    before_end: datetime | None
    before_status: str
    after_start: datetime | None
    after_end: datetime | None
    after_status: str

    @property
    def changed(self) -> bool:
        return (self.before_start, self.before_end, self.before_status) != (
            self.after_start,
            self.after_end,
            self.after_status,
        )


def _row(session: Session, ref: ItemRef) -> Any:
    row = session.get(_MODELS[ref.kind], ref.id)
    if row is None or getattr(row, "deleted_at", None) is not None:
        raise AgendaError(_("The {kind} #{id} no longer exists.", kind=_label(ref.kind), id=ref.id))
    return row


def _label(kind: str) -> str:
    return {"article": "article", "post": "post", "phase": "phase", "item": "calendar item"}[kind]


def _title(ref: ItemRef, row: Any) -> str:
    if ref.kind == "post":
        first = next((line.strip() for line in (row.text or "").splitlines() if line.strip()), "")
        return first[:60] or row.network
    return row.title or f"#{ref.id}"


def _times(ref: ItemRef, row: Any) -> tuple[datetime | None, datetime | None]:
    if ref.kind == "article":
        return row.publish_at, None
    if ref.kind == "post":
        return row.scheduled_at, None
    return row.start_at, row.end_at


def _set(ref: ItemRef, row: Any, start: datetime | None, end: datetime | None, status: str) -> None:
    if ref.kind == "article":
        row.publish_at, row.status = start, status
    elif ref.kind == "post":
        row.scheduled_at, row.status = start, status
    elif ref.kind == "phase":
        if start is None:
            raise AgendaError(_("A phase always has a date."))
        row.start_at, row.end_at, row.status = start, end, status
    else:
        if start is None:
            raise AgendaError(_("A calendar item always has a date."))
        row.start_at, row.end_at = start, end


def _status(ref: ItemRef, row: Any) -> str:
    return "scheduled" if ref.kind == "item" else row.status


def check_movable(ref: ItemRef, row: Any, title: str) -> None:
    if ref.kind == "item" and row.read_only:
        raise ItemLockedError(_("“{title}” is a read-only reference event and cannot be moved.", title=title))
    if ref.kind != "item" and row.status == "published":
        raise ItemLockedError(_("“{title}” is already published and cannot be moved.", title=title))


def _shift_wall(instant: datetime | None, delta: timedelta, zone: Any) -> datetime | None:
    if instant is None:
        return None
    local = to_local(instant, zone).replace(tzinfo=None, fold=0)
    return to_utc(local + delta, zone)


def plan_drop(
    session: Session,
    refs: Sequence[ItemRef],
    target: date | datetime,
    tz: TzLike,
    *,
    default_time: time = time(9, 0),
    spacing_minutes: int = 30,
    for_copy: bool = False,
) -> list[Move]:
    """Where the items would land if dropped on ``target``; nothing is written.

    ``target`` is a local date (month view: each item keeps its time of day) or a naive local
    date-time (week view slot: the first scheduled item lands on it exactly). Several items move
    together by the same wall-clock shift as the first scheduled one. Items not yet scheduled
    (from the backlog) land on the target day at ``default_time`` (or on the slot), one after the
    other ``spacing_minutes`` apart; a "ready" item becomes "scheduled". Published items and
    read-only references raise :class:`ItemLockedError` unless ``for_copy``.
    """
    if not refs:
        raise AgendaError(_("Nothing to move: no item was given."))
    zone = get_zone(tz)
    at_slot = isinstance(target, datetime)
    if at_slot and target.tzinfo is not None:  # type: ignore[union-attr]
        raise AgendaError(_("The drop target is a wall-clock time in the workspace's zone, without offset."))
    rows = [(ref, _row(session, ref)) for ref in refs]
    anchor = next((_times(ref, row)[0] for ref, row in rows if _times(ref, row)[0] is not None), None)
    delta = timedelta(0)
    if anchor is not None:
        anchor_local = to_local(anchor, zone).replace(tzinfo=None, fold=0)
        if at_slot:
            delta = target - anchor_local  # type: ignore[operator]
        else:
            delta = timedelta(days=(target - anchor_local.date()).days)  # type: ignore[operator]
    first_free = target if at_slot else datetime.combine(target, default_time)  # type: ignore[arg-type]
    moves: list[Move] = []
    unscheduled = 0
    for ref, row in rows:
        title = _title(ref, row)
        if not for_copy:
            check_movable(ref, row, title)
        start, end = _times(ref, row)
        status = _status(ref, row)
        if start is None:
            new_start = to_utc(first_free + timedelta(minutes=spacing_minutes * unscheduled), zone)
            unscheduled += 1
            new_status = "scheduled" if status == "ready" else status
            new_end = None
        else:
            new_start, new_end, new_status = (
                _shift_wall(start, delta, zone),
                _shift_wall(end, delta, zone),
                status,
            )
        if for_copy and new_status in ("published", "failed"):
            new_status = "draft"
        moves.append(Move(ref, title, start, end, status, new_start, new_end, new_status))
    return moves


def into_past(moves: Iterable[Move], now: datetime | None = None) -> list[Move]:
    """Moves that would put an item before ``now`` (only those whose time changes)."""
    now = now or datetime.now(UTC)
    return [
        m
        for m in moves
        if m.after_start is not None and m.after_start < now and m.after_start != m.before_start
    ]


def apply_moves(session: Session, moves: Iterable[Move], *, undo: bool = False) -> list[ItemRef]:
    """Write the after (or, with ``undo``, the before) times and statuses; return the refs touched."""
    touched = []
    for move in moves:
        row = _row(session, move.ref)
        if undo:
            _set(move.ref, row, move.before_start, move.before_end, move.before_status)
        else:
            _set(move.ref, row, move.after_start, move.after_end, move.after_status)
        touched.append(move.ref)
    session.flush()
    return touched


def move_items(
    session: Session, refs: Sequence[ItemRef], target: date | datetime, tz: TzLike, **options: Any
) -> list[Move]:
    """Plan and apply a drop in one step (see :func:`plan_drop`); returns the moves for undo."""
    moves = plan_drop(session, refs, target, tz, **options)
    apply_moves(session, moves)
    return moves


def schedule_items(session: Session, refs: Sequence[ItemRef], start_utc: datetime | None) -> list[Move]:
    """Put items at an exact instant, or take them off the calendar with None (back to the backlog)."""
    moves = []
    for ref in refs:
        row = _row(session, ref)
        title = _title(ref, row)
        check_movable(ref, row, title)
        start, end = _times(ref, row)
        status = _status(ref, row)
        if start_utc is None and ref.kind in ("phase", "item"):
            raise AgendaError(_(
                "“{title}” always has a date; it cannot go back to the backlog.",
                title=title,
            ))
        new_status = status
        if start_utc is None and status == "scheduled":
            new_status = "ready"
        elif start_utc is not None and status == "ready":
            new_status = "scheduled"
        moves.append(Move(ref, title, start, end, status, start_utc, end, new_status))
    apply_moves(session, moves)
    return moves


def _copy_article(session: Session, row: Article) -> Article:
    existing = set(session.scalars(select(Article.slug).where(Article.workspace_id == row.workspace_id)))
    copy = Article(
        workspace_id=row.workspace_id,
        title=row.title,
        slug=unique_slug(row.slug or row.title, existing),
        markdown=row.markdown,
        excerpt=row.excerpt,
        tags=list(row.tags or []),
        categories=list(row.categories or []),
        language=row.language,
        status=row.status,
        featured_media_id=row.featured_media_id,
    )
    copy.revisions.append(ArticleRevision(title=row.title, markdown=row.markdown, reason="duplicate"))
    return copy


def _copy_post(row: Variant) -> Variant:
    copy = Variant(
        workspace_id=row.workspace_id,
        article_id=row.article_id,
        phase_id=row.phase_id,
        account_id=row.account_id,
        network=row.network,
        text=row.text,
        content_warning=row.content_warning,
        thread_parts=list(row.thread_parts or []),
        status=row.status,
        campaign=row.campaign,
    )
    for media in row.media:
        copy.media.append(
            VariantMedia(
                media_id=media.media_id,
                position=media.position,
                crop=dict(media.crop) if media.crop else None,
                alt_text=media.alt_text,
            )
        )
    return copy


def duplicate_items(
    session: Session, refs: Sequence[ItemRef], target: date | datetime, tz: TzLike, **options: Any
) -> list[Move]:
    """Copies of articles and posts dropped on ``target`` (Ctrl-drag); the originals stay put.

    A copy of a published or failed item starts as a draft. Returns one move per copy, whose
    ref names the new row and whose "before" is unscheduled, for undo (:func:`remove_items`).
    """
    for ref in refs:
        if ref.kind not in ("article", "post"):
            raise AgendaError(
                _("Only articles and posts can be duplicated; phases and reference events cannot.")
            )
    plan = plan_drop(session, refs, target, tz, for_copy=True, **options)
    created: list[Move] = []
    for move in plan:
        row = _row(session, move.ref)
        copy: Any = _copy_article(session, row) if move.ref.kind == "article" else _copy_post(row)
        session.add(copy)
        session.flush()
        new_ref = ItemRef(move.ref.kind, copy.id)
        _set(new_ref, copy, move.after_start, move.after_end, move.after_status)
        created.append(
            Move(
                new_ref, move.title, None, None, move.after_status, move.after_start, None, move.after_status
            )
        )
    session.flush()
    return created


def remove_items(session: Session, refs: Iterable[ItemRef]) -> None:
    """Put duplicated articles or posts in the bin (soft delete), so :func:`restore_items` can redo."""
    now = datetime.now(UTC)
    for ref in refs:
        if ref.kind not in ("article", "post"):
            raise AgendaError(_("Only articles and posts can be removed from the calendar this way."))
        _row(session, ref).deleted_at = now
    session.flush()


def restore_items(session: Session, refs: Iterable[ItemRef]) -> None:
    """Take items back out of the bin (redo of a duplication)."""
    for ref in refs:
        row = session.get(_MODELS[ref.kind], ref.id)
        if row is None:
            raise AgendaError(_("The {kind} #{id} no longer exists.", kind=_label(ref.kind), id=ref.id))
        row.deleted_at = None
    session.flush()
