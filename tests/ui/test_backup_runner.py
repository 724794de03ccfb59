"""Automatic backups while the studio runs: made on a worker thread, once a day, setting-driven."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from cmstudio.core.backup import SUFFIX
from cmstudio.ui.backup_runner import ENABLED_SETTING, KEEP_SETTING, BackupRunner


def test_the_daily_backup_is_made_off_the_ui_thread_once_a_day(built, qtbot, tmp_path: Path) -> None:
    studio = built.studio
    folder = tmp_path / "backups"
    runner = BackupRunner(studio, folder=folder)

    with qtbot.waitSignal(runner.backupFinished, timeout=30_000) as first, \
            qtbot.waitSignal(studio.statusMessageRequested, timeout=30_000) as status:
        assert runner.run_if_due()
        assert runner.pool.activeThreadCount() == 1  # the work is on the pool's thread, not this one
        assert runner.busy and not runner.run_if_due()  # one pass at a time
    made = Path(first.args[0])
    assert made.parent == folder and made.name.endswith(SUFFIX) and made.name.startswith(studio.db.path.stem)
    assert made.name in status.args[0]
    with zipfile.ZipFile(made) as archive:
        assert json.loads(archive.read("manifest.json"))["format"] == "cmstudio-backup"

    with qtbot.waitSignal(runner.backupFinished, timeout=30_000) as second:
        assert runner.run_if_due()
    assert second.args == [""]  # the last one is younger than a day
    assert list(folder.iterdir()) == [made]


def test_keep_and_enabled_come_from_the_settings(built) -> None:
    runner = BackupRunner(built.studio)
    settings = built.studio.settings
    assert runner.keep() == 7
    for stored, expected in (("3", 3), ("0", 1), ("many", 7), ("5000", 365)):
        settings.setValue(KEEP_SETTING, stored)
        assert runner.keep() == expected
    settings.setValue(ENABLED_SETTING, False)
    assert not runner.run_if_due() and not runner.busy
    settings.remove(KEEP_SETTING)
    settings.remove(ENABLED_SETTING)


def test_a_failed_backup_is_reported_in_the_status_bar(built, qtbot, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups folder should be")
    runner = BackupRunner(built.studio, folder=blocker)
    with qtbot.waitSignal(runner.backupFailed, timeout=30_000) as failed, \
            qtbot.waitSignal(built.studio.statusMessageRequested, timeout=30_000) as status:
        runner.run_if_due()
    assert "cannot be created" in failed.args[0] and failed.args[0] in status.args[0]
    assert not runner.busy
