"""The enforcement queue: decisions due, evidence overdue and breaches not laid; the decision."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.crediting import is_enforceable
from upw_ttg.domain.enforcement import Decision
from upw_ttg.errors import UpwError
from upw_ttg.records.attendance import (
    EnforcementActionRow,
    EnforcementQueue,
    QueueItem,
)
from upw_ttg.services.paging import PAGE_ROWS

from ui.changes import announce, open_person
from ui.dialogs.attendance.action_dialogs import ActionDialog, EvidenceDialog
from ui.dialogs.attendance.decision_dialog import DecisionDialog
from ui.dialogs.form_dialog import FormDialog
from ui.loading import PageLoader
from ui.models.attendance.filters import AttendanceFilterProxy
from ui.models.attendance.list_models import QueueTableModel
from ui.models.table_model import FetchPage
from ui.permissions import can_decide_enforcement, not_allowed_tip
from ui.printing import PdfPrinter
from ui.tasks import report_failure
from ui.views.attendance.common import FilterBar, FilterChoices
from ui.widgets.export_list import ExportListButton
from ui.widgets.labels import hint, page_title
from ui.widgets.language_combos import LanguageCombo, language_row
from ui.widgets.records_to_check import RecordsToCheckBanner
from ui.widgets.tables import WrapDelegate, fit_columns, make_table, selected_row

DECISIONS, EVIDENCE, BREACHES, REOPENED = range(4)
_TABS = (("Decision&s due", "Failure"), ("Ev&idence overdue", "Absence"),
         ("&Breaches not laid", "Failure"), ("Reopened by a mana&ger", "Failure or absence"))
_INTROS = (
    "Each enforceable outcome (AFTC, ATSH, UAAB) needs a decision within the set working "
    "days. Enter or Decide opens the decision, which says what the law allows.",
    "Absences claimed as acceptable whose evidence has not arrived by its due date. Record "
    "the evidence, or change the outcome on the register if the absence was unacceptable.",
    "Referrals for breach (BRE01) with no breach laid yet (BRE02); the due date is the limit "
    "for laying it.",
    "Decisions and accepted absences a manager overturned, with the manager's reason. Take the "
    "decision again (Decide), or change an absence's outcome on the register.")


class EnforcementPage(QWidget):
    """Three lists under one filter, with the actions each needs."""

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 choices: FilterChoices | None = None):
        super().__init__(parent)
        self._services = services
        self._enforcement = services.attendance.enforcement
        self._decider = can_decide_enforcement(services.ctx.actor)
        self.dialog: FormDialog | None = None
        self.printer = PdfPrinter(self)
        self.filters = FilterBar(services, choices=choices)
        self.filters.changed.connect(self._apply_filters)
        self.models: list[QueueTableModel] = []
        self.proxies: list[AttendanceFilterProxy] = []
        self.tables: list[QTableView] = []
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Enforcement lists")
        for number, (title, event) in enumerate(_TABS):
            model = QueueTableModel(event, self)
            proxy = AttendanceFilterProxy(self)
            proxy.setSourceModel(model)
            table = make_table(proxy, title.replace("&", ""), sortable=False)
            table.setWordWrap(True)
            table.setItemDelegateForColumn(QueueTableModel.NOTE, WrapDelegate(table))
            table.activated.connect(self._on_table_activated)
            table.selectionModel().selectionChanged.connect(self._update_buttons)
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(8, 8, 8, 8)
            page_layout.addWidget(hint(_INTROS[number]))
            page_layout.addWidget(table, 1)
            self.tabs.addTab(page, title)
            self.models.append(model)
            self.proxies.append(proxy)
            self.tables.append(table)
        self.tabs.currentChanged.connect(self._update_buttons)
        # Wrapped notes make rows of their own heights: measured for the list on show, and
        # for another list when it is first shown (measuring all four took 150 ms at crc).
        self._rows_unmeasured: set[int] = set()
        self.tabs.currentChanged.connect(self._measure_rows)
        self.decide_button = QPushButton("&Decide…")
        self.decide_button.setProperty("primary", "true")
        self.decide_button.clicked.connect(self.decide)
        self.evidence_button = QPushButton("Re&cord evidence…")
        self.evidence_button.clicked.connect(self.record_evidence)
        self.action_button = QPushButton("Record &action…")
        self.action_button.clicked.connect(self.record_action)
        self.summary_button = QPushButton("Print breach su&mmary…")
        self.summary_button.setToolTip("The staff summary of the order for the court file")
        self.summary_button.clicked.connect(self.print_breach_summary)
        self.person_button = QPushButton("Open person's record")
        self.person_button.clicked.connect(self._on_person_clicked)
        if not self._decider:
            for button in (self.decide_button, self.evidence_button, self.action_button,
                           self.summary_button):
                button.setToolTip(not_allowed_tip("record enforcement"))
        self.language = LanguageCombo()
        bar = QHBoxLayout()
        bar.addWidget(self.decide_button)
        bar.addWidget(self.evidence_button)
        bar.addWidget(self.action_button)
        bar.addStretch(1)
        bar.addLayout(language_row(self.language))
        bar.addWidget(self.summary_button)
        bar.addWidget(self.person_button)
        self.export_button = ExportListButton(
            services, "enforcement", lambda: self.tables[self.tabs.currentIndex()],
            lambda: self.tabs.tabText(self.tabs.currentIndex()).replace("&", ""))
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(page_title("Enforcement", "Decisions the law needs, evidence that is "
                                                   "late, breaches still to lay and what a "
                                                   "manager reopened."))
        layout.addWidget(self.filters)
        self.to_check = RecordsToCheckBanner()
        layout.addWidget(self.to_check)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bar)
        self.loader = PageLoader(self, self.tables)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._update_buttons()

    @Slot()
    def refresh(self) -> None:
        """Read the queue of the chosen unit and coordinator: the service filters, and the
        long list of evidence overdue comes a page at a time."""
        enforcement = self._enforcement
        unit_id, coordinator_id = self.filters.unit_id, self.filters.coordinator_id

        def evidence_page(offset: int, limit: int) -> list[QueueItem]:
            return enforcement.evidence_overdue(delivery_unit_id=unit_id,
                                                coordinator_id=coordinator_id, limit=limit,
                                                offset=offset)

        self.loader.load(lambda: enforcement.queue(delivery_unit_id=unit_id,
                                                   coordinator_id=coordinator_id,
                                                   limit=PAGE_ROWS),
                         lambda queue: self._show_queue(queue, evidence_page))

    def _show_queue(self, queue: EnforcementQueue, evidence_page: FetchPage) -> None:
        self.to_check.show_records(queue.to_check)
        self.models[DECISIONS].set_rows(queue.decisions)
        # The first page took every row up to the page size, the ones set aside included.
        self.models[EVIDENCE].set_pages(
            evidence_page, queue.evidence_overdue, PAGE_ROWS,
            read=min(PAGE_ROWS, max(queue.evidence_overdue_total, len(queue.evidence_overdue))))
        self.models[BREACHES].set_rows(queue.breaches_not_laid)
        self.models[REOPENED].set_rows(queue.reopened)
        for table in self.tables:
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            fit_columns(table, {QueueTableModel.DUE: "00/00/0000 – overdue",
                                QueueTableModel.NAME: "Krzysztof Lewandowski"})
            # The note ("Must refer: …") takes the width left and wraps, never cut off.
            header.setSectionResizeMode(QueueTableModel.NOTE, QHeaderView.ResizeMode.Stretch)
        self._rows_unmeasured = set(range(len(self.tables)))
        self._measure_rows(self.tabs.currentIndex())
        totals = (len(queue.decisions), max(queue.evidence_overdue_total,
                                            len(queue.evidence_overdue)),
                  len(queue.breaches_not_laid), len(queue.reopened))
        for number, total in enumerate(totals):
            self.tabs.setTabText(number, f"{_TABS[number][0]} ({total})")
            if total and not self.tables[number].selectionModel().hasSelection():
                self.tables[number].selectRow(0)
        self._update_buttons()

    def _measure_rows(self, number: int) -> None:
        if number in self._rows_unmeasured:
            self._rows_unmeasured.discard(number)
            self.tables[number].resizeRowsToContents()

    def _apply_filters(self) -> None:
        self.refresh()

    def selected(self) -> QueueItem | None:
        return selected_row(self.tables[self.tabs.currentIndex()], QueueItem)

    def _update_buttons(self, *_args: object) -> None:
        item = self.selected()
        tab = self.tabs.currentIndex()
        self.decide_button.setEnabled(self._decider and item is not None and (
            tab == DECISIONS or (tab == REOPENED and is_enforceable(item.code))))
        self.evidence_button.setEnabled(self._decider and item is not None and tab == EVIDENCE)
        for button in (self.action_button, self.summary_button):
            button.setEnabled(self._decider and item is not None)
        self.person_button.setEnabled(item is not None)

    def _on_table_activated(self, _index: QModelIndex) -> None:
        tab = self.tabs.currentIndex()
        if tab == DECISIONS or (tab == REOPENED and self.decide_button.isEnabled()):
            self.decide()
        elif tab == EVIDENCE:
            self.record_evidence()
        else:
            self.record_action()

    def _on_person_clicked(self) -> None:
        item = self.selected()
        if item is not None:
            open_person(item.person_id)

    # Acting ------------------------------------------------------------------------------

    def open_decision(self, appointment_id: int) -> DecisionDialog | None:
        """Open the decision screen for a failure (non-blocking)."""
        try:
            info = self._enforcement.decision(appointment_id)
            history = self._enforcement.history(info.order_id)
        except UpwError as exc:
            report_failure(self, "The decision could not be opened.", exc)
            return None
        dialog = DecisionDialog(self._enforcement, info, history, self)
        dialog.saved.connect(lambda row: self._on_decided(dialog, row))
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def decide(self) -> None:
        item = self.selected()
        if item is not None and item.appointment_id is not None \
                and self.decide_button.isEnabled():
            self.open_decision(item.appointment_id)

    def _on_decided(self, dialog: DecisionDialog, row: EnforcementActionRow) -> None:
        info = dialog.info
        what = "first warning given" if row.code == "EA02" else "referred for breach"
        announce(f"{info.name}: {what} ({row.code}).")
        self.refresh()
        if not dialog.preview.isChecked():
            return
        letters = self._services.attendance.letters
        language = dialog.language.language()
        if dialog.chosen() == Decision.WARN:
            self.printer.run(lambda: letters.render_warning_letter(info.appointment_id,
                                                                   language=language),
                             f"Warning letter – {info.name}", f"warning-letter-{info.crn}.pdf",
                             "Preparing the warning letter…", letter_for=info.person_id,
                             failure="The warning letter could not be prepared.")
        else:
            self.printer.run(lambda: letters.render_breach_summary(info.order_id,
                                                                   language=language),
                             f"Breach summary – {info.name}", f"breach-summary-{info.crn}.pdf",
                             "Preparing the breach summary…", letter_for=info.person_id,
                             failure="The breach summary could not be prepared.")

    @Slot()
    def record_evidence(self) -> None:
        item = self.selected()
        if item is None or not self.evidence_button.isEnabled():
            return
        self._open(EvidenceDialog(self._enforcement, item, self._services.ctx.today(), self),
                   f"Evidence recorded for {item.name}.")

    @Slot()
    def record_action(self) -> None:
        item = self.selected()
        if item is None or not self.action_button.isEnabled():
            return
        self._open(ActionDialog(self._enforcement, item, self._services.ctx.today(), self),
                   f"Enforcement action recorded for {item.name}.")

    def _open(self, dialog: FormDialog, message: str) -> None:
        self.dialog = dialog

        def saved(_record: object) -> None:
            announce(message)
            self.refresh()

        dialog.saved.connect(saved)
        dialog.open()

    @Slot()
    def print_breach_summary(self) -> None:
        item = self.selected()
        if item is None or not self.summary_button.isEnabled():
            return
        letters = self._services.attendance.letters
        language = self.language.language()
        self.printer.run(lambda: letters.render_breach_summary(item.order_id, language=language),
                         f"Breach summary – {item.name}", f"breach-summary-{item.crn}.pdf",
                         "Preparing the breach summary…", button=self.summary_button,
                         letter_for=item.person_id,
                         failure="The breach summary could not be prepared.")
