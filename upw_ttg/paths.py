"""Where the application's files are: resources and migrations (source or frozen), user data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from upw_ttg import APP_NAME


def bundle_root() -> Path:
    """The folder holding ``resources/``: the PyInstaller bundle, or the source checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "storage" / "migrations"


def default_data_dir() -> Path:
    """The per-user, non-roaming data folder; ``UPW_TTG_DATA_DIR`` overrides it."""
    override = os.environ.get("UPW_TTG_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
