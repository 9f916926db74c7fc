"""Adding an adjustment to an order's hours (court-ordered, ETE or other), with its reason."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from upw_ttg.domain.codes import AdjustmentKind
from upw_ttg.errors import ValidationError
from upw_ttg.records.attendance import OrderLedger
from upw_ttg.services.attendance.ledger import LedgerService
from upw_ttg.time_text import format_minutes

from ui.dialogs.form_dialog import FormDialog

_HOURS = re.compile(r"^\s*(\d{1,3})\s*(?:[:.h]\s*(\d{1,2})\s*m?)?\s*$")
KIND_TEXT = ((AdjustmentKind.COURT_ORDERED, "Court-ordered change"),
             (AdjustmentKind.ETE, "ETE (education, training, employment) time"),
             (AdjustmentKind.OTHER, "Other adjustment"))
TAKE_OFF, ADD = "take_off", "add"


def parse_hours(text: str) -> int:
    """``2:30``, ``2.30``, ``2h30`` or ``2`` as minutes.

    Raises:
        ValueError: Not hours and minutes; the message is fit to show.
    """
    match = _HOURS.match(text)
    if not match or (match[2] is not None and int(match[2]) > 59):
        raise ValueError("Enter the time as hours:minutes, for example 2:30.")
    return int(match[1]) * 60 + int(match[2] or 0)


class AdjustmentDialog(FormDialog):
    """Credit the order (take hours off) or add hours to it; the reason is required."""

    def __init__(self, ledger_service: LedgerService, ledger: OrderLedger,
                 parent: QWidget | None = None):
        ete_left = format_minutes(ledger.ete_remaining_minutes)
        super().__init__(
            "Add an adjustment",
            f"{ledger.name} ({ledger.crn}): {format_minutes(ledger.remaining_minutes)} still "
            f"owed. ETE may still count for {ete_left}. Travel time is decided on its task.",
            parent, save_text="&Add adjustment")
        self._service = ledger_service
        self._ledger = ledger
        form = QFormLayout()
        self.kind = QComboBox()
        for kind, text in KIND_TEXT:
            self.kind.addItem(text, kind)
        self.fields.add_row(form, "kind", "&Kind", self.kind)
        self.direction = QComboBox()
        self.direction.addItem("Take hours off the order (credit it)", TAKE_OFF)
        self.direction.addItem("Add hours to the order", ADD)
        self.fields.add_row(form, "direction", "&Effect", self.direction,
                            "ETE time always takes hours off.")
        self.hours = QLineEdit()
        self.hours.setPlaceholderText("h:mm")
        self.hours.setMaxLength(8)
        self.fields.add_row(form, "minutes", "&Hours", self.hours,
                            "Hours and minutes, for example 2:30.")
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.fields.add_row(form, "reason", "&Reason", self.reason,
                            "Say why, as it should read in the ledger.")
        self.body.addLayout(form)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.resize(540, self.sizeHint().height())

    def _on_kind_changed(self, _index: int) -> None:
        ete = self.kind.currentData() == AdjustmentKind.ETE
        if ete:
            self.direction.setCurrentIndex(0)
        self.direction.setEnabled(not ete)

    def collect(self) -> tuple[AdjustmentKind, int, str]:
        try:
            minutes = parse_hours(self.hours.text())
        except ValueError as exc:
            raise ValidationError({"minutes": str(exc)}) from None
        if self.direction.currentData() == TAKE_OFF:
            minutes = -minutes
        return self.kind.currentData(), minutes, self.reason.text()

    def save(self, data: tuple[AdjustmentKind, int, str]) -> OrderLedger:
        kind, minutes, reason = data
        return self._service.add_adjustment(self._ledger.order_id, kind, minutes, reason)
