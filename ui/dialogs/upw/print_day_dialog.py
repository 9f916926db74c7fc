"""Choosing the day to print: a day's letters and manifests, or one van's manifest."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.upw_records import VanRecord
from upw_ttg.errors import ValidationError
from ui.dialogs.form_dialog import FormDialog, read_date
from ui.tasks import BackgroundTask, TaskControl
from ui.views.upw.printing import preview_document
from ui.widgets.date_field import DateField


class _DayDialog(FormDialog):
    # Saving only starts the document's own background task.
    SAVES_IN_BACKGROUND = False

    def __init__(self, title: str, intro: str, day: dt.date, parent: QWidget | None):
        super().__init__(title, intro, parent, save_text="&Preview")
        self.task: BackgroundTask | None = None
        form = QFormLayout()
        self.day = DateField()
        self.day.set_date(day)
        self.fields.add_row(form, "day", "&Day", self.day)
        self.body.addLayout(form)
        self.resize(520, self.sizeHint().height())

    def collect(self) -> dt.date:
        problems: dict[str, str] = {}
        day = read_date(self.fields, "day", problems)
        if day is None and not problems:
            problems["day"] = "Enter the day to print."
        if problems:
            raise ValidationError(problems)
        assert day is not None
        return day


class PrintDayDialog(_DayDialog):
    """Every appointment letter and van manifest of a day in one PDF, with progress."""

    def __init__(self, services: AppServices, day: dt.date, unit_id: int | None,
                 unit_name: str, parent: QWidget | None = None):
        super().__init__("Print a day's letters and manifests",
                         f"Appointment letters for everyone booked that day in {unit_name}, "
                         "each in the person's language, then each van's manifest – one "
                         "document.", day, parent)
        self._services = services
        self._unit_id = unit_id

    def save(self, data: dt.date) -> dt.date:
        documents, unit_id = self._services.upw.documents, self._unit_id

        def render(control: TaskControl) -> bytes:
            return documents.render_day(data, delivery_unit_id=unit_id,
                                        progress=control.report, cancelled=control.cancelled)

        self.task = preview_document(self.parentWidget() or self, render,
                                     f"Letters and manifests – {data:%d/%m/%Y}",
                                     f"letters-and-manifests-{data.isoformat()}.pdf",
                                     progress_label="Preparing the day's letters and "
                                                    "manifests…", with_progress=True)
        return data


class ManifestDayDialog(_DayDialog):
    """One van's manifest for a chosen day."""

    def __init__(self, services: AppServices, van: VanRecord, day: dt.date,
                 parent: QWidget | None = None):
        super().__init__(f"Van manifest – {van.name}",
                         "Pick-up points in order with times, names and phone numbers, for "
                         "the driver.", day, parent)
        self._services = services
        self._van = van

    def save(self, data: dt.date) -> dt.date:
        render, van = self._services.upw.documents.render_manifest, self._van
        self.task = preview_document(self.parentWidget() or self, lambda: render(van.id, data),
                                     f"Van manifest – {van.name}, {data:%d/%m/%Y}",
                                     f"van-manifest-{data.isoformat()}.pdf")
        return data
