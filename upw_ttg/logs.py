"""Logging to a rotating file in the data folder; messages never carry personal data."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "upw-ttg.log"


def configure_logging(logs_dir: Path, level: int = logging.INFO) -> Path:
    """Send the root logger to ``logs_dir/upw-ttg.log`` (1 MB x 5); returns the file's path."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_upw_ttg", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler._upw_ttg = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
