"""The Bluesky connector against a real PDS (``@atproto/dev-env``) on 127.0.0.1.

The PDS validates every record against the lexicons (app.bsky.feed.post, embeds, facets), so a
record it accepts is a valid record. What was stored is read back with
``com.atproto.repo.getRecord`` and checked here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from peers import PdsNetwork

from cmstudio.publish.connectors.bluesky import POST, BlueskyConnector, record_key
from cmstudio.publish.payload import Payload


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def bsky(pds_network: PdsNetwork) -> Iterator[BlueskyConnector]:
    author = pds_network.accounts[0]
    conn = BlueskyConnector(
        {"base_url": pds_network.url, "handle": author.handle}, {"app_password": author.app_password}, timeout=30
    )
    yield conn
    conn.close()


def record(network: PdsNetwork, uri: str) -> dict[str, Any]:
    """The stored record behind an at:// URI, read without the connector."""
    repo, collection, rkey = uri.removeprefix("at://").split("/")
    r = httpx.get(f"{network.url}/xrpc/com.atproto.repo.getRecord",
                  params={"repo": repo, "collection": collection, "rkey": rkey}, timeout=30)
    r.raise_for_status()
    return r.json()


def post_count(network: PdsNetwork) -> int:
    r = httpx.get(f"{network.url}/xrpc/com.atproto.repo.listRecords",
                  params={"repo": network.accounts[0].did, "collection": POST, "limit": 100}, timeout=30)
    r.raise_for_status()
    return len(r.json()["records"])


def blob_bytes(network: PdsNetwork, blob: dict[str, Any]) -> bytes:
    r = httpx.get(f"{network.url}/xrpc/com.atproto.sync.getBlob",
                  params={"did": network.accounts[0].did, "cid": blob["ref"]["$link"]}, timeout=30)
    r.raise_for_status()
    return r.content


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def expired_copy(access_jwt: str, secret: str) -> str:
    """The same access token, expired: re-signed (HS256) with the test PDS's own JWT secret."""
    header, payload, _ = access_jwt.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["iat"], claims["exp"] = int(time.time()) - 7200, int(time.time()) - 60
    signing_input = f"{header}.{_b64url(json.dumps(claims, separators=(',', ':')).encode())}"
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64url(signature)}"


def test_check_account(bsky: BlueskyConnector, pds_network: PdsNetwork) -> None:
    check = bsky.check_account()
    assert check.ok, check.message
    assert check.handle == "@" + pds_network.accounts[0].handle


def test_wrong_app_password_asks_to_reconnect(pds_network: PdsNetwork) -> None:
    conn = BlueskyConnector(
        {"base_url": pds_network.url, "handle": pds_network.accounts[0].handle},
        {"app_password": "aaaa-bbbb-cccc-dddd"}, lang="fr",
    )
    check = conn.check_account()
    assert not check.ok and check.failure is not None and check.failure.kind == "auth_expired"
    assert check.message.startswith("Bluesky a refusé l’accès au compte") and "aaaa-bbbb" not in check.message


class RecordingTransport(httpx.HTTPTransport):
    """A real transport that remembers the XRPC methods called, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.methods: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.methods.append(request.url.path.removeprefix("/xrpc/"))
        return super().handle_request(request)


def test_expired_access_token_is_refreshed_not_recreated(pds_network: PdsNetwork) -> None:
    author, calls = pds_network.accounts[0], RecordingTransport()
    conn = BlueskyConnector({"base_url": pds_network.url, "handle": author.handle},
                            {"app_password": author.app_password}, transport=calls)
    assert conn.check_account().ok
    assert calls.methods[0] == "com.atproto.server.createSession"
    session = conn._session
    assert session is not None
    expired = expired_copy(session["accessJwt"], pds_network.jwt_secret)
    # Two hours later, as far as the PDS can tell: it refuses this token with ExpiredToken.
    probe = httpx.get(f"{pds_network.url}/xrpc/com.atproto.server.getSession",
                      headers={"Authorization": f"Bearer {expired}"}, timeout=30)
    assert probe.status_code == 400 and probe.json()["error"] == "ExpiredToken"
    session["accessJwt"] = expired
    calls.methods.clear()

    result = conn.publish(Payload(text="Après le renouvellement de la session"), unique("bsky-refresh"))

    assert record(pds_network, result.remote_id)["value"]["text"] == "Après le renouvellement de la session"
    assert calls.methods.count("com.atproto.server.refreshSession") == 1
    assert "com.atproto.server.createSession" not in calls.methods
    renewed = conn._session
    assert renewed is not None and renewed["accessJwt"] != expired
    conn.close()


def test_post_with_images_alt_text_and_aspect_ratio(
    bsky: BlueskyConnector, pds_network: PdsNetwork, make_image
) -> None:
    wide = make_image("port.jpg", size=(300, 200), alt="Le port de Saint-Malo au lever du jour")
    tall = make_image("phare.png", size=(90, 160), alt="Le phare, vu d’en bas")
    payload = Payload(text="Deux photos du port", media=(wide, tall), language="fr")
    result = bsky.publish(payload, unique("bsky-images"))
    value = record(pds_network, result.remote_id)["value"]
    embed = value["embed"]
    assert embed["$type"] == "app.bsky.embed.images" and value["langs"] == ["fr"]
    assert [i["alt"] for i in embed["images"]] == [wide.alt, tall.alt]
    assert [i["aspectRatio"] for i in embed["images"]] == [{"width": 300, "height": 200},
                                                            {"width": 90, "height": 160}]
    assert [i["image"]["mimeType"] for i in embed["images"]] == ["image/jpeg", "image/png"]
    assert blob_bytes(pds_network, embed["images"][0]["image"]) == wide.path.read_bytes()
    assert blob_bytes(pds_network, embed["images"][1]["image"]) == tall.path.read_bytes()
    assert result.url == f"https://bsky.app/profile/{pds_network.accounts[0].handle}/post/" + \
        result.remote_id.rsplit("/", 1)[1]


def test_facets_have_utf8_byte_offsets(bsky: BlueskyConnector, pds_network: PdsNetwork) -> None:
    mentioned = pds_network.accounts[1]
    text = (f"Déjà l’été 🎉🇫🇷 ! Merci @{mentioned.handle} pour la fête à Montréal : "
            "https://exemple.fr/fête?x=1 #café #ÉtéCM")
    result = bsky.publish(Payload(text=text), unique("bsky-facets"))
    value = record(pds_network, result.remote_id)["value"]
    assert value["text"] == text
    encoded = text.encode("utf-8")
    found = {}
    for facet in value["facets"]:
        span = encoded[facet["index"]["byteStart"]:facet["index"]["byteEnd"]].decode("utf-8")
        (feature,) = facet["features"]
        found[span] = feature
    assert found[f"@{mentioned.handle}"] == {"$type": "app.bsky.richtext.facet#mention", "did": mentioned.did}
    assert found["https://exemple.fr/fête?x=1"] == {"$type": "app.bsky.richtext.facet#link",
                                                     "uri": "https://exemple.fr/fête?x=1"}
    assert found["#café"] == {"$type": "app.bsky.richtext.facet#tag", "tag": "café"}
    assert found["#ÉtéCM"] == {"$type": "app.bsky.richtext.facet#tag", "tag": "ÉtéCM"}
    assert len(found) == 4


def test_unknown_mention_stays_plain_text(bsky: BlueskyConnector, pds_network: PdsNetwork) -> None:
    result = bsky.publish(Payload(text="Bonjour @personne.test !"), unique("bsky-nobody"))
    assert "facets" not in record(pds_network, result.remote_id)["value"]


def test_link_card_with_thumbnail(bsky: BlueskyConnector, pds_network: PdsNetwork, make_image) -> None:
    thumb = make_image("vignette.jpg", size=(240, 126), alt="Vignette")
    payload = Payload(text="Notre nouvel article", link="https://exemple.fr/articles/port-en-hiver",
                      title="Le port en hiver", excerpt="Saint-Malo sous la neige, en photos.", media=(thumb,))
    result = bsky.publish(payload, unique("bsky-card"))
    embed = record(pds_network, result.remote_id)["value"]["embed"]
    assert embed["$type"] == "app.bsky.embed.external"
    card = embed["external"]
    assert card["uri"] == "https://exemple.fr/articles/port-en-hiver"
    assert card["title"] == "Le port en hiver" and card["description"] == "Saint-Malo sous la neige, en photos."
    assert card["thumb"]["mimeType"] == "image/jpeg"
    assert blob_bytes(pds_network, card["thumb"]) == thumb.path.read_bytes()


def test_thread_with_reply_references(bsky: BlueskyConnector, pds_network: PdsNetwork) -> None:
    parts = ("1/3 Un fil sur le port 🧵", "2/3 Les quais à l’aube.", "3/3 Et le phare, pour finir.")
    result = bsky.publish(Payload(parts=parts), unique("bsky-thread"))
    assert len(result.parts) == 3 and result.remote_id == result.parts[0]
    stored = [record(pds_network, uri) for uri in result.parts]
    assert [s["value"]["text"] for s in stored] == list(parts)
    root = {"uri": stored[0]["uri"], "cid": stored[0]["cid"]}
    assert "reply" not in stored[0]["value"]
    assert stored[1]["value"]["reply"] == {"root": root, "parent": root}
    assert stored[2]["value"]["reply"] == {"root": root, "parent": {"uri": stored[1]["uri"], "cid": stored[1]["cid"]}}


def test_retry_after_a_lost_answer_is_found_not_duplicated(
    bsky: BlueskyConnector, pds_network: PdsNetwork, make_image
) -> None:
    key = unique("bsky-lost")
    payload = Payload(text="Une seule fois, même en cas de panne", media=(make_image("une.jpg", alt="Une"),))
    assert bsky.verify(payload, key) is None
    sent = bsky.publish(payload, key)  # the answer is "lost": the engine only knows it may have gone out
    assert sent.remote_id.endswith("/" + record_key(key, 0))
    before = post_count(pds_network)

    author = pds_network.accounts[0]
    with BlueskyConnector({"base_url": pds_network.url, "handle": author.handle},
                          {"app_password": author.app_password}) as fresh:  # as after a crash
        found = fresh.verify(payload, key)
        assert found is not None and found.remote_id == sent.remote_id and found.complete
        again = fresh.publish(payload, key)
        assert fresh.verify(payload, unique("bsky-other")) is None
    assert again.remote_id == sent.remote_id and post_count(pds_network) == before


def test_interrupted_thread_is_completed_without_duplicating(
    bsky: BlueskyConnector, pds_network: PdsNetwork
) -> None:
    key = unique("bsky-partial")
    parts = ("Début du fil", "Suite du fil", "Fin du fil")
    first = bsky.publish(Payload(parts=parts[:1]), key)  # only the first post went out before a crash
    whole = Payload(parts=parts)
    partial = bsky.verify(whole, key)
    assert partial is not None and not partial.complete and partial.parts == (first.remote_id,)
    before = post_count(pds_network)
    done = bsky.publish(whole, key)
    assert done.parts[0] == first.remote_id and len(done.parts) == 3
    assert post_count(pds_network) == before + 2
    last = record(pds_network, done.parts[2])["value"]
    assert last["reply"]["root"]["uri"] == first.remote_id


def test_the_pds_really_validates_records(bsky: BlueskyConnector, pds_network: PdsNetwork) -> None:
    """Guards the meaning of this suite: a malformed post is refused by this PDS."""
    assert bsky.check_account().ok
    session = bsky._session
    assert session is not None
    bad = {"$type": POST, "text": "x", "createdAt": "2024-01-01T00:00:00.000Z",
           "facets": [{"index": {"byteStart": "zero", "byteEnd": 1}, "features": []}]}
    r = httpx.post(f"{pds_network.url}/xrpc/com.atproto.repo.createRecord",
                   headers={"Authorization": f"Bearer {session['accessJwt']}"},
                   json={"repo": session["did"], "collection": POST, "record": bad}, timeout=30)
    assert r.status_code == 400 and r.json()["error"] == "InvalidRequest"
