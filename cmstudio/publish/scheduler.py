"""Running the engine on a database: one pass (`run_due`) and when the next pass is worth doing.

Used by ``cmstudio publish-due`` (cron, systemd user timer: see ``packaging/systemd``) and by the
studio's own timer (``cmstudio.ui.scheduler_runner``). A process-wide lock keeps two passes of the
same process from overlapping; the engine's guarded claim keeps separate processes apart.
"""

from __future__ import annotations

import threading
from datetime import datetime

from sqlalchemy import func, select

from cmstudio.core.db import Database
from cmstudio.core.models import Publication
from cmstudio.publish.engine import publish_due, utcnow
from cmstudio.publish.enqueue import sync_scheduled_variants
from cmstudio.publish.registry import Discovery
from cmstudio.publish.results import Outcome
from cmstudio.publish.secrets import SecretStore

_pass_lock = threading.Lock()


def run_due(db: Database, now: datetime | None = None, *, store: SecretStore | None = None, dry_run: bool = False,
            discovery: Discovery | None = None, timeout: float = 20.0,
            workspace_id: int | None = None) -> list[Outcome] | None:
    """One publishing pass over `db`; None when another pass of this process is still running."""
    if not _pass_lock.acquire(blocking=False):
        return None
    try:
        if not dry_run:
            with db.session() as session:
                sync_scheduled_variants(session, workspace_id=workspace_id)
        return publish_due(db.sessions, now, media_root=db.media_dir, store=store, dry_run=dry_run,
                           discovery=discovery, timeout=timeout, workspace_id=workspace_id)
    finally:
        _pass_lock.release()


def next_due(db: Database) -> datetime | None:
    """When the earliest queued publication is due."""
    with db.session() as session:
        return session.scalar(select(func.min(Publication.due_at)).where(Publication.state == "queued"))


def pending_count(db: Database, now: datetime | None = None) -> int:
    """Publications queued and already due (the tray tooltip, the CLI summary)."""
    now = now or utcnow()
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Publication).where(
            Publication.state == "queued", Publication.due_at <= now)) or 0)
