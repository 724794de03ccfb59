"""Run twitter-text's own conformance files against our X counter and link finder.

The YAML files are read at test time, as the suite's README asks (never turned into static cases):
from the shared folder beside the repository (../shared/conformance/twitter-text) when it is there,
else from the copy in tests/conformance/twitter-text (see its README).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from cmstudio.core.counting import TWITTER_V2, TWITTER_V3, TwitterConfig, parse_tweet
from cmstudio.core.text_entities import extract_hashtags, extract_urls


def _conformance_dir() -> Path:
    """$CMSTUDIO_CONFORMANCE_DIR, else the shared folder beside the repository, else tests' own copy."""
    candidates = [Path(p) for p in [os.environ.get("CMSTUDIO_CONFORMANCE_DIR", "")] if p]
    candidates += [Path(__file__).resolve().parents[3] / "shared" / "conformance" / "twitter-text",
                   Path(__file__).resolve().parents[1] / "conformance" / "twitter-text"]
    return next((c for c in candidates if (c / "validate.yml").exists()), candidates[-1])


CONFORMANCE = _conformance_dir()
VALIDATE = CONFORMANCE / "validate.yml"
TLDS = CONFORMANCE / "tlds.yml"
CONFIG_V3 = CONFORMANCE / "config-v3.json"

pytestmark = pytest.mark.skipif(
    not VALIDATE.exists(), reason=f"twitter-text conformance files not found at {CONFORMANCE}"
)

# twitter-text runs WeightedTweetsCounterTest with config v2 (no emoji parsing) and the two
# other sections with v3 (test/conformance in https://github.com/twitter/twitter-text/tree/master/js).
SECTIONS: dict[str, TwitterConfig] = {
    "WeightedTweetsCounterTest": TWITTER_V2,
    "WeightedTweetsWithDiscountedEmojiCounterTest": TWITTER_V3,
    "UnicodeDirectionalMarkerCounterTest": TWITTER_V3,
}


def _load(path: Path) -> dict:
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8"))["tests"]


_VALIDATE = _load(VALIDATE)
_TLDS = _load(TLDS)


def _cases(section: str) -> list:
    return [
        pytest.param(case, SECTIONS[section], id=f"{section}:{case['description']}")
        for case in _VALIDATE.get(section, [])
    ]


@pytest.mark.parametrize(
    ("case", "config"), [p for s in SECTIONS for p in _cases(s)] or [pytest.param(None, None, id="absent")]
)
def test_weighted_counter_case(case: dict, config: TwitterConfig) -> None:
    if case is None:
        pytest.skip("conformance file absent")
    result = parse_tweet(case["text"], config)
    got = {
        "weightedLength": result.weighted_length,
        "valid": result.valid,
        "permillage": result.permillage,
        "displayRangeStart": result.display_range_start,
        "displayRangeEnd": result.display_range_end,
        "validRangeStart": result.valid_range_start,
        "validRangeEnd": result.valid_range_end,
    }
    assert got == case["expected"], case["description"]


def test_every_counter_section_was_run() -> None:
    for section in SECTIONS:
        assert len(_VALIDATE[section]) > 0, section
    assert len(_VALIDATE["WeightedTweetsCounterTest"]) >= 20


def test_builtin_config_matches_the_published_v3_config() -> None:
    published = json.loads(CONFIG_V3.read_text(encoding="utf-8"))
    assert TWITTER_V3.max_weighted_length == published["maxWeightedTweetLength"]
    assert TWITTER_V3.scale == published["scale"]
    assert TWITTER_V3.default_weight == published["defaultWeight"]
    assert TWITTER_V3.transformed_url_length == published["transformedURLLength"]
    assert TWITTER_V3.emoji_parsing_enabled == published["emojiParsingEnabled"]
    assert [list(r) for r in TWITTER_V3.ranges] == [
        [r["start"], r["end"], r["weight"]] for r in published["ranges"]
    ]


@pytest.mark.parametrize("kind", ["country", "generic"])
def test_every_published_tld_is_recognised(kind: str) -> None:
    missed = []
    for case in _TLDS[kind]:
        urls = [u.url for u in extract_urls(case["text"])]
        if urls != case["expected"]:
            missed.append(case["text"])
    assert not missed, f"{len(missed)} {kind} TLDs not recognised, e.g. {missed[:5]}"


def test_urls_without_protocol_section() -> None:
    for case in _VALIDATE["urls_without_protocol"]:
        urls = extract_urls(case["text"])
        assert [u.url for u in urls] == [case["text"]], case["description"]
        assert not urls[0].has_scheme


def test_hashtags_section() -> None:
    for case in _VALIDATE["hashtags"]:
        found = extract_hashtags(case["text"])
        whole = len(found) == 1 and found[0].start == 0 and found[0].end == len(case["text"])
        assert whole == case["expected"], case["description"]

