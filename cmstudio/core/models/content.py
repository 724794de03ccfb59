"""Articles, their revisions, media assets and per-network variants."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cmstudio.core.models.base import Base, utcnow

if TYPE_CHECKING:
    from cmstudio.core.models.workspace import Workspace

ARTICLE_STATUSES = ("idea", "draft", "ready", "scheduled", "published")
VARIANT_STATUSES = ("draft", "ready", "scheduled", "published", "failed")


class MediaAsset(Base):
    """An image in the workspace media library, stored once by its SHA-256."""

    __tablename__ = "media_assets"
    __table_args__ = (UniqueConstraint("workspace_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    original_name: Mapped[str] = mapped_column(String(255), default="")
    mime: Mapped[str] = mapped_column(String(64), default="image/jpeg")
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)
    size: Mapped[int] = mapped_column(default=0)
    alt_text: Mapped[str] = mapped_column(Text, default="")
    focal_x: Mapped[float] = mapped_column(default=0.5)
    focal_y: Mapped[float] = mapped_column(default=0.5)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (Index("ix_articles_workspace_status", "workspace_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    slug: Mapped[str] = mapped_column(String(200), default="", index=True)
    markdown: Mapped[str] = mapped_column(Text, default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[Any]] = mapped_column(default=list)
    categories: Mapped[list[Any]] = mapped_column(default=list)
    language: Mapped[str] = mapped_column(String(8), default="fr")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    canonical_url: Mapped[str] = mapped_column(String(500), default="")
    featured_media_id: Mapped[int | None] = mapped_column(ForeignKey("media_assets.id", ondelete="SET NULL"))
    publish_at: Mapped[datetime | None] = mapped_column(index=True)
    deleted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    workspace: Mapped[Workspace] = relationship(back_populates="articles")
    revisions: Mapped[list[ArticleRevision]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="ArticleRevision.id"
    )
    featured_media: Mapped[MediaAsset | None] = relationship()
    variants: Mapped[list[Variant]] = relationship(back_populates="article")


class ArticleRevision(Base):
    __tablename__ = "article_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    markdown: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(String(32), default="autosave")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="revisions")


class Variant(Base):
    """One post for one network, drafted from an article, a contest phase or written alone."""

    __tablename__ = "variants"
    __table_args__ = (Index("ix_variants_workspace_scheduled", "workspace_id", "scheduled_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phases.id", ondelete="SET NULL"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    network: Mapped[str] = mapped_column(String(32))
    # A title shown apart from the text, where the network has one (Pinterest's pin title).
    title: Mapped[str] = mapped_column(String(300), default="", server_default="")
    text: Mapped[str] = mapped_column(Text, default="")
    content_warning: Mapped[str] = mapped_column(String(500), default="")
    thread_parts: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    scheduled_at: Mapped[datetime | None]
    campaign: Mapped[str] = mapped_column(String(100), default="")
    # {"freq": "weekly", "interval": 1, "until": "2027-01-31" | None, "count": int | None}
    recurrence: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    recurrence_parent_id: Mapped[int | None] = mapped_column(ForeignKey("variants.id", ondelete="SET NULL"))
    deleted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    article: Mapped[Article | None] = relationship(back_populates="variants")
    media: Mapped[list[VariantMedia]] = relationship(
        back_populates="variant", cascade="all, delete-orphan", order_by="VariantMedia.position"
    )


class VariantMedia(Base):
    """An image attached to a variant, with the crop chosen for that network."""

    __tablename__ = "variant_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id", ondelete="CASCADE"), index=True)
    media_id: Mapped[int] = mapped_column(ForeignKey("media_assets.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    # {"ratio": "4:5", "box": [left, top, right, bottom]} in source pixels
    crop: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    alt_text: Mapped[str] = mapped_column(Text, default="")

    variant: Mapped[Variant] = relationship(back_populates="media")
    asset: Mapped[MediaAsset] = relationship()
