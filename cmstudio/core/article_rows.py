"""Rows of the article list, without the ORM: the summary, the query, filtering and sorting.

Shared by :func:`cmstudio.core.articles.list_articles` (SQLAlchemy) and :mod:`cmstudio.core.quickread`
(the standard library's sqlite3, used for the studio's first paint), so both list the same articles
in the same order. Importing this module costs next to nothing: no SQLAlchemy, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.textfold import fold

# The same tuple as cmstudio.core.models.content.ARTICLE_STATUSES (a test keeps them equal); repeated
# here so that the article list can be built before SQLAlchemy is loaded.
ARTICLE_STATUSES = ("idea", "draft", "ready", "scheduled", "published")
SORT_KEYS = ("updated", "created", "title", "status", "publish_at")
# Column order of a summary row, in both readers.
SUMMARY_COLUMNS = (
    "id", "title", "slug", "status", "language", "tags", "excerpt",
    "updated_at", "created_at", "publish_at", "deleted_at",
)


class ArticleError(UserError, ValueError):
    """An article operation cannot be done; the message says why in one sentence."""


@dataclass(frozen=True)
class ArticleQuery:
    """What the article list shows: a search text, filters and an order."""

    text: str = ""
    status: str | None = None
    tag: str | None = None
    language: str | None = None
    trashed: bool = False
    sort: str = "updated"
    descending: bool = True


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the article list (no body: the list stays light with thousands of articles)."""

    id: int
    title: str
    slug: str
    status: str
    language: str
    tags: tuple[str, ...]
    excerpt: str
    updated_at: datetime
    created_at: datetime
    publish_at: datetime | None
    deleted_at: datetime | None


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def check_query(query: ArticleQuery | None) -> ArticleQuery:
    query = query or ArticleQuery()
    if query.sort not in SORT_KEYS:
        raise ArticleError(_(
            "Unknown sort order “{sort}”; use one of {choices}.",
            sort=query.sort, choices=', '.join(SORT_KEYS),
        ))
    return query


def summary(
    id: int,  # noqa: A002 - the column's name
    title: str,
    slug: str,
    status: str,
    language: str,
    tags: Iterable[Any] | None,
    excerpt: str | None,
    updated_at: datetime | None,
    created_at: datetime | None,
    publish_at: datetime | None,
    deleted_at: datetime | None,
) -> ArticleSummary:
    """A list row from the values of :data:`SUMMARY_COLUMNS`, in that order (tags: a tuple of
    strings is taken as is)."""
    created = aware(created_at) or utcnow()
    return ArticleSummary(
        id,
        title or "",
        slug or "",
        status,
        language,
        tags if type(tags) is tuple else tuple(str(t) for t in tags or ()),
        excerpt or "",
        aware(updated_at) or created,
        created,
        aware(publish_at),
        aware(deleted_at),
    )


def select_rows(
    rows: Iterable[ArticleSummary], query: ArticleQuery, folded_body: Callable[[ArticleSummary], str]
) -> list[ArticleSummary]:
    """The rows matching the query's tag and search words (status, language and trash are filtered by
    the database), in the query's order. ``folded_body`` gives an article's folded text, asked only
    when a word is not in the title."""
    tag = fold(query.tag) if query.tag else None
    words = fold(query.text).split()
    out: list[ArticleSummary] = []
    for row in rows:
        if tag is not None and tag not in {fold(t) for t in row.tags}:
            continue
        if words:
            title = fold(row.title)
            body: str | None = None
            ok = True
            for word in words:
                if word in title:
                    continue
                if body is None:
                    body = folded_body(row)
                if word not in body:
                    ok = False
                    break
            if not ok:
                continue
        out.append(row)
    out.sort(key=sort_key(query.sort), reverse=query.descending)
    return out


def sort_key(sort: str) -> Any:
    never = datetime.min.replace(tzinfo=UTC)
    if sort == "title":
        return lambda s: fold(s.title)
    if sort == "status":
        return lambda s: (
            ARTICLE_STATUSES.index(s.status) if s.status in ARTICLE_STATUSES else 99,
            s.updated_at,
        )
    if sort == "created":
        return lambda s: s.created_at
    if sort == "publish_at":
        return lambda s: s.publish_at or never
    return lambda s: s.updated_at


def sorted_tags(tag_lists: Iterable[Iterable[Any] | None]) -> list[str]:
    """Every tag of the given articles once (the first spelling met), in folded alphabetical order."""
    seen: dict[str, str] = {}
    folded: dict[str, str] = {}  # a few dozen tags over thousands of articles: fold each once
    for tags in tag_lists:
        for tag in tags or ():
            text = str(tag)
            key = folded.get(text)
            if key is None:
                key = folded[text] = fold(text)
            seen.setdefault(key, text)
    return [seen[k] for k in sorted(seen)]
