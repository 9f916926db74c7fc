"""Risk changes to share (rule UPW-RISKSHARE): record who was told and confirmed; chase."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import ContactMethod
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.risk_sharing import CONTACT_KIND_LABELS
from upw_ttg.errors import UpwError, ValidationError
from upw_ttg.records.risk_sharing import RiskContactRow

from ui.changes import announce, open_person
from ui.formatting import format_date
from ui.loading import PageLoader
from ui.models.upw.risk_model import RiskContactsModel
from ui.permissions import can, not_allowed_tip
from ui.views.attendance.common import FilterBar
from ui.widgets.banner import Banner
from ui.widgets.form_fields import FieldSet
from ui.widgets.labels import hint, page_title
from ui.widgets.tables import fit_columns, make_table, selected_row

_METHODS = ((ContactMethod.PHONE, "Phone"), (ContactMethod.EMAIL, "Email"),
            (ContactMethod.MEETING, "In person"), (ContactMethod.VIDEO, "Video call"),
            (ContactMethod.LETTER, "Letter"))


class RiskSharingPage(QWidget):
    """Everyone still to confirm a person's risk change, those to chase first; for the
    selected one: told (how), confirmed, or chased."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._sharing = services.upw.risk_sharing
        self._sharer = can(services.ctx.actor, Capability.SHARE_RISK_CHANGES)
        self.filters = FilterBar(services)
        self.filters.changed.connect(self.refresh)
        self.model = RiskContactsModel(self)
        self.table = make_table(self.model, "Still to confirm a risk change, chase first",
                                sortable=False)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.count = hint()
        self.banner = Banner()
        self.fields = FieldSet()
        self.box = QGroupBox("The selected contact")
        form = QFormLayout()
        self.method = QComboBox()
        for method, label in _METHODS:
            self.method.addItem(label, method)
        self.method.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.method.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.fields.add_row(form, "told_method", "How they we&re told", self.method)
        self.note = QLineEdit()
        self.note.setMaxLength(400)
        self.note.setPlaceholderText("Optional: who you spoke to, what they will do")
        self.note.setMaximumWidth(640)
        self.fields.add_row(form, "note", "N&ote", self.note)
        self.told_button = QPushButton("&Told today")
        self.told_button.clicked.connect(self.record_told)
        self.confirmed_button = QPushButton("&Confirmed")
        self.confirmed_button.setProperty("primary", "true")
        self.confirmed_button.setToolTip("They confirmed they have the change (today)")
        self.confirmed_button.clicked.connect(self.record_confirmed)
        self.chased_button = QPushButton("Ch&ased")
        self.chased_button.setToolTip("Chased today: the working days to confirm start again")
        self.chased_button.clicked.connect(self.record_chased)
        self.person_button = QPushButton("Open person's record")
        self.person_button.clicked.connect(self._on_person_clicked)
        if not self._sharer:
            for button in (self.told_button, self.confirmed_button, self.chased_button):
                button.setToolTip(not_allowed_tip("record who was told of a risk change"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.person_button)
        buttons.addStretch(1)
        for button in (self.chased_button, self.told_button, self.confirmed_button):
            buttons.addWidget(button)
        box = QVBoxLayout(self.box)
        box.addWidget(self.banner)
        box.addLayout(form)
        box.addLayout(buttons)
        self.box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(page_title(
            "Risk changes to share", "When a person's risk or supervisor restrictions change, "
            "everyone with upcoming contact is listed here until they confirm they were told."))
        layout.addWidget(self.filters)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.box)
        self.loader = PageLoader(self, [self.table])
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._on_selection_changed()

    def showEvent(self, event: QShowEvent) -> None:
        """The list is read each time the page is shown."""
        super().showEvent(event)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        unit_id, coordinator_id = self.filters.unit_id, self.filters.coordinator_id
        self.loader.load(lambda: self._sharing.open_contacts(delivery_unit_id=unit_id,
                                                             coordinator_id=coordinator_id),
                         self._show_rows)

    def _show_rows(self, rows: list[RiskContactRow]) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table, {RiskContactsModel.CONFIRM_BY: "00/00/0000 – chase"})
        chase = sum(r.chase_due for r in rows)
        self.count.setText("Everyone has confirmed every risk change." if not rows else
                           f"{len(rows)} still to confirm" + (f"; {chase} past the day they "
                                                              "should have (chase them)."
                                                              if chase else "."))
        if rows:
            self.table.selectRow(0)
        self._on_selection_changed()

    def selected(self) -> RiskContactRow | None:
        return selected_row(self.table, RiskContactRow)

    def _on_selection_changed(self, *_args: object) -> None:
        row = self.selected()
        self.fields.clear()
        self.banner.clear()
        for widget in (self.method, self.note, self.told_button, self.confirmed_button,
                       self.chased_button):
            widget.setEnabled(row is not None and self._sharer)
        self.person_button.setEnabled(row is not None)
        if row is None:
            self.box.setTitle("The selected contact")
            return
        self.box.setTitle(f"{row.contact} ({CONTACT_KIND_LABELS[row.kind].lower()}): "
                          f"{row.name}'s risk change of {format_date(row.changed_on)}")
        self.told_button.setEnabled(self._sharer and row.told_on is None)
        self.note.clear()

    def _on_person_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            open_person(row.person_id)

    @Slot()
    def record_told(self) -> None:
        self._act(lambda r: self._sharing.record_told(
            r.id, r.version, self.method.currentData(), note=self.note.text() or None),
            "told")

    @Slot()
    def record_confirmed(self) -> None:
        self._act(lambda r: self._sharing.record_confirmed(r.id, r.version), "confirmed")

    @Slot()
    def record_chased(self) -> None:
        self._act(lambda r: self._sharing.record_chased(r.id, r.version), "chased")

    def _act(self, action: Callable[[RiskContactRow], object], verb: str) -> None:
        row = self.selected()
        if row is None or not self._sharer:
            return
        self.fields.clear()
        self.banner.clear()
        try:
            action(row)
        except ValidationError as exc:
            leftover = self.fields.show_errors(exc.fields)
            self.banner.show_message(" ".join(leftover.values()) or "Please correct the field "
                                     "marked below.")
            return
        except UpwError as exc:
            self.banner.show_message(str(exc))
            return
        announce(f"{row.contact} {verb} about {row.name}'s risk change.")
        index = self.table.currentIndex().row()
        self.refresh()
        if self.model.rowCount():
            self.table.selectRow(min(max(index, 0), self.model.rowCount() - 1))
            self.table.setFocus()
