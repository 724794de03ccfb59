"""Slugs for French and English titles."""

from __future__ import annotations

import re

import pytest

from cmstudio.core.slug import slugify, unique_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Les réseaux sociaux en 2027", "les-reseaux-sociaux-en-2027"),
        ("L'été", "l-ete"),
        ("L’été arrive !", "l-ete-arrive"),
        ("Œuvres d’art & cœur", "oeuvres-d-art-coeur"),
        ("Ex æquo", "ex-aequo"),
        ("Straße", "strasse"),
        ("Ça marche ? Oui… « vraiment »", "ca-marche-oui-vraiment"),
        ("  --Déjà   vu--  ", "deja-vu"),
        ("ﬁnance ＡＢＣ", "finance-abc"),
        ("Noël 🎄 2026", "noel-2026"),
        ("", ""),
        ("🎉🎉", ""),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_titles_are_cut_at_a_hyphen() -> None:
    title = "Comment organiser un concours Instagram réussi sans enfreindre les règles de la plateforme en 2027"
    slug = slugify(title)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert slugify(title, max_length=1000).startswith(slug + "-")


def test_a_single_overlong_word_is_cut_hard() -> None:
    assert slugify("a" * 100, max_length=10) == "a" * 10


def test_unique_slug_numbers_duplicates() -> None:
    existing = {"mon-article", "mon-article-2"}
    assert unique_slug("mon-article", existing) == "mon-article-3"
    assert unique_slug("Mon article", set()) == "mon-article"
    assert unique_slug("🎉", set()) == "article"
    assert unique_slug("🎉", {"article"}) == "article-2"


def test_unique_slug_respects_max_length() -> None:
    base = slugify("mot " * 40)
    taken = {base}
    for _ in range(12):
        new = unique_slug(base, taken)
        assert len(new) <= 80
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", new)
        assert new not in taken
        taken.add(new)
