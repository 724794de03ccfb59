"""Exporting every article as Markdown files with front matter and their images."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from sqlalchemy import select, update

from cmstudio.core.frontmatter import parse_markdown
from cmstudio.core.markdown_export import ExportError, export_articles
from cmstudio.core.models import Article, Workspace
from cmstudio.core.workspaces import create_workspace

LINK = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


def test_every_article_becomes_a_markdown_file_with_its_images(demo_db, tmp_path: Path) -> None:
    out = tmp_path / "site"
    with demo_db.session() as session:
        victim = session.scalars(select(Article).order_by(Article.id)).first()
        session.execute(update(Article).where(Article.id == victim.id).values(deleted_at=victim.created_at))
        summary = export_articles(session, demo_db.media_dir, out)
        workspaces = list(session.scalars(select(Workspace).order_by(Workspace.id)))
        expected = {w.name: sorted(a.title for a in session.scalars(
            select(Article).where(Article.workspace_id == w.id, Article.deleted_at.is_(None)))) for w in workspaces}
    folders = {"Maison Lumière": out / "maison-lumiere", "Northwind Outdoor": out / "northwind-outdoor"}
    assert summary.articles == sum(len(v) for v in expected.values()) and not summary.missing_images
    for name, folder in folders.items():
        docs = [parse_markdown(p.read_text(encoding="utf-8"), source_name=p.name) for p in folder.glob("*.md")]
        assert sorted(d.title for d in docs) == expected[name]
        for doc in docs:
            assert "media:" not in doc.body and (doc.image is None or not doc.image.startswith("media:"))
            targets = LINK.findall(doc.body) + ([doc.image] if doc.image else [])
            assert targets, f"{doc.source_name} lost its pictures"
            for target in targets:
                picture = folder / target
                assert target.startswith("images/") and picture.is_file()
                assert hashlib.sha256(picture.read_bytes()).hexdigest() == picture.stem


def test_one_workspace_is_flat_and_names_can_carry_the_date(demo_db, tmp_path: Path) -> None:
    with demo_db.session() as session:
        workspace = session.scalars(select(Workspace).order_by(Workspace.id)).first()
        count = len(list(session.scalars(select(Article).where(Article.workspace_id == workspace.id))))
        summary = export_articles(session, demo_db.media_dir, tmp_path / "posts", workspace_id=workspace.id,
                                  image_base="/images/", dated_names=True)
    files = sorted((tmp_path / "posts").glob("*.md"))
    assert len(files) == count == summary.articles
    assert all(re.match(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$", f.name) for f in files)
    text = files[0].read_text(encoding="utf-8")
    assert "](/images/" in text and (tmp_path / "posts" / "images").is_dir()


def test_same_slugs_do_not_overwrite_each_other(demo_db, tmp_path: Path) -> None:
    from cmstudio.core.articles import create_article

    with demo_db.session() as session:
        ws = create_workspace(session, "Solo")
        for body in ("first", "second"):
            create_article(session, ws.id, title="Même titre", markdown=body, slug="meme-titre")
    with demo_db.session() as session:
        export_articles(session, demo_db.media_dir, tmp_path / "solo", workspace_id=ws.id)
    bodies = sorted(parse_markdown(p.read_text(encoding="utf-8")).body.strip()
                    for p in (tmp_path / "solo").glob("*.md"))
    assert bodies == ["first", "second"]


def test_bad_targets_are_clear_errors(demo_db, tmp_path: Path) -> None:
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with demo_db.session() as session:
        with pytest.raises(ExportError, match="is a file"):
            export_articles(session, demo_db.media_dir, a_file)
        with pytest.raises(ExportError, match="no workspace 999"):
            export_articles(session, demo_db.media_dir, tmp_path / "x", workspace_id=999)
