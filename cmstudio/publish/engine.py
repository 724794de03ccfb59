"""The publishing engine: due publications go out once, and only once.

States of a `Publication` (the ``state`` column): ``queued`` → ``sending`` → ``published`` |
``failed`` | ``needs-check``; and ``cancelled``. The rules:

- A publication is claimed with a guarded ``UPDATE … SET state='sending' WHERE id=? AND
  state='queued'``, committed *before* the request leaves: two processes (the studio and a cron
  job) can never both send it.
- What is sent (the exact payload, secrets removed) is recorded with the claim, in
  ``Publication.payload["sent"]``, with the claimant (host, process) in ``["claim"]``.
- Transient failures and 429s are retried with exponential backoff, honouring ``Retry-After``
  (``next_attempt_at``). A failure after which the network may have acted (timeout, lost
  answer) makes the next attempt `verify` first.
- Permanent failures are not retried; the message names the publication and the image.
- An expired token marks the account ``reconnect`` and leaves the publication queued.
- A ``sending`` publication whose claimant is gone (crash, kill) is never re-sent blindly: the
  connector's `verify` looks for it; where nothing can tell, it goes to ``needs-check``.
- Manual accounts: at the due time the folder is prepared and the publication waits in
  ``needs-check`` (``error_kind="manual"``) until the user marks it done with its URL.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _, language
from cmstudio.core.models import Account, Article, Publication, Variant
from cmstudio.publish.accounts import AccountError, build_connector, connector_class
from cmstudio.publish.connector import Connector, Failure, PublishError, PublishResult, Secrets
from cmstudio.publish.outbox import OutboxError, build_payload, payload_from_json, payload_to_json
from cmstudio.publish.registry import Discovery
from cmstudio.publish.results import (
    BACKOFF_BASE_S,
    BACKOFF_MAX_S,
    MAX_ATTEMPTS,
    Outcome,
    backoff,
    describe,
    mark_published,
    mark_reconnect,
    record_failure,
    record_success,
    set_record,
)
from cmstudio.publish.secrets import SecretsError, SecretStore, load_secrets, open_store

log = logging.getLogger(__name__)

STATES = ("queued", "sending", "published", "failed", "needs-check", "cancelled")
# A claim from another host is presumed dead after this long (same host: the process is checked).
LEASE = timedelta(minutes=15)
# Hand a post to the network's own scheduler only this far ahead (Mastodon refuses < 5 minutes:
# https://docs.joinmastodon.org/methods/statuses/#create, scheduled_at).
NATIVE_MARGIN = timedelta(minutes=10)
# Connectors whose `verify` can find a publication (used when a connector has no `can_verify`).
VERIFIABLE = frozenset({"mastodon", "bluesky", "wordpress"})

SessionFactory = Callable[[], Session]
_inflight: set[int] = set()
_inflight_lock = threading.Lock()


class EngineError(UserError, ValueError):
    """A publishing operation cannot be done as asked."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise EngineError(_("The publication time must carry a time zone."))
    return value.astimezone(UTC)


# ----------------------------------------------------------------------------- scheduling


def schedule(session: Session, *, account_id: int, due_at: datetime | None = None, variant_id: int | None = None,
             article_id: int | None = None, native: bool = False) -> Publication:
    """Queue a variant or an article on an account; `native` hands it to the network's scheduler."""
    account = session.get(Account, account_id)
    if account is None:
        raise EngineError(_("The account {id} does not exist.", id=account_id))
    if (variant_id is None) == (article_id is None):
        raise EngineError(_("A publication is either a post or an article."))
    if variant_id is not None and session.get(Variant, variant_id) is None:
        raise EngineError(_("The post {id} does not exist.", id=variant_id))
    if article_id is not None and session.get(Article, article_id) is None:
        raise EngineError(_("The article {id} does not exist.", id=article_id))
    pub = Publication(workspace_id=account.workspace_id, account_id=account.id, variant_id=variant_id,
                      article_id=article_id, idempotency_key=new_idempotency_key(), state="queued",
                      due_at=_aware(due_at) if due_at else utcnow(), payload={"options": {"native": bool(native)}})
    session.add(pub)
    session.flush()
    return pub


def _get(session: Session, pub_id: int) -> Publication:
    pub = session.get(Publication, pub_id)
    if pub is None:
        raise EngineError(_("The publication {id} does not exist.", id=pub_id))
    return pub


def retry(session: Session, pub_id: int) -> Publication:
    """Send again (the user checked that it is not on the network, or fixed the cause)."""
    pub = _get(session, pub_id)
    if pub.state not in ("failed", "needs-check", "queued"):
        raise EngineError(_("Only a failed or unchecked publication can be sent again."))
    pub.state, pub.next_attempt_at, pub.last_error, pub.error_kind = "queued", None, "", ""
    set_record(pub, verify_first=False, manual=None)
    return pub


def cancel(session: Session, pub_id: int) -> Publication:
    pub = _get(session, pub_id)
    if pub.state == "sending":
        raise EngineError(_("This publication is being sent right now and cannot be cancelled."))
    if pub.state in ("published", "cancelled"):
        raise EngineError(_("This publication is already {state}.", state=pub.state))
    pub.state, pub.next_attempt_at = "cancelled", None
    return pub


def mark_done(session: Session, pub_id: int, url: str = "", now: datetime | None = None) -> Publication:
    """The user published it (by hand, or checked it is there): record it with its URL."""
    pub = _get(session, pub_id)
    if pub.state not in ("needs-check", "failed", "queued"):
        raise EngineError(_("Only a waiting, failed or unchecked publication can be marked as published."))
    url = (url or "").strip()
    if url and not url.startswith(("http://", "https://")):
        raise EngineError(_("“{url}” is not a web address (it must start with https://).", url=url))
    mark_published(session, pub, PublishResult(remote_id=pub.remote_id or url, url=url or None), now or utcnow())
    return pub


# ----------------------------------------------------------------------------- helpers


def can_verify(connector: Connector) -> bool:
    flag = getattr(connector, "can_verify", None)
    return bool(flag) if flag is not None else connector.info.id in VERIFIABLE


def _uncertain(failure: Failure) -> bool:
    """Whether the network may have acted although we got no success (no HTTP answer at all)."""
    reached = getattr(failure, "reached", None)
    if reached is not None:
        return bool(reached)
    return failure.kind == "transient" and failure.status is None


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) is not a probe on Windows: rely on the lease
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _claim() -> dict[str, Any]:
    return {"host": socket.gethostname(), "pid": os.getpid(), "token": uuid.uuid4().hex,
            "at": utcnow().isoformat()}


def claim_alive(pub_id: int, claim: dict[str, Any] | None) -> bool:
    """Whether the process that claimed a ``sending`` publication may still be sending it."""
    if not claim:
        return False
    try:
        at = datetime.fromisoformat(str(claim.get("at")))
    except ValueError:
        return False
    if utcnow() - at > LEASE:
        return False
    if claim.get("host") != socket.gethostname():
        return True
    if claim.get("pid") == os.getpid():
        with _inflight_lock:
            return pub_id in _inflight
    return _pid_alive(int(claim.get("pid") or 0))


class _Stores:
    """Opens the secret store on first need, so accounts without secrets work without a keyring."""

    def __init__(self, store: SecretStore | None) -> None:
        self.store = store

    def get(self) -> SecretStore:
        if self.store is None:
            self.store = open_store()
        return self.store


# ----------------------------------------------------------------------------- publish_due


def publish_due(session_factory: SessionFactory, now: datetime | None = None, *, media_root: Path,
                store: SecretStore | None = None, dry_run: bool = False, discovery: Discovery | None = None,
                timeout: float = 20.0, workspace_id: int | None = None) -> list[Outcome]:
    """Recover interrupted publications, then send every due one; one `Outcome` per publication."""
    now = _aware(now) if now else utcnow()
    stores = _Stores(store)
    ctx = _Context(session_factory, now, media_root, stores, discovery, timeout, dry_run)
    outcomes: list[Outcome] = []
    with session_factory() as session:
        query = select(Publication.id, Publication.state, Publication.due_at, Publication.next_attempt_at,
                       Publication.payload).where(Publication.state.in_(("queued", "sending")))
        if workspace_id is not None:
            query = query.where(Publication.workspace_id == workspace_id)
        rows = session.execute(query.order_by(Publication.due_at, Publication.id)).all()
    if not dry_run:
        for row in rows:
            if row.state == "sending":
                outcome = ctx.recover(row.id)
                if outcome is not None:
                    outcomes.append(outcome)
        with session_factory() as session:
            rows = session.execute(query.order_by(Publication.due_at, Publication.id)).all()
    for row in rows:
        if row.state != "queued" or (row.next_attempt_at is not None and row.next_attempt_at > now):
            continue
        native = bool(((row.payload or {}).get("options") or {}).get("native"))
        if row.due_at <= now or (native and row.due_at - now > NATIVE_MARGIN):
            outcome = ctx.send(row.id)
            if outcome is not None:
                outcomes.append(outcome)
    return outcomes


class _Context:
    """One `publish_due` pass: its clock, store, and the per-publication steps."""

    def __init__(self, factory: SessionFactory, now: datetime, media_root: Path, stores: _Stores,
                 discovery: Discovery | None, timeout: float, dry_run: bool) -> None:
        self.factory, self.now, self.media_root, self.stores = factory, now, media_root, stores
        self.discovery, self.timeout, self.dry_run = discovery, timeout, dry_run

    def _connector(self, session: Session, pub: Publication, account: Account) -> tuple[Connector, Secrets]:
        cls = connector_class(account.connector_id, self.discovery)
        store = self.stores.get() if cls.info.secret_keys else _NoSecrets()
        connector = build_connector(account, store, lang=language(), timeout=self.timeout, discovery=self.discovery)
        return connector, Secrets(load_secrets(store, account.keyring_ref, cls.info.secret_keys))

    # -- sending --------------------------------------------------------------------------

    def send(self, pub_id: int) -> Outcome | None:
        with self.factory() as session:
            pub = session.get(Publication, pub_id)
            if pub is None or pub.state != "queued":
                return None
            account = session.get(Account, pub.account_id) if pub.account_id else None
            item = describe(session, pub)
            if account is None:
                return self._fail(session, pub, item, _("its account was deleted."))
            if account.status == "reconnect":
                return Outcome(pub.id, account.name, "queued", _("{item}: waiting for the account “{account}” to be "
                               "reconnected.", item=item, account=account.name), None, None, "waiting")
            record = dict(pub.payload or {})
            try:
                connector, secrets = self._connector(session, pub, account)
            except (AccountError, SecretsError) as exc:
                pub.last_error, pub.error_kind = str(exc), "auth_expired"
                if isinstance(exc, AccountError):
                    mark_reconnect(account, str(exc))
                session.commit()
                return Outcome(pub.id, account.name, "queued", f"{item}: {exc}", None, None, "reconnect")
            with connector:
                native = bool((record.get("options") or {}).get("native")) and \
                    connector.info.capabilities.native_scheduling and pub.due_at - self.now > NATIVE_MARGIN
                try:
                    payload = build_payload(session, pub, self.media_root, native=native)
                except (OutboxError, UserError) as exc:
                    return self._fail(session, pub, item, str(exc))
                if self.dry_run:
                    return Outcome(pub.id, account.name, "queued", _("{item}: would be published now.", item=item),
                                   None, None, "dry-run")
                record.update(sent=payload_to_json(payload, secrets.scrub), claim=_claim())
                with _inflight_lock:
                    if pub.id in _inflight:
                        return None
                    _inflight.add(pub.id)  # before the claim: no thread of ours may take it for a crash
                try:
                    claimed = session.execute(
                        update(Publication).where(Publication.id == pub.id, Publication.state == "queued")
                        .values(state="sending", attempts=Publication.attempts + 1, payload=record,
                                updated_at=utcnow())
                        .execution_options(synchronize_session=False)
                    ).rowcount
                    if claimed != 1:
                        session.rollback()
                        return None
                    session.commit()  # "sending" is on disk before the request leaves
                    return self._deliver(pub.id, pub.idempotency_key, connector, payload,
                                         bool(record.get("verify_first")), item)
                finally:
                    with _inflight_lock:
                        _inflight.discard(pub.id)

    def _deliver(self, pub_id: int, key: str, connector: Connector, payload: Any, verify_first: bool,
                 item: str) -> Outcome:
        result: PublishResult | None = None
        failure: Failure | None = None
        try:
            if verify_first and can_verify(connector):
                result = connector.verify(payload, key)
                if result is not None and not result.complete:
                    result = None  # finish the thread: same key, the network will not duplicate
            if result is None:
                result = connector.publish(payload, key)
        except PublishError as exc:
            failure = exc.failure
        except Exception as exc:  # noqa: BLE001 - a connector bug must not leave the row in "sending"
            log.exception("connector %s failed unexpectedly", connector.info.id)
            failure = Failure("transient", _("Unexpected error in the {network} connector ({error}).",
                                             network=connector.info.name, error=type(exc).__name__))
        return self._record(pub_id, connector, result, failure, item)

    def _record(self, pub_id: int, connector: Connector, result: PublishResult | None, failure: Failure | None,
                item: str) -> Outcome:
        with self.factory() as session:
            pub = _get(session, pub_id)
            account = session.get(Account, pub.account_id) if pub.account_id else None
            if failure is None:
                assert result is not None
                outcome = record_success(session, pub, account, result, self.now, item)
            else:
                outcome = record_failure(session, pub, account, failure, self.now, item,
                                         verifiable=can_verify(connector), uncertain=_uncertain(failure))
            session.commit()
            return outcome

    def _fail(self, session: Session, pub: Publication, item: str, message: str) -> Outcome:
        pub.state, pub.last_error, pub.error_kind, pub.next_attempt_at = "failed", f"{item}: {message}", "permanent", None
        session.commit()
        account = session.get(Account, pub.account_id) if pub.account_id else None
        return Outcome(pub.id, account.name if account else "", "failed", pub.last_error, None, None, "failed")

    # -- recovery -------------------------------------------------------------------------

    def recover(self, pub_id: int) -> Outcome | None:
        """A ``sending`` publication whose claimant is gone: verify, never resend blindly."""
        with _inflight_lock:
            if pub_id in _inflight:
                return None
            _inflight.add(pub_id)  # held from the take-over to the end, so no thread of ours races us
        try:
            with self.factory() as session:
                pub = session.get(Publication, pub_id)
                if pub is None or pub.state != "sending":
                    return None
                record = dict(pub.payload or {})
                claim = record.get("claim") or {}
                ours = claim.get("host") == socket.gethostname() and claim.get("pid") == os.getpid()
                if not ours and claim_alive(pub.id, claim):  # ours: we now hold it exclusively in _inflight
                    return None
                record["claim"] = _claim()
                taken = session.execute(
                    update(Publication).where(Publication.id == pub.id, Publication.state == "sending",
                                              Publication.updated_at == pub.updated_at)
                    .values(payload=record, updated_at=utcnow()).execution_options(synchronize_session=False)
                ).rowcount
                if taken != 1:
                    session.rollback()
                    return None
                session.commit()
                session.refresh(pub)
                return self._recover_claimed(session, pub, record)
        finally:
            with _inflight_lock:
                _inflight.discard(pub_id)

    def _recover_claimed(self, session: Session, pub: Publication, record: dict[str, Any]) -> Outcome | None:
        account = session.get(Account, pub.account_id) if pub.account_id else None
        item = describe(session, pub)
        name = account.name if account else ""
        if account is None or not record.get("sent"):
            return self._needs_check(session, pub, name, item)
        try:
            connector, _secrets = self._connector(session, pub, account)
        except (AccountError, SecretsError) as exc:
            pub.last_error = f"{item}: {exc}"
            session.commit()
            return Outcome(pub.id, name, "sending", pub.last_error, None, None, "reconnect")
        with connector:
            if not can_verify(connector):
                return self._needs_check(session, pub, name, item)
            payload = payload_from_json(record["sent"])
            try:
                found = connector.verify(payload, pub.idempotency_key)
                if found is not None and not found.complete:
                    found = connector.publish(payload, pub.idempotency_key)
            except PublishError as exc:
                if exc.failure.kind == "auth_expired":
                    mark_reconnect(account, exc.failure.message)
                pub.last_error, pub.error_kind = f"{item}: {exc.failure.message}", exc.failure.kind
                session.commit()
                return Outcome(pub.id, name, "sending", pub.last_error, None, None,
                               "reconnect" if exc.failure.kind == "auth_expired" else "retry")
            if found is not None:
                outcome = record_success(session, pub, account, found, self.now, item)
                session.commit()
                return outcome
            # Verified absent: it may go again, with the same idempotency key.
            pub.state, pub.next_attempt_at = "queued", None
            set_record(pub, verify_first=False)
            session.commit()
            return None

    def _needs_check(self, session: Session, pub: Publication, name: str, item: str) -> Outcome:
        pub.state, pub.error_kind = "needs-check", "unknown"
        pub.last_error = _("{item}: the studio stopped while sending it and the network offers no way to tell "
                           "whether it arrived. Look on the network, then mark it as published or send it again.",
                           item=item)
        session.commit()
        return Outcome(pub.id, name, "needs-check", pub.last_error, None, None, "needs-check")


class _NoSecrets:
    name = "none"

    def get(self, ref: str, key: str) -> str | None:
        return None

    def set(self, ref: str, key: str, value: str) -> None:
        raise SecretsError(_("This account has no secrets to store."))

    def delete(self, ref: str, key: str) -> None:
        return None


__all__ = ["BACKOFF_BASE_S", "BACKOFF_MAX_S", "MAX_ATTEMPTS", "STATES", "EngineError", "Outcome", "backoff",
           "cancel", "mark_done", "publish_due", "retry", "schedule"]
