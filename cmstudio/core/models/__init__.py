"""The studio's domain model (SQLAlchemy 2 ORM)."""

from cmstudio.core.models.base import Base, utcnow
from cmstudio.core.models.content import (
    ARTICLE_STATUSES,
    VARIANT_STATUSES,
    Article,
    ArticleRevision,
    MediaAsset,
    Variant,
    VariantMedia,
)
from cmstudio.core.models.planning import CalendarItem, Contest, Draw, Entry, Event, Phase
from cmstudio.core.models.publishing import PUBLICATION_STATES, Publication
from cmstudio.core.models.workspace import Account, Workspace

__all__ = [
    "ARTICLE_STATUSES",
    "PUBLICATION_STATES",
    "VARIANT_STATUSES",
    "Account",
    "Article",
    "ArticleRevision",
    "Base",
    "CalendarItem",
    "Contest",
    "Draw",
    "Entry",
    "Event",
    "MediaAsset",
    "Phase",
    "Publication",
    "Variant",
    "VariantMedia",
    "Workspace",
    "utcnow",
]
