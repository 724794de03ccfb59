"""Crop geometry: the largest box of a given aspect ratio around a focal point."""

from __future__ import annotations

import math


def crop_box(
    width: int, height: int, ratio: float, focal: tuple[float, float] = (0.5, 0.5)
) -> tuple[int, int, int, int]:
    """Largest ``(left, top, right, bottom)`` box of ``ratio`` = width / height inside the image.

    The box is centred on ``focal`` (fractions of width and height, (0, 0) = top left) and then
    pushed back inside the image, so a focal point near an edge gives a box touching that edge.
    """
    if width < 1 or height < 1:
        raise ValueError(f"An image of {width}×{height} pixels cannot be cropped.")
    if not (isinstance(ratio, int | float) and math.isfinite(ratio) and ratio > 0):
        raise ValueError(f"The aspect ratio must be a positive number, not {ratio!r}.")
    fx, fy = focal
    if not (0.0 <= fx <= 1.0 and 0.0 <= fy <= 1.0):
        raise ValueError(f"The focal point must lie inside the image (0–1 on each axis), not {focal!r}.")
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
        raise ValueError(f"A target size of {bw}×{bh} pixels is not usable.")
    scale = min(bw / width, bh / height, 1.0)
    if scale >= 1.0:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))
