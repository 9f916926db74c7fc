"""Text messages (rule UPW-TEXTS): queue the reminders, send them, follow their delivery."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.texts import MessageStatus
from upw_ttg.errors import UpwError
from upw_ttg.records.texts import (
    KeyState,
    MessageRow,
    NumberToFix,
    QueueResult,
    SendResult,
)

from ui.changes import announce, open_person
from ui.formatting import format_date
from ui.loading import PageLoader
from ui.models.upw.texts_model import STATUS_TEXT, MessagesModel, NumbersToFixModel
from ui.tasks import BackgroundTask, TaskControl, report_failure, run_in_background, writer_pool
from ui.widgets.banner import Banner
from ui.widgets.labels import hint, page_title
from ui.widgets.tables import fit_columns, make_table, selected_row


def _sending_text(state: KeyState) -> str:
    """Whether texts go, and whether they go by themselves or only when Send is pressed."""
    text = "Sending is on" + (" in test mode: texts go nowhere." if state.test_mode else ".")
    if state.auto_send:
        return (text + f" Texts are sent automatically every {state.auto_send_minutes} "
                f"minutes while the application is open, and the day's reminders are queued "
                f"from {state.auto_queue_hour:02d}:00.")
    return text + (" Automatic sending is off (Settings, Texts): queue the reminders and "
                   "send the waiting texts here.")


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class TextsPage(QWidget):
    """The Messages list by day, status and template; the day's reminders queued and the
    queue sent in the background with progress."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._texts = services.upw.texts
        today = services.ctx.today()
        self.task: BackgroundTask | None = None
        self.state = Banner()
        self.state.prefixes = False
        self.date_from = QDateEdit(_qdate(today - dt.timedelta(days=7)))
        self.date_to = QDateEdit(_qdate(today))
        for edit, name in ((self.date_from, "From"), (self.date_to, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self.refresh)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        self.status.addItem("Any status", None)
        for status, text in STATUS_TEXT.items():
            self.status.addItem(text, status)
        self.status.currentIndexChanged.connect(self.refresh)
        self.template = QComboBox()
        self.template.setAccessibleName("Template")
        self.template.addItem("Any template", None)
        self.template.currentIndexChanged.connect(self.refresh)
        filters = QHBoxLayout()
        for label, widget in (("Fro&m", self.date_from), ("T&o", self.date_to),
                              ("St&atus", self.status), ("Tem&plate", self.template)):
            caption = QLabel(label + ":")
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
            filters.addSpacing(8)
        filters.addStretch(1)
        self.model = MessagesModel(self)
        self.table = make_table(self.model, "Text messages, newest first", sortable=False)
        self.numbers = NumbersToFixModel(self)
        self.numbers_table = make_table(self.numbers, "Mobile numbers to fix", sortable=False)
        self.unit = QComboBox()
        self.unit.setAccessibleName("Delivery unit")
        self.unit.addItem("All delivery units", None)
        for unit in services.people.delivery_units():
            self.unit.addItem(f"{unit.name} ({unit.code})", unit.id)
        self.unit.currentIndexChanged.connect(self._load_numbers)
        numbers_page = QWidget()
        numbers_layout = QVBoxLayout(numbers_page)
        numbers_layout.setContentsMargins(8, 8, 8, 8)
        numbers_top = QHBoxLayout()
        unit_label = QLabel("&Unit:")
        unit_label.setBuddy(self.unit)
        numbers_top.addWidget(unit_label)
        numbers_top.addWidget(self.unit)
        numbers_top.addStretch(1)
        numbers_layout.addLayout(numbers_top)
        numbers_layout.addWidget(hint("People with hours to work who cannot be texted: no "
                                      "mobile, a number that is not a UK mobile, or one "
                                      "shared with someone else (one text per number a day)."))
        numbers_layout.addWidget(self.numbers_table, 1)
        self.count = hint()
        self.queue_button = QPushButton("&Queue reminders")
        self.queue_button.setToolTip("Queue a reminder for everyone on the sessions the set "
                                     "number of days from today (Settings, Texts)")
        self.queue_button.clicked.connect(self.queue_reminders)
        self.send_button = QPushButton("S&end waiting texts")
        self.send_button.setProperty("primary", "true")
        self.send_button.clicked.connect(self.send)
        self.check_button = QPushButton("Chec&k delivery")
        self.check_button.clicked.connect(self.check_delivery)
        # Until the key has been looked for, nothing can be sent.
        self.send_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.person_button = QPushButton("Open person's record")
        self.person_button.clicked.connect(self._on_person_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.person_button)
        buttons.addStretch(1)
        for button in (self.queue_button, self.check_button, self.send_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(page_title(
            "Text messages", "Reminders before each session through GOV.UK Notify. Texts wait "
            "here when there is no network and go when it returns."))
        layout.addWidget(self.state)
        messages_page = QWidget()
        messages_layout = QVBoxLayout(messages_page)
        messages_layout.setContentsMargins(8, 8, 8, 8)
        messages_layout.addLayout(filters)
        messages_layout.addWidget(self.count)
        messages_layout.addWidget(self.table, 1)
        messages_layout.addLayout(buttons)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Texts")
        self.tabs.addTab(messages_page, "Messages")
        self.tabs.addTab(numbers_page, "Mobile num&bers to fix")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout.addWidget(self.tabs, 1)
        self.loader = PageLoader(self, [self.table, self.numbers_table])
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read whether texts can be sent (the key is in the credential store, whose first
        reading loads its back ends) and the messages, on a worker."""
        texts = self._texts
        first, last = _day(self.date_from.date()), _day(self.date_to.date())
        status = self.status.currentData()
        template = self.template.currentData()
        self.loader.load(lambda: (texts.key_state(),
                                  texts.messages(date_from=first, date_to=last, status=status,
                                                 template_id=template)),
                         self._show_state_and_rows)

    def _show_state_and_rows(self, read: tuple[KeyState, list[MessageRow]]) -> None:
        state, rows = read
        self.send_button.setEnabled(state.sending_on)
        self.check_button.setEnabled(state.sending_on)
        if state.sending_on:
            self.state.show_message(_sending_text(state), "info")
        else:
            self.state.show_message("Sending is off until an administrator sets the GOV.UK "
                                    "Notify key (Settings, Notify key). Texts can be queued "
                                    "meanwhile.", "warning")
        self._show_rows(rows)

    def _on_tab_changed(self, index: int) -> None:
        if index == 1:
            self._load_numbers()

    def _load_numbers(self, *_args: object) -> None:
        unit_id = self.unit.currentData()
        self.loader.load(lambda: self._texts.numbers_to_fix(delivery_unit_id=unit_id),
                         self._show_numbers)

    def _show_numbers(self, rows: list[NumberToFix]) -> None:
        self.numbers.set_rows(rows)
        fit_columns(self.numbers_table)

    def _show_rows(self, rows: list[MessageRow]) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table)
        known = {self.template.itemData(i) for i in range(1, self.template.count())}
        for template in sorted({r.template_id for r in rows} - known):
            self.template.addItem(template, template)
        waiting = sum(r.status == MessageStatus.QUEUED for r in rows)
        self.count.setText(f"{len(rows)} text{'s' if len(rows) != 1 else ''}"
                           + (f"; {waiting} waiting to send." if waiting else "."))
        if rows:
            self.table.selectRow(0)

    def _on_person_clicked(self) -> None:
        row = selected_row(self.table, MessageRow)
        if row is not None:
            open_person(row.person_id)

    @Slot()
    def queue_reminders(self) -> None:
        try:
            result: QueueResult = self._texts.queue_reminders()
        except UpwError as exc:
            report_failure(self, "The reminders could not be queued.", exc)
            return
        reasons: dict[str, int] = {}
        for person in result.not_texted:
            reasons[person.reason.value] = reasons.get(person.reason.value, 0) + 1
        why = "; ".join(f"{count} {reason}" for reason, count in sorted(reasons.items()))
        announce(f"{result.queued} reminder{'s' if result.queued != 1 else ''} queued "
                 f"for {format_date(result.session_date)}"
                 + (f"; not texted: {why}." if why else "."))
        self.refresh()

    @Slot()
    def send(self) -> None:
        if not self.send_button.isEnabled():
            return
        texts = self._texts

        def work(control: TaskControl) -> SendResult:
            return texts.send_queued(progress=control.report, is_cancelled=control.cancelled)

        self.send_button.setEnabled(False)
        self.task = run_in_background(work, self._on_sent, self._on_failed, "Sending texts…",
                                      parent=self, with_progress=True,
                                      on_cancelled=self.refresh, pool=writer_pool())

    def _on_sent(self, result: SendResult) -> None:
        announce(f"{result.sent} sent, {result.failed} failed, {result.waiting} "
                 "waiting" + (f": {result.stopped_because}" if result.stopped_because
                              else "."))
        self.refresh()

    def _on_failed(self, exc: BaseException) -> None:
        report_failure(self, "The texts could not be sent.", exc)
        self.refresh()

    @Slot()
    def check_delivery(self) -> None:
        texts = self._texts
        self.task = run_in_background(texts.refresh_statuses, self._on_checked,
                                      self._on_failed, "Asking GOV.UK Notify…", parent=self,
                                      pool=writer_pool())

    def _on_checked(self, changed: int) -> None:
        announce(f"Delivery checked: {changed} status{'es' if changed != 1 else ''} "
                 "changed.")
        self.refresh()
