"""Find links, hashtags and mentions in post text, the way the networks do.

Link detection follows twitter-text v3 (https://github.com/twitter/twitter-text, the reference the
X counter is specified against), including links written without a scheme such as
``exemple.fr/page``. Mastodon and the publishing code reuse the same extraction. Indices are
Python string indices (code points); ``end`` is exclusive.

Also here: grapheme clusters (user-perceived characters) counted without walking every
character, which Bluesky's and Mastodon's counters need on each keystroke.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

# Blocks none of whose characters can join a grapheme cluster with a neighbour (none is CR,
# Extend, ZWJ, SpacingMark, Prepend, Hangul or Regional_Indicator in UAX #29's rules GB3-GB13,
# https://www.unicode.org/reports/tr29/#Grapheme_Cluster_Boundary_Rules; a test checks this
# against the regex module's tables). Between two such characters there is always a cluster
# boundary, so clusters only need finding in the windows around the other characters. Plain
# ``re`` classes, because regex's property classes cost ~0.1 µs per character.
_SIMPLE = (
    "\x00-\x0c\x0e-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u1fff\u2010-\u2027\u2030-\u205e"
    "\u2070-\u20cf\u2100-\u2bff\u3000-\u3029\u3030-\u303f\u3041-\u3096\u309b-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff9d\U0001f000-\U0001f1e5\U0001f200-\U0001f3fa"
    "\U0001f400-\U0001faff"
)
_CLUSTER_WINDOW = re.compile(f"[{_SIMPLE}]?[^{_SIMPLE}]+(?:[{_SIMPLE}][^{_SIMPLE}]+)*[{_SIMPLE}]?")
_GRAPHEME = regex.compile(r"\X")

_TLD_FILE = Path(__file__).parent / "data" / "tlds.txt"

# Character classes of twitter-text's regexp/ directory (Apache-2.0), rewritten for Python.
_SPACES = "\\x09-\\x0D\\x20\\x85\\xA0\\u1680\\u180E\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"
_INVALID_CHARS = "\\uFFFE\\uFEFF\\uFFFF"
_DIRECTIONAL = "\\u202A-\\u202E\\u061C\\u200E\\u200F\\u2066\\u2067\\u2068\\u2069"
_PUNCT = "!'#%&'()*+,\\\\\\-./:;<=>?@\\[\\]^_{|}~$"
_LATIN_ACCENTS = (
    "\\xC0-\\xD6\\xD8-\\xF6\\xF8-\\xFF\\u0100-\\u024F\\u0253\\u0254\\u0256\\u0257\\u0259\\u025B"
    "\\u0263\\u0268\\u026F\\u0272\\u0289\\u028B\\u02BB\\u0300-\\u036F\\u1E00-\\u1EFF"
)
_CYRILLIC = "\\u0400-\\u04FF"

_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID_CHARS}{_DIRECTIONAL}]"
_PRECEDING = f"(?:[^A-Za-z0-9@＠$#＃{_INVALID_CHARS}]|[{_DIRECTIONAL}]|^)"
_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\\u2013_~&|@{_LATIN_ACCENTS}]"
_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"(?:[+\\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|{_PARENS})"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHAR = "[a-z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|]"
_QUERY_END = "[a-z0-9\\-_&=#/]"
_TLD_END = "(?=[^a-zA-Z0-9@+-]|$)"
_MAX_URL_LENGTH = 4096
_MAX_LABEL_LENGTH = 63
_MAX_TCO_SLUG_LENGTH = 40


def grapheme_count(text: str) -> int:
    """User-perceived characters (extended grapheme clusters)."""
    if text.isascii():
        return len(text) - text.count("\r\n")
    total = len(text)
    for window in _CLUSTER_WINDOW.findall(text):
        total -= len(window) - len(_GRAPHEME.findall(window))
    return total


def cluster_start(text: str, n: int) -> int | None:
    """Index where the cluster numbered ``n`` (from 0) of ``text`` starts; None if there are ≤ n."""
    if text.isascii() and "\r" not in text:
        return n if n < len(text) else None
    pos = seen = 0
    for window in _CLUSTER_WINDOW.finditer(text):
        if seen + window.start() - pos > n:
            return pos + n - seen
        seen += window.start() - pos
        for cluster in _GRAPHEME.finditer(window.group(0)):
            if seen == n:
                return window.start() + cluster.start()
            seen += 1
        pos = window.end()
    return pos + n - seen if seen + len(text) - pos > n else None


@dataclass(frozen=True)
class UrlEntity:
    """A link found in text; ``has_scheme`` is False for ``exemple.fr/page``."""

    url: str
    start: int
    end: int
    has_scheme: bool


@dataclass(frozen=True)
class HashtagEntity:
    """A hashtag; ``tag`` is without its ``#``."""

    tag: str
    start: int
    end: int


@dataclass(frozen=True)
class MentionEntity:
    """A mention: ``@name`` or, on the fediverse, ``@name@server``."""

    username: str
    domain: str | None
    start: int
    end: int

    @property
    def local_form(self) -> str:
        """How Mastodon counts a remote mention: only ``@name``."""
        return "@" + self.username


@functools.cache
def _tlds() -> tuple[tuple[str, ...], tuple[str, ...]]:
    country: list[str] = []
    generic: list[str] = []
    for line in _TLD_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, tld = line.split(" ", 1)
        (country if kind == "country" else generic).append(tld)
    return tuple(country), tuple(generic)


def _alternation(words: tuple[str, ...]) -> str:
    """The words as one alternation shaped like a trie (``c(?:om|o)?``-style).

    Python's ``re`` tries the branches of a flat alternation one after the other, so a flat list
    of ~1,500 TLDs costs ~1,500 attempts at every dot. The trie tries each character once. Longer
    continuations are tried before stopping, so the order in which candidates are tried is the
    same as a flat alternation sorted longest first: the same TLD wins.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _trie_pattern(trie) + ")"


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
    return body


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    country, generic = _tlds()
    gtld = f"(?:{_alternation(generic)}{_TLD_END})"
    cctld = f"(?:{_alternation(country)}{_TLD_END})"
    punycode = "(?:xn--[-0-9a-z]+)"
    # A label is a domain char, then runs of [_-] each followed by a domain char: the same
    # language as twitter-text's, written so that failing matches cannot backtrack badly.
    subdomain = f"(?:{_DOMAIN_CHAR}(?:[_-]*{_DOMAIN_CHAR})*\\.)"
    domain_name = f"(?:{_DOMAIN_CHAR}(?:-*{_DOMAIN_CHAR})*\\.)"
    domain = f"(?:{subdomain}*{domain_name}(?:{gtld}|{cctld}|{punycode}))"
    ascii_label = f"[\\-a-z0-9{_LATIN_ACCENTS}]+"
    url = (
        f"({_PRECEDING})"
        f"((https?://)?({domain})(?::([0-9]+))?(/{_PATH}*)?(\\?{_QUERY_CHAR}*{_QUERY_END})?)"
    )
    return {
        "url": re.compile(url, re.IGNORECASE),
        # A link never contains a space and always a dot followed by its TLD's first character:
        # only such tokens need the big pattern. The look-behind starts tries at token starts
        # only, which keeps this scan linear in the text's length.
        "dotted": re.compile(f"(?<![^{_SPACES}])[^{_SPACES}]*?\\.{_DOMAIN_CHAR}[^{_SPACES}]*+"),
        "ascii_domain": re.compile(f"(?:{ascii_label}\\.)+(?:{gtld}|{cctld}|{punycode})", re.IGNORECASE),
        "invalid_short": re.compile(f"^{domain_name}{cctld}$", re.IGNORECASE),
        "special_short": re.compile(f"^{domain_name}(?:(?:co|tv){_TLD_END})$", re.IGNORECASE),
        "tco": re.compile(
            f"^https?://t\\.co/([a-z0-9]+)(?:\\?{_QUERY_CHAR}*{_QUERY_END})?", re.IGNORECASE
        ),
    }


def _utf16_len(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _punycode_label(label: str) -> str:
    if label.isascii():
        return label
    try:
        return "xn--" + label.encode("punycode").decode("ascii")
    except UnicodeError:
        return ""


def _valid_domain(url: str, scheme: str, domain: str) -> bool:
    """twitter-text's isValidUrl: every label fits DNS once punycoded, whole URL ≤ 4096."""
    if domain[:4].lower() == "xn--" and not _patterns()["ascii_domain"].search(domain):
        return False
    labels = domain.split(".")
    if not domain.isascii():
        labels = [_punycode_label(label) for label in labels]
    if not all(1 <= len(label) <= _MAX_LABEL_LENGTH for label in labels):
        return False
    return len(scheme or "https://") + _utf16_len(url) <= _MAX_URL_LENGTH


def extract_urls(text: str, *, without_scheme: bool = True) -> list[UrlEntity]:
    """Every link in ``text`` as X detects it (scheme-less ones too unless told otherwise)."""
    if not text or ("." not in text if without_scheme else ":" not in text):
        return []
    pats = _patterns()
    found: list[UrlEntity] = []
    for match in _url_matches(text, pats, need_scheme=not without_scheme):
        before, url, scheme, domain, _port, path = match.group(1, 2, 3, 4, 5, 6)
        start = match.start(2)
        if not _valid_domain(url, scheme or "", domain):
            continue
        if scheme:
            tco = pats["tco"].match(url)
            if tco:
                if len(tco.group(1)) > _MAX_TCO_SLUG_LENGTH:
                    continue
                url = tco.group(0)
            found.append(UrlEntity(url, start, start + len(url), True))
            continue
        if not without_scheme or (before and before[-1] in "-_./"):
            continue
        found.extend(_scheme_less(text, start, domain, match.end(2), bool(path)))
    return found


def _url_matches(text: str, pats: dict[str, re.Pattern[str]], *, need_scheme: bool) -> Iterator[re.Match[str]]:
    """The URL pattern's matches over the whole text, found token by token.

    A match's link lies inside one run of non-space characters holding a dot, and its leading
    context character is the space just before that run (or the text's start), so scanning each
    such run from the character before it, up to its end, yields exactly the matches of a scan of
    the whole text: a following space satisfies the TLD look-ahead just as the run's end does.
    """
    url = pats["url"]
    for token in pats["dotted"].finditer(text):
        if need_scheme and "://" not in token.group(0):
            continue
        yield from url.finditer(text, max(token.start() - 1, 0), token.end())


def _scheme_less(text: str, start: int, domain: str, end: int, has_path: bool) -> list[UrlEntity]:
    """ASCII domains inside a scheme-less match; the last one carries the path if any."""
    pats = _patterns()
    pieces = list(pats["ascii_domain"].finditer(domain))
    out: list[UrlEntity] = []
    for i, piece in enumerate(pieces):
        p_start, p_end = start + piece.start(), start + piece.end()
        if i == len(pieces) - 1 and has_path:
            p_end = end
        short_ok = pats["special_short"].match(piece.group(0)) or not pats["invalid_short"].match(
            piece.group(0)
        )
        if has_path or short_ok:
            out.append(UrlEntity(text[p_start:p_end], p_start, p_end, False))
    return out


_HASHTAG = regex.compile(
    r"(?:^|(?<=[^&\p{L}\p{M}\p{Nd}_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c"
    r"\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\u00b7]))[#＃](?!\ufe0f|\u20e3)"
    r"([\p{L}\p{M}\p{Nd}_\u200c\u200d\ua67e\u05be\u05f3\u05f4\u00b7]*[\p{L}\p{M}]"
    r"[\p{L}\p{M}\p{Nd}_\u200c\u200d\ua67e\u05be\u05f3\u05f4\u00b7]*)"
)
# Mastodon's MENTION_RE (app/models/account.rb): @user, or @user@server for a remote account.
_MENTION = regex.compile(
    r"(?<![=/\w])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@([\w.-]+\w+))?", regex.IGNORECASE
)


def _outside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def extract_hashtags(text: str) -> list[HashtagEntity]:
    """Hashtags (``#Réseaux``, ``#1er``); an all-digit ``#2024`` is not one, nor a ``#`` in a link."""
    spans = [(u.start, u.end) for u in extract_urls(text)]
    return [
        HashtagEntity(m.group(1), m.start(), m.end())
        for m in _HASHTAG.finditer(text)
        if _outside(spans, m.start(), m.end())
    ]


def extract_mentions(text: str) -> list[MentionEntity]:
    """``@name`` and ``@name@server`` mentions that are not part of a link or an e-mail address."""
    if "@" not in text:
        return []
    return mentions_outside(text, [(u.start, u.end) for u in extract_urls(text, without_scheme=False)])


def mentions_outside(text: str, spans: list[tuple[int, int]]) -> list[MentionEntity]:
    """The mentions of ``text`` that overlap none of ``spans`` (the links already found in it)."""
    if "@" not in text:
        return []
    return [
        MentionEntity(m.group(1), m.group(2), m.start(), m.end())
        for m in _MENTION.finditer(text)
        if _outside(spans, m.start(), m.end())
    ]
