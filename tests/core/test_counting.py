"""Counting rules of each network, checked against the rules as the networks state them."""

from __future__ import annotations

import dataclasses

import pytest

from cmstudio.core.counting import (
    CountingError,
    count,
    count_title,
    extract_hashtags,
    extract_mentions,
    extract_urls,
    grapheme_count,
    utf16_length,
)
from cmstudio.core.errors import UserError
from cmstudio.core.networks import NetworkError, get_profile, profile_with_instance

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 7 code points, 25 bytes
MASK = "\U0001f637"  # 😷: 1 code point, 2 UTF-16 units, 4 UTF-8 bytes


# --- X -----------------------------------------------------------------------------------------

def test_x_counts_plain_latin_one_per_character_and_reports_overflow_index() -> None:
    result = count("x", "a" * 281)
    assert (result.length, result.limit, result.remaining, result.over_by) == (281, 280, 0, 1)
    assert result.overflow_start == 280
    assert count("x", "a" * 280).fits


def test_x_counts_every_url_as_23_including_scheme_less_ones() -> None:
    assert count("x", "Voir exemple.fr/page").length == len("Voir ") + 23
    assert count("x", "https://exemple.fr/" + "x" * 200).length == 23
    assert count("x", "www.exemple.fr").length == 23
    assert count("x", "lire https://a.fr/x et b.com").length == len("lire ") + 23 + len(" et ") + 23


def test_x_leaves_a_bare_country_domain_without_path_as_text() -> None:
    # twitter-text does not link "exemple.fr" alone (ccTLD, no subdomain, no path), but does .co.
    assert count("x", "exemple.fr").length == len("exemple.fr")
    assert count("x", "exemple.co").length == 23


def test_x_emoji_sequence_weighs_two_and_cjk_weighs_two() -> None:
    assert count("x", FAMILY).length == 2
    assert count("x", "故人").length == 4
    assert count("x", "é").length == 1


def test_x_overflow_start_is_an_index_in_the_original_unnormalised_text() -> None:
    decomposed = "e\u0301" * 281  # NFC makes 281 characters out of 562 code points
    result = count("x", decomposed)
    assert result.length == 281
    assert result.overflow_start == 560
    assert decomposed[result.overflow_start:] == "e\u0301"


def test_x_overflow_start_after_a_url() -> None:
    text = "https://exemple.fr/page " + "b" * 260
    result = count("x", text)
    assert result.length == 23 + 1 + 260
    # 23 + 1 + 256 = 280, so the 257th "b" is the first character over the limit.
    assert result.overflow_start == len("https://exemple.fr/page ") + 256


# --- Bluesky -----------------------------------------------------------------------------------

def test_bluesky_counts_graphemes_and_bytes() -> None:
    result = count("bluesky", "é" * 300)
    assert result.fits and result.length == 300 and result.byte_length == 600
    assert result.byte_limit == 3000
    over = count("bluesky", "e\u0301" * 301)  # decomposed: still 301 graphemes
    assert over.length == 301 and over.over_by == 1 and over.overflow_start == 600


def test_bluesky_byte_limit_can_overflow_before_the_grapheme_limit() -> None:
    text = FAMILY * 121  # 121 graphemes but 3025 bytes
    result = count("bluesky", text)
    assert result.length == 121
    assert result.byte_length == 121 * 25
    assert result.over_by == 25
    assert result.overflow_start == 120 * 7


# --- Mastodon ----------------------------------------------------------------------------------

def test_mastodon_counts_urls_as_23_and_remote_mentions_as_local_name() -> None:
    text = "Bravo @alice@mastodon.social ! https://exemple.fr/" + "x" * 100
    expected = len("Bravo ") + len("@alice") + len(" ! ") + 23
    assert count("mastodon", text).length == expected


def test_mastodon_counts_scheme_less_domains_in_full() -> None:
    assert count("mastodon", "exemple.fr/page").length == len("exemple.fr/page")


def test_mastodon_adds_the_content_warning() -> None:
    result = count("mastodon", "a" * 490, spoiler="Spoiler CW")
    assert result.length == 500 and result.fits
    over = count("mastodon", "a" * 491, spoiler="Spoiler CW")
    assert over.over_by == 1 and over.overflow_start == 490


def test_mastodon_uses_the_instance_url_length_and_limit() -> None:
    profile = profile_with_instance(
        get_profile("mastodon"),
        {"configuration": {"statuses": {"max_characters": 5000, "characters_reserved_per_url": 30}}},
    )
    result = count(profile, "lire https://exemple.fr/")
    assert result.length == len("lire ") + 30
    assert result.limit == 5000


# --- Other networks ----------------------------------------------------------------------------

def test_threads_counts_emoji_as_their_utf8_bytes() -> None:
    assert count("threads", MASK).length == 4
    assert count("threads", "ab" + MASK).length == 6
    assert count("threads", FAMILY).length == 25
    assert count("threads", "é").length == 1


def test_telegram_counts_utf16_code_units() -> None:
    assert count("telegram_message", MASK).length == 2
    caption = count("telegram_caption", MASK * 513)
    assert caption.length == 1026 and caption.limit == 1024 and caption.overflow_start == 512


def test_discord_counts_code_points() -> None:
    assert count("discord", MASK * 2000).fits
    assert count("discord", MASK * 2001).overflow_start == 2000


def test_instagram_linkedin_and_facebook_limits() -> None:
    assert count("instagram_feed", "a" * 2200).fits
    assert count("instagram_feed", "a" * 2201).over_by == 1
    assert count("linkedin", "a" * 3001).overflow_start == 3000
    assert count("facebook", "a" * 5000).fits
    assert not count("instagram_story", "a").fits


def test_pinterest_description_and_title() -> None:
    assert count("pinterest", "a" * 501).over_by == 1
    assert count_title("pinterest", "t" * 100).fits
    assert count_title("pinterest", "t" * 101).overflow_start == 100
    with pytest.raises(CountingError):
        count_title("x", "no title on X")


def test_empty_text_counts_zero() -> None:
    for network in ("x", "bluesky", "mastodon", "threads", "telegram_message", "discord"):
        result = count(network, "")
        assert result.length == 0 and result.over_by == 0 and result.overflow_start is None


def test_unknown_network_and_bad_input_are_user_errors() -> None:
    with pytest.raises(NetworkError, match="Unknown network"):
        count("myspace", "hello")
    with pytest.raises(UserError):
        count("x", None)  # type: ignore[arg-type]
    broken = dataclasses.replace(get_profile("x"), counting_rule="nope")
    with pytest.raises(CountingError, match="Unknown counting rule"):
        count(broken, "hello")


# --- Helpers -----------------------------------------------------------------------------------

def test_extract_urls_gives_positions_in_the_text() -> None:
    text = "Lisez exemple.fr/page, puis https://exemple.org/a?b=c#d."
    urls = extract_urls(text)
    assert [(u.url, text[u.start:u.end], u.has_scheme) for u in urls] == [
        ("exemple.fr/page", "exemple.fr/page", False),
        ("https://exemple.org/a?b=c#d", "https://exemple.org/a?b=c#d", True),
    ]
    assert [u.url for u in extract_urls(text, without_scheme=False)] == ["https://exemple.org/a?b=c#d"]


def test_extract_hashtags_handles_accents_and_skips_numbers_and_links() -> None:
    text = "#Réseaux et #été #2024 https://exemple.fr/#ancre #1er"
    assert [h.tag for h in extract_hashtags(text)] == ["Réseaux", "été", "1er"]


def test_extract_mentions_local_and_remote_but_not_emails() -> None:
    mentions = extract_mentions("Merci @bob et @alice@piaille.fr ; écrire à contact@exemple.fr")
    assert [(m.username, m.domain) for m in mentions] == [("bob", None), ("alice", "piaille.fr")]
    assert mentions[1].local_form == "@alice"


def test_length_helpers() -> None:
    assert utf16_length(MASK + "a") == 3
    assert grapheme_count(FAMILY + "e\u0301") == 2
