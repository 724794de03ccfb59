"""The lock that keeps a second studio off a database, across real processes."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from cmstudio.core.instance_lock import InstanceLock

HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from cmstudio.core.instance_lock import InstanceLock\n"
    "lock = InstanceLock(Path(sys.argv[1]))\n"
    "print('held' if lock.acquire() else 'refused', flush=True)\n"
    "time.sleep(60)\n"
)


def test_another_process_holding_the_lock_refuses_us_until_it_dies(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert not InstanceLock(db).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # A crashed studio leaves no stale lock: the OS released it with the process.
    lock = InstanceLock(db)
    assert lock.acquire()
    lock.release()
