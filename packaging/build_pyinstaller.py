"""Build CM Studio as a PyInstaller one-folder bundle: `dist/cmstudio/cmstudio` plus its `_internal/`.

    python packaging/build_pyinstaller.py                 # build into dist/cmstudio
    python packaging/build_pyinstaller.py --dist /tmp/out  # somewhere else
    python packaging/build_pyinstaller.py --print-args     # show the PyInstaller command line only

Run it with the Python of the environment the studio is installed in (with `pip install pyinstaller`).
What PyInstaller cannot see by following imports is named here:

* modules imported by name at run time: the main window's sections (`cmstudio/ui/sections.py`), the
  CLI subcommands (`cmstudio/cli/parser.py`) and the built-in connectors
  (`cmstudio/publish/registry.py`) — all of `cmstudio` is collected as hidden imports;
* package data: translations (`*.qm`), `cmstudio/core/data/**` (fonts, CSS, catalogues), icons, and
  the data files of holidays, pyspellchecker and tzdata;
* the Alembic migrations, which Alembic reads as `.py` files from disk, so they are copied as data;
* the package metadata (`--copy-metadata cmstudio`), so the `cmstudio.connectors` entry points keep
  working in the bundle (the registry also falls back to its BUILTINS table without them).

It prints the build time and the bundle's size at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "cmstudio"
SEP = os.pathsep  # PyInstaller's --add-data separator is the platform's path separator (":" or ";")

# Third-party packages whose data files are read at run time (PyInstaller follows imports, not files):
# holidays' gettext catalogues (the French holiday names), pyspellchecker's dictionaries, tzdata's zones
# (Windows has no system time-zone database).
DATA_PACKAGES = ("holidays", "spellchecker", "tzdata")

# Modules nobody needs in the bundle: test tools and GUI toolkits the studio does not use.
EXCLUDES = ("tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "IPython", "setuptools")


class BuildError(RuntimeError):
    """The bundle could not be built (PyInstaller missing or failing)."""


def entry_script(work: Path) -> Path:
    """A tiny launcher: the bundle runs `cmstudio.cli.main` like the installed `cmstudio` command."""
    work.mkdir(parents=True, exist_ok=True)
    script = work / "cmstudio_launcher.py"
    script.write_text(
        '"""PyInstaller entry point: the `cmstudio` command."""\n'
        "import multiprocessing\n\n"
        "from cmstudio.cli import main\n\n"
        'if __name__ == "__main__":\n'
        "    multiprocessing.freeze_support()\n"
        "    raise SystemExit(main())\n",
        encoding="utf-8",
    )
    return script


def _data(source: Path, target: str) -> list[str]:
    return ["--add-data", f"{source}{SEP}{target}"]


def pyinstaller_args(dist: Path, work: Path) -> list[str]:
    """The PyInstaller command line (without the executable), one-folder, offscreen-capable."""
    package = ROOT / "cmstudio"
    icon_ico = ROOT / "resources" / "icons" / "fr.cmstudio.CMStudio.ico"
    args = [
        str(entry_script(work)),
        "--name", NAME,
        "--onedir",
        "--noconfirm",
        "--clean",
        "--log-level", "WARN",
        "--distpath", str(dist),
        "--workpath", str(work / "work"),
        "--specpath", str(work),
        "--paths", str(ROOT),
        "--collect-submodules", "cmstudio",
        "--collect-data", "cmstudio",
        "--copy-metadata", "cmstudio",
        *_data(package / "core" / "migrations", "cmstudio/core/migrations"),
    ]
    if sys.platform == "win32" and icon_ico.exists():  # Linux ignores --icon; macOS wants .icns (README)
        args += ["--icon", str(icon_ico)]
    for package_name in DATA_PACKAGES:
        args += ["--collect-data", package_name]
    for module in EXCLUDES:
        args += ["--exclude-module", module]
    return args


def find_pyinstaller() -> list[str]:
    try:
        import PyInstaller  # noqa: F401
    except ImportError as exc:
        raise BuildError(
            f"PyInstaller is not installed in {sys.executable}'s environment: run `pip install pyinstaller`."
        ) from exc
    return [sys.executable, "-m", "PyInstaller"]


def tree_size(path: Path) -> tuple[int, int]:
    """Total bytes and number of files under `path` (symbolic links are not followed)."""
    total = count = 0
    for item in path.rglob("*"):
        if item.is_file() and not item.is_symlink():
            total += item.stat().st_size
            count += 1
    return total, count


def binary_path(dist: Path) -> Path:
    suffix = ".exe" if sys.platform == "win32" else ""
    return dist / NAME / f"{NAME}{suffix}"


def build(dist: Path, work: Path) -> Path:
    """Build the bundle and return the path of its executable."""
    command = [*find_pyinstaller(), *pyinstaller_args(dist, work)]
    if (dist / NAME).exists():
        shutil.rmtree(dist / NAME)
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise BuildError(f"PyInstaller failed with exit status {result.returncode} after {elapsed:.0f} s.")
    binary = binary_path(dist)
    if not binary.exists():
        raise BuildError(f"PyInstaller finished but {binary} is missing.")
    size, files = tree_size(dist / NAME)
    print(f"Built {binary} in {elapsed:.0f} s; bundle {size / 1_000_000:.0f} MB in {files} files.")
    return binary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's work folder (default: build/pyinstaller/)")
    parser.add_argument("--print-args", action="store_true", help="print the PyInstaller arguments and exit")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    if args.print_args:
        print(" ".join(pyinstaller_args(dist, work)))
        return 0
    try:
        build(dist, work)
    except BuildError as exc:
        print(f"build_pyinstaller: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
