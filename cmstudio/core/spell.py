"""Spell checking of Markdown text in French and English, on top of pyspellchecker.

What is checked: prose words. What is skipped: fenced code and inline code, URLs and e-mail
addresses, Markdown link targets and reference definitions, HTML tags and entities, @mentions,
#hashtags, words holding a digit or an underscore, words of one letter, and words with a capital
after their first letter (acronyms such as ``ONU`` and brands such as ``LinkedIn``).

French elisions (``l'``, ``d'``, ``qu'``, ``j'``, ``n'``, ``s'``, ``c'``, ``m'``, ``t'``, ``jusqu'``,
``lorsqu'``, ``puisqu'``…, with ``'`` or ``’``) are checked on the word after the apostrophe unless
the whole word is in the dictionary (``aujourd'hui``). Hyphenated words are accepted whole when
the dictionary knows them (``peut-être``), otherwise each part is checked. English possessives
(``editor's``) are checked without their ``'s``.

Positions are indices into the Python string (code points); a Qt caller converts them to UTF-16
positions if the text holds characters outside the Basic Multilingual Plane.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import regex
from spellchecker import SpellChecker as _PySpellChecker

from cmstudio.core.errors import UserError
from cmstudio.core.textstats import fenced_line_flags

SUPPORTED = ("fr", "en", "de", "es", "it", "pt", "nl")


class SpellError(UserError, ValueError):
    """Spell checking cannot run (for instance, no dictionary for the language)."""


@dataclass(frozen=True, slots=True)
class Misspelling:
    start: int
    end: int
    word: str
    suggestions_fn: Callable[[], list[str]] = field(compare=False, repr=False)


class SpellChecker:
    """Dictionary of one language; build it through :func:`get_checker` (loading takes ~0.15 s)."""

    def __init__(self, lang: str) -> None:
        if lang not in SUPPORTED:
            raise SpellError(f"No spelling dictionary for the language “{lang}”.")
        self.lang = lang
        self._checker = _PySpellChecker(language=lang)
        self._words = self._checker.word_frequency.dictionary
        self._by_length: dict[int, str] | None = None
        self._blob_lock = threading.Lock()

    def is_known(self, word: str) -> bool:
        return word.lower() in self._words

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Dictionary words at most two edits away, closest (ignoring accents) and most frequent first."""
        found = _candidates(self, word.lower())
        return [_match_case(word, s) for s in found[:limit]]

    def _blobs(self) -> dict[int, str]:
        """Dictionary words grouped by length, one per line, for the regex module's fuzzy search."""
        with self._blob_lock:
            if self._by_length is None:
                groups: dict[int, list[str]] = {}
                for w in self._words:
                    groups.setdefault(len(w), []).append(w)
                self._by_length = {n: "\n".join(ws) for n, ws in groups.items()}
            return self._by_length


@lru_cache(maxsize=2048)
def _candidates(checker: SpellChecker, word: str) -> list[str]:
    # pyspellchecker's own distance-2 search builds ~n²·alphabet² strings (over a second for a
    # ten-letter word); the regex module's fuzzy matching over the word list takes ~40 ms.
    if not word or len(word) > 40:
        return []
    pattern = regex.compile(r"(?m)^(?:" + regex.escape(word) + r"){e<=2}$")
    blobs = checker._blobs()
    found: set[str] = set()
    for n in range(max(1, len(word) - 2), len(word) + 3):
        blob = blobs.get(n)
        if blob:
            found.update(pattern.findall(blob))
    found.discard(word)
    folded = _fold(word)
    freq = checker._words
    return sorted(found, key=lambda w: (_distance(folded, _fold(w)), _distance(word, w), -freq.get(w, 0), w))


def _fold(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def _distance(a: str, b: str) -> int:
    """Levenshtein distance with adjacent transpositions (optimal string alignment)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _match_case(original: str, suggestion: str) -> str:
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


_checkers: dict[str, SpellChecker] = {}
_lock = threading.Lock()


def get_checker(lang: str) -> SpellChecker:
    """The shared checker for ``lang`` ("fr-CA" uses "fr"), loaded on first use; thread-safe."""
    base = lang.replace("_", "-").split("-")[0].lower()
    with _lock:
        checker = _checkers.get(base)
        if checker is None:
            checker = SpellChecker(base)
            _checkers[base] = checker
        return checker


def suggestions(word: str, lang: str, limit: int = 5) -> list[str]:
    return get_checker(lang).suggestions(word, limit)


_MASK = regex.compile(
    r"""
      (?P<code>(`+)(?:(?!\2).)+?\2)                        # inline code
    | \]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)          # link / image target
    | \]\[[^\]]*\]                                          # reference label
    | ^[ ]{0,3}\[[^\]]+\]:[ \t]*\S+.*$                      # reference definition
    | \[\^[^\]]+\]                                          # footnote marker
    | <[A-Za-z/!][^>]*>                                     # HTML tag, comment, autolink
    | &\#?\w+;                                              # HTML entity
    | \b(?:https?|ftp)://\S+ | \bwww\.\S+                   # URL
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                          # e-mail address
    | (?<![\w@])@\w[\w.]*(?:@[\w-]+(?:\.[\w-]+)+)?          # @mention (Mastodon remote too)
    | (?<![\w&\#])\#\w+                                     # #hashtag
    | \b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}\b(?:/\S*)?         # bare domain name
    """,
    regex.X | regex.M | regex.V0,
)
_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-_][\p{L}\p{M}\p{N}]+)*")
_ELISION = regex.compile(
    r"^(?:l|d|j|m|n|s|t|c|ç|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'(?=\p{L})", regex.I
)


def _blank(match: regex.Match[str]) -> str:
    return "".join("\n" if ch == "\n" else " " for ch in match.group())


def check_text(text: str, lang: str, personal_words: Iterable[str] = ()) -> list[Misspelling]:
    """Every misspelt word of a Markdown document, fenced code blocks left out."""
    checker = get_checker(lang)
    personal = _normalise_personal(personal_words)
    lines = text.split("\n")
    flags = fenced_line_flags(lines)
    kept = "\n".join(" " * len(line) if code else line for line, code in zip(lines, flags, strict=True))
    return list(_check(kept, checker, personal, 0))


def check_paragraph(
    text: str, lang: str, personal_words: Iterable[str] = (), *, offset: int = 0
) -> list[Misspelling]:
    """Misspellings of one block (e.g. the paragraph being edited); positions shifted by ``offset``.

    The caller knows whether the block sits in a code fence and skips it if so.
    """
    return list(_check(text, get_checker(lang), _normalise_personal(personal_words), offset))


def _normalise_personal(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.strip().replace("’", "'").casefold() for w in words if w.strip())


def _check(text: str, checker: SpellChecker, personal: frozenset[str], offset: int) -> Iterable[Misspelling]:
    masked = _MASK.sub(_blank, text)
    known = _known_fn(checker, personal)
    for m in _TOKEN.finditer(masked):
        for start, end in _bad_parts(m.group(), checker.lang, known):
            word = m.group()[start:end]
            yield Misspelling(
                offset + m.start() + start,
                offset + m.start() + end,
                word,
                _suggester(checker, word),
            )


def _suggester(checker: SpellChecker, word: str) -> Callable[[], list[str]]:
    return lambda: checker.suggestions(word)


def _known_fn(checker: SpellChecker, personal: frozenset[str]) -> Callable[[str], bool]:
    words = checker._words

    def known(word: str) -> bool:
        w = word.replace("’", "'")
        return w.lower() in words or w.casefold() in personal

    return known


def _skip(token: str) -> bool:
    if len(token) < 2:
        return True
    if any(ch.isdigit() or ch == "_" for ch in token):
        return True
    return any(ch.isupper() for ch in token[1:])


def _bad_parts(token: str, lang: str, known: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Spans (relative to the token) of the parts that are not words of the language."""
    if _skip(token) or known(token):
        return []
    normal = token.replace("’", "'")
    if lang == "fr":
        m = _ELISION.match(normal)
        if m:
            return [(m.end() + s, m.end() + e) for s, e in _bad_parts(token[m.end():], lang, known)]
    elif lang == "en" and normal.lower().endswith("'s") and len(normal) > 3:
        return _bad_parts(token[:-2], lang, known)
    if "-" in token or "'" in normal:
        spans: list[tuple[int, int]] = []
        pos = 0
        for part in regex.split(r"[-'’]", token):
            if part and not _skip(part) and not known(part):
                spans.append((pos, pos + len(part)))
            pos += len(part) + 1
        return spans
    return [(0, len(token))]
