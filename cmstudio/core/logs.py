"""Logging to a rotating file in the user log directory; users see sentences, the log keeps tracebacks."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from cmstudio.core import paths

_configured: Path | None = None


def log_file() -> Path:
    return paths.log_dir() / "cmstudio.log"


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the studio's logs to its log file (once per process); return the file's path."""
    global _configured
    target = log_file()
    if _configured == target:
        return target
    root = logging.getLogger()
    root.setLevel(level)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in root.handlers if getattr(h, "_cmstudio", False)]:
        root.removeHandler(old)
    handler._cmstudio = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    _configured = target
    return target
