"""A policy setting as the settings screen lists it: its value, default, bounds and version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SettingRow:
    key: str
    label: str
    category: str
    value: str
    default_value: str
    value_type: str
    description: str
    unit: str | None
    version: int
    updated_at: dt.datetime
    minimum: int | None = None
    maximum: int | None = None

    @property
    def is_default(self) -> bool:
        return self.value == self.default_value
