"""Spell checking of Markdown text, one language per article, on top of pyspellchecker.

What is checked: prose words. What is skipped: fenced and indented code blocks, inline code and
``<code>``/``<pre>``/``<kbd>`` elements, URLs, bare domain names and e-mail addresses, Markdown link
targets and reference definitions, HTML tags, comments and entities, @mentions (Mastodon and Bluesky
handles too), #hashtags, numbers and words holding a digit or an underscore (``3e``, ``12h30``),
words of one letter, and words with a capital after their first letter (acronyms such as ``ONU``,
brands such as ``LinkedIn``).

French elisions (``l'``, ``d'``, ``j'``, ``m'``, ``n'``, ``s'``, ``t'``, ``c'``, ``qu'``, ``jusqu'``,
``lorsqu'``, ``puisqu'``, ``quoiqu'``…) and Italian ones (``dell'``, ``un'``, ``quest'``…), with
``'``, ``’`` or ``ʼ``, are checked on the word after the apostrophe unless the whole word is in the
dictionary (``aujourd'hui``, ``presqu'île``). Hyphenated words are accepted whole when known
(``peut-être``, ``e-réputation``), otherwise each part is checked; any other word with an apostrophe is
one word (``aujourd'huii`` is flagged whole). English possessives and contractions (``editor's``,
``could've``) are checked without their ending.

Besides the library's dictionary, each language accepts a shipped community-management vocabulary
(``data/cm_vocabulary_<lang>.txt``, plus network and tool names for every language in
``data/cm_vocabulary_names.txt``), so that "Instagram", "influenceuse" or "webinaire" are not flagged.

Positions are indices into the Python string (code points); a Qt caller converts them to UTF-16
positions if the text holds characters outside the Basic Multilingual Plane.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import regex
from spellchecker import SpellChecker as _PySpellChecker

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.textstats import fenced_line_flags

_DATA = Path(__file__).parent / "data"

#: Languages an article may be checked in, in the order the editor offers them, when the installed
#: pyspellchecker ships their dictionary (0.9 ships all of these).
ARTICLE_LANGUAGES = ("fr", "en", "es", "de", "it", "pt", "nl")


def available_languages() -> tuple[str, ...]:
    """The article languages whose dictionary the installed pyspellchecker ships, French first."""
    shipped = set(_PySpellChecker.languages())
    return tuple(code for code in ARTICLE_LANGUAGES if code in shipped)


SUPPORTED = available_languages()


class SpellError(UserError, ValueError):
    """Spell checking cannot run (for instance, no dictionary for the language)."""


@dataclass(frozen=True, slots=True)
class Misspelling:
    start: int
    end: int
    word: str
    suggestions_fn: Callable[[], list[str]] = field(compare=False, repr=False)


# Same length in and out, so positions found in the normalised text hold in the original.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‐": "-", "‑": "-"})
_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ\-‐‑_][\p{L}\p{M}\p{N}]+)*")


def _normal(word: str) -> str:
    return word.translate(_APOSTROPHES)


@cache
def vocabulary(lang: str) -> frozenset[str]:
    """The shipped community-management words accepted in ``lang``, as written in the data files.

    Network and tool names are accepted in every language; ``cm_vocabulary_<lang>.txt`` adds the
    trade's words in that language when the file exists (French and English ship). An entry of
    several words ("community manager") contributes each of its words.
    """
    files = [_DATA / "cm_vocabulary_names.txt", _DATA / f"cm_vocabulary_{lang}.txt"]
    words: set[str] = set()
    for path in files:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = line.split("#", 1)[0].strip()
            words.update(_normal(m.group()) for m in _TOKEN.finditer(entry))
    return frozenset(words)


class SpellChecker:
    """Dictionary of one language; build it through :func:`get_checker` (loading takes ~0.15 s)."""

    def __init__(self, lang: str) -> None:
        if lang not in SUPPORTED:
            raise SpellError(
                _(
                    "No spelling dictionary for the language “{lang}”; available: {choices}.",
                    lang=lang, choices=', '.join(SUPPORTED),
                )
            )
        self.lang = lang
        self._checker = _PySpellChecker(language=lang)
        self._words = self._checker.word_frequency.dictionary
        self._vocabulary = {w.lower(): w for w in vocabulary(lang)}
        self._by_length: dict[int, str] | None = None
        self._blob_lock = threading.Lock()

    def is_known(self, word: str) -> bool:
        w = _normal(word).lower()
        return w in self._words or w in self._vocabulary

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Known words at most two edits away, closest (ignoring accents) and most frequent first."""
        found = _candidates(self, _normal(word).lower())
        return [self._cased(word, s) for s in found[:limit]]

    def _cased(self, original: str, suggestion: str) -> str:
        canonical = self._vocabulary.get(suggestion)
        if canonical is not None and canonical != suggestion:
            return canonical  # a brand keeps its own capitals: "Instagram", "TikTok"
        return _match_case(original, suggestion)

    def _blobs(self) -> dict[int, str]:
        """Known words grouped by length, one per line, for the regex module's fuzzy search."""
        with self._blob_lock:
            if self._by_length is None:
                groups: dict[int, list[str]] = {}
                for w in self._words.keys() | self._vocabulary.keys():
                    groups.setdefault(len(w), []).append(w)
                self._by_length = {n: "\n".join(sorted(ws)) for n, ws in groups.items()}
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


@lru_cache(maxsize=1)
def _tlds() -> frozenset[str]:
    """Top-level domains (twitter-text's list, see the file's header), to tell "exemple.fr" from "fin.est"."""
    out: set[str] = set()
    for line in (_DATA / "tlds.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#"):
            out.add(parts[1].lower())
    return frozenset(out)


_MASK = regex.compile(
    r"""
      (?P<code>(`+)(?:(?!\2).)+?\2)                                 # inline code
    | (?s:<(code|pre|kbd|samp|var|script|style)\b[^>]*>.{0,4000}?</\3\s*>)  # code-like HTML element
    | (?s:<!--.{0,4000}?-->)                                         # HTML comment
    | \]\(<[^<>\n]*>(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\)          # link target <with spaces>
    | \]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\)  # link / image target
    | \]\[[^\]]*\]                                                   # reference label
    | ^[ ]{0,3}\[[^\]]+\]:[ \t]*\S+.*$                               # reference definition
    | \[\^[^\]]+\]                                                   # footnote marker
    | <[A-Za-z/!][^>]*>                                              # HTML tag, autolink
    | &\#?\w+;                                                       # HTML entity
    | \b(?:https?|ftp)://\S+ | \bwww\.\S+ | \b(?:mailto|tel):\S+      # URL
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                                   # e-mail address
    | (?<![\w@])@\w(?:[\w-]|\.(?=\w))*(?:@[\w-]+(?:\.[\w-]+)+)?       # @mention, handle, remote
    | (?<![\w&\#])\#\w+                                              # #hashtag
    | \b[\w-]+(?:\.[\w-]+)*\.(?P<tld>[a-z]{2,24})\b(?:/\S*)?         # bare domain name
    """,
    regex.X | regex.M | regex.V0,
)

_ELISIONS = {
    "fr": regex.compile(
        r"^(?:l|d|j|m|n|s|t|c|ç|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|entr)'(?=\p{L})", regex.I
    ),
    "it": regex.compile(
        r"^(?:l|d|c|s|m|t|v|n|un|dell|dall|nell|sull|all|coll|quest|quell|bell|sant|buon|"
        r"com|dov|anch|tutt|nessun|qualcun|ciascun)'(?=\p{L})",
        regex.I,
    ),
}
_EN_CLITIC = regex.compile(r"(?:'s|'ve|'ll|'re|'d|'m|n't)$", regex.I)
_LIST_ITEM = regex.compile(r"^[ ]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def _blank(match: regex.Match[str]) -> str:
    tld = match.group("tld")
    if tld is not None and tld.lower() not in _tlds():
        return match.group()  # "ceci.est" is two words with a missing space, not a domain
    return "".join("\n" if ch == "\n" else " " for ch in match.group())


def code_line_flags(lines: Sequence[str]) -> list[bool]:
    """For each line, whether it is code: a fenced block, or an indented block (four spaces or a
    tab after a blank line, outside a list, as CommonMark has it).

    Indented lines before the document's first unindented one are not taken as code: that is what
    front matter blanked to keep offsets looks like (the CLI does so), and an article does not open
    with a code block.
    """
    fenced = fenced_line_flags(lines)
    flags: list[bool] = []
    prev_blank, prev_code, in_list, started = True, False, False, False
    for line, fence in zip(lines, fenced, strict=True):
        blank = not line.strip()
        indented = not blank and line.expandtabs(4).startswith("    ")
        code = fence or (started and indented and not in_list and (prev_blank or prev_code))
        if not code and not blank and not indented:
            started = True
            in_list = bool(_LIST_ITEM.match(line))
        flags.append(code)
        prev_blank, prev_code = blank, code or (prev_code and blank)
    return flags


def check_text(text: str, lang: str, personal_words: Iterable[str] = ()) -> list[Misspelling]:
    """Every misspelt word of a Markdown document, code blocks left out."""
    checker = get_checker(lang)
    personal = _normalise_personal(personal_words)
    lines = text.split("\n")
    flags = code_line_flags(lines)
    kept = "\n".join(" " * len(line) if code else line for line, code in zip(lines, flags, strict=True))
    return list(_check(kept, checker, personal, 0))


def check_paragraph(
    text: str, lang: str, personal_words: Iterable[str] = (), *, offset: int = 0
) -> list[Misspelling]:
    """Misspellings of one block (e.g. the paragraph being edited); positions shifted by ``offset``.

    The caller knows whether the block sits in a code block and skips it if so.
    """
    return list(_check(text, get_checker(lang), _normalise_personal(personal_words), offset))


def _normalise_personal(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_normal(w.strip()).casefold() for w in words if w.strip())


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
    words, vocab = checker._words, checker._vocabulary

    def known(word: str) -> bool:
        w = _normal(word)
        lower = w.lower()
        return lower in words or lower in vocab or w.casefold() in personal

    return known


def _not_a_word(token: str) -> bool:
    return len(token) < 2 or any(ch.isdigit() or ch == "_" for ch in token)


def _mixed_case(token: str) -> bool:
    return any(ch.isupper() for ch in token[1:])


def _bad_parts(token: str, lang: str, known: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Spans (relative to the token) of the parts that are not words of the language."""
    if _not_a_word(token) or known(token):
        return []
    normal = _normal(token)
    elision = _ELISIONS.get(lang)
    m = elision.match(normal) if elision else None
    if m:
        return [(m.end() + s, m.end() + e) for s, e in _bad_parts(token[m.end():], lang, known)]
    if lang == "en":
        ending = _EN_CLITIC.search(normal)
        if ending and ending.start() >= 2:
            return _bad_parts(token[:ending.start()], lang, known)
    if "-" in normal:
        spans: list[tuple[int, int]] = []
        pos = 0
        for part in normal.split("-"):
            spans += [(pos + s, pos + e) for s, e in _bad_parts(token[pos:pos + len(part)], lang, known)]
            pos += len(part) + 1
        return spans
    if _mixed_case(token):
        return []
    if "'" in normal and all(_not_a_word(p) or known(p) for p in normal.split("'")):
        return []
    return [(0, len(token))]  # "aujourd'huii" is one wrong word, suggested as "aujourd'hui"
