"""Spell checking of Markdown prose with the real dictionaries and the shipped CM vocabulary."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from spellchecker import SpellChecker as LibraryChecker

import cmstudio.core.spell as spell_module
from cmstudio.core.spell import (
    SpellError,
    available_languages,
    check_paragraph,
    check_text,
    code_line_flags,
    get_checker,
    suggestions,
    vocabulary,
)

DATA = Path(spell_module.__file__).parent / "data"


def words(text: str, lang: str = "fr", personal: set[str] | None = None) -> list[str]:
    found = check_text(text, lang, personal or set())
    for m in found:
        assert text[m.start:m.end] == m.word
    return [m.word for m in found]


def entries(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


# -- languages --------------------------------------------------------------------------------


def test_available_languages_follow_the_library() -> None:
    langs = available_languages()
    assert langs[:2] == ("fr", "en")
    shipped = set(LibraryChecker.languages())
    for code in ("es", "de", "it", "pt"):
        assert (code in langs) == (code in shipped)
    assert set(langs) <= shipped


@pytest.mark.parametrize(
    ("lang", "sentence", "typo"),
    [
        ("es", "La comunidad comparte una foto en la red social cada semana.", "comunidadd"),
        ("de", "Die Gemeinschaft teilt jede Woche Beiträge in den sozialen Netzwerken.", "Gemeinschafft"),
        ("it", "La comunità condivide le foto sulla rete ogni settimana.", "settimanna"),
        ("pt", "A comunidade partilha publicações nas redes sociais todas as semanas.", "comunidadde"),
    ],
)
def test_each_extra_language_checks_its_own_prose(lang: str, sentence: str, typo: str) -> None:
    if lang not in available_languages():
        pytest.skip(f"pyspellchecker does not ship {lang}")
    assert words(sentence, lang) == []
    assert words(f"{sentence} {typo}", lang) == [typo]
    assert words("Notre compte Instagram et la newsletter Mailchimp.", lang).count("Instagram") == 0


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(SpellError, match="klingon.*available: fr, en"):
        get_checker("klingon")


# -- French ------------------------------------------------------------------------------------


def test_correct_french_prose_has_no_misspelling() -> None:
    text = ("L’été dernier, aujourd'hui encore, j'ai vu qu'il fallait peut-être un week-end "
            "jusqu'à l'aube. C'est presqu'île ; n'est-ce pas ? Rendez-vous à Paris.")
    assert words(text) == []


def test_typos_are_found_with_exact_positions() -> None:
    text = "Les résaux sociaux sont un outil formidabble."
    found = check_text(text, "fr")
    assert [(m.word, m.start, m.end) for m in found] == [("résaux", 4, 10), ("formidabble", 33, 44)]
    assert "réseaux" in found[0].suggestions_fn()
    assert found[1].suggestions_fn()[0] == "formidable"


@pytest.mark.parametrize("apostrophe", ["'", "’", "ʼ"])
@pytest.mark.parametrize(
    "elision", ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"]
)
def test_every_french_elision_with_every_apostrophe(elision: str, apostrophe: str) -> None:
    good = f"{elision}{apostrophe}ensemble"
    assert words(good) == []
    bad = f"{elision}{apostrophe}ensembble"
    found = check_text(bad, "fr")
    assert [(m.word, m.start) for m in found] == [("ensembble", len(elision) + 1)]


def test_elided_words_are_checked_even_when_capitalised() -> None:
    assert words("L’Arbrre de d’Instagramm, l’ONU et l’Été") == ["Arbrre", "Instagramm"]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_aujourdhui_is_one_word(apostrophe: str) -> None:
    text = f"Aujourd{apostrophe}hui, le monde d{apostrophe}aujourd{apostrophe}hui."
    assert words(text) == []
    assert words(f"aujourd{apostrophe}huii") == [f"aujourd{apostrophe}huii"]
    assert suggestions(f"aujourd{apostrophe}huii", "fr")[0] == "aujourd'hui"


def test_hyphenated_words() -> None:
    assert words("L'e-réputation, le jeu-concours, peut-être, E-réputation, jeu‑concours") == []
    assert words("porte-parolle et grand-mère et a-t-il") == ["parolle"]
    assert words("un jeu-concourrs") == ["concourrs"]
    assert words("Jean-Marie et Saint-Nazairre") == ["Nazairre"]


def test_place_names_may_stay_flagged_but_networks_never() -> None:
    assert words("Un atelier à Guérande, annoncé sur Instagram et Bluesky.") == ["Guérande"]


# -- what is skipped ---------------------------------------------------------------------------


def test_markdown_and_social_syntax_is_ignored() -> None:
    text = (
        "# Titre corect\n\n"
        "Voir [le site](https://exemple.fr/pagge-fauttive \"titre\") et https://xyzzy.example/abcd, "
        "www.plouff.fr, contact@entreprize.fr, @mariee, @jean@mastodonn.social et #reseauxsociauxx. "
        "Le code `variabel_fausse` ou `inexistantt`, l'ONU, la NASAA, LinkedIn, 2027, 3e, x86.\n\n"
        "```python\nprinte('ceci est faux')\n```\n\n"
        "[ref]: https://refrence.example/fautte\n"
        "<span class=\"classee\">texte</span> &nbsp; [^notte]\n"
    )
    assert words(text) == ["corect"]


def test_links_images_and_references_keep_their_text_checked() -> None:
    text = (
        "[Un lienn](https://exemple.fr/cheminn) ![une imagge](media/photoo.png 'titree') "
        "[voir](<dossier avecc/fichierr.md>) [texte][referencee] <https://autolienn.fr/x>"
    )
    assert words(text) == ["lienn", "imagge"]


def test_urls_emails_mentions_and_hashtags() -> None:
    text = (
        "Écrivez à marie.dupontt@agencce.fr ou mailto:contactt@exemple.fr, "
        "suivez @jean-mariee.bsky.social, @agencce@mastodon.social et @Agencce ; "
        "#JeuConcourss #concourrs ; lisez exemple.fr/blogg et https://exemple.fr/a?q=fautte#ancre."
    )
    assert words(text) == []


def test_a_missing_space_is_not_mistaken_for_a_domain() -> None:
    assert words("Une fautte.ici et le site exemple.com/pagge") == ["fautte"]


def test_numbers_and_words_with_digits() -> None:
    assert words("Le 1er mai, 1 000,50 €, 3,5 %, 12h30, 2e édition, XIXe siècle, 4K, 10k abonnés.") == []


def test_code_is_skipped_fenced_indented_and_html() -> None:
    text = (
        "Un paragraphe.\n\n"
        "    varriable = fonctionn()\n"
        "\n"
        "    autre_lignne\n\n"
        "~~~\nfauttes partout\n~~~\n\n"
        "Le <code>fautte</code>, <kbd>Ctrrl</kbd> et <!-- note\nsur deuxx lignes --> fin.\n\n"
        "- un élément de liste\n\n"
        "    suite de l'élémentt\n"
    )
    assert words(text) == ["élémentt"]


def test_code_line_flags_follow_commonmark() -> None:
    lines = ["Texte", "    pas du code (suite du paragraphe)", "", "    code", "", "\tcode aussi", "Fin"]
    assert code_line_flags(lines) == [False, False, False, True, False, True, False]
    # Front matter blanked to keep offsets (as the CLI does) is not an indented code block.
    blanked = ["   ", "       Un titre", "          ", "             Une description", "   ", "Texte"]
    assert code_line_flags(blanked) == [False] * 6


# -- shipped vocabulary ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_vocabulary_files_ship_at_least_150_entries(lang: str) -> None:
    assert len(entries(DATA / f"cm_vocabulary_{lang}.txt")) >= 150
    assert len(entries(DATA / "cm_vocabulary_names.txt")) >= 60


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_vocabulary_entry_is_accepted_in_prose(lang: str) -> None:
    for path in (DATA / f"cm_vocabulary_{lang}.txt", DATA / "cm_vocabulary_names.txt"):
        for entry in entries(path):
            assert words(f"Voici {entry}." if lang == "fr" else f"Here is {entry}.", lang) == [], entry


def test_named_words_of_the_issue_are_not_flagged() -> None:
    fr = ("Instagram LinkedIn TikTok Bluesky Mastodon Threads Pinterest YouTube WhatsApp Canva Buffer "
          "Hootsuite hashtag influenceur influenceuse blogueuse newsletter story stories reel webinaire "
          "reporting benchmark engagement e-réputation community manager brief KPI UGC live replay "
          "teaser giveaway")
    assert words(fr, "fr") == []
    en = ("Instagram LinkedIn TikTok Bluesky Mastodon Threads Pinterest YouTube WhatsApp Canva Buffer "
          "Hootsuite hashtag influencer blogger newsletter story stories reel webinar reporting "
          "benchmark engagement e-reputation community manager brief KPI UGC live replay teaser giveaway")
    assert words(en, "en") == []


def test_vocabulary_is_per_language() -> None:
    assert words("Un webinaire puis un webinar.", "fr") == []
    assert words("A webinaire then a webinar.", "en") == ["webinaire"]
    assert "Instagram" in vocabulary("de") and "influenceuse" not in vocabulary("de")


def test_vocabulary_words_are_suggested_with_their_own_capitals() -> None:
    assert suggestions("instagramm", "fr")[0] == "Instagram"
    assert suggestions("Tiktokk", "en")[0] == "TikTok"
    assert suggestions("influenceusse", "fr")[0] == "influenceuse"


def test_personal_words_are_accepted_case_insensitively() -> None:
    text = "Notre outil Kanvaa et la Hootsweet sont pratiques ; bref, du contenu."
    assert words(text) == ["Kanvaa", "Hootsweet"]
    assert words(text, personal={"kanvaa", "Hootsweet"}) == []
    assert words("l’agencce", personal={"agencce"}) == []


# -- English, Italian --------------------------------------------------------------------------


def test_english_contractions_and_possessives() -> None:
    text = ("The editor's draft isn't ready; don't worry, we'll recieve it. Instagram's reach, "
            "could've, couldn't, they're.")
    assert words(text, "en") == ["recieve"]
    assert suggestions("recieve", "en")[0] == "receive"


def test_italian_elisions() -> None:
    if "it" not in available_languages():
        pytest.skip("pyspellchecker does not ship it")
    assert words("L'amico dell'anno, un'altra idea nell'ambito di quest'anno.", "it") == []
    assert words("dell'amicco", "it") == ["amicco"]


# -- mechanics ---------------------------------------------------------------------------------


def test_suggestions_keep_capitalisation_and_fold_accents() -> None:
    assert suggestions("Reseaux", "fr")[0] == "Réseaux"
    assert suggestions("developpement", "fr", limit=1) == ["développement"]
    assert len(suggestions("developpement", "fr", limit=3)) <= 3


def test_check_paragraph_offsets() -> None:
    block = "Un paragrafe modifié."
    found = check_paragraph(block, "fr", set(), offset=100)
    assert [(m.word, m.start, m.end) for m in found] == [("paragrafe", 103, 112)]


def test_checker_is_loaded_once_across_threads() -> None:
    seen: list[object] = []

    def load() -> None:
        seen.append(get_checker("fr-FR"))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 4 and all(c is seen[0] for c in seen)
    assert get_checker("fr") is seen[0]


def test_long_article_pass() -> None:
    sentence = "La communauté partage des publications sur les réseaux sociaux chaque semaine. "
    text = (sentence * 400) + "Une fôte."
    found = check_text(text, "fr")
    assert [m.word for m in found] == ["fôte"]
    assert found[0].start == len(sentence * 400) + 4
