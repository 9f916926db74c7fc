"""UI preferences (window geometry, header layout) in an INI file; never business settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

UI_SETTINGS_FILE = "ui-settings.ini"
_DEFAULTS: dict[str, Any] = {
    "main_window/geometry": QByteArray(),
    "main_window/state": QByteArray(),
    "people/header_state": QByteArray(),
    "person/last_tab": 0,
}


class UiSettings:
    """Typed access to the UI preferences; unknown keys are a bug and raise ``KeyError``."""

    def __init__(self, path: Path):
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    @classmethod
    def in_folder(cls, folder: Path) -> UiSettings:
        """The preferences kept in ``folder/ui-settings.ini`` (the data folder)."""
        return cls(folder / UI_SETTINGS_FILE)

    def value(self, key: str) -> Any:
        default = _DEFAULTS[key]
        raw = self._settings.value(key, default)
        if isinstance(default, QByteArray):
            return raw if isinstance(raw, QByteArray) else QByteArray()
        if isinstance(default, int):
            # An ini file gives the text back, the native stores the number.
            if not isinstance(raw, (int, float, str)):
                return default
            try:
                return int(raw)
            except ValueError:
                return default
        return raw

    def set_value(self, key: str, value: Any) -> None:
        if key not in _DEFAULTS:
            raise KeyError(key)
        self._settings.setValue(key, value)

    def sync(self) -> None:
        self._settings.sync()
