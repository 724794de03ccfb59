"""Workspaces (one per brand or client) and their accounts on the networks."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cmstudio.core.models.base import Base, utcnow

if TYPE_CHECKING:
    from cmstudio.core.models.content import Article


class Workspace(Base):
    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    color: Mapped[str] = mapped_column(String(9), default="#3b6ea5")
    logo_sha256: Mapped[str | None] = mapped_column(String(64))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    language: Mapped[str] = mapped_column(String(8), default="fr")
    signature: Mapped[str] = mapped_column(Text, default="")
    # {"group name": ["#tag", ...]}
    hashtag_groups: Mapped[dict[str, Any]] = mapped_column(default=dict)
    utm_template: Mapped[str] = mapped_column(
        String(300), default="utm_source={network}&utm_medium=social&utm_campaign={slug}"
    )
    spacing_minutes: Mapped[int] = mapped_column(default=30)
    personal_dictionary: Mapped[list[Any]] = mapped_column(default=list)
    marketing_days: Mapped[list[Any]] = mapped_column(default=list)
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    articles: Mapped[list[Article]] = relationship(back_populates="workspace", cascade="all, delete-orphan")
    accounts: Mapped[list[Account]] = relationship(back_populates="workspace", cascade="all, delete-orphan")

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


class Account(Base):
    """A connection to one network account. Secrets live in the OS keyring, under `keyring_ref`."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    connector_id: Mapped[str] = mapped_column(String(64))
    network: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    handle: Mapped[str] = mapped_column(String(200), default="")
    # Non-secret settings only (server URL, channel id...). Secret fields go to the keyring.
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    keyring_ref: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="unchecked")
    status_message: Mapped[str] = mapped_column(Text, default="")
    # Weekly posting slots: [{"weekday": 0..6, "time": "HH:MM"}] in the workspace time zone.
    queue_slots: Mapped[list[Any]] = mapped_column(default=list)
    checked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    workspace: Mapped[Workspace] = relationship(back_populates="accounts")
