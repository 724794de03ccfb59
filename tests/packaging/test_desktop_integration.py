"""Linux desktop integration: the launcher, AppStream metainfo, MIME type and their installation."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cmstudio import __version__

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "fr.cmstudio.CMStudio"
DESKTOP = ROOT / "resources" / "desktop" / f"{APP_ID}.desktop"
METAINFO = ROOT / "resources" / "desktop" / f"{APP_ID}.metainfo.xml"
MIME = ROOT / "resources" / "desktop" / f"{APP_ID}.mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_launches_the_command_with_the_app_icon() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "CM Studio"
    assert entry["GenericName[fr]"] and entry["Comment[fr]"] != entry["Comment"]
    # No %F and no MimeType: the studio does not open files given on its command line (restoring a
    # backup is `cmstudio restore FILE`), so it must not be offered as their opener.
    assert entry["Exec"].split() == ["cmstudio"]
    assert "MimeType" not in entry
    assert entry["Icon"] == APP_ID
    assert (ROOT / "resources" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()
    assert entry["Categories"].rstrip(";").split(";") == ["Office", "Network"]
    mime_types = ET.parse(MIME).getroot().findall(f"{MIME_NS}mime-type")
    assert [m.get("type") for m in mime_types] == ["application/x-cmstudio-backup"]


def test_the_application_announces_the_same_desktop_id() -> None:
    source = (ROOT / "cmstudio" / "ui" / "app.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{APP_ID}")' in source


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validates() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout


def test_metainfo_describes_this_release_in_french_and_english() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license")
    summaries = {s.get(XML_LANG, "en"): s.text for s in root.findall("summary")}
    assert set(summaries) == {"en", "fr"} and summaries["en"] != summaries["fr"]
    assert root.find("description/p") is not None
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findall("screenshots/screenshot/image")
    assert root.find("content_rating").get("type", "").startswith("oars-")
    versions = [r.get("version") for r in root.findall("releases/release")]
    assert versions and versions[0] == __version__, "the newest release must be the package's version"
    assert root.findtext("provides/mediatype") == "application/x-cmstudio-backup"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mime_type_matches_backup_files_by_extension() -> None:
    root = ET.parse(MIME).getroot()
    (mime_type,) = root.findall(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == "application/x-cmstudio-backup"
    assert [g.get("pattern") for g in mime_type.findall(f"{MIME_NS}glob")] == ["*.cmstudio-backup"]
    comments = {c.get(XML_LANG, "en") for c in mime_type.findall(f"{MIME_NS}comment")}
    assert comments == {"en", "fr"}
    assert [s.get("type") for s in mime_type.findall(f"{MIME_NS}sub-class-of")] == ["application/zip"]


def test_mime_type_recognises_a_real_backup(demo_db, tmp_path: Path) -> None:
    import fnmatch
    import zipfile

    from cmstudio.core.backup import create_backup

    result = create_backup(demo_db, tmp_path / "before-moving")
    (glob,) = [g.get("pattern") for g in ET.parse(MIME).getroot().iter(f"{MIME_NS}glob")]
    assert fnmatch.fnmatch(result.path.name, glob)
    assert zipfile.is_zipfile(result.path), "the MIME type says backups are ZIP files"


def test_install_script_puts_every_file_in_the_xdg_layout_and_uninstalls(tmp_path: Path) -> None:
    script = ROOT / "packaging" / "install_desktop_files.sh"
    subprocess.run(["bash", str(script), "--prefix", str(tmp_path)], check=True, capture_output=True)
    assert (tmp_path / "applications" / DESKTOP.name).read_bytes() == DESKTOP.read_bytes()
    assert (tmp_path / "metainfo" / METAINFO.name).exists()
    assert (tmp_path / "mime" / "packages" / f"{APP_ID}.xml").exists()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").exists()
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()
    if shutil.which("update-mime-database"):
        globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-cmstudio-backup:*.cmstudio-backup" in globs
    subprocess.run(["bash", str(script), "--prefix", str(tmp_path), "--uninstall"], check=True, capture_output=True)
    assert not list(tmp_path.rglob(f"{APP_ID}*"))
