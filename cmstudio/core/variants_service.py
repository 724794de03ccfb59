"""Variant operations: drafts from an article, saving, updates from the article, media and crops.

Each function takes a SQLAlchemy session, does one operation and flushes; the caller's unit of
work commits. The composing rules themselves live in ``cmstudio.core.adapt`` and the limits in
``cmstudio.core.networks``: this module only moves data between them and the database.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cmstudio.core.adapt import (
    ArticleInput,
    DiffOp,
    Draft,
    WorkspaceInput,
    compose_draft,
    diff_from_article,
)
from cmstudio.core.errors import UserError
from cmstudio.core.media import MediaError, MediaStore
from cmstudio.core.models import Account, Article, MediaAsset, Variant, VariantMedia, Workspace
from cmstudio.core.models.content import VARIANT_STATUSES
from cmstudio.core.networks import NetworkError, NetworkProfile, get_profile, profile_with_instance

# Rendition encoder formats (cmstudio.core.images.render_variant accepts these three only).
_RENDER_FORMATS = ("jpeg", "png", "webp")
# Used only where a network publishes no byte limit (LinkedIn, Telegram message): our own ceiling.
FALLBACK_MAX_BYTES = 8 * 1024 * 1024
_NAMED_RATIOS = ((1, 1), (4, 5), (5, 4), (3, 4), (4, 3), (2, 3), (3, 2), (16, 9), (9, 16))


class VariantError(UserError, ValueError):
    """A variant operation cannot be done as asked."""


@dataclass(frozen=True)
class CropRatio:
    """One crop frame a network accepts: its label ("4:5"), width/height, and target pixels."""

    label: str
    ratio: float
    target: tuple[int, int]


@dataclass(frozen=True)
class ArticleUpdate:
    """What "update from the article" would change in a variant, before it is applied."""

    variant_id: int
    old_text: str
    new_text: str
    ops: tuple[DiffOp, ...]

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text


# ---------------------------------------------------------------- inputs and profiles


def article_input(article: Article) -> ArticleInput:
    """The composer's view of an article row."""
    return ArticleInput(
        title=article.title or "",
        excerpt=article.excerpt or "",
        body_markdown=article.markdown or "",
        url=article.canonical_url or "",
        slug=article.slug or "",
        tags=tuple(str(t) for t in article.tags or ()),
    )


def workspace_input(workspace: Workspace, selected_groups: Sequence[str] = ()) -> WorkspaceInput:
    """The composer's view of a workspace row (UTM template, signature, hashtag groups)."""
    groups = {
        str(k): [str(t) for t in v]
        for k, v in (workspace.hashtag_groups or {}).items()
        if isinstance(v, list)
    }
    return WorkspaceInput(
        utm_template=workspace.utm_template or "",
        signature=workspace.signature or "",
        hashtag_groups=groups,
        selected_groups=tuple(selected_groups),
    )


def _instance_json(account: Account | None) -> Mapping[str, Any] | None:
    if account is None:
        return None
    cached = (account.settings or {}).get("instance")
    if isinstance(cached, str):
        try:
            cached = json.loads(cached)
        except ValueError:
            return None
    return cached if isinstance(cached, Mapping) else None


def account_for(
    session: Session, workspace_id: int, network: str, account_id: int | None = None
) -> Account | None:
    """The variant's account, else the workspace's first account on that network."""
    if account_id is not None:
        account = session.get(Account, account_id)
        if account is not None:
            return account
    base = network.split("_", 1)[0]
    return session.scalars(
        select(Account)
        .where(Account.workspace_id == workspace_id, Account.network.in_((network, base)))
        .order_by(Account.id)
    ).first()


def profile_for(
    session: Session, workspace_id: int, network: str, account_id: int | None = None
) -> NetworkProfile:
    """The network's profile, with the Mastodon server's own limits when the account cached them.

    A Mastodon account's settings may hold ``instance``: the server's ``/api/v2/instance`` answer.
    An unreadable cache keeps the defaults rather than blocking the composer.
    """
    profile = get_profile(network)
    if profile.counting_rule != "mastodon":
        return profile
    instance = _instance_json(account_for(session, workspace_id, network, account_id))
    if instance is None:
        return profile
    try:
        return profile_with_instance(profile, instance)
    except NetworkError:
        return profile


def crop_ratios(profile: NetworkProfile) -> list[CropRatio]:
    """The crop frames for a network: one per distinct ratio of its recommended sizes."""
    out: list[CropRatio] = []
    for width, height in profile.recommended_sizes:
        ratio = width / height
        if any(abs(r.ratio - ratio) < 0.02 for r in out):
            continue
        if not profile.accepts_aspect_ratio(width, height):
            continue
        out.append(CropRatio(ratio_label(ratio), ratio, (width, height)))
    return out


def ratio_label(ratio: float) -> str:
    """A readable ratio: "16:9", "4:5", "1.91:1"."""
    for w, h in _NAMED_RATIOS:
        if abs(ratio - w / h) < 0.012:
            return f"{w}:{h}"
    if ratio >= 1:
        return f"{ratio:.2f}".rstrip("0").rstrip(".") + ":1"
    frac = Fraction(ratio).limit_denominator(20)
    return f"{frac.numerator}:{frac.denominator}"


def render_spec(
    profile: NetworkProfile, crop: CropRatio | None
) -> tuple[tuple[int, int] | None, int, list[str]]:
    """(target size, byte limit, encoder formats) for renditions of ``profile`` at ``crop``."""
    formats = [f for f in profile.image_formats if f in _RENDER_FORMATS] or ["jpeg"]
    target = (
        crop.target
        if crop is not None
        else (profile.recommended_sizes[0] if profile.recommended_sizes else None)
    )
    return target, profile.max_image_bytes or FALLBACK_MAX_BYTES, formats


def parse_ratio(label: str) -> float:
    """ "4:5" → 0.8, "1.91:1" → 1.91; a clear error otherwise."""
    try:
        left, right = label.split(":")
        value = float(left) / float(right)
    except (ValueError, ZeroDivisionError):
        raise VariantError(f"“{label}” is not an aspect ratio such as 4:5.") from None
    if not math.isfinite(value) or value <= 0:
        raise VariantError(f"“{label}” is not an aspect ratio such as 4:5.")
    return value


# ---------------------------------------------------------------- listing


def list_variants(session: Session, workspace_id: int, article_id: int | None = None) -> list[Variant]:
    """The workspace's live variants (of one article when given), oldest first, media loaded."""
    query = (
        select(Variant)
        .where(Variant.workspace_id == workspace_id, Variant.deleted_at.is_(None))
        .options(selectinload(Variant.media).selectinload(VariantMedia.asset))
        .order_by(Variant.id)
    )
    if article_id is not None:
        query = query.where(Variant.article_id == article_id)
    return list(session.scalars(query))


def _variant(session: Session, variant_id: int) -> Variant:
    variant = session.get(Variant, variant_id)
    if variant is None or variant.deleted_at is not None:
        raise VariantError(f"The variant {variant_id} no longer exists.")
    return variant


def _article(session: Session, workspace_id: int, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None or article.workspace_id != workspace_id or article.deleted_at is not None:
        raise VariantError(f"The article {article_id} does not exist in this workspace.")
    return article


# ---------------------------------------------------------------- drafts


def compose_for(session: Session, article: Article, network: str, account_id: int | None = None) -> Draft:
    """A fresh draft of ``article`` for ``network`` (nothing saved)."""
    workspace = session.get(Workspace, article.workspace_id)
    assert workspace is not None
    lang = article.language if article.language in ("fr", "en") else (workspace.language or "fr")
    profile = profile_for(session, article.workspace_id, network, account_id)
    return compose_draft(
        article_input(article),
        profile,
        lang=lang if lang in ("fr", "en") else "fr",
        workspace=workspace_input(workspace),
    )


def create_drafts(
    session: Session, workspace_id: int, article_id: int, networks: Iterable[str]
) -> list[Variant]:
    """One new draft variant per network, composed from the article, with its featured image.

    Unknown network ids raise before anything is written.
    """
    ids = list(dict.fromkeys(networks))
    if not ids:
        raise VariantError("Choose at least one network.")
    for network in ids:
        get_profile(network)
    article = _article(session, workspace_id, article_id)
    made: list[Variant] = []
    for network in ids:
        account = account_for(session, workspace_id, network)
        draft = compose_for(session, article, network, account.id if account else None)
        variant = Variant(
            workspace_id=workspace_id,
            article_id=article.id,
            network=network,
            account_id=account.id if account else None,
            title=draft.title,
            text=draft.text,
            status="draft",
            campaign=(article.tags or [""])[0] if article.tags else "",
        )
        session.add(variant)
        if article.featured_media_id is not None and get_profile(network).max_images > 0:
            asset = session.get(MediaAsset, article.featured_media_id)
            variant.media.append(
                VariantMedia(
                    media_id=article.featured_media_id, position=0, alt_text=asset.alt_text if asset else ""
                )
            )
        made.append(variant)
    session.flush()
    return made


def save_variant(
    session: Session,
    variant_id: int,
    *,
    text: str | None = None,
    thread_parts: Sequence[str] | None = None,
    status: str | None = None,
    content_warning: str | None = None,
    title: str | None = None,
) -> Variant:
    """Store what the user wrote; ``thread_parts`` empty means a single post."""
    variant = _variant(session, variant_id)
    if status is not None:
        if status not in VARIANT_STATUSES:
            raise VariantError(f"“{status}” is not a variant status ({', '.join(VARIANT_STATUSES)}).")
        variant.status = status
    if text is not None:
        variant.text = text
    if thread_parts is not None:
        parts = [str(p) for p in thread_parts]
        if len(parts) > 1 and not get_profile(variant.network).supports_threads:
            raise VariantError(f"{get_profile(variant.network).display_name} does not support threads.")
        variant.thread_parts = parts if len(parts) > 1 else []
    if content_warning is not None:
        variant.content_warning = content_warning
    if title is not None:
        variant.title = title.strip()
    session.flush()
    return variant


def delete_variant(session: Session, variant_id: int) -> None:
    """Remove a variant and its media links."""
    session.delete(_variant(session, variant_id))
    session.flush()


def preview_update(session: Session, variant_id: int) -> ArticleUpdate:
    """The draft the article would give now, and the word-level changes from the current text."""
    variant = _variant(session, variant_id)
    if variant.article_id is None:
        raise VariantError("This variant was not drafted from an article.")
    article = _article(session, variant.workspace_id, variant.article_id)
    draft = compose_for(session, article, variant.network, variant.account_id)
    ops = tuple(diff_from_article(variant.text, draft.text))
    return ArticleUpdate(variant.id, variant.text, draft.text, ops)


def apply_update(session: Session, update: ArticleUpdate) -> Variant:
    """Replace the variant's text with the recomposed one (a thread goes back to a single post)."""
    variant = _variant(session, update.variant_id)
    variant.text = update.new_text
    variant.thread_parts = []
    session.flush()
    return variant


# ---------------------------------------------------------------- media


def attach_media(
    session: Session, variant_id: int, media_id: int, *, alt_text: str | None = None
) -> VariantMedia:
    """Add a library image at the end of a variant, within the network's image count."""
    variant = _variant(session, variant_id)
    asset = session.get(MediaAsset, media_id)
    if asset is None or asset.workspace_id != variant.workspace_id:
        raise VariantError(f"The image {media_id} is not in this workspace's library.")
    profile = get_profile(variant.network)
    if len(variant.media) >= profile.max_images:
        raise VariantError(f"{profile.display_name} accepts at most {profile.max_images} image(s) per post.")
    link = VariantMedia(
        media_id=asset.id,
        position=len(variant.media),
        alt_text=asset.alt_text if alt_text is None else alt_text,
    )
    variant.media.append(link)
    session.flush()
    return link


def save_media(
    session: Session,
    variant_media_id: int,
    *,
    crop: Mapping[str, Any] | None = None,
    alt_text: str | None = None,
    focal: tuple[float, float] | None = None,
) -> VariantMedia:
    """Store a crop ({"ratio": "4:5", "box": [l, t, r, b]} in source pixels), alt text, focal point."""
    link = session.get(VariantMedia, variant_media_id)
    if link is None:
        raise VariantError(f"The image link {variant_media_id} no longer exists.")
    if crop is not None:
        link.crop = validate_crop(crop)
    if alt_text is not None:
        link.alt_text = alt_text
    if focal is not None:
        fx, fy = focal
        if not (0.0 <= fx <= 1.0 and 0.0 <= fy <= 1.0):
            raise VariantError("The focal point must lie inside the image.")
        link.asset.focal_x, link.asset.focal_y = float(fx), float(fy)
    session.flush()
    return link


def validate_crop(crop: Mapping[str, Any]) -> dict[str, Any]:
    """A clean copy of a crop mapping; a clear error for a malformed one."""
    ratio = crop.get("ratio")
    box = crop.get("box")
    if not isinstance(ratio, str):
        raise VariantError("A crop needs a ratio such as “4:5”.")
    parse_ratio(ratio)
    if (
        not isinstance(box, Sequence)
        or len(box) != 4
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in box)
    ):
        raise VariantError("A crop box is four numbers: left, top, right, bottom.")
    left, top, right, bottom = (int(round(v)) for v in box)
    if left < 0 or top < 0 or right <= left or bottom <= top:
        raise VariantError(f"The crop box {list(box)} is empty or outside the image.")
    out: dict[str, Any] = {"ratio": ratio, "box": [left, top, right, bottom]}
    boxes = crop.get("boxes")
    if isinstance(boxes, Mapping):
        out["boxes"] = {
            str(k): [int(round(v)) for v in b]
            for k, b in boxes.items()
            if isinstance(b, Sequence) and len(b) == 4
        }
    return out


def media_file(media_root: Path, asset: MediaAsset) -> Path:
    """Where an asset's bytes are stored in the content-addressed media folder."""
    try:
        return MediaStore(media_root).path_for(asset.sha256)
    except MediaError:
        name = asset.original_name or asset.sha256[:12]
        raise VariantError(f"The image “{name}” is missing from the media folder.") from None


_NUMBERING_TAIL = re.compile(r"\s\d+/\d+$")


def offsets_from_parts(text: str, parts: Sequence[str]) -> list[int]:
    """The split offsets (starts of parts 2..n) of saved thread parts within ``text``.

    Parts are stored as published ("… 2/5"); their numbering is dropped before locating them.
    Parts that no longer match the text (edited elsewhere) give no offsets: a single post.
    """
    offsets: list[int] = []
    cursor = 0
    for index, part in enumerate(parts):
        body = _NUMBERING_TAIL.sub("", str(part)).strip()
        found = text.find(body, cursor)
        if not body or found < 0:
            return []
        if index > 0:
            offsets.append(found)
        cursor = found + len(body)
    return offsets


def rebase_offsets(old: str, new: str, offsets: Sequence[int]) -> list[int]:
    """Split offsets carried over an edit from ``old`` to ``new`` text.

    Offsets after the edited region move with the text; offsets inside it go to its start.
    The result stays increasing and inside the new text (duplicates are dropped).
    """
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    old_end, delta = len(old) - suffix, len(new) - len(old)
    out: list[int] = []
    for offset in offsets:
        moved = offset if offset <= prefix else (offset + delta if offset >= old_end else prefix)
        moved = min(max(moved, 1), max(len(new) - 1, 1))
        if (not out or moved > out[-1]) and moved < len(new):
            out.append(moved)
    return out
