"""Content-addressed media store: each distinct file is kept once, named by its SHA-256.

Layout: ``root/ab/abcdef….ext`` where ``ab`` are the first two hex digits of the hash. Writes go
to a temporary file in the same folder and are renamed into place, so a crash never leaves a
half-written media file under its final name. The store knows nothing of the database: the caller
records the returned :class:`StoredMedia` (as a MediaAsset row, for instance).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.images import ImageError, open_image

_CHUNK = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

# Pillow format name → (extension, MIME type).
_IMAGE_TYPES = {
    "JPEG": (".jpg", "image/jpeg"),
    "MPO": (".jpg", "image/jpeg"),
    "PNG": (".png", "image/png"),
    "GIF": (".gif", "image/gif"),
    "WEBP": (".webp", "image/webp"),
    "HEIF": (".heic", "image/heic"),
    "AVIF": (".avif", "image/avif"),
    "TIFF": (".tiff", "image/tiff"),
    "BMP": (".bmp", "image/bmp"),
}


class MediaError(UserError, ValueError):
    """A file cannot be added to, or found in, the media store."""


@dataclass(frozen=True, slots=True)
class StoredMedia:
    """A stored file. Width and height are as displayed (EXIF orientation applied); None for video."""

    sha256: str
    path: Path
    size: int
    width: int | None
    height: int | None
    mime: str


class MediaStore:
    """Media files of one workspace under ``root``."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def add(self, source: Path | str | bytes, *, original_name: str) -> StoredMedia:
        """Store an image (or MP4/MOV/WebM video) once; the same bytes give back the same file."""
        if isinstance(source, bytes | bytearray | memoryview):
            data: bytes | None = bytes(source)
            digest = hashlib.sha256(data).hexdigest()
            size = len(data)
            head = data[:64]
            src_path: Path | None = None
        else:
            data, src_path = None, Path(source)
            digest, size, head = self._hash_file(src_path, original_name)
        if size == 0:
            raise MediaError(_(
                "“{original_name}” is empty and cannot be added to the media library.",
                original_name=original_name,
            ))
        existing = self._find(digest)
        if existing is not None:
            return self._describe(digest, existing, original_name)
        ext, mime, width, height = self._identify(data if data is not None else src_path, head, original_name)
        folder = self.root / digest[:2]
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{digest}{ext}"
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                if data is not None:
                    out.write(data)
                else:
                    with open(src_path, "rb") as src:  # type: ignore[arg-type]
                        while chunk := src.read(_CHUNK):
                            out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp_name, final)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return StoredMedia(digest, final, size, width, height, mime)

    def path_for(self, sha256: str) -> Path:
        """Path of a stored file; raises :class:`MediaError` if it is not in the store."""
        found = self._find(self._check(sha256))
        if found is None:
            raise MediaError(_(
                "The media file {digest}… is missing from the media library.",
                digest=sha256[:12],
            ))
        return found

    def exists(self, sha256: str) -> bool:
        return _SHA256.match(sha256.lower()) is not None and self._find(sha256.lower()) is not None

    def info(self, sha256: str) -> StoredMedia:
        """Describe a stored file again (size, pixel size, MIME type)."""
        path = self.path_for(sha256)
        return self._describe(sha256.lower(), path, path.name)

    @staticmethod
    def _check(sha256: str) -> str:
        digest = sha256.lower()
        if not _SHA256.match(digest):
            raise MediaError(_("“{sha256}” is not a SHA-256 media identifier.", sha256=sha256))
        return digest

    def _find(self, digest: str) -> Path | None:
        folder = self.root / digest[:2]
        if not folder.is_dir():
            return None
        for candidate in folder.glob(f"{digest}.*"):
            if candidate.is_file():
                return candidate
        plain = folder / digest
        return plain if plain.is_file() else None

    @staticmethod
    def _hash_file(path: Path, original_name: str) -> tuple[str, int, bytes]:
        h = hashlib.sha256()
        size = 0
        head = b""
        try:
            with open(path, "rb") as f:
                while chunk := f.read(_CHUNK):
                    if not head:
                        head = chunk[:64]
                    h.update(chunk)
                    size += len(chunk)
        except OSError as exc:
            raise MediaError(_(
                "“{original_name}” cannot be read: {reason}.",
                original_name=original_name, reason=exc.strerror or exc,
            )) from exc
        return h.hexdigest(), size, head

    def _describe(self, digest: str, path: Path, original_name: str) -> StoredMedia:
        ext, mime, width, height = self._identify(path, path.read_bytes()[:64], original_name)
        return StoredMedia(digest, path, path.stat().st_size, width, height, mime)

    @staticmethod
    def _identify(
        source: bytes | Path | None, head: bytes, original_name: str
    ) -> tuple[str, str, int | None, int | None]:
        video = _video_type(head)
        if video is not None:
            return video[0], video[1], None, None
        assert source is not None
        try:
            image = open_image(source, name=original_name)
        except ImageError as exc:
            raise MediaError(str(exc)) from exc
        fmt = _sniff_image_format(head)
        ext, mime = _IMAGE_TYPES.get(fmt or "", (Path(original_name).suffix.lower() or ".bin",
                                                 "application/octet-stream"))
        return ext, mime, image.width, image.height


def _sniff_image_format(head: bytes) -> str | None:
    """Image format from the first bytes (open_image normalises, so the format is read here)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[:2] in (b"II", b"MM") and head[2:4] in (b"*\x00", b"\x00*"):
        return "TIFF"
    if head[:2] == b"BM":
        return "BMP"
    if head[4:8] == b"ftyp":
        box_end = min(len(head), int.from_bytes(head[:4], "big"))
        brands = {head[8:12]} | {head[i:i + 4] for i in range(16, box_end - 3, 4)}
        if brands & {b"avif", b"avis"}:
            return "AVIF"
        if brands & {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}:
            return "HEIF"
    return None


def _video_type(head: bytes) -> tuple[str, str] | None:
    """MP4, MOV and WebM by their signatures (ISO BMFF ``ftyp`` box brands; EBML header)."""
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return ".webm", "video/webm"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand == b"qt  ":
            return ".mov", "video/quicktime"
        if brand in (b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash"):
            return ".mp4", "video/mp4"
    return None
