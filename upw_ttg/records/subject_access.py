"""A subject access export's two files: a PDF to read and JSON for completeness."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SubjectAccessExport:
    """The two files of an export: a PDF to read and JSON for completeness."""

    pdf: bytes
    json_text: str
    file_stem: str  # carries no personal data: safe in a folder listing or print queue
