"""Word counts as a reader would make them, and the outline of an article."""

from __future__ import annotations

from cmstudio.core.textstats import Heading, fenced_line_flags, outline, plain_text, text_stats


def test_markdown_syntax_is_not_counted() -> None:
    md = (
        "## Un **titre** fort ##\n\n"
        "- premier *point*\n"
        "1. second [lien vers le site](https://example.com/une/longue/adresse \"titre\")\n\n"
        "> citation ![photo de chat](chat.jpg) finale[^1]\n\n"
        "[ref]: https://example.com\n"
        "[^1]: Note.\n"
    )
    # By hand: Un titre fort (3) premier point (2) second lien vers le site (5)
    # citation finale (2) Note (1) = 13.
    assert text_stats(md, "fr").words == 13


def test_french_punctuation_and_elisions() -> None:
    text = "L’article d'aujourd'hui : « peut-être » — oui ! 2027 ?"
    stats = text_stats(text, "fr")
    # Words: L’article, d'aujourd'hui, peut-être, oui, 2027; « » — : ! ? are not words.
    assert stats.words == 5


def test_code_fences_are_not_prose() -> None:
    md = "Avant le code.\n\n```python\nfor word in many_words: print(word)\n```\n\nAprès.\n"
    assert text_stats(md, "fr").words == 4
    assert "many_words" not in plain_text(md)


def test_characters_with_and_without_spaces() -> None:
    stats = text_stats("Été  à\u00a0Paris 👍🏽", "fr")
    # "Été à Paris 👍🏽": 3 + 1 + 1 + 1 + 5 + 1 + 1 grapheme (emoji with skin tone) = 13.
    assert stats.characters == 13
    assert stats.characters_no_spaces == 10
    decomposed = text_stats("e\u0301te\u0301", "fr")
    assert decomposed.characters == 3  # é, t, é written with combining accents


def test_reading_time_depends_on_language() -> None:
    md = " ".join(["mot"] * 1000)
    assert text_stats(md, "fr").reading_minutes == 5  # 1000 / 200
    assert text_stats(md, "en").reading_minutes == 5  # ceil(1000 / 230)
    assert text_stats(" ".join(["mot"] * 2000), "en").reading_minutes == 9
    assert text_stats("", "fr") == text_stats("", "fr")
    assert text_stats("", "fr").reading_minutes == 0
    assert text_stats("un mot", "fr-CA").reading_minutes == 1


def test_outline_atx_and_setext() -> None:
    md = (
        "Titre principal\n"
        "===============\n"
        "\n"
        "## Partie *une* ##\n"
        "texte\n"
        "\n"
        "Sous-partie sur\n"
        "deux lignes\n"
        "-----------\n"
        "\n"
        "#pas-un-titre\n"
        "####### pas un titre\n"
        "    # code indenté\n"
        "###### Six\n"
    )
    assert outline(md) == [
        Heading(1, "Titre principal", 0),
        Heading(2, "Partie une", 3),
        Heading(2, "Sous-partie sur deux lignes", 6),
        Heading(6, "Six", 13),
    ]


def test_outline_ignores_code_fences_and_rules() -> None:
    md = (
        "# Vrai\n"
        "```markdown\n"
        "# Faux\n"
        "Faux aussi\n"
        "---\n"
        "````\n"
        "~~~\n"
        "## Encore faux\n"
        "~~~\n"
        "\n"
        "---\n"
        "- élément\n"
        "---\n"
        "## Vrai aussi\n"
    )
    assert outline(md) == [Heading(1, "Vrai", 0), Heading(2, "Vrai aussi", 13)]


def test_unclosed_fence_runs_to_the_end() -> None:
    lines = ["texte", "```", "# dedans", "fin"]
    assert fenced_line_flags(lines) == [False, True, True, True]
    assert outline("\n".join(lines)) == []
