"""The PyInstaller build script and the smoke test's image check (the build itself runs in .ci/run)."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[2]


def load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def modules_imported_by_name() -> list[str]:
    """Every module the studio imports from a string: sections, CLI subcommands, built-in connectors."""
    import ast

    from cmstudio.publish.registry import BUILTINS
    from cmstudio.ui.sections import SECTIONS

    names = [s.module for s in SECTIONS] + [target.partition(":")[0] for target in BUILTINS.values()]
    tree = ast.parse((ROOT / "cmstudio" / "cli" / "parser.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple):
            names += [f"cmstudio.cli.{elt.value}" for elt in node.iter.elts if isinstance(elt, ast.Constant)]
    return names


def test_every_module_imported_by_name_is_collected_by_the_build(tmp_path: Path) -> None:
    build = load("build_pyinstaller")
    args = build.pyinstaller_args(tmp_path / "dist", tmp_path / "work")
    collected = [args[i + 1] for i, arg in enumerate(args) if arg == "--collect-submodules"]
    names = modules_imported_by_name()
    assert any(name.startswith("cmstudio.cli.") for name in names), "the CLI module list was not found"
    for name in names:
        importlib.import_module(name)  # it exists and imports
        assert any(name == pkg or name.startswith(pkg + ".") for pkg in collected), name


def test_the_build_ships_migrations_as_files_and_the_package_metadata(tmp_path: Path) -> None:
    build = load("build_pyinstaller")
    args = build.pyinstaller_args(tmp_path / "dist", tmp_path / "work")
    data = [args[i + 1] for i, arg in enumerate(args) if arg == "--add-data"]
    source, _, target = data[0].rpartition(build.SEP)
    assert Path(source) == ROOT / "cmstudio" / "core" / "migrations"
    assert (Path(source) / "versions").is_dir() and target == "cmstudio/core/migrations"
    assert args[args.index("--copy-metadata") + 1] == "cmstudio"
    assert args[args.index("--collect-data") + 1] == "cmstudio"
    assert "--onedir" in args and (tmp_path / "work" / "cmstudio_launcher.py").exists()
    compile((tmp_path / "work" / "cmstudio_launcher.py").read_text(), "launcher", "exec")


def test_the_bundle_size_is_measured_on_real_files(tmp_path: Path) -> None:
    build = load("build_pyinstaller")
    (tmp_path / "a").write_bytes(b"x" * 1000)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b").write_bytes(b"y" * 24)
    assert build.tree_size(tmp_path) == (1024, 2)


def test_smoke_check_accepts_a_drawn_window_and_rejects_a_blank_one(tmp_path: Path) -> None:
    smoke = load("smoke_test")
    blank = tmp_path / "blank.png"
    Image.new("RGB", (320, 240), "#f4f4f2").save(blank)
    with pytest.raises(smoke.SmokeFailure, match="blank"):
        smoke.check_png(blank, (320, 240))
    drawn = tmp_path / "drawn.png"
    image = Image.new("RGB", (320, 240), "#f4f4f2")
    pen = ImageDraw.Draw(image)
    for row in range(12):
        pen.text((8, 4 + row * 19), f"Article {row}: « Lancement » du {row + 1} mars", fill="#1d1d1f")
    pen.rectangle((200, 10, 310, 230), fill="#2f6fb5")
    image.save(drawn)
    assert smoke.check_png(drawn, (320, 240)) >= 64
    with pytest.raises(smoke.SmokeFailure, match="expected 640x480"):
        smoke.check_png(drawn, (640, 480))
    jpeg = tmp_path / "view.png"
    image.save(jpeg, "JPEG")
    with pytest.raises(smoke.SmokeFailure, match="not PNG"):
        smoke.check_png(jpeg, (320, 240))


def test_smoke_test_reports_a_missing_binary_in_one_sentence(tmp_path: Path, capsys) -> None:
    smoke = load("smoke_test")
    assert smoke.main([str(tmp_path / "nowhere" / "cmstudio")]) == 1
    assert "build it first" in capsys.readouterr().err
