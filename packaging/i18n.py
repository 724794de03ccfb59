"""Translation catalogue upkeep: extract strings, merge French translations, compile .qm files.

    python packaging/i18n.py update              # lupdate: code → resources/i18n/cmstudio_fr.ts
    python packaging/i18n.py merge a.json ...    # {"English source": "Traduction"} into the .ts
    python packaging/i18n.py release             # lrelease: .ts → cmstudio/resources/i18n/*.qm
    python packaging/i18n.py check               # list strings without a French translation

English is the source language; French ships complete (a test checks it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "i18n"
QM_DIR = ROOT / "cmstudio" / "resources" / "i18n"
LANGUAGES = ("fr",)


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the environment running this script."""
    candidate = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(candidate) if candidate.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 in this environment")
    return found


def _core(path: Path) -> bool:
    """Qt-free code translates with cmstudio.core.i18n, not with Qt's catalogue."""
    rel = path.relative_to(ROOT / "cmstudio").parts
    return rel[0] in ("core", "cli") or (rel[0] == "publish" and rel[-1] != "view.py" and "ui" not in rel)


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "cmstudio").rglob("*.py") if not _core(p))


def ts_path(lang: str) -> Path:
    return TS_DIR / f"cmstudio_{lang}.ts"


def update(target_dir: Path = TS_DIR) -> list[Path]:
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGUAGES:
        target = target_dir / f"cmstudio_{lang}.ts"
        if target_dir != TS_DIR and ts_path(lang).exists():
            shutil.copy(ts_path(lang), target)
        subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none", *sources(),
                        "-target-language", lang, "-ts", str(target)], check=True, cwd=ROOT)
        written.append(target)
    return written


def merge(files: list[str], lang: str = "fr") -> int:
    table: dict[str, str] = {}
    for name in files:
        table.update(json.loads(Path(name).read_text(encoding="utf-8")))
    tree = ET.parse(ts_path(lang))
    filled = 0
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or source not in table:
            continue
        done = translation.get("type") != "unfinished" and (
            (translation.text or "").strip() or translation.find("numerusform") is not None)
        if done:
            continue
        value = table[source]
        if message.get("numerus") == "yes":
            # French has two plural forms (0–1, then 2 and more); a plain string serves both.
            forms = value if isinstance(value, list) else [value, value]
            translation.text = None
            for child in list(translation):
                translation.remove(child)
            for form in forms[:2]:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = value
        translation.attrib.pop("type", None)
        filled += 1
    tree.write(ts_path(lang), encoding="utf-8", xml_declaration=True)
    return filled


def unfinished(lang: str = "fr", path: Path | None = None) -> list[tuple[str, str]]:
    tree = ET.parse(path or ts_path(lang))
    missing = []
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            empty = not (translation.text or "").strip() if translation is not None else True
            if translation is not None and translation.find("numerusform") is not None:
                empty = not all((form.text or "").strip() for form in translation.iter("numerusform"))
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or empty:
                missing.append((name, message.findtext("source") or ""))
    return missing


def release(target_dir: Path = QM_DIR) -> list[Path]:
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGUAGES:
        target = target_dir / f"cmstudio_{lang}.qm"
        subprocess.run([tool("lrelease"), "-silent", str(ts_path(lang)), "-qm", str(target)], check=True)
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "merge":
        print(f"{merge(argv[1:])} translations filled")
    elif command == "release":
        release()
    elif command == "check":
        missing = unfinished()
        for context, source in missing:
            print(f"{context}: {source}")
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
