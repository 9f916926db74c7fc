"""Projects, a project's sessions, vans and pick-up points as tables."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel

from upw_ttg.domain.codes import SUITABILITY_TAGS, SessionStatus
from upw_ttg.domain.placement import WEEKDAY_NAMES
from upw_ttg.domain.text import fold
from upw_ttg.records.upw import (
    PickupPointRecord,
    ProjectRecord,
    SessionRecord,
    VanRecord,
)

from ui.formatting import format_date, label
from ui.models.table_model import Column, Index, RowSortProxy, RowTableModel
from ui.models.upw.text import format_day, format_time, format_times

TAG_NAMES = dict(SUITABILITY_TAGS)
TYPE_NAMES = {"group": "Group", "individual": "Individual", "induction": "Induction",
              "ete": "ETE"}


def days_text(weekdays: tuple[int, ...]) -> str:
    """ISO weekdays with runs joined: (1, 2, 3, 5) -> 'Mon–Wed, Fri'."""
    runs: list[list[int]] = []
    for day in sorted(set(weekdays)):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names = [WEEKDAY_NAMES[d - 1][:3] for d in range(1, 8)]
    return ", ".join(names[r[0] - 1] if len(r) == 1 else
                     f"{names[r[0] - 1]}{'–' if len(r) > 2 else ', '}{names[r[-1] - 1]}"
                     for r in runs)


def pattern_text(p: ProjectRecord) -> str:
    if p.frequency.value == "once":
        return f"Once, {format_date(p.available_from)}"
    return f"{label(p.frequency)}: {days_text(p.weekdays)}"


class ProjectsTableModel(RowTableModel[ProjectRecord]):
    CODE, NAME, TYPE, OFFICE, PATTERN, TIMES, CAPACITY, STATUS, TAGS = range(9)
    COLUMNS = (
        Column("Code", lambda p: p.code),
        Column("Name", lambda p: p.name, lambda p: fold(p.name)),
        Column("Type", lambda p: TYPE_NAMES.get(p.project_type, p.project_type)),
        Column("Office", lambda p: p.office_name),
        Column("Pattern", pattern_text),
        Column("Times", lambda p: format_times(p.start_time, p.end_time), lambda p: p.start_time),
        Column("Capacity", lambda p: str(p.capacity), lambda p: p.capacity, numeric=True),
        Column("Status", lambda p: "Active" if p.active else "Inactive"),
        Column("Suitability", lambda p: ", ".join(TAG_NAMES.get(t, t) for t in p.tags) or "—",
               tooltip=lambda p: ", ".join(TAG_NAMES.get(t, t) for t in p.tags) or None),
    )


class ProjectFilterProxy(RowSortProxy):
    """Keeps projects whose code, name, beneficiary or office contains the text."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._text = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index = QModelIndex()
                         ) -> bool:
        model = self.sourceModel()
        if not self._text or not isinstance(model, ProjectsTableModel) \
                or source_row >= model.rowCount():
            return True
        p = model.row_at(source_row)
        return any(self._text in fold(x) for x in (p.code, p.name, p.beneficiary,
                                                   p.office_name))


def _status(s: SessionRecord) -> str:
    if s.status == SessionStatus.STOOD_DOWN:
        return f"Stood down: {s.stood_down_reason}" if s.stood_down_reason else "Stood down"
    return label(s.status)


class SessionsTableModel(RowTableModel[SessionRecord]):
    DATE, TIMES, SUPERVISORS, VAN, PICKUPS, FILL, STATUS = range(7)
    COLUMNS = (
        Column("Date", lambda s: format_day(s.session_date), lambda s: (s.session_date,
                                                                        s.start_time)),
        Column("Times", lambda s: format_times(s.start_time, s.end_time)),
        Column("Supervisors", lambda s: ", ".join(x.full_name for x in s.supervisors)
               or "None – no places"),
        Column("Van", lambda s: f"{s.van_name} ({s.van_seats} seats)" if s.van_name else "—"),
        Column("Pick-ups", lambda s: ", ".join(f"{p.name} {format_time(p.pickup_time)}"
                                               for p in s.pickups) or "—",
               tooltip=lambda s: "\n".join(f"{format_time(p.pickup_time)} {p.name}, {p.address}"
                                           for p in s.pickups) or None),
        Column("Places", lambda s: s.fill, lambda s: s.places - s.booked, numeric=True),
        Column("Status", _status),
    )


class VansTableModel(RowTableModel[VanRecord]):
    """Vans with their seats (people, not the driver) and office names."""

    def __init__(self, office_names: dict[int, str], parent: QObject | None = None):
        super().__init__(parent)
        offices = office_names
        self.COLUMNS = (
            Column("Name", lambda v: v.name),
            Column("Registration", lambda v: v.registration),
            Column("Seats", lambda v: str(v.seats), lambda v: v.seats, numeric=True),
            Column("Office", lambda v: offices.get(v.office_id, "")),
            Column("Status", lambda v: "Active" if v.active else "Inactive"),
        )


class PickupPointsTableModel(RowTableModel[PickupPointRecord]):
    """Pick-up points with their address and office names."""

    def __init__(self, office_names: dict[int, str], parent: QObject | None = None):
        super().__init__(parent)
        offices = office_names
        self.COLUMNS = (
            Column("Name", lambda p: p.name),
            Column("Address", lambda p: ", ".join(x for x in (p.address, p.town, p.postcode)
                                                  if x)),
            Column("Office", lambda p: offices.get(p.office_id, "")),
            Column("Status", lambda p: "Active" if p.active else "Inactive"),
        )
