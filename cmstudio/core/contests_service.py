"""Database services for contests: fields, rules, phases with their draft posts, and moves.

Each function takes a session, does one operation and returns what changed; the caller commits
(the studio's unit of work) and refreshes. Events and their countdown live in events_service.py;
entries, the draw and the GDPR purge in contests_draw_service.py. Texts written into posts and
rules come from phases.py and rules.py in the contest's language; times are aware UTC and move in
wall-clock terms of the owner's zone.
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
from cmstudio.core.i18n import _
from cmstudio.core.models import Contest, Event, Phase, Variant, Workspace
from cmstudio.core.phases import PhaseSpec, contest_phases
from cmstudio.core.retention import DEFAULT_RETENTION_MONTHS, retention_date
from cmstudio.core.rules import render_rules_markdown

MECHANICS = ("like", "comment", "share", "tag_friends", "hashtag", "answer", "form")
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


def mechanics_steps(codes: list[str], hashtag: str, question: str, lang: str) -> str:
    """How to enter as a short list in *lang* ("aimer la publication du jeu et laisser un commentaire")."""
    index = 0 if normalize_lang(lang) == "fr" else 1
    tag = "#" + hashtag.strip().lstrip("#") if hashtag.strip().lstrip("#") else ""
    steps = []
    for code in codes:
        if (
            code not in _MECHANIC_TEXT
            or (code == "hashtag" and not tag)
            or (code == "answer" and not question.strip())
        ):
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
        Prize(
            name=str(p.get("name", "")),
            quantity=int(p.get("quantity") or 1),
            value=None if p.get("value") in (None, "") else Decimal(str(p["value"])),
        )
        for p in contest.prizes or []
        if str(p.get("name", "")).strip()
    )
    rules = contest.eligibility or {}
    retention_months = DEFAULT_RETENTION_MONTHS
    if contest.retention_until is not None:
        days = (contest.retention_until - contest.end_at).days
        retention_months = max(1, round(days / 30.44))
    return ContestInput(
        title=contest.title,
        organizer=contest.organizer.strip() or organizer.strip() or contest.title,
        start_utc=contest.start_at,
        end_utc=contest.end_at,
        tz=contest.timezone,
        networks=network_families(list(contest.networks or [])),
        prizes=prizes,
        mechanics=mechanics_sentence(
            list(contest.mechanics or []), contest.hashtag, contest.question, contest.language
        ),
        hashtag=contest.hashtag,
        min_age=rules.get("min_age") or None,
        countries=tuple(rules.get("countries") or ()),
        winners=max(1, contest.winners_count),
        alternates=max(0, contest.alternates_count),
        commitment=contest.seed_commitment or "",
        retention_months=retention_months,
    )


def _workspace_name(session: Session, contest: Contest) -> str:
    workspace = session.get(Workspace, contest.workspace_id)
    return workspace.name if workspace else ""


def get_contest(session: Session, contest_id: int) -> Contest:
    contest = session.get(Contest, contest_id)
    if contest is None:
        raise ContestServiceError(_("The contest #{id} no longer exists.", id=contest_id))
    return contest


def get_event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise ContestServiceError(_("The event #{id} no longer exists.", id=event_id))
    return event


def list_contests(session: Session, workspace_id: int) -> list[Contest]:
    return list(
        session.scalars(
            select(Contest)
            .where(Contest.workspace_id == workspace_id)
            .order_by(Contest.start_at.desc(), Contest.id)
        )
    )


def _validate(fields: ContestFields) -> None:
    if not fields.title.strip():
        raise ContestServiceError(_("The contest needs a title."))
    start = require_aware(fields.start_at, "The start")
    if require_aware(fields.end_at, "The end") <= start:
        raise ContestServiceError(_("The contest must end after it starts."))
    zone(fields.timezone)
    normalize_lang(fields.language)
    unknown = [m for m in fields.mechanics if m not in MECHANICS]
    if unknown:
        raise ContestServiceError(_("Unknown mechanics: {names}.", names=", ".join(unknown)))
    if fields.winners_count < 1 or fields.alternates_count < 0:
        raise ContestServiceError(
            _("A contest needs at least one winner, and alternates cannot be negative.")
        )
    for prize in fields.prizes:
        Prize(
            name=str(prize.get("name", "")),
            quantity=int(prize.get("quantity") or 1),
            value=prize.get("value"),
        )


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
        contest.end_at, DEFAULT_RETENTION_MONTHS, contest.timezone
    )


def contest_fields(contest: Contest) -> ContestFields:
    """The editable fields of a stored contest (copies, safe to change)."""
    return ContestFields(
        title=contest.title,
        start_at=contest.start_at,
        end_at=contest.end_at,
        timezone=contest.timezone,
        organizer=contest.organizer,
        networks=list(contest.networks or []),
        prizes=[dict(p) for p in contest.prizes or []],
        mechanics=list(contest.mechanics or []),
        hashtag=contest.hashtag,
        question=contest.question,
        eligibility=dict(contest.eligibility or {}),
        language=contest.language,
        winners_count=contest.winners_count,
        alternates_count=contest.alternates_count,
        retention_until=contest.retention_until,
    )


def create_contest(session: Session, workspace_id: int, fields: ContestFields) -> Contest:
    """A new draft contest with its generated rules (phases come from generate_phases)."""
    _validate(fields)
    contest = Contest(
        workspace_id=workspace_id, title=fields.title, start_at=fields.start_at, end_at=fields.end_at
    )
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
        raise ContestServiceError(_("The draw has been made: the contest’s dates can no longer change."))
    changed = (
        require_aware(fields.start_at, "The start") != contest.start_at
        or require_aware(fields.end_at, "The end") != contest.end_at
        or fields.timezone != contest.timezone
    )
    _apply(contest, fields)
    session.flush()
    return contest, changed


def delete_contest(session: Session, contest_id: int) -> None:
    contest = get_contest(session, contest_id)
    for phase in contest.phases:
        delete_drafts(session, phase.id)
    session.delete(contest)
    session.flush()


def rules_markdown(session: Session, contest: Contest, lang: str | None = None) -> str:
    """The rules document generated from the contest's fields (not saved)."""
    data = contest_input(contest, _workspace_name(session, contest))
    return render_rules_markdown(data, lang or contest.language)


def save_rules(session: Session, contest_id: int, markdown: str) -> None:
    get_contest(session, contest_id).rules_markdown = markdown


def variants_of(session: Session, phase_id: int) -> list[Variant]:
    return list(
        session.scalars(
            select(Variant)
            .where(Variant.phase_id == phase_id, Variant.deleted_at.is_(None))
            .order_by(Variant.id)
        )
    )


def delete_drafts(session: Session, phase_id: int) -> None:
    """Remove a phase's posts that are still drafts; scheduled or published ones are detached."""
    for variant in variants_of(session, phase_id):
        if variant.status == "draft":
            session.delete(variant)
        else:
            variant.phase_id = None


def add_phase(
    session: Session, spec: PhaseSpec, networks: list[str], workspace_id: int, campaign: str, **owner: int
) -> Phase:
    phase = Phase(kind=spec.kind, title=spec.title[:300], start_at=spec.start, end_at=spec.end, **owner)
    session.add(phase)
    session.flush()
    for network in networks:
        session.add(
            Variant(
                workspace_id=workspace_id,
                phase_id=phase.id,
                network=network,
                text=spec.text,
                status="draft",
                scheduled_at=spec.start,
                campaign=campaign[:100],
            )
        )
    return phase


def generate_phases(session: Session, contest_id: int, *, url: str = "") -> list[Phase]:
    """Replace the contest's phases by the template's, each with a draft post per network.

    Posts that are already scheduled or published are kept (detached from the old phase).
    """
    contest = get_contest(session, contest_id)
    for phase in list(contest.phases):
        delete_drafts(session, phase.id)
        session.delete(phase)
    session.flush()
    data = contest_input(contest, _workspace_name(session, contest))
    lang = contest.language
    specs = contest_phases(
        data.start_utc,
        data.end_utc,
        data.tz,
        lang,
        title=data.title,
        prize=data.prize_summary(lang),
        mechanics=mechanics_steps(list(contest.mechanics or []), contest.hashtag, contest.question, lang),
        hashtag=contest.hashtag,
        url=url,
    )
    networks = list(contest.networks or []) or list(DEFAULT_NETWORKS)
    phases = [
        add_phase(session, spec, networks, contest.workspace_id, contest.title, contest_id=contest.id)
        for spec in specs
    ]
    session.expire(contest, ["phases"])
    return phases


def _owner_zone(phase: Phase) -> str:
    owner = phase.contest if phase.contest_id is not None else phase.event
    return owner.timezone if owner is not None else "UTC"


def wall_delta(old: datetime, new: datetime, tz: str) -> timedelta:
    """The wall-clock difference between two instants in *tz* (a day is a day across DST)."""
    info = zone(tz)
    return new.astimezone(info).replace(tzinfo=None) - old.astimezone(info).replace(tzinfo=None)


def shift_phase(
    session: Session, phase: Phase, delta: timedelta, tz: str, *, end_delta: timedelta | None = None
) -> list[int]:
    """Move a phase and its unpublished posts by *delta* wall-clock time; returns the post ids."""
    posts = variants_of(session, phase.id)
    if any(v.status == "published" for v in posts):
        raise ContestServiceError(_("“{title}” has a published post and cannot move.", title=phase.title))
    phase.start_at = local_shift(phase.start_at, delta, tz)
    if phase.end_at is not None:
        phase.end_at = local_shift(phase.end_at, delta if end_delta is None else end_delta, tz)
        if phase.end_at <= phase.start_at:
            raise ContestServiceError(_("“{title}” would end before it starts.", title=phase.title))
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
        raise ContestServiceError(_("The phase #{id} no longer exists.", id=phase_id))
    tz = _owner_zone(phase)
    delta = wall_delta(phase.start_at, require_aware(new_start, "The new date"), tz)
    return shift_phase(session, phase, delta, tz) if delta else []


def shift_all_phases(
    session: Session,
    contest_id: int | None = None,
    delta: timedelta = timedelta(0),
    *,
    event_id: int | None = None,
) -> list[int]:
    """Move every phase of a contest (or event) and their posts by *delta* wall-clock time."""
    owner = get_contest(session, contest_id) if contest_id is not None else get_event(session, event_id or 0)
    moved: list[int] = []
    for phase in list(owner.phases):
        moved += shift_phase(session, phase, delta, owner.timezone)
    return moved


def realign_phases(session: Session, contest_id: int, old_start: datetime, old_end: datetime) -> list[int]:
    """After the contest’s dates changed, move each phase with the date it hangs on.

    Phases up to the old start (teaser, launch) follow the start; later ones (reminders, last
    call, closing, draw, announcement) follow the end; a phase ending at the old end keeps ending
    at the contest's end.
    """
    contest = get_contest(session, contest_id)
    tz = contest.timezone
    start_delta = wall_delta(old_start, contest.start_at, tz)
    end_delta = wall_delta(old_end, contest.end_at, tz)
    moved: list[int] = []
    for phase in list(contest.phases):
        delta = start_delta if phase.start_at <= old_start else end_delta
        finish = end_delta if phase.end_at is not None and phase.end_at == old_end else None
        if delta or finish:
            moved += shift_phase(session, phase, delta, tz, end_delta=finish)
    return moved


def now_utc() -> datetime:
    return datetime.now(UTC)
