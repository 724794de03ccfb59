"""`cmstudio spellcheck` and `cmstudio export`, run as real processes on real files and databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml


def run(*args: str, home: Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CMSTUDIO_HOME": str(home), "CMSTUDIO_LANG": lang, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "cmstudio", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=300)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr


# ---------------------------------------------------------------- spellcheck

FRENCH = """---
title: Préparer l'été sur les réseaux
lastmod: 2027-05-02
slug: preparer-l-ete
---
Aujourd'hui, l'équipe prépare un jeu-concours : c’est peut-être le meilleur moment de l’anée.
Écrivez-nous à contact@exemple.fr ou sur https://exemple.fr/concourrs avec #RéseauxSociaux et @marie.
Qu'il pleuve ou non, l’équipee sera prête.
"""


def spellcheck(path: Path, home: Path, *extra: str) -> list[dict]:
    result = run("spellcheck", str(path), *extra, home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_spellcheck_french_offsets_point_at_the_words(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text(FRENCH, encoding="utf-8")
    found = spellcheck(path, tmp_path, "--lang", "fr")
    words = [f["word"] for f in found]
    # Two typos: "anée" after the elision l’, and "équipee" after l’. Elisions, aujourd'hui, jeu-concours,
    # peut-être, the e-mail, the URL, the hashtag, the mention and the front matter keys are fine.
    assert words == ["anée", "équipee"], found
    for item in found:
        assert FRENCH[item["offset"]:item["offset"] + len(item["word"])] == item["word"]
        assert 0 < len(item["suggestions"]) <= 5
    assert found[0]["offset"] == FRENCH.index("anée")  # a character index, not a byte index
    assert "année" in found[0]["suggestions"][:2]
    # "équipée" differs only by an accent, so it comes before "équipe" (one letter away).
    assert found[1]["suggestions"][0] == "équipée" and "équipe" in found[1]["suggestions"]


def test_spellcheck_offsets_survive_windows_line_ends(tmp_path: Path) -> None:
    text = FRENCH.replace("\n", "\r\n")
    path = tmp_path / "crlf.md"
    path.write_bytes(("\ufeff" + text).encode("utf-8"))  # with a byte-order mark, as Notepad writes
    found = spellcheck(path, tmp_path, "--lang", "fr")
    assert [f["word"] for f in found] == ["anée", "équipee"]
    assert [f["offset"] for f in found] == [text.index("anée"), text.index("équipee")]


def test_spellcheck_language_from_front_matter_and_option(tmp_path: Path) -> None:
    path = tmp_path / "en.md"
    text = "---\ntitle: Teh plan\nlang: en-GB\n---\nOur newsletter is ready for teh weekend.\n"
    path.write_text(text, encoding="utf-8")
    found = spellcheck(path, tmp_path)  # English, from the front matter
    expected = [("Teh", text.index("Teh")), ("teh", text.index("teh w"))]
    assert [(f["word"], f["offset"]) for f in found] == expected
    assert found[1]["suggestions"][0] == "the"
    assert found[0]["suggestions"][0] == "The"  # capitalised like the word it replaces
    clean = tmp_path / "propre.md"
    clean.write_text("Bonjour à toutes et à tous.\n", encoding="utf-8")
    assert spellcheck(clean, tmp_path, "--lang", "fr") == []


def test_spellcheck_refuses_binary_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 20)
    assert_one_line_error(run("spellcheck", str(binary), home=tmp_path), "photo.md")
    assert_one_line_error(run("spellcheck", str(tmp_path / "absent.md"), home=tmp_path), "absent.md")


# ---------------------------------------------------------------- export

HOSTILE = """Un texte **important** avec un [lien](https://exemple.fr/).

<script>alert("vol de session")</script>

[Cliquez ici](javascript:alert(1))

<img src="x.png" onerror="alert(2)">

<a href="#" onclick="alert(3)">piège</a>

## Deuxième partie

Fin.
"""


@pytest.fixture
def workspace_db(tmp_path: Path) -> tuple[str, int]:
    """A real migrated SQLite workspace holding one hostile article; (database path, article id)."""
    from datetime import UTC, datetime

    from cmstudio.core.articles import create_article
    from cmstudio.core.db import open_database
    from cmstudio.core.workspaces import create_workspace

    path = tmp_path / "espace.sqlite3"
    db = open_database(str(path))
    try:
        with db.session() as session:
            workspace = create_workspace(session, "Brasserie du Port", language="fr")
            article = create_article(
                session, workspace.id, title="Les réseaux sociaux en 2027 : « l’essentiel »",
                markdown=HOSTILE,
                tags=["réseaux sociaux", "stratégie"], categories=["Conseils"], excerpt="Ce qui compte.",
                canonical_url="https://blog.exemple.fr/reseaux-2027", status="published",
                publish_at=datetime(2027, 3, 14, 8, 30, tzinfo=UTC),
            )
            article_id = article.id
    finally:
        db.close()
    return str(path), article_id


def _front_matter(document: str) -> tuple[dict, str]:
    assert document.startswith("---\n")
    end = document.index("\n---\n", 4)
    return yaml.safe_load(document[4:end]), document[end + 5:]


def test_export_markdown_round_trip(workspace_db: tuple[str, int], tmp_path: Path) -> None:
    db, article_id = workspace_db
    result = run("export", str(article_id), "--format", "md", "--db", db, home=tmp_path)
    assert result.returncode == 0, result.stderr
    meta, body = _front_matter(result.stdout)
    assert meta["title"] == "Les réseaux sociaux en 2027 : « l’essentiel »"
    assert meta["slug"] == "les-reseaux-sociaux-en-2027-l-essentiel"
    assert meta["tags"] == ["réseaux sociaux", "stratégie"] and meta["categories"] == ["Conseils"]
    assert meta["description"] == "Ce qui compte."
    assert meta["draft"] is False
    assert str(meta["date"]).startswith("2027-03-14")
    assert meta["canonical_url"] == "https://blog.exemple.fr/reseaux-2027"
    assert body.strip() == HOSTILE.strip()  # Markdown is exported as written

    out = tmp_path / "export.md"
    written = run("export", str(article_id), "--format", "md", "--db", db, "--out", str(out), home=tmp_path)
    assert written.returncode == 0, written.stderr
    assert out.read_text(encoding="utf-8") == result.stdout

    from cmstudio.core.frontmatter import read_markdown_file

    again = read_markdown_file(out)
    assert (again.title, again.tags, again.slug) == (meta["title"], meta["tags"], meta["slug"])


def test_export_html_is_standalone_and_sanitized(workspace_db: tuple[str, int], tmp_path: Path) -> None:
    db, article_id = workspace_db
    out = tmp_path / "article.html"
    result = run("export", str(article_id), "--format", "html", "--db", db, "--out", str(out), home=tmp_path)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "<strong>important</strong>" in page and "Deuxième partie</h2>" in page
    assert 'href="https://exemple.fr/"' in page
    lowered = page.lower()
    for forbidden in ("<script", "javascript:", "onerror", "onclick", "alert("):
        assert forbidden not in lowered, forbidden
    stdout = run("export", str(article_id), "--format", "html", "--db", db, home=tmp_path)
    assert stdout.returncode == 0 and stdout.stdout == page


def test_export_unknown_article_and_bad_destination(workspace_db: tuple[str, int], tmp_path: Path) -> None:
    db, _article_id = workspace_db
    assert_one_line_error(run("export", "999", "--format", "md", "--db", db, home=tmp_path), "999")
    nowhere = tmp_path / "pas-de-dossier" / "a.md"
    to_nowhere = run("export", "1", "--format", "md", "--db", db, "--out", str(nowhere), home=tmp_path)
    assert_one_line_error(to_nowhere, "pas-de-dossier")
    assert_one_line_error(run("export", "1", "--format", "pdf", "--db", db, home=tmp_path), "pdf")
