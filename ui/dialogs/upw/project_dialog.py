"""Adding or editing a project, and generating its sessions for a range of dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import SUITABILITY_TAGS, PatternFrequency
from upw_ttg.domain.placement import WEEKDAY_NAMES
from upw_ttg.errors import ValidationError
from upw_ttg.records.upw import GenerationResult, ProjectInput, ProjectRecord

from ui.changes import Subject, publish
from ui.dialogs.form_dialog import FormDialog, optional_text, read_date
from ui.dialogs.person_dialog import enum_combo
from ui.dialogs.upw.breaks_warning import ChecksBookings
from ui.dialogs.upw.session_staff_dialog import read_time, time_edit
from ui.dialogs.upw.skills_dialog import checkable_skills, checked_ids
from ui.formatting import label
from ui.models.upw.text import format_day
from ui.widgets.code_combo import enum_value
from ui.widgets.date_field import DateField


def _group(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setVerticalSpacing(6)
    return box, form


def _line(max_length: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    edit.setPlaceholderText(placeholder)
    return edit


class ProjectDialog(ChecksBookings, FormDialog):
    """New project (``record`` None) or edit one; sessions already made keep their times."""

    def __init__(self, services: AppServices, record: ProjectRecord | None = None,
                 parent: QWidget | None = None):
        super().__init__("New project" if record is None else f"Edit {record.name}",
                         None if record is None else
                         "Sessions already generated keep their dates and times.", parent)
        self._services = services
        self._record = record
        self._build()
        self._load(record.to_input() if record is not None else ProjectInput())
        self.resize(1080, 680)

    def _build(self) -> None:
        f = self.fields
        what, wf = _group("The project")
        self.code = _line(12, "e.g. YRK-021")
        f.add_row(wf, "code", "Co&de", self.code)
        self.name = _line(120)
        f.add_row(wf, "name", "&Name", self.name)
        self.project_type = QComboBox()
        for code, name in self._services.upw.projects.project_types():
            self.project_type.addItem(name, code)
        f.add_row(wf, "project_type", "T&ype", self.project_type)
        self.office = QComboBox()
        self.office.addItem("Choose…", None)
        for office in self._services.people.offices():
            self.office.addItem(f"{office.name} ({office.delivery_unit})", office.id)
        f.add_row(wf, "office_id", "&Office", self.office)
        self.beneficiary = _line(120)
        f.add_row(wf, "beneficiary", "&Beneficiary", self.beneficiary)
        self.beneficiary_contact = _line(120)
        f.add_row(wf, "beneficiary_contact", "Contact", self.beneficiary_contact)
        self.beneficiary_phone = _line(20)
        f.add_row(wf, "beneficiary_phone", "Contact's phone", self.beneficiary_phone)
        self.beneficiary_email = _line(120)
        f.add_row(wf, "beneficiary_email", "Contact's email", self.beneficiary_email)
        self.site_address = _line(200)
        f.add_row(wf, "site_address", "Site &address", self.site_address)
        self.site_town = _line(60)
        f.add_row(wf, "site_town", "Site town", self.site_town)
        self.site_postcode = _line(10)
        f.add_row(wf, "site_postcode", "Site postcode", self.site_postcode)

        when, nf = _group("When it works")
        self.frequency = enum_combo(PatternFrequency)
        f.add_row(nf, "frequency", "&Pattern", self.frequency)
        days = QWidget()
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        self.weekdays: list[QCheckBox] = []
        for name in WEEKDAY_NAMES:
            box = QCheckBox(name[:3])
            box.setAccessibleName(name)
            self.weekdays.append(box)
            row.addWidget(box)
        row.addStretch(1)
        f.add_row(nf, "weekdays", "Days", days)
        times = QWidget()
        trow = QHBoxLayout(times)
        trow.setContentsMargins(0, 0, 0, 0)
        self.start_time = time_edit(dt.time(9))
        self.start_time.setAccessibleName("Start time")
        self.end_time = time_edit(dt.time(16))
        self.end_time.setAccessibleName("End time")
        trow.addWidget(self.start_time)
        trow.addWidget(self.end_time)
        trow.addStretch(1)
        f.add_row(nf, "start_time", "T&imes", times)
        self.available_from = DateField()
        f.add_row(nf, "available_from", "Available &from", self.available_from)
        self.available_to = DateField()
        f.add_row(nf, "available_to", "Available &to", self.available_to)
        self.end_date = DateField()
        f.add_row(nf, "end_date", "Project &ends", self.end_date)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 99)
        self.capacity.setSuffix(" people")
        f.add_row(nf, "capacity", "&Capacity", self.capacity)
        self.break_minutes = QSpinBox()
        self.break_minutes.setRange(-1, 240)
        self.break_minutes.setSpecialValueText("The usual (setting)")
        self.break_minutes.setSuffix(" minutes")
        f.add_row(nf, "break_minutes", "Unpaid brea&k", self.break_minutes)
        self.supervisor = QComboBox()
        self.supervisor.addItem("None yet", None)
        for s in self._services.upw.projects.list_supervisors():
            self.supervisor.addItem(f"{s.full_name} ({label(s.gender).lower()})", s.id)
        f.add_row(nf, "default_supervisor_id", "S&upervisor", self.supervisor)

        site, sf = _group("Site and suitability")
        self.hi_vis_required = QCheckBox("&Hi-vis required")
        f.add_row(sf, "hi_vis_required", "", self.hi_vis_required)
        self.female_only = QCheckBox("Female-only &group")
        f.add_row(sf, "female_only", "", self.female_only)
        self.active = QCheckBox("Acti&ve (sessions can be generated and booked)")
        f.add_row(sf, "active", "", self.active)
        tags = QWidget()
        grid = QGridLayout(tags)
        grid.setContentsMargins(0, 0, 0, 0)
        self.tags: dict[str, QCheckBox] = {}
        for number, (code, name) in enumerate(t for t in SUITABILITY_TAGS
                                              if t[0] != "female_only"):
            self.tags[code] = QCheckBox(name)
            grid.addWidget(self.tags[code], number // 2, number % 2)
        f.add_row(sf, "tags", "Suitability", tags)
        # Rule UPW-SKILLS: what the project practises, for the registers and certificates.
        self.skills = QListWidget()
        self.skills.setAccessibleName("Skills practised (Space ticks one)")
        self.skills.setFixedHeight(self.skills.fontMetrics().height() * 7 + 12)
        f.add_row(wf, "skill_ids", "Skil&ls practised", self.skills)

        layout = QGridLayout()
        layout.addWidget(what, 0, 0, 2, 1)
        layout.addWidget(when, 0, 1)
        layout.addWidget(site, 1, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        self.body.addLayout(layout)
        self.frequency.currentIndexChanged.connect(self._on_frequency_changed)

    def _on_frequency_changed(self) -> None:
        once = self.frequency.currentData() == PatternFrequency.ONCE
        for box in self.weekdays:
            box.setEnabled(not once)

    def _load(self, data: ProjectInput) -> None:
        self._version = data.version
        for name in ("code", "name", "beneficiary", "beneficiary_contact", "beneficiary_phone",
                     "beneficiary_email", "site_address", "site_town", "site_postcode"):
            getattr(self, name).setText(getattr(data, name) or "")
        self.project_type.setCurrentIndex(max(0, self.project_type.findData(data.project_type)))
        self.office.setCurrentIndex(max(0, self.office.findData(data.office_id)))
        self.frequency.setCurrentIndex(max(0, self.frequency.findData(data.frequency)))
        for number, box in enumerate(self.weekdays, start=1):
            box.setChecked(number in data.weekdays)
        for edit, value in ((self.start_time, data.start_time), (self.end_time, data.end_time)):
            if value is not None:
                edit.setTime(QTime(value.hour, value.minute))
        self.available_from.set_date(data.available_from)
        self.available_to.set_date(data.available_to)
        self.end_date.set_date(data.end_date)
        self.capacity.setValue(data.capacity)
        self.break_minutes.setValue(-1 if data.break_minutes is None else data.break_minutes)
        self.supervisor.setCurrentIndex(max(0, self.supervisor.findData(
            data.default_supervisor_id)))
        self.hi_vis_required.setChecked(data.hi_vis_required)
        self.female_only.setChecked(data.female_only)
        self.active.setChecked(data.active)
        for code, box in self.tags.items():
            box.setChecked(code in data.tags)
        chosen = data.skill_ids or ()
        checkable_skills(self.skills, [
            s for s in self._services.upw.skills.list_skills(include_inactive=True)
            if s.active or s.id in chosen], chosen)
        self._on_frequency_changed()

    def collect(self) -> ProjectInput:
        problems: dict[str, str] = {}
        dates = {name: read_date(self.fields, name, problems)
                 for name in ("available_from", "available_to", "end_date")}
        if problems:
            raise ValidationError(problems)
        breaks = self.break_minutes.value()
        return ProjectInput(
            code=self.code.text(), name=self.name.text(),
            project_type=self.project_type.currentData(), office_id=self.office.currentData(),
            beneficiary=self.beneficiary.text(),
            beneficiary_contact=optional_text(self.beneficiary_contact),
            beneficiary_phone=optional_text(self.beneficiary_phone),
            beneficiary_email=optional_text(self.beneficiary_email),
            site_address=self.site_address.text(), site_town=optional_text(self.site_town),
            site_postcode=optional_text(self.site_postcode),
            frequency=enum_value(self.frequency, PatternFrequency) or PatternFrequency.WEEKLY,
            weekdays=tuple(n for n, box in enumerate(self.weekdays, start=1)
                           if box.isChecked()),
            start_time=read_time(self.start_time), end_time=read_time(self.end_time),
            hi_vis_required=self.hi_vis_required.isChecked(),
            break_minutes=None if breaks < 0 else breaks, capacity=self.capacity.value(),
            default_supervisor_id=self.supervisor.currentData(),
            female_only=self.female_only.isChecked(), active=self.active.isChecked(),
            tags=tuple(code for code, box in self.tags.items() if box.isChecked()),
            skill_ids=checked_ids(self.skills), version=self._version, **dates)

    def save(self, data: ProjectInput) -> ProjectRecord:
        projects = self._services.upw.projects
        if self._record is None:
            return projects.create_project(data)
        project_id = self._record.id
        self.confirm_bookings(lambda: projects.preview_update_project(project_id, data))
        return projects.update_project(project_id, data)


def generation_report(result: GenerationResult) -> str:
    """'Created 12 sessions; 2 were already there; skipped Fri 25 Dec 2026 (Christmas Day).'"""
    made = len(result.created)
    text = f"Created {made} session{'s' if made != 1 else ''}"
    if result.already_there:
        text += f"; {len(result.already_there)} already there (left alone)"
    if result.skipped:
        days = "; ".join(f"{format_day(s.day)} ({s.reason})" for s in result.skipped[:6])
        more = f" and {len(result.skipped) - 6} more" if len(result.skipped) > 6 else ""
        text += f"; skipped {len(result.skipped)}: {days}{more}"
    return text + "."


class GenerateSessionsDialog(FormDialog):
    """Sessions for the project's pattern between two dates; running it twice adds none."""

    def __init__(self, services: AppServices, project: ProjectRecord, today: dt.date,
                 parent: QWidget | None = None):
        super().__init__(f"Generate sessions – {project.name}",
                         "Bank holidays and closure dates are skipped. Days that already have "
                         "the session are left alone. The van and pick-ups are copied from the "
                         "project's latest session.", parent, save_text="&Generate")
        self._services = services
        self._project = project
        form = QFormLayout()
        self.date_from = DateField()
        self.date_from.set_date(max(today, project.available_from))
        self.fields.add_row(form, "date_from", "&From", self.date_from)
        self.date_to = DateField()
        self.date_to.set_date(max(today, project.available_from) + dt.timedelta(weeks=8))
        self.fields.add_row(form, "date_to", "&To", self.date_to)
        self.body.addLayout(form)
        self.resize(560, self.sizeHint().height())

    def collect(self) -> tuple[dt.date, dt.date]:
        problems: dict[str, str] = {}
        first = read_date(self.fields, "date_from", problems)
        last = read_date(self.fields, "date_to", problems)
        for name, value in (("date_from", first), ("date_to", last)):
            if value is None and name not in problems:
                problems[name] = "Enter the date."
        if problems:
            raise ValidationError(problems)
        assert first is not None and last is not None
        return first, last

    def save(self, data: tuple[dt.date, dt.date]) -> GenerationResult:
        result = self._services.upw.sessions.generate(self._project.id, *data)
        if result.created:
            # Their ids are not returned: every list of sessions reads again.
            publish(Subject.SESSION, record=result)
        return result

