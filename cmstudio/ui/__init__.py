"""The Qt face of the studio.

The database layer is imported here, before any PySide6 module: PySide6 installs an import hook
that makes every later import slower, and SQLAlchemy is the largest import at start-up (about
0.1 s saved on a cold start, see benchmarks/bench_startup.py).
"""

import cmstudio.core.db  # noqa: F401
import cmstudio.core.models  # noqa: F401
