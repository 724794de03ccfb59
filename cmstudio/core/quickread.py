"""A read-only first look at a workspace file with the standard library's sqlite3.

The studio's first view (the workspace's articles, the latest one open in the editor) is read with
this module while SQLAlchemy (about a quarter of a second to import) is loaded after the window is
shown. It is used only when it is certainly safe: a plain ``sqlite:///`` file that exists, is SQLite,
is already at this version's schema (:data:`cmstudio.core.db.SCHEMA_HEAD`) and holds a workspace.
Anything else (a new or older file, a server URL, an unreadable file) returns ``None`` and the caller
opens the database the normal way, with its checks, copy aside, migrations and clear messages.

Values come back as the ORM gives them: aware UTC datetimes, JSON lists decoded. A test compares
every reader here with its SQLAlchemy counterpart on the same file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cmstudio.core.article_rows import (
    SUMMARY_COLUMNS,
    ArticleQuery,
    ArticleSummary,
    check_query,
    select_rows,
    sorted_tags,
    summary,
)
from cmstudio.core.db import SCHEMA_HEAD, SQLITE_MAGIC, resolve_url
from cmstudio.core.textfold import fold

_PREFIX = "sqlite:///"
ARTICLE_COLUMNS = (
    "id", "workspace_id", "title", "slug", "markdown", "excerpt", "tags", "categories", "language",
    "status", "canonical_url", "featured_media_id", "publish_at", "deleted_at", "created_at", "updated_at",
)


def sqlite_file(url: str | None) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL (or a bare path); None for anything fancier
    (a server, ``:memory:``, query options, percent-escapes), which only SQLAlchemy should read."""
    url = resolve_url(url)
    if not url.startswith(_PREFIX) or any(c in url for c in "?%#"):
        return None
    name = url[len(_PREFIX):]
    if name in ("", ":memory:"):
        return None
    return Path(name).expanduser()


def _time(value: str | None) -> datetime | None:
    """SQLAlchemy keeps UTC datetimes in SQLite as naive ``YYYY-MM-DD HH:MM:SS.ffffff`` text."""
    if value is None:
        return None
    return datetime.fromisoformat(f"{value}+00:00")


def _json(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def _tags(value: str | None, cache: dict[str | None, tuple[str, ...]]) -> tuple[str, ...]:
    """A JSON list of tags; many articles share the same list, so each text is decoded once."""
    found = cache.get(value)
    if found is None:
        found = cache[value] = tuple(str(t) for t in _json(value) or ())
    return found


@dataclass(frozen=True)
class ArticleRecord:
    """An article's fields, as the editor reads them from the ORM's ``Article``."""

    id: int
    workspace_id: int
    title: str
    slug: str
    markdown: str
    excerpt: str
    tags: list[str]
    categories: list[str]
    language: str
    status: str
    canonical_url: str
    featured_media_id: int | None
    publish_at: datetime | None
    deleted_at: datetime | None
    created_at: datetime | None
    updated_at: datetime | None


@dataclass(frozen=True)
class MediaRow:
    id: int
    sha256: str
    original_name: str
    alt_text: str


class QuickRead:
    """A read-only connection on an up-to-date workspace file. Use from one thread, then close."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._conn = connection
        self._tag_lists: dict[str | None, tuple[str, ...]] = {}
        self._live_tags: dict[int, list[str]] = {}  # by workspace, found while listing its articles

    @classmethod
    def open(cls, url: str | None) -> QuickRead | None:
        """A reader when ``url`` is a current, non-empty SQLite workspace file; otherwise None."""
        path = sqlite_file(url)
        if path is None or not path.is_file():
            return None
        try:
            with path.open("rb") as handle:
                if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                    return None
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        except (OSError, sqlite3.Error):
            return None
        try:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            has_workspace = conn.execute("SELECT 1 FROM workspaces LIMIT 1").fetchone()
        except sqlite3.Error:
            conn.close()
            return None
        if not version or version[0] != SCHEMA_HEAD or not has_workspace:
            conn.close()
            return None
        return cls(path, conn)

    def close(self) -> None:
        self._conn.close()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, params).fetchall()

    # -- workspaces -----------------------------------------------------------------------------
    def default_workspace_id(self, preferred: int | None = None) -> int:
        """As :func:`cmstudio.core.workspaces.default_workspace`: the preferred one if it is live,
        else the first live workspace; 0 when there is none."""
        if preferred is not None:
            row = self._rows("SELECT id FROM workspaces WHERE id = ? AND archived_at IS NULL", (preferred,))
            if row:
                return int(row[0][0])
        row = self._rows("SELECT id FROM workspaces WHERE archived_at IS NULL ORDER BY id LIMIT 1")
        return int(row[0][0]) if row else 0

    def workspaces(self) -> list[tuple[int, str, str]]:
        """(id, name, colour) of the live workspaces, as ``list_workspaces`` orders them."""
        return [
            (int(i), str(name), str(color))
            for i, name, color in self._rows(
                "SELECT id, name, color FROM workspaces WHERE archived_at IS NULL ORDER BY name, id"
            )
        ]

    def personal_dictionary(self, workspace_id: int) -> list[str]:
        row = self._rows("SELECT personal_dictionary FROM workspaces WHERE id = ?", (workspace_id,))
        return [str(w) for w in (_json(row[0][0]) or ())] if row else []

    # -- articles -------------------------------------------------------------------------------
    def article_summaries(self, workspace_id: int, query: ArticleQuery | None = None) -> list[ArticleSummary]:
        """As :func:`cmstudio.core.articles.list_articles`."""
        query = check_query(query)
        columns = ", ".join(SUMMARY_COLUMNS)
        searching = bool(query.text.strip())
        sql = f"SELECT {columns}{', markdown' if searching else ''} FROM articles WHERE workspace_id = ?"
        params: list[Any] = [workspace_id]
        sql += " AND deleted_at IS NOT NULL" if query.trashed else " AND deleted_at IS NULL"
        if query.status:
            sql += " AND status = ?"
            params.append(query.status)
        if query.language:
            sql += " AND language = ?"
            params.append(query.language)
        rows: list[ArticleSummary] = []
        bodies: dict[int, str] = {}
        for r in self._rows(sql, params):
            rows.append(summary(r[0], r[1], r[2], r[3], r[4], _tags(r[5], self._tag_lists), r[6],
                                _time(r[7]), _time(r[8]), _time(r[9]), _time(r[10])))
            if searching:
                bodies[r[0]] = r[11] or ""
        if not (query.trashed or query.status or query.language):
            self._live_tags[workspace_id] = sorted_tags(row.tags for row in rows)
        return select_rows(rows, query, lambda row: fold(bodies.get(row.id, "")))

    def workspace_tags(self, workspace_id: int) -> list[str]:
        """As :func:`cmstudio.core.articles.workspace_tags`."""
        if workspace_id in self._live_tags:  # this reader lives for the first paint only
            return list(self._live_tags[workspace_id])
        rows = self._rows("SELECT tags FROM articles WHERE workspace_id = ? AND deleted_at IS NULL", (workspace_id,))
        return sorted_tags(_tags(r[0], self._tag_lists) for r in rows)

    def article(self, article_id: int) -> ArticleRecord | None:
        rows = self._rows(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        values = dict(zip(ARTICLE_COLUMNS, rows[0], strict=True))
        for name in ("tags", "categories"):
            values[name] = [str(v) for v in (_json(values[name]) or ())]
        for name in ("publish_at", "deleted_at", "created_at", "updated_at"):
            values[name] = _time(values[name])
        for name in ("title", "slug", "markdown", "excerpt", "canonical_url"):
            values[name] = values[name] or ""
        return ArticleRecord(**values)

    def media(self, workspace_id: int) -> list[MediaRow]:
        """The workspace's media library, oldest first (as the editor lists it)."""
        return [
            MediaRow(int(i), str(sha), name or "", alt or "")
            for i, sha, name, alt in self._rows(
                "SELECT id, sha256, original_name, alt_text FROM media_assets WHERE workspace_id = ? ORDER BY id",
                (workspace_id,),
            )
        ]
