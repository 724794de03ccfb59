"""Recording what happened to a publication, and reading the publication log.

Split from `engine` so that the state rules (what a success, a failure, a manual hand-off does to
the publication, its post and its account) read in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmstudio.core.i18n import _
from cmstudio.core.models import Account, Article, Publication, Variant
from cmstudio.publish.connector import Failure, PublishResult

MAX_ATTEMPTS = 8
BACKOFF_BASE_S = 30.0
BACKOFF_MAX_S = 3600.0


def backoff(attempts: int, retry_after: float | None) -> float:
    """Seconds before the next try: the network's Retry-After, else 30 s doubling up to an hour."""
    if retry_after is not None:
        return max(0.0, float(retry_after))
    return min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** max(0, attempts - 1))


@dataclass(frozen=True)
class Outcome:
    """What one pass did with one publication.

    `kind`: published, scheduled (handed to the network's scheduler), manual (waiting for the
    user), retry, failed, needs-check, reconnect (account credentials refused just now), waiting
    (not sent: its account still needs reconnecting, already reported), dry-run.
    """

    publication_id: int
    account: str
    state: str
    message: str
    remote_url: str | None
    retry_at: datetime | None
    kind: str

    @property
    def failed(self) -> bool:
        return self.kind in ("failed", "needs-check", "reconnect")


def describe(session: Session, pub: Publication) -> str:
    """How to name a publication in a message: ``Post #12 “Bonjour…” (Mastodon)``."""
    account = session.get(Account, pub.account_id) if pub.account_id else None
    where = account.name if account else "?"
    if pub.variant_id is not None:
        variant = session.get(Variant, pub.variant_id)
        text = " ".join(((variant.text if variant else "") or "").split())
        short = text if len(text) <= 40 else text[:39].rstrip() + "…"
        return _("Post #{id} “{text}” ({account})", id=pub.id, text=short, account=where)
    article = session.get(Article, pub.article_id) if pub.article_id else None
    return _("Article #{id} “{title}” ({account})", id=pub.id, title=article.title if article else "",
             account=where)


def set_record(pub: Publication, **values: Any) -> None:
    """Update keys of the JSON record (a new dict, so the ORM sees the change)."""
    record = dict(pub.payload or {})
    for key, value in values.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    pub.payload = record


def mark_reconnect(account: Account, message: str) -> None:
    account.status = "reconnect"
    account.status_message = message


def mark_published(session: Session, pub: Publication, result: PublishResult, now: datetime,
                   *, scheduled: bool = False) -> None:
    pub.state, pub.error_kind, pub.last_error, pub.next_attempt_at = "published", "", "", None
    pub.remote_id = result.remote_id or pub.remote_id
    pub.remote_url = result.url or ""
    pub.sent_at = now
    set_record(pub, manual=None, verify_first=None, parts=list(result.parts) if result.remote_id else None,
               scheduled_remote=True if scheduled else None)
    status = "scheduled" if scheduled else "published"
    if pub.variant_id is not None:
        variant = session.get(Variant, pub.variant_id)
        if variant is not None:
            variant.status = status
    elif pub.article_id is not None:
        article = session.get(Article, pub.article_id)
        if article is not None:
            article.status = status


def record_success(session: Session, pub: Publication, account: Account | None, result: PublishResult,
                   now: datetime, item: str) -> Outcome:
    name = account.name if account else ""
    if account is not None and account.status in ("unchecked", "error"):
        account.status, account.status_message = "ok", ""
    if getattr(result, "waiting_for_user", False):
        folder = str(getattr(result, "folder", ""))
        pub.state, pub.error_kind = "needs-check", "manual"
        pub.last_error = _("{item}: ready to post by hand. The text is in {folder}; post it, then mark it "
                           "as published with its URL.", item=item, folder=folder)
        set_record(pub, manual={"folder": folder, "text": getattr(result, "text", ""),
                                "files": [str(p) for p in getattr(result, "files", ())]}, verify_first=None)
        return Outcome(pub.id, name, "needs-check", pub.last_error, None, None, "manual")
    mark_published(session, pub, result, now, scheduled=result.scheduled)
    kind = "scheduled" if result.scheduled else "published"
    message = (_("{item}: handed to the network, which will publish it at the planned time.", item=item)
               if result.scheduled else _("{item}: published.", item=item))
    return Outcome(pub.id, name, "published", message, result.url, None, kind)


def record_failure(session: Session, pub: Publication, account: Account | None, failure: Failure, now: datetime,
                   item: str, *, verifiable: bool, uncertain: bool) -> Outcome:
    """Apply the failure rules (see `cmstudio.publish.engine`)."""
    name = account.name if account else ""
    message = f"{item}: {failure.message}"
    pub.last_error, pub.error_kind = message, failure.kind
    if failure.kind == "auth_expired":
        if account is not None:
            account.status = "reconnect"
            account.status_message = _("{network} refused the account's credentials: reconnect the account “{name}”. "
                                       "({detail})", network=account.network, name=account.name,
                                       detail=failure.message)
        pub.state, pub.next_attempt_at = "queued", None
        set_record(pub, verify_first=True if verifiable else None)
        return Outcome(pub.id, name, "queued", message, None, None, "reconnect")
    if failure.kind == "permanent":
        pub.state, pub.next_attempt_at = "failed", None
        return Outcome(pub.id, name, "failed", message, None, None, "failed")
    if uncertain and not verifiable:
        pub.state, pub.next_attempt_at, pub.error_kind = "needs-check", None, "unknown"
        pub.last_error = _("{item}: {error} The network may have received it and offers no way to tell: look "
                           "on the network, then mark it as published or send it again.", item=item,
                           error=failure.message)
        return Outcome(pub.id, name, "needs-check", pub.last_error, None, None, "needs-check")
    if pub.attempts >= MAX_ATTEMPTS:
        pub.state, pub.next_attempt_at = "failed", None
        pub.last_error = _("{message} Gave up after {n} attempts.", message=message, n=pub.attempts)
        return Outcome(pub.id, name, "failed", pub.last_error, None, None, "failed")
    retry_at = now + timedelta(seconds=backoff(pub.attempts, failure.retry_after))
    pub.state, pub.next_attempt_at = "queued", retry_at
    set_record(pub, verify_first=True if (uncertain or failure.kind == "transient") and verifiable else None)
    return Outcome(pub.id, name, "queued", message, None, retry_at, "retry")


# ----------------------------------------------------------------------------- log


@dataclass(frozen=True)
class LogEntry:
    id: int
    account: str
    network: str
    state: str
    kind: str
    due_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime | None
    remote_url: str | None
    attempts: int
    error: str | None
    summary: str
    payload: dict[str, Any] | None
    manual_folder: str | None

    def as_json(self) -> dict[str, Any]:
        def iso(d: datetime | None) -> str | None:
            return d.astimezone(UTC).isoformat() if d else None

        return {"id": self.id, "account": self.account, "network": self.network, "state": self.state,
                "kind": self.kind or None, "due_at": iso(self.due_at), "sent_at": iso(self.sent_at),
                "next_attempt_at": iso(self.next_attempt_at), "remote_url": self.remote_url,
                "attempts": self.attempts, "error": self.error, "summary": self.summary, "payload": self.payload}


def publication_log(session: Session, workspace_id: int | None = None, limit: int = 500) -> list[LogEntry]:
    """Newest first: every publication with what was sent, its state and last error."""
    query = (select(Publication, Account, Variant, Article)
             .outerjoin(Account, Account.id == Publication.account_id)
             .outerjoin(Variant, Variant.id == Publication.variant_id)
             .outerjoin(Article, Article.id == Publication.article_id))
    if workspace_id is not None:
        query = query.where(Publication.workspace_id == workspace_id)
    rows = session.execute(query.order_by(Publication.due_at.desc(), Publication.id.desc()).limit(limit)).all()
    entries = []
    for pub, account, variant, article in rows:
        record = pub.payload or {}
        summary = (variant.text if variant else (article.title if article else "")) or ""
        entries.append(LogEntry(
            id=pub.id, account=account.name if account else "", network=account.network if account else "",
            state=pub.state, kind=pub.error_kind, due_at=pub.due_at, sent_at=pub.sent_at,
            next_attempt_at=pub.next_attempt_at, remote_url=pub.remote_url or None, attempts=pub.attempts,
            error=pub.last_error or None, summary=" ".join(summary.split())[:200], payload=record.get("sent"),
            manual_folder=(record.get("manual") or {}).get("folder")))
    return entries
