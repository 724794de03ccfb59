"""Importing contest entries from real CSV bytes as spreadsheet and export tools write them."""

from __future__ import annotations

import codecs

import pytest

from cmstudio.core.entries import (
    EntriesError,
    HandleColumnNotFound,
    import_entries_csv,
    import_pasted_handles,
    normalize_handle,
)

# What Excel (French locale) writes with "CSV (séparateur : point-virgule)": Windows-1252, CRLF,
# semicolons, quotes only around cells containing a semicolon, a quote or a line break.
EXCEL_FR = (
    "Nom d'utilisateur;Commentaire;Date;Pays\r\n"
    "@Élodie.Martin;J'adore ! Je tente ma chance 🍀;01/12/2026 09:14;France\r\n"
    "@zoé_b;\"Trop beau ; bravo à l'équipe\";01/12/2026 10:02;Belgique\r\n"
    "@Francois.Lefevre;\"Il a dit \"\"génial\"\" !\";02/12/2026 18:40;France\r\n"
    "@élodie.MARTIN;deuxième essai;03/12/2026 08:00;France\r\n"
)


def excel_fr_bytes() -> bytes:
    # The clover is not in Windows-1252: Excel writes "?" for it, as we do here.
    return EXCEL_FR.encode("cp1252", errors="replace")


def test_excel_french_cp1252_semicolons_and_accents() -> None:
    data = excel_fr_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really not UTF-8: the accents are single cp1252 bytes
    result = import_entries_csv(data)
    assert result.encoding == "cp1252"
    assert result.delimiter == ";"
    assert result.columns == ["Nom d'utilisateur", "Commentaire", "Date", "Pays"]
    assert result.handle_column == "Nom d'utilisateur"
    assert result.handles == ["élodie.martin", "zoé_b", "francois.lefevre"]
    assert result.duplicates == 1
    assert result.duplicate_lines == [(5, "élodie.martin")]
    assert result.errors == []
    zoe = result.entries[1]
    assert zoe.display == "@zoé_b"
    assert zoe.line == 3
    assert zoe.fields == {"Commentaire": "Trop beau ; bravo à l'équipe", "Date": "01/12/2026 10:02",
                          "Pays": "Belgique"}
    assert result.entries[2].fields["Commentaire"] == 'Il a dit "génial" !'


def test_utf8_bom_comma_export_with_multiline_comment() -> None:
    text = (
        "Username,Comment,Profile URL\n"
        "marie_dupont,\"Première ligne\nseconde ligne, avec virgule\",https://www.instagram.com/marie_dupont/\n"
        "Ünal,👍 super,https://www.instagram.com/Ünal/\n"
    )
    result = import_entries_csv(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert result.encoding == "utf-8-sig"
    assert result.delimiter == ","
    assert result.columns[0] == "Username"  # the BOM is not glued to the first header
    assert result.handles == ["marie_dupont", "ünal"]
    assert result.entries[0].fields["Comment"] == "Première ligne\nseconde ligne, avec virgule"
    assert result.entries[1].line == 4  # the multi-line record took lines 2 and 3


def test_utf8_without_bom_tab_separated_and_url_column_chosen_by_user() -> None:
    text = (
        "Date\tProfil\tTexte\n"
        "2026-12-01\thttps://instagram.com/Julie.Rose/\tmerci\n"
        "2026-12-01\thttps://bsky.app/profile/Paul.bsky.social\tjoue\n"
        "2026-12-02\thttps://mastodon.social/@Anna\tok\n"
    )
    result = import_entries_csv(text.encode("utf-8"), handle_column="profil")
    assert (result.encoding, result.delimiter, result.handle_column) == ("utf-8", "\t", "Profil")
    assert result.handles == ["julie.rose", "paul.bsky.social", "anna"]
    assert result.entries[0].fields == {"Date": "2026-12-01", "Texte": "merci"}


def test_broken_rows_are_reported_with_line_numbers_and_the_rest_is_read() -> None:
    text = (
        "pseudo;commentaire\n"
        "@alice;bonjour\n"
        ";sans pseudo\n"
        "@bob;a;b;c\n"
        "@carla;\"guillemet jamais fermé\n"
        "@dan;ok\n"
        "\n"
        "@eve;\"il dit \"oui\" x\";fin\n"
        "@fred;court\n"
    )
    result = import_entries_csv(text.encode("utf-8"), lang="fr")
    assert result.handles == ["alice", "dan", "fred"]
    lines = [line for line, _message in result.errors]
    assert lines == [3, 4, 5, 8]
    messages = dict(result.errors)
    assert "pseudo" in messages[3]
    assert "4" in messages[4] and "2" in messages[4]
    assert "guillemet" in messages[5]


def test_short_rows_are_padded_and_blank_rows_skipped() -> None:
    result = import_entries_csv(b"handle,comment,date\n@a,hi\n,,\n@b,yo,2026\n")
    assert result.handles == ["a", "b"]
    assert result.entries[0].fields == {"comment": "hi", "date": ""}
    assert result.errors == []


def test_unknown_columns_raise_a_clear_error_listing_them() -> None:
    with pytest.raises(HandleColumnNotFound) as info:
        import_entries_csv("Prénom;Message;Quand\nMarie;coucou;hier\n".encode("cp1252"))
    assert info.value.columns == ["Prénom", "Message", "Quand"]
    assert "Prénom" in str(info.value) and "Message" in str(info.value)
    with pytest.raises(EntriesError, match="Message"):
        import_entries_csv(b"Prenom;Message\nx;y\n", handle_column="Pseudo")


def test_empty_file_is_refused() -> None:
    with pytest.raises(EntriesError, match="empty"):
        import_entries_csv(b"\r\n  \r\n")


def test_headerless_single_column_list() -> None:
    result = import_entries_csv("@Léa\n@tom\n@lea\n".encode())
    assert result.handles == ["léa", "tom", "lea"]
    assert result.columns == [] and result.handle_column is None


def test_excel_unicode_text_utf16_tab() -> None:
    data = "Compte\tCommentaire\n@Noé\tsalut\n".encode("utf-16")
    result = import_entries_csv(data)
    assert (result.encoding, result.delimiter, result.handles) == ("utf-16", "\t", ["noé"])


def test_pasted_handles() -> None:
    text = "@Alice @bob, @CHARLIE\n\n  https://www.instagram.com/dora/ ; Marie Dupont\n@alice\n\u200e@eve\u200f\n"
    result = import_pasted_handles(text)
    assert result.handles == ["alice", "bob", "charlie", "dora", "marie dupont", "eve"]
    assert result.duplicates == 1 and result.duplicate_lines == [(4, "alice")]
    assert [e.line for e in result.entries] == [1, 1, 1, 3, 3, 5]
    assert result.encoding == "text" and result.errors == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  @Marie.Dupont ", "marie.dupont"),
        ("https://instagram.com/name/", "name"),
        ("https://www.tiktok.com/@Some.One?lang=fr", "some.one"),
        ("https://www.linkedin.com/in/jeanne-d/", "jeanne-d"),
        ("https://x.com/Someone/status/12345", "someone"),
        ("https://www.facebook.com/profile.php?id=1000123", "1000123"),
        ("e\u0301lise", "élise"),  # decomposed accent becomes the composed (NFC) letter
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),  # casefold, not lower
        ("@user@mastodon.social", "user@mastodon.social"),
        ("Marie   Dupont", "marie dupont"),
        ("@", ""),
    ],
)
def test_normalize_handle(raw: str, expected: str) -> None:
    assert normalize_handle(raw) == expected
