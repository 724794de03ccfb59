"""Demo pictures drawn with Pillow: soft gradients with a few shapes, like product photos."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

from cmstudio.core.demo.corpus import IMAGE_PALETTES


def demo_image(index: int, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A deterministic JPEG for palette `index`."""
    top, bottom = IMAGE_PALETTES[index % len(IMAGE_PALETTES)]
    rng = random.Random(index)
    width, height = size
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), gradient)
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        radius = rng.randint(height // 12, height // 4)
        x, y = rng.randint(0, width), rng.randint(0, height)
        shade = tuple(min(255, c + rng.randint(10, 60)) for c in top)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=shade)
    image = image.filter(ImageFilter.GaussianBlur(6))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()
