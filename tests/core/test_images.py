"""Opening real image files safely and encoding renditions under byte limits."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image

from cmstudio.core.images import (
    MAX_PIXELS,
    ImageError,
    crop_box,
    has_transparency,
    open_image,
    render_variant,
    thumbnail,
)


def photo(width: int, height: int) -> Image.Image:
    """A detailed picture (fractal + gradient) that does not compress to nothing."""
    base = Image.effect_mandelbrot((width, height), (-2.2, -1.2, 0.8, 1.2), 60).convert("L")
    noise = Image.effect_noise((width, height), 40)
    return Image.merge("RGB", (base, noise, Image.linear_gradient("L").resize((width, height))))


def exif_with_orientation_and_gps(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (48.0, 51.0, 24.0)
    gps[3] = "E"
    gps[4] = (2.0, 21.0, 7.0)
    return exif.tobytes()


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    img = Image.new("RGB", (40, 20), "white")
    img.paste((255, 0, 0), (0, 0, 10, 20))  # red band on the stored image's left edge
    path = tmp_path / "rotated.jpg"
    img.save(path, exif=exif_with_orientation_and_gps(6), quality=95)
    opened = open_image(path)
    # Orientation 6 = rotate 90° clockwise to display: 20×40, the left band becomes the top band.
    assert opened.size == (20, 40)
    top = opened.getpixel((10, 2))
    bottom = opened.getpixel((10, 37))
    assert top[0] > 200 and top[1] < 60
    assert bottom == pytest.approx((255, 255, 255), abs=10)
    assert opened.mode == "RGB"
    assert "exif" not in opened.info


def test_png_with_alpha_stays_rgba(tmp_path: Path) -> None:
    img = Image.new("RGBA", (30, 30), (0, 0, 255, 0))
    img.paste((0, 0, 255, 255), (10, 10, 20, 20))
    path = tmp_path / "logo.png"
    img.save(path)
    opened = open_image(path)
    assert opened.mode == "RGBA"
    assert has_transparency(opened)
    assert opened.getpixel((0, 0))[3] == 0


def test_palette_and_grayscale_images_become_rgb(tmp_path: Path) -> None:
    gray = tmp_path / "gray.png"
    Image.linear_gradient("L").save(gray)
    assert open_image(gray).mode == "RGB"
    wide = tmp_path / "deep.png"
    Image.linear_gradient("L").convert("I").point(lambda v: v * 257).convert("I;16").save(wide)
    assert Image.open(wide).mode.startswith("I")
    deep = open_image(wide)
    assert deep.mode == "RGB"
    # 16-bit values are scaled to 8 bits, not clipped: mid-grey stays mid-grey.
    assert deep.getpixel((0, 128))[0] == pytest.approx(128, abs=2)
    assert deep.getpixel((0, 255))[0] == pytest.approx(255, abs=1)
    palette = tmp_path / "palette.gif"
    pal = Image.new("P", (10, 10), 0)
    pal.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    pal.paste(1, (5, 0, 10, 10))
    pal.save(palette, transparency=0)
    opened = open_image(palette)
    assert opened.mode == "RGBA"
    assert opened.getpixel((0, 0))[3] == 0 and opened.getpixel((7, 5)) == (255, 0, 0, 255)


def test_heic_written_with_pillow_heif(tmp_path: Path) -> None:
    pillow_heif.register_heif_opener()
    path = tmp_path / "IMG_0001.HEIC"
    photo(64, 48).save(path, format="HEIF", quality=90)
    opened = open_image(path)
    assert opened.size == (64, 48)
    assert opened.mode == "RGB"


def test_icc_tagged_and_cmyk_images_become_plain_srgb(tmp_path: Path) -> None:
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    tagged = tmp_path / "tagged.jpg"
    Image.new("RGB", (8, 8), (200, 100, 50)).save(tagged, icc_profile=srgb, quality=100)
    opened = open_image(tagged)
    assert opened.getpixel((4, 4)) == pytest.approx((200, 100, 50), abs=3)
    assert "icc_profile" not in opened.info
    cmyk = tmp_path / "print.jpg"
    Image.new("CMYK", (8, 8), (0, 255, 255, 0)).save(cmyk, quality=100)
    red = open_image(cmyk)
    assert red.mode == "RGB"
    assert red.getpixel((4, 4)) == pytest.approx((255, 0, 0), abs=8)


def test_truncated_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.jpg"
    buf = io.BytesIO()
    photo(200, 200).save(buf, "JPEG", quality=90)
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(ImageError, match=r"“cut\.jpg” is not a readable image"):
        open_image(path)


def test_text_file_renamed_jpg(tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("Ceci n'est pas une image.\n", encoding="utf-8")
    with pytest.raises(ImageError, match=r"“notes\.jpg” is not a readable image.*not recognised"):
        open_image(path)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(ImageError, match="empty"):
        open_image(empty)
    with pytest.raises(ImageError, match="empty"):
        open_image(b"", name="paste.png")
    with pytest.raises(ImageError, match="missing.png"):
        open_image(tmp_path / "missing.png")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


@pytest.mark.parametrize("side", [9_000, 60_000])
def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path, side: int) -> None:
    # A tiny PNG that declares side×side pixels (81 MP and 3.6 GP): it must never be decoded.
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(
        b"IDAT", zlib.compress(b"\x00" * 1000)) + _png_chunk(b"IEND", b"")
    path = tmp_path / "bomb.png"
    path.write_bytes(data)
    assert side * side > MAX_PIXELS
    with pytest.raises(ImageError, match=r"“bomb\.png” is not a readable image"):
        open_image(path)


def test_crop_box_geometry() -> None:
    assert crop_box(4000, 3000, 1.0) == (500, 0, 3500, 3000)
    assert crop_box(4000, 3000, 1.0, (0.0, 0.5)) == (0, 0, 3000, 3000)
    assert crop_box(4000, 3000, 1.0, (0.95, 0.2)) == (1000, 0, 4000, 3000)
    assert crop_box(1000, 1000, 16 / 9) == (0, 219, 1000, 781)
    assert crop_box(1000, 1000, 16 / 9, (0.5, 0.0)) == (0, 0, 1000, 562)
    left, top, right, bottom = crop_box(3024, 4032, 4 / 5, (0.3, 0.7))
    assert abs((right - left) / (bottom - top) - 0.8) < 0.001
    assert 0 <= left and right <= 3024 and 0 <= top and bottom <= 4032
    with pytest.raises(ValueError):
        crop_box(100, 100, 0)
    with pytest.raises(ValueError):
        crop_box(100, 100, 1.0, (1.5, 0.5))


def test_render_variant_jpeg_under_limit_without_metadata(tmp_path: Path) -> None:
    path = tmp_path / "phone.jpg"
    photo(1600, 1200).save(path, exif=exif_with_orientation_and_gps(1), quality=97)
    assert Image.open(path).getexif().get_ifd(0x8825)  # the source does carry GPS
    img = open_image(path)
    limit = 120_000
    out = render_variant(img, 4 / 5, (1080, 1350), limit, ["jpeg", "png"])
    assert out.format == "jpeg" and out.mime == "image/jpeg"
    assert len(out.data) <= limit
    decoded = Image.open(io.BytesIO(out.data))
    assert decoded.format == "JPEG"
    assert decoded.size == (out.width, out.height)
    assert abs(out.width / out.height - 0.8) < 0.01
    assert out.width <= 1080 and out.height <= 1350
    assert len(decoded.getexif()) == 0
    assert "exif" not in decoded.info and "icc_profile" not in decoded.info


def test_render_variant_downscales_when_quality_is_not_enough() -> None:
    img = photo(2000, 2000)
    out = render_variant(img, 1.0, (2000, 2000), 40_000, ["jpeg"])
    assert len(out.data) <= 40_000
    assert out.width < 2000 and out.width == out.height


def test_render_variant_never_upscales() -> None:
    out = render_variant(photo(300, 200), 1.5, (1200, 800), 5_000_000, ["jpeg"])
    assert (out.width, out.height) == (300, 200)


def test_render_variant_keeps_png_for_transparency() -> None:
    img = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    img.paste((220, 30, 30, 255), (100, 100, 300, 300))
    out = render_variant(img, None, None, 1_000_000, ["jpeg", "png"])
    assert out.format == "png"
    assert Image.open(io.BytesIO(out.data)).mode == "RGBA"
    flat = render_variant(img, None, None, 1_000_000, ["jpeg"])
    assert flat.format == "jpeg"
    assert Image.open(io.BytesIO(flat.data)).getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=3)


def test_render_variant_png_shrinks_to_fit() -> None:
    img = photo(800, 800).convert("RGBA")
    img.putalpha(Image.linear_gradient("L").resize((800, 800)))
    out = render_variant(img, None, None, 150_000, ["png"])
    assert out.format == "png" and len(out.data) <= 150_000
    assert out.width < 800


def test_render_variant_errors() -> None:
    img = photo(100, 100)
    with pytest.raises(ImageError, match="format"):
        render_variant(img, None, None, 100_000, ["tiff"])
    with pytest.raises(ImageError, match="too small"):
        render_variant(img, None, None, 10, ["jpeg"])


def test_thumbnail_fits_and_keeps_ratio() -> None:
    thumb = thumbnail(photo(1000, 500), (200, 200))
    assert thumb.size == (200, 100)
    small = thumbnail(photo(50, 40), (200, 200))
    assert small.size == (50, 40)


def test_oversized_jpeg_is_decoded_at_reduced_scale(tmp_path: Path) -> None:
    path = tmp_path / "70mp.jpg"
    Image.new("L", (10_000, 7_000), 128).save(path, quality=50)
    opened = open_image(path)
    assert opened.width * opened.height <= MAX_PIXELS
    assert opened.size == (5_000, 3_500)


def test_far_too_large_jpeg_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "130mp.jpg"
    Image.new("L", (13_000, 10_000), 0).save(path, quality=30)
    with pytest.raises(ImageError, match=r"“130mp\.jpg” is not a readable image"):
        open_image(path)
