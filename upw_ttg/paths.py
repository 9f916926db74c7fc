"""Where the application's files are: resources and migrations (source or frozen), user data,
and the database (kept free of the data layer, so the sign-in window can appear before it loads)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
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


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


DATABASE_FILE = "upw-ttg.db"


@dataclass(frozen=True)
class AppLocation:
    """Where this run keeps its data: a data folder and the database URL."""

    data_dir: Path
    database_url: str

    @classmethod
    def resolve(cls, data_dir: Path | str | None = None,
                database_url: str | None = None) -> AppLocation:
        """Options first, then UPW_TTG_DATABASE_URL / UPW_TTG_DATA_DIR, then the defaults."""
        folder = Path(data_dir) if data_dir else default_data_dir()
        url = database_url or os.environ.get("UPW_TTG_DATABASE_URL") \
            or sqlite_url(folder / DATABASE_FILE)
        return cls(folder, url)

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"
