"""The "Records to check" strip above a list: rows the list set aside, each with what to fix."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QWidget

from upw_ttg.domain.records_to_check import TITLE, RecordToCheck

from ui.widgets.banner import Banner

SHOWN = 5  # more than this and the strip says how many others there are


class RecordsToCheckBanner(Banner):
    """Hidden while every row of the list could be worked out; otherwise names the rows left
    out, so a damaged record is noticed and corrected instead of silently missing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.prefixes = False
        self.records: tuple[RecordToCheck, ...] = ()
        self.setAccessibleName(TITLE)

    def show_records(self, records: Sequence[RecordToCheck] | None, *,
                     still_counted: bool = False) -> None:
        """Name ``records``; ``still_counted`` for a view that still counts them (the
        planner counts a place even when the order behind it is damaged)."""
        self.records = tuple(records or ())
        if not self.records:
            self.clear()
            return
        count = len(self.records)
        they, them = ("they", "them") if count > 1 else ("it", "it")
        if still_counted:
            why = (f"{'these places are' if count > 1 else 'this place is'} counted below, "
                   f"but the record behind {them} cannot be right.")
        else:
            why = (f"{'these are' if count > 1 else 'this is'} left out of the list below "
                   f"because {they} could not be worked out.")
        lines = [f"<b>{TITLE} ({count})</b>: {why} Ask for {them} to be corrected; everything "
                 "else is shown as usual."]
        lines += [f"• {escape(record.line)}" for record in self.records[:SHOWN]]
        if count > SHOWN:
            lines.append(f"… and {count - SHOWN} more.")
        self.show_message("<br/>".join(lines), "warning")
        self.setAccessibleDescription(" ".join(r.line for r in self.records))
