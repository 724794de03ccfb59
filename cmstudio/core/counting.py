"""Exact character counting, network by network.

Each counting rule turns a text into *units* (start, end, weight) over the Python string; the
length is the sum of the weights, and the first unit that pushes the sum past the limit is where
the text starts overflowing. ``count()`` dispatches on the profile's ``counting_rule``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import regex

from cmstudio.core.errors import UserError
from cmstudio.core.networks import NetworkProfile, get_profile
from cmstudio.core.text_entities import (
    HashtagEntity,
    MentionEntity,
    UrlEntity,
    extract_hashtags,
    extract_mentions,
    extract_urls,
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

Unit = tuple[int, int, int]


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units (what Telegram's entity rules and JavaScript count)."""
    return len(text.encode("utf-16-le")) // 2


def grapheme_count(text: str) -> int:
    """User-perceived characters (extended grapheme clusters)."""
    return len(_GRAPHEME.findall(text))


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
    if len(seq) == 1 and ord(seq) <= 4351 and not regex.match(r"\p{Emoji_Presentation}", seq):
        return 0
    return len(seq)


def _twitter_weight(char: str, config: TwitterConfig) -> int:
    code = ord(char)
    for start, end, weight in config.ranges:
        if start <= code <= end:
            return weight
    return config.default_weight


def _normalize_mapped(text: str) -> tuple[str, list[int]]:
    """NFC text plus, for each of its indices, the index in ``text`` it comes from.

    NFC never composes across grapheme clusters, so clusters are normalised one by one.
    """
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


def _twitter_units(norm: str, config: TwitterConfig) -> list[Unit]:
    """Weighted steps over NFC text, as twitter-text's parseTweet walks it."""
    units: list[Unit] = []
    urls = {u.start: u.end for u in extract_urls(norm)}
    i = 0
    while i < len(norm):
        if i in urls:
            units.append((i, urls[i], config.transformed_url_length * config.scale))
            i = urls[i]
            continue
        cluster_end = _GRAPHEME.match(norm, i).end()
        next_url = min((s for s in urls if i < s < cluster_end), default=cluster_end)
        emoji = _emoji_length(norm[i:next_url]) if config.emoji_parsing_enabled else 0
        if emoji:
            units.append((i, i + emoji, config.default_weight))
            i += emoji
            continue
        units.append((i, i + 1, _twitter_weight(norm[i], config)))
        i += 1
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


def _x_units(text: str, profile: NetworkProfile) -> tuple[list[Unit], int]:
    norm, origin = _normalize_mapped(text)
    config = TWITTER_V3
    if profile.url_length is not None and profile.url_length != config.transformed_url_length:
        config = TwitterConfig(config.max_weighted_length, config.scale, config.default_weight,
                               profile.url_length, config.ranges, config.emoji_parsing_enabled)
    units = [(origin[s], origin[e - 1] + 1, w) for s, e, w in _twitter_units(norm, config)]
    return units, config.scale


def _cluster_units(text: str, weigh: Callable[[str], int]) -> list[Unit]:
    return [(m.start(), m.end(), weigh(m.group(0))) for m in _GRAPHEME.finditer(text)]


def _mastodon_units(text: str, profile: NetworkProfile) -> list[Unit]:
    """Mastodon StatusLengthValidator: URLs count as the reserved length, remote mentions as @name."""
    url_len = profile.url_length if profile.url_length is not None else 23
    spans: list[tuple[int, int, int]] = [(u.start, u.end, url_len)
                                         for u in extract_urls(text, without_scheme=False)]
    for m in extract_mentions(text):
        if m.domain and all(m.end <= s or m.start >= e for s, e, _ in spans):
            spans.append((m.start, m.end, grapheme_count(m.local_form)))
    spans.sort()
    units: list[Unit] = []
    pos = 0
    for start, end, weight in spans:
        units.extend((pos + s, pos + e, w) for s, e, w in _cluster_units(text[pos:start], lambda _: 1))
        units.append((start, end, weight))
        pos = end
    units.extend((pos + s, pos + e, w) for s, e, w in _cluster_units(text[pos:], lambda _: 1))
    return units


def _threads_weight(cluster: str) -> int:
    # Threads API posts doc: "Text posts are limited to 500 characters. Emojis are counted as the
    # number of UTF-8 bytes." https://developers.facebook.com/docs/threads/posts
    if _emoji_length(cluster):
        return len(cluster.encode("utf-8"))
    return len(cluster)


def _units_for(text: str, profile: NetworkProfile) -> tuple[list[Unit], int]:
    rule = profile.counting_rule
    if rule == "twitter_v3":
        return _x_units(text, profile)
    if rule in ("graphemes", "bluesky"):
        return _cluster_units(text, lambda _: 1), 1
    if rule == "mastodon":
        return _mastodon_units(text, profile), 1
    if rule == "threads":
        return _cluster_units(text, _threads_weight), 1
    if rule == "utf16":
        return [(i, i + 1, utf16_length(c)) for i, c in enumerate(text)], 1
    if rule == "code_points":
        return [(i, i + 1, 1) for i in range(len(text))], 1
    raise CountingError(f"Unknown counting rule “{rule}” for network {profile.display_name}.")


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
        raise CountingError("The text to count must be a string.")
    profile = _resolve(network)
    units, scale = _units_for(text, profile)
    spoiler_weight = grapheme_count(spoiler) if profile.counting_rule == "mastodon" else 0
    total, overflow = _overflow(units, profile.text_limit * scale, spoiler_weight * scale)
    length = -(-total // scale)
    byte_length = byte_limit = None
    over_by = max(0, length - profile.text_limit)
    if profile.byte_limit is not None:
        byte_limit = profile.byte_limit
        byte_units = [(m.start(), m.end(), len(m.group(0).encode("utf-8"))) for m in _GRAPHEME.finditer(text)]
        byte_length, byte_overflow = _overflow(byte_units, byte_limit)
        if byte_overflow is not None:
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
        raise CountingError(f"{profile.display_name} posts have no separate title.")
    total, overflow = _overflow([(i, i + 1, 1) for i in range(len(title))], profile.title_limit)
    return CountResult(total, profile.title_limit, max(0, profile.title_limit - total),
                       max(0, total - profile.title_limit), overflow)
