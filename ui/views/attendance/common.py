"""What every Attendance page shares: the filter bar and the choices it offers."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Role

from ui.widgets.fit import narrow_combo


def own_unit_id(services: AppServices) -> int | None:
    """The delivery unit of the signed-in member's office, if they have one."""
    actor = services.ctx.actor
    office_id = actor.office_id if actor is not None else None
    if office_id is None:
        return None
    return next((o.delivery_unit_id for o in services.people.offices() if o.id == office_id),
                None)


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """What the filter bars offer: the delivery units, the active coordinators and the
    member's own unit; read once for a whole area rather than once per page."""

    units: tuple[tuple[int, str, str], ...]
    coordinators: tuple[tuple[int, str], ...]
    own_unit_id: int | None

    @classmethod
    def read(cls, services: AppServices) -> FilterChoices:
        return cls(tuple((u.id, u.name, u.code) for u in services.people.delivery_units()),
                   tuple((m.id, m.full_name) for m in services.staff.list_staff(Role.COORDINATOR)
                         if m.active),
                   own_unit_id(services))


class FilterBar(QWidget):
    """Delivery unit and (optionally) coordinator choosers; ``changed`` when either moves.

    Signals:
        changed(): the user chose another unit or coordinator.
    """

    changed = Signal()

    def __init__(self, services: AppServices, *, coordinators: bool = True,
                 choices: FilterChoices | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        choices = choices or FilterChoices.read(services)
        self.unit = narrow_combo(QComboBox())
        self.unit.setAccessibleName("Delivery unit")
        self.unit.addItem("All delivery units", None)
        for unit_id, name, code in choices.units:
            self.unit.addItem(f"{name} ({code})", (unit_id, code))
        # Wide enough for a unit's name, now that the bar starts at one.
        self.unit.setMinimumContentsLength(min(36, max(
            len(self.unit.itemText(i)) for i in range(self.unit.count()))))
        # Start at the member's own unit: the lists read only what the screen shows.
        own = choices.own_unit_id
        for index in range(1, self.unit.count()):
            if own is not None and self.unit.itemData(index)[0] == own:
                self.unit.setCurrentIndex(index)
        unit_label = QLabel("&Unit:")
        unit_label.setBuddy(self.unit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(unit_label)
        layout.addWidget(self.unit)
        self.coordinator: QComboBox | None = None
        if coordinators:
            self.coordinator = QComboBox()
            self.coordinator.setAccessibleName("Coordinator")
            self.coordinator.addItem("All coordinators", None)
            for member_id, full_name in choices.coordinators:
                self.coordinator.addItem(full_name, member_id)
            coordinator_label = QLabel("Coordi&nator:")
            coordinator_label.setBuddy(self.coordinator)
            layout.addSpacing(12)
            layout.addWidget(coordinator_label)
            layout.addWidget(self.coordinator)
            self.coordinator.currentIndexChanged.connect(self._on_choice_changed)
        layout.addStretch(1)
        self.unit.currentIndexChanged.connect(self._on_choice_changed)

    def _on_choice_changed(self, _index: int) -> None:
        self.changed.emit()

    @property
    def unit_id(self) -> int | None:
        data = self.unit.currentData()
        return data[0] if data else None

    @property
    def unit_code(self) -> str | None:
        data = self.unit.currentData()
        return data[1] if data else None

    @property
    def coordinator_id(self) -> int | None:
        return self.coordinator.currentData() if self.coordinator is not None else None
