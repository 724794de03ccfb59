"""Crop geometry: the largest box of a given aspect ratio around a focal point, and where that
point goes when the user has set none (the most detailed part of the image)."""

from __future__ import annotations

import math

from PIL import Image, ImageFilter

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _

# Side of the thumbnail the detail map is computed on: enough to tell a face from a blank sky,
# small enough that the whole search costs a few milliseconds.
_DETAIL_SIDE = 96
# The searched window is this fraction of the image's shorter side: about the frame a square crop
# of a landscape photo keeps, so the window with the most detail is where such a frame should sit.
_DETAIL_WINDOW = 0.5


class CropError(UserError, ValueError):
    """A crop or focal point cannot be computed for this image."""


def crop_box(
    width: int, height: int, ratio: float, focal: tuple[float, float] = (0.5, 0.5)
) -> tuple[int, int, int, int]:
    """Largest ``(left, top, right, bottom)`` box of ``ratio`` = width / height inside the image.

    The box is centred on ``focal`` (fractions of width and height, (0, 0) = top left) and then
    pushed back inside the image, so a focal point near an edge gives a box touching that edge.
    """
    if width < 1 or height < 1:
        raise ValueError(_(
            "An image of {width}×{height} pixels cannot be cropped.",
            width=width, height=height,
        ))
    if not (isinstance(ratio, int | float) and math.isfinite(ratio) and ratio > 0):
        raise ValueError(_("The aspect ratio must be a positive number, not {ratio!r}.", ratio=ratio))
    fx, fy = focal
    if not (0.0 <= fx <= 1.0 and 0.0 <= fy <= 1.0):
        raise ValueError(_(
            "The focal point must lie inside the image (0–1 on each axis), not {focal!r}.",
            focal=focal,
        ))
    if width / height > ratio:
        crop_h = height
        crop_w = max(1, min(width, round(height * ratio)))
    else:
        crop_w = width
        crop_h = max(1, min(height, round(width / ratio)))
    left = _place(fx * width, crop_w, width)
    top = _place(fy * height, crop_h, height)
    return left, top, left + crop_w, top + crop_h


def _place(centre: float, size: int, limit: int) -> int:
    start = round(centre - size / 2)
    return max(0, min(start, limit - size))


def fit_within(width: int, height: int, box: tuple[int, int]) -> tuple[int, int]:
    """Size of ``width × height`` scaled to fit in ``box`` keeping its ratio, never enlarged."""
    bw, bh = box
    if bw < 1 or bh < 1:
        raise ValueError(_("A target size of {bw}×{bh} pixels is not usable.", bw=bw, bh=bh))
    scale = min(bw / width, bh / height, 1.0)
    if scale >= 1.0:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def detail_focus(image: Image.Image) -> tuple[float, float]:
    """The centre of the most detailed region of ``image``, as fractions of width and height.

    The image is reduced to a small greyscale copy, its edge magnitude taken with Pillow's
    FIND_EDGES filter, and the square window (half the shorter side) holding the largest sum of
    edges is found with a summed-area table; its centre is returned. A flat image gives the centre
    (0.5, 0.5); among equally detailed windows the one nearest the centre wins. Transparent parts
    count as white, as they are shown. Pure Pillow: meant to run off the UI thread.
    """
    if not isinstance(image, Image.Image):
        raise CropError(_("The most detailed region can only be found in an image."))
    if image.width < 1 or image.height < 1:
        raise CropError(_(
            "An image of {width}×{height} pixels has no detail to find.",
            width=image.width, height=image.height,
        ))
    grey = _small_grey(image)
    width, height = grey.size
    if width < 3 or height < 3:
        return 0.5, 0.5
    # FIND_EDGES leaves the outermost pixels as they were: they are not edges, so they count 0.
    edges = grey.filter(ImageFilter.FIND_EDGES).crop((1, 1, width - 1, height - 1))
    table = _summed_area(list(edges.tobytes()), width - 2, height - 2)
    side = max(1, min(width - 2, height - 2, round(min(width, height) * _DETAIL_WINDOW)))
    cx, cy = (width - 2 - side) / 2, (height - 2 - side) / 2
    best, best_key, at = 0, (0.0,), (0, 0)
    for top in range(height - 2 - side + 1):
        upper, lower = table[top], table[top + side]
        for left in range(width - 2 - side + 1):
            total = lower[left + side] - lower[left] - upper[left + side] + upper[left]
            key = (-total, (left - cx) ** 2 + (top - cy) ** 2)
            if total > best or (total == best and total and key < best_key):
                best, best_key, at = total, key, (left, top)
    if best == 0:
        return 0.5, 0.5
    # +1 for the blank border cropped away; the window's centre as a fraction of the image.
    return (at[0] + 1 + side / 2) / width, (at[1] + 1 + side / 2) / height


def _summed_area(values: list[int], width: int, height: int) -> list[list[int]]:
    """table[y][x] = sum of values above and left of (x, y), exclusive; one extra row and column."""
    table = [[0] * (width + 1)]
    for y in range(height):
        row, previous, running = [0], table[-1], 0
        for x in range(width):
            running += values[y * width + x]
            row.append(previous[x + 1] + running)
        table.append(row)
    return table


def _small_grey(image: Image.Image) -> Image.Image:
    """A greyscale copy fitting in _DETAIL_SIDE (never enlarged), transparency shown on white."""
    scale = min(1.0, _DETAIL_SIDE / max(image.width, image.height))
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        # Deep (16-bit, integer, float) pixels: stretch their actual range onto 0-255.
        image = (image if image.mode == "F" else image.convert("I")).convert("F")
        low, high = image.getextrema()
        stretch = 255 / (high - low) if high > low else 0.0
        image = image.point(lambda v: (v - low) * stretch).convert("L")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    small = image.resize(size, Image.Resampling.BOX, reducing_gap=2.0) if size != image.size else image
    if small.mode in ("RGBA", "LA"):
        white = Image.new("RGBA", small.size, (255, 255, 255, 255))
        small = Image.alpha_composite(white, small.convert("RGBA"))
    return small.convert("L")
