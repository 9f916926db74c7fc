"""The person's reviews: what changed and made a review due, and the reviews that closed it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability
from upw_ttg.records.case_reviews import CaseReviewRow, CaseReviews, ReviewDueRow

from ui.changes import Change, Subject, announce, publish, subscribe
from ui.dialogs.case_review_dialogs import CaseReviewDialog, NoteChangeDialog
from ui.formatting import format_date
from ui.models.table_model import Column, RowTableModel
from ui.permissions import can, not_allowed_tip
from ui.widgets.tables import fit_columns, make_table

# Every change that can make a review due on a person's case.
WATCHED = (Subject.PERSON, Subject.ATTENDANCE, Subject.PLAN, Subject.CUSTODY)


class ReviewItemsModel(RowTableModel[ReviewDueRow]):
    COLUMNS = (
        Column("Changed on", lambda i: format_date(i.changed_on), lambda i: i.changed_on),
        Column("What changed", lambda i: i.label),
        Column("Details", lambda i: i.what_changed),
        Column("Review", lambda i: "Due" if i.open else f"Reviewed {format_date(i.reviewed_on)}"),
    )


class ReviewsModel(RowTableModel[CaseReviewRow]):
    COLUMNS = (
        Column("Held on", lambda r: format_date(r.reviewed_on), lambda r: r.reviewed_on),
        Column("By", lambda r: r.reviewed_by or ""),
        Column("What was considered", lambda r: r.considered),
        Column("Closed", lambda r: "; ".join(r.closed)),
    )


class ReviewsTab(QWidget):
    """Review-due items (open first) with a review to close them, and the reviews held.

    Signals:
        changed(object): the person's reviews as they now are (a ``CaseReviews``).
    """

    changed = Signal(object)

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.person_id: int | None = None
        self.name = ""
        self.record: CaseReviews | None = None
        self.dialog: NoteChangeDialog | CaseReviewDialog | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.note_button = QPushButton("&Note a change…")
        self.note_button.setToolTip("A loss of contact or a new relationship: a review "
                                    "becomes due")
        self.note_button.clicked.connect(self.note_change)
        self.review_button = QPushButton("Record a rev&iew…")
        self.review_button.setToolTip("Record what was considered; it closes the reviews due")
        self.review_button.clicked.connect(self.record_review)
        editable = can(services.ctx.actor, Capability.EDIT_PERSON)
        self.note_button.setEnabled(editable)
        if not editable:
            self.note_button.setToolTip(not_allowed_tip("note changes or record reviews"))
        self._editable = editable
        self.items_model = ReviewItemsModel(self)
        self.items = make_table(self.items_model, "Reviews due and what changed",
                                sortable=False)
        self.reviews_model = ReviewsModel(self)
        self.reviews = make_table(self.reviews_model, "Reviews held", sortable=False)
        for view in (self.items, self.reviews):
            view.setWordWrap(True)
            view.horizontalHeader().setStretchLastSection(True)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.note_button)
        bar.addWidget(self.review_button)
        due_box = QGroupBox("What changed")
        due_layout = QVBoxLayout(due_box)
        due_layout.addWidget(self.items)
        held_box = QGroupBox("Reviews held")
        held_layout = QVBoxLayout(held_box)
        held_layout.addWidget(self.reviews)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(due_box, 3)
        layout.addWidget(held_box, 2)
        subscribe(self, WATCHED, self._on_change)

    def load(self, person_id: int, name: str) -> None:
        self.person_id, self.name = person_id, name
        self.show_record(self._services.case_reviews.for_person(person_id))

    def show_record(self, record: CaseReviews) -> None:
        self.record = record
        due = record.open_items
        if due:
            self.summary.setText(
                f"<b>{len(due)} review{'s' if len(due) != 1 else ''} due</b>: "
                + "; ".join(f"{i.label.lower()} ({format_date(i.changed_on)})" for i in due)
                + ". A review closes them once it records what was considered.")
        else:
            self.summary.setText("No review due." + (
                f" The last review was held on {format_date(record.previous.reviewed_on)}."
                if record.previous else ""))
        self.items_model.set_rows(list(record.items))
        self.reviews_model.set_rows(list(record.reviews))
        for view in (self.items, self.reviews):
            fit_columns(view)
            view.resizeRowsToContents()
        self.review_button.setEnabled(self._editable and bool(due))
        self.changed.emit(record)

    def _on_change(self, change: Change) -> None:
        if self.person_id is not None and change.touches_person(self.person_id):
            self.load(self.person_id, self.name)

    def _today(self):
        return self._services.ctx.today()

    def note_change(self) -> None:
        if self.person_id is None:
            return
        self.dialog = NoteChangeDialog(self._services.case_reviews, self.person_id, self.name,
                                       self._today(), self)
        self.dialog.saved.connect(lambda record: self._saved(record, "Change noted: a review "
                                                                      "is due."))
        self.dialog.open()

    def record_review(self) -> None:
        if self.record is None or not self.record.open_items:
            return
        self.dialog = CaseReviewDialog(self._services.case_reviews, self.record, self.name,
                                       self._today(), self)
        self.dialog.saved.connect(lambda record: self._saved(record, "Review recorded."))
        self.dialog.open()

    def _saved(self, record: CaseReviews, message: str) -> None:
        self.show_record(record)
        announce(message)
        publish(Subject.PERSON, (record.person_id,), (record.person_id,))
