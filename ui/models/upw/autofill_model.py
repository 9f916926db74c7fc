"""An auto-fill proposal: the placements it would make and who would still be short."""

from __future__ import annotations

from dataclasses import dataclass

from upw_ttg.domain.text import fold
from upw_ttg.records.upw import ProposedPlacement, Shortfall

from ui.models.table_model import Column, RowTableModel
from ui.models.upw.text import format_day, format_minutes, format_times


@dataclass(frozen=True)
class ProposalLine:
    """A proposed placement with the person's name and CRN (the proposal carries ids only)."""

    name: str
    crn: str
    placement: ProposedPlacement
    pickup: str


class ProposalTableModel(RowTableModel[ProposalLine]):
    COLUMNS = (
        Column("Name", lambda r: r.name, lambda r: fold(r.name)),
        Column("CRN", lambda r: r.crn),
        Column("Date", lambda r: format_day(r.placement.session_date),
               lambda r: (r.placement.session_date, r.placement.start_time)),
        Column("Times", lambda r: format_times(r.placement.start_time, r.placement.end_time)),
        Column("Hours", lambda r: format_minutes(r.placement.minutes),
               lambda r: r.placement.minutes, numeric=True),
        Column("Project", lambda r: r.placement.project_name),
        Column("Travel", lambda r: r.pickup),
    )


class ShortfallTableModel(RowTableModel[Shortfall]):
    COLUMNS = (
        Column("Name", lambda s: s.name, lambda s: fold(s.name)),
        Column("CRN", lambda s: s.crn),
        Column("Hours proposed", lambda s: f"{format_minutes(s.minutes_proposed)} of "
                                           f"{format_minutes(s.minutes_target)}",
               lambda s: s.minutes_proposed - s.minutes_target, numeric=True),
        Column("Why not fully placed", lambda s: " ".join(s.reasons),
               tooltip=lambda s: "\n".join(s.reasons)),
    )
