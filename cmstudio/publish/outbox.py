"""From the database to a `Payload`: text, thread, renditions and article HTML; and back from JSON.

A variant's images are rendered for its network (crop box, recommended size, byte limit and
formats of the network profile) with `cmstudio.core.images.render_variant`; a blog article goes as
HTML from the same renderer as the preview, with its images sent as stored. Renditions are written
to the publication's outbox folder so that what was sent stays inspectable and a retry sends the
very same bytes. `payload_to_json` is the record of what was sent: no secrets, ever (payloads hold
none, and every string is scrubbed with the account's secret values as a second guard).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from cmstudio.core import paths
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.images import open_image, render_variant
from cmstudio.core.models import Account, Article, MediaAsset, Publication, Variant, Workspace
from cmstudio.core.networks import PROFILES, NetworkProfile
from cmstudio.core.render import render_html
from cmstudio.core.variants_service import crop_ratios, media_file, render_spec
from cmstudio.publish.payload import MediaItem, Payload

_PLACEHOLDER = "__cmstudio_media_{n}__"
_MEDIA_REF = re.compile(r"^media:([0-9a-f]{64})$")


class OutboxError(UserError, ValueError):
    """The publication's content cannot be prepared (missing variant, article or image)."""


def outbox_dir(idempotency_key: str) -> Path:
    return paths.data_dir() / "outbox" / re.sub(r"[^A-Za-z0-9_-]", "", idempotency_key)[:64]


def profile_for_account(account: Account, media_count: int) -> NetworkProfile | None:
    """The network profile whose limits the renditions must meet (None: blogs, send as stored)."""
    network = account.network
    if account.connector_id == "manual":
        network = str((account.settings or {}).get("network") or network)
    if network == "telegram":
        network = "telegram_caption" if media_count else "telegram_message"
    return PROFILES.get(network)


def _asset_path(media_root: Path, asset: MediaAsset) -> Path:
    try:
        return media_file(media_root, asset)
    except UserError as exc:
        raise OutboxError(str(exc)) from None


def _focal(asset: MediaAsset) -> tuple[float, float]:
    return (min(max(asset.focal_x, 0.0), 1.0), min(max(asset.focal_y, 0.0), 1.0))


def _render_one(path: Path, crop: Mapping[str, Any] | None, profile: NetworkProfile, focal: tuple[float, float],
                out: Path, label: str) -> tuple[Path, str, int, int]:
    try:
        image = open_image(path)
        ratio_label = (crop or {}).get("ratio")
        spec_ratio = next((r for r in crop_ratios(profile) if r.label == ratio_label), None)
        target, max_bytes, formats = render_spec(profile, spec_ratio)
        box = (crop or {}).get("box")
        if isinstance(box, list | tuple) and len(box) == 4:
            left, top, right, bottom = (int(v) for v in box)
            image = image.crop((max(0, left), max(0, top), min(image.width, right), min(image.height, bottom)))
            rendition = render_variant(image, None, target, max_bytes, list(formats))
        else:
            ratio = spec_ratio.ratio if spec_ratio else None
            rendition = render_variant(image, ratio, target, max_bytes, list(formats), focal=focal)
    except UserError as exc:
        raise OutboxError(_("{image}: {error}", image=label, error=exc)) from None
    ext = {"jpeg": ".jpg", "png": ".png", "webp": ".webp"}[rendition.format]
    target_path = out.with_suffix(ext)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    target_path.write_bytes(rendition.data)
    return target_path, rendition.mime, rendition.width, rendition.height


def _variant_payload(session: Session, pub: Publication, variant: Variant, account: Account,
                     media_root: Path, when: datetime | None, language: str | None) -> Payload:
    links = sorted(variant.media, key=lambda m: m.position)
    profile = profile_for_account(account, len(links))
    folder = outbox_dir(pub.idempotency_key)
    items: list[MediaItem] = []
    for i, link in enumerate(links):
        asset = link.asset
        source = _asset_path(media_root, asset)
        label = f"Image {i + 1} ({asset.original_name or source.name})"
        alt = link.alt_text or asset.alt_text or ""
        if profile is None:
            items.append(MediaItem(source, asset.mime, alt, _focal(asset), asset.width or None, asset.height or None))
            continue
        stem = re.sub(r"[^\w-]", "_", Path(asset.original_name or "image").stem)[:40]
        out = folder / f"{i + 1:02d}-{stem}"
        path, mime, w, h = _render_one(source, link.crop, profile, _focal(asset), out, label)
        items.append(MediaItem(path, mime, alt, _focal(asset), w, h))
    parts = tuple(str(p) for p in (variant.thread_parts or ()) if str(p).strip())
    text = variant.text or ""
    if parts and parts[0] != text:
        parts = (text, *parts) if text else parts
    return Payload(text=text if not parts else parts[0], parts=parts if len(parts) > 1 else (),
                   media=tuple(items), scheduled_at=when, language=language, title=variant.title or "")


def _article_payload(session: Session, article: Article, media_root: Path, when: datetime | None) -> Payload:
    items: list[MediaItem] = []
    featured: int | None = None
    if article.featured_media is not None:
        asset = article.featured_media
        items.append(MediaItem(_asset_path(media_root, asset), asset.mime, asset.alt_text or "", _focal(asset)))
        featured = 0
    by_sha: dict[str, int] = {}

    def resolve(src: str) -> str | None:
        m = _MEDIA_REF.match(src)
        if not m:
            return None
        sha = m.group(1)
        if sha not in by_sha:
            asset = session.query(MediaAsset).filter_by(workspace_id=article.workspace_id, sha256=sha).first()
            if asset is None:
                raise OutboxError(_("The article “{title}” uses an image that is not in the media library.",
                                    title=article.title))
            by_sha[sha] = len(items)
            items.append(MediaItem(_asset_path(media_root, asset), asset.mime, asset.alt_text or "", _focal(asset)))
        return _PLACEHOLDER.format(n=by_sha[sha])

    lang = article.language if article.language in ("fr", "en") else "fr"
    html = render_html(article.markdown or "", lang=lang, media_resolver=resolve).html
    for n in range(len(items)):
        html = html.replace(_PLACEHOLDER.format(n=n), f"cmstudio-media:{n}")
    return Payload(title=article.title or "", html=html, excerpt=article.excerpt or "", slug=article.slug or "",
                   tags=tuple(str(t) for t in article.tags or ()),
                   categories=tuple(str(c) for c in article.categories or ()), media=tuple(items),
                   featured_media=featured, scheduled_at=when, language=article.language or None,
                   link=article.canonical_url or None)


def build_payload(session: Session, pub: Publication, media_root: Path, *, native: bool = False) -> Payload:
    """The payload of `pub`; `native` hands the due time to the network (`Payload.scheduled_at`)."""
    account = session.get(Account, pub.account_id) if pub.account_id else None
    if account is None:
        raise OutboxError(_("The publication {id} has no account any more.", id=pub.id))
    when = pub.due_at if native else None
    workspace = session.get(Workspace, pub.workspace_id)
    if pub.variant_id is not None:
        variant = session.get(Variant, pub.variant_id)
        if variant is None or variant.deleted_at is not None:
            raise OutboxError(_("The post of publication {id} was deleted.", id=pub.id))
        article = variant.article
        language = (article.language if article else None) or (workspace.language if workspace else None)
        return _variant_payload(session, pub, variant, account, media_root, when, language)
    if pub.article_id is not None:
        article = session.get(Article, pub.article_id)
        if article is None or article.deleted_at is not None:
            raise OutboxError(_("The article of publication {id} was deleted.", id=pub.id))
        return _article_payload(session, article, media_root, when)
    raise OutboxError(_("The publication {id} has nothing to publish.", id=pub.id))


# ----------------------------------------------------------------------------- JSON record


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def payload_to_json(payload: Payload, scrub: Any = None) -> dict[str, Any]:
    """The exact payload as JSON (media described by file, type, size and SHA-256)."""
    clean = scrub or (lambda s: s)
    return {
        "text": clean(payload.text), "parts": [clean(p) for p in payload.parts],
        "media": [{"path": str(m.path), "file": m.path.name, "mime": m.mime, "alt": clean(m.alt),
                   "focal": list(m.focal) if m.focal else None, "width": m.width, "height": m.height,
                   "sha256": _digest(m.path)} for m in payload.media],
        "link": payload.link, "title": clean(payload.title), "html": clean(payload.html),
        "excerpt": clean(payload.excerpt), "slug": payload.slug, "tags": list(payload.tags),
        "categories": list(payload.categories), "featured_media": payload.featured_media,
        "scheduled_at": payload.scheduled_at.isoformat() if payload.scheduled_at else None,
        "language": payload.language,
    }


def payload_from_json(data: Mapping[str, Any]) -> Payload:
    """Rebuild a payload from its record (to verify or resend exactly what was prepared)."""
    media = tuple(MediaItem(Path(m["path"]), m["mime"], m.get("alt") or "",
                            tuple(m["focal"]) if m.get("focal") else None,  # type: ignore[arg-type]
                            m.get("width"), m.get("height")) for m in data.get("media") or ())
    when = data.get("scheduled_at")
    return Payload(text=data.get("text") or "", parts=tuple(data.get("parts") or ()), media=media,
                   link=data.get("link"), title=data.get("title") or "", html=data.get("html") or "",
                   excerpt=data.get("excerpt") or "", slug=data.get("slug") or "", tags=tuple(data.get("tags") or ()),
                   categories=tuple(data.get("categories") or ()), featured_media=data.get("featured_media"),
                   scheduled_at=datetime.fromisoformat(when) if when else None, language=data.get("language"))
