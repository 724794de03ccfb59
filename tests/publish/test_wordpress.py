"""WordPress connector against a fake site on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from servers.wordpress import WordPressServer

from cmstudio.publish.connector import ConnectorConfigError, PublishError
from cmstudio.publish.connectors.wordpress import WordPressConnector, publication_marker
from cmstudio.publish.payload import MediaItem, Payload


def test_check_account(wordpress: WordPressConnector) -> None:
    check = wordpress.check_account()
    assert check.ok and check.display_name == "Rédaction" and check.handle == "redaction"


def test_bad_application_password(wordpress_server: WordPressServer) -> None:
    conn = WordPressConnector(
        {"base_url": wordpress_server.url, "username": "redaction"},
        {"application_password": "nope nope nope"},
        lang="fr",
    )
    check = conn.check_account()
    assert not check.ok and check.failure is not None and check.failure.kind == "auth_expired"
    assert check.message.startswith("WordPress a refusé l’accès au compte")


def test_missing_settings_are_reported_by_label() -> None:
    with pytest.raises(ConnectorConfigError, match="“Site address” is required"):
        WordPressConnector({"username": "x"}, {"application_password": "y"})
    with pytest.raises(ConnectorConfigError, match="« Adresse du site » doit être une adresse"):
        WordPressConnector(
            {"base_url": "blog.example.org", "username": "x"}, {"application_password": "y"}, lang="fr"
        )


def test_article_with_media_terms_and_featured_image(
    wordpress: WordPressConnector, wordpress_server: WordPressServer, make_image
) -> None:
    cover = make_image("couverture.jpg", alt="Vue du port")
    inline = make_image("schema.png")
    payload = Payload(
        title="Le port en hiver",
        html='<p>Texte</p><img src="cmstudio-media:1" alt="">',
        excerpt="Résumé",
        media=[cover, inline],
        featured_media=0,
        categories=["actualités", "Voyages"],
        tags=["port", "hiver"],
    )
    result = wordpress.publish(payload, "wp-1")
    post = wordpress_server.posts[int(result.remote_id)]
    assert post["status"] == "publish" and result.url == post["link"] and not result.scheduled
    assert post["categories"][0] == 1  # existing "Actualit&eacute;s" found, not duplicated
    assert len(wordpress_server.terms["categories"]) == 2 and len(wordpress_server.terms["tags"]) == 2
    featured = wordpress_server.media[post["featured_media"]]
    assert featured["alt_text"] == "Vue du port"
    assert featured["source_url"].endswith("/couverture.jpg")
    assert 'src="' + wordpress_server.url + '/wp-content/uploads/schema.png"' in post["content"]["raw"]
    upload = wordpress_server.calls("/wp/v2/media", "POST")[0]
    assert upload.header("content-disposition") == 'attachment; filename="couverture.jpg"'


def test_scheduled_article_is_future_with_date_gmt(
    wordpress: WordPressConnector, wordpress_server: WordPressServer
) -> None:
    from zoneinfo import ZoneInfo

    local = (
        (datetime.now(UTC) + timedelta(days=3)).astimezone(ZoneInfo("Europe/Paris")).replace(microsecond=0)
    )
    result = wordpress.publish(Payload(title="Plus tard", html="<p>x</p>", scheduled_at=local), "wp-future")
    post = wordpress_server.posts[int(result.remote_id)]
    assert post["status"] == "future" and result.scheduled
    assert post["date_gmt"] == local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def test_draft_setting(wordpress_server: WordPressServer) -> None:
    conn = WordPressConnector(
        {"base_url": wordpress_server.url, "username": WordPressServer.USER, "status": "draft"},
        {"application_password": WordPressServer.PASSWORD},
    )
    result = conn.publish(Payload(title="Brouillon", text="Premier paragraphe\n\nSecond"), "d")
    post = wordpress_server.posts[int(result.remote_id)]
    assert post["status"] == "draft"
    assert post["content"]["raw"].startswith("<p>Premier paragraphe</p><p>Second</p>")


def test_lost_answer_then_verify_finds_the_post(
    wordpress: WordPressConnector, wordpress_server: WordPressServer
) -> None:
    payload = Payload(title="Annonce", html="<p>Grande nouvelle</p>")
    assert wordpress.verify(payload, "wp-lost") is None
    wordpress_server.fail("drop_after", "/wp/v2/posts", method="POST")
    with pytest.raises(PublishError) as info:
        wordpress.publish(payload, "wp-lost")
    assert info.value.failure.kind == "transient"
    found = wordpress.verify(payload, "wp-lost")
    assert found is not None and found.remote_id == str(next(iter(wordpress_server.posts)))
    assert wordpress.verify(payload, "another-key") is None
    token, marker = publication_marker("wp-lost")
    assert marker in wordpress_server.posts[int(found.remote_id)]["content"]["raw"] and token in marker


def test_refused_upload_names_the_image(
    wordpress: WordPressConnector, wordpress_server: WordPressServer, make_image, tmp_path
) -> None:
    good = make_image("ok.jpg")
    fake = tmp_path / "faux.jpg"
    fake.write_bytes(b"<?php echo 'not an image'; ?>")
    bad = MediaItem(fake, "image/jpeg")
    with pytest.raises(PublishError) as info:
        wordpress.publish(Payload(title="t", html="<p>x</p>", media=[good, bad]), "k")
    assert info.value.failure.kind == "permanent"
    assert info.value.failure.message == (
        "Image 2 (faux.jpg): WordPress rejected the request: "
        "Sorry, you are not allowed to upload this file type."
    )
    assert not wordpress_server.posts


def test_missing_file_is_permanent_before_any_request(
    wordpress: WordPressConnector, wordpress_server: WordPressServer, make_image
) -> None:
    image = make_image("parti.jpg")
    image.path.unlink()
    with pytest.raises(PublishError) as info:
        wordpress.publish(Payload(title="t", html="<p>x</p>", media=[image]), "k")
    assert info.value.failure.message.startswith("Image 1 (parti.jpg): the file cannot be found")
    assert not wordpress_server.log


def test_term_created_concurrently_is_reused(
    wordpress: WordPressConnector, wordpress_server: WordPressServer
) -> None:
    # the search answers nothing (as if the term appeared just after), the creation says term_exists
    wordpress_server.terms["tags"][77] = {"id": 77, "name": "Vélo", "slug": "velo"}
    wordpress_server.fail("status", "/wp/v2/tags", method="GET", status=200, body=[])
    result = wordpress.publish(Payload(title="t", html="<p>x</p>", tags=["vélo"]), "k")
    assert wordpress_server.posts[int(result.remote_id)]["tags"] == [77]
