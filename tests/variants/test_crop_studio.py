"""Crop frames locked to ratios, focal point, and renditions made in a worker under byte limits."""

from __future__ import annotations

import io
import os
import random
import threading

from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from sqlalchemy import select

from cmstudio.core.media import MediaStore
from cmstudio.core.models import Article, MediaAsset, Variant, VariantMedia
from cmstudio.core.networks import get_profile
from cmstudio.core.variants_service import attach_media, create_drafts, crop_ratios
from cmstudio.variants.crop_canvas import CropCanvas, ratio_box
from cmstudio.variants.crop_studio import CropStudio
from cmstudio.variants.render_worker import ImageHub


def _canvas(qtbot, network: str = "instagram_feed") -> CropCanvas:
    canvas = CropCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(640, 480)
    canvas.set_ratios(crop_ratios(get_profile(network)))
    canvas.set_image(None, 1600, 1200)
    canvas.show()
    return canvas


def _view_point(canvas: CropCanvas, x: float, y: float) -> QPoint:
    rect, scale = canvas._view_rect(), canvas._scale()
    return QPointF(rect.left() + x * scale, rect.top() + y * scale).toPoint()


def test_default_frames_have_their_ratio_and_follow_the_focal_point(qtbot) -> None:
    canvas = _canvas(qtbot)
    for ratio in crop_ratios(get_profile("instagram_feed")):
        left, top, right, bottom = canvas.box(ratio.label)
        assert abs((right - left) / (bottom - top) - ratio.ratio) < 0.01
        assert 0 <= left < right <= 1600 and 0 <= top < bottom <= 1200
    canvas.set_focal(0.0, 0.5)
    assert canvas.box("4:5")[0] == 0
    canvas.set_focal(1.0, 0.5)
    assert canvas.box("4:5")[2] == 1600


def test_dragging_a_corner_keeps_the_ratio_and_stays_inside(qtbot) -> None:
    canvas = _canvas(qtbot)
    canvas.set_active("4:5")
    left, top, right, bottom = canvas.box("4:5")
    changes: list[tuple[str, object]] = []
    canvas.cropChanged.connect(lambda label, box: changes.append((label, box)))
    start = _view_point(canvas, right, bottom)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    for x, y in ((right - 200, bottom - 50), (right - 400, bottom - 300)):
        qtbot.mouseMove(canvas, _view_point(canvas, x, y))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=_view_point(canvas, right - 400, bottom - 300))
    new = canvas.box("4:5")
    assert changes and changes[-1][0] == "4:5"
    assert (new[0], new[1]) == (left, top)  # the opposite corner stays put
    assert new[2] < right
    assert abs((new[2] - new[0]) / (new[3] - new[1]) - 0.8) < 0.01
    # Pulling far outside the image clamps the frame to the image, still 4:5.
    canvas.resize_box("4:5", 2, (5000.0, 5000.0))
    l2, t2, r2, b2 = canvas.box("4:5")
    assert r2 <= 1600 and b2 <= 1200
    assert abs((r2 - l2) / (b2 - t2) - 0.8) < 0.01


def test_moving_a_frame_is_clamped_and_keeps_its_size(qtbot) -> None:
    canvas = _canvas(qtbot, "x")
    canvas.set_active("1:1")
    left, top, right, bottom = canvas.box("1:1")
    canvas.move_box("1:1", -10_000, 0)
    assert canvas.box("1:1") == (0, top, right - left, bottom)
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.box("1:1")[0] == 16  # 1 % of the width per arrow press


def test_ratio_box_helper() -> None:
    box = ratio_box(16 / 9, (0.0, 0.0), (100.0, 900.0), (1600, 1200))
    width, height = box[2] - box[0], box[3] - box[1]
    assert abs(width / height - 16 / 9) < 1e-6 and width <= 1600 and height <= 1200


def _noisy_jpeg(width: int, height: int) -> bytes:
    rng = random.Random(3)
    image = Image.frombytes(
        "RGB", (width, height), bytes(rng.getrandbits(8) for _ in range(width * height * 3))
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=98)
    return buffer.getvalue()


def test_rendition_is_made_in_a_worker_under_the_byte_limit(built, qtbot) -> None:
    studio = built.studio
    data = _noisy_jpeg(2400, 1800)
    assert len(data) > 1_000_000  # random noise cannot fit Bluesky's limit without re-encoding
    stored = MediaStore(studio.db.media_dir).add(data, original_name="bruit.jpg")
    with studio.session() as session:
        article = session.scalars(select(Article).where(Article.workspace_id == studio.workspace_id)).first()
        asset = MediaAsset(
            workspace_id=studio.workspace_id,
            sha256=stored.sha256,
            original_name="bruit.jpg",
            width=2400,
            height=1800,
            size=len(data),
        )
        session.add(asset)
        session.flush()
        variant = create_drafts(session, studio.workspace_id, article.id, ["bluesky"])[0]
        for link in list(variant.media):
            variant.media.remove(link)
        session.flush()
        link = attach_media(session, variant.id, asset.id, alt_text="Du bruit")
        variant_id, link_id = variant.id, link.id
    hub = ImageHub()
    crop = CropStudio(studio, hub)
    qtbot.addWidget(crop)
    crop.resize(520, 760)
    crop.show()
    threads: list[threading.Thread] = []
    # Direct connection: the slot runs in the thread that emits, i.e. where the rendition was made.
    hub._signals.rendered.connect(
        lambda *_: threads.append(threading.current_thread()), type=Qt.ConnectionType.DirectConnection
    )
    with qtbot.waitSignal(crop.renditionReady, timeout=60_000) as blocker:
        crop.set_variant(variant_id)
    info = blocker.args[0]
    assert info.size == len(info.data) <= 1_000_000
    assert info.max_bytes == 1_000_000
    assert info.format in ("jpeg", "webp", "png")
    # The direct slot runs in the worker just after it queued the result for the UI thread, so it
    # may finish after renditionReady arrived: wait for it rather than race it.
    qtbot.waitUntil(lambda: bool(threads), timeout=5_000)
    assert threads and threads[0] is not threading.main_thread()  # made off the UI thread
    rendered = Image.open(io.BytesIO(info.data))
    assert rendered.size == (info.width, info.height)
    assert "exif" not in rendered.info
    assert "of" in crop.rendition.text() and "✓" in crop.rendition.text()
    # The alt text counter follows Bluesky's limit, and the crop is saved as JSON.
    assert crop.alt_counter.text().endswith("2,000") or crop.alt_counter.text().endswith("2000")
    crop.choose_ratio(crop.ratios[-1].label)
    crop.save()
    with studio.session() as session:
        saved = session.get(VariantMedia, link_id)
        assert saved.crop["ratio"] == crop.ratios[-1].label
        left, top, right, bottom = saved.crop["box"]
        assert abs((right - left) / (bottom - top) - crop.ratios[-1].ratio) < 0.01
        assert saved.alt_text == "Du bruit"
        assert session.get(Variant, variant_id).media[0].id == link_id
    assert os.path.getsize(stored.path) == len(data)
