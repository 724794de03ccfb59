"""Article services: create, edit with revisions, trash, search (import and export: article_io).

Every function takes a SQLAlchemy session (the caller's unit of work commits), does one operation
and returns what it changed, so the editor, the CLI and the tests share one engine.

Revisions are coalesced: an edit updates the newest revision in place while it is younger than the
coalescing window and has the same reason, so autosaving every few seconds keeps one revision per
editing session instead of thousands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmstudio.core.article_rows import (
    SORT_KEYS as SORT_KEYS,  # re-exported: the list's rows are defined in article_rows
)
from cmstudio.core.article_rows import (
    SUMMARY_COLUMNS,
    ArticleError,
    ArticleQuery,
    ArticleSummary,
    check_query,
    select_rows,
    sorted_tags,
    summary,
)
from cmstudio.core.article_rows import aware as _aware
from cmstudio.core.i18n import _
from cmstudio.core.models import Article, ArticleRevision, MediaAsset, Workspace
from cmstudio.core.models.content import ARTICLE_STATUSES
from cmstudio.core.slug import slugify, unique_slug
from cmstudio.core.textfold import fold

REVISION_WINDOW = timedelta(minutes=10)
MEDIA_PREFIX = "media:"
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)
_SHA = re.compile(r"^[0-9a-f]{64}$")


def utcnow() -> datetime:
    return datetime.now(UTC)


# -- reading ----------------------------------------------------------------------------------------
def get_article(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise ArticleError(_("Article {article_id} does not exist.", article_id=article_id))
    return article


_fold_cache: dict[tuple[int, datetime | None], str] = {}


def _folded_body(article_id: int, updated: datetime | None, markdown: str) -> str:
    """Folding bodies is the costly part of a search; keep the result until the article changes."""
    key = (article_id, updated)
    value = _fold_cache.get(key)
    if value is None:
        if len(_fold_cache) > 20_000:
            _fold_cache.clear()
        value = _fold_cache[key] = fold(markdown)
    return value


def list_articles(
    session: Session, workspace_id: int, query: ArticleQuery | None = None
) -> list[ArticleSummary]:
    """Articles of a workspace matching ``query``: accent- and case-insensitive search in title and
    body, all words required; filters by status, tag and language; trash or not.

    Only the list's columns are read (no ORM objects); bodies only when there is a search text."""
    query = check_query(query)
    columns = [getattr(Article, name) for name in SUMMARY_COLUMNS]
    stmt = select(*columns).where(Article.workspace_id == workspace_id)
    stmt = stmt.where(Article.deleted_at.is_not(None) if query.trashed else Article.deleted_at.is_(None))
    if query.status:
        stmt = stmt.where(Article.status == query.status)
    if query.language:
        stmt = stmt.where(Article.language == query.language)
    bodies: dict[int, str] = {}
    if query.text.strip():
        stmt = stmt.add_columns(Article.markdown)
        rows = []
        for *values, markdown in session.execute(stmt):
            rows.append(summary(*values))
            bodies[rows[-1].id] = markdown or ""
    else:
        rows = [summary(*values) for values in session.execute(stmt)]

    def folded_body(row: ArticleSummary) -> str:
        return _folded_body(row.id, row.updated_at, bodies.get(row.id, ""))

    return select_rows(rows, query, folded_body)


def summary_of(a: Article) -> ArticleSummary:
    """The list row of an article."""
    return summary(*(getattr(a, name) for name in SUMMARY_COLUMNS))


def workspace_tags(session: Session, workspace_id: int) -> list[str]:
    """Every tag used by a live article of the workspace, in alphabetical (folded) order."""
    stmt = select(Article.tags).where(Article.workspace_id == workspace_id, Article.deleted_at.is_(None))
    return sorted_tags(session.scalars(stmt))


# -- writing ----------------------------------------------------------------------------------------
def _clean_list(values: Iterable[Any], what: str) -> list[str]:
    if isinstance(values, str):
        values = values.split(",")
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = str(value).strip()
        if text.startswith("#") and what == "tags":
            text = text[1:].strip()
        if text and fold(text) not in seen:
            seen.add(fold(text))
            out.append(text)
    return out


def _existing_slugs(session: Session, workspace_id: int, exclude: int | None = None) -> set[str]:
    stmt = select(Article.slug).where(Article.workspace_id == workspace_id)
    if exclude is not None:
        stmt = stmt.where(Article.id != exclude)
    return set(session.scalars(stmt))


def _apply(session: Session, article: Article, fields: dict[str, Any]) -> None:
    """Validate and set metadata fields; unknown names are a programming error."""
    allowed = {
        "title",
        "slug",
        "markdown",
        "excerpt",
        "tags",
        "categories",
        "language",
        "status",
        "canonical_url",
        "featured_media_id",
        "publish_at",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown article fields: {sorted(unknown)}")
    if "title" in fields:
        article.title = str(fields["title"]).strip()[:300]
    if "markdown" in fields:
        article.markdown = str(fields["markdown"])
    if "excerpt" in fields:
        article.excerpt = str(fields["excerpt"]).strip()
    if "tags" in fields:
        article.tags = _clean_list(fields["tags"], "tags")
    if "categories" in fields:
        article.categories = _clean_list(fields["categories"], "categories")
    if "language" in fields:
        lang = str(fields["language"]).strip()
        if not _LANG.match(lang):
            raise ArticleError(_("“{lang}” is not a language code such as fr or en.", lang=lang))
        article.language = lang
    if "status" in fields:
        if fields["status"] not in ARTICLE_STATUSES:
            raise ArticleError(
                _(
                    "“{status}” is not a status; use one of {choices}.",
                    status=fields['status'], choices=', '.join(ARTICLE_STATUSES),
                )
            )
        article.status = fields["status"]
    if "canonical_url" in fields:
        url = str(fields["canonical_url"] or "").strip()
        if url and not _URL.match(url):
            raise ArticleError(_("“{url}” is not a web address starting with https:// or http://.", url=url))
        article.canonical_url = url
    if "featured_media_id" in fields:
        media_id = fields["featured_media_id"]
        if media_id is not None:
            asset = session.get(MediaAsset, int(media_id))
            if asset is None or asset.workspace_id != article.workspace_id:
                raise ArticleError(_("The featured image is not in this workspace's media library."))
        article.featured_media_id = media_id
    if "publish_at" in fields:
        when = fields["publish_at"]
        if when is not None and when.tzinfo is None:
            raise ArticleError(_("The publication time must carry a time zone."))
        article.publish_at = when
    if "slug" in fields:
        wanted = slugify(str(fields["slug"] or "")) or slugify(article.title)
        article.slug = unique_slug(
            wanted or "article", _existing_slugs(session, article.workspace_id, article.id)
        )


def create_article(
    session: Session,
    workspace_id: int,
    *,
    title: str = "",
    markdown: str = "",
    reason: str = "created",
    **fields: Any,
) -> Article:
    """A new article (status draft, the workspace's language unless given) with a first revision."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise ArticleError(_("Workspace {workspace_id} does not exist.", workspace_id=workspace_id))
    article = Article(
        workspace_id=workspace_id,
        title="",
        markdown="",
        language=workspace.language,
        status="draft",
        tags=[],
        categories=[],
    )
    session.add(article)
    fields.setdefault("slug", fields.get("slug") or title)
    _apply(session, article, {"title": title, "markdown": markdown, **fields})
    article.revisions.append(ArticleRevision(title=article.title, markdown=article.markdown, reason=reason))
    session.flush()
    return article


def update_article(
    session: Session,
    article_id: int,
    *,
    reason: str = "autosave",
    window: timedelta = REVISION_WINDOW,
    now: datetime | None = None,
    **fields: Any,
) -> Article:
    """Change an article; when its text or title changed, record it in a (coalesced) revision."""
    article = get_article(session, article_id)
    before = (article.title, article.markdown)
    _apply(session, article, fields)
    if (article.title, article.markdown) != before or reason not in ("autosave", "meta"):
        record_revision(session, article, reason=reason, window=window, now=now)
    article.updated_at = now or utcnow()
    session.flush()
    return article


def record_revision(
    session: Session,
    article: Article,
    *,
    reason: str = "autosave",
    window: timedelta = REVISION_WINDOW,
    now: datetime | None = None,
) -> ArticleRevision:
    """Keep the article's current text in a revision: the newest one if it is recent and has the same
    reason, a new one otherwise."""
    now = now or utcnow()
    last = session.scalars(
        select(ArticleRevision)
        .where(ArticleRevision.article_id == article.id)
        .order_by(ArticleRevision.id.desc())
        .limit(1)
    ).first()
    if last is not None and last.reason == reason and now - (_aware(last.created_at) or now) < window:
        last.title, last.markdown = article.title, article.markdown
        return last
    revision = ArticleRevision(
        article_id=article.id, title=article.title, markdown=article.markdown, reason=reason, created_at=now
    )
    session.add(revision)
    session.flush()
    return revision


def list_revisions(session: Session, article_id: int) -> list[ArticleRevision]:
    """Revisions of an article, newest first."""
    get_article(session, article_id)
    stmt = select(ArticleRevision).where(ArticleRevision.article_id == article_id)
    return list(session.scalars(stmt.order_by(ArticleRevision.id.desc())))


def restore_revision(session: Session, article_id: int, revision_id: int) -> Article:
    """Bring back a revision's text. The text being replaced is kept as its own revision first, so a
    restore can itself be undone from the history."""
    article = get_article(session, article_id)
    revision = session.get(ArticleRevision, revision_id)
    if revision is None or revision.article_id != article_id:
        raise ArticleError(_(
            "Revision {revision_id} does not belong to article {article_id}.",
            revision_id=revision_id, article_id=article_id,
        ))
    record_revision(session, article, reason="before-restore", window=timedelta(0))
    article.title, article.markdown = revision.title, revision.markdown
    record_revision(session, article, reason="restore", window=timedelta(0))
    article.updated_at = utcnow()
    session.flush()
    return article


def duplicate_article(session: Session, article_id: int, *, lang: str = "fr") -> Article:
    """A draft copy of an article (text, metadata and tags), titled “Copie de …” / “Copy of …”."""
    source = get_article(session, article_id)
    title = f"Copie de {source.title}" if lang == "fr" else f"Copy of {source.title}"
    return create_article(
        session,
        source.workspace_id,
        title=title,
        markdown=source.markdown,
        reason="duplicate",
        excerpt=source.excerpt,
        tags=list(source.tags or ()),
        categories=list(source.categories or ()),
        language=source.language,
        canonical_url="",
        featured_media_id=source.featured_media_id,
    )


def trash_article(session: Session, article_id: int) -> Article:
    article = get_article(session, article_id)
    article.deleted_at = article.deleted_at or utcnow()
    session.flush()
    return article


def restore_article(session: Session, article_id: int) -> Article:
    article = get_article(session, article_id)
    article.deleted_at = None
    session.flush()
    return article


def purge_article(session: Session, article_id: int) -> None:
    """Delete for good an article that is already in the trash."""
    article = get_article(session, article_id)
    if article.deleted_at is None:
        raise ArticleError(
            _(
                "“{title}” is not in the trash; move it there before deleting it for good.",
                title=article.title,
            )
        )
    session.delete(article)
    session.flush()


def empty_trash(session: Session, workspace_id: int) -> int:
    stmt = select(Article).where(Article.workspace_id == workspace_id, Article.deleted_at.is_not(None))
    articles = list(session.scalars(stmt))
    for article in articles:
        session.delete(article)
    session.flush()
    return len(articles)


_MOVED_TO_IO = {
    "MAX_IMPORT_BYTES", "ExportOptions", "export_html", "export_markdown", "find_media", "french_typography",
    "import_markdown", "import_markdown_file", "media_path", "media_resolver", "preview_html",
    "read_markdown_text",
}


def __getattr__(name: str) -> Any:
    """Import and export live in :mod:`cmstudio.core.article_io`; they stay reachable from here,
    loaded lazily because article_io itself builds on this module."""
    if name in _MOVED_TO_IO:
        from cmstudio.core import article_io

        return getattr(article_io, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
