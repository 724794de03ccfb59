"""Exact character counting, network by network.

Each counting rule turns a text into *units* (start, end, weight) over the Python string; the
length is the sum of the weights, and the first unit that pushes the sum past the limit is where
the text starts overflowing. ``count()`` dispatches on the profile's ``counting_rule``.

Counting runs on every keystroke and over whole calendars, so the rules are written to avoid
per-character Python work: units are grouped into *pieces* (a link, an emoji sequence, or a plain
run weighed in one regex pass), and the unit-by-unit walk is done only inside the piece where the
text overflows. ``parse_tweet`` expands the same pieces into units, so twitter-text's conformance
suite checks the grouping too.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import regex

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.networks import NetworkProfile, get_profile
from cmstudio.core.text_entities import (
    HashtagEntity,
    MentionEntity,
    UrlEntity,
    cluster_start,
    extract_hashtags,
    extract_mentions,
    extract_urls,
    grapheme_count,
    mentions_outside,
)

__all__ = [
    "CountResult", "CountingError", "TwitterConfig", "TweetParse", "TWITTER_V2", "TWITTER_V3",
    "count", "count_title", "parse_tweet", "extract_urls", "extract_hashtags", "extract_mentions",
    "UrlEntity", "HashtagEntity", "MentionEntity", "utf16_length", "grapheme_count",
]


class CountingError(UserError, ValueError):
    """Text cannot be counted for the requested network."""


@dataclass(frozen=True)
class CountResult:
    """How long a text is for a network and whether, and where, it overflows.

    ``byte_length``/``byte_limit`` are set only where the network also caps bytes (Bluesky);
    ``over_by`` then reports the larger of the two overflows in its own unit.
    """

    length: int
    limit: int
    remaining: int
    over_by: int
    overflow_start: int | None
    byte_length: int | None = None
    byte_limit: int | None = None

    @property
    def fits(self) -> bool:
        return self.overflow_start is None


@dataclass(frozen=True)
class TwitterConfig:
    """A twitter-text configuration file (config/v2.json, config/v3.json)."""

    max_weighted_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    ranges: tuple[tuple[int, int, int], ...]
    emoji_parsing_enabled: bool


# Values of twitter-text config/v3.json (https://github.com/twitter/twitter-text/blob/master/config/v3.json),
# also in ../shared/conformance/twitter-text/config-v3.json. v2 is the same without emoji parsing
# (config/v2.json); its conformance section is WeightedTweetsCounterTest.
_TWITTER_RANGES = ((0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100), (8242, 8247, 100))
TWITTER_V3 = TwitterConfig(280, 100, 200, 23, _TWITTER_RANGES, emoji_parsing_enabled=True)
TWITTER_V2 = TwitterConfig(280, 100, 200, 23, _TWITTER_RANGES, emoji_parsing_enabled=False)
# twitter-text hasInvalidCharacters: U+FFFE, U+FEFF, U+FFFF make a post invalid.
_TWITTER_INVALID = frozenset("\ufffe\ufeff\uffff")


@dataclass(frozen=True)
class TweetParse:
    """twitter-text's parseTweet result; ranges are UTF-16 indices, inclusive, like the library."""

    weighted_length: int
    valid: bool
    permillage: int
    display_range_start: int
    display_range_end: int
    valid_range_start: int
    valid_range_end: int


_GRAPHEME = regex.compile(r"\X")
_EMOJI_START = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}]")
_KEYCAP_OR_VS = regex.compile(r"^[\p{Emoji}](?:\ufe0f|\u20e3|\p{Emoji_Modifier})")
_EMOJI_SEQ = regex.compile(
    r"\p{Regional_Indicator}{2}"
    r"|[#*0-9]\ufe0f?\u20e3"
    r"|\p{Emoji}(?:\p{Emoji_Modifier}|\ufe0f|[\U000E0020-\U000E007E]+\U000E007F)?"
    r"(?:\u200d\p{Emoji}(?:\p{Emoji_Modifier}|\ufe0f)?)*"
)
_EMOJI_PRESENTATION = regex.compile(r"\p{Emoji_Presentation}")
# Every position where _emoji_length can be non-zero (a superset: the exact test runs there).
_EMOJI_CANDIDATE = regex.compile(
    r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}]"
    r"|\p{Emoji}(?=[\ufe0f\u20e3\p{Emoji_Modifier}])"
)

Unit = tuple[int, int, int]
# A piece of counted text: (start, end, weight, atomic). An atomic piece (a link, an emoji
# sequence, a remote mention) overflows as a whole; a plain run is weighed character by character
# (X) or cluster by cluster (Mastodon) and ``weight`` is its total.
Piece = tuple[int, int, int, bool]


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units (what Telegram's entity rules and JavaScript count)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _emoji_length(cluster: str) -> int:
    """Length of the emoji sequence at the start of a grapheme cluster, 0 if it is not one.

    A lone text-default symbol in the Latin weight ranges (©, ®, digits, #) is text, not emoji,
    unless a variation selector, keycap or skin tone makes it one.
    """
    if not _EMOJI_START.match(cluster) and not _KEYCAP_OR_VS.match(cluster):
        return 0
    match = _EMOJI_SEQ.match(cluster)
    if not match:
        return 0
    seq = match.group(0)
    if len(seq) == 1 and ord(seq) <= 4351 and not _EMOJI_PRESENTATION.match(seq):
        return 0
    return len(seq)


def _twitter_weight(char: str, config: TwitterConfig) -> int:
    code = ord(char)
    for start, end, weight in config.ranges:
        if start <= code <= end:
            return weight
    return config.default_weight


@dataclass(frozen=True)
class _Weights:
    """A configuration's ranges as one regex class, when they all share one weight (v2, v3)."""

    uniform: int | None
    other: re.Pattern[str]
    ascii_uniform: bool


@functools.lru_cache(maxsize=8)
def _weights(config: TwitterConfig) -> _Weights:
    weights = {w for _s, _e, w in config.ranges}
    uniform = weights.pop() if len(weights) == 1 else None
    cls = "".join(f"\\U{s:08x}-\\U{e:08x}" for s, e, _w in config.ranges)
    covered = any(s <= 0 and 127 <= e for s, e, _w in config.ranges)
    return _Weights(uniform, re.compile(f"[^{cls}]"), covered and uniform is not None)


def _run_weight(norm: str, start: int, end: int, config: TwitterConfig, tables: _Weights) -> int:
    if tables.uniform is None:
        return sum(_twitter_weight(c, config) for c in norm[start:end])
    others = 0 if tables.ascii_uniform and norm.isascii() else len(tables.other.findall(norm, start, end))
    return (end - start) * tables.uniform + others * (config.default_weight - tables.uniform)


def _normalize_mapped(text: str) -> tuple[str, list[int] | None]:
    """NFC text plus, for each of its indices, the index in ``text`` it comes from.

    The map is None when the text is already NFC (the usual case). NFC never composes across
    grapheme clusters, so clusters are normalised one by one.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    origin: list[int] = []
    for m in _GRAPHEME.finditer(text):
        cluster = m.group(0)
        norm = unicodedata.normalize("NFC", cluster)
        parts.append(norm)
        if norm == cluster:
            origin.extend(range(m.start(), m.end()))
        else:
            origin.extend([m.start()] * len(norm))
    joined = "".join(parts)
    if joined != unicodedata.normalize("NFC", text):
        joined = unicodedata.normalize("NFC", text)
        origin = [min(i, len(text) - 1) for i in range(len(joined))]
    return joined, origin


def _twitter_pieces(norm: str, config: TwitterConfig) -> list[Piece]:
    """The steps twitter-text's parseTweet takes over NFC text, plain runs kept whole.

    parseTweet walks character by character; a URL is one step, and so is an emoji sequence
    beginning at a character (cut short by a URL starting inside its cluster). Emoji can only begin
    at _EMOJI_CANDIDATE matches, so only those positions are tested; every other character is a
    step of its range weight.
    """
    tables = _weights(config)
    url_weight = config.transformed_url_length * config.scale
    urls = [(u.start, u.end) for u in extract_urls(norm)]
    candidates: list[int] = []
    if config.emoji_parsing_enabled and not norm.isascii():
        candidates = [m.start() for m in _EMOJI_CANDIDATE.finditer(norm)]
    pieces: list[Piece] = []
    pos = 0
    u = 0
    for c in candidates:
        while u < len(urls) and urls[u][0] <= c:
            pos = _add_special(pieces, norm, pos, urls[u][0], urls[u][1], url_weight, config, tables)
            u += 1
        if c < pos:
            continue
        cluster_end = _GRAPHEME.match(norm, c).end()
        bound = urls[u][0] if u < len(urls) and urls[u][0] < cluster_end else cluster_end
        emoji = _emoji_length(norm[c:bound])
        if emoji:
            pos = _add_special(pieces, norm, pos, c, c + emoji, config.default_weight, config, tables)
    for start, end in urls[u:]:
        pos = _add_special(pieces, norm, pos, start, end, url_weight, config, tables)
    if pos < len(norm):
        pieces.append((pos, len(norm), _run_weight(norm, pos, len(norm), config, tables), False))
    return pieces


def _add_special(pieces: list[Piece], norm: str, pos: int, start: int, end: int, weight: int,
                 config: TwitterConfig, tables: _Weights) -> int:
    if pos < start:
        pieces.append((pos, start, _run_weight(norm, pos, start, config, tables), False))
    pieces.append((start, end, weight, True))
    return end


def _twitter_units(norm: str, config: TwitterConfig) -> list[Unit]:
    """Every step of parseTweet, one per character in plain runs."""
    units: list[Unit] = []
    for start, end, weight, atomic in _twitter_pieces(norm, config):
        if atomic:
            units.append((start, end, weight))
        else:
            units.extend((i, i + 1, _twitter_weight(norm[i], config)) for i in range(start, end))
    return units


def parse_tweet(text: str, config: TwitterConfig = TWITTER_V3) -> TweetParse:
    """twitter-text ``parseTweet``: weighted length, validity, permillage and UTF-16 ranges."""
    norm, _ = _normalize_mapped(text)
    max_scaled = config.max_weighted_length * config.scale
    total = 0
    valid = True
    valid_display = 0
    utf16_before = 0
    for start, end, weight in _twitter_units(norm, config):
        total += weight
        last_index = utf16_before + utf16_length(norm[start:end]) - 1
        utf16_before = last_index + 1
        if valid:
            valid = norm[end - 1] not in _TWITTER_INVALID
        if valid and total <= max_scaled:
            valid_display = last_index
    weighted = total // config.scale
    valid = valid and 0 < weighted <= config.max_weighted_length
    text_len = utf16_length(text)
    return TweetParse(
        weighted_length=weighted,
        valid=valid,
        permillage=weighted * 1000 // config.max_weighted_length,
        display_range_start=0,
        display_range_end=max(text_len - 1, 0),
        valid_range_start=0,
        valid_range_end=valid_display + text_len - utf16_length(norm),
    )


@functools.lru_cache(maxsize=8)
def _x_config(url_length: int | None) -> TwitterConfig:
    config = TWITTER_V3
    if url_length is not None and url_length != config.transformed_url_length:
        config = dataclasses.replace(config, transformed_url_length=url_length)
    return config


def _x_count(text: str, profile: NetworkProfile) -> tuple[int, int | None, int]:
    """(scaled total, overflow index in ``text`` or None, scale) by twitter-text v3."""
    norm, origin = _normalize_mapped(text)
    config = _x_config(profile.url_length)
    pieces = _twitter_pieces(norm, config)
    total = sum(piece[2] for piece in pieces)
    limit = profile.text_limit * config.scale
    if total <= limit:
        return total, None, config.scale
    before = 0
    for start, end, weight, atomic in pieces:
        if before + weight > limit:
            at = start if atomic else _x_run_overflow(norm, start, end, limit - before, config)
            return total, (at if origin is None else origin[at]), config.scale
        before += weight
    raise AssertionError("unreachable: the pieces add up to more than the limit")


def _x_run_overflow(norm: str, start: int, end: int, room: int, config: TwitterConfig) -> int:
    """The first character of a plain run whose weight no longer fits in ``room``."""
    tables = _weights(config)
    if tables.uniform is None:
        for i in range(start, end):
            room -= _twitter_weight(norm[i], config)
            if room < 0:
                return i
        return end - 1
    pos = start
    for other in tables.other.finditer(norm, start, end):
        if (other.start() - pos) * tables.uniform > room:
            return pos + room // tables.uniform
        room -= (other.start() - pos) * tables.uniform + config.default_weight
        if room < 0:
            return other.start()
        pos = other.start() + 1
    return pos + room // tables.uniform


def _mastodon_pieces(text: str, profile: NetworkProfile) -> list[Piece]:
    """Mastodon StatusLengthValidator: URLs count as the reserved length, remote mentions as @name."""
    url_len = profile.url_length if profile.url_length is not None else 23
    urls = extract_urls(text, without_scheme=False)
    spans = [(u.start, u.end, url_len) for u in urls]
    for m in mentions_outside(text, [(u.start, u.end) for u in urls]):
        if m.domain:
            spans.append((m.start, m.end, grapheme_count(m.local_form)))
    spans.sort()
    pieces: list[Piece] = []
    pos = 0
    for start, end, weight in spans:
        if pos < start:
            pieces.append((pos, start, grapheme_count(text[pos:start]), False))
        pieces.append((start, end, weight, True))
        pos = end
    if pos < len(text):
        pieces.append((pos, len(text), grapheme_count(text[pos:]), False))
    return pieces


def _cluster_pieces_count(text: str, pieces: list[Piece], limit: int, start_weight: int) -> tuple[int, int | None]:
    """Total and overflow index of pieces whose plain runs weigh one per grapheme cluster."""
    total = start_weight
    overflow: int | None = 0 if start_weight > limit else None
    for start, end, weight, atomic in pieces:
        if overflow is None and total + weight > limit:
            at = None if atomic else cluster_start(text[start:end], limit - total)
            overflow = start if at is None else start + at
        total += weight
    return total, overflow


def _cluster_units(text: str, weigh: Callable[[str], int]) -> list[Unit]:
    return [(m.start(), m.end(), weigh(m.group(0))) for m in _GRAPHEME.finditer(text)]


def _threads_weight(cluster: str) -> int:
    # Threads API posts doc: "Text posts are limited to 500 characters. Emojis are counted as the
    # number of UTF-8 bytes." https://developers.facebook.com/docs/threads/posts
    if _emoji_length(cluster):
        return len(cluster.encode("utf-8"))
    return len(cluster)


def _measure(text: str, profile: NetworkProfile, spoiler: str) -> tuple[int, int | None, int]:
    """(scaled total, overflow index or None, scale) of ``text`` by the profile's rule."""
    rule = profile.counting_rule
    limit = profile.text_limit
    if rule == "twitter_v3":
        return _x_count(text, profile)
    if rule in ("graphemes", "bluesky"):
        length = grapheme_count(text)
        return length, (cluster_start(text, limit) if length > limit else None), 1
    if rule == "mastodon":
        weight = grapheme_count(spoiler)
        return (*_cluster_pieces_count(text, _mastodon_pieces(text, profile), limit, weight), 1)
    if rule == "code_points":
        return len(text), (limit if len(text) > limit else None), 1
    if rule == "utf16" and text.isascii():
        return len(text), (limit if len(text) > limit else None), 1
    if rule == "utf16":
        units = [(i, i + 1, 2 if ord(c) > 0xFFFF else 1) for i, c in enumerate(text)]
    elif rule == "threads":
        units = _cluster_units(text, _threads_weight)
    else:
        raise CountingError(_(
            "Unknown counting rule “{rule}” for network {network}.",
            rule=rule, network=profile.display_name,
        ))
    return (*_overflow(units, limit), 1)


def _overflow(units: list[Unit], limit_scaled: int, start_weight: int = 0) -> tuple[int, int | None]:
    total = start_weight
    overflow: int | None = 0 if start_weight > limit_scaled else None
    for start, _end, weight in units:
        total += weight
        if overflow is None and total > limit_scaled:
            overflow = start
    return total, overflow


def _resolve(network: str | NetworkProfile) -> NetworkProfile:
    return network if isinstance(network, NetworkProfile) else get_profile(network)


def count(network: str | NetworkProfile, text: str, *, spoiler: str = "") -> CountResult:
    """Count ``text`` (plus a Mastodon content warning ``spoiler``) against a network's limit."""
    if not isinstance(text, str) or not isinstance(spoiler, str):
        raise CountingError(_("The text to count must be a string."))
    profile = _resolve(network)
    total, overflow, scale = _measure(text, profile, spoiler)
    length = -(-total // scale)
    byte_length = byte_limit = None
    over_by = max(0, length - profile.text_limit)
    if profile.byte_limit is not None:
        byte_limit = profile.byte_limit
        byte_length = len(text.encode("utf-8"))
        if byte_length > byte_limit:
            byte_units = [(m.start(), m.end(), len(m.group(0).encode("utf-8")))
                          for m in _GRAPHEME.finditer(text)]
            byte_overflow = _overflow(byte_units, byte_limit)[1]
            overflow = byte_overflow if overflow is None else min(overflow, byte_overflow)
        over_by = max(over_by, byte_length - byte_limit)
    return CountResult(
        length=length,
        limit=profile.text_limit,
        remaining=max(0, profile.text_limit - length),
        over_by=over_by,
        overflow_start=overflow,
        byte_length=byte_length,
        byte_limit=byte_limit,
    )


def count_title(network: str | NetworkProfile, title: str) -> CountResult:
    """Count a separate title field (Pinterest pin title), in characters."""
    profile = _resolve(network)
    if profile.title_limit is None:
        raise CountingError(_("{network} posts have no separate title.", network=profile.display_name))
    total, overflow = _overflow([(i, i + 1, 1) for i in range(len(title))], profile.title_limit)
    return CountResult(total, profile.title_limit, max(0, profile.title_limit - total),
                       max(0, total - profile.title_limit), overflow)
