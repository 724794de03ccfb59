"""The network table: complete, consistent, sourced, and overridable from a Mastodon server."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from cmstudio.core import networks
from cmstudio.core.errors import UserError
from cmstudio.core.networks import (
    LinkBehaviour,
    NetworkError,
    all_profiles,
    get_profile,
    profile_with_instance,
)

EXPECTED_IDS = {
    "x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "instagram_feed",
    "instagram_story", "pinterest", "telegram_message", "telegram_caption", "discord",
}
KNOWN_RULES = {"twitter_v3", "bluesky", "graphemes", "mastodon", "threads", "utf16", "code_points"}

# A trimmed real-world shape of GET /api/v2/instance (https://docs.joinmastodon.org/methods/instance/#v2)
INSTANCE = {
    "domain": "piaille.example",
    "title": "Piaille",
    "version": "4.4.0",
    "configuration": {
        "urls": {"streaming": "wss://piaille.example"},
        "accounts": {"max_featured_tags": 10},
        "statuses": {
            "max_characters": 5000,
            "max_media_attachments": 8,
            "characters_reserved_per_url": 23,
        },
        "media_attachments": {
            "supported_mime_types": ["image/jpeg", "image/png"],
            "description_limit": 3000,
            "image_size_limit": 10485760,
            "image_matrix_limit": 16777216,
        },
    },
}


def test_table_has_every_network_once() -> None:
    ids = [p.id for p in all_profiles()]
    assert set(ids) == EXPECTED_IDS and len(ids) == len(set(ids))


def test_profiles_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        get_profile("x").text_limit = 10_000  # type: ignore[misc]


@pytest.mark.parametrize("profile", all_profiles(), ids=lambda p: p.id)
def test_profile_values_are_consistent(profile: networks.NetworkProfile) -> None:
    assert profile.counting_rule in KNOWN_RULES
    assert profile.text_limit >= 0 and profile.max_images >= 0
    assert isinstance(profile.link_behaviour, LinkBehaviour)
    if profile.aspect_ratio_min is not None and profile.aspect_ratio_max is not None:
        assert profile.aspect_ratio_min <= profile.aspect_ratio_max
    for width, height in profile.recommended_sizes:
        assert profile.accepts_aspect_ratio(width, height), (width, height)
    if profile.max_images:
        assert profile.image_formats, "a network that takes images names its formats"
    if profile.link_behaviour is LinkBehaviour.COUNTED_AS_23:
        assert profile.url_length == 23
    if profile.max_thread_parts is not None:
        assert profile.supports_threads
    assert profile.utm_source


def test_every_profile_entry_cites_a_source() -> None:
    source = Path(networks.__file__).read_text(encoding="utf-8")
    blocks = source.split("NetworkProfile(\n")[1:]
    assert len(blocks) == len(EXPECTED_IDS)
    for block in blocks:
        network_id = re.search(r'id="([^"]+)"', block).group(1)
        assert re.search(r"#.*https://", block), f"{network_id} has no source URL"


def test_key_documented_values() -> None:
    assert get_profile("x").text_limit == 280 and get_profile("x").max_images == 4
    bluesky = get_profile("bluesky")
    assert (bluesky.text_limit, bluesky.byte_limit, bluesky.max_images) == (300, 3000, 4)
    mastodon = get_profile("mastodon")
    assert (mastodon.text_limit, mastodon.max_images, mastodon.url_length, mastodon.alt_text_limit) == (
        500, 4, 23, 1500)
    insta = get_profile("instagram_feed")
    assert (insta.text_limit, insta.hashtag_limit) == (2200, 30)
    assert insta.link_behaviour is LinkBehaviour.NOT_CLICKABLE
    assert get_profile("pinterest").title_limit == 100 and get_profile("pinterest").link_field
    assert get_profile("telegram_caption").text_limit == 1024
    assert get_profile("telegram_message").text_limit == 4096
    assert get_profile("discord").text_limit == 2000


def test_instagram_aspect_ratio_range() -> None:
    insta = get_profile("instagram_feed")
    assert insta.accepts_aspect_ratio(1080, 1350)  # 4:5
    assert insta.accepts_aspect_ratio(1080, 566)  # 1.91:1
    assert not insta.accepts_aspect_ratio(1080, 1920)  # 9:16 is for stories
    assert not insta.accepts_aspect_ratio(0, 100)


def test_unknown_network_is_a_user_error() -> None:
    with pytest.raises(UserError, match="Known networks"):
        get_profile("orkut")


def test_profile_with_instance_reads_the_server_limits() -> None:
    default = get_profile("mastodon")
    tuned = profile_with_instance(default, INSTANCE)
    assert tuned.text_limit == 5000
    assert tuned.max_images == 8
    assert tuned.url_length == 23
    assert tuned.max_image_bytes == 10485760
    assert tuned.alt_text_limit == 3000
    assert default.text_limit == 500, "the built-in profile is untouched"


def test_profile_with_instance_accepts_raw_json_and_keeps_missing_values() -> None:
    raw = json.dumps({"configuration": {"statuses": {"max_characters": 1000}}})
    tuned = profile_with_instance(get_profile("mastodon"), raw)
    assert tuned.text_limit == 1000
    assert tuned.alt_text_limit == 1500 and tuned.max_images == 4 and tuned.url_length == 23


@pytest.mark.parametrize(
    "bad",
    [
        "not json",
        "[1, 2]",
        {"configuration": {"statuses": {"max_characters": "lots"}}},
        {"configuration": {"statuses": {"max_characters": -5}}},
        {"configuration": {"statuses": {"max_media_attachments": True}}},
    ],
)
def test_profile_with_instance_rejects_bad_descriptions(bad: object) -> None:
    with pytest.raises(NetworkError):
        profile_with_instance(get_profile("mastodon"), bad)  # type: ignore[arg-type]
