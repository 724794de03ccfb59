"""Preview contrast and long links, the default crop on the image's detail, and moving thread
split points by clicking a word or from the keyboard."""

from __future__ import annotations

import io
import random
import re

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import select

from cmstudio.core.media import MediaStore
from cmstudio.core.models import Article, MediaAsset, VariantMedia
from cmstudio.core.networks import get_profile
from cmstudio.core.threads import render_thread
from cmstudio.core.variants_service import attach_media, create_drafts
from cmstudio.ui.theme import apply_theme
from cmstudio.variants.composer import VariantComposer, VariantData
from cmstudio.variants.crop_studio import CropStudio
from cmstudio.variants.network_style import _ACCENTS, accent, contrast, ink_on
from cmstudio.variants.preview import ElidedLabel, NetworkPreview, breakable, display_url
from cmstudio.variants.render_worker import ImageHub
from cmstudio.variants.thread_panel import ThreadPanel, part_bounds, place_split

LINK = (
    "https://maison-lumiere.fr/blog/les-reseaux-sociaux-en-2027?utm_source=linkedin"
    "&utm_medium=social&utm_campaign=les-reseaux-sociaux-en-2027-et-au-dela"
)


@pytest.fixture
def dark_theme(qapp):
    apply_theme(qapp, "dark")
    yield
    apply_theme(qapp, "light")


# --- (a) contrast ------------------------------------------------------------------------------

@pytest.mark.parametrize("network", ["x", "threads"])
def test_x_and_threads_avatars_are_dark_on_their_light_dark_theme_circle(qtbot, dark_theme, network) -> None:
    preview = NetworkPreview()
    qtbot.addWidget(preview)
    preview.set_post(get_profile(network), "Maison", "@maison", ["Bonjour"], [])
    avatar = preview.findChild(QLabel, "previewAvatar")
    circle = accent(network)
    assert circle.lightnessF() > 0.8  # the brand's light variant on dark themes
    ink = QColor(re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]+)", avatar.styleSheet()).group(1))
    assert contrast(ink, circle) >= 7.0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_network_colour_gets_readable_ink(qapp, theme) -> None:
    for light, dark in _ACCENTS.values():
        colour = QColor(dark if theme == "dark" else light)
        assert contrast(ink_on(colour), colour) >= 4.5 or contrast(ink_on(colour), colour) >= max(
            contrast(QColor("#111111"), colour), contrast(QColor("#ffffff"), colour)
        )
        assert contrast(ink_on(colour, minimum=3.0), colour) >= 3.0


# --- (b) long links ----------------------------------------------------------------------------

def test_links_are_shortened_as_each_feed_shows_them() -> None:
    # Mastodon: scheme and www. hidden, 30 characters, then an ellipsis.
    assert display_url("https://www.exemple.fr/" + "a" * 40, "mastodon") == "exemple.fr/" + "a" * 19 + "…"
    # Bluesky: host plus 13 characters of a path longer than 15, then "...".
    assert display_url(LINK, "bluesky") == "maison-lumiere.fr/blog/les-res..."
    assert display_url("https://exemple.fr/court", "bluesky") == "exemple.fr/court"
    assert display_url("https://exemple.fr/", "bluesky") == "exemple.fr"
    # X: about 25 characters without the scheme.
    assert display_url(LINK, "x") == LINK[len("https://"):][:25] + "…"
    # Networks that print links in full keep them.
    assert display_url(LINK, "linkedin") == LINK


def test_breakable_only_adds_invisible_break_points_and_never_splits_an_emoji() -> None:
    family = "👩\u200d👩\u200d👧"
    for text in (LINK, "a" * 75, family * 30, "#" + "Réseaux" * 6, "court et simple"):
        broken = breakable(text)
        assert broken.replace("\u200b", "") == text
        assert all(len(run) <= 20 * len(family) for run in broken.split("\u200b"))
        assert family not in broken or all(
            piece.replace(family, "") == "" for piece in broken.split("\u200b") if family in piece
        )
    assert breakable("court et simple") == "court et simple"
    assert max(len(run) for run in breakable(LINK).split("\u200b")) <= 20


@pytest.mark.parametrize("network", ["linkedin", "x", "mastodon", "bluesky", "pinterest"])
def test_a_long_tracking_link_stays_inside_the_preview_card(qtbot, network) -> None:
    preview = NetworkPreview()
    qtbot.addWidget(preview)
    preview.setFixedWidth(310)
    text = f"Notre article : {LINK}\n#CM #Stratégie " + "x" * 60
    preview.set_post(get_profile(network), "Maison Lumière", "@maisonlumiere.bsky.social", [text], [], LINK)
    preview.show()
    qtbot.waitExposed(preview)
    QApplication.processEvents()
    inside = preview.contentsRect()
    labels = [label for label in preview.findChildren(QLabel) if label.isVisible()]
    assert labels
    for label in labels:
        assert label.geometry().right() <= inside.right(), label.objectName() or label.text()[:40]
        assert label.minimumSizeHint().width() <= inside.width()
    handle = preview.findChild(ElidedLabel, "previewHandle")
    assert handle.full_text() == "@maisonlumiere.bsky.social"
    assert handle.toolTip() == "@maisonlumiere.bsky.social"


# --- (c) default crop on the detail ------------------------------------------------------------

def _detail_on_the_right(width: int = 1800, height: int = 1200) -> bytes:
    image = Image.new("RGB", (width, height), (110, 150, 200))
    draw = ImageDraw.Draw(image)
    rng = random.Random(8)
    for _ in range(500):
        x, y = rng.randrange(1350, 1760), rng.randrange(300, 900)
        draw.rectangle((x, y, x + 25, y + 25), fill=tuple(rng.randrange(256) for _ in range(3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _variant_with_image(studio, focal: tuple[float, float]) -> tuple[int, int, int]:
    data = _detail_on_the_right()
    stored = MediaStore(studio.db.media_dir).add(data, original_name="detail.jpg")
    with studio.session() as session:
        article = session.scalars(select(Article).where(Article.workspace_id == studio.workspace_id)).first()
        asset = MediaAsset(
            workspace_id=studio.workspace_id, sha256=stored.sha256, original_name="detail.jpg",
            width=1800, height=1200, size=len(data), focal_x=focal[0], focal_y=focal[1],
        )
        session.add(asset)
        session.flush()
        variant = create_drafts(session, studio.workspace_id, article.id, ["instagram_feed"])[0]
        for link in list(variant.media):
            variant.media.remove(link)
        session.flush()
        link = attach_media(session, variant.id, asset.id, alt_text="Détail")
        return variant.id, link.id, asset.id


def _open(qtbot, studio, variant_id: int) -> CropStudio:
    hub = ImageHub()
    crop = CropStudio(studio, hub)
    qtbot.addWidget(crop)
    crop.resize(520, 760)
    crop.show()
    with qtbot.waitSignal(hub.imageReady, timeout=30_000):
        crop.set_variant(variant_id)
    return crop


def test_without_a_focal_point_frames_sit_on_the_detail(built, qtbot) -> None:
    studio = built.studio
    variant_id, link_id, asset_id = _variant_with_image(studio, (0.5, 0.5))
    crop = _open(qtbot, studio, variant_id)
    fx, fy = crop.canvas.focal()
    assert fx > 0.7 and 0.25 < fy < 0.75  # the busy area is x 1350-1785 of 1800
    assert crop.focal_hint.isVisible()
    left, _top, right, _bottom = crop.canvas.box("1:1")
    assert right == 1800 and left > 0  # the square frame is pushed right, onto the detail
    # Saving the alt text does not turn the computed point into a chosen one.
    crop.alt.setPlainText("Des carrés de couleur")
    crop.save()
    with studio.session() as session:
        asset = session.get(MediaAsset, asset_id)
        assert (asset.focal_x, asset.focal_y) == (0.5, 0.5)
        assert session.get(VariantMedia, link_id).alt_text == "Des carrés de couleur"
    # Clicking the image sets a real focal point: the hint goes and the point is stored.
    rect, scale = crop.canvas._view_rect(), crop.canvas._scale()
    point = rect.topLeft().toPoint()
    point.setX(point.x() + int(100 * scale))
    point.setY(point.y() + int(1100 * scale))
    qtbot.mouseClick(crop.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert not crop.focal_hint.isVisible()
    crop.save()
    with studio.session() as session:
        asset = session.get(MediaAsset, asset_id)
        assert asset.focal_x < 0.2 and asset.focal_y > 0.8


def test_a_chosen_focal_point_wins_over_the_detail(built, qtbot) -> None:
    studio = built.studio
    variant_id, _link_id, _asset_id = _variant_with_image(studio, (0.1, 0.5))
    crop = _open(qtbot, studio, variant_id)
    assert crop.canvas.focal() == (0.1, 0.5)
    assert not crop.focal_hint.isVisible()
    assert crop.canvas.box("1:1")[0] == 0


# --- (d) split points --------------------------------------------------------------------------

TEXT = "Un deux trois quatre. Cinq six sept huit. Neuf dix onze douze."


def test_place_split_moves_the_nearer_split_and_keeps_parts_in_order() -> None:
    offsets = [TEXT.index("Cinq"), TEXT.index("Neuf")]
    # "six" is in part 2, nearer its start: the first split moves there.
    moved, index = place_split(TEXT, offsets, TEXT.index("six"))
    assert (moved, index) == ([TEXT.index("six"), TEXT.index("Neuf")], 0)
    # "huit." is nearer the end of part 2: the second split moves back to it.
    moved, index = place_split(TEXT, offsets, TEXT.index("huit"))
    assert (moved, index) == ([TEXT.index("Cinq"), TEXT.index("huit")], 1)
    # In the first part only the first split can move; in the last, only the last.
    assert place_split(TEXT, offsets, TEXT.index("trois")) == ([TEXT.index("trois"), TEXT.index("Neuf")], 0)
    assert place_split(TEXT, offsets, TEXT.index("onze")) == ([TEXT.index("Cinq"), TEXT.index("onze")], 1)
    # A word that already starts a part, or a place outside the text, changes nothing.
    assert place_split(TEXT, offsets, TEXT.index("Cinq")) == (offsets, None)
    assert place_split(TEXT, offsets, len(TEXT) + 5) == (offsets, None)
    for at in range(len(TEXT)):
        moved, _ = place_split(TEXT, offsets, at)
        assert moved == sorted(moved) and len(render_thread(TEXT, moved)) == 3


def _panel(qtbot) -> ThreadPanel:
    panel = ThreadPanel()
    qtbot.addWidget(panel)
    panel.set_thread(TEXT, [TEXT.index("Cinq"), TEXT.index("Neuf")], get_profile("x"))
    panel.resize(500, 400)
    panel.show()
    return panel


def test_clicking_a_word_starts_a_part_with_it(qtbot) -> None:
    panel = _panel(qtbot)
    label = panel.part_labels[1]
    # Every word of the part is a link to its own offset in the text.
    start, end = part_bounds(TEXT, panel.offsets())[1]
    assert all(f'href="{TEXT.index(w, start)}"' in label.text() for w in TEXT[start:end].split())
    with qtbot.waitSignal(panel.offsetsChanged) as blocker:
        label.linkActivated.emit(str(TEXT.index("huit")))
    # "huit." is nearer the end of its part than its start: the second split comes back to it.
    assert blocker.args[0] == [TEXT.index("Cinq"), TEXT.index("huit")]
    assert panel.parts()[2].startswith("huit. Neuf")


def test_alt_arrows_move_the_split_whose_buttons_have_focus(qtbot) -> None:
    panel = _panel(qtbot)
    qtbot.waitUntil(lambda: panel.move_buttons[1][0].isVisible())
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.move_buttons[1][0].setFocus()
    qtbot.waitUntil(lambda: panel.move_buttons[1][0].hasFocus())
    qtbot.keyClick(panel.move_buttons[1][0], Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert panel.offsets() == [TEXT.index("Cinq"), TEXT.index("huit")]
    # Focus follows the rebuilt buttons, so the key can be pressed again.
    assert panel.move_buttons[1][0].hasFocus()
    qtbot.keyClick(panel.move_buttons[1][0], Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert panel.offsets() == [TEXT.index("Cinq"), TEXT.index("Neuf")]
    assert panel.active_split() == 1


def test_closing_keeps_an_untouched_frame_a_default_one(built, qtbot) -> None:
    studio = built.studio
    variant_id, link_id, _asset_id = _variant_with_image(studio, (0.5, 0.5))
    crop = _open(qtbot, studio, variant_id)
    crop.flush()  # what the view does when the window closes
    with studio.session() as session:
        assert session.get(VariantMedia, link_id).crop is None
    crop.choose_ratio(crop.ratios[-1].label)
    crop.flush()
    with studio.session() as session:
        assert session.get(VariantMedia, link_id).crop["ratio"] == crop.ratios[-1].label


def test_preview_shows_the_default_frame_when_no_crop_is_saved(built, qtbot, tmp_path) -> None:
    data = _detail_on_the_right()
    path = tmp_path / "detail.jpg"
    path.write_bytes(data)
    hub = ImageHub()
    with qtbot.waitSignal(hub.imageReady, timeout=30_000):
        hub.request("detail", path)
    card = VariantComposer(
        VariantData(id=1, network="bluesky", text="Bonjour", offsets=[], status="draft",
                    content_warning="", author="Maison", handle="@maison", media=[("detail", path, None)]),
        get_profile("bluesky"),
        hub,
    )
    qtbot.addWidget(card)
    card.show()
    card.flush_preview()
    shown = card.preview.findChild(QLabel, "previewImage").pixmap()
    assert abs(shown.width() / shown.height() - 1.0) < 0.02  # Bluesky's first frame is 1:1
    # Without a chosen focal point the square sits on the detail, at the right edge...
    assert card._default_box("detail", 1800, 1200)[2] == 1800
    # ...and a chosen one wins.
    card.set_media([("detail", path, None)], {"detail": (0.05, 0.5)})
    assert card._default_box("detail", 1800, 1200)[0] == 0
