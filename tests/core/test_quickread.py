"""The start-up reader (stdlib sqlite3) against the SQLAlchemy services, on the same real files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cmstudio.core import article_rows
from cmstudio.core.articles import (
    ArticleQuery,
    create_article,
    get_article,
    list_articles,
    trash_article,
    update_article,
    workspace_tags,
)
from cmstudio.core.db import open_database
from cmstudio.core.models import MediaAsset
from cmstudio.core.models.content import ARTICLE_STATUSES
from cmstudio.core.quickread import ARTICLE_COLUMNS, QuickRead, sqlite_file
from cmstudio.core.workspaces import archive_workspace, create_workspace, default_workspace, list_workspaces

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def quick(demo_db):
    with demo_db.session() as s:
        workspace_id = default_workspace(s).id
        first = list_articles(s, workspace_id)[0].id
        trash_article(s, first)
        update_article(s, list_articles(s, workspace_id)[0].id, title="Œuvre à la Crème", tags=["Été", "été", "Noël"])
        create_article(s, workspace_id, title="", markdown="")  # empty fields, no tags
    reader = QuickRead.open(demo_db.url)
    assert reader is not None
    yield reader
    reader.close()


def test_statuses_are_the_models_statuses() -> None:
    assert article_rows.ARTICLE_STATUSES == ARTICLE_STATUSES


@pytest.mark.parametrize(
    "query",
    [
        ArticleQuery(),
        ArticleQuery(text="pain"),
        ArticleQuery(text="CREME oeuvre"),
        ArticleQuery(status="published"),
        ArticleQuery(language="en", sort="title", descending=False),
        ArticleQuery(tag="ete"),
        ArticleQuery(trashed=True),
        ArticleQuery(sort="publish_at"),
        ArticleQuery(sort="status", descending=False),
        ArticleQuery(sort="created"),
    ],
)
def test_summaries_match_list_articles(demo_db, quick, query: ArticleQuery) -> None:
    with demo_db.session() as s:
        for workspace in list_workspaces(s):
            expected = list_articles(s, workspace.id, query)
            assert quick.article_summaries(workspace.id, query) == expected
    assert quick.article_summaries(workspace.id, ArticleQuery()), "the demo has articles"


def test_tags_workspaces_and_default_workspace_match(demo_db, quick) -> None:
    with demo_db.session() as s:
        workspaces = list_workspaces(s)
        assert quick.workspaces() == [(w.id, w.name, w.color) for w in workspaces]
        for w in workspaces:
            assert quick.workspace_tags(w.id) == workspace_tags(s, w.id)
            quick.article_summaries(w.id)  # remembers the tags it met: the same list must come back
            assert quick.workspace_tags(w.id) == workspace_tags(s, w.id)
            assert quick.personal_dictionary(w.id) == list(w.personal_dictionary or ())
            assert quick.default_workspace_id(w.id) == default_workspace(s, w.id).id
        assert quick.default_workspace_id(None) == default_workspace(s).id
        assert quick.default_workspace_id(99999) == default_workspace(s, 99999).id


def test_archived_preferred_workspace_is_not_chosen(demo_db) -> None:
    with demo_db.session() as s:
        extra = create_workspace(s, "Archivé")
        archive_workspace(s, extra.id)
        extra_id = extra.id
    reader = QuickRead.open(demo_db.url)
    assert reader is not None
    try:
        with demo_db.session() as s:
            assert reader.default_workspace_id(extra_id) == default_workspace(s, extra_id).id != extra_id
            assert extra_id not in [w[0] for w in reader.workspaces()]
    finally:
        reader.close()


def test_article_and_media_match_the_orm(demo_db, quick) -> None:
    with demo_db.session() as s:
        workspace_id = default_workspace(s).id
        ids = [a.id for a in list_articles(s, workspace_id)] + [a.id for a in list_articles(s, workspace_id, ArticleQuery(trashed=True))]
        for article_id in ids:
            article = get_article(s, article_id)
            record = quick.article(article_id)
            assert record is not None
            for name in ARTICLE_COLUMNS:
                assert getattr(record, name) == getattr(article, name), name
        media = s.query(MediaAsset).filter_by(workspace_id=workspace_id).order_by(MediaAsset.id).all()
        assert [(m.id, m.sha256, m.original_name, m.alt_text) for m in quick.media(workspace_id)] == [
            (m.id, m.sha256, m.original_name, m.alt_text) for m in media
        ]
        assert media, "the demo has pictures"
    assert quick.article(10**9) is None


def test_only_current_sqlite_files_with_a_workspace_are_read(tmp_path: Path) -> None:
    assert QuickRead.open(f"sqlite:///{tmp_path / 'missing.sqlite3'}") is None
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database", encoding="utf-8")
    assert QuickRead.open(str(text)) is None
    assert text.read_text(encoding="utf-8") == "not a database"

    empty = tmp_path / "empty.sqlite3"
    open_database(str(empty)).close()
    assert QuickRead.open(str(empty)) is None  # no workspace yet: the first run fills demo content

    db = open_database(str(tmp_path / "w.sqlite3"))
    with db.session() as s:
        create_workspace(s, "Atelier")
    db.close()
    reader = QuickRead.open(str(tmp_path / "w.sqlite3"))
    assert reader is not None
    reader.close()

    conn = sqlite3.connect(tmp_path / "w.sqlite3")
    conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.commit()
    conn.close()
    assert QuickRead.open(str(tmp_path / "w.sqlite3")) is None  # older: migrations run first


def test_only_plain_sqlite_urls_are_taken(tmp_path: Path) -> None:
    assert sqlite_file("postgresql://u:p@localhost/x") is None
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file(f"sqlite:///{tmp_path}/a.db?mode=ro") is None
    assert sqlite_file(f"sqlite:///{tmp_path}/a%20b.db") is None
    assert sqlite_file(f"sqlite:///{tmp_path}/a.db") == tmp_path / "a.db"
    assert sqlite_file(str(tmp_path / "b.db")) == (tmp_path / "b.db").resolve()


def test_the_start_up_reader_does_not_load_sqlalchemy() -> None:
    code = (
        "import sys; import cmstudio.core.quickread, cmstudio.core.db, cmstudio.core.article_rows; "
        "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"

