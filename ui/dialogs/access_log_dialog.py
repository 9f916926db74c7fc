""""Who has looked at this record": the access log of one person, for managers."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.domain.access import local_time
from upw_ttg.records.access_log import AccessRow
from upw_ttg.services.access_log import AccessLogService

from ui.formatting import format_datetime
from ui.models.table_model import Column, RowTableModel


class AccessLogModel(RowTableModel[AccessRow]):
    COLUMNS = (
        Column("When", lambda r: format_datetime(local_time(r.occurred_at)),
               sort=lambda r: r.occurred_at),
        Column("Who", lambda r: r.staff or "Nobody signed in"),
        Column("Did", lambda r: r.action),
        Column("What", lambda r: r.what),
        Column("For", lambda r: r.recipient or ""),
    )


class AccessLogDialog(QDialog):
    """Every opening, print and export of one person's sensitive records, newest first."""

    def __init__(self, access_log: AccessLogService, person_id: int, person_name: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Who has looked at this record")
        self.model = AccessLogModel(self)
        self.model.set_rows(access_log.who_has_looked(person_id))
        heading = QLabel(f"Who has opened, printed or exported {person_name}'s sensitive "
                         "records: assessments, plans' risk sections, sensitive notes, "
                         "handover records and case summaries.")
        heading.setWordWrap(True)
        count = len(self.model.rows())
        self.summary = QLabel("Nobody has looked at these records yet." if count == 0 else
                              f"{count} entr{'y' if count == 1 else 'ies'}, newest first. "
                              "Opening the same record again within two minutes is one entry.")
        self.summary.setObjectName("Hint")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Access log")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(860, 440)
