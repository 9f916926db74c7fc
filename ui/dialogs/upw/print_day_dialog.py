"""Choosing the day of one van's manifest (a whole day's paper: ui/dialogs/print_day_paper.py)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import ValidationError
from upw_ttg.records.upw import VanRecord

from ui.dialogs.form_dialog import FormDialog, read_date
from ui.printing import preview_document
from ui.tasks import BackgroundTask
from ui.widgets.date_field import DateField
from ui.widgets.language_combos import PaperLanguageCombo


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
        self.language = PaperLanguageCombo(name="Manifest language")
        self.fields.add_row(form, "language", "Lan&guage", self.language)
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
        language = self.language.language()
        self.task = preview_document(self.parentWidget() or self,
                                     lambda: render(van.id, data, language),
                                     f"Van manifest – {van.name}, {data:%d/%m/%Y}",
                                     f"van-manifest-{data.isoformat()}.pdf")
        return data
