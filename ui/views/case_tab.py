"""The person's record as the hub: sessions to come and past with outcomes, letters, hours
still to do, and a timeline of everything on the case; each line opens where it is edited."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import UpwError
from upw_ttg.records.case_record import CaseEvent, CaseOverview, SessionLine
from upw_ttg.records.letters import LetterLine
from upw_ttg.time_text import format_minutes

from ui.changes import Change, Subject, subscribe
from ui.formatting import format_date
from ui.loading import PageLoader
from ui.models.roles import RowRole
from ui.models.table_model import Column, RowTableModel
from ui.tasks import report_failure
from ui.widgets.tables import RowsFitter, WrapDelegate, make_table

# What a change to any of these can alter on the record.
_WATCHED = (Subject.BOOKING, Subject.SESSION, Subject.ATTENDANCE, Subject.ENFORCEMENT,
            Subject.LETTER, Subject.WARRANT, Subject.ORDER, Subject.CUSTODY, Subject.PLAN,
            Subject.KEEP_APART, Subject.ASSIGNMENT)
_HIDDEN_TEXT = {"sessions": "sessions and hours", "warrants": "travel warrants",
                "enforcement": "enforcement", "custody": "custody and plans"}


def _time(line: SessionLine) -> str:
    return f"{line.start_time:%H:%M}–{line.end_time:%H:%M}"


class UpcomingModel(RowTableModel[SessionLine]):
    COLUMNS = (
        Column("Date", lambda s: format_date(s.session_date), lambda s: s.session_date),
        Column("Time", _time),
        Column("Project", lambda s: s.project_name),
    )


class PastModel(RowTableModel[SessionLine]):
    COLUMNS = (
        Column("Date", lambda s: format_date(s.session_date), lambda s: s.session_date),
        Column("Project", lambda s: s.project_name),
        Column("Outcome", lambda s: "Stood down" if s.stood_down
               else s.outcome or "Not keyed yet"),
        Column("Credited", lambda s: format_minutes(s.credited_minutes)
               if s.credited_minutes else "", numeric=True),
    )


class TimelineModel(RowTableModel[CaseEvent]):
    COLUMNS = (
        Column("Date", lambda e: format_date(e.when), lambda e: e.when),
        Column("What happened", lambda e: ("To come: " if e.upcoming else "") + e.text),
    )


def _printed(line: LetterLine) -> str:
    if line.printed_on is None:
        return "Not printed yet"
    again = f" ({line.times_printed} times)" if line.times_printed > 1 else ""
    return format_date(line.printed_on) + again


class LettersModel(RowTableModel[LetterLine]):
    COLUMNS = (
        Column("Date", lambda a: format_date(a.when), lambda a: a.when),
        Column("Letter", lambda a: a.kind),
        Column("About", lambda a: a.about),
        Column("Printed", _printed),
    )


class CaseTab(QWidget):
    """Signals:
        open_requested(str, int, object): open where a line is edited: (``opens`` of the
            line, its record id, the line itself).
    """

    open_requested = Signal(str, int, object)

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.person_id: int | None = None
        self.overview: CaseOverview | None = None
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.upcoming_model = UpcomingModel(self)
        self.upcoming = make_table(self.upcoming_model, "Sessions to come", sortable=False)
        self.past_model = PastModel(self)
        self.past = make_table(self.past_model, "Past sessions and their outcomes",
                               sortable=False)
        self.letters_model = LettersModel(self)
        self.letters = make_table(self.letters_model, "Letters, newest first", sortable=False)
        self.timeline_model = TimelineModel(self)
        self.timeline = make_table(self.timeline_model, "Everything on the case, newest first",
                                   sortable=False)
        # Project names, outcomes and what happened wrap onto more lines in the width the
        # screen has: read whole, never shortened with "…". Dates and hours keep their width.
        self._fitters = []
        for view, fitted, wrapped in ((self.upcoming, (0, 1), (2,)),
                                      (self.past, (0, 3), (1, 2)),
                                      (self.letters, (0, 1, 3), (2,)),
                                      (self.timeline, (0,), (1,))):
            view.activated.connect(self._on_activated)
            view.setWordWrap(True)
            header = view.horizontalHeader()
            header.setStretchLastSection(False)
            for column in fitted:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            for column in wrapped:
                view.setItemDelegateForColumn(column, WrapDelegate(view))
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self._fitters.append(RowsFitter(view))
        self.upcoming_empty = QLabel("No sessions booked.")
        self.upcoming_empty.setObjectName("Hint")
        self.past_empty = QLabel("No past sessions.")
        self.past_empty.setObjectName("Hint")
        self.letters_empty = QLabel("No letters yet.")
        self.letters_empty.setObjectName("Hint")
        hint = QLabel("Enter or double-click a line to open it where it is changed.")
        hint.setObjectName("Hint")

        sessions = QWidget()
        left = QVBoxLayout(sessions)
        left.setContentsMargins(0, 0, 0, 0)
        for title, empty, view, stretch in (
                ("Sessions to come", self.upcoming_empty, self.upcoming, 2),
                ("Letters", self.letters_empty, self.letters, 2),
                ("Past sessions and outcomes", self.past_empty, self.past, 3)):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(empty)
            inner.addWidget(view, 1)
            left.addWidget(box, stretch)
        self._left = left
        history = QGroupBox("Timeline")
        right = QVBoxLayout(history)
        right.addWidget(self.timeline, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(sessions)
        split.addWidget(history)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(split, 1)
        subscribe(self, _WATCHED, self._on_change)
        # The overview is read on a worker: a record opens without waiting for its sessions.
        self.loader = PageLoader(self, [self.upcoming, self.letters, self.past, self.timeline],
                                 "The case could not be read.")

    def load(self, person_id: int) -> None:
        self.person_id = person_id
        self.reload()

    def reload(self) -> None:
        if self.person_id is None:
            return
        person_id, case_record = self.person_id, self._services.case_record
        self.loader.load(lambda: case_record.overview(person_id), self._show_read,
                         self._read_failed)

    def _show_read(self, overview: CaseOverview) -> None:
        if overview.person_id == self.person_id:  # not a record left since
            self.show_overview(overview)

    def _read_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UpwError):
            self.summary.setText(f"The case could not be read: {exc}")
        else:
            report_failure(self, "The case could not be read.", exc)

    def show_overview(self, overview: CaseOverview) -> None:
        self.overview = overview
        self.upcoming_model.set_rows(overview.upcoming)
        self.past_model.set_rows(overview.past)
        self.timeline_model.set_rows(overview.events)
        self.letters_model.set_rows(overview.letters)
        # An empty list is only its hint, leaving the height to the lists with lines.
        for place, (empty, view, rows, stretch) in enumerate((
                (self.upcoming_empty, self.upcoming, overview.upcoming, 2),
                (self.letters_empty, self.letters, overview.letters, 2),
                (self.past_empty, self.past, overview.past, 3))):
            empty.setVisible(not rows)
            view.setVisible(bool(rows))
            self._left.setStretch(place, stretch if rows else 0)
        self.summary.setText(self._summary(overview))

    @staticmethod
    def _summary(overview: CaseOverview) -> str:
        parts = []
        closed = [line for line in overview.hours if line.remaining_minutes == 0]
        for line in (line for line in overview.hours if line.remaining_minutes > 0):
            parts.append(f"Order of {format_date(line.sentence_date)}: "
                         f"<b>{format_minutes(line.remaining_minutes)}</b> still to do of "
                         f"{format_minutes(line.ordered_minutes)} "
                         f"({line.status.lower()})")
        if closed:
            parts.append(f"{len(closed)} order{'s' if len(closed) != 1 else ''} with no "
                         "hours left to do (see UPW orders).")
        if "sessions" not in overview.hidden and not overview.hours:
            parts.append("No unpaid work orders.")
        if overview.keep_apart_pairs:
            pairs = overview.keep_apart_pairs
            parts.append(f"Kept apart from {pairs} other {'people' if pairs > 1 else 'person'}")
        hidden = [_HIDDEN_TEXT[h] for h in sorted(overview.hidden) if h in _HIDDEN_TEXT]
        if hidden:
            parts.append("Your roles do not show " + ", ".join(hidden) + ".")
        return "<br>".join(parts)

    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(RowRole)
        if isinstance(row, SessionLine):
            self.open_requested.emit("session", row.session_id, row)
        elif isinstance(row, (CaseEvent, LetterLine)):
            self.open_requested.emit(row.opens, row.ref_id, row)

    def _on_change(self, change: Change) -> None:
        if change.touches_person(self.person_id):
            self.reload()

    def table_views(self) -> list[QTableView]:
        return [self.upcoming, self.letters, self.past, self.timeline]
