"""Both languages ship complete: Qt catalogue in sync with the code, and every core message in French."""

from __future__ import annotations

import ast
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

def _load_i18n():
    """packaging/ is a folder of scripts, not a package (it would shadow PyPI's `packaging`)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("cmstudio_i18n_tool", ROOT / "packaging" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


i18n = _load_i18n()


def _messages(path: Path) -> set[tuple[str, str]]:
    tree = ET.parse(path)
    return {(c.findtext("name") or "", m.findtext("source") or "")
            for c in tree.iter("context") for m in c.iter("message")}


def test_qt_catalogue_matches_the_code(tmp_path: Path) -> None:
    fresh = i18n.update(tmp_path)[0]
    committed = i18n.ts_path("fr")
    missing = _messages(fresh) - _messages(committed)
    assert not missing, f"run `python packaging/i18n.py update`: new strings {sorted(missing)[:10]}"


def test_every_qt_string_has_a_french_translation() -> None:
    missing = i18n.unfinished("fr")
    assert not missing, f"{len(missing)} strings lack French, e.g. {missing[:10]}"


def test_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    fresh = i18n.release(tmp_path)[0]
    shipped = i18n.QM_DIR / fresh.name
    assert shipped.exists(), "run `python packaging/i18n.py release`"
    assert shipped.read_bytes() == fresh.read_bytes(), "the .qm is older than the .ts: run release"


def _core_messages() -> set[str]:
    found = set()
    for path in (ROOT / "cmstudio").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add(node.args[0].value)
    return found


def test_every_core_message_has_a_french_translation() -> None:
    catalogue = json.loads((ROOT / "cmstudio" / "core" / "data" / "messages_fr.json").read_text(encoding="utf-8"))
    missing = sorted(_core_messages() - set(catalogue))
    assert not missing, f"add to core/data/messages_fr.json: {missing[:10]}"


@pytest.mark.parametrize("message", sorted(_core_messages()))
def test_french_core_messages_keep_their_placeholders(message: str) -> None:
    import string

    catalogue = json.loads((ROOT / "cmstudio" / "core" / "data" / "messages_fr.json").read_text(encoding="utf-8"))
    if message not in catalogue:
        pytest.skip("missing translation is reported by the test above")
    fields = {f for _t, f, _s, _c in string.Formatter().parse(message) if f}
    assert fields == {f for _t, f, _s, _c in string.Formatter().parse(catalogue[message]) if f}
