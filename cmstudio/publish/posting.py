"""Scheduling a post from plain inputs (text or a Markdown file, image files): the `post` command.

A text becomes a variant of the account's network (so it shows in the calendar like any post),
its images go to the workspace media library; an article file is imported as an article and sent
as a blog post to a blog account, or as the network's adapted variant to a social account.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from cmstudio.core.articles import import_markdown_file
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.media import MediaStore
from cmstudio.core.models import Account, Article, MediaAsset, Publication, Variant, VariantMedia, Workspace
from cmstudio.core.timezones import parse_user_datetime
from cmstudio.core.variants_service import create_drafts
from cmstudio.publish import engine
from cmstudio.publish.accounts import find_account
from cmstudio.publish.outbox import profile_for_account


def is_blog(account: Account) -> bool:
    """A blog account takes whole articles (no social network profile behind it)."""
    return account.connector_id != "manual" and profile_for_account(account, 0) is None


def _asset(session: Session, media_root: Path, workspace_id: int, path: Path, alt: str) -> MediaAsset:
    if not path.is_file():
        raise UserError(_("The image {path} does not exist.", path=path))
    stored = MediaStore(media_root).add(path, original_name=path.name)
    if stored.width is None:
        raise UserError(_("{path} is not an image.", path=path))
    asset = session.query(MediaAsset).filter_by(workspace_id=workspace_id, sha256=stored.sha256).first()
    if asset is None:
        asset = MediaAsset(workspace_id=workspace_id, sha256=stored.sha256, original_name=path.name,
                           mime=stored.mime, width=stored.width or 0, height=stored.height or 0, size=stored.size,
                           alt_text=alt)
        session.add(asset)
        session.flush()
    elif alt and not asset.alt_text:
        asset.alt_text = alt
    return asset


def schedule_from_cli(session: Session, media_root: Path, *, account: str, text: str | None = None,
                      article: Path | None = None, images: Sequence[Mapping[str, Any]] = (), at: str | None = None,
                      native: bool = False) -> Publication:
    """Create what to publish and queue it; returns the publication (flushed, with its id)."""
    acc = find_account(session, account)
    workspace = session.get(Workspace, acc.workspace_id)
    assert workspace is not None
    due: datetime | None = None
    if at:
        try:
            due = parse_user_datetime(at, workspace.timezone)
        except (ValueError, UserError) as exc:
            raise UserError(_("“{text}” is not a date and time such as 2026-05-01T09:30 ({error}).",
                              text=at, error=exc)) from None
    assets = [_asset(session, media_root, acc.workspace_id, Path(i["path"]).expanduser(), str(i.get("alt") or ""))
              for i in images]
    alts = [str(i.get("alt") or "") for i in images]
    if text is not None and not text.strip() and not assets:
        raise UserError(_("There is nothing to publish: the text is empty."))
    if article is not None:
        art = import_markdown_file(session, acc.workspace_id, article)
        if assets:
            art.featured_media_id = assets[0].id
        session.flush()
        if is_blog(acc):
            return engine.schedule(session, account_id=acc.id, article_id=art.id, due_at=due, native=native)
        profile = profile_for_account(acc, len(assets))
        [variant] = create_drafts(session, acc.workspace_id, art.id, [profile.id if profile else acc.network])
        variant.account_id = acc.id
        for i, asset in enumerate(assets[1:], start=1):
            variant.media.append(VariantMedia(media_id=asset.id, position=i, alt_text=alts[i]))
    elif is_blog(acc):
        title, _sep, body = (text or "").strip().partition("\n")
        art = Article(workspace_id=acc.workspace_id, title=title.strip(), markdown=body.strip() or title.strip(),
                      featured_media_id=assets[0].id if assets else None, status="scheduled")
        session.add(art)
        session.flush()
        return engine.schedule(session, account_id=acc.id, article_id=art.id, due_at=due, native=native)
    else:
        profile = profile_for_account(acc, len(assets))
        variant = Variant(workspace_id=acc.workspace_id, network=profile.id if profile else acc.network,
                          account_id=acc.id, text=text or "", status="scheduled")
        session.add(variant)
        for i, asset in enumerate(assets):
            variant.media.append(VariantMedia(media_id=asset.id, position=i, alt_text=alts[i]))
    variant.status, variant.scheduled_at = "scheduled", due or engine.utcnow()
    session.flush()
    return engine.schedule(session, account_id=acc.id, variant_id=variant.id, due_at=due, native=native)
