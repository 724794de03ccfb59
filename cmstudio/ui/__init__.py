"""The Qt face of the studio.

The start-up reader (standard library sqlite3) is imported here, before any PySide6 module:
PySide6 installs an import hook that makes every later import slower. SQLAlchemy and the models
are loaded only after the first paint (see `cmstudio.ui.main_window` and
`benchmarks/bench_startup.py`), so the window shows the workspace's articles sooner.
"""

import cmstudio.core.quickread  # noqa: F401
