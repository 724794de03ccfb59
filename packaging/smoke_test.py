"""Smoke test of a built bundle: run the real binary offscreen, as a user's first minutes would.

    python packaging/smoke_test.py                      # tests dist/cmstudio/cmstudio
    python packaging/smoke_test.py path/to/cmstudio     # any other build of the command

Each step runs the binary in a fresh temporary CMSTUDIO_HOME with QT_QPA_PLATFORM=offscreen:
`--version`; `--help` (every subcommand present: their modules are imported by name, so a missing
hidden import would drop one silently); `demo --db X`; `snapshot --view V --db X --out V.png` for the
calendar, the article editor and the publishing view, each PNG checked to be a real, non-blank image;
and finally the studio's log must hold no traceback. Exit status 0 when everything passed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEWS = ("calendar", "articles", "publishing")
# One subcommand per CLI module (cmstudio/cli/parser.py imports them by name and skips missing ones).
SUBCOMMANDS = ("demo", "snapshot", "agenda", "export-ics", "contest", "account", "publish-due", "measure",
               "adapt", "spellcheck", "export")
TIMEOUT = 180


class SmokeFailure(AssertionError):
    """A step of the smoke test did not do what a user would expect."""


def default_binary() -> Path:
    return ROOT / "dist" / "cmstudio" / ("cmstudio.exe" if sys.platform == "win32" else "cmstudio")


def run(binary: Path, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    try:
        result = subprocess.run([str(binary), *args], env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"`cmstudio {' '.join(args)}` did not finish within {TIMEOUT} s") from exc
    print(f"  cmstudio {' '.join(args)} → exit {result.returncode} in {time.monotonic() - started:.1f} s")
    if result.returncode != 0:
        raise SmokeFailure(f"`cmstudio {' '.join(args)}` exited with {result.returncode}:\n"
                           f"{result.stdout}\n{result.stderr}")
    return result


def check_png(path: Path, size: tuple[int, int]) -> int:
    """Raise unless `path` is a PNG of `size` with real content; return its number of distinct colours."""
    from PIL import Image

    if not path.exists():
        raise SmokeFailure(f"{path} was not written")
    with Image.open(path) as image:
        if image.format != "PNG":
            raise SmokeFailure(f"{path} is {image.format}, not PNG")
        if image.size != size:
            raise SmokeFailure(f"{path} is {image.size[0]}x{image.size[1]}, expected {size[0]}x{size[1]}")
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20)
        count = len(colours) if colours is not None else 1 << 20
        # A blank or single-colour image (a view that failed to paint) has a handful of colours; a window
        # with text, icons and anti-aliasing has hundreds.
        if count < 64:
            raise SmokeFailure(f"{path} looks blank: only {count} distinct colours")
        extrema = rgb.convert("L").getextrema()
        if extrema[1] - extrema[0] < 100:
            raise SmokeFailure(f"{path} has almost no contrast (grey levels {extrema[0]}–{extrema[1]})")
        return count


def smoke(binary: Path, keep: Path | None = None) -> None:
    if not binary.exists():
        raise SmokeFailure(f"{binary} does not exist: build it first with packaging/build_pyinstaller.py")
    with tempfile.TemporaryDirectory(prefix="cmstudio-smoke-") as temp:
        work = keep or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        env.update(QT_QPA_PLATFORM="offscreen", CMSTUDIO_HOME=str(work / "home"), CMSTUDIO_LANG="en")
        version = run(binary, ["--version"], env).stdout
        if "cmstudio" not in version:
            raise SmokeFailure(f"--version printed {version!r}")
        help_text = run(binary, ["--help"], env).stdout
        missing = [name for name in SUBCOMMANDS if name not in help_text]
        if missing:
            raise SmokeFailure(f"subcommands missing from the bundle: {', '.join(missing)}")
        db = work / "workspace.sqlite3"
        run(binary, ["demo", "--db", str(db)], env)
        for view in VIEWS:
            out = work / f"{view}.png"
            run(binary, ["snapshot", "--view", view, "--db", str(db), "--out", str(out), "--size", "1200x800"], env)
            print(f"  {out.name}: {check_png(out, (1200, 800))} colours")
        log = work / "home" / "logs" / "cmstudio.log"
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        if "Traceback" in text or " ERROR " in text:
            raise SmokeFailure(f"the studio logged an error:\n{text[-3000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", nargs="?", type=Path, default=default_binary())
    parser.add_argument("--keep", type=Path, help="keep the workspace, log and PNGs in this folder")
    args = parser.parse_args(argv)
    print(f"Smoke test of {args.binary}")
    started = time.monotonic()
    try:
        smoke(args.binary.resolve(), args.keep)
    except SmokeFailure as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"Smoke test passed in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
