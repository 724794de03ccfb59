"""Database services for events (launch, webinar, live, trade show) and their countdown posts.

Same shape as contests_service.py: one operation per function inside the caller's session; the
countdown phases come from phases.py in the event's language, each with a draft post per network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmstudio.core.contest_types import normalize_lang, require_aware, zone
from cmstudio.core.contests_service import (
    DEFAULT_NETWORKS,
    ContestServiceError,
    add_phase,
    delete_drafts,
    get_event,
    shift_phase,
    variants_of,
    wall_delta,
)
from cmstudio.core.i18n import _
from cmstudio.core.models import Event, Phase
from cmstudio.core.phases import event_countdown

EVENT_KINDS = ("launch", "webinar", "live", "trade_show", "workshop", "other")


@dataclass
class EventFields:
    """What the event editor edits; *start_at* is aware."""

    title: str
    start_at: datetime
    kind: str = "launch"
    duration_minutes: int = 60
    timezone: str = "Europe/Paris"
    place: str = ""
    url: str = ""
    description: str = ""
    language: str = "fr"


def list_events(session: Session, workspace_id: int) -> list[Event]:
    return list(
        session.scalars(
            select(Event).where(Event.workspace_id == workspace_id).order_by(Event.start_at.desc(), Event.id)
        )
    )


def _validate_event(fields: EventFields) -> None:
    if not fields.title.strip():
        raise ContestServiceError(_("The event needs a title."))
    require_aware(fields.start_at, "The event start")
    zone(fields.timezone)
    normalize_lang(fields.language)
    if fields.kind not in EVENT_KINDS:
        raise ContestServiceError(_("Unknown kind of event “{kind}”.", kind=fields.kind))
    if not 0 < fields.duration_minutes <= 60 * 24 * 14:
        raise ContestServiceError(_("The duration must be between 1 minute and 14 days."))


def save_event(
    session: Session, workspace_id: int, fields: EventFields, event_id: int | None = None
) -> Event:
    """Create an event, or update *event_id* (moving its countdown with the new date)."""
    _validate_event(fields)
    event = get_event(session, event_id) if event_id is not None else Event(workspace_id=workspace_id)
    old_start = event.start_at if event_id is not None else None
    event.title, event.kind = fields.title.strip(), fields.kind
    event.start_at = require_aware(fields.start_at, "The event start")
    event.duration_minutes, event.timezone = fields.duration_minutes, fields.timezone
    event.place, event.url = fields.place.strip(), fields.url.strip()
    event.description, event.language = fields.description.strip(), normalize_lang(fields.language)
    if event_id is None:
        session.add(event)
    session.flush()
    if old_start is not None and old_start != event.start_at:
        delta = wall_delta(old_start, event.start_at, event.timezone)
        for phase in list(event.phases):
            shift_phase(session, phase, delta, event.timezone)
    return event


def event_networks(session: Session, event: Event) -> list[str]:
    """The networks the event's countdown already uses (in first-use order)."""
    seen: dict[str, None] = {}
    for phase in event.phases:
        for variant in variants_of(session, phase.id):
            seen.setdefault(variant.network, None)
    return list(seen)


def generate_countdown(
    session: Session, event_id: int, networks: list[str], *, hashtag: str = "", replay_url: str = ""
) -> list[Phase]:
    """Replace the event's countdown (D-7, D-1, the day, thanks & replay) with draft posts per network."""
    event = get_event(session, event_id)
    for phase in list(event.phases):
        delete_drafts(session, phase.id)
        session.delete(phase)
    session.flush()
    end = event.start_at + timedelta(minutes=event.duration_minutes)
    specs = event_countdown(
        event.start_at,
        event.timezone,
        event.language,
        title=event.title,
        place=event.place,
        url=event.url,
        hashtag=hashtag,
        replay_url=replay_url,
        event_end_utc=end,
    )
    phases = [
        add_phase(
            session,
            spec,
            list(networks) or list(DEFAULT_NETWORKS),
            event.workspace_id,
            event.title,
            event_id=event.id,
        )
        for spec in specs
    ]
    session.expire(event, ["phases"])
    return phases


def delete_event(session: Session, event_id: int) -> None:
    event = get_event(session, event_id)
    for phase in event.phases:
        delete_drafts(session, phase.id)
    session.delete(event)
    session.flush()
