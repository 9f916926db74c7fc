"""An import's proposed column mapping, its rows with their outcome before and after it writes,
and what an export put in its file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class RowOutcome(StrEnum):
    """What happens, or happened, to one row of an extract."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    # Same name and date of birth as someone on record under another CRN: created only when a
    # coordinator confirms that it is a different person.
    DUPLICATE = "likely_duplicate"
    REJECTED = "rejected"


ROW_OUTCOME_LABELS = {
    RowOutcome.NEW: "New",
    RowOutcome.UPDATED: "Will change",
    RowOutcome.UNCHANGED: "Unchanged",
    RowOutcome.DUPLICATE: "Likely duplicate",
    RowOutcome.REJECTED: "Rejected",
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a matched record that the import changes, as the preview shows it;
    ``before`` is empty for something added (a new order)."""

    label: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One row of the extract: its line in the file, who it is about and what happens to it."""

    line: int
    crn: str
    name: str
    outcome: RowOutcome
    reason: str = ""
    changes: tuple[FieldChange, ...] = ()
    # For a likely duplicate: the CRN of the person on record it resembles.
    resembles_crn: str | None = None
    has_order: bool = False


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """Everything an import would do, before anything is written."""

    file_name: str
    sha256: str
    mapping: dict[str, str]
    rows: tuple[ImportRow, ...]
    # The mapping was remembered from an earlier file with the same columns.
    mapping_remembered: bool = False

    def count(self, outcome: RowOutcome) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self) -> dict[RowOutcome, int]:
        return {outcome: self.count(outcome) for outcome in RowOutcome}


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did (or, for a dry run, would have done): every row's outcome."""

    file_name: str
    sha256: str
    dry_run: bool
    rows: tuple[ImportRow, ...]
    counts: dict[RowOutcome, int] = field(default_factory=dict)
    # Records written beside the rows' own, e.g. {"orders_created": 3, "orders_updated": 1}.
    tallies: dict[str, int] = field(default_factory=dict)

    @property
    def orders_created(self) -> int:
        return self.tallies.get("orders_created", 0)

    @property
    def orders_updated(self) -> int:
        return self.tallies.get("orders_updated", 0)

    def describe(self) -> str:
        """One line for the status bar and the command line."""
        done = "Dry run, nothing written" if self.dry_run else "Imported"
        parts = [f"{self.counts.get(o, 0):,} {ROW_OUTCOME_LABELS[o].lower()}"
                 for o in (RowOutcome.NEW, RowOutcome.UPDATED, RowOutcome.UNCHANGED,
                           RowOutcome.REJECTED)]
        extra = "".join(f"; {name.replace('_', ' ')} {count:,}"
                        for name, count in self.tallies.items())
        return f"{done}: {self.file_name}: " + ", ".join(parts) + extra + "."


@dataclass(frozen=True, slots=True)
class ExportedFile:
    """A file made for the user to save: its suggested name (never a person's) and bytes."""

    file_name: str
    content: bytes
    rows: int
    # Restricted cases this member is not named on, left out of the file.
    restricted_left_out: int = 0


@dataclass(frozen=True, slots=True)
class OutcomesExport:
    """One exported file and what went into it."""

    file_name: str
    content: bytes
    sha256: str
    rows: int
    corrections: int
    # Outcomes sent before and unchanged since: not in this file.
    already_sent: int
    # Restricted cases this member is not named on: left for someone named to export.
    restricted_left_out: int
    dry_run: bool

    def describe(self) -> str:
        parts = [f"{self.rows:,} outcomes" + (f" ({self.corrections:,} corrections)"
                                              if self.corrections else "")]
        if self.already_sent:
            parts.append(f"{self.already_sent:,} sent before and unchanged, left out")
        if self.restricted_left_out:
            parts.append(f"{self.restricted_left_out:,} restricted cases left for a member of "
                         "staff named on them")
        return ("Dry run: " if self.dry_run else "") + "; ".join(parts) + "."


@dataclass(frozen=True, slots=True)
class MappingProposal:
    """The file's columns, the mapping proposed for them and a few rows to check it against."""

    file_name: str
    headers: tuple[str, ...]
    mapping: dict[str, str]
    remembered: bool
    sample: tuple[tuple[str, ...], ...]
    row_count: int
    # (field name, label, required) in the order the mapping step lists them.
    fields: tuple[tuple[str, str, bool], ...]


@dataclass(frozen=True, slots=True)
class Written:
    """What the writing step did: each row's final outcome and counts of records written."""

    rows: list[ImportRow]
    # e.g. {"orders_created": 3}; kept in the audit record and the result.
    tallies: dict[str, int]
