"""Database services for contests and events: fields, phases with their draft posts, moves.

Each function takes a session, does one operation and returns what changed; the caller commits
(the studio's unit of work) and refreshes. Entries, the draw and the GDPR purge live in
contests_draw_service.py. Texts written into posts and rules come from phases.py and rules.py in
the contest's language; times are aware UTC and move in wall-clock terms of the contest's zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmstudio.core.contest_types import (
    NBSP,
    ContestError,
    ContestInput,
    Prize,
    format_list,
    local_shift,
    normalize_lang,
    require_aware,
    zone,
)
from cmstudio.core.models import Contest, Event, Phase, Variant, Workspace
from cmstudio.core.phases import PhaseSpec, contest_phases, event_countdown
from cmstudio.core.retention import DEFAULT_RETENTION_MONTHS, retention_date
from cmstudio.core.rules import render_rules_markdown

MECHANICS = ("like", "comment", "share", "tag_friends", "hashtag", "answer", "form")
EVENT_KINDS = ("launch", "webinar", "live", "trade_show", "workshop", "other")
DEFAULT_NETWORKS = ("instagram_feed", "facebook")

_MECHANIC_TEXT = {
    "like": ("aimer la publication du jeu", "like the giveaway post"),
    "comment": ("laisser un commentaire", "leave a comment"),
    "share": ("partager la publication", "share the post"),
    "tag_friends": ("identifier des amis en commentaire", "tag friends in a comment"),
    "hashtag": ("utiliser le hashtag {hashtag}", "use the hashtag {hashtag}"),
    "answer": ("répondre à la question «{C}{question}{C}»", "answer the question “{question}”"),
    "form": ("remplir le formulaire de participation", "fill in the entry form"),
}
_ENTER = ("Pour participer{C}: {steps}.", "To enter: {steps}.")


class ContestServiceError(ContestError):
    """A contest or event operation cannot be done; the message says why."""


@dataclass
class ContestFields:
    """What the contest editor edits. *start_at*/*end_at* are aware; prizes are dicts
    {"name", "value", "quantity"}; eligibility is {"min_age", "countries", "one_entry_per_person",
    "excluded"} as stored on Contest."""

    title: str
    start_at: datetime
    end_at: datetime
    timezone: str = "Europe/Paris"
    organizer: str = ""
    networks: list[str] = field(default_factory=list)
    prizes: list[dict[str, Any]] = field(default_factory=list)
    mechanics: list[str] = field(default_factory=list)
    hashtag: str = ""
    question: str = ""
    eligibility: dict[str, Any] = field(default_factory=dict)
    language: str = "fr"
    winners_count: int = 1
    alternates_count: int = 2
    retention_until: datetime | None = None


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


def mechanics_steps(codes: list[str], hashtag: str, question: str, lang: str) -> str:
    """How to enter as a short list in *lang* ("aimer la publication du jeu et laisser un commentaire")."""
    index = 0 if normalize_lang(lang) == "fr" else 1
    tag = "#" + hashtag.strip().lstrip("#") if hashtag.strip().lstrip("#") else ""
    steps = []
    for code in codes:
        if code not in _MECHANIC_TEXT or (code == "hashtag" and not tag) or (code == "answer" and not question.strip()):
            continue
        steps.append(_MECHANIC_TEXT[code][index].format(C=NBSP, hashtag=tag, question=question.strip()))
    return format_list(steps, lang)


def mechanics_sentence(codes: list[str], hashtag: str, question: str, lang: str) -> str:
    """The "To enter: …" sentence of the rules, or "" when no mechanic is chosen."""
    steps = mechanics_steps(codes, hashtag, question, lang)
    if not steps:
        return ""
    return _ENTER[0 if normalize_lang(lang) == "fr" else 1].format(C=NBSP, steps=steps)


def network_families(networks: list[str]) -> tuple[str, ...]:
    """Network ids reduced to their network ("instagram_feed" → "instagram"), without repeats."""
    seen: dict[str, None] = {}
    for network in networks:
        seen.setdefault(network.split("_", 1)[0].lower(), None)
    return tuple(seen)


def contest_input(contest: Contest, organizer: str = "") -> ContestInput:
    """The contest as rules.py, phases.py and the certificate read it.

    *organizer* replaces an empty organizer (the workspace's name, typically).
    """
    prizes = tuple(
        Prize(name=str(p.get("name", "")), quantity=int(p.get("quantity") or 1),
              value=None if p.get("value") in (None, "") else Decimal(str(p["value"])))
        for p in contest.prizes or [] if str(p.get("name", "")).strip()
    )
    rules = contest.eligibility or {}
    retention_months = DEFAULT_RETENTION_MONTHS
    if contest.retention_until is not None:
        days = (contest.retention_until - contest.end_at).days
        retention_months = max(1, round(days / 30.44))
    return ContestInput(
        title=contest.title, organizer=contest.organizer.strip() or organizer.strip() or contest.title,
        start_utc=contest.start_at, end_utc=contest.end_at, tz=contest.timezone,
        networks=network_families(list(contest.networks or [])), prizes=prizes,
        mechanics=mechanics_sentence(list(contest.mechanics or []), contest.hashtag, contest.question,
                                     contest.language),
        hashtag=contest.hashtag, min_age=rules.get("min_age") or None,
        countries=tuple(rules.get("countries") or ()), winners=max(1, contest.winners_count),
        alternates=max(0, contest.alternates_count), commitment=contest.seed_commitment or "",
        retention_months=retention_months,
    )


def _workspace_name(session: Session, contest: Contest) -> str:
    workspace = session.get(Workspace, contest.workspace_id)
    return workspace.name if workspace else ""


def get_contest(session: Session, contest_id: int) -> Contest:
    contest = session.get(Contest, contest_id)
    if contest is None:
        raise ContestServiceError(f"The contest #{contest_id} no longer exists.")
    return contest


def get_event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise ContestServiceError(f"The event #{event_id} no longer exists.")
    return event


def list_contests(session: Session, workspace_id: int) -> list[Contest]:
    return list(session.scalars(select(Contest).where(Contest.workspace_id == workspace_id)
                                .order_by(Contest.start_at.desc(), Contest.id)))


def list_events(session: Session, workspace_id: int) -> list[Event]:
    return list(session.scalars(select(Event).where(Event.workspace_id == workspace_id)
                                .order_by(Event.start_at.desc(), Event.id)))


def _validate(fields: ContestFields) -> None:
    if not fields.title.strip():
        raise ContestServiceError("The contest needs a title.")
    start = require_aware(fields.start_at, "The start")
    if require_aware(fields.end_at, "The end") <= start:
        raise ContestServiceError("The contest must end after it starts.")
    zone(fields.timezone)
    normalize_lang(fields.language)
    unknown = [m for m in fields.mechanics if m not in MECHANICS]
    if unknown:
        raise ContestServiceError(f"Unknown mechanics: {', '.join(unknown)}.")
    if fields.winners_count < 1 or fields.alternates_count < 0:
        raise ContestServiceError("A contest needs at least one winner, and alternates cannot be negative.")
    for prize in fields.prizes:
        Prize(name=str(prize.get("name", "")), quantity=int(prize.get("quantity") or 1),
              value=prize.get("value"))


def _apply(contest: Contest, fields: ContestFields) -> None:
    contest.title = fields.title.strip()
    contest.organizer = fields.organizer.strip()
    contest.networks = list(dict.fromkeys(fields.networks))
    contest.start_at = require_aware(fields.start_at, "The start")
    contest.end_at = require_aware(fields.end_at, "The end")
    contest.timezone = fields.timezone
    contest.prizes = [dict(p) for p in fields.prizes]
    contest.mechanics = [m for m in MECHANICS if m in fields.mechanics]
    contest.hashtag = fields.hashtag.strip()
    contest.question = fields.question.strip()
    contest.eligibility = dict(fields.eligibility)
    contest.language = normalize_lang(fields.language)
    contest.winners_count = fields.winners_count
    contest.alternates_count = fields.alternates_count
    contest.retention_until = fields.retention_until or retention_date(
        contest.end_at, DEFAULT_RETENTION_MONTHS, contest.timezone)


def contest_fields(contest: Contest) -> ContestFields:
    """The editable fields of a stored contest (copies, safe to change)."""
    return ContestFields(
        title=contest.title, start_at=contest.start_at, end_at=contest.end_at, timezone=contest.timezone,
        organizer=contest.organizer, networks=list(contest.networks or []),
        prizes=[dict(p) for p in contest.prizes or []], mechanics=list(contest.mechanics or []),
        hashtag=contest.hashtag, question=contest.question, eligibility=dict(contest.eligibility or {}),
        language=contest.language, winners_count=contest.winners_count,
        alternates_count=contest.alternates_count, retention_until=contest.retention_until,
    )


def create_contest(session: Session, workspace_id: int, fields: ContestFields) -> Contest:
    """A new draft contest with its generated rules (phases come from generate_phases)."""
    _validate(fields)
    contest = Contest(workspace_id=workspace_id, title=fields.title, start_at=fields.start_at,
                      end_at=fields.end_at)
    _apply(contest, fields)
    session.add(contest)
    session.flush()
    contest.rules_markdown = rules_markdown(session, contest)
    return contest


def update_contest(session: Session, contest_id: int, fields: ContestFields) -> tuple[Contest, bool]:
    """Save the editor's fields; returns (contest, dates_changed) so the caller can offer to
    realign the phases (realign_phases) with the old dates it kept."""
    _validate(fields)
    contest = get_contest(session, contest_id)
    if contest.draws and (fields.start_at != contest.start_at or fields.end_at != contest.end_at):
        raise ContestServiceError("The draw has been made: the contest's dates can no longer change.")
    changed = (require_aware(fields.start_at, "The start") != contest.start_at
               or require_aware(fields.end_at, "The end") != contest.end_at
               or fields.timezone != contest.timezone)
    _apply(contest, fields)
    session.flush()
    return contest, changed


def delete_contest(session: Session, contest_id: int) -> None:
    contest = get_contest(session, contest_id)
    for phase in contest.phases:
        _delete_drafts(session, phase.id)
    session.delete(contest)
    session.flush()


def rules_markdown(session: Session, contest: Contest, lang: str | None = None) -> str:
    """The rules document generated from the contest's fields (not saved)."""
    data = contest_input(contest, _workspace_name(session, contest))
    return render_rules_markdown(data, lang or contest.language)


def save_rules(session: Session, contest_id: int, markdown: str) -> None:
    get_contest(session, contest_id).rules_markdown = markdown


def variants_of(session: Session, phase_id: int) -> list[Variant]:
    return list(session.scalars(select(Variant).where(Variant.phase_id == phase_id, Variant.deleted_at.is_(None))
                                .order_by(Variant.id)))


def _delete_drafts(session: Session, phase_id: int) -> None:
    """Remove a phase's posts that are still drafts; scheduled or published ones are detached."""
    for variant in variants_of(session, phase_id):
        if variant.status == "draft":
            session.delete(variant)
        else:
            variant.phase_id = None


def _add_phase(session: Session, spec: PhaseSpec, networks: list[str], workspace_id: int, campaign: str,
               **owner: int) -> Phase:
    phase = Phase(kind=spec.kind, title=spec.title[:300], start_at=spec.start, end_at=spec.end, **owner)
    session.add(phase)
    session.flush()
    for network in networks:
        session.add(Variant(workspace_id=workspace_id, phase_id=phase.id, network=network, text=spec.text,
                            status="draft", scheduled_at=spec.start, campaign=campaign[:100]))
    return phase


def generate_phases(session: Session, contest_id: int, *, url: str = "") -> list[Phase]:
    """Replace the contest's phases by the template's, each with a draft post per network.

    Posts that are already scheduled or published are kept (detached from the old phase).
    """
    contest = get_contest(session, contest_id)
    for phase in list(contest.phases):
        _delete_drafts(session, phase.id)
        session.delete(phase)
    session.flush()
    data = contest_input(contest, _workspace_name(session, contest))
    lang = contest.language
    specs = contest_phases(data.start_utc, data.end_utc, data.tz, lang, title=data.title,
                           prize=data.prize_summary(lang),
                           mechanics=mechanics_steps(list(contest.mechanics or []), contest.hashtag,
                                                     contest.question, lang),
                           hashtag=contest.hashtag, url=url)
    networks = list(contest.networks or []) or list(DEFAULT_NETWORKS)
    phases = [_add_phase(session, spec, networks, contest.workspace_id, contest.title, contest_id=contest.id)
              for spec in specs]
    session.expire(contest, ["phases"])
    return phases


def _owner_zone(phase: Phase) -> str:
    owner = phase.contest if phase.contest_id is not None else phase.event
    return owner.timezone if owner is not None else "UTC"


def _wall_delta(old: datetime, new: datetime, tz: str) -> timedelta:
    """The wall-clock difference between two instants in *tz* (a day is a day across DST)."""
    info = zone(tz)
    return new.astimezone(info).replace(tzinfo=None) - old.astimezone(info).replace(tzinfo=None)


def _shift_phase(session: Session, phase: Phase, delta: timedelta, tz: str, *,
                 end_delta: timedelta | None = None) -> list[int]:
    """Move a phase and its unpublished posts by *delta* wall-clock time; returns the post ids."""
    posts = variants_of(session, phase.id)
    if any(v.status == "published" for v in posts):
        raise ContestServiceError(f"“{phase.title}” has a published post and cannot move.")
    phase.start_at = local_shift(phase.start_at, delta, tz)
    if phase.end_at is not None:
        phase.end_at = local_shift(phase.end_at, delta if end_delta is None else end_delta, tz)
        if phase.end_at <= phase.start_at:
            raise ContestServiceError(f"“{phase.title}” would end before it starts.")
    for post in posts:
        if post.scheduled_at is not None:
            post.scheduled_at = local_shift(post.scheduled_at, delta, tz)
    return [v.id for v in posts]


def move_phase(session: Session, phase_id: int, new_start: datetime) -> list[int]:
    """Move a phase to *new_start* with its posts, keeping their local time of day relative to it.

    Returns the ids of the posts that moved.
    """
    phase = session.get(Phase, phase_id)
    if phase is None:
        raise ContestServiceError(f"The phase #{phase_id} no longer exists.")
    tz = _owner_zone(phase)
    delta = _wall_delta(phase.start_at, require_aware(new_start, "The new date"), tz)
    return _shift_phase(session, phase, delta, tz) if delta else []


def shift_all_phases(session: Session, contest_id: int | None = None, delta: timedelta = timedelta(0), *,
                     event_id: int | None = None) -> list[int]:
    """Move every phase of a contest (or event) and their posts by *delta* wall-clock time."""
    owner = get_contest(session, contest_id) if contest_id is not None else get_event(session, event_id or 0)
    moved: list[int] = []
    for phase in list(owner.phases):
        moved += _shift_phase(session, phase, delta, owner.timezone)
    return moved


def realign_phases(session: Session, contest_id: int, old_start: datetime, old_end: datetime) -> list[int]:
    """After the contest's dates changed, move each phase with the date it hangs on.

    Phases up to the old start (teaser, launch) follow the start; later ones (reminders, last
    call, closing, draw, announcement) follow the end; a phase ending at the old end keeps ending
    at the contest's end.
    """
    contest = get_contest(session, contest_id)
    tz = contest.timezone
    start_delta = _wall_delta(old_start, contest.start_at, tz)
    end_delta = _wall_delta(old_end, contest.end_at, tz)
    moved: list[int] = []
    for phase in list(contest.phases):
        delta = start_delta if phase.start_at <= old_start else end_delta
        finish = end_delta if phase.end_at is not None and phase.end_at == old_end else None
        if delta or finish:
            moved += _shift_phase(session, phase, delta, tz, end_delta=finish)
    return moved


def _validate_event(fields: EventFields) -> None:
    if not fields.title.strip():
        raise ContestServiceError("The event needs a title.")
    require_aware(fields.start_at, "The event start")
    zone(fields.timezone)
    normalize_lang(fields.language)
    if fields.kind not in EVENT_KINDS:
        raise ContestServiceError(f"Unknown kind of event “{fields.kind}”.")
    if not 0 < fields.duration_minutes <= 60 * 24 * 14:
        raise ContestServiceError("The duration must be between 1 minute and 14 days.")


def save_event(session: Session, workspace_id: int, fields: EventFields, event_id: int | None = None) -> Event:
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
        delta = _wall_delta(old_start, event.start_at, event.timezone)
        for phase in list(event.phases):
            _shift_phase(session, phase, delta, event.timezone)
    return event


def event_networks(session: Session, event: Event) -> list[str]:
    """The networks the event's countdown already uses (in first-use order)."""
    seen: dict[str, None] = {}
    for phase in event.phases:
        for variant in variants_of(session, phase.id):
            seen.setdefault(variant.network, None)
    return list(seen)


def generate_countdown(session: Session, event_id: int, networks: list[str], *, hashtag: str = "",
                       replay_url: str = "") -> list[Phase]:
    """Replace the event's countdown (D-7, D-1, the day, thanks & replay) with draft posts per network."""
    event = get_event(session, event_id)
    for phase in list(event.phases):
        _delete_drafts(session, phase.id)
        session.delete(phase)
    session.flush()
    end = event.start_at + timedelta(minutes=event.duration_minutes)
    specs = event_countdown(event.start_at, event.timezone, event.language, title=event.title,
                            place=event.place, url=event.url, hashtag=hashtag, replay_url=replay_url,
                            event_end_utc=end)
    phases = [_add_phase(session, spec, list(networks) or list(DEFAULT_NETWORKS), event.workspace_id,
                         event.title, event_id=event.id) for spec in specs]
    session.expire(event, ["phases"])
    return phases


def delete_event(session: Session, event_id: int) -> None:
    event = get_event(session, event_id)
    for phase in event.phases:
        _delete_drafts(session, phase.id)
    session.delete(event)
    session.flush()


def now_utc() -> datetime:
    return datetime.now(UTC)
