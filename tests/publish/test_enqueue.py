"""Scheduled posts on a connected account reach the outbox, follow their moves, leave when unscheduled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from cmstudio.core.models import Account, Publication, Variant
from cmstudio.core.workspaces import create_workspace
from cmstudio.publish.enqueue import sync_scheduled_variants


def _setup(session, *, status: str = "ok"):
    workspace = create_workspace(session, "Maison Lumière")
    account = Account(workspace_id=workspace.id, connector_id="mastodon", network="mastodon", name="Masto",
                      status=status)
    session.add(account)
    session.flush()
    when = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    post = Variant(workspace_id=workspace.id, network="mastodon", account_id=account.id, text="Bonjour !",
                   status="scheduled", scheduled_at=when)
    draft = Variant(workspace_id=workspace.id, network="mastodon", account_id=account.id, text="Brouillon",
                    status="draft", scheduled_at=when)
    session.add_all([post, draft])
    session.flush()
    return workspace, post, draft


def test_a_scheduled_post_is_queued_once_and_follows_its_moves(demo_db) -> None:
    with demo_db.session() as session:
        _workspace, post, _draft = _setup(session)
        first = sync_scheduled_variants(session)
        again = sync_scheduled_variants(session)
        pubs = list(session.scalars(select(Publication).where(Publication.variant_id == post.id)))
        assert (first.queued, again.queued, len(pubs)) == (1, 0, 1)
        assert pubs[0].state == "queued" and pubs[0].due_at == post.scheduled_at
        post.scheduled_at = post.scheduled_at + timedelta(days=2)
        moved = sync_scheduled_variants(session)
        assert moved.moved == 1 and pubs[0].due_at == post.scheduled_at
        post.status = "draft"
        gone = sync_scheduled_variants(session)
        assert gone.cancelled == 1 and pubs[0].state == "cancelled"


def test_drafts_and_demo_accounts_are_not_queued(demo_db) -> None:
    with demo_db.session() as session:
        _setup(session, status="demo")
        report = sync_scheduled_variants(session)
        # The demo content's own posts sit on demo accounts too: nothing may leave for a real server.
        assert report.queued == 0
        assert session.scalar(select(Publication.id).where(Publication.state == "queued").limit(1)) is None
