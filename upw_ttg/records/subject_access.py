"""What a subject access export holds: every table's rows about one person, the trail, the
log; and the export's two files, a PDF to read and JSON for completeness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from upw_ttg.domain.codes import Language

# Shown in place of another person's id (a co-defendant kept apart, for example): their data
# is not the subject's to receive.
WITHHELD = "withheld: another person"
_ACRONYMS = {"upw", "id"}


@dataclass(frozen=True, slots=True)
class TableRows:
    """One table's rows about the person: column names and each row's plain values."""

    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    @property
    def label(self) -> str:
        text = " ".join(w.upper() if w in _ACRONYMS else w for w in self.table.split("_"))
        return text[:1].upper() + text[1:]

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True, slots=True)
class TrailLine:
    """An audit-trail row about the person's records."""

    occurred_at: dt.datetime
    staff: str | None
    action: str
    entity: str
    entity_id: str | None
    changes: Any


@dataclass(frozen=True, slots=True)
class AccessLine:
    """An access-log row: who opened, printed or exported the person's sensitive records."""

    occurred_at: dt.datetime
    staff: str | None
    action: str
    record: str
    document: str | None
    recipient: str | None


@dataclass(frozen=True, slots=True)
class SubjectAccessData:
    """Everything held on one person, for a subject access request (UK GDPR art. 15,
    DPA 2018 s.45)."""

    person_id: int
    person_name: str
    crn: str
    exported_at: dt.datetime
    exported_by: str
    tables: tuple[TableRows, ...]
    audit: tuple[TrailLine, ...]
    access: tuple[AccessLine, ...]
    # The language the PDF's fixed words print in (the person's, by default).
    language: Language = Language.ENGLISH

    def table(self, name: str) -> TableRows | None:
        return next((t for t in self.tables if t.table == name), None)


@dataclass(frozen=True, slots=True)
class SubjectAccessExport:
    """The two files of an export: a PDF to read and JSON for completeness."""

    pdf: bytes
    json_text: str
    file_stem: str  # carries no personal data: safe in a folder listing or print queue
