"""The Flatpak manifest: consistent with the desktop files and with the package's dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
FLATPAK = ROOT / "packaging" / "flatpak"


def requirement_names(lines: list[str]) -> set[str]:
    names = set()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0].lower().replace("_", "-"))
    return names


def test_manifest_runs_the_cmstudio_command_with_the_desktop_id() -> None:
    manifest = yaml.safe_load((FLATPAK / "fr.cmstudio.CMStudio.yml").read_text(encoding="utf-8"))
    assert manifest["id"] == "fr.cmstudio.CMStudio"
    assert (ROOT / "resources" / "desktop" / f"{manifest['id']}.desktop").exists()
    assert manifest["command"] == "cmstudio"
    assert manifest["runtime"] == "org.kde.Platform" and manifest["runtime-version"].startswith("6.")
    assert manifest["base"] == "io.qt.PySide.BaseApp"
    assert "--share=network" in manifest["finish-args"]
    assert "--talk-name=org.freedesktop.secrets" in manifest["finish-args"]
    app = manifest["modules"][-1]
    assert any("install_desktop_files.sh" in command for command in app["build-commands"])
    assert (ROOT / app["sources"][0]["path"].replace("../..", ".")).resolve() == ROOT


def test_flatpak_requirements_are_the_package_dependencies_without_pyside() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = requirement_names(pyproject["project"]["dependencies"]) - {"pyside6-essentials"}
    listed = requirement_names((FLATPAK / "requirements.txt").read_text(encoding="utf-8").splitlines())
    assert listed == wanted
