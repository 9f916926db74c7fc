"""An order's ledger: ordered, credited, adjustments and remaining, every line traced."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.crediting import IncentiveState
from upw_ttg.errors import UpwError
from upw_ttg.records.attendance import OrderLedger
from upw_ttg.time_text import format_minutes

from ui.changes import Subject, announce, publish
from ui.dialogs.attendance.adjustment_dialog import AdjustmentDialog
from ui.formatting import format_date, label
from ui.models.attendance.list_models import LedgerLinesTableModel
from ui.permissions import can_decide_enforcement, not_allowed_tip
from ui.printing import PdfPrinter
from ui.tasks import report_failure
from ui.widgets.labels import hint
from ui.widgets.language_combos import LanguageCombo, language_row
from ui.widgets.tables import column_width, make_table

_L = LedgerLinesTableModel
_INCENTIVE_TEXT = {IncentiveState.QUALIFYING: "qualifying (25% of the hours not yet worked)",
                   IncentiveState.EARNING: "earning",
                   IncentiveState.DISQUALIFIED: "stopped by an enforceable outcome"}


def _figure(caption: str, tooltip: str) -> tuple[QLabel, QWidget]:
    box = QFrame()
    box.setObjectName("LedgerFigure")
    box.setToolTip(tooltip)
    value = QLabel()
    font = value.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    value.setFont(font)
    value.setAccessibleName(caption)
    text = QLabel(caption)
    text.setObjectName("Hint")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 18, 0)
    layout.setSpacing(0)
    layout.addWidget(value)
    layout.addWidget(text)
    return value, box


class LedgerView(QWidget):
    """The ledger of one order; ``show_order(order_id)`` switches to another. An adjustment
    added here is published as a change to its order, so every screen showing it reads again."""

    def __init__(self, services: AppServices, order_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._ledger_service = services.attendance.ledger
        self.ledger: OrderLedger | None = None
        self.dialog: AdjustmentDialog | None = None
        self.printer = PdfPrinter(self)
        self._decider = can_decide_enforcement(services.ctx.actor)
        self.heading = QLabel()
        self.heading.setObjectName("PageSubtitle")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ordered, ordered_box = _figure("Ordered", "Hours the court ordered")
        self.adjusted, adjusted_box = _figure("Adjustments", "Approved adjustments: + adds "
                                              "hours, − takes them off")
        self.credited, credited_box = _figure("Credited", "Hours worked and credited")
        self.remaining, remaining_box = _figure("Remaining", "Ordered + adjustments − credited")
        self.deadline, deadline_box = _figure("Deadline", "The date the hours must be worked by")
        figures = QHBoxLayout()
        for box in (ordered_box, adjusted_box, credited_box, remaining_box, deadline_box):
            figures.addWidget(box)
        figures.addStretch(1)
        self.details = hint()
        self.incentive = hint()
        self.model = LedgerLinesTableModel(self)
        self.table = make_table(self.model, "Ledger lines, oldest first", sortable=False,
                                stretch_last=False)
        samples = ((_L.DATE, "00/00/0000"), (_L.TRACE, "Adjustment 000, appointment 0000"),
                   (_L.CHANGE, "(rejected)"), (_L.BALANCE, "000:00"))
        for column, sample in samples:
            self.table.setColumnWidth(column, column_width(self.table, column, sample))
        self.table.horizontalHeader().setSectionResizeMode(_L.ENTRY,
                                                           QHeaderView.ResizeMode.Stretch)
        self.completion = QLabel()
        self.completion.setWordWrap(True)
        self.language = LanguageCombo()
        self.letter_button = QPushButton("Print &completion letter…")
        self.letter_button.clicked.connect(self.print_completion_letter)
        self.adjust_button = QPushButton("Add ad&justment…")
        self.adjust_button.clicked.connect(self.add_adjustment)
        if not self._decider:
            for button in (self.adjust_button, self.letter_button):
                button.setToolTip(not_allowed_tip("change or print for orders"))
        self.letter_box = QWidget()
        letter_row = QHBoxLayout(self.letter_box)
        letter_row.setContentsMargins(0, 0, 0, 0)
        letter_row.addWidget(self.completion, 1)
        letter_row.addLayout(language_row(self.language))
        letter_row.addWidget(self.letter_button)
        bar = QHBoxLayout()
        bar.addWidget(hint("Hours are hours:minutes. Pending and rejected adjustments are "
                           "listed but do not change the hours."), 1)
        bar.addWidget(self.adjust_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(figures)
        layout.addWidget(self.details)
        layout.addWidget(self.incentive)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.letter_box)
        layout.addLayout(bar)
        if order_id is not None:
            self.show_order(order_id)
        else:
            self._show(None)

    def show_order(self, order_id: int) -> None:
        """Load and show the ledger of ``order_id``."""
        try:
            ledger = self._ledger_service.ledger(order_id)
        except UpwError as exc:
            report_failure(self, "The order's ledger could not be opened.", exc)
            ledger = None
        self._show(ledger)

    @Slot()
    def reload(self) -> None:
        if self.ledger is not None:
            self.show_order(self.ledger.order_id)

    def clear(self) -> None:
        self._show(None)

    def _show(self, ledger: OrderLedger | None) -> None:
        self.ledger = ledger
        self.model.set_rows(ledger.lines if ledger else [])
        self.adjust_button.setEnabled(self._decider and ledger is not None)
        if ledger is None:
            self.heading.setText("No order chosen.")
            for value in (self.ordered, self.adjusted, self.credited, self.remaining,
                          self.deadline):
                value.setText("—")
            self.details.clear()
            self.incentive.setVisible(False)
            self.letter_box.setVisible(False)
            return
        self.heading.setText(f"<b>{ledger.name}</b> ({ledger.crn}) · order of "
                             f"{ledger.hours_ordered} hours · status: "
                             f"<b>{label(ledger.status)}</b>")
        adjustments = ledger.adjustment_minutes
        self.ordered.setText(format_minutes(ledger.ordered_minutes))
        self.adjusted.setText(f"+{format_minutes(adjustments)}" if adjustments > 0
                              else format_minutes(adjustments))
        self.credited.setText(format_minutes(ledger.credited_minutes))
        self.remaining.setText(format_minutes(ledger.remaining_minutes))
        self.deadline.setText(format_date(ledger.deadline, "None"))
        details = []
        if ledger.ete_cap_minutes:
            details.append(f"ETE counted {format_minutes(ledger.ete_used_minutes)} of at most "
                           f"{format_minutes(ledger.ete_cap_minutes)}")
        if ledger.pending_travel_minutes:
            details.append(f"travel time waiting for a decision: "
                           f"{format_minutes(ledger.pending_travel_minutes)}")
        if ledger.completed_on:
            details.append(f"completed on {format_date(ledger.completed_on)}")
        text = "; ".join(details)
        self.details.setText(text[:1].upper() + text[1:] + "." if details else "")
        self.details.setVisible(bool(details))
        self._show_incentive(ledger)
        ready = ledger.completion_letter_ready
        self.letter_box.setVisible(ready)
        self.letter_button.setEnabled(ready and self._decider)
        if ready:
            self.completion.setText("<b>All hours are done.</b> The completion letter is ready "
                                    "to print.")

    def _show_incentive(self, ledger: OrderLedger) -> None:
        status = ledger.incentive
        shown = status.state != IncentiveState.OFF or status.current_discount > 0
        self.incentive.setVisible(shown)
        if not shown:
            return
        if status.state == IncentiveState.OFF:
            self.incentive.setText(f"Incentive reduction given while the setting was on: "
                                   f"{format_minutes(status.current_discount)}.")
            return
        state = _INCENTIVE_TEXT.get(status.state, status.state.value)
        self.incentive.setText(
            f"Incentive reduction (Sentencing Act 2026 s.37), {state}: current "
            f"{format_minutes(status.current_discount)}, projected "
            f"{format_minutes(status.projected_discount)}, at most "
            f"{format_minutes(status.maximum_discount)}.")

    # Acting ------------------------------------------------------------------------------

    @Slot()
    def add_adjustment(self) -> None:
        if self.ledger is None or not self.adjust_button.isEnabled():
            return
        self.dialog = AdjustmentDialog(self._ledger_service, self.ledger, self)
        self.dialog.saved.connect(self._on_adjustment_saved)
        self.dialog.open()

    def _on_adjustment_saved(self, ledger: OrderLedger) -> None:
        self._show(ledger)
        announce(f"Adjustment added; {format_minutes(ledger.remaining_minutes)} "
                 "still owed.")
        publish(Subject.ORDER, [ledger.order_id], [ledger.person_id], ledger)

    @Slot()
    def print_completion_letter(self) -> None:
        ledger = self.ledger
        if ledger is None or not self.letter_button.isEnabled():
            return
        letters = self._services.attendance.letters
        language = self.language.language()
        self.printer.run(lambda: letters.render_completion_letter(ledger.order_id,
                                                                  language=language),
                         f"Completion letter – {ledger.name}",
                         f"completion-letter-{ledger.crn}.pdf",
                         "Preparing the completion letter…", button=self.letter_button,
                         letter_for=ledger.person_id,
                         failure="The completion letter could not be prepared.")


class LedgerDialog(QDialog):
    """The ledger in its own window, opened from a list of orders."""

    def __init__(self, services: AppServices, order_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = LedgerView(services, order_id, self)
        ledger = self.view.ledger
        self.setWindowTitle(f"Order ledger – {ledger.name} ({ledger.crn})" if ledger
                            else "Order ledger")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(1100, 640)

