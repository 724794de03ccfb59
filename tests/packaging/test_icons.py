"""The application icon: every hicolor size exists as a square PNG, up to date with the SVG source."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "fr.cmstudio.CMStudio"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def load_make_icons():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "packaging" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", SIZES)
def test_every_hicolor_size_is_a_square_png_with_transparent_corners(size: int) -> None:
    path = ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (size, size)
        rgba = image.convert("RGBA")
    assert rgba.getpixel((0, 0))[3] == 0, "the rounded corners are transparent"
    centre = rgba.getpixel((size // 2, size // 2))
    assert centre[3] == 255, "the middle of the icon is opaque"


def test_the_script_lists_the_same_sizes_and_finds_nothing_wrong() -> None:
    make_icons = load_make_icons()
    assert tuple(make_icons.SIZES) == SIZES
    assert make_icons.problems() == []


def test_committed_pngs_match_a_fresh_rendering_of_the_svg(tmp_path: Path, qapp) -> None:
    make_icons = load_make_icons()
    for size in (16, 48, 256):
        fresh = tmp_path / f"{size}.png"
        make_icons.render(make_icons.SOURCE, size, fresh)
        with Image.open(fresh) as new, Image.open(make_icons.png_path(size)) as old:
            difference = ImageChops.difference(new.convert("RGBA"), old.convert("RGBA"))
        worst_channel_mean = max(ImageStat.Stat(difference).mean)
        assert worst_channel_mean < 2, f"{size}px differs from the SVG: run packaging/make_icons.py"


def test_the_package_ships_the_icon_and_the_app_uses_it(qapp) -> None:
    from cmstudio.ui.about import ICON_DIR, app_icon
    from cmstudio.ui.app import ensure_app

    assert (ICON_DIR / "cmstudio.svg").read_bytes() == (ROOT / "resources" / "icons" / f"{APP_ID}.svg").read_bytes()
    with Image.open(ICON_DIR / "cmstudio-256.png") as png:
        assert png.size == (256, 256)
    assert not app_icon().isNull()
    app = ensure_app()
    assert not app.windowIcon().isNull()
    assert app.windowIcon().pixmap(64, 64).width() == 64


def test_windows_icon_holds_the_usual_frames() -> None:
    with Image.open(ROOT / "resources" / "icons" / f"{APP_ID}.ico") as ico:
        assert ico.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
