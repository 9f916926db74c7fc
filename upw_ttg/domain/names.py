"""How a person's name is shown: one form on the screen, the work sheet and the van manifest."""

from __future__ import annotations


def display_name(forename: str, surname: str, preferred_name: str | None = None) -> str:
    """The name people are called by: the preferred name if there is one, then the surname
    ("Bob Smith" for Robert Smith known as Bob), so the supervisor, the driver and the office
    read the same name for the same person."""
    first = (preferred_name or "").strip() or forename
    return f"{first} {surname}"
