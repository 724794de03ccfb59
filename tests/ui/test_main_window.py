"""The main window: sections, object names, shortcuts, remembered state, workspaces."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from cmstudio.ui.sections import SECTION_KEYS

MAIN_VIEW_NAMES = {
    "articles": ["articleList", "articleEditor", "articlePreview"],
    "variants": ["variantComposer", "cropStudio"],
    "calendar": ["calendarView"],
    "contests": ["contestPlanner"],
    "publishing": ["publishLog"],
}


def test_every_main_view_has_stable_object_and_accessible_names(built) -> None:
    window = built.window
    assert window.objectName() == "mainWindow"
    for key, names in MAIN_VIEW_NAMES.items():
        window.show_section(key)
        for name in names:
            widget = window.findChild(QWidget, name)
            assert widget is not None, f"{name} missing in {key}"
            assert widget.accessibleName(), f"{name} has no accessible name"


def test_keyboard_shortcuts_switch_sections(built, qtbot) -> None:
    window = built.window
    window.show()
    window.activateWindow()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: built.app.activeWindow() is window)
    for index, key in enumerate(SECTION_KEYS, 1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{index}"), Qt.KeyboardModifier.ControlModifier)
        assert window.current_section() == key


def test_views_are_built_lazily(built) -> None:
    window = built.window
    assert set(window._views) == {window.current_section()}


def test_geometry_and_last_view_are_remembered(demo_db, qtbot) -> None:
    from cmstudio.ui.app import build_app

    first = build_app(demo_db, language="en", theme_name="light")
    first.window.show()
    first.window.resize(777, 555)
    first.window.show_section("calendar")
    first.window.close()
    second = build_app(demo_db, language="en", theme_name="light")
    qtbot.addWidget(second.window)
    assert second.window.current_section() == "calendar"
    assert (second.window.width(), second.window.height()) == (777, 555)


def test_workspace_switcher_changes_workspace(built, qtbot) -> None:
    window = built.window
    box = window.workspace_box
    assert box.count() == 2
    other = box.itemData(1) if box.itemData(0) == built.studio.workspace_id else box.itemData(0)
    with qtbot.waitSignal(built.studio.workspaceChanged):
        box.activated.emit(box.findData(other))
    assert built.studio.workspace_id == other
    assert box.currentText() in window.windowTitle()


def test_quick_switcher_finds_workspace_without_accents(built, qtbot) -> None:
    from cmstudio.ui.workspace_dialogs import QuickSwitcher

    dialog = QuickSwitcher(built.studio, built.window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.query, "lumiere")
    assert dialog.results.count() == 1
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.chosen_id and dialog.result() == dialog.DialogCode.Accepted


def test_french_translation_is_loaded(demo_db, qtbot) -> None:
    from cmstudio.ui.app import build_app

    result = build_app(demo_db, language="fr", theme_name="dark")
    qtbot.addWidget(result.window)
    labels = [result.window.nav.item(i).text() for i in range(result.window.nav.count())]
    assert "Calendrier" in labels and "Paramètres" in labels
    assert result.dark


def test_settings_view_saves_workspace(built, qtbot) -> None:
    view = built.window.show_section("settings")
    view.name.setText("Maison Lumière Lyon")
    view.timezone.setCurrentText("Not/AZone")
    assert not view.save_workspace()
    assert "time zone" in view.message.text()
    view.timezone.setCurrentText("Europe/Brussels")
    assert view.save_workspace()
    with built.studio.session() as session:
        workspace = built.studio.workspace(session)
        assert (workspace.name, workspace.timezone) == ("Maison Lumière Lyon", "Europe/Brussels")
    assert "Maison Lumière Lyon" in built.window.windowTitle()


def test_qt_binding_keeps_none_alive() -> None:
    """PySide6 6.12.0 under CPython 3.11 drops a reference to None on each void call, until the
    interpreter aborts ("deallocating None"); pyproject.toml excludes it. This guards the pin."""
    import sys

    from PySide6.QtGui import QImage, QPainter, QPen

    image = QImage(8, 8, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(2000):
        painter.setPen(QPen())
    painter.end()
    assert sys.getrefcount(None) >= before - 500  # other threads move it a little; the bug moved it by 2000


def test_settings_view_sets_a_logo_shown_in_the_switcher(built, tmp_path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 120), (200, 30, 90)).save(logo)
    view = built.window.show_section("settings")
    assert view.set_logo(logo)
    assert view.logo_preview.pixmap() is not None and not view.logo_preview.pixmap().isNull()
    with built.studio.session() as session:
        sha = built.studio.workspace(session).logo_sha256
    assert sha and (built.studio.db.media_dir / sha[:2]).exists()
    icon = built.window.workspace_box.itemIcon(built.window.workspace_box.currentIndex())
    assert not icon.isNull()


def test_a_broken_logo_is_refused_with_a_message(built, tmp_path) -> None:
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    view = built.window.show_section("settings")
    assert not view.set_logo(bad)
    assert "logo.png" in view.message.text()


def test_snapshots_do_not_change_the_users_last_view(demo_db, tmp_path, qtbot) -> None:
    from cmstudio.ui.app import settings_store
    from cmstudio.ui.snapshot import snapshot

    settings = settings_store()
    settings.setValue("window/section", "contests")
    settings.sync()
    snapshot(demo_db.url, "calendar", tmp_path / "c.png", size=(900, 600), language="en")
    assert settings_store().value("window/section") == "contests"
    assert (tmp_path / "c.png").stat().st_size > 10_000


def test_second_instance_is_refused_and_first_is_asked_to_come_forward(demo_db, qtbot) -> None:
    from cmstudio.ui.single_instance import InstanceGuard

    first = InstanceGuard(demo_db.path)
    assert first.acquire()
    second = InstanceGuard(demo_db.path)
    try:
        assert not second.acquire()
        with qtbot.waitSignal(first.activationRequested, timeout=3000):
            assert second.ask_other_to_show()
    finally:
        first.release()
    third = InstanceGuard(demo_db.path)
    assert third.acquire()
    third.release()


def test_first_paint_needs_no_sqlalchemy(demo_db, tmp_path) -> None:
    """The window shows the workspace's articles before SQLAlchemy is imported (the start-up budget)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from cmstudio.ui.app import build_app\n"
        "built = build_app(sys.argv[1], language='en', theme_name='light', first_run_demo=False)\n"
        "built.window.show()\n"
        "def idle():\n"
        "    view = built.window.view('articles')\n"
        "    from PySide6.QtWidgets import QAbstractItemView\n"
        "    rows = view.findChild(QAbstractItemView, 'articleList').model().rowCount()\n"
        "    print('sqlalchemy' in sys.modules, rows, flush=True)\n"
        "    built.app.quit()\n"
        "QTimer.singleShot(0, idle)\n"
        "built.app.exec()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CMSTUDIO_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", code, demo_db.url], capture_output=True, text=True,
                            env=env, timeout=120)
    loaded, rows = result.stdout.split()[:2]
    assert loaded == "False", result.stderr
    assert int(rows) > 10
