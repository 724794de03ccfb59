"""Mastodon connector against a fake instance on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from servers.mastodon import MastodonServer

from cmstudio.publish.connector import PublishError
from cmstudio.publish.connectors.mastodon import MastodonConnector, comparable, instance_config
from cmstudio.publish.payload import Payload


def test_instance_config_reads_limits_without_token(mastodon_server: MastodonServer) -> None:
    mastodon_server.max_characters = 5000
    config = instance_config({"base_url": mastodon_server.url})
    assert config.max_characters == 5000
    assert config.characters_reserved_per_url == 23
    assert "image/webp" in config.supported_mime_types
    assert "authorization" not in mastodon_server.calls("/api/v2/instance")[0].headers


def test_check_account(mastodon: MastodonConnector, mastodon_server: MastodonServer) -> None:
    check = mastodon.check_account()
    assert check.ok and check.display_name == "Studio CM"
    assert check.handle == f"@studio@{mastodon_server.url.split('://')[1]}"


def test_check_account_with_a_revoked_token(mastodon_server: MastodonServer) -> None:
    conn = MastodonConnector({"base_url": mastodon_server.url}, {"access_token": "revoked-token-value"})
    check = conn.check_account()
    assert not check.ok and check.failure is not None
    assert check.failure.kind == "auth_expired"
    assert "The access token is invalid" in check.message


def test_thread_with_images_alt_and_focus(
    mastodon: MastodonConnector, mastodon_server: MastodonServer, make_image
) -> None:
    mastodon_server.processing_polls = 2
    photo = make_image("photo.jpg", alt="Affiche du festival", focal=(0.75, 0.25))
    other = make_image("plan.png", alt="Plan d’accès")
    payload = Payload(
        parts=["Le festival ouvre demain ! #festival", "Le programme complet :", "Rendez-vous à 18 h."],
        media=[photo, other],
        link="https://example.org/festival",
        language="fr",
    )
    result = mastodon.publish(payload, "pub-1")
    assert len(result.parts) == 3 and result.complete
    first, second, third = (mastodon_server.statuses[i] for i in result.parts)
    assert first["in_reply_to_id"] is None
    assert second["in_reply_to_id"] == first["id"] and third["in_reply_to_id"] == second["id"]
    assert "https://example.org/festival" in first["content"] and first["language"] == "fr"
    focus = mastodon_server.media[first["media_attachments"][0]["id"]]["meta"]["focus"]
    assert (focus["x"], focus["y"]) == (0.5, 0.5)  # (0.75, 0.25) in image coordinates
    assert [m["description"] for m in first["media_attachments"]] == ["Affiche du festival", "Plan d’accès"]
    # each image: two 206 "still processing" answers, then the 200 with its url
    assert len(mastodon_server.calls("/api/v1/media/", "GET")) == 6
    assert result.url == first["url"]


def test_repeat_with_same_key_does_not_duplicate(
    mastodon: MastodonConnector, mastodon_server: MastodonServer
) -> None:
    payload = Payload(parts=["Un", "Deux"])
    first = mastodon.publish(payload, "same-key")
    again = mastodon.publish(payload, "same-key")
    assert first.parts == again.parts and len(mastodon_server.statuses) == 2


def test_lost_answer_then_verify_finds_the_status(
    mastodon: MastodonConnector, mastodon_server: MastodonServer
) -> None:
    text = (
        "Inscriptions ouvertes : https://example.org/inscriptions/2025/atelier-photo-debutants "
        "@alice@pixel.test"
    )
    payload = Payload(text=text)
    assert mastodon.verify(payload, "k-lost") is None
    mastodon_server.fail("drop_after", "/api/v1/statuses", method="POST")
    with pytest.raises(PublishError) as info:
        mastodon.publish(payload, "k-lost")
    assert info.value.failure.kind == "transient"
    assert len(mastodon_server.statuses) == 1  # the server did act
    found = mastodon.verify(payload, "k-lost")
    assert found is not None and found.complete
    assert found.remote_id == next(iter(mastodon_server.statuses))


def test_interrupted_thread_is_seen_incomplete_then_finished(
    mastodon: MastodonConnector, mastodon_server: MastodonServer
) -> None:
    payload = Payload(parts=["Partie A", "Partie B"])
    mastodon_server.fail("status", "/api/v1/statuses", status=503, after=1)
    with pytest.raises(PublishError) as info:
        mastodon.publish(payload, "k-thread")
    assert info.value.failure.kind == "transient"
    assert info.value.failure.message.startswith("Part 2 of the thread: ")
    partial = mastodon.verify(payload, "k-thread")
    assert partial is not None and not partial.complete and len(partial.parts) == 1
    finished = mastodon.publish(payload, "k-thread")  # same key: part 1 is not sent twice
    assert finished.parts[0] == partial.parts[0] and len(mastodon_server.statuses) == 2
    assert mastodon.verify(payload, "k-thread") == finished


def test_scheduled_status(mastodon: MastodonConnector, mastodon_server: MastodonServer) -> None:
    when = datetime.now(UTC) + timedelta(hours=2)
    payload = Payload(text="Programmé", scheduled_at=when)
    result = mastodon.publish(payload, "sched")
    assert result.scheduled and result.url is None
    assert mastodon_server.scheduled[result.remote_id]["scheduled_at"].startswith(
        when.strftime("%Y-%m-%dT%H:%M")
    )
    assert mastodon.verify(payload, "sched") == result


def test_scheduled_thread_is_refused_before_sending(
    mastodon: MastodonConnector, mastodon_server: MastodonServer
) -> None:
    payload = Payload(parts=["a", "b"], scheduled_at=datetime.now(UTC) + timedelta(days=1))
    with pytest.raises(PublishError) as info:
        mastodon.publish(payload, "x")
    assert info.value.failure.kind == "permanent"
    assert not mastodon_server.calls("/api/v1/statuses")


def test_rejected_image_is_named(
    mastodon: MastodonConnector, mastodon_server: MastodonServer, make_image
) -> None:
    ok = make_image("ok.jpg")
    gif = make_image("anim.gif")
    mastodon_server.SUPPORTED = ("image/jpeg",)
    with pytest.raises(PublishError) as info:
        mastodon.publish(Payload(text="x", media=[ok, gif]), "k")
    failure = info.value.failure
    assert failure.kind == "permanent" and failure.status == 422
    assert failure.message.startswith("Image 2 (anim.gif): ")
    assert "File content type is invalid" in failure.message


def test_text_too_long_names_the_part_in_french(mastodon_server: MastodonServer) -> None:
    conn = MastodonConnector(
        {"base_url": mastodon_server.url}, {"access_token": MastodonServer.TOKEN}, lang="fr"
    )
    with pytest.raises(PublishError) as info:
        conn.publish(Payload(parts=["court", "long " * 200]), "k")
    assert info.value.failure.message.startswith("Partie 2 du fil\u00a0: Mastodon a refusé la demande")
    assert "character limit of 500" in info.value.failure.message


def test_comparable_matches_rendered_html() -> None:
    from servers.mastodon import render

    from cmstudio.publish.connectors.mastodon import _html_to_text

    text = (
        "Bonjour @alice@pixel.test !\n\n"
        "Lien : https://example.org/un/chemin/assez/long/pour/etre/coupe #Tag & co"
    )
    assert comparable(_html_to_text(render(text))) == comparable(text)
