"""Compose a network variant of an article: hook, excerpt, tracked link, hashtags, signature.

Pure functions: the article and workspace come in as small dataclasses and a ``Draft`` comes out.
A draft never exceeds its network's limit: the excerpt is cut first (at a sentence, else a word,
with "…"), then hashtags, the signature and the hook give way, in that order.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote_plus, urlsplit, urlunsplit

import regex

from cmstudio.core.counting import CountResult, count
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.networks import LinkBehaviour, NetworkProfile
from cmstudio.core.textstats import plain_text

DEFAULT_UTM_TEMPLATE = "utm_source={network}&utm_medium=social&utm_campaign={slug}"
ELLIPSIS = "…"
_LINK_IN_BIO = {"fr": "Lien en bio", "en": "Link in bio"}
_WORD = regex.compile(r"[\p{L}\p{M}\p{Nd}]+")
_SENTENCE_END = regex.compile(r"(?<=[.!?…][»\"”’)\]]*)\s+|\n\s*\n")
_SPACE = regex.compile(r"\s+")
_TRAILING_PUNCT = regex.compile(r"[\s,;:.!?…\-–—(«\"“]+$")


class AdaptError(UserError, ValueError):
    """The article or workspace settings cannot make a draft."""


@dataclass(frozen=True)
class ArticleInput:
    """What the composer needs from an article."""

    title: str
    excerpt: str = ""
    body_markdown: str = ""
    url: str = ""
    slug: str = ""
    tags: Sequence[str] = ()
    hook_sentence: str | None = None


@dataclass(frozen=True)
class WorkspaceInput:
    """What the composer needs from the workspace (brand)."""

    utm_template: str = DEFAULT_UTM_TEMPLATE
    signature: str = ""
    hashtag_groups: Mapping[str, Sequence[str]] = field(default_factory=dict)
    selected_groups: Sequence[str] = ()


@dataclass(frozen=True)
class Draft:
    """A composed variant. ``link`` is the tracked URL even when it is not in ``text``
    (Instagram: to put in the bio; Pinterest: the pin's link field). ``dropped`` names what was
    left out to fit: "excerpt", "hashtags", "signature", "hook", "link"."""

    network_id: str
    text: str
    hook: str
    excerpt: str
    link: str
    hashtags: tuple[str, ...]
    signature: str
    title: str
    truncated: bool
    dropped: tuple[str, ...]
    count: CountResult


@dataclass(frozen=True)
class DiffOp:
    """One step of a word-level diff: tag is "equal", "insert", "delete" or "replace"."""

    tag: str
    old: str
    new: str


def hashtagify(tag: str) -> str | None:
    """A tag as a hashtag: "Réseaux sociaux" → "#RéseauxSociaux"; None if it has no letter.

    Several words become PascalCase (readable, and screen readers say each word); accents stay.
    """
    words = _WORD.findall(unicodedata.normalize("NFC", tag))
    if not words:
        return None
    body = words[0] if len(words) == 1 else "".join(w[:1].upper() + w[1:] for w in words)
    if not regex.search(r"\p{L}", body):
        return None
    return "#" + body


def collect_hashtags(article: ArticleInput, workspace: WorkspaceInput, limit: int | None) -> list[str]:
    """Article tags then the selected workspace groups, without duplicates, at most ``limit``."""
    sources: list[str] = list(article.tags)
    for name in workspace.selected_groups:
        if name not in workspace.hashtag_groups:
            raise AdaptError(_("The hashtag group “{name}” does not exist in this workspace.", name=name))
        sources.extend(workspace.hashtag_groups[name])
    seen: set[str] = set()
    out: list[str] = []
    for source in sources:
        tag = hashtagify(source)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return out if limit is None else out[:limit]


def add_utm(url: str, template: str, *, network: str, slug: str) -> str:
    """``url`` with the template's tracking parameters, keeping its query and fragment.

    Parameters already in the URL with the same name are replaced; others are kept as written.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise AdaptError(_("The article link “{url}” is not a web address (http:// or https://).", url=url))
    if not template.strip():
        return urlunsplit(parts)
    try:
        pairs = [(k, v.format(network=network, slug=slug)) for k, v in parse_qsl(template, keep_blank_values=True)]
    except (KeyError, IndexError, ValueError) as exc:
        raise AdaptError(
            _(
                "The tracking template “{template}” uses an unknown placeholder; only {{network}} and "
                "{{slug}} are available.",
                template=template,
            )
        ) from exc
    names = {k for k, _ in pairs}
    kept = [p for p in parts.query.split("&") if p and unquote_plus(p.split("=", 1)[0]) not in names]
    added = [f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs]
    return urlunsplit(parts._replace(query="&".join(kept + added)))


def _first_paragraphs(article: ArticleInput) -> str:
    """The excerpt, or the body's opening prose when there is none."""
    if article.excerpt.strip():
        return _SPACE.sub(" ", article.excerpt).strip()
    paragraphs = []
    for block in regex.split(r"\n\s*\n", article.body_markdown):
        stripped = block.strip()
        if not stripped or stripped.startswith(("#", "```", "~~~", "!", "|", ">", "<")):
            continue
        text = _SPACE.sub(" ", plain_text(stripped)).strip()
        if text and text != article.title.strip():
            paragraphs.append(text)
        if sum(len(p) for p in paragraphs) > 600:
            break
    return " ".join(paragraphs)


def _assemble(*blocks: str) -> str:
    return "\n\n".join(b for b in blocks if b)


def _fits(profile: NetworkProfile, text: str) -> bool:
    return count(profile, text).fits


def _word_cut(text: str, end: int) -> str:
    return _TRAILING_PUNCT.sub("", text[:end]) + ELLIPSIS


def _fit_chars(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word with "…" when needed (titles)."""
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    space = text.rfind(" ", 0, limit)
    cut = _word_cut(text, space) if space > 0 else ""
    return cut if 1 < len(cut) <= limit else text[: limit - 1] + ELLIPSIS


def _longest_fitting(candidates: Sequence[str], make: Callable[[str], str],
                     profile: NetworkProfile) -> str | None:
    """The longest candidate whose assembled post fits (binary search, then checked)."""
    lo, hi = 0, len(candidates) - 1
    best = -1
    while lo <= hi:
        mid = (lo + hi) // 2
        if _fits(profile, make(candidates[mid])):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    while best >= 0 and not _fits(profile, make(candidates[best])):
        best -= 1
    return candidates[best] if best >= 0 else None


class _Cuts(Sequence[str]):
    """Shortenings of a text at given end offsets, built on demand (shortest first)."""

    def __init__(self, text: str, ends: list[int], ellipsis: bool) -> None:
        self._text, self._ends, self._ellipsis = text, ends, ellipsis

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, index):  # type: ignore[override]
        end = self._ends[index]
        return _word_cut(self._text, end) if self._ellipsis else self._text[:end].rstrip()


def shorten_to_fit(text: str, make: Callable[[str], str], profile: NetworkProfile) -> str | None:
    """The longest shortening of ``text`` for which ``make(shortened)`` fits ``profile``.

    A cut after a whole sentence is preferred unless a word cut keeps much more of the text.
    """
    sentence_ends = [m.start() for m in _SENTENCE_END.finditer(text) if text[: m.start()].strip()]
    word_ends = [m.start() for m in _SPACE.finditer(text)
                 if _TRAILING_PUNCT.sub("", text[: m.start()])]
    by_sentence = _longest_fitting(_Cuts(text, sentence_ends, False), make, profile)
    by_word = _longest_fitting(_Cuts(text, word_ends, True), make, profile)
    if by_sentence and (not by_word or len(by_sentence) >= 0.6 * len(by_word)):
        return by_sentence
    return by_word


def compose_draft(
    article: ArticleInput, profile: NetworkProfile, *, lang: str, workspace: WorkspaceInput
) -> Draft:
    """A ready-to-edit variant of ``article`` for ``profile`` that fits its limit."""
    if lang not in _LINK_IN_BIO:
        raise AdaptError(_("Unsupported language “{lang}”: use “fr” or “en”.", lang=lang))
    hook = _SPACE.sub(" ", (article.hook_sentence or article.title or "")).strip()
    excerpt = _first_paragraphs(article)
    if excerpt == hook:
        excerpt = ""
    link = ""
    if article.url.strip():
        link = add_utm(article.url, workspace.utm_template, network=profile.utm_source or profile.id,
                       slug=article.slug)
    if profile.link_field or not link:
        link_line = ""
    elif profile.link_behaviour is LinkBehaviour.NOT_CLICKABLE:
        link_line = _LINK_IN_BIO[lang]
    else:
        link_line = link
    hashtags = collect_hashtags(article, workspace, profile.hashtag_limit)
    signature = workspace.signature.strip()
    title = ""
    if profile.title_limit is not None:
        title = _fit_chars(hook, profile.title_limit)
    dropped: list[str] = []

    def build(ex: str, tags: Sequence[str], sig: str, hk: str, ln: str) -> str:
        return _assemble(hk, ex, ln, " ".join(tags), sig)

    text = build(excerpt, hashtags, signature, hook, link_line)
    truncated = False
    if not _fits(profile, text) and excerpt:
        cut = shorten_to_fit(excerpt, lambda ex: build(ex, hashtags, signature, hook, link_line), profile)
        truncated = True
        if cut is None:
            dropped.append("excerpt")
        excerpt = cut or ""
        text = build(excerpt, hashtags, signature, hook, link_line)
    while not _fits(profile, text) and hashtags:
        hashtags = hashtags[:-1]
        if "hashtags" not in dropped:
            dropped.append("hashtags")
        text = build(excerpt, hashtags, signature, hook, link_line)
    if not _fits(profile, text) and signature:
        signature, text = "", build(excerpt, hashtags, "", hook, link_line)
        dropped.append("signature")
    if not _fits(profile, text) and hook:
        cut = shorten_to_fit(hook, lambda hk: build(excerpt, hashtags, signature, hk, link_line), profile)
        truncated = True
        if cut is None:
            dropped.append("hook")
        hook = cut or ""
        text = build(excerpt, hashtags, signature, hook, link_line)
    if not _fits(profile, text) and link_line:
        link_line, text = "", build(excerpt, hashtags, signature, hook, "")
        dropped.append("link")
    if not _fits(profile, text):
        text, hook, excerpt, hashtags, signature = "", "", "", [], ""
    return Draft(
        network_id=profile.id, text=text, hook=hook, excerpt=excerpt, link=link,
        hashtags=tuple(hashtags), signature=signature, title=title, truncated=truncated,
        dropped=tuple(dropped), count=count(profile, text),
    )


_TOKEN = regex.compile(r"\s+|[^\s]+")


def diff_from_article(old_draft_text: str, new_draft_text: str) -> list[DiffOp]:
    """Word-level changes from the current draft to one recomposed from the updated article."""
    old_tokens = _TOKEN.findall(old_draft_text)
    new_tokens = _TOKEN.findall(new_draft_text)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    return [
        DiffOp(tag, "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
