"""Render the application icon (SVG) to the PNG sizes the freedesktop hicolor theme wants.

    python packaging/make_icons.py          # regenerate resources/icons/hicolor/** and the packaged copies
    python packaging/make_icons.py --check  # exit 1 if a generated PNG is missing or has the wrong size

Sources: the Icon Theme Specification lists these as the usual `apps` sizes
(https://specifications.freedesktop.org/icon-theme-spec/latest/); 512 is used by software centres.
Rendering uses Qt's QSvgRenderer (QtSvg ships with PySide6-Essentials), offscreen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "fr.cmstudio.CMStudio"
SOURCE = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
PACKAGED = ROOT / "cmstudio" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows .ico frames (256 is the largest an .ico holds)


def png_path(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(svg: Path, size: int, out: Path) -> None:
    """Draw `svg` into a transparent size×size image and save it as PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - QPainter needs one
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"Could not write {out}.")


def generate() -> list[Path]:
    written = []
    for size in SIZES:
        render(SOURCE, size, png_path(size))
        written.append(png_path(size))
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    PACKAGED.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, PACKAGED / "cmstudio.svg")
    shutil.copyfile(png_path(256), PACKAGED / "cmstudio-256.png")
    written += [scalable, PACKAGED / "cmstudio.svg", PACKAGED / "cmstudio-256.png"]
    from PIL import Image

    ico = ROOT / "resources" / "icons" / f"{APP_ID}.ico"
    with Image.open(png_path(256)) as big:
        big.save(ico, sizes=[(s, s) for s in ICO_SIZES])
    written.append(ico)
    return written


def problems() -> list[str]:
    """What is wrong with the generated PNGs (missing, not PNG, wrong size); empty when all is well."""
    from PIL import Image

    found = []
    for size in SIZES:
        path = png_path(size)
        if not path.exists():
            found.append(f"{path} is missing")
            continue
        with Image.open(path) as image:
            if image.format != "PNG" or image.size != (size, size):
                found.append(f"{path} is {image.format} {image.size[0]}x{image.size[1]}, expected PNG {size}x{size}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the generated files")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    for path in generate():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
