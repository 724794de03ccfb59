"""Database services for a contest's entries, its verifiable draw and the GDPR purge.

Entries are read with entries.py, judged with eligibility.py and stored as Entry rows (the
reason of an exclusion is kept as a code so each reader sees it in their language). The draw is
draw.py's: the seed is generated and committed first ("Prepare the draw"), then the draw records
everything needed to recompute it in a Draw row.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from cmstudio.core.contest_types import zone
from cmstudio.core.contests_service import ContestServiceError, contest_input, get_contest, variants_of
from cmstudio.core.draw import (
    DrawError,
    DrawResult,
    commitment,
    draw,
    new_seed,
    published_list,
    seed_from_hex,
)
from cmstudio.core.eligibility import EligibilityRules, apply_eligibility, reason_text, unchecked_rules
from cmstudio.core.entries import (
    Entry as Person,
)
from cmstudio.core.entries import (
    HandleColumnNotFound,
    ImportResult,
    decode_bytes,
    import_entries_csv,
    import_pasted_handles,
)
from cmstudio.core.i18n import _
from cmstudio.core.models import Contest, Draw, Entry, Workspace
from cmstudio.core.phases import fill_announcement
from cmstudio.core.retention import DEFAULT_RETENTION_MONTHS, retention_date
from cmstudio.core.rules import certificate_pdf

EXCLUSION_KEY = "_exclusion"
"""Entry.fields key holding {"code", "params"} of the reason an entry is not eligible."""


@dataclass
class ImportReport:
    """What an import did: rows added, duplicates dropped, rows not read (line, message)."""

    added: int
    duplicates: int
    errors: list[tuple[int, str]]
    eligible: int
    excluded: int
    unchecked: list[str] = field(default_factory=list)
    handle_column: str | None = None
    encoding: str = ""


def read_entries(data: bytes, *, handle_column: str | None = None, lang: str = "en") -> ImportResult:
    """Read a CSV export, or a plain list of handles (one per line, as published after a draw).

    A file with a single column whose header is not a handle name is a list of handles
    (the published list has no header); HandleColumnNotFound is raised only for real tables.
    """
    try:
        return import_entries_csv(data, handle_column=handle_column, lang=lang)
    except HandleColumnNotFound as exc:
        if handle_column is not None or len(exc.columns) != 1:
            raise
        text, _encoding = decode_bytes(data)
        return import_pasted_handles(text, lang=lang)


def eligibility_rules(contest: Contest) -> EligibilityRules:
    """The contest's stored conditions as eligibility.py checks them (ages measured at the end)."""
    rules = contest.eligibility or {}
    tz_end = contest.end_at.astimezone(zone(contest.timezone)).date()
    hashtags = (
        (contest.hashtag,) if "hashtag" in (contest.mechanics or []) and contest.hashtag.strip() else ()
    )
    return EligibilityRules(
        min_age=rules.get("min_age") or None,
        age_on=tz_end,
        allowed_countries=tuple(rules.get("countries") or ()),
        one_entry_per_person=bool(rules.get("one_entry_per_person", True)),
        excluded_handles=tuple(rules.get("excluded") or ()),
        required_hashtags=hashtags,
        required_answers=tuple(rules.get("answers") or ()),
    )


def exclusion_text(entry: Entry, lang: str) -> str:
    """Why *entry* is not eligible, in *lang* ("" when it is)."""
    if entry.eligible:
        return ""
    reason = (entry.fields or {}).get(EXCLUSION_KEY)
    if isinstance(reason, dict) and reason.get("code"):
        return reason_text(str(reason["code"]), lang, **dict(reason.get("params") or {}))
    return entry.exclusion_reason


def _check_open(contest: Contest) -> None:
    if contest.draws:
        raise ContestServiceError(_("The draw has been made: the entries can no longer change."))
    if contest.status == "purged":
        raise ContestServiceError(_("The entrants’ data of this contest has been deleted."))


def reassess(session: Session, contest: Contest) -> tuple[int, int, list[str]]:
    """Apply the contest's eligibility rules to all its entries again; (eligible, excluded, unchecked)."""
    rows = sorted(contest.entries, key=lambda e: (e.source_line or 0, e.id or 0))
    people = [
        Person(
            r.handle,
            r.display,
            r.source_line or 0,
            {k: str(v) for k, v in (r.fields or {}).items() if k != EXCLUSION_KEY},
        )
        for r in rows
    ]
    rules = eligibility_rules(contest)
    _eligible, excluded = apply_eligibility(people, rules)
    reasons = {id(x.entry): x for x in excluded}
    for row, person in zip(rows, people, strict=True):
        fields = {k: v for k, v in (row.fields or {}).items() if k != EXCLUSION_KEY}
        exclusion = reasons.get(id(person))
        row.eligible = exclusion is None
        row.exclusion_reason = exclusion.text(contest.language)[:300] if exclusion else ""
        if exclusion:
            fields[EXCLUSION_KEY] = {"code": exclusion.code, "params": dict(exclusion.params)}
        row.fields = fields
    session.flush()
    return len(rows) - len(excluded), len(excluded), unchecked_rules(people, rules)


def import_entries(
    session: Session,
    contest_id: int,
    data: bytes | str,
    *,
    handle_column: str | None = None,
    network: str = "",
    replace: bool = False,
    lang: str = "en",
) -> ImportReport:
    """Add entries from a CSV file's bytes, or from pasted text (str), to the contest.

    People already entered are counted as duplicates; *replace* first removes all entries.
    Raises HandleColumnNotFound (with .columns) when the caller must ask which column to use.
    """
    contest = get_contest(session, contest_id)
    _check_open(contest)
    if isinstance(data, str):
        result = import_pasted_handles(data, lang=lang)
    else:
        result = read_entries(data, handle_column=handle_column, lang=lang)
    if replace:
        session.execute(delete(Entry).where(Entry.contest_id == contest.id))
        session.expire(contest, ["entries"])
    known = {e.handle for e in contest.entries}
    added, duplicates = 0, result.duplicates
    for person in result.entries:
        if person.handle in known:
            duplicates += 1
            continue
        known.add(person.handle)
        contest.entries.append(
            Entry(
                handle=person.handle[:200],
                display=person.display[:300],
                network=network,
                source_line=person.line,
                fields=dict(person.fields),
            )
        )
        added += 1
    session.flush()
    eligible, excluded, unchecked = reassess(session, contest)
    return ImportReport(
        added,
        duplicates,
        list(result.errors),
        eligible,
        excluded,
        unchecked,
        result.handle_column,
        result.encoding,
    )


def clear_entries(session: Session, contest_id: int) -> int:
    contest = get_contest(session, contest_id)
    _check_open(contest)
    count = len(contest.entries)
    session.execute(delete(Entry).where(Entry.contest_id == contest.id))
    session.expire(contest, ["entries"])
    return count


def eligible_handles(contest: Contest) -> list[str]:
    return [e.handle for e in sorted(contest.entries, key=lambda e: e.id) if e.eligible]


def prepare_seed(session: Session, contest_id: int, *, renew: bool = False) -> str:
    """Generate the secret seed (once) and return its commitment, to publish before the contest.

    The seed is kept for the draw; *renew* replaces it, which is refused after the draw since
    the published commitment would no longer match.
    """
    contest = get_contest(session, contest_id)
    if contest.draws:
        raise ContestServiceError(_("The draw has been made: its seed cannot change."))
    if contest.seed_hex and contest.seed_commitment and not renew:
        return contest.seed_commitment
    seed = new_seed()
    contest.seed_hex, contest.seed_commitment = seed.hex(), commitment(seed)
    contest.status = "ready" if contest.status == "draft" else contest.status
    session.flush()
    return contest.seed_commitment


def draw_result(row: Draw) -> DrawResult:
    return DrawResult(
        row.seed_hex,
        row.commitment,
        row.fingerprint,
        row.algorithm,
        row.algorithm_version,
        tuple(row.winners),
        tuple(row.alternates),
        row.entry_count,
        row.drawn_at,
    )


def latest_draw(contest: Contest) -> Draw | None:
    return max(contest.draws, key=lambda d: (d.drawn_at, d.id)) if contest.draws else None


def run_draw(session: Session, contest_id: int, *, now: datetime | None = None) -> Draw:
    """Draw winners and alternates among the eligible entries and record it as a Draw row.

    Uses the prepared seed (preparing one if needed), then writes the winners and the seed into
    the announcement posts. A contest is drawn once.
    """
    contest = get_contest(session, contest_id)
    if contest.draws:
        raise ContestServiceError(_("This contest has already been drawn."))
    handles = eligible_handles(contest)
    if not handles:
        raise ContestServiceError(_("There is no eligible entry to draw from."))
    if len(handles) < contest.winners_count:
        raise ContestServiceError(
            _(
                "Only {count} eligible entries for {winners} winners.",
                count=len(handles),
                winners=contest.winners_count,
            )
        )
    prepare_seed(session, contest_id)
    try:
        result = draw(
            seed_from_hex(contest.seed_hex or ""),
            handles,
            contest.winners_count,
            contest.alternates_count,
            drawn_at=now,
        )
    except DrawError as exc:
        raise ContestServiceError(str(exc)) from exc
    row = Draw(
        contest_id=contest.id,
        seed_hex=result.seed_hex,
        commitment=result.commitment,
        fingerprint=result.fingerprint,
        algorithm=result.algorithm,
        algorithm_version=result.version,
        entry_count=result.entry_count,
        winners=list(result.winners),
        alternates=list(result.alternates),
        drawn_at=result.drawn_at,
    )
    contest.draws.append(row)
    contest.status = "drawn"
    for phase in contest.phases:
        if phase.kind == "announcement":
            for post in variants_of(session, phase.id):
                if post.status != "published":
                    post.text = fill_announcement(
                        post.text, result.winners, result.seed_hex, contest.language
                    )
    session.flush()
    return row


def verify_command(row: Draw, entries_file: str = "entries.txt") -> str:
    """The command line anyone can run to check this draw against the published list."""
    parts = [
        "cmstudio",
        "contest",
        "verify",
        "--entries",
        entries_file,
        "--seed",
        row.seed_hex,
        "--winners",
        ",".join(row.winners),
    ]
    if row.alternates:
        parts += ["--alternates", ",".join(row.alternates)]
    return shlex.join(parts)


def write_published_list(contest: Contest, path: str | Path) -> Path:
    """Write the eligible handles as published with the result (sorted, one per line, UTF-8)."""
    target = Path(path)
    target.write_text(published_list(eligible_handles(contest)), encoding="utf-8")
    return target


def write_certificate(session: Session, contest_id: int, path: str | Path, lang: str | None = None) -> Path:
    """Write the draw certificate PDF of the contest's draw."""
    contest = get_contest(session, contest_id)
    row = latest_draw(contest)
    if row is None:
        raise ContestServiceError(_("The contest has not been drawn yet."))
    workspace = session.get(Workspace, contest.workspace_id)
    data = contest_input(contest, workspace.name if workspace else "")
    return certificate_pdf(
        draw_result(row), data, lang or contest.language, path, verify_command=verify_command(row)
    )


def retention_until(contest: Contest) -> datetime:
    """When the entrants' data is due for deletion (the stored date, else six months after the end)."""
    if contest.retention_until is not None:
        return contest.retention_until
    return retention_date(contest.end_at, DEFAULT_RETENTION_MONTHS, contest.timezone)


def purge_due(contest: Contest, now: datetime | None = None) -> bool:
    """Whether the contest still holds entrants' data past its retention date."""
    current = now or datetime.now(UTC)
    return contest.status != "purged" and bool(contest.entries) and current >= retention_until(contest)


def purge_personal_data(session: Session, contest_id: int) -> int:
    """Delete the entrants' data (all Entry rows); returns how many were deleted.

    The Draw row stays: its seed, fingerprint and winners are the proof that the draw was fair,
    which the organizer may need to show if the result is contested.
    """
    contest = get_contest(session, contest_id)
    removed = len(contest.entries)
    session.execute(delete(Entry).where(Entry.contest_id == contest.id))
    session.expire(contest, ["entries"])
    contest.status = "purged"
    session.flush()
    return removed
