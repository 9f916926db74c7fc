"""Auto-fill a week: propose in the background, review the proposal, then apply or discard."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import Cancelled, UpwError
from upw_ttg.records.upw import ApplyResult, AutoFillProposal

from ui.changes import Subject, publish
from ui.models.table_model import RowSortProxy
from ui.models.upw.autofill_model import ProposalLine, ProposalTableModel, ShortfallTableModel
from ui.models.upw.delivery_units import delivery_units
from ui.models.upw.text import format_minutes
from ui.tasks import BackgroundTask, TaskControl, report_failure, run_in_background
from ui.widgets.banner import Banner
from ui.widgets.records_to_check import RecordsToCheckBanner
from ui.widgets.tables import fit_columns, make_table
from ui.widgets.unit_week_bar import UnitWeekBar


def _propose(services: AppServices, monday: dt.date, unit_id: int | None,
             control: TaskControl) -> tuple[AutoFillProposal, list[ProposalLine]]:
    """The proposal and a named line for each placement (runs off the main thread)."""
    proposal = services.upw.autofill.propose(monday, unit_id, progress=control.report,
                                             cancelled=control.cancelled)
    names: dict[int, tuple[str, str]] = {s.person_id: (s.name, s.crn)
                                         for s in proposal.shortfalls}
    pickups: dict[int, dict[int, str]] = {}
    wanted = {p.person_id for p in proposal.placements} - set(names)
    for number, person_id in enumerate(sorted(wanted)):
        if control.cancelled():
            raise Cancelled()
        control.report(number, len(wanted), "Looking up names")
        person = services.people.get(person_id)
        names[person_id] = (person.display_name, person.crn)
    for session_id in {p.session_id for p in proposal.placements if p.session_pickup_id}:
        record = services.upw.sessions.get(session_id)
        pickups[session_id] = {x.id: f"Van from {x.name} {x.pickup_time:%H:%M}"
                               for x in record.pickups}
    lines = [ProposalLine(*names[p.person_id], p,
                          pickups.get(p.session_id, {}).get(p.session_pickup_id or 0,
                                                            "Makes own way"))
             for p in proposal.placements]
    lines.sort(key=lambda line: (line.name, line.placement.session_date,
                                 line.placement.start_time))
    return proposal, lines


class AutoFillDialog(QDialog):
    """Propose starts at once; the coordinator reviews, then Apply books everything in one
    transaction (re-checked against what is booked by then) or Discard throws it away.

    Signals:
        applied(str): the proposal was applied; a status-bar message.
    """

    applied = Signal(str)

    def __init__(self, services: AppServices, unit_id: int | None, monday: dt.date,
                 parent: QWidget | None = None, *, start: bool = True):
        super().__init__(parent)
        self.setWindowTitle("Auto-fill a week")
        self._services = services
        self.proposal: AutoFillProposal | None = None
        self.apply_result: ApplyResult | None = None
        self.task: BackgroundTask | None = None
        units, _ = delivery_units(services)
        self.bar = UnitWeekBar(units, unit_id, services.ctx.today())
        self.bar.set_week(monday)
        self.bar.install_shortcuts(self)
        self.bar.changed.connect(self._on_week_changed)
        intro = QLabel("Auto-fill proposes places so everyone with hours to work is offered "
                       "the weekly hours, the first session falls within its deadline, women "
                       "who chose female-only get female-only sessions, and no rule is broken. "
                       "Nothing is booked until you press Apply.")
        intro.setWordWrap(True)
        intro.setObjectName("Hint")
        self.banner = Banner()
        self.summary = QLabel("Working out a proposal…")
        self.summary.setWordWrap(True)
        self.summary.setObjectName("CountLabel")
        self.placements = ProposalTableModel(self)
        placements_proxy = RowSortProxy(self)
        placements_proxy.setSourceModel(self.placements)
        self.placements_table = make_table(placements_proxy, "Places to book")
        self.shortfalls = ShortfallTableModel(self)
        shortfalls_proxy = RowSortProxy(self)
        shortfalls_proxy.setSourceModel(self.shortfalls)
        self.shortfalls_table = make_table(shortfalls_proxy, "People not fully placed")
        self.shortfalls_table.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._titled("Places to book", self.placements_table))
        splitter.addWidget(self._titled("Not fully placed, and why", self.shortfalls_table))
        splitter.setChildrenCollapsible(False)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("Hint")
        self.propose_button = QPushButton("&Propose")
        self.propose_button.clicked.connect(self.propose)
        self.apply_button = QPushButton("&Apply")
        self.apply_button.setProperty("primary", "true")
        self.apply_button.setToolTip("Book every place in the proposal in one go")
        self.apply_button.clicked.connect(self.apply)
        self.discard_button = QPushButton("&Discard")
        self.discard_button.setToolTip("Close without booking anything")
        self.discard_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.propose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        self.to_check = RecordsToCheckBanner()
        layout.addWidget(self.to_check)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        self.apply_button.setEnabled(False)
        self.resize(1160, 720)
        if start:
            self.propose()

    @staticmethod
    def _titled(title: str, table: QWidget) -> QWidget:
        holder = QWidget()
        heading = QLabel(title)
        heading.setStyleSheet("font-weight: 600;")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(table, 1)
        return holder

    # Proposing ---------------------------------------------------------------------------

    @Slot()
    def propose(self) -> None:
        self.banner.clear()
        self.apply_button.setEnabled(False)
        self.propose_button.setEnabled(False)
        self.summary.setText("Working out a proposal…")
        services, monday, unit_id = self._services, self.bar.monday, self.bar.unit_id
        self.task = run_in_background(
            lambda control: _propose(services, monday, unit_id, control),
            lambda result: self._on_proposed(result, (unit_id, monday)),
            self._on_propose_failed, "Working out the auto-fill proposal…",
            parent=self, with_progress=True, on_cancelled=self._on_propose_cancelled)

    def _on_week_changed(self) -> None:
        if self.task is not None and not self.task.finished_running:
            self.task.cancel()
        self.proposal = None
        self.placements.set_rows([])
        self.shortfalls.set_rows([])
        self.notes.clear()
        self.apply_button.setEnabled(False)
        self.summary.setText("Press Propose to work out places for this week.")

    def _on_proposed(self, result: tuple[AutoFillProposal, list[ProposalLine]],
                     asked: tuple[int | None, dt.date]) -> None:
        self.propose_button.setEnabled(True)
        if asked != (self.bar.unit_id, self.bar.monday):
            return  # the week or unit changed while it was being worked out
        proposal, lines = result
        self.proposal = proposal
        self.placements.set_rows(lines)
        self.shortfalls.set_rows(proposal.shortfalls)
        fit_columns(self.placements_table)
        fit_columns(self.shortfalls_table, {2: "00.5 of 00.5"})
        self.shortfalls_table.resizeRowsToContents()
        hours = sum(p.minutes for p in proposal.placements)
        people = len({p.order_id for p in proposal.placements})
        self.summary.setText(
            f"{len(proposal.placements)} places to book for {people} "
            f"{'person' if people == 1 else 'people'} ({format_minutes(hours)} hours), out of "
            f"{proposal.orders_considered} orders with hours to offer this week. "
            + (f"{len(proposal.shortfalls)} would not be fully placed: the reasons are below."
               if proposal.shortfalls else "Everyone would be fully placed."))
        self.notes.setText(("⚠ " + " ".join(proposal.notes)) if proposal.notes else "")
        self.to_check.show_records(proposal.to_check)
        self.apply_button.setEnabled(bool(proposal.placements))

    def _on_propose_failed(self, exc: BaseException) -> None:
        self.propose_button.setEnabled(True)
        self.summary.setText("No proposal.")
        report_failure(self, "The auto-fill proposal could not be worked out.", exc)

    def _on_propose_cancelled(self) -> None:
        self.propose_button.setEnabled(True)
        self.summary.setText("Cancelled: no proposal. Press Propose to start again.")

    # Applying ----------------------------------------------------------------------------

    @Slot()
    def apply(self) -> None:
        if self.proposal is None:
            return
        proposal = self.proposal
        self.apply_button.setEnabled(False)
        self.propose_button.setEnabled(False)
        self.discard_button.setEnabled(False)
        autofill = self._services.upw.autofill
        self.task = run_in_background(
            lambda control: autofill.apply(proposal, progress=control.report),
            self._on_applied, self._on_apply_failed, "Booking the places…", parent=self,
            with_progress=True)

    def _on_applied(self, result: ApplyResult) -> None:
        self.apply_result = result
        if result.created:
            # Which appointments is not returned: every list of bookings reads again.
            publish(Subject.BOOKING)
        message = f"Auto-fill booked {result.created} places."
        if result.already_there:
            message += f" {result.already_there} were already booked."
        if result.refused:
            message += (f" {len(result.refused)} could not be booked because the sessions "
                        "changed since the proposal.")
        self.applied.emit(message)
        self.accept()

    def _on_apply_failed(self, exc: BaseException) -> None:
        self.apply_button.setEnabled(True)
        self.propose_button.setEnabled(True)
        self.discard_button.setEnabled(True)
        if isinstance(exc, UpwError):
            self.banner.show_message(f"The proposal was not applied: {exc}")
        else:
            report_failure(self, "The proposal was not applied.", exc)
