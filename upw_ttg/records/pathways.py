"""A resettlement pathway as the plan and the directory of local services list it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PathwayRow:
    code: str
    name: str
    womens_support: bool
