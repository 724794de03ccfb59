"""Import and export Markdown files with Hugo/Jekyll front matter.

Import reads YAML (``---``) or TOML (``+++``) front matter, tolerates a byte-order mark, CRLF line
ends and files without any front matter (the title then comes from a leading ``# Heading`` or the
file name). Export writes YAML front matter with keys both static-site generators understand.

Key names and their meaning:
* Hugo front matter: https://gohugo.io/content-management/front-matter/ (title, date, lastmod,
  publishDate, slug, tags, categories, description, summary, draft, images).
* Jekyll front matter: https://jekyllrb.com/docs/front-matter/ (title, date, slug, tags,
  categories, excerpt, published); jekyll-seo-tag reads ``description``, ``image``,
  ``canonical_url`` (https://github.com/jekyll/jekyll-seo-tag/blob/master/docs/usage.md).
* ``canonicalURL`` and ``cover.image`` are the Hugo PaperMod theme's spelling
  (https://github.com/adityatelange/hugo-PaperMod/wiki/Variables).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.textstats import outline


class FrontMatterError(UserError, ValueError):
    """A Markdown file cannot be imported; the message names the file and, if known, the line."""

    def __init__(self, message: str, *, source: str, line: int | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.line = line


@dataclass
class ImportedArticle:
    """What an imported file says. ``date`` may be naive: it is then in the workspace's time zone."""

    title: str
    body: str
    source_name: str
    slug: str | None = None
    date: datetime | None = None
    updated: datetime | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    excerpt: str | None = None
    draft: bool = False
    lang: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    front_matter_format: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ExportArticle:
    """What to write; ``date`` and ``updated`` must carry a time zone (ISO 8601 with offset)."""

    title: str
    body: str
    date: datetime | None = None
    updated: datetime | None = None
    slug: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    excerpt: str | None = None
    draft: bool = False
    lang: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


_YAML_START = re.compile(r"\A---[ \t]*\n")
_YAML_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_TOML_START = re.compile(r"\A\+\+\+[ \t]*\n")
_TOML_END = re.compile(r"^\+\+\+[ \t]*$", re.M)
_JEKYLL_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")

_KNOWN = {
    "title", "date", "publishdate", "pubdate", "lastmod", "modified", "updated", "slug", "url",
    "tags", "categories", "category", "description", "excerpt", "summary", "draft", "published",
    "lang", "language", "locale", "canonical", "canonicalurl", "canonical_url", "image",
    "featured_image", "images", "cover",
}


def read_markdown_file(path: Path | str) -> ImportedArticle:
    """Import one Markdown file; raises :class:`FrontMatterError` with the file's name."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FrontMatterError(_(
            "{file}: the file cannot be read ({reason}).",
            file=path.name, reason=exc.strerror,
        ), source=path.name) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return parse_markdown(text, source_name=path.name)


def parse_markdown(text: str, *, source_name: str = "article.md") -> ImportedArticle:
    """Import Markdown text; ``source_name`` is used in errors and for a fallback title."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, Any] = {}
    fmt: str | None = None
    body = text
    yaml_start, toml_start = _YAML_START.match(text), _TOML_START.match(text)
    if yaml_start:
        end = _YAML_END.search(text, yaml_start.end())
        if end is None:
            raise FrontMatterError(
                _(
                    "{source_name}, line 1: the front matter opened with --- is never closed by a --- line.",
                    source_name=source_name,
                ),
                source=source_name, line=1,
            )
        meta = _load_yaml(text[yaml_start.end():end.start()], source_name)
        body, fmt = text[end.end():], "yaml"
    elif toml_start:
        end = _TOML_END.search(text, toml_start.end())
        if end is None:
            raise FrontMatterError(
                _(
                    "{source_name}, line 1: the front matter opened with +++ is never closed by a +++ line.",
                    source_name=source_name,
                ),
                source=source_name, line=1,
            )
        meta = _load_toml(text[toml_start.end():end.start()], source_name)
        body, fmt = text[end.end():], "toml"
    body = body.lstrip("\n")
    return _build(meta, body, source_name, fmt)


def _load_yaml(block: str, source: str) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark is not None and context_mark.line + 2 != line:
            problem += f", {context} started on line {context_mark.line + 2}"
        where = f", line {line}" if line else ""
        raise FrontMatterError(
            _(
                "{source}{where}: the front matter is not valid YAML ({problem}).",
                source=source, where=where, problem=problem,
            ), source=source, line=line
        ) from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise FrontMatterError(
            _(
                "{source}, line 2: the front matter must be a list of 'key: value' lines.",
                source=source,
            ), source=source, line=2
        )
    return {str(k): v for k, v in loaded.items()}


def _load_toml(block: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) + 1 if m else None
        where = f", line {line}" if line else ""
        raise FrontMatterError(
            _(
                "{source}{where}: the front matter is not valid TOML ({error}).",
                source=source, where=where, error=exc,
            ), source=source, line=line
        ) from exc


def _build(meta: dict[str, Any], body: str, source: str, fmt: str | None) -> ImportedArticle:
    lower = {k.lower(): v for k, v in meta.items()}

    def first(*keys: str) -> Any:
        for key in keys:
            value = lower.get(key)
            if value not in (None, "", []):
                return value
        return None

    stem = Path(source).stem
    jekyll = _JEKYLL_NAME.match(stem)
    title = _text(first("title"))
    if not title:
        title, body = _title_from_body(body)
    if not title:
        name = jekyll.group(4) if jekyll else stem
        title = re.sub(r"[-_]+", " ", name).strip().capitalize() or source

    when = _to_datetime(first("date", "publishdate", "pubdate"), source, "date")
    if when is None and jekyll:
        when = datetime(int(jekyll.group(1)), int(jekyll.group(2)), int(jekyll.group(3)))
    cover = lower.get("cover")
    image = first("image", "featured_image") or (cover.get("image") if isinstance(cover, dict) else None)
    if image is None and isinstance(lower.get("images"), list) and lower["images"]:
        image = lower["images"][0]
    draft = first("draft")
    published = lower.get("published")
    return ImportedArticle(
        title=title,
        body=body,
        source_name=source,
        slug=_text(first("slug")),
        date=when,
        updated=_to_datetime(first("lastmod", "modified", "updated"), source, "lastmod"),
        tags=_str_list(first("tags")),
        categories=_str_list(first("categories", "category")),
        excerpt=_text(first("description", "excerpt", "summary")),
        draft=bool(draft) if draft is not None else published is False,
        lang=_text(first("lang", "language", "locale")),
        canonical_url=_text(first("canonical_url", "canonicalurl", "canonical")),
        image=_text(image),
        front_matter_format=fmt,
        extra={k: v for k, v in meta.items() if k.lower() not in _KNOWN},
    )


def _title_from_body(body: str) -> tuple[str, str]:
    """Title from a leading level-1 heading, removed from the body so it is not shown twice."""
    for heading in outline(body)[:1]:
        if heading.level != 1:
            break
        lines = body.split("\n")
        if any(line.strip() for line in lines[: heading.line]):
            return heading.title, body
        end = heading.line + 1
        if end < len(lines) and re.fullmatch(r" {0,3}=+[ \t]*", lines[end]):
            end += 1
        return heading.title, "\n".join(lines[end:]).lstrip("\n")
    return "", body


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _str_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    seen: list[str] = []
    for item in items:
        text = str(item).strip()
        if text and text not in seen:
            seen.append(text)
    return seen


def _to_datetime(value: Any, source: str, key: str) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise FrontMatterError(
            _(
                "{source}: the {key} “{text}” is not a date (expected e.g. 2027-03-14T09:30:00+01:00).",
                source=source, key=key, text=text,
            ),
            source=source,
        ) from None


def _iso(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(_(
            "The {name} date of the article must carry a time zone to be exported.",
            name=name,
        ))
    return value.replace(microsecond=0)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_datetime(dumper: yaml.SafeDumper, value: datetime) -> yaml.Node:
    # Emitted as a plain YAML timestamp "2027-03-14T09:30:00+01:00": Hugo and Jekyll both parse it.
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(datetime, _represent_datetime)


def to_markdown_with_front_matter(article: ExportArticle) -> str:
    """The article as a Markdown file with YAML front matter that Hugo and Jekyll both read."""
    meta: dict[str, Any] = {"title": article.title}
    if article.date is not None:
        meta["date"] = _iso(article.date, "publication")
    if article.updated is not None:
        meta["lastmod"] = _iso(article.updated, "update")
    if article.slug:
        meta["slug"] = article.slug
    if article.excerpt:
        meta["description"] = article.excerpt
    if article.tags:
        meta["tags"] = list(article.tags)
    if article.categories:
        meta["categories"] = list(article.categories)
    if article.lang:
        meta["lang"] = article.lang
    if article.canonical_url:
        meta["canonical_url"] = article.canonical_url
        meta["canonicalURL"] = article.canonical_url
    if article.image:
        meta["image"] = article.image
        meta["images"] = [article.image]
    meta["draft"] = bool(article.draft)
    for key, value in article.extra.items():
        meta.setdefault(key, value)
    front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                      width=1000)
    body = article.body.replace("\r\n", "\n")
    if not body.endswith("\n"):
        body += "\n"
    return f"---\n{front}---\n\n{body}"
