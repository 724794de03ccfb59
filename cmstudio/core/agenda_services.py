"""Calendar services on the database: posting queue, recurring posts, reference imports, .ics out.

They glue the pure calendar modules (:mod:`~cmstudio.core.queue`, :mod:`~cmstudio.core.recurrence`,
:mod:`~cmstudio.core.refdays`, :mod:`~cmstudio.core.ics`) to the rows of a workspace. Each one does
one operation in the caller's unit of work and returns what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cmstudio.core.agenda import AgendaError, ItemRef, agenda_entries, marketing_days_for, workspace_timezone
from cmstudio.core.agenda_moves import Move, _copy_post, apply_moves, check_movable
from cmstudio.core.calendar_types import CalendarEntry
from cmstudio.core.i18n import _
from cmstudio.core.models import Account, CalendarItem, Variant, Workspace
from cmstudio.core.queue import OCCUPYING_STATUSES, WeeklySlots, next_free_slot, upcoming_slots
from cmstudio.core.recurrence import Recurrence, RecurrenceError, occurrences
from cmstudio.core.slug import slugify

# --- posting queue -------------------------------------------------------------------------


def account_slots(session: Session, account_id: int) -> tuple[Account, WeeklySlots]:
    account = session.get(Account, account_id)
    if account is None:
        raise AgendaError(_("There is no account #{account_id}.", account_id=account_id))
    return account, WeeklySlots.from_data(account.queue_slots or [])


def set_queue_slots(session: Session, account_id: int, slots: WeeklySlots) -> None:
    """Replace an account's weekly posting slots."""
    account, _slots = account_slots(session, account_id)
    account.queue_slots = slots.to_data()
    session.flush()


def _taken(session: Session, account_id: int, after: datetime) -> list[tuple[datetime, str]]:
    rows = session.execute(
        select(Variant.scheduled_at, Variant.id).where(
            Variant.account_id == account_id,
            Variant.scheduled_at.is_not(None),
            Variant.deleted_at.is_(None),
            Variant.scheduled_at >= after - timedelta(days=1),
            Variant.status.in_(OCCUPYING_STATUSES),
        )
    )
    return [(at, str(i)) for at, i in rows]


def add_to_queue(session: Session, variant_id: int, *, now: datetime | None = None) -> Move:
    """Schedule a post in the next free slot of its account; returns the move (for undo)."""
    post = session.get(Variant, variant_id)
    if post is None or post.deleted_at is not None:
        raise AgendaError(_("The post #{variant_id} no longer exists.", variant_id=variant_id))
    ref = ItemRef("post", variant_id)
    title = next((line for line in post.text.splitlines() if line.strip()), post.network)[:60]
    check_movable(ref, post, title)
    if post.account_id is None:
        raise AgendaError(_(
            "“{title}” has no account yet; choose the account it goes to before queueing it.",
            title=title,
        ))
    _account, slots = account_slots(session, post.account_id)
    tz = workspace_timezone(session, post.workspace_id)
    now = now or datetime.now(UTC)
    taken = [at for at, i in _taken(session, post.account_id, now) if i != str(variant_id)]
    slot = next_free_slot(slots, tz, taken, now)
    status = "scheduled" if post.status == "ready" else post.status
    move = Move(ref, title, post.scheduled_at, None, post.status, slot, None, status)
    apply_moves(session, [move])
    return move


@dataclass(frozen=True, slots=True)
class QueueSlotView:
    """One slot of the queue view: its instant and the post in it (None: free)."""

    at: datetime
    entry: CalendarEntry | None


def queue_view(session: Session, account_id: int, start_utc: datetime, days: int = 14) -> list[QueueSlotView]:
    """Every slot of an account over ``days`` local days from ``start_utc``, with the posts filling them."""
    account, slots = account_slots(session, account_id)
    tz = workspace_timezone(session, account.workspace_id)
    end = start_utc + timedelta(days=days + 1)
    entries = {
        e.id: e
        for e in agenda_entries(session, account.workspace_id, start_utc - timedelta(days=1), end)
        if e.kind == "post" and e.account_id == str(account_id)
    }
    taken = [(e.start, e.id) for e in entries.values() if e.status in OCCUPYING_STATUSES]
    return [
        QueueSlotView(at, entries.get(owner) if owner else None)
        for at, owner in upcoming_slots(slots, tz, start_utc, days, taken, include_unslotted=True)
    ]


# --- recurring posts -----------------------------------------------------------------------


def recurrence_from_data(data: dict[str, Any]) -> Recurrence:
    """Read ``Variant.recurrence`` JSON: ``{"freq", "interval", "until": "YYYY-MM-DD"|None, "count"}``."""
    if not isinstance(data, dict):
        raise RecurrenceError(_("A repetition is described by freq, interval, until and count."))
    until = data.get("until")
    try:
        until_date = date.fromisoformat(until) if isinstance(until, str) and until else None
    except ValueError as exc:
        raise RecurrenceError(_(
            "The end of the repetition {until!r} is not a date (YYYY-MM-DD).",
            until=until,
        )) from exc
    return Recurrence(
        freq=str(data.get("freq", "")),
        interval=data.get("interval", 1),
        until=until_date,
        count=data.get("count"),
    )


def recurrence_to_data(rule: Recurrence) -> dict[str, Any]:
    return {
        "freq": rule.freq,
        "interval": rule.interval,
        "until": rule.until.isoformat() if rule.until else None,
        "count": rule.count,
    }


def make_recurring(session: Session, variant_id: int, rule: Recurrence, *, limit: int = 120) -> list[ItemRef]:
    """Create the occurrences of a series as their own posts (each can then be moved or edited alone).

    The first post keeps the rule in ``recurrence``; each later occurrence is a new post whose
    ``recurrence_parent_id`` names it. Occurrences made earlier and not yet published are
    replaced, so changing the rule does not pile up copies. Returns the refs of the new posts.
    """
    post = session.get(Variant, variant_id)
    if post is None or post.deleted_at is not None:
        raise AgendaError(_("The post #{variant_id} no longer exists.", variant_id=variant_id))
    if post.recurrence_parent_id is not None:
        raise AgendaError(_(
            "This post is an occurrence of a series; change the repetition on the first post.",
        ))
    if post.scheduled_at is None:
        raise AgendaError(_("Schedule the post first: the repetition starts from its date."))
    tz = workspace_timezone(session, post.workspace_id)
    starts = occurrences(post.scheduled_at, rule, tz, limit=limit)
    session.execute(
        delete(Variant).where(Variant.recurrence_parent_id == variant_id, Variant.status != "published")
    )
    post.recurrence = recurrence_to_data(rule)
    created = []
    for start in starts[1:]:
        copy = _copy_post(post)
        copy.scheduled_at = start
        copy.status = "scheduled" if post.status == "published" else post.status
        copy.recurrence_parent_id = post.id
        session.add(copy)
        created.append(copy)
    session.flush()
    return [ItemRef("post", c.id) for c in created]


# --- reference calendars (.ics in) ---------------------------------------------------------


@dataclass
class ImportSummary:
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


def import_reference_calendar(
    session: Session,
    workspace_id: int,
    data: bytes,
    source_name: str,
    *,
    window_start: date | None = None,
    window_end: date | None = None,
) -> ImportSummary:
    """Import a .ics as read-only reference events; importing the same file name again replaces them."""
    tz = workspace_timezone(session, workspace_id)
    from cmstudio.core.refdays import import_ics  # slow to import: only when a file is read

    entries = import_ics(
        data, source_name=source_name, tz=tz, window_start=window_start, window_end=window_end
    )
    result = session.execute(
        delete(CalendarItem).where(
            CalendarItem.workspace_id == workspace_id,
            CalendarItem.kind == "reference",
            CalendarItem.source == source_name,
        )
    )
    session.add_all(
        CalendarItem(
            workspace_id=workspace_id,
            kind="reference",
            title=e.title[:300],
            start_at=e.start,
            end_at=e.end,
            all_day=e.all_day,
            source=source_name[:200],
            external_uid=e.id[:300],
            read_only=True,
            notes=e.description or "",
        )
        for e in entries
    )
    session.flush()
    return ImportSummary(
        added=len(entries),
        replaced=result.rowcount or 0,
        skipped=entries.skipped,  # type: ignore[attr-defined]
        problems=list(entries.problems),
    )


def reference_sources(session: Session, workspace_id: int) -> list[tuple[str, int]]:
    """Imported reference calendars of a workspace and how many events each holds."""
    from sqlalchemy import func

    rows = session.execute(
        select(CalendarItem.source, func.count(CalendarItem.id))
        .where(CalendarItem.workspace_id == workspace_id, CalendarItem.kind == "reference")
        .group_by(CalendarItem.source)
    )
    return sorted((source, count) for source, count in rows)


# --- iCalendar out ------------------------------------------------------------------------


def export_calendar(
    session: Session,
    workspace_id: int | None,
    start_utc: datetime | None = None,
    end_utc: datetime | None = None,
    *,
    lang: str = "fr",
    include_references: bool = False,
    stamp: datetime | None = None,
) -> bytes:
    """The workspace's calendar as RFC 5545 bytes (imported references left out unless asked)."""
    entries = agenda_entries(session, workspace_id, start_utc, end_utc)
    if not include_references:
        entries = [e for e in entries if e.kind != "reference"]
    if workspace_id is None:
        name, tz = "CM Studio", "UTC"
    else:
        workspace = session.get(Workspace, workspace_id)
        if workspace is None:
            raise AgendaError(_("There is no workspace #{workspace_id}.", workspace_id=workspace_id))
        name, tz = workspace.name, workspace.timezone
    from cmstudio.core.ics import export_ics

    return export_ics(entries, calname=name, tz=tz, lang=lang, stamp=stamp)


def subscription_path(db_path: Path | None, media_dir: Path, workspace_name: str, workspace_id: int) -> Path:
    """Where a workspace's subscription file lives: ``calendars/<slug>.ics`` beside the database."""
    folder = (db_path.parent if db_path is not None else media_dir.parent) / "calendars"
    return folder / f"{slugify(workspace_name) or f'workspace-{workspace_id}'}.ics"


def update_subscription(
    session: Session, workspace_id: int, db_path: Path | None, media_dir: Path, *, lang: str = "fr"
) -> tuple[Path, bool]:
    """Rewrite the subscription file if the calendar changed; return its path and whether it was written."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise AgendaError(_("There is no workspace #{workspace_id}.", workspace_id=workspace_id))
    target = subscription_path(db_path, media_dir, workspace.name, workspace_id)
    data = export_calendar(session, workspace_id, lang=lang)
    from cmstudio.core.ics import write_ics_atomically

    return target, write_ics_atomically(target, data)


# --- marketing days --------------------------------------------------------------------------


def marketing_days_data(session: Session, workspace_id: int) -> tuple[list[dict[str, Any]], bool]:
    """The workspace's marketing-day list as plain dicts, and whether it is its own (False: the default)."""
    from cmstudio.core.refdays import load_marketing_days

    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise AgendaError(_("There is no workspace #{workspace_id}.", workspace_id=workspace_id))
    own = marketing_days_for(session, workspace_id)
    days = own if own is not None else load_marketing_days()
    return [_marketing_day_data(day) for day in days], own is not None


def set_marketing_days(session: Session, workspace_id: int, data: list[dict[str, Any]] | None) -> int:
    """Validate and store a workspace's marketing-day list; None goes back to the shipped default.

    Returns the number of days kept. A bad list raises :class:`~cmstudio.core.refdays.RefDaysError`
    naming the faulty entry, and nothing is stored.
    """
    from cmstudio.core.refdays import parse_marketing_days

    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise AgendaError(_("There is no workspace #{workspace_id}.", workspace_id=workspace_id))
    if data is None:
        workspace.marketing_days = []
        session.flush()
        return 0
    days = parse_marketing_days(data)
    seen: set[str] = set()
    for day in days:
        if day.id in seen:
            raise AgendaError(_(
                "Two marketing days share the identifier {id!r}; rename one of them.",
                id=day.id,
            ))
        seen.add(day.id)
    workspace.marketing_days = [_marketing_day_data(day) for day in days]
    session.flush()
    return len(days)


def _marketing_day_data(day: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": day.id, "fr": day.fr, "en": day.en}
    if day.rule is not None:
        data["rule"] = day.rule
    else:
        data["month"], data["day"] = day.month, day.day
    return data
