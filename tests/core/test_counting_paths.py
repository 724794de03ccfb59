"""The fast paths of counting give the answers of the plain definitions they stand for.

Counting skips per-character work wherever Unicode says it cannot matter (grapheme clusters are
only searched around characters that can join a neighbour; links only in tokens holding a dot and
a TLD; emoji only where one can begin). Each shortcut is checked here against the definition it
replaces: UAX #29 clusters as the regex module finds them with ``\\X``, and twitter-text's
parseTweet valid range, itself checked by the conformance suite.
"""

from __future__ import annotations

import dataclasses
import random
import unicodedata
from pathlib import Path

import pytest
import regex
import yaml

from cmstudio.core import text_entities
from cmstudio.core.counting import TWITTER_V3, count, parse_tweet, utf16_length
from cmstudio.core.networks import get_profile, profile_with_instance
from cmstudio.core.text_entities import cluster_start, grapheme_count

VALIDATE = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "twitter-text" / "validate.yml"

# Characters from every cluster rule of UAX #29: CR LF, combining marks, ZWJ emoji sequences, skin
# tones, flags (regional indicator pairs), Hangul jamo and syllables, Indic conjuncts (virama),
# spacing marks, prepended concatenation marks, tag sequences, plus links, mentions and CJK.
TRICKY = [
    "a", "b", " ", ".", "\r", "\n", "é", "e\u0301", "\u0301", "\u200d", "\u200c", "\ufe0f", "\u20e3",
    "😀", "👩\u200d👩\u200d👧", "🇫", "🇷", "\U0001f3fd", "👍", "©", "#", "1", "\u1100", "\u1161",
    "\u11a8", "가", "각", "\u0915", "\u094d", "\u0937", "\u0903", "\u0600", "\u0e33", "な", "故", "—",
    "\U000e0067", "\U000e007f", "🏴", "\u0f73", "\U0001d15e", "\u3099", "\uff9e", "\u2028", "\ufeff",
    "https://exemple.fr/a", "exemple.fr/page", "@bob@piaille.fr", "@alice", "#CM", "\t",
]


def _random_texts(seed: int, count_: int, longest: int, alphabet: list[str] = TRICKY) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count_)]


def test_characters_treated_as_never_joining_really_never_join() -> None:
    joining = regex.compile(
        r"[\p{GCB=CR}\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}\p{GCB=L}"
        r"\p{GCB=V}\p{GCB=T}\p{GCB=LV}\p{GCB=LVT}\p{GCB=Regional_Indicator}]"
    )
    simple = regex.compile(f"[{text_entities._SIMPLE}]")
    every = "".join(chr(c) for c in range(0x20000) if not 0xD800 <= c <= 0xDFFF)
    claimed = simple.findall(every)
    assert len(claimed) > 30000
    assert [hex(ord(c)) for c in claimed if joining.match(c)] == []


def test_grapheme_count_and_cluster_start_match_uax29_clusters() -> None:
    for text in _random_texts(1, 4000, 40):
        clusters = [m.start() for m in regex.finditer(r"\X", text)]
        assert grapheme_count(text) == len(clusters), repr(text)
        for n in {0, 1, len(clusters) // 2, max(len(clusters) - 1, 0), len(clusters), len(clusters) + 3}:
            expected = clusters[n] if 0 <= n < len(clusters) else None
            assert cluster_start(text, n) == expected, (repr(text), n)


def _first_cluster_over(text: str, limit: int, weigh=lambda cluster: 1) -> int | None:
    total = 0
    for m in regex.finditer(r"\X", text):
        total += weigh(m.group(0))
        if total > limit:
            return m.start()
    return None


@pytest.mark.parametrize("limit", [1, 7, 40])
def test_bluesky_overflow_is_the_first_cluster_past_the_limit(limit: int) -> None:
    profile = get_profile("bluesky")
    tight = dataclasses.replace(profile, text_limit=limit, byte_limit=10 * limit)
    for text in _random_texts(2, 1500, 60):
        result = count(tight, text)
        assert result.length == len(regex.findall(r"\X", text))
        assert result.byte_length == len(text.encode("utf-8"))
        by_clusters = _first_cluster_over(text, limit)
        by_bytes = _first_cluster_over(text, 10 * limit, lambda c: len(c.encode("utf-8")))
        starts = [i for i in (by_clusters, by_bytes) if i is not None]
        assert result.overflow_start == (min(starts) if starts else None), repr(text)


def test_mastodon_overflow_is_found_inside_the_run_that_overflows() -> None:
    profile = profile_with_instance(get_profile("mastodon"), {"configuration": {"statuses": {
        "max_characters": 12, "characters_reserved_per_url": 23}}})
    for text in _random_texts(3, 1500, 30):
        result = count(profile, text)
        if not result.fits:
            assert count(profile, text[: result.overflow_start]).fits, repr(text)
            assert result.overflow_start < len(text)


def test_x_overflow_matches_parse_tweet_valid_range() -> None:
    # For NFC text without invalid characters, the first character over the limit is the one
    # right after parseTweet's valid range (UTF-16 indices there, code points in count()).
    # Invalid characters (U+FEFF…) end the valid range early, and decomposed text is counted on
    # its NFC form, so both are left out of this comparison of indices.
    alphabet = [c for c in TRICKY if c not in ("\ufeff", "e\u0301") and unicodedata.is_normalized("NFC", c)]
    texts = _random_texts(4, 1500, 320, alphabet)
    if VALIDATE.exists():
        cases = yaml.safe_load(VALIDATE.read_text(encoding="utf-8"))["tests"]
        texts += [c["text"] for c in cases["WeightedTweetsWithDiscountedEmojiCounterTest"]]
    checked = 0
    for text in texts:
        parsed = parse_tweet(text, TWITTER_V3)
        result = count("x", text)
        assert result.length == parsed.weighted_length, repr(text)
        if result.fits or "\ufeff" in text or "\ufffe" in text or "\uffff" in text:
            continue
        if text != unicodedata.normalize("NFC", text):
            continue
        assert utf16_length(text[: result.overflow_start]) == parsed.valid_range_end + 1, repr(text)
        checked += 1
    assert checked > 100


def test_links_are_found_only_where_a_dot_precedes_a_domain_character() -> None:
    # A sentence full of full stops has no link; the link after it is still found with its offsets.
    text = "Fin. Vraiment fin… Et puis exemple.fr/page. Ensuite https://a.fr/x?b=1."
    urls = text_entities.extract_urls(text)
    assert [(u.url, text[u.start:u.end]) for u in urls] == [
        ("exemple.fr/page", "exemple.fr/page"), ("https://a.fr/x?b=1", "https://a.fr/x?b=1")]
    assert [u.url for u in text_entities.extract_urls(text, without_scheme=False)] == ["https://a.fr/x?b=1"]
