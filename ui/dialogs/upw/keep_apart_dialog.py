"""Keep-apart pairs on a person's record: see them, record a new one, end one no longer needed."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import KeepApartKind
from upw_ttg.errors import UpwError, ValidationError
from upw_ttg.records.keep_apart import BrokenBooking, KeepApartPair
from upw_ttg.records.people import PersonRecord, PersonRow

from ui.formatting import BLANK, format_date, label
from ui.models.table_model import Column, RowTableModel
from ui.models.upw.text import format_day, format_times
from ui.permissions import can_schedule
from ui.widgets.banner import Banner
from ui.widgets.form_fields import FieldSet
from ui.widgets.person_picker import PersonPicker
from ui.widgets.tables import fit_columns, make_table, selected_row

HIDDEN = "Seen by coordinators and managers only"


def _status(pair: KeepApartPair) -> str:
    if pair.current:
        return "Current"
    who = f" by {pair.ended_by}" if pair.ended_by else ""
    why = f": {pair.end_reason}" if pair.end_reason else ""
    return f"Ended {format_date(pair.ended_on)}{who}{why}"


class PairsModel(RowTableModel[KeepApartPair]):
    COLUMNS = (
        Column("Kept apart from", lambda p: f"{p.other_name} ({p.other_crn})"),
        Column("Why", lambda p: label(p.kind)),
        Column("Detail", lambda p: p.detail or (HIDDEN if p.detail_hidden else BLANK)),
        Column("Recorded", lambda p: format_date(p.recorded_on)
               + (f" by {p.recorded_by}" if p.recorded_by else ""),
               sort=lambda p: p.recorded_on),
        Column("Status", _status, tooltip=_status),
    )


def broken_html(broken: tuple[BrokenBooking, ...]) -> str:
    """Future bookings a pair breaks, one line each (names and sessions, never the detail)."""
    items = "".join(f"<li>{html.escape(b.project_name)}, {format_day(b.session_date)}, "
                    f"{format_times(b.start_time, b.end_time)}: "
                    f"{html.escape(' and '.join(b.names))}</li>" for b in broken)
    count = len(broken)
    return (f"<p><b>This breaks {count} future booking{'s' if count != 1 else ''}</b>: "
            f"both are on the same session. Move or remove one of them:</p><ul>{items}</ul>")


class KeepApartDialog(QDialog):
    """The pairs of ``person`` (both directions), with recording and ending for those allowed.

    The detail of a pair is sensitive: the service gives it only to coordinators and
    managers, and this dialog shows it nowhere else (nothing here prints).
    """

    def __init__(self, services: AppServices, person: PersonRecord,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._keep_apart = services.upw.keep_apart
        self._person = person
        self._other: PersonRow | None = None
        self._can_edit = can_schedule(services.ctx.actor)
        self.setWindowTitle(f"Keep apart – {person.display_name}")
        intro = QLabel(f"People {person.display_name} must never share a session with. Why "
                       "they are kept apart is seen by coordinators and managers only and is "
                       "never printed.")
        intro.setObjectName("Hint")
        intro.setWordWrap(True)
        self.banner = Banner()
        self.model = PairsModel(self)
        self.table = make_table(self.model, "Keep-apart pairs", sortable=False)
        self.table.setMinimumHeight(130)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.fields = FieldSet()

        end_box = QHBoxLayout()
        self.end_reason = QLineEdit()
        self.end_reason.setMaxLength(400)
        self.end_reason.setPlaceholderText("Why they no longer need keeping apart, e.g. the "
                                           "restraining order expired")
        self.end_reason.setAccessibleName("Reason for ending the pair")
        self.end_button = QPushButton("&End selected pair")
        self.end_button.clicked.connect(self.end_selected)
        end_box.addWidget(QLabel("Reason for ending:"))
        end_box.addWidget(self.end_reason, 1)
        end_box.addWidget(self.end_button)

        new, form = QGroupBox("Record a new pair"), QFormLayout()
        new.setLayout(form)
        self.picker = PersonPicker(services.people)
        self.picker.table.setMinimumHeight(90)
        self.picker.person_chosen.connect(self._on_other_chosen)
        self.fields.add_row(form, "other_person_id", "Keep apart &from", self.picker)
        self.kind = QComboBox()
        self.kind.addItem("Choose…", None)
        for kind in KeepApartKind:
            self.kind.addItem(label(kind), kind)
        self.fields.add_row(form, "kind", "&Why", self.kind)
        self.detail = QLineEdit()
        self.detail.setMaxLength(500)
        self.fields.add_row(form, "detail", "&Detail", self.detail,
                            hint="Sensitive: seen by coordinators and managers only, never "
                                 "printed or put on letters. Needed when the reason is Other.")
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        form.addRow("", self.preview)
        self.record_button = QPushButton("&Record pair")
        self.record_button.setProperty("primary", "true")
        self.record_button.clicked.connect(self.record_pair)
        record_row = QHBoxLayout()
        record_row.addStretch(1)
        record_row.addWidget(self.record_button)
        form.addRow("", record_row)
        new.setVisible(self._can_edit)
        self.end_reason.setEnabled(self._can_edit)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(end_box)
        layout.addWidget(new)
        layout.addWidget(buttons)
        self.resize(1000, 680)
        self.reload()

    # Reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            pairs = self._keep_apart.pairs_for(self._person.id)
        except UpwError as exc:
            self.banner.show_message(str(exc))
            pairs = []
        self.model.set_rows(pairs)
        fit_columns(self.table)
        self._on_selection_changed()

    def selected(self) -> KeepApartPair | None:
        return selected_row(self.table, KeepApartPair)

    def _on_selection_changed(self, *_args) -> None:
        pair = self.selected()
        self.end_button.setEnabled(self._can_edit and pair is not None and pair.current)

    def _on_other_chosen(self, person: PersonRow | None) -> None:
        self._other = person
        self.preview.clear()
        if person is None or person.id == self._person.id:
            return
        try:
            broken = self._keep_apart.preview(self._person.id, person.id)
        except UpwError as exc:
            self.preview.setText(html.escape(str(exc)))
            return
        self.preview.setText(broken_html(broken) if broken else
                             "They are not booked on any session together.")

    # Writing -----------------------------------------------------------------------------

    @Slot()
    def record_pair(self) -> None:
        self.fields.clear()
        self.banner.clear()
        try:
            if self._other is None:
                raise ValidationError({"other_person_id": "Find the person to keep apart "
                                                          "from."})
            if self.kind.currentData() is None:
                raise ValidationError({"kind": "Choose why they are kept apart."})
            result = self._keep_apart.record(self._person.id, self._other.id,
                                             self.kind.currentData(), self.detail.text())
        except ValidationError as exc:
            leftover = self.fields.show_errors(exc.fields)
            self.banner.show_message(" ".join(leftover.values()) if leftover else
                                     "Please correct the fields marked below.")
            return
        except UpwError as exc:
            self.banner.show_message(str(exc))
            return
        name = result.pair.other_name
        count = len(result.broken)
        breaks = "booking now breaks" if count == 1 else "bookings now break"
        if result.broken:
            self.banner.show_message(f"Recorded: {self._person.display_name} and {name} are "
                                     f"kept apart. {count} future {breaks} this: "
                                     + "; ".join(
                                         f"{b.project_name} on {format_day(b.session_date)}"
                                         for b in result.broken)
                                     + ". Move or remove one of them.", "warning")
        else:
            self.banner.show_message(f"Recorded: {self._person.display_name} and {name} are "
                                     "kept apart.", "info")
        self.detail.clear()
        self.kind.setCurrentIndex(0)
        self.picker.search.clear()
        self.picker.run_search()
        self.preview.clear()
        self.reload()

    @Slot()
    def end_selected(self) -> None:
        pair = self.selected()
        if pair is None:
            return
        self.banner.clear()
        try:
            self._keep_apart.end(pair.id, reason=self.end_reason.text(), version=pair.version,
                                 person_id=self._person.id)
        except UpwError as exc:
            message = exc.fields.get("end_reason", str(exc)) \
                if isinstance(exc, ValidationError) else str(exc)
            self.banner.show_message(message)
            self.end_reason.setFocus()
            return
        self.end_reason.clear()
        self.banner.show_message(f"Ended: {pair.other_name} is no longer kept apart from "
                                 f"{self._person.display_name}.", "info")
        self.reload()
