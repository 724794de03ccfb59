"""Bluesky facets (byte offsets) and payload validation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from cmstudio.publish.facets import build_facets, byte_range, find_spans
from cmstudio.publish.payload import MediaItem, Payload, PayloadError


def _slices(text: str, facets: list[dict]) -> list[str]:
    raw = text.encode("utf-8")
    return [raw[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode() for f in facets]


def test_byte_offsets_after_multibyte_characters() -> None:
    text = "Café ☕ 👩‍👩‍👧 https://exemple.fr/été"
    facets = build_facets(text)
    assert len(facets) == 1
    start = facets[0]["index"]["byteStart"]
    assert start == len("Café ☕ 👩‍👩‍👧 ".encode())  # bytes, not characters
    assert start != text.index("https")
    assert _slices(text, facets) == ["https://exemple.fr/été"]


def test_links_lose_sentence_punctuation_but_keep_balanced_parentheses() -> None:
    text = (
        "Voir https://example.org/a. Et (https://example.org/b) "
        "puis https://fr.wikipedia.org/wiki/Lyon_(ville)!"
    )
    assert [s.value for s in find_spans(text)] == [
        "https://example.org/a",
        "https://example.org/b",
        "https://fr.wikipedia.org/wiki/Lyon_(ville)",
    ]


def test_mentions_are_resolved_or_left_plain() -> None:
    dids = {"alice.bsky.social": "did:plc:alice"}
    text = "Merci @Alice.bsky.social et @bob.example.com. Pas un handle : mail@alice.bsky.social @nodot"
    facets = build_facets(text, dids.get)
    assert _slices(text, facets) == ["@Alice.bsky.social"]
    assert facets[0]["features"][0] == {"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:alice"}


def test_hashtags() -> None:
    text = "#Lyon, #été2025! #2025 #\ufeff #\ufe0f note#pas (#non) ＃全角 #" + "a" * 65
    facets = build_facets(text)
    tags = [f["features"][0]["tag"] for f in facets]
    assert tags == ["Lyon", "été2025", "全角"]
    assert _slices(text, facets) == ["#Lyon", "#été2025", "＃全角"]


def test_byte_range_helper() -> None:
    assert byte_range("é#a", 1, 3) == (2, 4)


def test_payload_thread_and_text() -> None:
    p = Payload(parts=["un", "deux"])
    assert p.text == "un" and p.thread == ["un", "deux"]
    assert Payload(text="seul").thread == ["seul"]
    with pytest.raises(PayloadError, match="first part"):
        Payload(text="autre", parts=["un", "deux"])
    with pytest.raises(PayloadError, match="nothing to publish"):
        Payload()


def test_payload_time_is_aware_and_stored_in_utc() -> None:
    paris_summer = timezone(timedelta(hours=2))
    p = Payload(text="x", scheduled_at=datetime(2025, 7, 14, 22, 0, tzinfo=paris_summer))
    assert p.scheduled_at == datetime(2025, 7, 14, 20, 0, tzinfo=UTC)
    assert p.scheduled_at.utcoffset() == timedelta(0)
    with pytest.raises(PayloadError, match="time zone"):
        Payload(text="x", scheduled_at=datetime(2025, 7, 14, 22, 0))


def test_payload_link_and_featured_media(make_image) -> None:
    image = make_image("a.jpg")
    with pytest.raises(PayloadError, match="featured image is number 2"):
        Payload(text="x", media=[image], featured_media=1)
    with pytest.raises(PayloadError, match="http"):
        Payload(text="x", link="example.org")
    p = Payload(text="Lisez", link="https://example.org")
    assert p.text_with_link() == "Lisez\n\nhttps://example.org"
    assert (
        Payload(text="Lisez https://example.org", link="https://example.org").text_with_link().count("https")
        == 1
    )


def test_media_item_from_file_and_focus(make_image, tmp_path) -> None:
    item = make_image("photo.png", size=(30, 20), focal=(0, 1))
    assert (item.width, item.height, item.mime) == (30, 20, "image/png")
    assert item.mastodon_focus == (-1.0, -1.0)  # bottom-left corner
    assert MediaItem(item.path, "image/png", focal=(0.5, 0.5)).mastodon_focus == (0.0, 0.0)
    with pytest.raises(PayloadError, match="focal point"):
        MediaItem(item.path, "image/png", focal=(1.5, 0.2))
    text_file = tmp_path / "notes.txt"
    text_file.write_text("pas une image")
    with pytest.raises(PayloadError, match="not an image"):
        MediaItem.from_file(text_file)
    with pytest.raises(PayloadError, match="cannot be found"):
        MediaItem.from_file(tmp_path / "absent.jpg")
