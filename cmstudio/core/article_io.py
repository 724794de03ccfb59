"""Articles in and out of the studio: Markdown files with front matter (Hugo/Jekyll), standalone
HTML pages, the editor's preview HTML, and French typography applied to rendered text.

Bad files (binary, not UTF-8, too large, malformed front matter) raise a :class:`UserError` whose
message names the file; nothing is created then.
"""

from __future__ import annotations

import base64
import html as html_lib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmstudio.core.articles import (
    _LANG,
    _SHA,
    _URL,
    MEDIA_PREFIX,
    ArticleError,
    _aware,
    create_article,
    get_article,
    utcnow,
)
from cmstudio.core.frontmatter import ExportArticle, parse_markdown, to_markdown_with_front_matter
from cmstudio.core.i18n import _
from cmstudio.core.models import Article, MediaAsset, Workspace
from cmstudio.core.render import MediaResolver, render_html, standalone_html

MAX_IMPORT_BYTES = 10 * 1024 * 1024
"""Largest Markdown file imported: a very long book chapter is ~1 MB; beyond 10 MB it is not prose."""


# -- import -----------------------------------------------------------------------------------------
def read_markdown_text(path: Path | str, *, max_bytes: int = MAX_IMPORT_BYTES) -> str:
    """The text of a Markdown file, refusing what is not UTF-8 text of a sensible size."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(
                _(
                    "{file}: the file is {size_mb:.0f} MB; a Markdown article can be at most {max_mb} MB.",
                    file=path.name, size_mb=size / 1048576, max_mb=max_bytes // 1048576,
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(_(
            "{file}: the file cannot be read ({reason}).",
            file=path.name, reason=exc.strerror or exc,
        )) from exc
    if b"\x00" in data[:65536]:
        raise ArticleError(_("{file}: this is not a text file (it holds binary data).", file=path.name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            _(
                "{file}: the file is not UTF-8 text (byte {position}); save it as UTF-8 and import it again.",
                file=path.name, position=exc.start,
            )
        ) from exc


def import_markdown(
    session: Session,
    workspace_id: int,
    text: str,
    *,
    source_name: str = "article.md",
    now: datetime | None = None,
) -> Article:
    """Create an article from Markdown with YAML/TOML front matter (Hugo/Jekyll keys)."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise ArticleError(_("Workspace {workspace_id} does not exist.", workspace_id=workspace_id))
    doc = parse_markdown(text, source_name=source_name)
    now = now or utcnow()
    tz = ZoneInfo(workspace.timezone)
    when = doc.date.replace(tzinfo=tz) if doc.date and doc.date.tzinfo is None else doc.date
    status, publish_at = "draft", None
    if not doc.draft and when is not None:
        status, publish_at = ("published" if when <= now else "scheduled"), when.astimezone(UTC)
    fields: dict[str, Any] = {
        "tags": doc.tags,
        "categories": doc.categories,
        "excerpt": doc.excerpt or "",
        "status": status,
        "publish_at": publish_at,
        "slug": doc.slug or doc.title,
    }
    if doc.lang:
        lang = doc.lang.replace("_", "-").split("-")[0].lower()
        if _LANG.match(lang):
            fields["language"] = lang
    if doc.canonical_url and _URL.match(doc.canonical_url.strip()):
        fields["canonical_url"] = doc.canonical_url.strip()
    if doc.image and doc.image.startswith(MEDIA_PREFIX):
        asset = find_media(session, workspace_id, doc.image[len(MEDIA_PREFIX) :])
        if asset is not None:
            fields["featured_media_id"] = asset.id
    return create_article(
        session, workspace_id, title=doc.title, markdown=doc.body, reason="import", **fields
    )


def import_markdown_file(session: Session, workspace_id: int, path: Path | str) -> Article:
    """Import one ``.md`` file; any problem raises :class:`UserError` naming the file."""
    path = Path(path)
    return import_markdown(session, workspace_id, read_markdown_text(path), source_name=path.name)


# -- export -----------------------------------------------------------------------------------------
def find_media(session: Session, workspace_id: int, sha256: str) -> MediaAsset | None:
    if not _SHA.match(sha256):
        return None
    stmt = select(MediaAsset).where(MediaAsset.workspace_id == workspace_id, MediaAsset.sha256 == sha256)
    return session.scalars(stmt).first()


def media_path(media_dir: Path, sha256: str) -> Path | None:
    """The file of a content-addressed image (``<dir>/<ab>/<sha>.<ext>``), whatever its extension."""
    if not _SHA.match(sha256):
        return None
    folder = Path(media_dir) / sha256[:2]
    for candidate in sorted(folder.glob(f"{sha256}.*")) if folder.is_dir() else ():
        if candidate.suffix != ".tmp":
            return candidate
    return None


_MIME_BY_SUFFIX = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
}


def media_resolver(media_dir: Path | None, *, embed: bool = False) -> MediaResolver:
    """Resolve ``media:<sha256>`` to a file URL (preview) or a data URL (self-contained export)."""

    def resolve(src: str) -> str | None:
        if not src.startswith(MEDIA_PREFIX) or media_dir is None:
            return None
        path = media_path(media_dir, src[len(MEDIA_PREFIX) :])
        if path is None:
            return None
        if not embed:
            return path.resolve().as_uri()
        mime = _MIME_BY_SUFFIX.get(path.suffix.lower())
        if mime is None:
            return None
        return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"

    return resolve


_TEXT_NODE = re.compile(r"(<(pre|code)\b.*?</\2>|<[^>]+>)", re.S | re.I)
_BEFORE = re.compile(r"(?<=[^\s\u00a0\u202f])[ \u00a0]?([;!?])|(?<=[^\s\u00a0\u202f\d/:])[ \u00a0]?(:)(?!//)")
_OPEN_QUOTE = re.compile(r"«[ \u00a0]?")
_CLOSE_QUOTE = re.compile(r"[ \u00a0]?»")


def _french_text(text: str) -> str:
    # Imprimerie nationale, « Lexique des règles typographiques en usage à l'Imprimerie nationale »:
    # thin no-break space before ; ! ?, no-break space before : and inside « ».
    def before(m: re.Match[str]) -> str:
        if m.group(1):
            return "\u202f" + m.group(1)
        return "\u00a0" + m.group(2)

    text = _BEFORE.sub(before, text)
    text = _OPEN_QUOTE.sub("«\u00a0", text)
    return _CLOSE_QUOTE.sub("\u00a0»", text)


def french_typography(html: str) -> str:
    """Add the no-break spaces of French typography to the text of rendered HTML (never inside tags,
    code or entities); the Markdown source is left as written."""
    parts = _TEXT_NODE.split(html)
    out: list[str] = []
    i = 0
    while i < len(parts):
        chunk = parts[i]
        if i % 3 == 0:
            unescaped = html_lib.unescape(chunk)
            out.append(
                html_lib.escape(_french_text(unescaped), quote=False)
                if unescaped != chunk or any(c in chunk for c in ";:!?«»")
                else chunk
            )
            i += 1
        else:
            out.append(chunk)
            i += 2
    return "".join(out)


@dataclass
class ExportOptions:
    media_dir: Path | None = None
    french_typography: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def export_markdown(session: Session, article_id: int) -> str:
    """The article as Markdown with YAML front matter that Hugo and Jekyll read."""
    a = get_article(session, article_id)
    image = f"{MEDIA_PREFIX}{a.featured_media.sha256}" if a.featured_media is not None else None
    return to_markdown_with_front_matter(
        ExportArticle(
            title=a.title,
            body=a.markdown,
            date=_aware(a.publish_at),
            updated=_aware(a.updated_at),
            slug=a.slug,
            tags=list(a.tags or ()),
            categories=list(a.categories or ()),
            excerpt=a.excerpt or None,
            draft=a.status not in ("scheduled", "published"),
            lang=a.language,
            canonical_url=a.canonical_url or None,
            image=image,
        )
    )


def export_html(session: Session, article_id: int, options: ExportOptions | None = None) -> str:
    """A standalone, sanitized HTML page with the blog stylesheet and the pictures embedded."""
    options = options or ExportOptions()
    a = get_article(session, article_id)
    page = standalone_html(
        a.title, a.markdown, a.language, media_resolver=media_resolver(options.media_dir, embed=True)
    )
    if options.french_typography:
        start, end = page.index("<body>"), page.index("</body>")
        page = page[:start] + french_typography(page[start:end]) + page[end:]
    return page


def preview_html(markdown_text: str, lang: str, media_dir: Path | None, *, french: bool = False) -> str:
    """The body HTML shown in the editor's preview (images as local file URLs)."""
    body = render_html(markdown_text, lang=lang, media_resolver=media_resolver(media_dir)).html
    return french_typography(body) if french else body
