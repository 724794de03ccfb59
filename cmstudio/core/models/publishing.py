"""Publications: one attempt to put a variant or an article on one account, tracked to the end."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cmstudio.core.models.base import Base, utcnow

# queued → sending → published | failed | needs-check (nothing can tell whether it went out, or a
# manual post waits for the user), or cancelled. See cmstudio/publish/engine.py.
PUBLICATION_STATES = ("queued", "sending", "published", "failed", "needs-check", "cancelled")


class Publication(Base):
    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variants.id", ondelete="SET NULL"), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    state: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    due_at: Mapped[datetime] = mapped_column(index=True)
    remote_id: Mapped[str] = mapped_column(String(300), default="")
    remote_url: Mapped[str] = mapped_column(String(500), default="")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    error_kind: Mapped[str] = mapped_column(String(32), default="")
    next_attempt_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    # What was (or will be) sent, secrets removed, and the engine's bookkeeping (claim, options).
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
