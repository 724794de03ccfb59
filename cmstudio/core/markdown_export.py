"""Export every article as a folder of Markdown files that a static-site generator can read.

Layout (one workspace)::

    DIR/<slug>.md            YAML front matter (title, date, slug, tags, description, draft…)
    DIR/images/<sha>.<ext>   the pictures the articles use, once each

With several workspaces, each gets its own sub-folder ``DIR/<workspace-slug>/`` with that layout.
``media:<sha256>`` links (in the text and in the front matter's ``image``) become ``images/<sha>.<ext>``
(or ``<image_base><sha>.<ext>``): relative links read well in any Markdown viewer; a site that
serves the pictures from its root passes ``image_base="/images/"`` and copies ``images/`` to Hugo's
``static/images/`` (https://gohugo.io/content-management/static-files/) or to Jekyll's site root
(https://jekyllrb.com/docs/static-files/). Jekyll posts in ``_posts`` must be named
``YYYY-MM-DD-title.md`` (https://jekyllrb.com/docs/posts/), which ``dated_names`` gives.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmstudio.core.article_io import export_markdown, media_path
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.models import Article, Workspace
from cmstudio.core.slug import slugify

_MEDIA_LINK = re.compile(r"media:([0-9a-f]{64})")
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,150}$")


class ExportError(UserError, ValueError):
    """The articles cannot be exported; the message says why."""


@dataclass
class ExportSummary:
    folder: Path
    articles: int = 0
    images: int = 0
    missing_images: list[str] = field(default_factory=list)  # SHA-256 of pictures not in the media folder
    files: list[Path] = field(default_factory=list)


def export_articles(session: Session, media_dir: Path, out: Path, *, workspace_id: int | None = None,
                    image_base: str = "images/", dated_names: bool = False) -> ExportSummary:
    """Write the articles of one workspace (or all, one sub-folder each) under `out`."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ExportError(_("{path} is a file; choose a folder to export the articles into.", path=out))
    if workspace_id is not None:
        workspace = session.get(Workspace, workspace_id)
        if workspace is None:
            raise ExportError(_("There is no workspace {id}.", id=workspace_id))
        targets = [(workspace, out)]
    else:
        workspaces = list(session.scalars(select(Workspace).order_by(Workspace.id)))
        if len(workspaces) == 1:
            targets = [(workspaces[0], out)]
        else:
            names = _unique([slugify(w.name) or f"workspace-{w.id}" for w in workspaces])
            targets = [(w, out / name) for w, name in zip(workspaces, names, strict=True)]
    summary = ExportSummary(folder=out)
    try:
        for workspace, folder in targets:
            _export_workspace(session, workspace, media_dir, folder, image_base, dated_names, summary)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise ExportError(_("The disk is full: the export into {path} stopped after {count} articles.",
                                path=out, count=summary.articles)) from exc
        raise ExportError(_("The articles cannot be written into {path}: {error}.", path=out,
                            error=exc.strerror or exc)) from exc
    return summary


def _export_workspace(session: Session, workspace: Workspace, media_dir: Path, folder: Path, image_base: str,
                      dated_names: bool, summary: ExportSummary) -> None:
    stmt = (select(Article).where(Article.workspace_id == workspace.id, Article.deleted_at.is_(None))
            .order_by(Article.id))
    articles = list(session.scalars(stmt))
    folder.mkdir(parents=True, exist_ok=True)
    names = _unique([_file_stem(a, dated_names) for a in articles])
    copied: dict[str, str | None] = {}
    for article, name in zip(articles, names, strict=True):
        text = export_markdown(session, article.id)

        def link(match: re.Match[str]) -> str:
            sha = match.group(1)
            if sha not in copied:
                copied[sha] = _copy_image(media_dir, sha, folder / "images", summary)
            return f"{image_base}{copied[sha]}" if copied[sha] else match.group(0)

        text = _MEDIA_LINK.sub(link, text)
        target = folder / f"{name}.md"
        partial = target.with_name(f".{target.name}.partial")
        partial.write_text(text, encoding="utf-8", newline="\n")
        os.replace(partial, target)
        summary.articles += 1
        summary.files.append(target)


def _copy_image(media_dir: Path, sha: str, images: Path, summary: ExportSummary) -> str | None:
    source = media_path(media_dir, sha)
    if source is None:
        summary.missing_images.append(sha)
        return None
    images.mkdir(parents=True, exist_ok=True)
    target = images / source.name
    if not (target.is_file() and target.stat().st_size == source.stat().st_size):
        shutil.copyfile(source, target)
    summary.images += 1
    return source.name


def _file_stem(article: Article, dated: bool) -> str:
    stem = article.slug if _SAFE_NAME.match(article.slug or "") else slugify(article.title or "")
    stem = stem or f"article-{article.id}"
    if dated:
        when = article.publish_at or article.created_at
        stem = f"{when:%Y-%m-%d}-{stem}"
    return stem


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for name in names:
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            candidate = f"{name}-{n}"
        seen.add(candidate)
        result.append(candidate)
    return result
