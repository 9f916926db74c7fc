"""Induction: the people awaiting a first session against the deadline, and induction sessions
to book them on through the placement rules (rule UPW-INDUCTION)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import UpwError
from upw_ttg.records.skills import AwaitingInduction, InductionSession
from upw_ttg.services.upw import PlacementRefused

from ui.changes import PLACEMENTS, Subject, announce, follow, open_person, publish
from ui.loading import PageLoader
from ui.models.upw.delivery_units import DeliveryUnit
from ui.models.upw.induction_model import AwaitingInductionModel, InductionSessionsModel
from ui.models.upw.text import format_day
from ui.permissions import can, not_allowed_tip
from ui.widgets.banner import Banner
from ui.widgets.fit import narrow_combo
from ui.widgets.tables import fit_columns, make_table, selected_row


class InductionPage(QWidget):
    """Two lists of one delivery unit: who awaits induction, and the induction sessions."""

    def __init__(self, services: AppServices, units: list[DeliveryUnit], unit_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._loaded = False
        self._may_place = can(services.ctx.actor, Capability.PLACE_PEOPLE)
        title = QLabel("Induction")
        title.setObjectName("PageTitle")
        self.unit = narrow_combo(QComboBox())
        self.unit.setAccessibleName("Delivery unit")
        self.unit.addItem("All delivery units", None)
        for unit in units:
            self.unit.addItem(unit.name, unit.id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit_id)))
        self.unit.currentIndexChanged.connect(lambda _index: self.reload())
        unit_label = QLabel("&Unit:")
        unit_label.setBuddy(self.unit)
        self.refresh_button = QPushButton("R&efresh")
        self.refresh_button.clicked.connect(self.reload)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.open_button = QPushButton("&Open record")
        self.open_button.clicked.connect(self.open_person)
        self.book_button = QPushButton("&Book on induction")
        self.book_button.setProperty("primary", "true")
        self.book_button.setToolTip("Book the chosen person on the chosen induction session; "
                                    "the placement rules decide" if self._may_place
                                    else not_allowed_tip("place people"))
        self.book_button.clicked.connect(self.book)
        self.banner = Banner()
        self.people_model = AwaitingInductionModel(self)
        self.people = make_table(self.people_model, "People awaiting induction")
        self.people.activated.connect(lambda _index: self.open_person())
        self.people.selectionModel().selectionChanged.connect(self._update_buttons)
        self.people_label = QLabel("&People awaiting induction")
        self.people_label.setBuddy(self.people)
        self.people_label.setObjectName("SectionTitle")
        self.people_count = QLabel()
        self.people_count.setObjectName("Hint")
        self.people_count.setWordWrap(True)
        self.sessions_model = InductionSessionsModel(self)
        self.sessions = make_table(self.sessions_model, "Induction sessions",
                                   stretch_last=False)
        self.sessions.horizontalHeader().setSectionResizeMode(
            InductionSessionsModel.PROJECT, QHeaderView.ResizeMode.Stretch)
        self.sessions.activated.connect(lambda _index: self.book())
        self.sessions.selectionModel().selectionChanged.connect(self._update_buttons)
        self.sessions_label = QLabel("Induc&tion sessions, the next four weeks (Enter books "
                                     "the chosen person)")
        self.sessions_label.setBuddy(self.sessions)
        self.sessions_label.setObjectName("SectionTitle")
        self.loader = PageLoader(self, [self.people, self.sessions])

        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(unit_label)
        top.addWidget(self.unit)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.open_button)
        top.addWidget(self.book_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.people_label)
        upper_layout.addWidget(self.people_count)
        upper_layout.addWidget(self.people, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        lower_layout.addWidget(self.sessions_label)
        lower_layout.addWidget(self.sessions, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self._update_buttons()
        # Booked, stood down or an order changed anywhere (this page's own bookings too).
        follow(self, PLACEMENTS, self.reload)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    @Slot()
    def reload(self) -> None:
        """Read both lists on a worker; the tables say they are loading until they arrive."""
        self._loaded = True
        induction, unit_id = self._services.upw.induction, self.unit.currentData()
        self.people_count.setText("Reading who is awaiting induction…")
        self.loader.load(lambda: (induction.awaiting(unit_id), induction.sessions(unit_id)),
                         lambda lists: self.show_lists(*lists))

    def show_lists(self, people: list[AwaitingInduction],
                   sessions: list[InductionSession]) -> None:
        chosen = self.selected_person()
        self.people_model.set_rows(people)
        self.sessions_model.set_rows(sessions)
        fit_columns(self.people, {AwaitingInductionModel.NAME: "Agnieszka Jabłońska"})
        fit_columns(self.sessions, skip=(InductionSessionsModel.PROJECT,))
        overdue = sum(1 for p in people if p.overdue)
        unbooked = sum(1 for p in people if p.induction_booked is None)
        where = self.unit.currentText()
        self.people_count.setText(
            f"Nobody in {where} is awaiting induction." if not people else
            f"{len(people)} awaiting induction in {where}: {unbooked} not booked, {overdue} "
            "past the first-session deadline. The unbooked and most urgent come first.")
        rows = [p.order_id for p in people]
        if people:
            self.people.selectRow(rows.index(chosen.order_id) if chosen and
                                  chosen.order_id in rows else 0)
        if sessions:
            self.sessions.selectRow(0)
        self._update_buttons()

    def selected_person(self) -> AwaitingInduction | None:
        return selected_row(self.people, AwaitingInduction)

    def selected_session(self) -> InductionSession | None:
        return selected_row(self.sessions, InductionSession)

    def _update_buttons(self, *_args: object) -> None:
        person = self.selected_person()
        self.open_button.setEnabled(person is not None)
        self.book_button.setEnabled(self._may_place and person is not None
                                    and self.selected_session() is not None)

    @Slot()
    def open_person(self) -> None:
        person = self.selected_person()
        if person is not None:
            open_person(person.person_id)

    def ask_reason(self, person: AwaitingInduction, messages: list[str]) -> str | None:
        """The reason for going ahead against soft rules, or None to stop (tests patch this)."""
        text, ok = QInputDialog.getMultiLineText(
            self, "Book against a rule", f"Booking {person.name} breaks:\n• "
            + "\n• ".join(messages) + "\n\nWhy go ahead? The reason is recorded.")
        return text.strip() or None if ok else None

    @Slot()
    def book(self) -> None:
        """Check with the placement rules, ask for a reason if a soft rule is broken, book."""
        person, session = self.selected_person(), self.selected_session()
        if person is None or session is None or not self.book_button.isEnabled():
            return
        induction = self._services.upw.induction
        self.banner.clear()
        try:
            decision = induction.check(person.order_id, session.session_id)
            reason = None
            if decision.hard:
                self.banner.show_message(f"{person.name} cannot be booked on this induction: "
                                         + " ".join(b.message for b in decision.hard))
                return
            if decision.soft:
                reason = self.ask_reason(person, decision.messages())
                if reason is None:
                    return
            booked = induction.book(person.order_id, session.session_id,
                                    override_reason=reason)
        except PlacementRefused as exc:
            self.banner.show_message(f"{person.name} cannot be booked on this induction: "
                                     + " ".join(b.message for b in exc.breaches))
            return
        except UpwError as exc:
            self.banner.show_message(str(exc))
            return
        message = (f"Booked {person.name} on the induction at {session.project_name} on "
                   f"{format_day(session.session_date)}.")
        self.banner.show_message(message, "info")
        announce(message)
        publish(Subject.BOOKING, [booked.id], [booked.person_id], booked)
