"""Contests, events, their phases, entries and draws, and free calendar items."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cmstudio.core.models.base import Base, utcnow


class Contest(Base):
    """A jeu-concours: fields, rules document, phases, entries and the draw."""

    __tablename__ = "contests"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    organizer: Mapped[str] = mapped_column(String(300), default="")
    networks: Mapped[list[Any]] = mapped_column(default=list)
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    # [{"name": str, "value": float, "quantity": int}]
    prizes: Mapped[list[Any]] = mapped_column(default=list)
    # ["like", "comment", "share", "tag_friends", "hashtag", "answer", "form"]
    mechanics: Mapped[list[Any]] = mapped_column(default=list)
    hashtag: Mapped[str] = mapped_column(String(100), default="")
    question: Mapped[str] = mapped_column(Text, default="")
    # {"min_age": 18, "countries": ["FR"], "one_entry_per_person": true, "excluded": ["handle"]}
    eligibility: Mapped[dict[str, Any]] = mapped_column(default=dict)
    rules_markdown: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="fr")
    winners_count: Mapped[int] = mapped_column(default=1)
    alternates_count: Mapped[int] = mapped_column(default=2)
    # The seed is generated before the draw; only its commitment is published until the draw.
    seed_hex: Mapped[str | None] = mapped_column(String(64))
    seed_commitment: Mapped[str | None] = mapped_column(String(64))
    retention_until: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="draft")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    phases: Mapped[list[Phase]] = relationship(
        back_populates="contest", cascade="all, delete-orphan", order_by="Phase.start_at"
    )
    entries: Mapped[list[Entry]] = relationship(back_populates="contest", cascade="all, delete-orphan")
    draws: Mapped[list[Draw]] = relationship(back_populates="contest", cascade="all, delete-orphan")


class Event(Base):
    """A launch, webinar, live or trade show, with its countdown posts."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32), default="launch")
    start_at: Mapped[datetime]
    duration_minutes: Mapped[int] = mapped_column(default=60)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    place: Mapped[str] = mapped_column(String(300), default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="fr")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    phases: Mapped[list[Phase]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Phase.start_at"
    )


class Phase(Base):
    """A dated step of a contest (teaser, launch, reminders…) or an event countdown post."""

    __tablename__ = "phases"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int | None] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    start_at: Mapped[datetime]
    end_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="draft")

    contest: Mapped[Contest | None] = relationship(back_populates="phases")
    event: Mapped[Event | None] = relationship(back_populates="phases")


class Entry(Base):
    """One person taking part in a contest, with the reason when they are not eligible."""

    __tablename__ = "entries"
    __table_args__ = (UniqueConstraint("contest_id", "handle"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), index=True)
    handle: Mapped[str] = mapped_column(String(200))
    display: Mapped[str] = mapped_column(String(300), default="")
    network: Mapped[str] = mapped_column(String(32), default="")
    source_line: Mapped[int | None]
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    eligible: Mapped[bool] = mapped_column(default=True)
    exclusion_reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    contest: Mapped[Contest] = relationship(back_populates="entries")


class Draw(Base):
    """The record of a verifiable draw: everything needed to recompute it."""

    __tablename__ = "draws"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), index=True)
    seed_hex: Mapped[str] = mapped_column(String(64))
    commitment: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    algorithm: Mapped[str] = mapped_column(String(64))
    algorithm_version: Mapped[int]
    entry_count: Mapped[int]
    winners: Mapped[list[Any]] = mapped_column(default=list)
    alternates: Mapped[list[Any]] = mapped_column(default=list)
    drawn_at: Mapped[datetime] = mapped_column(default=utcnow)

    contest: Mapped[Contest] = relationship(back_populates="draws")


class CalendarItem(Base):
    """A calendar entry that is not an article, post or phase: notes and read-only reference events."""

    __tablename__ = "calendar_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32), default="note")
    title: Mapped[str] = mapped_column(String(300))
    start_at: Mapped[datetime] = mapped_column(index=True)
    end_at: Mapped[datetime | None]
    all_day: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(200), default="")
    external_uid: Mapped[str] = mapped_column(String(300), default="")
    read_only: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
