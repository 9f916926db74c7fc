"""The caseload dashboard: who needs what next, cases per worker, and the quality figures."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Role
from upw_ttg.errors import StaleRecordError, UpwError
from upw_ttg.records.ttg import Caseload, CaseloadRow, QualityFigure, WorkerCount

from ui.changes import Change, Subject, announce, open_person, publish, subscribe
from ui.errors import show_error
from ui.formatting import format_date
from ui.loading import PageLoader
from ui.models.roles import RowRole
from ui.models.table_model import RowSortProxy
from ui.models.ttg.caseload_model import CaseloadTableModel, WorkerCountsTableModel
from ui.tasks import BackgroundTask, report_failure, run_in_background, writer_pool
from ui.views.ttg.access import can_edit_ttg
from ui.widgets.export_list import ExportListButton
from ui.widgets.labels import hint
from ui.widgets.tables import RowsFitter, WrapDelegate, fit_columns, fit_within, make_table

# Opens the person's record rather than a page of the plan.
PERSON_RECORD = "person"
# (Caseload attribute, list name, date column header, what it means, plan page to open)
LISTS = (
    ("needs_attention", "Records to check", "Release",
     "Dates that cannot be right (before 1900 or after 2100) or deadlines that could not be "
     "worked out: correct the custody dates.", ""),
    ("not_assigned", "Not assigned", "Received",
     "People in custody with no resettlement worker: choose the cases, pick a worker below "
     "and press Assign (Alt+A).", ""),
    ("due_a_plan", "Due a plan", "Plan due",
     "Plans not yet complete and not yet late.", "need:"),
    ("plans_overdue", "Plans overdue", "Was due",
     "Plans not complete by the due date (5 working days after screening).", "need:"),
    ("releases_within_12_weeks", "Release within 12 weeks", "Release",
     "The pre-release review is due now; check accommodation and the first appointment.",
     "review"),
    ("releases_within_24_weeks", "Release within 24 weeks", "Release",
     "Releases coming up: plan the review and the handover.", "review"),
    ("no_accommodation", "No accommodation, release ≤ 4 weeks", "Release",
     "Release within 4 weeks with no address for the first night.", "review"),
    ("handover_not_started", "Officer not contacted", "Window opened",
     "The handover window is open and the responsible officer has not been contacted.",
     "handover"),
    ("handovers_not_acknowledged", "Handovers not acknowledged", "Chase by",
     "Contacts the officer has not acknowledged; chase after the date shown.", "handover"),
    ("referrals_overdue", "Referrals overdue", "Answer expected",
     "Providers that have not answered by the expected date.", "referrals"),
    ("reviews_due", "Reviews due", "Changed on",
     "Something changed that can alter the risk or the plan: open the person's record and "
     "record the review on its Reviews tab, saying what was considered.", PERSON_RECORD),
)
# The worker filter's choice for cases nobody holds yet.
UNASSIGNED = "unassigned"
# The short names of the lists, for the narrow list on the left.
SHORT_NAMES = {"no_accommodation": "No accommodation", "handover_not_started":
               "Officer not contacted", "handovers_not_acknowledged": "Not acknowledged",
               "releases_within_12_weeks": "Release ≤ 12 weeks",
               "releases_within_24_weeks": "Release ≤ 24 weeks"}
_CARD_STYLE = """
QFrame#QualityCard { background: #ffffff; border: 1px solid #d3dbe2; border-radius: 4px; }
QLabel#QualityPercent { font-size: 18pt; font-weight: 600; color: #1f5f8b; }
QListWidget#DashboardLists::item { padding: 3px 6px; }
"""


class QualityCard(QFrame):
    """One inspection figure: the percentage large, what it measures and the counts."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("QualityCard")
        self.percent = QLabel()
        self.percent.setObjectName("QualityPercent")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.counts = hint()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.percent)
        layout.addWidget(self.text)
        layout.addWidget(self.counts)

    def show_figure(self, figure: QualityFigure, noun: str) -> None:
        percent = figure.percent
        self.percent.setText("—" if percent is None else f"{percent:.0f}%")
        self.text.setText(figure.label)
        self.counts.setText(f"{figure.count} of {figure.total} {noun}" if figure.total
                            else f"No {noun} to count yet")
        self.setAccessibleName(f"{figure.label}: " + (
            "no figure yet" if percent is None else
            f"{percent:.0f} percent, {figure.count} of {figure.total} {noun}"))


class CaseloadPage(QWidget):
    """Filters on top; lists on the left with the cases per worker; the chosen list's people.

    Signals:
        plan_requested(int, str): open the plan of this episode at this page.
    """

    plan_requested = Signal(int, str)

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._assigning: BackgroundTask | None = None  # a save running on the writer thread
        self._services = services
        self.caseload: Caseload | None = None
        self.loaded = False
        self.setStyleSheet(_CARD_STYLE)
        actor = services.ctx.actor
        title = QLabel("Through the Gate – caseload")
        title.setObjectName("PageTitle")
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setToolTip("Read the caseload again (F5)")
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self.prison = QComboBox()
        self.prison.addItem("All prisons", None)
        for prison in services.custody.prisons():
            self.prison.addItem(f"{prison.name} ({prison.code})", prison.id)
        self.worker = QComboBox()
        self.worker.setMinimumContentsLength(18)
        prison_label, worker_label = QLabel("&Prison:"), QLabel("&Worker:")
        prison_label.setBuddy(self.prison)
        worker_label.setBuddy(self.worker)
        self.scope_label = hint(word_wrap=False)

        self.lists = QListWidget()
        self.lists.setObjectName("DashboardLists")
        self.lists.setAccessibleName("Dashboard lists")
        self.lists.setFixedWidth(230)
        for attr, name, _header, about, _page in LISTS:
            item = QListWidgetItem(SHORT_NAMES.get(attr, name))
            item.setData(Qt.ItemDataRole.UserRole, attr)
            item.setToolTip(f"{name}: {about}")
            self.lists.addItem(item)
        self.lists.setFixedHeight((self.lists.fontMetrics().height() + 8) * len(LISTS) + 8)
        self.lists.currentRowChanged.connect(self._on_lists_current_row_changed)
        self.workers_model = WorkerCountsTableModel(self)
        self.workers = make_table(self.workers_model, "Cases per worker", sortable=False)
        self.workers.setFixedWidth(230)
        # A long name wraps onto a second line in the narrow list, beside its count.
        self.workers.setWordWrap(True)
        self.workers.setItemDelegateForColumn(0, WrapDelegate(self.workers))
        self.workers.horizontalHeader().setStretchLastSection(False)
        self.workers.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.workers.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.workers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.workers_fitter = RowsFitter(self.workers)

        self.list_title = QLabel()
        self.list_title.setObjectName("SectionTitle")
        font = self.list_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.list_title.setFont(font)
        self.list_about = hint()
        self.model = CaseloadTableModel(self)
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "People on the chosen list")
        self.table.setSelectionMode(self.table.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        # Notes wrap in the width left over: the rows in view are measured again when it
        # changes, and as they scroll into view.
        self.rows_fitter = RowsFitter(self.table)
        # Names wrap rather than being shortened: a long person's or worker's name in full.
        for column in (CaseloadTableModel.NAME, CaseloadTableModel.WORKER,
                       CaseloadTableModel.RELEASE, CaseloadTableModel.NOTE):
            self.table.setItemDelegateForColumn(column, WrapDelegate(self.table))
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_assign)
        self.empty = hint("Nobody on this list.")
        self.open_button = QPushButton("&Open plan")
        self.open_button.setToolTip("Open the chosen person's plan (Enter or double-click)")
        self.open_button.clicked.connect(self.open_selected)
        self.assign_to = QComboBox()
        self.assign_to.setAccessibleName("Worker to assign the chosen cases to")
        self.assign_button = QPushButton("&Assign")
        self.assign_button.clicked.connect(self.assign_selected)
        self.assign_label = QLabel("Assign the chosen cases to")
        self.assign_label.setBuddy(self.assign_to)
        self._editable = can_edit_ttg(actor)
        self._own_id = actor.id if actor is not None else -1
        self._fill_workers(services.caseload.worker_counts())
        own = actor is not None and actor.role == Role.RESETTLEMENT_WORKER
        self.worker.setCurrentIndex(max(0, self.worker.findData(self._own_id)) if own else 0)
        self.prison.currentIndexChanged.connect(self.refresh)
        self.worker.currentIndexChanged.connect(self.refresh)
        self.cards = [QualityCard() for _ in range(5)]

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        self.export_button = ExportListButton(services, "caseload", self.table,
                                              lambda: self.list_title.text())
        top.addWidget(self.export_button)
        filters = QHBoxLayout()
        filters.addWidget(prison_label)
        filters.addWidget(self.prison)
        filters.addSpacing(12)
        filters.addWidget(worker_label)
        filters.addWidget(self.worker)
        filters.addSpacing(12)
        filters.addWidget(self.scope_label, 1)
        left = QVBoxLayout()
        left.addWidget(self.lists)
        left.addSpacing(6)
        left.addWidget(QLabel("<b>Cases per worker</b> (in custody)"))
        left.addWidget(self.workers, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        actions.addWidget(self.assign_label)
        actions.addWidget(self.assign_to)
        actions.addWidget(self.assign_button)
        right = QVBoxLayout()
        right.addWidget(self.list_title)
        right.addWidget(self.list_about)
        right.addWidget(self.empty)
        right.addWidget(self.table, 1)
        right.addLayout(actions)
        middle = QHBoxLayout()
        middle.setSpacing(12)
        middle.addLayout(left)
        middle.addLayout(right, 1)
        self.quality_title = QLabel()
        quality = QGridLayout()
        quality.setHorizontalSpacing(8)
        for column, card in enumerate(self.cards):
            quality.addWidget(card, 0, column)
            quality.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(middle, 1)
        layout.addWidget(self.quality_title)
        layout.addLayout(quality)
        self.setTabOrder(self.prison, self.worker)
        self.setTabOrder(self.worker, self.lists)
        self.setTabOrder(self.lists, self.table)
        self.loader = PageLoader(self, [self.table, self.workers])
        self.lists.setCurrentRow(0)
        subscribe(self, [Subject.CUSTODY, Subject.ASSIGNMENT, Subject.PLAN, Subject.PERSON],
                  self._on_change)

    def hasHeightForWidth(self) -> bool:
        """The dashboard takes the height the window gives it and its lists scroll: measured
        for height at its width (its wrapped hints ask for that), it claimed the lists' full
        heights and the whole page scrolled at 150 %."""
        return False

    # Loading -----------------------------------------------------------------------------

    def _on_change(self, _change: Change) -> None:
        """A case changed anywhere: the lists and counts are read again (once loaded)."""
        if self.loaded:
            self.refresh()

    def _fill_workers(self, counts: list[WorkerCount]) -> None:
        current = self.worker.currentData()
        self.worker.blockSignals(True)
        self.worker.clear()
        self.worker.addItem("All workers", None)
        unassigned = sum(row.cases for row in counts if row.worker_id is None)
        self.worker.addItem(f"Not assigned ({unassigned})", UNASSIGNED)
        for row in counts:
            if row.worker_id is not None:
                self.worker.addItem(f"{row.worker_name} ({row.cases})", row.worker_id)
        self.worker.setCurrentIndex(max(0, self.worker.findData(current)))
        self.worker.blockSignals(False)
        keep = self.assign_to.currentData() if self.assign_to.count() else self._own_id
        self.assign_to.clear()
        for row in counts:
            if row.worker_id is not None:
                self.assign_to.addItem(f"{row.worker_name} ({row.cases})", row.worker_id)
        self.assign_to.addItem("Nobody (unassign)", None)
        self.assign_to.setCurrentIndex(max(0, self.assign_to.findData(keep)))

    @Slot()
    def refresh(self) -> None:
        """Read the whole dashboard again (one service call) on a worker."""
        caseload, prison_id, chosen = self._services.caseload, self.prison.currentData(), \
            self.worker.currentData()
        self.loader.load(lambda: caseload.caseload(
            prison_id=prison_id, worker_id=None if chosen == UNASSIGNED else chosen,
            unassigned=chosen == UNASSIGNED), self._on_loaded, self._on_load_failed)

    def _on_load_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UpwError):
            show_error(self, "The caseload could not be read.", str(exc))
        else:
            report_failure(self, "The caseload could not be read.", exc)

    def _on_loaded(self, board: Caseload) -> None:
        first = not self.loaded
        self.loaded = True
        self.show_caseload(board)
        if first and not getattr(board, self.current_list()):
            filled = [attr for attr, *_rest in LISTS if getattr(board, attr)]
            if filled:
                self.select_list(filled[0])

    def show_caseload(self, board: Caseload) -> None:
        self.caseload = board
        for row, (attr, name, *_rest) in enumerate(LISTS):
            count = len(getattr(board, attr))
            item = self.lists.item(row)
            item.setText(f"{SHORT_NAMES.get(attr, name)}  ({count})")
            font = item.font()
            font.setBold(count > 0 and attr != "releases_within_24_weeks")
            item.setFont(font)
        self.workers_model.set_rows(board.workers)
        if self.worker.currentData() is None and self.prison.currentData() is None:
            self._fill_workers(list(board.workers))
        self.scope_label.setText(f"{board.in_custody} in custody · today "
                                 f"{format_date(board.today)}")
        quality = board.quality
        self.quality_title.setText(
            f"<b>Quality for the inspection questions</b> – plans due since "
            f"{format_date(quality.since)} (4.2.1 planning, 4.2.3 coordination)")
        for card, figure in zip(self.cards, quality.all(), strict=False):
            card.show_figure(figure, "released" if figure is quality.ro_contacted_before_release
                             else "plans")
        self._show_list()

    def current_list(self) -> str:
        item = self.lists.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else LISTS[0][0]

    def select_list(self, attr: str) -> None:
        self.lists.setCurrentRow([entry[0] for entry in LISTS].index(attr))

    def _on_lists_current_row_changed(self, _row: int) -> None:
        record = next(e[4] for e in LISTS if e[0] == self.current_list()) == PERSON_RECORD
        self.open_button.setText("&Open record" if record else "&Open plan")
        self.open_button.setToolTip(
            "Open the chosen person's record, where the review is recorded (Enter or "
            "double-click)" if record else
            "Open the chosen person's plan (Enter or double-click)")
        self._show_list()

    def _show_list(self) -> None:
        attr = self.current_list()
        _attr, name, header, about, _page = next(e for e in LISTS if e[0] == attr)
        rows: tuple[CaseloadRow, ...] = getattr(self.caseload, attr) if self.caseload else ()
        self.list_title.setText(f"{name} – {len(rows)}")
        self.list_about.setText(about)
        self.model.set_date_header(header)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        # The release lists' date is the release date, already in its own column.
        self.table.setColumnHidden(CaseloadTableModel.DATE, header == "Release")
        self.table.setColumnHidden(CaseloadTableModel.WORKER,
                                   self.worker.currentData() is not None)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fit_columns(self.table, {CaseloadTableModel.NAME: "Alexandra Fitzgerald",
                                 CaseloadTableModel.WORKER: "Not assigned yet"})
        # With every worker's cases the worker column joins in: names and release dates
        # wrap so what needs doing keeps room to be read, and nothing scrolls sideways.
        fit_within(self.table, CaseloadTableModel.NOTE,
                   (CaseloadTableModel.NAME, CaseloadTableModel.WORKER,
                    CaseloadTableModel.RELEASE))
        header.setSectionResizeMode(CaseloadTableModel.NOTE, QHeaderView.ResizeMode.Stretch)
        if rows:
            self.table.selectRow(0)
        self._update_assign()

    # Acting on the list ------------------------------------------------------------------

    def selected_rows(self) -> list[CaseloadRow]:
        indexes = self.table.selectionModel().selectedRows()
        return [index.data(RowRole) for index in sorted(indexes, key=lambda i: i.row())]

    def _update_assign(self, *_args: object) -> None:
        chosen = len(self.selected_rows())
        self.open_button.setEnabled(chosen == 1)
        self.assign_button.setEnabled(self._editable and chosen > 0 and not self.assigning)
        self.assign_to.setEnabled(self._editable)
        self.assign_label.setText(f"Assign the {chosen} chosen case{'s' if chosen != 1 else ''}"
                                  " to" if chosen else "Assign the chosen cases to")

    def _on_table_activated(self, index: QModelIndex) -> None:
        row = index.data(RowRole)
        if row is not None:
            self.open_row(row)

    @Slot()
    def open_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.open_row(rows[0])

    def open_row(self, row: CaseloadRow) -> None:
        page = next(e[4] for e in LISTS if e[0] == self.current_list())
        if page == PERSON_RECORD:
            open_person(row.person_id)
        else:
            self.plan_requested.emit(row.episode_id, page)

    @Slot()
    def assign_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        worker_id = self.assign_to.currentData()
        # Each case with the version this screen read, so a newer change is not overwritten.
        episodes = {r.episode_id: r.episode_version for r in rows}
        who = self.assign_to.currentText().rsplit(" (", 1)[0] if worker_id is not None \
            else "nobody"
        caseload, prison_id = self._services.caseload, self.prison.currentData()

        def done(counts: list[WorkerCount]) -> None:
            self._assigning = None
            self._update_assign()
            self._fill_workers(counts)
            publish(Subject.ASSIGNMENT, episodes, [r.person_id for r in rows])
            announce(f"{len(episodes)} case{'s' if len(episodes) != 1 else ''} "
                     f"assigned to {who}.")

        def failed(exc: BaseException) -> None:
            self._assigning = None
            self._update_assign()
            if not isinstance(exc, UpwError):
                report_failure(self, "The cases were not assigned.", exc)
                return
            show_error(self, "The cases were not assigned.", str(exc))
            if isinstance(exc, StaleRecordError):
                self.refresh()  # show who has the cases now

        # Saved on the writer thread; the button waits until it is done.
        self._assigning = run_in_background(
            lambda: caseload.assign(episodes, worker_id, prison_id=prison_id), done, failed,
            parent=self, pool=writer_pool())
        self._update_assign()

    @property
    def assigning(self) -> bool:
        """True while chosen cases are being assigned."""
        return self._assigning is not None
