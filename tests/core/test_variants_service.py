"""Variant services on a real migrated SQLite database with demo content (no Qt)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from cmstudio.core.counting import count
from cmstudio.core.models import Account, Article, MediaAsset, Variant, VariantMedia
from cmstudio.core.networks import get_profile
from cmstudio.core.threads import render_thread, split_points
from cmstudio.core.variants_service import (
    VariantError,
    apply_update,
    attach_media,
    create_drafts,
    crop_ratios,
    list_variants,
    media_file,
    offsets_from_parts,
    parse_ratio,
    preview_update,
    profile_for,
    ratio_label,
    rebase_offsets,
    render_spec,
    save_media,
    save_variant,
)


def _article(session, with_media: bool = True) -> Article:
    query = select(Article).where(Article.deleted_at.is_(None)).order_by(Article.id)
    if with_media:
        query = query.where(Article.featured_media_id.is_not(None))
    return session.scalars(query).first()


def test_drafts_fit_each_network_and_carry_the_featured_image(demo_db) -> None:
    networks = [
        "x",
        "bluesky",
        "mastodon",
        "threads",
        "linkedin",
        "facebook",
        "instagram_feed",
        "pinterest",
        "telegram_message",
        "discord",
    ]
    with demo_db.session() as session:
        article = _article(session)
        made = create_drafts(session, article.workspace_id, article.id, networks)
        assert [v.network for v in made] == networks
        for variant in made:
            profile = get_profile(variant.network)
            assert count(profile, variant.text).fits, variant.network
            assert variant.status == "draft"
            assert variant.article_id == article.id
            expected_media = 1 if profile.max_images > 0 else 0
            assert len(variant.media) == expected_media
            if expected_media:
                assert variant.media[0].media_id == article.featured_media_id
        by_network = {v.network: v for v in made}
        assert "utm_source=x" in by_network["x"].text
        link_in_bio = "Lien en bio" if article.language == "fr" else "Link in bio"
        assert link_in_bio in by_network["instagram_feed"].text
        assert "https://" not in by_network["instagram_feed"].text
        listed = list_variants(session, article.workspace_id, article.id)
        assert {v.id for v in made} <= {v.id for v in listed}


def test_unknown_network_writes_nothing(demo_db) -> None:
    with demo_db.session() as session:
        article = _article(session)
        before = len(list_variants(session, article.workspace_id, article.id))
        with pytest.raises(Exception, match="Unknown network"):
            create_drafts(session, article.workspace_id, article.id, ["x", "myspace"])
        assert len(list_variants(session, article.workspace_id, article.id)) == before
        with pytest.raises(VariantError):
            create_drafts(session, article.workspace_id, article.id, [])


def test_save_thread_and_reload_offsets(demo_db) -> None:
    profile = get_profile("x")
    text = " ".join(
        f"Phrase numéro {i} qui parle de réseaux sociaux et de calendrier éditorial." for i in range(12)
    )
    offsets = split_points(text, profile)
    parts = render_thread(text, offsets)
    assert len(parts) > 1
    with demo_db.session() as session:
        article = _article(session)
        variant = create_drafts(session, article.workspace_id, article.id, ["x"])[0]
        save_variant(session, variant.id, text=text, thread_parts=parts, status="ready")
        variant_id = variant.id
    with demo_db.session() as session:
        stored = session.get(Variant, variant_id)
        assert stored.status == "ready"
        assert stored.thread_parts == parts
        assert offsets_from_parts(stored.text, stored.thread_parts) == offsets
        with pytest.raises(VariantError, match="status"):
            save_variant(session, variant_id, status="almost")


def test_linkedin_refuses_a_thread(demo_db) -> None:
    with demo_db.session() as session:
        article = _article(session)
        variant = create_drafts(session, article.workspace_id, article.id, ["linkedin"])[0]
        with pytest.raises(VariantError, match="threads"):
            save_variant(session, variant.id, thread_parts=["one 1/2", "two 2/2"])


def test_update_from_article_shows_the_diff_before_applying(demo_db) -> None:
    with demo_db.session() as session:
        article = _article(session)
        variant = create_drafts(session, article.workspace_id, article.id, ["mastodon"])[0]
        variant_id = variant.id
        old_title = article.title
        article.title = old_title + " : édition révisée"
        session.flush()
        update = preview_update(session, variant_id)
        assert update.changed
        assert session.get(Variant, variant_id).text == update.old_text  # nothing applied yet
        inserted = "".join(op.new for op in update.ops if op.tag in ("insert", "replace"))
        assert "révisée" in inserted
        apply_update(session, update)
        assert session.get(Variant, variant_id).text == update.new_text
        assert "édition révisée" in update.new_text


def test_mastodon_instance_limits_override_defaults(demo_db) -> None:
    instance = {
        "configuration": {
            "statuses": {"max_characters": 5000, "characters_reserved_per_url": 23},
            "media_attachments": {"description_limit": 3000},
        }
    }
    with demo_db.session() as session:
        article = _article(session)
        account = session.scalars(
            select(Account).where(Account.workspace_id == article.workspace_id, Account.network == "mastodon")
        ).first()
        assert profile_for(session, article.workspace_id, "mastodon").text_limit == 500
        account.settings = {**account.settings, "instance": json.dumps(instance)}
        session.flush()
        profile = profile_for(session, article.workspace_id, "mastodon", account.id)
        assert profile.text_limit == 5000
        assert profile.alt_text_limit == 3000
        account.settings = {**account.settings, "instance": "{not json"}
        session.flush()
        assert profile_for(session, article.workspace_id, "mastodon").text_limit == 500


def test_media_crop_alt_and_focal_are_saved(demo_db) -> None:
    with demo_db.session() as session:
        article = _article(session)
        variant = create_drafts(session, article.workspace_id, article.id, ["instagram_feed"])[0]
        link = variant.media[0]
        assert media_file(demo_db.media_dir, link.asset).is_file()
        save_media(
            session,
            link.id,
            crop={"ratio": "4:5", "box": [100, 0, 1060, 1200]},
            alt_text="Un croissant",
            focal=(0.3, 0.6),
        )
        link_id, asset_id = link.id, link.media_id
    with demo_db.session() as session:
        stored = session.get(VariantMedia, link_id)
        assert stored.crop == {"ratio": "4:5", "box": [100, 0, 1060, 1200]}
        assert stored.alt_text == "Un croissant"
        asset = session.get(MediaAsset, asset_id)
        assert (asset.focal_x, asset.focal_y) == (0.3, 0.6)
        for bad in (
            {"ratio": "4:5", "box": [10, 10, 5, 50]},
            {"ratio": "wide", "box": [0, 0, 5, 5]},
            {"ratio": "4:5", "box": [0, 0, 5]},
        ):
            with pytest.raises(VariantError):
                save_media(session, link_id, crop=bad)
        with pytest.raises(VariantError, match="focal"):
            save_media(session, link_id, focal=(1.5, 0.2))


def test_attach_media_respects_the_network_image_count(demo_db) -> None:
    with demo_db.session() as session:
        article = _article(session)
        variant = create_drafts(session, article.workspace_id, article.id, ["instagram_story"])[0]
        assert len(variant.media) == 1
        other = session.scalars(
            select(MediaAsset).where(
                MediaAsset.workspace_id == article.workspace_id, MediaAsset.id != article.featured_media_id
            )
        ).first()
        with pytest.raises(VariantError, match="at most 1"):
            attach_media(session, variant.id, other.id)
        x_variant = create_drafts(session, article.workspace_id, article.id, ["x"])[0]
        link = attach_media(session, x_variant.id, other.id)
        assert link.position == 1 and link.alt_text == other.alt_text


def test_crop_ratios_come_from_recommended_sizes() -> None:
    insta = [r.label for r in crop_ratios(get_profile("instagram_feed"))]
    assert insta == ["4:5", "1:1", "1.91:1"]
    assert [r.label for r in crop_ratios(get_profile("pinterest"))] == ["2:3", "1:1"]
    assert crop_ratios(get_profile("telegram_message")) == []
    assert ratio_label(16 / 9) == "16:9" and ratio_label(9 / 16) == "9:16"
    assert abs(parse_ratio("1.91:1") - 1.91) < 1e-9
    with pytest.raises(VariantError):
        parse_ratio("4:0")
    target, max_bytes, formats = render_spec(get_profile("bluesky"), crop_ratios(get_profile("bluesky"))[0])
    assert max_bytes == 1_000_000 and target == (2000, 2000) and "gif" not in formats


def test_rebase_offsets_follows_edits() -> None:
    old = "Alpha beta. Gamma delta. Epsilon zeta."
    offsets = [12, 25]
    assert old[12:].startswith("Gamma") and old[25:].startswith("Epsilon")
    inserted = "Alpha beta beta. Gamma delta. Epsilon zeta."
    moved = rebase_offsets(old, inserted, offsets)
    assert inserted[moved[0] :].startswith("Gamma") and inserted[moved[1] :].startswith("Epsilon")
    removed = "Alpha. Gamma delta. Epsilon zeta."
    moved = rebase_offsets(old, removed, offsets)
    assert removed[moved[1] :].startswith("Epsilon")
    assert rebase_offsets(old, "", offsets) == []
