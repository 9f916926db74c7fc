"""Any list on a screen, as it is shown (its filters and order), to CSV or Excel; logged.

The screen hands over the rows it shows, already read through the services that checked the
member's access; this service checks the member may read that list at all, writes the file and
logs the export like a print (who, when, which list, for a spreadsheet), once per person listed
(rule ACC-4).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from upw_ttg.domain.access import AccessAction, Recipient
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.spreadsheet import Cell, csv_bytes, xlsx_bytes
from upw_ttg.errors import ValidationError
from upw_ttg.records.exchange import ExportedFile
from upw_ttg.services.access_log import log_print
from upw_ttg.services.context import ServiceContext

# Each list that can be exported, with its title and what a member must hold to read it.
EXPORTABLE_LISTS: dict[str, tuple[str, Capability]] = {
    "people": ("People", Capability.FIND_PERSON),
    "waiting_list": ("Waiting to be placed", Capability.READ_SCHEDULE),
    "broken_bookings": ("Bookings that break a rule", Capability.READ_SCHEDULE),
    "projects": ("Projects and sessions", Capability.READ_SCHEDULE),
    "outstanding_outcomes": ("Outstanding outcomes", Capability.KEY_REGISTERS),
    "enforcement": ("Enforcement", Capability.TAKE_ENFORCEMENT_DECISIONS),
    "forecast": ("Forecast and reviews", Capability.READ_ATTENDANCE),
    "warrants": ("Travel warrants", Capability.READ_WARRANTS),
    "caseload": ("Through the Gate caseload", Capability.READ_TTG_CASE),
    "figures": ("Figures", Capability.READ_FIGURES),
}
MAX_ROWS = 200_000
MAX_COLUMNS = 200
_UNSAFE_IN_NAME = re.compile(r"[^a-z0-9-]+")


class ListExportService:
    """Export what a list screen shows (rule ACC-4)."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def export(self, list_name: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], *,
               caption: str = "", spreadsheet: bool = False,
               person_ids: Sequence[int] = ()) -> ExportedFile:
        """The rows as a CSV or Excel file named after the list and today, never a person.

        ``caption`` says what was shown (the filters), above the table in a workbook;
        ``person_ids`` are the people listed, for the access log.
        """
        entry = EXPORTABLE_LISTS.get(list_name) if isinstance(list_name, str) else None
        # An unknown list is refused after the least a list asks, so nobody learns more.
        self._ctx.require(entry[1] if entry else Capability.FIND_PERSON)
        if entry is None:
            raise ValidationError({"list_name": f"“{str(list_name)[:40]}” is not a list that "
                                                "can be exported."})
        title, _capability = entry
        if len(headers) > MAX_COLUMNS or len(rows) > MAX_ROWS:
            raise ValidationError({"rows": f"The list is too long to export: at most "
                                           f"{MAX_ROWS:,} rows of {MAX_COLUMNS} columns."})
        ids = sorted({int(p) for p in person_ids if isinstance(p, int)
                      and not isinstance(p, bool) and 0 < p < 2**31})
        with self._ctx.db.write() as session:
            log_print(session, self._ctx, f"list_{list_name}"[:40], Recipient.SPREADSHEET, None,
                      ids or [None], action=AccessAction.EXPORT)
        stamp = f"{self._ctx.now():%Y-%m-%d %H:%M}"
        name = _UNSAFE_IN_NAME.sub("-", title.lower()).strip("-") + \
            f"-{self._ctx.today():%Y-%m-%d}"
        shown = f"{title}, {stamp}" + (f". {caption}" if caption else "")
        if spreadsheet:
            return ExportedFile(name + ".xlsx", xlsx_bytes(title, headers, rows, caption=shown),
                                len(rows))
        return ExportedFile(name + ".csv", csv_bytes(headers, rows), len(rows))
