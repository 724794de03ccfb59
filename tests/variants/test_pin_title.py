"""Pinterest's pin title: drafted from the article, counted, saved, and sent with the post."""

from __future__ import annotations

from sqlalchemy import select

from cmstudio.core.models import Account, Article, Variant
from cmstudio.core.networks import get_profile
from cmstudio.core.variants_service import create_drafts, save_variant


def _article(session, workspace_id: int | None = None) -> Article:
    query = select(Article).where(Article.featured_media_id.is_not(None), Article.deleted_at.is_(None))
    if workspace_id is not None:
        query = query.where(Article.workspace_id == workspace_id)
    return session.scalars(query.order_by(Article.id)).first()


def test_pin_title_is_drafted_saved_and_reaches_the_payload(demo_db) -> None:
    from cmstudio.publish.engine import schedule
    from cmstudio.publish.outbox import build_payload

    limit = get_profile("pinterest").title_limit
    with demo_db.session() as session:
        article = _article(session)
        pin = create_drafts(session, article.workspace_id, article.id, ["pinterest"])[0]
        assert pin.title and len(pin.title) <= limit
        assert article.title.startswith(pin.title.rstrip("…"))
        save_variant(session, pin.id, title="  Galettes : notre guide  ")
        account = Account(workspace_id=article.workspace_id, connector_id="manual", network="pinterest",
                          name="Pinterest")
        session.add(account)
        session.flush()
        pub = schedule(session, account_id=account.id, variant_id=pin.id)
        payload = build_payload(session, pub, demo_db.media_dir)
        assert session.get(Variant, pin.id).title == "Galettes : notre guide"
    assert payload.title == "Galettes : notre guide"


def test_composer_shows_a_counted_title_only_for_pinterest(built, qtbot) -> None:
    view = built.window.show_section("variants")
    with built.studio.session() as session:
        article = _article(session, built.studio.workspace_id)
        made = create_drafts(session, built.studio.workspace_id, article.id, ["pinterest", "x"])
        pin_id, x_id, article_id = made[0].id, made[1].id, article.id
    view.select_article(article_id)
    pin, post = view.card(pin_id), view.card(x_id)
    assert pin is not None and post is not None
    assert pin.title_edit.isVisibleTo(pin) and not post.title_edit.isVisibleTo(post)
    too_long = "x" * (get_profile("pinterest").title_limit + 3)
    pin.title_edit.setText(too_long)
    assert pin.title_count.text().startswith(f"{len(too_long)} /")
    assert view.save_card(pin_id)
    with built.studio.session() as session:
        assert session.get(Variant, pin_id).title == too_long
