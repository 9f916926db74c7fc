"""Standing a session down: the reason, then who must be told, what to offer, warrants."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import StaleRecordError, UpwError, ValidationError
from upw_ttg.records.upw import (
    STAND_DOWN_LABELS,
    PersonToTell,
    SessionRecord,
    StandDownReason,
    StandDownResult,
)

from ui.changes import Subject, publish
from ui.dialogs.upw.place_dialog import session_title
from ui.models.upw.session_models import PeopleToTellTableModel
from ui.models.upw.text import format_day, format_times
from ui.widgets.banner import Banner
from ui.widgets.code_combo import enum_value
from ui.widgets.form_fields import FieldSet
from ui.widgets.tables import make_table, selected_row


class StandDownDialog(QDialog):
    """First the reason; after standing down, the people to tell with their phone numbers,
    the next suitable sessions to offer each (bookable here) and any warrant to check.

    Signals:
        stood_down(object): the ``StandDownResult``.
        booked(str): someone was booked on an offered session (a status-bar message).
    """

    stood_down = Signal(object)
    booked = Signal(str)

    def __init__(self, services: AppServices, session: SessionRecord,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Stand down – {session_title(session)}")
        self._services = services
        self._session = session
        self.result_record: StandDownResult | None = None
        self.banner = Banner()
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_ask())
        self.stack.addWidget(self._build_result())
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.resize(760, 420)

    # Step 1: the reason ------------------------------------------------------------------

    def _build_ask(self) -> QWidget:
        page = QWidget()
        intro = QLabel(f"Everyone on this session ({self._session.booked} "
                       f"{'person' if self._session.booked == 1 else 'people'}) will be marked "
                       "AASD, acceptable absence – stood down. You will then see who to tell, "
                       "with their phone numbers, and the next sessions to offer them.")
        intro.setWordWrap(True)
        intro.setObjectName("Hint")
        self.fields = FieldSet()
        form = QFormLayout()
        self.reason = QComboBox()
        for reason in StandDownReason:
            self.reason.addItem(STAND_DOWN_LABELS[reason], reason)
        self.fields.add_row(form, "reason", "&Reason", self.reason)
        self.detail = QLineEdit()
        self.detail.setMaxLength(180)
        self.detail.setPlaceholderText("e.g. high winds forecast; van failed its check")
        self.fields.add_row(form, "detail", "&Details", self.detail,
                            hint="Needed when the reason is Other.")
        self.stand_down_button = QPushButton("&Stand down")
        self.stand_down_button.setProperty("primary", "true")
        self.stand_down_button.setDefault(True)
        self.stand_down_button.clicked.connect(self.stand_down)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.stand_down_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    @Slot()
    def stand_down(self) -> None:
        self.banner.clear()
        self.fields.clear()
        try:
            result = self._services.upw.stand_downs.stand_down(
                self._session.id, enum_value(self.reason, StandDownReason) or StandDownReason.OTHER,
                self.detail.text().strip() or None,
                version=self._session.version)
        except ValidationError as exc:
            leftover = self.fields.show_errors(exc.fields)
            if leftover:
                self.banner.show_message(" ".join(leftover.values()))
            return
        except (StaleRecordError, UpwError) as exc:
            self.banner.show_message(str(exc))
            return
        self.result_record = result
        # Its bookings were stood down with it (and any moved elsewhere): lists of both follow.
        people = [p.person_id for p in result.people] + [r.person_id for r in result.moved]
        publish(Subject.SESSION, [result.session_id], people, result)
        if result.moved:
            publish(Subject.BOOKING, [r.id for r in result.moved],
                    [r.person_id for r in result.moved])
        self._show_result(result)
        self.stood_down.emit(result)

    # Step 2: who to tell -----------------------------------------------------------------

    def _build_result(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = PeopleToTellTableModel(self)
        self.table = make_table(self.model, "People to tell", sortable=False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.warrants = QLabel()
        self.warrants.setWordWrap(True)
        self.warrants.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.offer = QComboBox()
        self.offer.setAccessibleName("Session to offer")
        self.offer.setMinimumContentsLength(40)
        offer_label = QLabel("&Offer:")
        offer_label.setBuddy(self.offer)
        self.offer_reason = QLineEdit()
        self.offer_reason.setAccessibleName("Reason to override")
        self.offer_reason.setPlaceholderText("Reason, if the session needs one")
        self.book_button = QPushButton("&Book this session")
        self.book_button.clicked.connect(self.book_offer)
        close = QPushButton("&Close")
        close.clicked.connect(self.accept)
        offer_row = QHBoxLayout()
        offer_row.addWidget(offer_label)
        offer_row.addWidget(self.offer, 2)
        offer_row.addWidget(self.offer_reason, 1)
        offer_row.addWidget(self.book_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warrants)
        layout.addLayout(offer_row)
        layout.addLayout(bottom)
        return page

    def _show_result(self, result: StandDownResult) -> None:
        people = len(result.people)
        self.summary.setText(
            f"<b>Stood down: {result.reason}.</b> "
            + (f"Tell these {people} {'person' if people == 1 else 'people'}; each is marked "
               "AASD. The next suitable sessions are listed: choose one and Book to offer it."
               if people else "Nobody was booked on it."))
        self.model.set_rows(result.people)
        for column in range(PeopleToTellTableModel.OFFERS):
            self.table.resizeColumnToContents(column)
        if result.warrants_flagged:
            lines = ", ".join(f"{w.serial_text} ({w.name})" for w in result.warrants_flagged)
            self.warrants.setText(f"⚠ Travel warrants issued for that day: {lines}. Void them "
                                  "or mark them returned unused when they come back.")
        else:
            self.warrants.setText("No travel warrant was issued for that day.")
        self.stack.setCurrentIndex(1)
        self.resize(1100, 520)
        if people:
            self.table.selectRow(0)
            self.table.setFocus()
        self._on_selection_changed()

    def _on_selection_changed(self, *_args: QItemSelection) -> None:
        person = selected_row(self.table, PersonToTell)
        self.offer.clear()
        for offer in person.offers if person is not None else ():
            note = f" – needs a reason: {' '.join(offer.warnings)}" if offer.warnings else ""
            self.offer.addItem(f"{format_day(offer.session_date)} "
                               f"{format_times(offer.start_time, offer.end_time)} "
                               f"{offer.project_name} ({offer.free_places} free){note}", offer)
        has = self.offer.count() > 0
        self.offer.setEnabled(has)
        self.book_button.setEnabled(has)
        self.offer_reason.setEnabled(has)

    @Slot()
    def book_offer(self) -> None:
        person = selected_row(self.table, PersonToTell)
        offer = self.offer.currentData()
        if person is None or offer is None:
            return
        self.banner.clear()
        try:
            placed = self._services.upw.placement.place(
                person.order_id, offer.session_id,
                override_reason=self.offer_reason.text().strip() or None)
        except UpwError as exc:
            self.banner.show_message(str(exc))
            return
        publish(Subject.BOOKING, [placed.id], [placed.person_id])
        text = (f"Booked {person.name} on {offer.project_name}, "
                f"{format_day(offer.session_date)}.")
        self.banner.show_message(text, "info")
        self.booked.emit(text)
