"""Workspace operations: one workspace per brand or client."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.models import Workspace, utcnow

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
LANGUAGES = ("fr", "en")


def validate_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UserError(_("“{name}” is not a known time zone (use an IANA name such as Europe/Paris).", name=name)) from exc
    return name


def timezone_names() -> list[str]:
    return sorted(available_timezones())


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    if "name" in fields:
        name = str(fields["name"]).strip()
        if not name:
            raise UserError(_("A workspace needs a name."))
        fields["name"] = name[:200]
    if "color" in fields and not _COLOR.match(str(fields["color"])):
        raise UserError(_("“{color}” is not a colour like #3b6ea5.", color=fields["color"]))
    if "timezone" in fields:
        validate_timezone(fields["timezone"])
    if "language" in fields and fields["language"] not in LANGUAGES:
        raise UserError(_("The language must be one of {choices}.", choices=", ".join(LANGUAGES)))
    if "hashtag_groups" in fields:
        groups = fields["hashtag_groups"]
        if not isinstance(groups, dict) or not all(isinstance(v, list) for v in groups.values()):
            raise UserError(_("Hashtag groups must map a group name to a list of hashtags."))
    return fields


def create_workspace(session: Session, name: str, **fields: Any) -> Workspace:
    workspace = Workspace(**_clean({"name": name, **fields}))
    session.add(workspace)
    session.flush()
    return workspace


def update_workspace(session: Session, workspace_id: int, **fields: Any) -> Workspace:
    workspace = get_workspace(session, workspace_id)
    for key, value in _clean(dict(fields)).items():
        setattr(workspace, key, value)
    session.flush()
    return workspace


def rename_workspace(session: Session, workspace_id: int, name: str) -> Workspace:
    return update_workspace(session, workspace_id, name=name)


def archive_workspace(session: Session, workspace_id: int, archived: bool = True) -> Workspace:
    workspace = get_workspace(session, workspace_id)
    workspace.archived_at = utcnow() if archived else None
    session.flush()
    return workspace


def set_workspace_logo(session: Session, workspace_id: int, media_root: Path, source: Path) -> Workspace:
    """Store the logo in the media library (content-addressed) and point the workspace at it."""
    from cmstudio.core.media import MediaStore

    stored = MediaStore(media_root).add(source, original_name=source.name)
    if stored.width is None:
        raise UserError(_("{name} is a video; a logo must be an image.", name=source.name))
    workspace = get_workspace(session, workspace_id)
    workspace.logo_sha256 = stored.sha256
    session.flush()
    return workspace


def logo_path(workspace: Workspace, media_root: Path) -> Path | None:
    """The logo file, or None when there is none (or it went missing from the media folder)."""
    if not workspace.logo_sha256:
        return None
    from cmstudio.core.media import MediaError, MediaStore

    try:
        return MediaStore(media_root).path_for(workspace.logo_sha256)
    except MediaError:
        return None


def get_workspace(session: Session, workspace_id: int) -> Workspace:
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise UserError(_("There is no workspace number {number}.", number=workspace_id))
    return workspace


def list_workspaces(session: Session, *, include_archived: bool = False) -> list[Workspace]:
    query = select(Workspace).order_by(Workspace.name, Workspace.id)
    if not include_archived:
        query = query.where(Workspace.archived_at.is_(None))
    return list(session.scalars(query))


def find_workspaces(session: Session, text: str) -> list[Workspace]:
    """Quick-switcher matching: every typed word must appear in the name, accents ignored."""
    from cmstudio.core.textfold import fold

    words = fold(text).split()
    return [w for w in list_workspaces(session) if all(word in fold(w.name) for word in words)]


def default_workspace(session: Session, preferred_id: int | None = None) -> Workspace | None:
    if preferred_id is not None:
        workspace = session.get(Workspace, preferred_id)
        if workspace is not None and workspace.archived_at is None:
            return workspace
    return session.scalars(
        select(Workspace).where(Workspace.archived_at.is_(None)).order_by(Workspace.id).limit(1)
    ).first()
