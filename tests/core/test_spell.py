"""Spell checking of Markdown prose with the real French and English dictionaries."""

from __future__ import annotations

import threading

import pytest

from cmstudio.core.spell import SpellError, check_paragraph, check_text, get_checker, suggestions


def words(text: str, lang: str = "fr", personal: set[str] | None = None) -> list[str]:
    found = check_text(text, lang, personal or set())
    for m in found:
        assert text[m.start:m.end] == m.word
    return [m.word for m in found]


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


def test_elision_checks_the_word_after_the_apostrophe() -> None:
    text = "l'arbrre et d’énergiie"
    found = check_text(text, "fr")
    assert [(m.word, text[m.start:m.end]) for m in found] == [("arbrre", "arbrre"), ("énergiie", "énergiie")]
    assert found[0].start == 2 and found[1].start == 14


def test_hyphenated_words_check_each_part() -> None:
    assert words("porte-parolle et grand-mère et a-t-il") == ["parolle"]


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


def test_personal_words_are_accepted_case_insensitively() -> None:
    text = "Notre outil Canva et la Hootsuite sont pratiques ; bref, du contenu."
    assert words(text) == ["Canva", "Hootsuite"]
    assert words(text, personal={"canva", "Hootsuite"}) == []


def test_english_contractions_and_possessives() -> None:
    text = "The editor's draft isn't ready; don't worry, we'll recieve it."
    assert words(text, "en") == ["recieve"]
    assert suggestions("recieve", "en")[0] == "receive"


def test_suggestions_keep_capitalisation_and_fold_accents() -> None:
    assert suggestions("Reseaux", "fr")[0] == "Réseaux"
    assert suggestions("developpement", "fr", limit=1) == ["développement"]
    assert len(suggestions("developpement", "fr", limit=3)) <= 3


def test_check_paragraph_offsets() -> None:
    block = "Un paragrafe modifié."
    found = check_paragraph(block, "fr", set(), offset=100)
    assert [(m.word, m.start, m.end) for m in found] == [("paragrafe", 103, 112)]


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(SpellError, match="klingon"):
        get_checker("klingon")


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
