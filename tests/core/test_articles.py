"""Article services on a real migrated SQLite database: no Qt here."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from cmstudio.core.article_io import (
    ExportOptions,
    export_html,
    export_markdown,
    french_typography,
    import_markdown,
    import_markdown_file,
    media_resolver,
)
from cmstudio.core.articles import (
    ArticleError,
    ArticleQuery,
    create_article,
    duplicate_article,
    empty_trash,
    get_article,
    list_articles,
    list_revisions,
    purge_article,
    restore_article,
    restore_revision,
    trash_article,
    update_article,
    workspace_tags,
)
from cmstudio.core.db import open_database
from cmstudio.core.errors import UserError
from cmstudio.core.frontmatter import parse_markdown
from cmstudio.core.media import MediaStore
from cmstudio.core.models import MediaAsset
from cmstudio.core.workspaces import create_workspace


@pytest.fixture
def db(tmp_path: Path):
    database = open_database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    yield database
    database.close()


@pytest.fixture
def ws(db) -> int:
    with db.session() as s:
        return create_workspace(s, "Maison Test", language="fr", timezone="Europe/Paris").id


def test_create_derives_unique_slug_with_folded_accents(db, ws):
    with db.session() as s:
        a = create_article(s, ws, title="Les réseaux sociaux en 2027")
        b = create_article(s, ws, title="Les réseaux sociaux en 2027")
        assert a.slug == "les-reseaux-sociaux-en-2027"
        assert b.slug != a.slug and b.slug.startswith("les-reseaux-sociaux-en-2027")
        assert a.language == "fr" and a.status == "draft"
        assert [r.reason for r in a.revisions] == ["created"]


def test_invalid_fields_are_refused_with_a_sentence(db, ws):
    with db.session() as s:
        a = create_article(s, ws, title="Titre")
        with pytest.raises(ArticleError, match="web address"):
            update_article(s, a.id, canonical_url="javascript:alert(1)")
        with pytest.raises(ArticleError, match="status"):
            update_article(s, a.id, status="archived")
        with pytest.raises(ArticleError, match="language code"):
            update_article(s, a.id, language="français")
        with pytest.raises(ArticleError, match="does not exist"):
            get_article(s, 999_999)


def test_revisions_coalesce_within_window_and_split_on_reason(db, ws):
    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with db.session() as s:
        a = create_article(s, ws, title="Journal", markdown="un")
        for i, minutes in enumerate((0, 1, 2, 3)):
            update_article(s, a.id, markdown=f"texte {i}", now=t0 + timedelta(minutes=minutes))
        revs = list_revisions(s, a.id)
        autosaves = [r for r in revs if r.reason == "autosave"]
        assert len(autosaves) == 1 and autosaves[0].markdown == "texte 3"
        update_article(s, a.id, markdown="plus tard", now=t0 + timedelta(minutes=30))
        update_article(s, a.id, markdown="plus tard", reason="manual", now=t0 + timedelta(minutes=31))
        reasons = [r.reason for r in list_revisions(s, a.id)]
        assert reasons == ["manual", "autosave", "autosave", "created"]
        # An autosave that changes nothing adds nothing.
        update_article(s, a.id, markdown="plus tard", now=t0 + timedelta(minutes=90))
        assert len(list_revisions(s, a.id)) == 4


def test_restore_revision_keeps_the_replaced_text(db, ws):
    with db.session() as s:
        a = create_article(s, ws, title="v1", markdown="première version")
        first = list_revisions(s, a.id)[-1]
        update_article(s, a.id, title="v2", markdown="seconde version", reason="manual")
        restore_revision(s, a.id, first.id)
        assert (a.title, a.markdown) == ("v1", "première version")
        texts = [r.markdown for r in list_revisions(s, a.id)]
        assert "seconde version" in texts  # the restore itself can be undone from history


def test_duplicate_trash_restore_purge(db, ws):
    with db.session() as s:
        a = create_article(s, ws, title="Original", markdown="corps", tags=["recette"])
        copy = duplicate_article(s, a.id, lang="fr")
        assert copy.title == "Copie de Original" and copy.markdown == "corps" and copy.tags == ["recette"]
        assert copy.slug != a.slug
        with pytest.raises(ArticleError, match="trash"):
            purge_article(s, a.id)
        trash_article(s, a.id)
        live = {r.id for r in list_articles(s, ws)}
        trashed = {r.id for r in list_articles(s, ws, ArticleQuery(trashed=True))}
        assert a.id not in live and a.id in trashed
        restore_article(s, a.id)
        assert a.id in {r.id for r in list_articles(s, ws)}
        trash_article(s, a.id)
        purge_article(s, a.id)
        assert s.get(type(a), a.id) is None
        trash_article(s, copy.id)
        assert empty_trash(s, ws) == 1


def test_search_is_accent_and_case_insensitive_in_title_and_body(db, ws):
    with db.session() as s:
        a = create_article(s, ws, title="Le Café des Sœurs", markdown="Une tarte aux pommes")
        b = create_article(s, ws, title="Autre", markdown="Notre CRÈME brûlée maison")
        create_article(s, ws, title="Rien", markdown="sans rapport")
        assert [r.id for r in list_articles(s, ws, ArticleQuery(text="cafe soeurs"))] == [a.id]
        assert [r.id for r in list_articles(s, ws, ArticleQuery(text="creme BRULEE"))] == [b.id]
        assert list_articles(s, ws, ArticleQuery(text="café absent")) == []


def test_filters_and_sorting(db, ws):
    with db.session() as s:
        a = create_article(s, ws, title="Beta", tags=["Recette"], status="ready", language="fr")
        b = create_article(s, ws, title="alpha", tags=["événement"], status="published", language="en")
        c = create_article(s, ws, title="Gamma", tags=["recette", "Été"], status="idea")
        assert {r.id for r in list_articles(s, ws, ArticleQuery(tag="recette"))} == {a.id, c.id}
        assert [r.id for r in list_articles(s, ws, ArticleQuery(tag="evenement"))] == [b.id]
        assert [r.id for r in list_articles(s, ws, ArticleQuery(status="ready"))] == [a.id]
        assert [r.id for r in list_articles(s, ws, ArticleQuery(language="en"))] == [b.id]
        by_title = list_articles(s, ws, ArticleQuery(sort="title", descending=False))
        assert [r.title for r in by_title] == ["alpha", "Beta", "Gamma"]
        by_status = list_articles(s, ws, ArticleQuery(sort="status", descending=False))
        assert [r.status for r in by_status] == ["idea", "ready", "published"]
        assert workspace_tags(s, ws) == ["Été", "événement", "Recette"]  # ete < evenement < recette
        with pytest.raises(ArticleError, match="sort"):
            list_articles(s, ws, ArticleQuery(sort="random"))


FRONT = """---
title: "Les croissants d'Élodie"
date: 2020-05-04 08:30:00
slug: croissants-elodie
tags: [viennoiserie, "portrait"]
categories: Blog
description: Un portrait gourmand.
lang: fr-FR
canonical_url: https://example.org/croissants
---

# Les croissants

Du beurre, encore du beurre.
"""


def test_import_markdown_with_front_matter(db, ws, tmp_path):
    path = tmp_path / "croissants.md"
    path.write_text(FRONT, encoding="utf-8")
    with db.session() as s:
        a = import_markdown_file(s, ws, path)
        assert a.title == "Les croissants d'Élodie"
        assert a.slug == "croissants-elodie"
        assert a.tags == ["viennoiserie", "portrait"] and a.categories == ["Blog"]
        assert a.excerpt == "Un portrait gourmand." and a.language == "fr"
        assert a.canonical_url == "https://example.org/croissants"
        assert a.status == "published"
        # 08:30 in Paris in May is 06:30 UTC (CEST, UTC+2).
        assert a.publish_at.replace(tzinfo=UTC) == datetime(2020, 5, 4, 6, 30, tzinfo=UTC)
        assert "Du beurre" in a.markdown


def test_import_future_date_is_scheduled_and_draft_flag_wins(db, ws):
    with db.session() as s:
        now = datetime(2026, 1, 1, tzinfo=UTC)
        a = import_markdown(s, ws, "---\ntitle: Futur\ndate: 2030-01-01T10:00:00+01:00\n---\ntexte", now=now)
        assert a.status == "scheduled"
        b = import_markdown(
            s, ws, "---\ntitle: Brouillon\ndate: 2020-01-01\ndraft: true\n---\ntexte", now=now
        )
        assert b.status == "draft" and b.publish_at is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "not a text file"),
        ("---\ntitle: caf\xe9\n---\n".encode("latin-1"), "not UTF-8"),
        (b"---\ntitle: [unclosed\n---\nbody", "bad.md"),
        (b"---\ntitle: never closed\nbody", "never closed"),
    ],
)
def test_bad_files_give_a_message_naming_the_file(db, ws, tmp_path, content, message):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with db.session() as s:
        before = len(list_articles(s, ws))
        with pytest.raises(UserError, match=message) as info:
            import_markdown_file(s, ws, path)
        assert "bad.md" in str(info.value)
        assert len(list_articles(s, ws)) == before


def test_huge_file_is_refused_before_reading(db, ws, tmp_path):
    path = tmp_path / "huge.md"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)
    with db.session() as s, pytest.raises(ArticleError, match=r"huge\.md.*50 MB"):
        import_markdown_file(s, ws, path)


def test_export_markdown_round_trips_through_the_importer(db, ws):
    with db.session() as s:
        a = create_article(
            s,
            ws,
            title="Tarte « maison »",
            markdown="## Étapes\n\nPâte, fruits.",
            tags=["recette"],
            categories=["Blog"],
            excerpt="Résumé.",
            status="published",
            publish_at=datetime(2026, 2, 1, 9, tzinfo=UTC),
            canonical_url="https://example.org/tarte",
        )
        text = export_markdown(s, a.id)
    back = parse_markdown(text, source_name="tarte.md")
    assert back.title == "Tarte « maison »" and back.slug == a.slug
    assert back.tags == ["recette"] and back.categories == ["Blog"] and back.excerpt == "Résumé."
    assert back.canonical_url == "https://example.org/tarte" and back.draft is False
    assert back.body.strip() == "## Étapes\n\nPâte, fruits."


def _media(db, ws, tmp_path) -> str:
    src = tmp_path / "photo.png"
    Image.new("RGB", (40, 30), (200, 40, 40)).save(src)
    stored = MediaStore(db.media_dir).add(src, original_name="photo.png")
    with db.session() as s:
        s.add(MediaAsset(workspace_id=ws, sha256=stored.sha256, original_name="photo.png", mime=stored.mime))
    return stored.sha256


def test_export_html_is_sanitized_and_embeds_images(db, ws, tmp_path):
    sha = _media(db, ws, tmp_path)
    body = (
        f"Voici !\n\n![Une photo](media:{sha})\n\n<script>alert(1)</script>\n\n"
        "[clic](javascript:alert(2)) <img src=x onerror=alert(3)>"
    )
    with db.session() as s:
        a = create_article(s, ws, title="Export", markdown=body)
        page = export_html(s, a.id, ExportOptions(media_dir=db.media_dir, french_typography=True))
    assert "<script" not in page.split("</head>")[1] and "alert(1)" not in page
    assert "javascript:" not in page and "onerror" not in page
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page)
    assert "Voici\u202f!" in page


def test_media_resolver_gives_file_urls_and_ignores_unknown(db, ws, tmp_path):
    sha = _media(db, ws, tmp_path)
    resolve = media_resolver(db.media_dir)
    url = resolve(f"media:{sha}")
    assert url is not None and url.startswith("file://") and Path(url[7:]).is_file()
    assert resolve("media:" + "0" * 64) is None
    assert resolve("https://example.org/a.png") is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "<p>Bonjour ! Ça va ? Oui ; enfin : presque</p>",
            "<p>Bonjour\u202f! Ça va\u202f? Oui\u202f; enfin\u00a0: presque</p>",
        ),
        ("<p>«Citation»</p>", "<p>«\u00a0Citation\u00a0»</p>"),
        ("<p>Il est 10:30, voir https://exemple.fr</p>", "<p>Il est 10:30, voir https://exemple.fr</p>"),
        (
            '<p><a href="https://a.fr/?q=1">lien</a> <code>a ? b</code></p>',
            '<p><a href="https://a.fr/?q=1">lien</a> <code>a ? b</code></p>',
        ),
        ("<p>Déjà\u202f! fait</p>", "<p>Déjà\u202f! fait</p>"),
    ],
)
def test_french_typography_touches_text_only(source, expected):
    assert french_typography(source) == expected
