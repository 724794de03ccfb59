"""Draft composer, thread splitter and article diff."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qsl, urlsplit

import pytest

from cmstudio.core.adapt import (
    ELLIPSIS,
    AdaptError,
    ArticleInput,
    WorkspaceInput,
    add_utm,
    compose_draft,
    diff_from_article,
    hashtagify,
)
from cmstudio.core.counting import count, extract_urls
from cmstudio.core.networks import all_profiles, get_profile
from cmstudio.core.threads import (
    ThreadError,
    move_split,
    render_thread,
    split_points,
    split_thread,
    thread_counts,
)

LONG_EXCERPT = (
    "Cette année, les algorithmes changent encore. Nous avons testé dix outils pendant trois mois ! "
    "Voici nos conclusions, chiffres à l’appui, et nos conseils pour les petites marques qui veulent "
    "rester visibles sans y passer leurs soirées. "
) * 4
ARTICLE = ArticleInput(
    title="Réseaux sociaux : ce qui change en 2025",
    excerpt=LONG_EXCERPT,
    url="https://blog.exemple.fr/articles/reseaux?ref=home#intro",
    slug="reseaux-2025",
    tags=("Réseaux sociaux", "marketing", "2025"),
)
WORKSPACE = WorkspaceInput(
    signature="— L’équipe Exemple",
    hashtag_groups={"com": ["#CommunityManager", "community manager", "Stratégie digitale"]},
    selected_groups=("com",),
)


# --- hashtags and links ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("Réseaux sociaux", "#RéseauxSociaux"),
        ("marketing", "#marketing"),
        ("#CommunityManager", "#CommunityManager"),
        ("e-commerce", "#ECommerce"),
        ("été 2025", "#Été2025"),
        ("2025", None),
        ("  ", None),
    ],
)
def test_hashtagify(tag: str, expected: str | None) -> None:
    assert hashtagify(tag) == expected


def test_add_utm_keeps_query_and_fragment() -> None:
    url = add_utm("https://exemple.fr/a?ref=home&utm_source=old#top", WorkspaceInput().utm_template,
                  network="x", slug="mon article & co")
    parts = urlsplit(url)
    assert parts.fragment == "top"
    assert parse_qsl(parts.query) == [
        ("ref", "home"), ("utm_source", "x"), ("utm_medium", "social"), ("utm_campaign", "mon article & co"),
    ]
    assert url.startswith("https://exemple.fr/a?ref=home&utm_source=x&")


def test_add_utm_on_a_plain_url_and_with_an_empty_template() -> None:
    assert add_utm("https://exemple.fr/", "utm_source={network}", network="bluesky", slug="s") == (
        "https://exemple.fr/?utm_source=bluesky")
    assert add_utm("https://exemple.fr/p", "", network="x", slug="s") == "https://exemple.fr/p"


def test_add_utm_rejects_bad_input_with_clear_messages() -> None:
    with pytest.raises(AdaptError, match="not a web address"):
        add_utm("ftp://exemple.fr/file", "utm_source={network}", network="x", slug="s")
    with pytest.raises(AdaptError, match="placeholder"):
        add_utm("https://exemple.fr/", "utm_source={reseau}", network="x", slug="s")


# --- drafts ------------------------------------------------------------------------------------

def test_x_draft_fits_and_has_every_part() -> None:
    draft = compose_draft(ARTICLE, get_profile("x"), lang="fr", workspace=WORKSPACE)
    assert draft.count.fits and count("x", draft.text).length <= 280
    assert draft.text.startswith(ARTICLE.title)
    assert draft.truncated and draft.excerpt in draft.text
    assert draft.link in draft.text and "utm_source=x" in draft.link and draft.link.endswith("#intro")
    assert "#RéseauxSociaux" in draft.text and "#CommunityManager" in draft.text
    assert draft.text.endswith("— L’équipe Exemple")
    assert draft.hashtags.count("#CommunityManager") == 1, "duplicates across tags and groups removed"


def test_cut_excerpt_ends_on_a_sentence_or_with_an_ellipsis() -> None:
    for network in ("x", "bluesky", "threads"):
        draft = compose_draft(ARTICLE, get_profile(network), lang="fr", workspace=WORKSPACE)
        assert draft.excerpt and LONG_EXCERPT.startswith(draft.excerpt.rstrip(ELLIPSIS))
        assert draft.excerpt.endswith((".", "!", "?", ELLIPSIS))


def test_word_cut_uses_an_ellipsis_when_no_sentence_fits() -> None:
    article = ArticleInput(title="Titre", excerpt="mot " * 200, url="https://exemple.fr/")
    draft = compose_draft(article, get_profile("x"), lang="en", workspace=WorkspaceInput())
    assert draft.excerpt.endswith("mot" + ELLIPSIS)
    assert draft.count.fits


def test_instagram_says_link_in_bio_in_the_user_language() -> None:
    fr = compose_draft(ARTICLE, get_profile("instagram_feed"), lang="fr", workspace=WORKSPACE)
    en = compose_draft(ARTICLE, get_profile("instagram_feed"), lang="en", workspace=WORKSPACE)
    assert "Lien en bio" in fr.text and "Link in bio" in en.text
    assert not extract_urls(fr.text) and "utm_source=instagram" in fr.link


def test_instagram_keeps_at_most_30_hashtags() -> None:
    article = ArticleInput(title="Tags", tags=tuple(f"sujet{chr(97 + i % 26)}{i}" for i in range(40)))
    draft = compose_draft(article, get_profile("instagram_feed"), lang="fr", workspace=WorkspaceInput())
    assert len(draft.hashtags) == 30 and draft.text.count("#") == 30


def test_threads_keeps_one_topic_tag() -> None:
    draft = compose_draft(ARTICLE, get_profile("threads"), lang="fr", workspace=WORKSPACE)
    assert draft.hashtags == ("#RéseauxSociaux",)


def test_pinterest_puts_the_link_in_its_field_and_fits_the_title() -> None:
    article = ArticleInput(title="Un titre " * 20, excerpt="Court.", url="https://exemple.fr/p", slug="p")
    draft = compose_draft(article, get_profile("pinterest"), lang="fr", workspace=WorkspaceInput())
    assert "https://" not in draft.text and draft.link.startswith("https://exemple.fr/p?utm_source=pinterest")
    assert len(draft.title) <= 100 and draft.title.endswith(ELLIPSIS)


def test_story_has_no_caption() -> None:
    draft = compose_draft(ARTICLE, get_profile("instagram_story"), lang="fr", workspace=WORKSPACE)
    assert draft.text == "" and draft.count.fits


def test_hook_sentence_and_excerpt_from_the_body() -> None:
    article = ArticleInput(
        title="Titre",
        body_markdown="# Titre\n\nPremier **paragraphe** avec [un lien](https://x.fr).\n\n```\ncode\n```\n",
        hook_sentence="Saviez-vous que… ?",
    )
    draft = compose_draft(article, get_profile("linkedin"), lang="fr", workspace=WorkspaceInput())
    assert draft.text.startswith("Saviez-vous que… ?")
    assert "Premier paragraphe avec un lien." in draft.text and "code" not in draft.text


def test_tiny_limits_drop_parts_in_order() -> None:
    tiny = dataclasses.replace(get_profile("discord"), text_limit=40)
    draft = compose_draft(ARTICLE, tiny, lang="fr", workspace=WORKSPACE)
    assert draft.count.fits and len(draft.text) <= 40
    assert draft.dropped[:2] == ("excerpt", "hashtags")


def test_bad_settings_are_user_errors() -> None:
    with pytest.raises(AdaptError, match="fr"):
        compose_draft(ARTICLE, get_profile("x"), lang="de", workspace=WORKSPACE)
    with pytest.raises(AdaptError, match="hashtag group"):
        compose_draft(ARTICLE, get_profile("x"), lang="fr",
                      workspace=WorkspaceInput(selected_groups=("absent",)))


# --- threads -----------------------------------------------------------------------------------

THREAD_TEXT = ("Une phrase de taille moyenne pour remplir le fil. " * 15) + "Fin du fil !"


def test_split_thread_numbers_parts_and_each_fits() -> None:
    x = get_profile("x")
    parts = split_thread(THREAD_TEXT, x)
    assert len(parts) > 1
    for i, part in enumerate(parts, start=1):
        assert part.endswith(f" {i}/{len(parts)}")
        assert count(x, part).fits
    body = [p.rsplit(" ", 1)[0] for p in parts]
    assert all(b.endswith((".", "!")) for b in body), "cut at sentence ends"
    assert " ".join(body).split() == THREAD_TEXT.split()


def test_short_text_is_one_unnumbered_part_and_numbering_can_be_off() -> None:
    assert split_thread("Court.", get_profile("x")) == ["Court."]
    parts = split_thread(THREAD_TEXT, get_profile("x"), numbering=False)
    assert not any(p.endswith(f"/{len(parts)}") for p in parts)


def test_a_word_longer_than_a_part_is_cut_by_characters() -> None:
    bluesky = get_profile("bluesky")
    text = "début " + "x" * 700 + " fin"
    parts = split_thread(text, bluesky)
    assert all(c.fits for c in thread_counts(parts, bluesky))
    assert "".join(p.rsplit(" ", 1)[0].replace(" ", "") for p in parts) == text.replace(" ", "")


def test_move_split_snaps_to_words_and_stays_ordered() -> None:
    x = get_profile("x")
    offsets = split_points(THREAD_TEXT, x)
    earlier = move_split(THREAD_TEXT, offsets, 0, -12)
    assert earlier[0] < offsets[0] and THREAD_TEXT[earlier[0] - 1] == " "
    later = move_split(THREAD_TEXT, offsets, 0, 5)
    assert later[0] > offsets[0] and THREAD_TEXT[later[0] - 1] == " "
    parts = render_thread(THREAD_TEXT, earlier)
    assert len(parts) == len(offsets) + 1
    if len(offsets) > 1:
        clamped = move_split(THREAD_TEXT, offsets, 0, 10_000)
        assert clamped[0] < offsets[1]
    with pytest.raises(ThreadError):
        move_split(THREAD_TEXT, offsets, len(offsets), 3)
    with pytest.raises(ThreadError):
        render_thread(THREAD_TEXT, [50, 10])


# --- diff --------------------------------------------------------------------------------------

def test_diff_from_article_shows_what_changed() -> None:
    old = "Nouveau guide : 5 astuces pour Instagram. https://exemple.fr/a"
    new = "Nouveau guide : 7 astuces pour Instagram et TikTok. https://exemple.fr/a"
    ops = diff_from_article(old, new)
    changed = [(op.tag, op.old, op.new) for op in ops if op.tag != "equal"]
    assert ("replace", "5", "7") in changed
    assert any(op.tag in ("insert", "replace") and "TikTok" in op.new for op in ops)
    assert "".join(op.old for op in ops) == old and "".join(op.new for op in ops) == new
    assert all(op.tag == "equal" for op in diff_from_article(old, old))


# --- properties (hypothesis is a test dependency: pip install hypothesis) -------------------------

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - only where the test extra is not installed
    @pytest.mark.skip(reason="hypothesis is not installed (pip install hypothesis)")
    def test_properties_need_hypothesis() -> None:
        """Placeholder so a missing test dependency shows up as a skip, not a silent pass."""
else:
    _words = st.lists(
        st.one_of(
            st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=15),
            st.sampled_from(["é", "😷", "👨‍👩‍👧‍👦", "故人", "exemple.fr/page", "https://a.fr/x", "@a@b.fr", "!", "."]),
        ),
        max_size=120,
    )


    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        profile=st.sampled_from(all_profiles()),
        title=_words.map(" ".join),
        excerpt=_words.map(" ".join),
        tags=st.lists(st.text(max_size=20), max_size=12),
        signature=st.text(max_size=60),
        with_url=st.booleans(),
    )
    def test_a_draft_never_exceeds_its_limit(profile, title, excerpt, tags, signature, with_url) -> None:
        article = ArticleInput(title=title, excerpt=excerpt, url="https://exemple.fr/a?b=1" if with_url else "",
                               slug="s", tags=tuple(tags))
        draft = compose_draft(article, profile, lang="fr", workspace=WorkspaceInput(signature=signature))
        assert count(profile, draft.text).fits
        if profile.hashtag_limit is not None:
            assert len(draft.hashtags) <= profile.hashtag_limit

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(profile=st.sampled_from([get_profile(n) for n in ("x", "bluesky", "mastodon", "threads")]),
           words=_words, numbering=st.booleans())
    def test_every_thread_part_fits_and_nothing_is_lost(profile, words, numbering) -> None:
        text = " ".join(words * 4)
        parts = split_thread(text, profile, numbering=numbering)
        assert all(count(profile, p).fits for p in parts)
        bodies = [p.rsplit(" ", 1)[0] if numbering and len(parts) > 1 else p for p in parts]
        assert "".join("".join(bodies).split()) == "".join(text.split())
