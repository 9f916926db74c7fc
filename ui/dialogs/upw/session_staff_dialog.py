"""A session's supervisors and van, and its pick-up points with their times."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.upw import SessionRecord

from ui.changes import Subject, publish
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.upw.breaks_warning import ChecksBookings
from ui.dialogs.upw.place_dialog import session_title
from ui.formatting import label

MAX_PICKUPS = 6


def time_edit(value: dt.time | None = None) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    if value is not None:
        edit.setTime(QTime(value.hour, value.minute))
    return edit


def read_time(edit: QTimeEdit) -> dt.time:
    value = edit.time()
    return dt.time(value.hour(), value.minute())


class SessionStaffDialog(ChecksBookings, FormDialog):
    """Lead supervisor, extra supervisors and the van; places follow from them (rule UPW-1)."""

    def __init__(self, services: AppServices, session: SessionRecord, unit_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(f"Staff and van – {session_title(session)}",
                         "Places are the smallest of the project's capacity and supervisors × "
                         "people per supervisor; van seats limit those travelling by van.",
                         parent)
        self._services = services
        self._session = session
        projects = services.upw.projects
        supervisors = projects.list_supervisors(unit_id=unit_id) or projects.list_supervisors()
        current = [s.id for s in session.supervisors]
        form = QFormLayout()
        self.lead = QComboBox()
        self.lead.addItem("No supervisor (the session has no places)", None)
        for s in supervisors:
            self.lead.addItem(f"{s.full_name} ({label(s.gender).lower()})", s.id)
        self.lead.setCurrentIndex(max(0, self.lead.findData(current[0] if current else None)))
        self.fields.add_row(form, "supervisor_id", "&Lead supervisor", self.lead)
        self.extras = QListWidget()
        self.extras.setMaximumHeight(150)
        for s in supervisors:
            item = QListWidgetItem(f"{s.full_name} ({label(s.gender).lower()})")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if s.id in current[1:]
                               else Qt.CheckState.Unchecked)
            self.extras.addItem(item)
        self.fields.add_row(form, "extra_supervisor_ids", "&Extra supervisors", self.extras,
                            hint="Space ticks the highlighted name.")
        self.van = QComboBox()
        self.van.addItem("No van", None)
        for van in projects.list_vans():
            if van.active or van.id == session.van_id:
                self.van.addItem(f"{van.name}, {van.registration} ({van.seats} seats)", van.id)
        self.van.setCurrentIndex(max(0, self.van.findData(session.van_id)))
        self.fields.add_row(form, "van_id", "&Van", self.van)
        self.body.addLayout(form)
        self.resize(620, 460)

    def collect(self) -> dict:
        extras = [self.extras.item(i).data(Qt.ItemDataRole.UserRole)
                  for i in range(self.extras.count())
                  if self.extras.item(i).checkState() == Qt.CheckState.Checked]
        return {"supervisor_id": self.lead.currentData(), "extra_supervisor_ids": extras,
                "van_id": self.van.currentData()}

    def save(self, data: dict) -> SessionRecord:
        sessions = self._services.upw.sessions
        self.confirm_bookings(lambda: sessions.preview_set_staff(
            self._session.id, version=self._session.version, **data))
        record = sessions.set_staff(self._session.id, version=self._session.version, **data)
        publish(Subject.SESSION, [record.id], record=record)
        return record


class SessionPickupsDialog(FormDialog):
    """The van's pick-up points for this session, each with its time (before the start)."""

    def __init__(self, services: AppServices, session: SessionRecord,
                 parent: QWidget | None = None):
        super().__init__(f"Pick-ups – {session_title(session)}",
                         "Each pick-up is before the session starts at "
                         f"{session.start_time:%H:%M}. Points people are booked from must stay.",
                         parent)
        self._services = services
        self._session = session
        self._points = [p for p in services.upw.projects.list_pickup_points() if p.active]
        self._rows: list[tuple[QComboBox, QTimeEdit]] = []
        self.grid = QGridLayout()
        self.grid.addWidget(QLabel("Pick-up point"), 0, 0)
        self.grid.addWidget(QLabel("Time"), 0, 1)
        for pickup in session.pickups:
            self.add_row(pickup.pickup_point_id, pickup.pickup_time)
        form = QFormLayout()
        holder = QWidget()
        holder.setLayout(self.grid)
        self.fields.add_row(form, "pickups", "", holder)
        self.add_button = QPushButton("&Add a pick-up")
        self.add_button.clicked.connect(lambda: self.add_row(None, None))
        self.body.addLayout(form)
        self.body.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.resize(640, 360)

    def add_row(self, point_id: int | None, at: dt.time | None) -> None:
        if len(self._rows) >= MAX_PICKUPS:
            return
        number = len(self._rows) + 1
        combo = QComboBox()
        combo.setAccessibleName(f"Pick-up point {number}")
        combo.addItem("None (remove this pick-up)", None)
        for point in self._points:
            combo.addItem(f"{point.name} – {point.address}", point.id)
        combo.setCurrentIndex(max(0, combo.findData(point_id)))
        start = self._session.start_time
        default = (dt.datetime.combine(dt.date.min, start) - dt.timedelta(minutes=45)).time()
        edit = time_edit(at or default)
        edit.setAccessibleName(f"Pick-up time {number}")
        self.grid.addWidget(combo, number, 0)
        self.grid.addWidget(edit, number, 1)
        self._rows.append((combo, edit))
        combo.setFocus()

    def collect(self) -> list[tuple[int, dt.time]]:
        return [(combo.currentData(), read_time(edit)) for combo, edit in self._rows
                if combo.currentData() is not None]

    def save(self, data: list[tuple[int, dt.time]]) -> SessionRecord:
        record = self._services.upw.sessions.set_pickups(self._session.id, data,
                                                         version=self._session.version)
        publish(Subject.SESSION, [record.id], record=record)
        return record
