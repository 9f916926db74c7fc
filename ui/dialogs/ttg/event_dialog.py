"""Recording a custody event with its reason: transfer, recall, early release or release."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import CustodyEventKind
from upw_ttg.errors import ValidationError
from upw_ttg.records.ttg import EpisodeState

from ui.dialogs.form_dialog import FormDialog, read_date
from ui.formatting import format_date
from ui.widgets.date_field import DateField

_TEXTS = {
    CustodyEventKind.TRANSFER: ("Transfer to another prison", "&Record transfer",
                                "e.g. Moved nearer home for family contact"),
    CustodyEventKind.RECALL: ("Recall on licence", "&Record recall",
                              "e.g. Recalled for missing appointments"),
    CustodyEventKind.EARLY_RELEASE: ("Early release", "&Record early release",
                                     "e.g. Released on HDC"),
    CustodyEventKind.RELEASE: ("Release", "&Record release", "e.g. Released at the CRD"),
}


class CustodyEventDialog(FormDialog):
    """One event on ``state``'s episode; saved with the episode's version."""

    def __init__(self, services: AppServices, state: EpisodeState, kind: CustodyEventKind,
                 person_name: str, parent: QWidget | None = None):
        title, save_text, example = _TEXTS[kind]
        where = f"Now in {state.prison_name}." if state.released_on is None else \
            f"Released on {format_date(state.released_on)}."
        super().__init__(f"{title} – {person_name}", f"{where} The reason is kept in the "
                         "episode's history.", parent, save_text)
        self._events = services.custody_events
        self._state = state
        self._kind = kind
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.prison: QComboBox | None = None
        if kind in (CustodyEventKind.TRANSFER, CustodyEventKind.RECALL):
            self.prison = QComboBox()
            blank = "Choose the prison…" if kind == CustodyEventKind.TRANSFER \
                else f"{state.prison_name} (the same prison)"
            self.prison.addItem(blank, None)
            for prison in services.custody.prisons():
                if kind == CustodyEventKind.RECALL or prison.id != state.prison_id:
                    self.prison.addItem(f"{prison.name} ({prison.code})", prison.id)
            self.fields.add_row(form, "to_prison_id", "&To prison" if kind ==
                                CustodyEventKind.TRANSFER else "&Back to prison", self.prison)
        self.event_date = DateField()
        self.event_date.set_date(services.ctx.today())
        self.fields.add_row(form, "event_date", "&Date", self.event_date)
        self.reason = QLineEdit()
        self.reason.setMaxLength(400)
        self.reason.setPlaceholderText(example)
        self.fields.add_row(form, "reason", "Rea&son", self.reason)
        self.body.addLayout(form)
        self.resize(520, self.sizeHint().height())

    def collect(self) -> dict:
        problems: dict[str, str] = {}
        on = read_date(self.fields, "event_date", problems)
        if on is None and "event_date" not in problems:
            problems["event_date"] = "Enter the date."
        prison = self.prison.currentData() if self.prison is not None else None
        if self._kind == CustodyEventKind.TRANSFER and prison is None:
            problems["to_prison_id"] = "Choose the prison."
        if not self.reason.text().strip():
            problems["reason"] = "Enter the reason."
        if problems:
            raise ValidationError(problems)
        return {"on": on, "reason": self.reason.text(), "prison": prison}

    def save(self, data: dict) -> EpisodeState:
        episode, version = self._state.episode_id, self._state.version
        on, reason = data["on"], data["reason"]
        if self._kind == CustodyEventKind.TRANSFER:
            return self._events.transfer(episode, data["prison"], on, reason, version)
        if self._kind == CustodyEventKind.RECALL:
            return self._events.recall(episode, on, reason, version, data["prison"])
        if self._kind == CustodyEventKind.EARLY_RELEASE:
            return self._events.early_release(episode, on, reason, version)
        return self._events.release(episode, on, reason, version)
