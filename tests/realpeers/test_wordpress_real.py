"""The WordPress connector against a real WordPress (Debian's package) on 127.0.0.1.

What the connector sent is read back through WordPress's own REST API, so these tests check what
WordPress stored, not what the connector believes it sent.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from peers import WordPressSite

from cmstudio.core.render import render_html
from cmstudio.publish.connector import PublishError
from cmstudio.publish.connectors.wordpress import WordPressConnector
from cmstudio.publish.payload import MediaItem, Payload

ARTICLE = """Le port s’éveille sous le givre.

## Les quais

![Schéma des quais](schema.png)

Une *belle* journée « d’hiver » à Saint-Malo.
"""


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def wp(wordpress_site: WordPressSite) -> Iterator[httpx.Client]:
    """A plain REST client on the site, to read back what the connector created."""
    auth = httpx.BasicAuth(wordpress_site.user, wordpress_site.application_password)
    with httpx.Client(base_url=f"{wordpress_site.url}/wp-json/wp/v2", auth=auth, timeout=30) as client:
        yield client


def connector(site: WordPressSite, **settings: str) -> WordPressConnector:
    return WordPressConnector(
        {"base_url": site.url, "username": site.user, **settings},
        {"application_password": site.application_password},
        timeout=30,
    )


def get(wp: httpx.Client, route: str, **params: object) -> object:
    r = wp.get(route, params={"context": "edit", **params})
    r.raise_for_status()
    return r.json()


def test_check_account(wordpress_site: WordPressSite) -> None:
    with connector(wordpress_site) as conn:
        check = conn.check_account()
    assert check.ok, check.message
    assert check.display_name == "Rédaction CM Studio" and check.handle == wordpress_site.user


def test_wrong_application_password_asks_to_reconnect(wordpress_site: WordPressSite) -> None:
    conn = WordPressConnector(
        {"base_url": wordpress_site.url, "username": wordpress_site.user},
        {"application_password": "abcd efgh ijkl mnop qrst uvwx"},
        lang="fr",
    )
    check = conn.check_account()
    assert not check.ok and check.failure is not None and check.failure.kind == "auth_expired"
    assert check.message.startswith("WordPress a refusé l’accès au compte")
    assert "abcd efgh" not in check.message


def test_article_with_featured_image_alt_text_and_terms(
    wordpress_site: WordPressSite, wp: httpx.Client, make_image
) -> None:
    existing = wp.post("/categories", json={"name": "Actualités"})
    assert existing.status_code in (201, 400)  # 400 term_exists when another test created it
    cover = make_image("couverture.jpg", size=(160, 90), alt="Vue du port sous la neige")
    schema = make_image("schema.png", alt="Schéma des quais")
    # As the outbox does: the renderer's sanitiser drops unknown URL schemes, so the image is resolved
    # to a relative placeholder, then named ``cmstudio-media:N`` for the connector.
    rendered = render_html(ARTICLE, lang="fr", media_resolver={"schema.png": "__media_1__"}.get)
    assert "__media_1__" in rendered.html
    new_tag = unique("givre")
    payload = Payload(
        title="Le port en hiver",
        html=rendered.html.replace("__media_1__", "cmstudio-media:1"),
        excerpt="Résumé de l’article",
        media=(cover, schema),
        featured_media=0,
        categories=("Actualités", "Voyages"),
        tags=("port", new_tag),
        language="fr",
    )
    with connector(wordpress_site) as conn:
        result = conn.publish(payload, unique("wp-article"))
    post = get(wp, f"/posts/{result.remote_id}")
    assert isinstance(post, dict)
    assert post["status"] == "publish" and not result.scheduled
    assert post["title"]["raw"] == "Le port en hiver"
    assert result.url == post["link"] and result.url.startswith(wordpress_site.url)

    featured = get(wp, f"/media/{post['featured_media']}")
    assert isinstance(featured, dict)
    assert featured["alt_text"] == "Vue du port sous la neige"
    assert featured["mime_type"] == "image/jpeg" and featured["source_url"].endswith(".jpg")
    stored = httpx.get(featured["source_url"], timeout=30)
    assert stored.status_code == 200 and stored.content == cover.path.read_bytes()

    raw = post["content"]["raw"]
    assert "cmstudio-media:" not in raw
    assert re.search(r"<h2[^>]*>Les quais</h2>", raw) and "« d’hiver »" in raw and "<em>belle</em>" in raw
    schema_url = re.search(r'<img[^>]+src="([^"]+)"', raw)
    assert schema_url and schema_url.group(1).startswith(f"{wordpress_site.url}/wp-content/uploads/")
    inline = httpx.get(schema_url.group(1), timeout=30)
    assert inline.status_code == 200 and inline.content == schema.path.read_bytes()
    assert 'alt="Schéma des quais"' in raw

    names = {t["id"]: t["name"] for t in get(wp, "/categories", per_page=100)}  # type: ignore[union-attr]
    assert sorted(names[i] for i in post["categories"]) == ["Actualités", "Voyages"]
    assert list(names.values()).count("Actualités") == 1  # the existing one was reused, not duplicated
    assert "Voyages" in names.values()
    tags = {t["id"]: t["name"] for t in get(wp, "/tags", per_page=100)}  # type: ignore[union-attr]
    assert sorted(tags[i] for i in post["tags"]) == sorted(["port", new_tag])


def test_terms_are_reused_by_the_next_article(wordpress_site: WordPressSite, wp: httpx.Client) -> None:
    tag, category = unique("Été"), unique("Brèves")
    payload = Payload(title="Deux fois", html="<p>x</p>", tags=(tag,), categories=(category,))
    with connector(wordpress_site) as conn:
        first = conn.publish(payload, unique("wp-terms"))
        second = conn.publish(payload, unique("wp-terms"))
    one = get(wp, f"/posts/{first.remote_id}")
    two = get(wp, f"/posts/{second.remote_id}")
    assert isinstance(one, dict) and isinstance(two, dict)
    assert one["tags"] == two["tags"] and one["categories"] == two["categories"]
    found = get(wp, "/tags", search=tag)
    assert isinstance(found, list) and [t["name"] for t in found] == [tag]


def test_draft_status_setting(wordpress_site: WordPressSite, wp: httpx.Client) -> None:
    with connector(wordpress_site, status="draft") as conn:
        result = conn.publish(Payload(title="Brouillon", text="Premier paragraphe\n\nSecond"), unique("wp-d"))
    post = get(wp, f"/posts/{result.remote_id}")
    assert isinstance(post, dict) and post["status"] == "draft"
    assert post["content"]["raw"].startswith("<p>Premier paragraphe</p><p>Second</p>")


def test_scheduled_article_is_a_future_post_at_date_gmt(wordpress_site: WordPressSite, wp: httpx.Client) -> None:
    local = (datetime.now(UTC) + timedelta(days=3)).astimezone(ZoneInfo("Europe/Paris")).replace(microsecond=0)
    with connector(wordpress_site) as conn:
        result = conn.publish(Payload(title="Plus tard", html="<p>x</p>", scheduled_at=local), unique("wp-f"))
    post = get(wp, f"/posts/{result.remote_id}")
    assert isinstance(post, dict)
    assert post["status"] == "future" and result.scheduled
    assert post["date_gmt"] == local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    # The blog's time zone is Europe/Paris: WordPress derived the local date itself.
    assert post["date"] == local.strftime("%Y-%m-%dT%H:%M:%S")


def test_verify_finds_the_post_after_a_lost_answer(wordpress_site: WordPressSite, wp: httpx.Client) -> None:
    """The answer to the create request is lost: verify with the same key must find the post."""
    key = unique("wp-lost")
    payload = Payload(title="Annonce", html="<p>Grande nouvelle</p>")
    with connector(wordpress_site) as conn:
        assert conn.verify(payload, key) is None
        sent = conn.publish(payload, key)
    with connector(wordpress_site) as fresh:  # as after a crash: a new connector, nothing in memory
        found = fresh.verify(payload, key)
        assert found is not None and found.remote_id == sent.remote_id and found.url == sent.url
        assert fresh.verify(payload, unique("wp-other")) is None
    with connector(wordpress_site, status="draft") as conn:
        draft_key = unique("wp-lost-draft")
        draft = conn.publish(Payload(title="Brouillon perdu", html="<p>y</p>"), draft_key)
        found_draft = conn.verify(Payload(title="Brouillon perdu", html="<p>y</p>"), draft_key)
        assert found_draft is not None and found_draft.remote_id == draft.remote_id


def test_refused_upload_names_the_image(
    wordpress_site: WordPressSite, make_image, tmp_path
) -> None:
    good = make_image("ok.jpg")
    fake = tmp_path / "faux.jpg"
    fake.write_bytes(b"<?php echo 'not an image'; ?>")
    with connector(wordpress_site) as conn, pytest.raises(PublishError) as info:
        conn.publish(Payload(title="t", html="<p>x</p>", media=(good, MediaItem(fake, "image/jpeg"))), "k")
    assert info.value.failure.kind == "permanent"
    assert info.value.failure.message.startswith("Image 2 (faux.jpg): WordPress rejected the request: ")
