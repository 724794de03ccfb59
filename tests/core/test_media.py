"""The content-addressed media store, on real files."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image

from cmstudio.core.media import MediaError, MediaStore


def jpeg_bytes(colour: tuple[int, int, int] = (10, 120, 200), size: tuple[int, int] = (64, 32)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def test_add_bytes_stores_under_hash(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "media")
    data = jpeg_bytes()
    media = store.add(data, original_name="Photo.JPG")
    digest = hashlib.sha256(data).hexdigest()
    assert media.sha256 == digest
    assert media.path == tmp_path / "media" / digest[:2] / f"{digest}.jpg"
    assert media.path.read_bytes() == data
    assert (media.size, media.width, media.height, media.mime) == (len(data), 64, 32, "image/jpeg")
    assert store.exists(digest) and store.exists(digest.upper())
    assert store.path_for(digest) == media.path


def test_same_bytes_are_stored_once(tmp_path: Path) -> None:
    store = MediaStore(tmp_path)
    data = jpeg_bytes()
    source = tmp_path / "copy.jpeg"
    source.write_bytes(data)
    first = store.add(data, original_name="a.jpg")
    mtime = first.path.stat().st_mtime_ns
    second = store.add(source, original_name="copy.jpeg")
    assert second == first
    assert first.path.stat().st_mtime_ns == mtime
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p != source]
    assert files == [first.path]


def test_different_bytes_different_files_and_no_temp_left(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "m")
    a = store.add(jpeg_bytes((255, 0, 0)), original_name="a.jpg")
    b = store.add(jpeg_bytes((0, 255, 0)), original_name="b.jpg")
    assert a.sha256 != b.sha256 and a.path != b.path
    leftovers = [p for p in (tmp_path / "m").rglob(".tmp-*")]
    assert leftovers == []


def test_png_heic_and_orientation_dimensions(tmp_path: Path) -> None:
    store = MediaStore(tmp_path)
    buf = io.BytesIO()
    Image.new("RGBA", (10, 20), (0, 0, 0, 0)).save(buf, "PNG")
    png = store.add(buf.getvalue(), original_name="logo")
    assert (png.path.suffix, png.mime, png.width, png.height) == (".png", "image/png", 10, 20)

    pillow_heif.register_heif_opener()
    heic_path = tmp_path / "IMG_1.HEIC"
    Image.new("RGB", (40, 30), (90, 20, 20)).save(heic_path, format="HEIF")
    heic = store.add(heic_path, original_name="IMG_1.HEIC")
    assert (heic.path.suffix, heic.mime, heic.width, heic.height) == (".heic", "image/heic", 40, 30)

    exif = Image.Exif()
    exif[0x0112] = 8  # rotate 90° counter-clockwise to display
    rotated = io.BytesIO()
    Image.new("RGB", (60, 20), "white").save(rotated, "JPEG", exif=exif.tobytes())
    shown = store.add(rotated.getvalue(), original_name="r.jpg")
    assert (shown.width, shown.height) == (20, 60)


def test_video_is_stored_without_dimensions(tmp_path: Path) -> None:
    # A minimal ISO BMFF header (ftyp box, brand isom) followed by an empty mdat box.
    data = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x00\x00\x08mdat"
    media = MediaStore(tmp_path).add(data, original_name="clip.mp4")
    assert (media.mime, media.path.suffix, media.width, media.height) == ("video/mp4", ".mp4", None, None)


def test_refuses_non_media_and_empty(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "m")
    fake = tmp_path / "fake.jpg"
    fake.write_text("not an image", encoding="utf-8")
    with pytest.raises(MediaError, match="fake.jpg"):
        store.add(fake, original_name="fake.jpg")
    with pytest.raises(MediaError, match="empty"):
        store.add(b"", original_name="vide.png")
    with pytest.raises(MediaError, match="absent.png"):
        store.add(tmp_path / "absent.png", original_name="absent.png")
    assert [p for p in (tmp_path / "m").rglob("*") if p.is_file()] == []


def test_lookup_errors(tmp_path: Path) -> None:
    store = MediaStore(tmp_path)
    assert not store.exists("0" * 64)
    assert not store.exists("../../etc/passwd")
    with pytest.raises(MediaError, match="missing"):
        store.path_for("0" * 64)
    with pytest.raises(MediaError, match="not a SHA-256"):
        store.path_for("../../etc/passwd")


def test_info_describes_a_stored_file_again(tmp_path: Path) -> None:
    store = MediaStore(tmp_path)
    added = store.add(jpeg_bytes(size=(33, 17)), original_name="x.jpg")
    again = MediaStore(tmp_path).info(added.sha256)
    assert again == added
