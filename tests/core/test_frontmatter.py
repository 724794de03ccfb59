"""Importing Hugo/Jekyll Markdown files and exporting them back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from cmstudio.core.frontmatter import (
    ExportArticle,
    FrontMatterError,
    parse_markdown,
    read_markdown_file,
    to_markdown_with_front_matter,
)

PARIS_WINTER = timezone(timedelta(hours=1))


def test_hugo_yaml_file_with_bom_and_crlf(tmp_path: Path) -> None:
    text = (
        "---\r\n"
        "title: \"L'été des réseaux\"\r\n"
        "date: 2027-03-14T09:30:00+01:00\r\n"
        "lastmod: 2027-03-15\r\n"
        "slug: ete-reseaux\r\n"
        "tags: [social, été]\r\n"
        "categories: Stratégie\r\n"
        "summary: Un résumé.\r\n"
        "draft: true\r\n"
        "canonicalURL: https://blog.example/ete\r\n"
        "cover:\r\n  image: /img/ete.jpg\r\n"
        "weight: 3\r\n"
        "---\r\n"
        "\r\n"
        "Premier paragraphe.\r\n"
    )
    path = tmp_path / "ete.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    art = read_markdown_file(path)
    assert art.title == "L'été des réseaux"
    assert art.date == datetime(2027, 3, 14, 9, 30, tzinfo=PARIS_WINTER)
    assert art.updated == datetime(2027, 3, 15)
    assert art.slug == "ete-reseaux"
    assert art.tags == ["social", "été"]
    assert art.categories == ["Stratégie"]
    assert art.excerpt == "Un résumé."
    assert art.draft is True
    assert art.canonical_url == "https://blog.example/ete"
    assert art.image == "/img/ete.jpg"
    assert art.extra == {"weight": 3}
    assert art.body == "Premier paragraphe.\n"
    assert art.front_matter_format == "yaml"
    assert "\r" not in art.body


def test_jekyll_post_name_gives_date_and_published_false(tmp_path: Path) -> None:
    path = tmp_path / "2026-11-02-bilan-du-mois.markdown"
    path.write_text("---\nexcerpt: Court.\npublished: false\nimage: a.png\n---\nCorps\n", encoding="utf-8")
    art = read_markdown_file(path)
    assert art.title == "Bilan du mois"
    assert art.date == datetime(2026, 11, 2)
    assert art.draft is True
    assert art.excerpt == "Court."
    assert art.image == "a.png"


def test_toml_front_matter() -> None:
    text = '+++\ntitle = "Bonjour"\ndate = 2027-01-02T03:04:05Z\ntags = ["a", "b"]\ndraft = false\n+++\nTexte\n'
    art = parse_markdown(text, source_name="bonjour.md")
    assert art.title == "Bonjour"
    assert art.date == datetime(2027, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert art.tags == ["a", "b"]
    assert art.front_matter_format == "toml"
    assert art.body == "Texte\n"


def test_no_front_matter_title_from_heading() -> None:
    art = parse_markdown("\n# Mon titre *vif*\n\nLe texte.\n", source_name="x.md")
    assert art.title == "Mon titre vif"
    assert art.body == "Le texte.\n"
    assert art.front_matter_format is None
    setext = parse_markdown("Autre titre\n===\n\nSuite\n", source_name="x.md")
    assert (setext.title, setext.body) == ("Autre titre", "Suite\n")


def test_no_front_matter_heading_not_first_keeps_body() -> None:
    art = parse_markdown("Intro.\n\n# Plus loin\n", source_name="notes_de-reunion.md")
    assert art.title == "Plus loin"
    assert art.body == "Intro.\n\n# Plus loin\n"


def test_title_from_file_name() -> None:
    art = parse_markdown("Juste du texte.\n", source_name="notes_de-reunion.md")
    assert art.title == "Notes de reunion"


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "cassé.md"
    path.write_text("---\ntitle: ok\ntags: [a, b\ndate: 2027-01-01\n---\nx\n", encoding="utf-8")
    with pytest.raises(FrontMatterError) as info:
        read_markdown_file(path)
    message = str(info.value)
    assert message.startswith("cassé.md, line ")
    assert info.value.line in (3, 4)
    assert "line 3" in message


def test_yaml_with_bad_indentation_reports_its_line() -> None:
    with pytest.raises(FrontMatterError) as info:
        parse_markdown("---\ntitle: a\n  slug: b\n---\n", source_name="a.md")
    assert info.value.line == 3
    assert "a.md" in str(info.value)


def test_unclosed_front_matter_and_non_mapping() -> None:
    with pytest.raises(FrontMatterError, match="never closed"):
        parse_markdown("---\ntitle: a\n\nbody", source_name="a.md")
    with pytest.raises(FrontMatterError, match="key: value"):
        parse_markdown("---\n- a\n- b\n---\n", source_name="a.md")
    with pytest.raises(FrontMatterError, match="not a date"):
        parse_markdown("---\ndate: demain\n---\n", source_name="a.md")


def test_broken_toml_names_file() -> None:
    with pytest.raises(FrontMatterError, match=r"^b\.md.*TOML"):
        parse_markdown('+++\ntitle = "a\n+++\n', source_name="b.md")


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(FrontMatterError, match="absent.md"):
        read_markdown_file(tmp_path / "absent.md")


def test_export_is_valid_yaml_with_iso_dates_and_round_trips() -> None:
    article = ExportArticle(
        title="Titre : « spécial » #1",
        body="# Corps\r\n\r\nTexte.",
        date=datetime(2027, 3, 14, 9, 30, 15, 123456, tzinfo=PARIS_WINTER),
        updated=datetime(2027, 3, 20, 8, 0, tzinfo=UTC),
        slug="titre-special-1",
        tags=["été", "cm"],
        categories=["Veille"],
        excerpt="Résumé: avec deux-points",
        draft=True,
        lang="fr",
        canonical_url="https://blog.example/titre",
        image="/media/a.jpg",
        extra={"weight": 2},
    )
    text = to_markdown_with_front_matter(article)
    assert "date: 2027-03-14T09:30:15+01:00\n" in text
    assert "lastmod: 2027-03-20T08:00:00+00:00\n" in text
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == article.title
    assert front["canonicalURL"] == front["canonical_url"] == article.canonical_url
    assert front["images"] == ["/media/a.jpg"] and front["image"] == "/media/a.jpg"
    back = parse_markdown(text, source_name="t.md")
    assert back.title == article.title
    assert back.date == article.date.replace(microsecond=0)
    assert back.updated == article.updated
    assert (back.slug, back.tags, back.categories, back.excerpt) == (
        article.slug, article.tags, article.categories, article.excerpt)
    assert (back.draft, back.lang, back.canonical_url, back.image) == (True, "fr", article.canonical_url, article.image)
    assert back.extra == {"weight": 2}
    assert back.body == "# Corps\n\nTexte.\n"


def test_export_refuses_naive_dates() -> None:
    with pytest.raises(ValueError, match="time zone"):
        to_markdown_with_front_matter(ExportArticle(title="t", body="b", date=datetime(2027, 1, 1)))
