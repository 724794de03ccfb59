"""Counting what a reader sees in a Markdown article, and its outline.

Counting rule (documented because every word processor differs a little):

* Markdown syntax is stripped first: heading and list markers, emphasis, table pipes, link and
  image targets, reference definitions, footnote markers, HTML tags and comments. Link text
  stays; image alt text does not (it is not read as part of the article). Fenced code blocks are
  not counted: they are not prose.
* A *word* is a run of non-space characters that holds at least one letter or digit, so
  punctuation standing alone (« — : ») is not a word. Like LibreOffice Writer and Microsoft Word,
  an elision or a hyphenated compound is one word: ``l'article`` = 1, ``peut-être`` = 1.
* ``characters`` counts user-perceived characters (grapheme clusters) with each run of white
  space counted as one space: the French *signes espaces comprises*. ``characters_no_spaces``
  leaves white space out (*signes hors espaces*).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import regex

# Silent reading rates for non-fiction, rounded: English 228 wpm, French 195 wpm in
# Trauzettel-Klosinski & Dietz, "Standardized Assessment of Reading Performance: The New
# International Reading Speed Texts IReST", Invest. Ophthalmol. Vis. Sci. 2012;53(9):5452-5461.
# Brysbaert 2019 (J. Memory and Language 109, 104047) gives 238 wpm for English non-fiction.
READING_WPM = {"en": 230, "fr": 200, "de": 180, "es": 220, "it": 190, "nl": 200, "pt": 180}
DEFAULT_WPM = 230


@dataclass(frozen=True, slots=True)
class Stats:
    words: int
    characters: int
    characters_no_spaces: int
    reading_minutes: int


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of the outline; ``line`` is 0-based, like a QTextDocument block number."""

    level: int
    title: str
    line: int


_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^ {0,3}(?:[-+*][ \t]|\d{1,9}[.)][ \t]|>|#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|<)|^\s*$")
_HR = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")


def fenced_line_flags(lines: Sequence[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (fence lines included).

    A fence opens with three or more backticks or tildes and closes with the same character
    repeated at least as many times; an unclosed fence runs to the end, as in CommonMark.
    """
    flags: list[bool] = []
    fence: str | None = None
    for line in lines:
        if fence is None:
            m = _FENCE_OPEN.match(line)
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                fence = m.group(1)
                flags.append(True)
            else:
                flags.append(False)
        else:
            flags.append(True)
            stripped = line.strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                fence = None
    return flags


def outline(markdown_text: str) -> list[Heading]:
    """Headings of the document in order, ATX (``## Title``) and setext (underlined) alike."""
    lines = [line.rstrip("\r") for line in markdown_text.split("\n")]
    in_code = fenced_line_flags(lines)
    result: list[Heading] = []
    para_start: int | None = None
    for i, line in enumerate(lines):
        if in_code[i]:
            para_start = None
            continue
        m = _ATX.match(line)
        if m:
            result.append(Heading(len(m.group(1)), _inline_plain(m.group(2) or ""), i))
            para_start = None
            continue
        s = _SETEXT.match(line)
        if s and para_start is not None:
            title = " ".join(part.strip() for part in lines[para_start:i])
            result.append(Heading(1 if s.group(1)[0] == "=" else 2, _inline_plain(title), para_start))
            para_start = None
            continue
        if _NOT_PARAGRAPH.match(line) or _HR.match(line) or line.startswith(("    ", "\t")) and para_start is None:
            para_start = None
        elif para_start is None:
            para_start = i
    return result


_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_REF_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S+.*$", re.M)
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*", re.M)
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?")
_LINK = re.compile(r"\[([^\]]*)\](?:\((?:[^()]|\([^)]*\))*\)|\[[^\]]*\])")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[^>\s@]+@[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_LINE_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:#{1,6}[ \t]+|[-+*][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)?",
                           re.M)
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$", re.M)
_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$", re.M)
_RULE_LINE = re.compile(r"^[ \t]*(?:(?:[-*_=][ \t]*){3,})$", re.M)
_EMPHASIS = re.compile(r"\*+|~~|(?<!\w)_+|_+(?!\w)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")
_WS = re.compile(r"\s+")
_GRAPHEME = regex.compile(r"\X")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_EXTENDS = regex.compile(r"^[\p{M}\p{Grapheme_Extend}\u200d]")


def grapheme_count(text: str) -> int:
    """User-perceived characters; ASCII runs are counted directly because ``\\X`` is slow."""
    if text.isascii():
        return len(text)
    total = len(text)
    for m in _NON_ASCII_RUN.finditer(text):
        run = m.group()
        total += len(_GRAPHEME.findall(run)) - len(run)
        if m.start() > 0 and _EXTENDS.match(run):
            total -= 1
    return total


def word_count(markdown_text: str) -> int:
    """Words of the article, by the rule of the module doc."""
    return sum(1 for token in plain_text(markdown_text).split() if _WORD_CHAR.search(token))


def _inline_plain(text: str) -> str:
    """Inline Markdown to the plain text a reader sees."""
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = text.replace("`", "")
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return html.unescape(text).strip()


def plain_text(markdown_text: str) -> str:
    """The prose of a Markdown document as plain text (fenced code left out)."""
    lines = markdown_text.splitlines()
    in_code = fenced_line_flags(lines)
    text = "\n".join(line for line, code in zip(lines, in_code, strict=True) if not code)
    text = _HTML_COMMENT.sub(" ", text)
    text = _REF_DEF.sub("", text)
    text = _FOOTNOTE_DEF.sub("", text)
    text = _TABLE_SEP.sub("", text)
    text = _RULE_LINE.sub("", text)
    text = _LINE_MARKERS.sub("", text)
    text = _ATX_CLOSE.sub("", text)
    text = text.replace("|", " ")
    return _inline_plain(text)


def text_stats(markdown_text: str, lang: str = "fr") -> Stats:
    """Words, characters and reading time of an article, counted as described in the module doc."""
    text = plain_text(markdown_text)
    words = sum(1 for token in text.split() if _WORD_CHAR.search(token))
    collapsed = _WS.sub(" ", text).strip()
    characters = grapheme_count(collapsed)
    no_spaces = grapheme_count(_WS.sub("", collapsed))
    wpm = READING_WPM.get(lang.split("-")[0].split("_")[0].lower(), DEFAULT_WPM)
    minutes = math.ceil(words / wpm) if words else 0
    return Stats(words, characters, no_spaces, minutes)
