"""Crop frames and the default focal point (the most detailed region of the image)."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageDraw

from cmstudio.core.crops import CropError, crop_box, detail_focus
from cmstudio.core.errors import UserError


def _busy_patch(size: tuple[int, int], patch: tuple[int, int, int, int], mode: str = "RGB") -> Image.Image:
    """A flat sky-blue picture with small random tiles (lots of edges) inside ``patch``."""
    image = Image.new(mode, size, (120, 160, 200, 255) if mode == "RGBA" else (120, 160, 200))
    draw = ImageDraw.Draw(image)
    rng = random.Random(4)
    left, top, right, bottom = patch
    tile = max(2, (right - left) // 12)
    for _ in range(400):
        x, y = rng.randrange(left, right - tile), rng.randrange(top, bottom - tile)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle((x, y, x + tile, y + tile), fill=colour + ((255,) if mode == "RGBA" else ()))
    return image


@pytest.mark.parametrize(
    ("size", "patch"),
    [
        ((1200, 800), (850, 520, 1150, 760)),  # landscape, detail bottom right
        ((800, 1200), (60, 80, 360, 380)),  # portrait, detail top left
        ((3000, 3000), (1300, 100, 1700, 500)),  # square, detail top centre
    ],
)
def test_detail_focus_lands_on_the_detailed_patch(size: tuple[int, int], patch: tuple[int, int, int, int]) -> None:
    fx, fy = detail_focus(_busy_patch(size, patch))
    x, y = fx * size[0], fy * size[1]
    # Within the patch, give or take a quarter of the searched window (the window is larger than
    # the patch, so any placement covering all of it is as good).
    slack = min(size) * 0.5 / 4
    assert patch[0] - slack <= x <= patch[2] + slack
    assert patch[1] - slack <= y <= patch[3] + slack


def test_default_frame_around_the_detail_contains_it() -> None:
    size, patch = (1200, 800), (900, 300, 1180, 560)
    focus = detail_focus(_busy_patch(size, patch))
    left, top, right, bottom = crop_box(*size, 1.0, focus)
    assert left <= patch[0] and right >= patch[2] and top <= patch[1] and bottom >= patch[3]
    # The centred frame would have missed it.
    assert crop_box(*size, 1.0)[2] < patch[2]


def test_flat_and_tiny_images_keep_the_centre() -> None:
    assert detail_focus(Image.new("RGB", (640, 480), (30, 30, 30))) == (0.5, 0.5)
    assert detail_focus(Image.new("L", (2, 2), 0)) == (0.5, 0.5)
    assert detail_focus(Image.new("RGB", (1, 500), (0, 0, 0))) == (0.5, 0.5)


def test_transparent_pixels_count_as_the_white_they_are_shown_on() -> None:
    # Hidden colour noise under full transparency on the left; real detail, opaque, on the right.
    image = Image.new("RGBA", (600, 400), (255, 255, 255, 0))
    rng = random.Random(2)
    for x in range(0, 250):
        for y in range(0, 400, 3):
            image.putpixel((x, y), (rng.randrange(256), 0, rng.randrange(256), 0))
    opaque = _busy_patch((600, 400), (420, 120, 580, 280), "RGBA").crop((400, 0, 600, 400))
    image.paste(opaque, (400, 0))
    fx, _ = detail_focus(image)
    assert fx > 0.6


def test_other_modes_are_read_too() -> None:
    rgb = _busy_patch((900, 600), (60, 300, 300, 560))
    for converted in (rgb.convert("L"), rgb.convert("P"), rgb.convert("CMYK"), rgb.convert("I")):
        fx, fy = detail_focus(converted)
        assert fx < 0.5 and fy > 0.5, converted.mode
    sixteen = rgb.convert("L").convert("I").point(lambda v: v * 257).convert("I;16")
    assert sixteen.getextrema()[1] > 255
    fx, fy = detail_focus(sixteen)
    assert fx < 0.5 and fy > 0.5


def test_not_an_image_is_a_clear_error() -> None:
    with pytest.raises(CropError, match="image") as info:
        detail_focus(b"not an image")  # type: ignore[arg-type]
    assert isinstance(info.value, UserError)


def test_crop_box_keeps_the_ratio_and_stays_inside() -> None:
    for ratio in (1.0, 0.8, 1.91, 16 / 9, 9 / 16):
        for focal in ((0.0, 0.0), (0.5, 0.5), (1.0, 1.0), (0.9, 0.1)):
            left, top, right, bottom = crop_box(4000, 3000, ratio, focal)
            assert 0 <= left < right <= 4000 and 0 <= top < bottom <= 3000
            assert abs((right - left) / (bottom - top) - ratio) < 0.01
            assert right - left == 4000 or bottom - top == 3000
