"""Bluesky rich-text facets: links, mentions and hashtags located by UTF-8 *byte* offsets.

Bluesky posts carry no markup; decorations are facets pointing at byte ranges of the UTF-8 text
(inclusive start, exclusive end). Rules follow https://docs.bsky.app/docs/advanced-guides/post-richtext
and the lexicon https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/richtext/facet.json
(tag: at most 64 graphemes and 640 bytes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import regex

SpanKind = Literal["link", "mention", "tag"]

# A URL starts the text or follows a space or an opening parenthesis; trailing punctuation that
# ends a sentence is not part of it.
_URL = regex.compile(r"(?:^|(?<=[\s(]))(https?://[^\s]+)")
_URL_TRAILING = ".,;:!?'\"»”’…"

# Handle syntax: https://atproto.com/specs/handle
_MENTION = regex.compile(r"(?:^|(?<=[\s(]))@([a-zA-Z0-9.-]+)")
_HANDLE = regex.compile(
    r"^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$"
)

# Hashtags as the official client detects them: '#' or full-width '＃' after a start or a space,
# not made only of digits and punctuation; invisible separators end the tag. U+FEFF is listed
# because JavaScript's \s (the official client's) includes it and Python's does not.
_INVISIBLE = "\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2\ufeff"
_TAG = regex.compile(
    rf"(?:^|(?<=\s))[#＃]((?!\ufe0f)[^\s{_INVISIBLE}]*[^\d\s\p{{P}}{_INVISIBLE}]+[^\s{_INVISIBLE}]*)"
)
_TRAILING_PUNCT = regex.compile(r"\p{P}+$")
MAX_TAG_GRAPHEMES = 64
MAX_TAG_BYTES = 640


@dataclass(frozen=True)
class Span:
    """A decorated piece of text, in *character* indices of the Python string."""

    kind: SpanKind
    start: int
    end: int
    value: str


def _strip_url(url: str) -> str:
    while url and url[-1] in _URL_TRAILING:
        url = url[:-1]
    if url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


def find_spans(text: str) -> list[Span]:
    """Links, mentions and hashtags of `text`, in order, never overlapping."""
    spans: list[Span] = []
    for m in _URL.finditer(text):
        url = _strip_url(m.group(1))
        if len(url) > len("https://"):
            spans.append(Span("link", m.start(1), m.start(1) + len(url), url))
    for m in _MENTION.finditer(text):
        handle = m.group(1).rstrip(".-")
        if _HANDLE.match(handle):
            spans.append(Span("mention", m.start(), m.start(1) + len(handle), handle.lower()))
    for m in _TAG.finditer(text):
        tag = _TRAILING_PUNCT.sub("", m.group(1))
        if not tag or len(regex.findall(r"\X", tag)) > MAX_TAG_GRAPHEMES:
            continue
        if len(tag.encode("utf-8")) > MAX_TAG_BYTES:
            continue
        spans.append(Span("tag", m.start(), m.start(1) + len(tag), tag))
    spans.sort(key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def byte_range(text: str, start: int, end: int) -> tuple[int, int]:
    """The UTF-8 byte offsets of the characters `start`..`end` of `text`."""
    byte_start = len(text[:start].encode("utf-8"))
    return byte_start, byte_start + len(text[start:end].encode("utf-8"))


def build_facets(
    text: str, resolve_handle: Callable[[str], str | None] | None = None
) -> list[dict[str, Any]]:
    """The ``facets`` array of an ``app.bsky.feed.post`` record for `text`.

    `resolve_handle` maps a handle to its DID (None when unknown); mentions it cannot resolve are
    left as plain text, as the official client does.
    """
    facets: list[dict[str, Any]] = []
    for span in find_spans(text):
        if span.kind == "link":
            feature: dict[str, Any] = {"$type": "app.bsky.richtext.facet#link", "uri": span.value}
        elif span.kind == "mention":
            did = resolve_handle(span.value) if resolve_handle else None
            if not did:
                continue
            feature = {"$type": "app.bsky.richtext.facet#mention", "did": did}
        else:
            feature = {"$type": "app.bsky.richtext.facet#tag", "tag": span.value}
        start, end = byte_range(text, span.start, span.end)
        facets.append({"index": {"byteStart": start, "byteEnd": end}, "features": [feature]})
    return facets
