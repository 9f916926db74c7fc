"""Adding or editing a provider in the directory of local services (administrators)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QWidget,
)

from upw_ttg.domain.directory import ProviderInput
from upw_ttg.records.directory import REFERRAL_ROUTES, AreaRow, ProviderRecord
from upw_ttg.records.pathways import PathwayRow
from upw_ttg.services.directory import DirectoryService

from ui.dialogs.form_dialog import FormDialog, optional_text


def _line(max_length: int, text: str | None = None, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text or "")
    edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


KeyT = TypeVar("KeyT")


def _boxes(items: list[tuple[KeyT, str]], checked: set[KeyT], columns: int,
           name: str) -> tuple[QWidget, list[tuple[KeyT, QCheckBox]]]:
    holder = QWidget()
    holder.setAccessibleName(name)
    grid = QGridLayout(holder)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(16)
    boxes: list[tuple[KeyT, QCheckBox]] = []
    for i, (key, text) in enumerate(items):
        box = QCheckBox(text)
        box.setChecked(key in checked)
        grid.addWidget(box, i // columns, i % columns)
        boxes.append((key, box))
    return holder, boxes


class ProviderDialog(FormDialog):
    """A provider: what it helps with, where, how to reach it and how to refer."""

    def __init__(self, service: DirectoryService, pathways: list[PathwayRow],
                 areas: list[AreaRow], provider: ProviderRecord | None = None,
                 parent: QWidget | None = None):
        super().__init__("Add a provider" if provider is None else f"Provider: {provider.name}",
                         "Referrals pick providers from here, and the plan copy, the release "
                         "sheet and the handover pack print these details as they are when "
                         "printed.", parent, save_text="&Add" if provider is None else "&Save")
        self._service = service
        self._provider = provider
        p = provider
        f = self.fields
        form = QFormLayout()
        form.setVerticalSpacing(6)
        self.name = _line(120, p.name if p else None, "e.g. Humber Recovery Partnership")
        f.add_row(form, "name", "&Name", self.name)
        holder, self.pathway_boxes = _boxes(
            [(x.code, x.name) for x in pathways], set(p.pathway_codes if p else ()), 2,
            "Helps with")
        f.add_row(form, "pathway_codes", "Helps with", holder)
        self.national = QCheckBox("&Everywhere (a national service)")
        self.national.setChecked(bool(p and p.national))
        holder, self.area_boxes = _boxes(
            [(a.id, a.name) for a in areas], set(p.unit_ids if p else ()), 3, "Areas served")
        area_widget = QWidget()
        area_layout = QGridLayout(area_widget)
        area_layout.setContentsMargins(0, 0, 0, 0)
        area_layout.addWidget(self.national, 0, 0)
        area_layout.addWidget(holder, 1, 0)
        area_widget.setAccessibleName("Areas served")
        f.add_row(form, "unit_ids", "Areas served", area_widget,
                  hint="Delivery units whose people it takes.")
        self.national.toggled.connect(self._national_toggled)
        self.address = _line(200, p.address if p else None)
        f.add_row(form, "address", "&Address", self.address)
        self.town = _line(60, p.town if p else None)
        f.add_row(form, "town", "&Town", self.town)
        self.postcode = _line(10, p.postcode if p else None)
        f.add_row(form, "postcode", "Post&code", self.postcode)
        self.phone = _line(30, p.phone if p else None, "01632 960 000")
        f.add_row(form, "phone", "&Phone", self.phone)
        self.email = _line(120, p.email if p else None)
        f.add_row(form, "email", "E&mail", self.email)
        self.opening_hours = _line(120, p.opening_hours if p else None,
                                   "Monday to Friday, 9am to 5pm")
        f.add_row(form, "opening_hours", "Opening &hours", self.opening_hours)
        self.opening_hours_cy = _line(120, p.opening_hours_cy if p else None,
                                      "Dydd Llun i ddydd Gwener, 9yb i 5yp")
        f.add_row(form, "opening_hours_cy", "Opening hours in &Welsh", self.opening_hours_cy,
                  hint="For Welsh documents; left blank, they print the English hours.")
        self.route = QComboBox()
        self.route.addItem("Choose how referrals are made…", None)
        for route, text in REFERRAL_ROUTES:
            self.route.addItem(text, route)
        self.route.setCurrentIndex(max(0, self.route.findData(p.referral_route if p else None)))
        f.add_row(form, "referral_route", "&Refer by", self.route)
        self.referral_how = _line(300, p.referral_how if p else None,
                                  "Where the form is, what to send, who to ask for")
        f.add_row(form, "referral_how", "How to re&fer", self.referral_how)
        self.active = QCheckBox("Taking new referrals")
        self.active.setChecked(p.active if p else True)
        f.add_row(form, "active", "", self.active)
        self.body.addLayout(form)
        self._national_toggled(self.national.isChecked())
        self.resize(640, self.sizeHint().height())

    def _national_toggled(self, national: bool) -> None:
        for _unit, box in self.area_boxes:
            box.setEnabled(not national)

    def collect(self) -> ProviderInput:
        return ProviderInput(
            name=self.name.text(),
            pathway_codes=tuple(str(code) for code, box in self.pathway_boxes
                                if box.isChecked()),
            national=self.national.isChecked(),
            unit_ids=tuple(int(unit) for unit, box in self.area_boxes if box.isChecked()),
            address=optional_text(self.address), town=optional_text(self.town),
            postcode=optional_text(self.postcode), phone=optional_text(self.phone),
            email=optional_text(self.email), opening_hours=optional_text(self.opening_hours),
            opening_hours_cy=optional_text(self.opening_hours_cy),
            referral_route=self.route.currentData(),
            referral_how=optional_text(self.referral_how), active=self.active.isChecked(),
            version=self._provider.version if self._provider else None)

    def save(self, data: ProviderInput) -> ProviderRecord:
        if self._provider is None:
            return self._service.add(data)
        return self._service.update(self._provider.id, data)
