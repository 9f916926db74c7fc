"""Noting a change that makes a review due, and recording the review that closes the items."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from upw_ttg.domain.case_reviews import CaseChangeKind
from upw_ttg.errors import ValidationError
from upw_ttg.records.case_reviews import (
    CaseReviewInput,
    CaseReviews,
    ChangeNoteInput,
)
from upw_ttg.services.case_reviews import CaseReviewService

from ui.dialogs.form_dialog import FormDialog
from ui.formatting import format_date
from ui.widgets.date_field import DateField

_KINDS = ((CaseChangeKind.LOST_CONTACT, "Loss of contact"),
          (CaseChangeKind.NEW_RELATIONSHIP, "A new relationship"))


def _text_box(lines: int, placeholder: str, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(name)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class NoteChangeDialog(FormDialog):
    """A loss of contact or a new relationship: noted here, it makes a review due."""

    def __init__(self, reviews: CaseReviewService, person_id: int, name: str, today,
                 parent: QWidget | None = None):
        super().__init__("Note a change", f"{name}. A review becomes due on the case; it "
                         "stays open until a review records what was considered.", parent,
                         "&Note it")
        self._reviews, self._person_id = reviews, person_id
        form = QFormLayout()
        self.kind = QComboBox()
        for kind, text in _KINDS:
            self.kind.addItem(text, kind.value)
        self.fields.add_row(form, "kind", "&What changed", self.kind)
        self.noted_on = DateField()
        self.noted_on.set_date(today)
        self.noted_on.setAccessibleName("Date it was noted")
        self.fields.add_row(form, "noted_on", "Noted o&n", self.noted_on)
        self.detail = _text_box(3, "e.g. Missed two calls and the family visit; no word "
                                   "since Tuesday", "What happened")
        self.fields.add_row(form, "detail", "What &happened", self.detail)
        self.body.addLayout(form)
        self.resize(560, self.sizeHint().height())

    def collect(self) -> ChangeNoteInput:
        try:
            noted_on = self.noted_on.date()
        except ValueError as exc:
            raise ValidationError({"noted_on": str(exc)}) from None
        return ChangeNoteInput(CaseChangeKind(self.kind.currentData()), noted_on,
                               self.detail.toPlainText())

    def save(self, data: ChangeNoteInput) -> CaseReviews:
        return self._reviews.note_change(self._person_id, data)


class CaseReviewDialog(FormDialog):
    """The review that closes every review-due item shown, recording what was considered."""

    def __init__(self, reviews: CaseReviewService, record: CaseReviews, name: str, today,
                 parent: QWidget | None = None):
        items = record.open_items
        super().__init__("Record a review", f"{name}. This review closes the "
                         f"{len(items)} item{'s' if len(items) != 1 else ''} due below.",
                         parent, "&Record review")
        self._reviews, self._record = reviews, record
        self._items = {i.id: i.version for i in items}
        due = QLabel("<br/>".join(
            f"<b>{i.label}</b>, {format_date(i.changed_on)}: {_escape(i.what_changed)}"
            for i in items))
        due.setWordWrap(True)
        due.setAccessibleName("What changed")
        self.header.addWidget(due)
        previous = record.previous
        if previous is not None:
            last = QLabel(f"The previous review, {format_date(previous.reviewed_on)}: "
                          f"<i>{_escape(previous.considered)}</i>")
            last.setObjectName("Hint")
            last.setWordWrap(True)
            self.header.addWidget(last)
        form = QFormLayout()
        self.reviewed_on = DateField()
        self.reviewed_on.set_date(today)
        self.reviewed_on.setAccessibleName("Date of the review")
        self.fields.add_row(form, "reviewed_on", "Review held &on", self.reviewed_on)
        self.considered = _text_box(6, "What you considered: who you spoke to, what the "
                                       "change means for the risk and the plan, what happens "
                                       "next", "What was considered")
        self.fields.add_row(form, "considered", "What was &considered", self.considered,
                            hint="Written afresh: a review that repeats the previous one "
                                 "word for word is refused.")
        self.body.addLayout(form)
        self.resize(640, self.sizeHint().height())

    def collect(self) -> CaseReviewInput:
        try:
            day = self.reviewed_on.date()
        except ValueError as exc:
            raise ValidationError({"reviewed_on": str(exc)}) from None
        return CaseReviewInput(self.considered.toPlainText(), dict(self._items), day)

    def save(self, data: CaseReviewInput) -> CaseReviews:
        return self._reviews.record_review(self._record.person_id, data)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
