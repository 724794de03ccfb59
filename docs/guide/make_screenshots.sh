#!/usr/bin/env bash
# Rebuild the user guide's screenshots with `cmstudio snapshot` (never by hand).
#
# A throwaway CMSTUDIO_HOME holds a demo workspace (`cmstudio demo --articles 60`), so the
# pictures never show your own data and come out the same on every machine. Every view is
# rendered in French and in English (light theme), plus a dark calendar, at 1400x900, into
# docs/images/<view>-<lang>.png; then the PNGs are shrunk with Pillow (palette of 256 colours
# when that stays faithful, else lossless optimisation) so each stays under about 400 KB.
#
# Usage: bash docs/guide/make_screenshots.sh          (from anywhere)
#   CMSTUDIO=/path/to/cmstudio   the command to run (default: /work/venv/bin/cmstudio if present,
#                                else the `cmstudio` on PATH)
#   PYTHON=/path/to/python       the Python that has Pillow (default: beside CMSTUDIO)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$here/../images"
out="$(cd "$here/../images" && pwd)"
default_cm=/work/venv/bin/cmstudio
[ -x "$default_cm" ] || default_cm="$(command -v cmstudio || true)"
CMSTUDIO="${CMSTUDIO:-$default_cm}"
PYTHON="${PYTHON:-$(dirname "$CMSTUDIO")/python}"
[ -x "$CMSTUDIO" ] || { echo "cmstudio not found: set CMSTUDIO=/path/to/cmstudio" >&2; exit 2; }
[ -x "$PYTHON" ] || PYTHON=python3

export QT_QPA_PLATFORM=offscreen
home="$(mktemp -d "${TMPDIR:-/tmp}/cmstudio-shots.XXXXXX")"
trap 'rm -rf "$home"' EXIT
export CMSTUDIO_HOME="$home"
db="$home/guide-demo.sqlite3"

echo "demo workspace: $db"
"$CMSTUDIO" demo --db "$db" --articles 60 --seed 2027 >/dev/null

# English pictures show the English demo brand where it has enough to show; the calendar and the
# contests stay on the French brand, which holds the demo contest and the busiest calendar.
english_id="$("$PYTHON" - "$db" <<'PY'
import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(
    "SELECT id FROM workspaces WHERE language = 'en' AND archived_at IS NULL ORDER BY id LIMIT 1").fetchone()
print(row[0] if row else "")
PY
)"
ini="$home/config/cmstudio.ini"
use_workspace() {  # the workspace the next snapshot opens on (empty: the first one)
  mkdir -p "$(dirname "$ini")"
  if [ -n "$1" ]; then printf '[workspace]\ncurrent=%s\n' "$1" >"$ini"; else rm -f "$ini"; fi
}

views=(articles editor variants calendar contests publishing settings)
size=1400x900
for lang in fr en; do
  for view in "${views[@]}"; do
    workspace=""
    if [ "$lang" = en ] && [ "$view" != calendar ] && [ "$view" != contests ]; then workspace="$english_id"; fi
    use_workspace "$workspace"
    echo "snapshot $view ($lang)"
    "$CMSTUDIO" snapshot --db "$db" --view "$view" --lang "$lang" --theme light \
      --size "$size" --out "$out/$view-$lang.png" >/dev/null
  done
done
use_workspace ""
# One dark example per language: the calendar, the busiest view.
for lang in fr en; do
  echo "snapshot calendar ($lang, dark)"
  "$CMSTUDIO" snapshot --db "$db" --view calendar --lang "$lang" --theme dark \
    --size "$size" --out "$out/calendar-dark-$lang.png" >/dev/null
done

"$PYTHON" - "$out" <<'PY'
"""Shrink every PNG: a 256-colour palette when it is faithful enough, else lossless optimisation."""
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

LIMIT = 400_000
for path in sorted(Path(sys.argv[1]).glob("*.png")):
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    before = path.stat().st_size
    palette = rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    error = max(ImageStat.Stat(ImageChops.difference(rgb, palette.convert("RGB"))).mean)
    best = palette if error < 2.0 else rgb
    best.save(path, optimize=True)
    if path.stat().st_size > LIMIT and best is rgb:
        palette.save(path, optimize=True)
    size = path.stat().st_size
    flag = "  (over 400 KB)" if size > LIMIT else ""
    print(f"{path.name}: {before // 1024} KB -> {size // 1024} KB{flag}")
PY
