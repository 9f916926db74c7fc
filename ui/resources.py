"""Paths to the bundled icons and style sheet, frozen-aware through ``upw_ttg.paths``."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QIcon

from upw_ttg.paths import resources_dir

_log = logging.getLogger(__name__)


def icon_path(name: str) -> Path:
    """The path of ``resources/icons/<name>``."""
    return resources_dir() / "icons" / name


def icon(name: str) -> QIcon:
    """An icon from ``resources/icons``; an empty icon if the file is missing."""
    path = icon_path(name)
    return QIcon(str(path)) if path.exists() else QIcon()


def style_sheet() -> str:
    """The application's style sheet, or an empty one if it cannot be read."""
    path = resources_dir() / "styles" / "app.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        _log.warning("Style sheet not found at %s; using the plain style", path)
        return ""
