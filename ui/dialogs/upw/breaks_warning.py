"""Before saving a change of facts: "this change breaks N bookings", who and why, and confirm."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.errors import UpwError
from upw_ttg.records.recheck import RecheckReport

from ui.models.upw.broken_model import BrokenBookingsModel
from ui.tasks import on_gui_thread
from ui.widgets.banner import Banner
from ui.widgets.tables import make_table


class NotConfirmed(UpwError):
    """The coordinator chose not to save a change that breaks bookings."""

    def __init__(self) -> None:
        super().__init__("Not saved: the bookings are as they were. Change the form, or save "
                         "again and confirm.")


class BreaksWarningDialog(QDialog):
    """Lists the bookings a change would break; Save anyway queues them, Go back saves nothing."""

    def __init__(self, report: RecheckReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("This change breaks bookings")
        summary = Banner()
        summary.prefixes = False
        summary.show_message(report.summary(), "error")
        explain = QLabel("If you save, each of these goes on the <b>Bookings that break a "
                         "rule</b> list in Scheduling, and stays there until it is moved, "
                         "removed with a reason, or (soft rules only) accepted with a reason.")
        explain.setWordWrap(True)
        explain.setObjectName("Hint")
        self.model = BrokenBookingsModel(self)
        self.model.set_rows(list(report.broken))
        self.table = make_table(self.model, "Bookings this change breaks", sortable=False,
                                stretch_last=False)
        self.table.hideColumn(BrokenBookingsModel.FOUND)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BrokenBookingsModel.WHY, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in range(self.model.columnCount()):
            if column != BrokenBookingsModel.WHY:
                self.table.resizeColumnToContents(column)
        self.buttons = QDialogButtonBox()
        self.back_button = QPushButton("&Go back")
        self.save_button = QPushButton("&Save anyway")
        self.save_button.setProperty("danger", "true")
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Enter never saves a breaking change by accident.
        self.save_button.setAutoDefault(False)
        self.back_button.setAutoDefault(True)
        self.back_button.setDefault(True)
        self.back_button.setFocus()
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 420)


def confirm_breaks(parent: QWidget, report: RecheckReport) -> bool:
    """True when the change breaks nothing, or the coordinator chose Save anyway."""
    if not report.broken:
        return True
    # Forms save under a wait cursor; the question needs the ordinary one.
    waiting = QGuiApplication.overrideCursor()
    if waiting is not None:
        QGuiApplication.restoreOverrideCursor()
    try:
        return BreaksWarningDialog(report, parent).exec() == QDialog.DialogCode.Accepted
    finally:
        if waiting is not None:
            QGuiApplication.setOverrideCursor(waiting.shape())


class ChecksBookings:
    """For forms that change facts a placement rule reads: ask before breaking bookings.

    ``confirm`` can be replaced (tests answer without a modal loop).
    """

    confirm: Callable[[QWidget, RecheckReport], bool] = staticmethod(confirm_breaks)

    def confirm_bookings(self, preview: Callable[[], RecheckReport]) -> None:
        """Run the service's preview; raise NotConfirmed unless it is safe or confirmed."""
        report = preview()
        # The save runs on the writer thread; the question is asked on the GUI thread.
        if report.broken and not on_gui_thread(
                lambda: self.confirm(self, report)):  # type: ignore[arg-type]  # self: the dialog this is mixed into
            raise NotConfirmed()
