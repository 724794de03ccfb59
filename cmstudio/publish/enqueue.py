"""From the plan to the outbox: a post scheduled on an account becomes a queued publication.

The calendar and the composer only set `Variant.status = "scheduled"`, `scheduled_at` and the
account; this pass, run before each `publish_due`, keeps the queue in step with that plan:
a new queued publication for each scheduled post that has none, the due time of a queued one
moved when its post was moved, and a queued one cancelled when its post was unscheduled.
Demo accounts (no connection, `status == "demo"`) are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmstudio.core.models import Account, Publication, Variant
from cmstudio.publish.engine import schedule

# A post that already has one of these publications is taken care of.
_LIVE = ("queued", "sending", "published", "needs-check")


@dataclass
class SyncReport:
    queued: int = 0
    moved: int = 0
    cancelled: int = 0


def sync_scheduled_variants(session: Session, *, workspace_id: int | None = None) -> SyncReport:
    report = SyncReport()
    live: dict[int, Publication] = {}
    query = select(Publication).where(Publication.variant_id.is_not(None), Publication.state.in_(_LIVE))
    if workspace_id is not None:
        query = query.where(Publication.workspace_id == workspace_id)
    for pub in session.scalars(query):
        live.setdefault(pub.variant_id, pub)  # type: ignore[arg-type]

    posts = select(Variant).join(Account, Account.id == Variant.account_id).where(
        Variant.deleted_at.is_(None), Variant.scheduled_at.is_not(None), Account.status != "demo")
    if workspace_id is not None:
        posts = posts.where(Variant.workspace_id == workspace_id)
    for variant in session.scalars(posts):
        pub = live.pop(variant.id, None)
        if variant.status == "scheduled":
            if pub is None:
                schedule(session, account_id=variant.account_id, variant_id=variant.id,  # type: ignore[arg-type]
                         due_at=variant.scheduled_at)
                report.queued += 1
            elif pub.state == "queued" and _moved(pub, variant):
                pub.due_at, pub.account_id = variant.scheduled_at, variant.account_id  # type: ignore[assignment]
                report.moved += 1
        elif pub is not None and pub.state == "queued":
            pub.state = "cancelled"
            report.cancelled += 1
    session.flush()
    return report


def _moved(pub: Publication, variant: Variant) -> bool:
    due: datetime = pub.due_at
    return due != variant.scheduled_at or pub.account_id != variant.account_id
