"""Markdown → safe HTML for the preview and for export.

Python-Markdown does the conversion (tables, fenced code, footnotes, heading ids, sane lists) and
nh3 (the ammonia sanitizer) then keeps only an allow-list of tags and attributes. What can never
come out: scripts or any active content (iframe, object, svg, form…), ``on*`` handlers, ``style``
attributes and ``<style>`` elements, ``javascript:``/``vbscript:``/``data:`` URLs — except
``data:image/{png,jpeg,gif,webp,avif}`` on ``<img src>`` so that a self-contained export can embed
its pictures. ``attr_list`` is not enabled: it would let the text set any attribute.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from cmstudio.core.slug import slugify
from cmstudio.core.textstats import word_count

MediaResolver = Callable[[str], "str | None"]
"""Maps an ``<img src>`` as written in the article to the URL to use, or None to keep it."""


@dataclass(frozen=True, slots=True)
class TocEntry:
    level: int
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class RenderResult:
    html: str
    toc: tuple[TocEntry, ...]
    words: int


_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "a", "img", "em", "strong", "b", "i", "u",
    "s", "del", "ins", "mark", "small", "sub", "sup", "code", "pre", "kbd", "samp", "var",
    "blockquote", "q", "cite", "abbr", "dfn", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead",
    "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "div", "span", "figure",
    "figcaption", "details", "summary", "time", "wbr",
}
_CLEAN_CONTENT = {
    "script", "style", "template", "noscript", "textarea", "title", "xmp", "iframe", "noembed",
    "noframes", "object", "select", "math", "svg",
}
_ID_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "sup", "li", "div", "span", "figure", "section")
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"title", "lang", "dir"},
    "a": {"href", "hreflang", "class", "id"},
    "img": {"src", "alt", "width", "height"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed"},
    "code": {"class"},
    "div": {"class"},
    "abbr": {"title"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "details": {"open"},
}
for _tag in _ID_TAGS:
    _ATTRIBUTES.setdefault(_tag, set()).add("id")

_URL_SCHEMES = {"http", "https", "mailto", "tel", "data", "file"}
_URL_ATTRS = {"href", "src", "cite"}
_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/=]*$", re.I)
_SAFE_ID = re.compile(r"^[A-Za-z_][\w:.-]{0,127}$")
_CODE_CLASS = re.compile(r"^language-[\w+#.-]{1,40}$")
_ALLOWED_CLASSES = {"div": {"footnote", "toc"}, "a": {"footnote-ref", "footnote-backref"}}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROLS = re.compile(r"[\x00-\x20\x7f]")

_BACKLINK_TITLE = {
    "fr": "Revenir à l’appel de note %d dans le texte",
    "en": "Back to reference %d in the text",
}


def _toc_slugify(value: str, separator: str) -> str:
    return slugify(value, max_length=64).replace("-", separator) or "section"


class _ImageResolver(Treeprocessor):
    """Rewrites Markdown image sources with the caller's resolver before sanitisation, so the
    resolved URL is vetted by the same rules as any other."""

    resolver: MediaResolver | None = None

    def run(self, root):  # type: ignore[no-untyped-def]
        if self.resolver is None:
            return None
        for img in root.iter("img"):
            src = img.get("src")
            if src:
                resolved = self.resolver(src)
                if resolved is not None:
                    img.set("src", resolved)
        return None


_local = threading.local()


def _converter(lang: str) -> tuple[markdown.Markdown, _ImageResolver]:
    """One Markdown instance per thread and language: building one costs more than a conversion."""
    cache: dict[str, tuple[markdown.Markdown, _ImageResolver]] = _local.__dict__.setdefault("converters", {})
    entry = cache.get(lang)
    if entry is None:
        md = markdown.Markdown(
            extensions=["tables", "fenced_code", "footnotes", "toc", "sane_lists"],
            extension_configs={
                "tables": {"use_align_attribute": True},
                "toc": {"slugify": _toc_slugify, "toc_depth": "1-6"},
                "footnotes": {"BACKLINK_TITLE": _BACKLINK_TITLE.get(lang, _BACKLINK_TITLE["en"])},
            },
            output_format="html",
        )
        images = _ImageResolver(md)
        md.treeprocessors.register(images, "cmstudio_images", 1)
        entry = cache[lang] = (md, images)
    entry[0].reset()
    return entry


def safe_url(url: str, *, image: bool = False) -> bool:
    """Whether ``url`` may appear in output: relative, http(s), mailto, tel; file: and data:image
    only for images."""
    # Browsers drop ASCII tabs, newlines and controls inside URLs: "java\tscript:" is a scheme.
    compact = _CONTROLS.sub("", url)
    m = _SCHEME.match(compact)
    if not m:
        return True
    scheme = m.group(1).lower()
    if scheme == "data":
        return image and bool(_DATA_IMAGE.match(compact))
    if scheme == "file":
        return image
    return scheme in _URL_SCHEMES


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "class":
        if tag == "code":
            return value if _CODE_CLASS.match(value) else None
        return value if value in _ALLOWED_CLASSES.get(tag, ()) else None
    if attr == "id":
        return value if _SAFE_ID.match(value) else None
    if attr in _URL_ATTRS:
        return value if safe_url(value, image=tag == "img" and attr == "src") else None
    return value


def sanitize_html(fragment: str) -> str:
    """Sanitize an HTML fragment with the same allow-list as rendered articles."""
    return nh3.clean(
        fragment,
        tags=_TAGS,
        clean_content_tags=_CLEAN_CONTENT,
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        strip_comments=True,
        link_rel="noopener",
        url_schemes=_URL_SCHEMES,
    )


def _flatten(tokens: list[dict], out: list[TocEntry]) -> None:
    for token in tokens:
        out.append(TocEntry(int(token["level"]), str(token["id"]), html.unescape(str(token["name"]))))
        _flatten(token.get("children", []), out)


def render_html(
    markdown_text: str, *, lang: str = "fr", media_resolver: MediaResolver | None = None
) -> RenderResult:
    """Render an article body: sanitized HTML, its table of contents and its word count.

    ``media_resolver`` rewrites the sources of Markdown images (``![alt](src)``), e.g. a media
    reference to a ``file:`` URL for the preview or a ``data:image`` URL for a self-contained export;
    what it returns is sanitised like any URL. Images written as raw HTML are not resolved.
    """
    md, images = _converter(lang)
    images.resolver = media_resolver
    try:
        raw = md.convert(markdown_text)
    finally:
        images.resolver = None
    entries: list[TocEntry] = []
    _flatten(getattr(md, "toc_tokens", []), entries)
    clean = sanitize_html(raw)
    return RenderResult(clean, tuple(entries), word_count(markdown_text))


@lru_cache(maxsize=1)
def blog_css() -> str:
    """The stylesheet embedded in exported articles (``core/data/blog.css``)."""
    return (Path(__file__).parent / "data" / "blog.css").read_text(encoding="utf-8")


_CSP = "default-src 'none'; img-src * data: file:; style-src 'unsafe-inline'"


def standalone_html(
    title: str, markdown_text: str, lang: str = "fr", *, media_resolver: MediaResolver | None = None
) -> str:
    """A complete HTML5 document for the article, with the blog stylesheet embedded.

    The page carries a Content-Security-Policy that forbids scripts, as a second fence behind the
    sanitizer.
    """
    result = render_html(markdown_text, lang=lang, media_resolver=media_resolver)
    lang_attr = lang if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", lang) else "und"
    safe_title = html.escape(title.strip(), quote=True)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang_attr}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{safe_title}</title>\n<style>\n{blog_css()}</style>\n</head>\n<body>\n"
        f'<article>\n<header><h1 class="title">{safe_title}</h1></header>\n'
        f"{result.html}\n</article>\n</body>\n</html>\n"
    )
