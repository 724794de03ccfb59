"""Bluesky connector against a fake PDS on 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from servers.bluesky import TID, BlueskyServer

from cmstudio.publish.connector import PublishError
from cmstudio.publish.connectors.bluesky import BlueskyConnector, record_key
from cmstudio.publish.payload import Payload


def test_record_keys_are_valid_distinct_and_stable() -> None:
    keys = {record_key(f"key-{n}", i) for n in range(200) for i in range(3)}
    assert len(keys) == 600
    assert all(TID.match(k) for k in keys)
    assert record_key("abc", 1) == record_key("abc", 1) != record_key("abc", 0)
    # a valid record key per https://atproto.com/specs/record-key as well
    assert all(re.fullmatch(r"[A-Za-z0-9._:~-]{1,512}", k) for k in keys)


def test_check_account(bluesky: BlueskyConnector) -> None:
    check = bluesky.check_account()
    assert check.ok and check.display_name == "Studio CM" and check.handle == "@studio.bsky.test"


def test_wrong_app_password(bluesky_server: BlueskyServer) -> None:
    conn = BlueskyConnector(
        {"base_url": bluesky_server.url, "handle": BlueskyServer.HANDLE}, {"app_password": "wrong-pass-word"}
    )
    check = conn.check_account()
    assert not check.ok and check.failure is not None and check.failure.kind == "auth_expired"
    assert "Invalid identifier or password" in check.message


def test_post_with_facets_images_and_aspect_ratio(
    bluesky: BlueskyConnector, bluesky_server: BlueskyServer, make_image
) -> None:
    text = "Été 🌞 avec @alice.bsky.test et @inconnu.bsky.test : https://example.org/été. #Festival2025 #2025"
    photo = make_image("photo.jpg", size=(120, 80), alt="Scène en plein air")
    result = bluesky.publish(Payload(text=text, media=[photo], language="fr"), "bsky-1")
    rkey = result.remote_id.rsplit("/", 1)[1]
    assert rkey == record_key("bsky-1", 0)
    record = bluesky_server.records[rkey]["value"]
    kinds = [f["features"][0]["$type"].rsplit("#", 1)[1] for f in record["facets"]]
    # the unknown handle stays plain text, "#2025" is not a tag (digits only)
    assert kinds == ["mention", "link", "tag"]
    raw = text.encode()
    tag = record["facets"][2]
    assert raw[tag["index"]["byteStart"] : tag["index"]["byteEnd"]].decode() == "#Festival2025"
    image = record["embed"]["images"][0]
    assert image["alt"] == "Scène en plein air" and image["aspectRatio"] == {"width": 120, "height": 80}
    assert record["langs"] == ["fr"]
    assert result.url == f"https://bsky.app/profile/{BlueskyServer.HANDLE}/post/{rkey}"


def test_link_card_with_thumbnail(
    bluesky: BlueskyConnector, bluesky_server: BlueskyServer, make_image
) -> None:
    cover, second = make_image("cover.png"), make_image("second.png", size=(10, 10))
    payload = Payload(
        text="Nouvel article",
        link="https://blog.example.org/a",
        title="Un titre",
        excerpt="Résumé",
        media=[second, cover],
        featured_media=1,
    )
    result = bluesky.publish(payload, "card")
    embed = bluesky_server.records[result.remote_id.rsplit("/", 1)[1]]["value"]["embed"]
    assert embed["$type"] == "app.bsky.embed.external"
    assert embed["external"]["uri"] == "https://blog.example.org/a"
    assert embed["external"]["title"] == "Un titre" and embed["external"]["description"] == "Résumé"
    cover_size = cover.path.stat().st_size
    assert bluesky_server.blobs[embed["external"]["thumb"]["ref"]["$link"]]["size"] == cover_size


def test_thread_references_root_and_parent(bluesky: BlueskyConnector, bluesky_server: BlueskyServer) -> None:
    result = bluesky.publish(Payload(parts=["1/3", "2/3", "3/3"]), "thread")
    root = bluesky_server.records[result.parts[0].rsplit("/", 1)[1]]
    third = bluesky_server.records[result.parts[2].rsplit("/", 1)[1]]["value"]
    second = bluesky_server.records[result.parts[1].rsplit("/", 1)[1]]
    assert third["reply"]["root"] == {"uri": root["uri"], "cid": root["cid"]}
    assert third["reply"]["parent"] == {"uri": second["uri"], "cid": second["cid"]}


def test_expired_access_token_is_refreshed_not_recreated(
    bluesky: BlueskyConnector, bluesky_server: BlueskyServer
) -> None:
    bluesky.publish(Payload(text="premier"), "a")
    bluesky_server.expire_access()
    bluesky.publish(Payload(text="second"), "b")
    assert len(bluesky_server.calls("createSession")) == 1
    assert len(bluesky_server.calls("refreshSession")) == 1
    assert len(bluesky_server.records) == 2


def test_refresh_failure_is_auth_expired(bluesky: BlueskyConnector, bluesky_server: BlueskyServer) -> None:
    bluesky.publish(Payload(text="premier"), "a")
    bluesky_server.expire_all()
    with pytest.raises(PublishError) as info:
        bluesky.publish(Payload(text="second"), "b")
    assert info.value.failure.kind == "auth_expired"
    assert "Reconnect the account" in info.value.failure.message


def test_verify_does_not_mistake_a_refused_token_for_absence(
    bluesky: BlueskyConnector, bluesky_server: BlueskyServer
) -> None:
    bluesky.publish(Payload(text="déjà publié"), "v")
    body = {"error": "InvalidToken", "message": "Token could not be verified"}
    bluesky_server.fail("status", "getRecord", status=400, body=body)
    with pytest.raises(PublishError) as info:
        bluesky.verify(Payload(text="déjà publié"), "v")
    assert info.value.failure.kind == "auth_expired"


def test_lost_answer_then_verify_and_retry_do_not_duplicate(
    bluesky: BlueskyConnector, bluesky_server: BlueskyServer
) -> None:
    payload = Payload(parts=["Annonce", "Détails"])
    assert bluesky.verify(payload, "lost") is None
    bluesky_server.fail("drop_after", "createRecord")
    # publish looks the record up after a lost answer: make that look-up fail too
    bluesky_server.fail("status", "getRecord", status=502, after=1)
    with pytest.raises(PublishError) as info:
        bluesky.publish(payload, "lost")
    assert info.value.failure.kind == "transient"
    found = bluesky.verify(payload, "lost")
    assert found is not None and not found.complete and len(found.parts) == 1
    done = bluesky.publish(payload, "lost")
    assert done.parts[0] == found.parts[0] and len(bluesky_server.records) == 2
    assert bluesky.verify(payload, "lost") == done


def test_publish_recovers_a_lost_answer_by_itself(
    bluesky: BlueskyConnector, bluesky_server: BlueskyServer
) -> None:
    bluesky_server.fail("drop_after", "createRecord", after=1)  # the answer for part 2 is lost
    result = bluesky.publish(Payload(parts=["Un", "Deux", "Trois"]), "k")
    assert len(result.parts) == 3 and len(bluesky_server.records) == 3


def test_timeout_is_transient_and_nothing_is_created(
    bluesky: BlueskyConnector, bluesky_server: BlueskyServer
) -> None:
    bluesky_server.fail("timeout", "createRecord", delay=1.5)
    with pytest.raises(PublishError) as info:
        bluesky.publish(Payload(text="x"), "k")
    assert info.value.failure.kind == "transient" and "did not answer in time" in info.value.failure.message
    assert bluesky.verify(Payload(text="x"), "k") is None


def test_image_too_big_is_refused_before_upload(
    bluesky: BlueskyConnector, bluesky_server: BlueskyServer, make_image
) -> None:
    small = make_image("small.jpg")
    big = make_image("grande.png", size=(1000, 1000), noise=True)
    assert big.path.stat().st_size > 1_000_000
    with pytest.raises(PublishError) as info:
        bluesky.publish(Payload(text="x", media=[small, big]), "k")
    assert info.value.failure.kind == "permanent"
    assert info.value.failure.message.startswith("Image 2 (grande.png): the file weighs")
    assert not bluesky_server.calls("uploadBlob")


def test_rate_limit_uses_ratelimit_reset(bluesky: BlueskyConnector, bluesky_server: BlueskyServer) -> None:
    import time

    reset = int(time.time()) + 120
    bluesky_server.fail(
        "status",
        "createRecord",
        status=429,
        headers={"RateLimit-Reset": str(reset)},
        body={"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
    )
    with pytest.raises(PublishError) as info:
        bluesky.publish(Payload(text="x"), "k")
    assert info.value.failure.kind == "rate_limited"
    assert 100 < (info.value.failure.retry_after or 0) <= 120


def test_post_over_300_graphemes_is_permanent(bluesky: BlueskyConnector) -> None:
    with pytest.raises(PublishError) as info:
        bluesky.publish(Payload(parts=["ok", "é" * 301]), "k")
    assert info.value.failure.kind == "permanent"
    assert info.value.failure.message.startswith("Part 2 of the thread: Bluesky rejected the request")
