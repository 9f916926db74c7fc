"""The Settings page: every policy setting with its default; administrators change them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import UpwError
from upw_ttg.records.settings import SettingRow

from ui.changes import announce
from ui.dialogs.setting_dialog import SettingDialog
from ui.errors import show_error
from ui.models.settings_model import SettingsTableModel, format_setting_value
from ui.permissions import can_change_settings
from ui.widgets.tables import WrapDelegate, column_width, make_table, selected_row


class SettingsPage(QWidget):
    """Settings grouped by category; Change… and Reset to default for administrators."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.dialog: SettingDialog | None = None
        self._admin = can_change_settings(services.ctx.actor)
        title = QLabel("Settings")
        title.setObjectName("PageTitle")
        note = QLabel(
            "Policy values the application works to: deadlines, ratios and caps. "
            + ("Changes apply to everyone straight away and are recorded in the audit trail."
               if self._admin else "Only an administrator can change them."))
        note.setObjectName("PageSubtitle")
        note.setWordWrap(True)
        self.model = SettingsTableModel(self)
        self.table = make_table(self.model, "Settings", sortable=False)
        self.table.setWordWrap(True)
        # Qt's own measure of a wrapped cell leaves out its padding, so a line that only just
        # fitted was cut short with "…".
        self.table.setItemDelegateForColumn(SettingsTableModel.DESCRIPTION,
                                            WrapDelegate(self.table))
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        # Descriptions wrap, so each row is as tall as its text at the current width: measured
        # once the widths have settled, not at every step of the layout (a header that sizes
        # rows to their contents measured every cell again at each width it passed through).
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        self.table.horizontalHeader().sectionResized.connect(
            lambda *_sizes: self._fit_rows.start(0))
        self.edit_button = QPushButton("&Change…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.reset_button = QPushButton("&Reset to default")
        self.reset_button.clicked.connect(self.reset_selected)
        self.key_button = QPushButton("Notify &key…")
        self.key_button.setToolTip("The GOV.UK Notify key for text reminders, kept in this "
                                   "computer's credential store")
        self.key_button.clicked.connect(self.edit_notify_key)
        self.edit_button.setVisible(self._admin)
        self.reset_button.setVisible(self._admin)
        self.key_button.setVisible(self._admin)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        top.addWidget(self.reset_button)
        top.addWidget(self.key_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        self.reload()

    def edit_notify_key(self) -> None:
        """Rule UPW-TEXTS: the key goes to the credential store, never the database."""
        from ui.dialogs.notify_key_dialog import NotifyKeyDialog

        self.key_dialog = NotifyKeyDialog(self._services, self)
        self.key_dialog.open()

    def reload(self, select_key: str | None = None) -> None:
        self.model.set_settings(self._services.settings.list_settings())
        self.table.clearSpans()
        for row in self.model.heading_rows():
            self.table.setSpan(row, 0, 1, self.model.columnCount())
        header = self.table.horizontalHeader()
        for column, sample in ((0, "Evidence of acceptable absence due"), (1, "100 months"),
                               (2, "100 months"), (3, "working days")):
            self.table.setColumnWidth(column, column_width(self.table, column, sample))
        header.setSectionResizeMode(SettingsTableModel.DESCRIPTION,
                                    QHeaderView.ResizeMode.Stretch)
        row = self.model.row_for_key(select_key) if select_key else -1
        if row < 0:
            row = next((r for r in range(self.model.rowCount())
                        if r not in self.model.heading_rows()), -1)
        if row >= 0:
            self.table.selectRow(row)
        self._on_selection_changed()
        self._fit_rows.start(0)


    def selected_setting(self) -> SettingRow | None:
        row = selected_row(self.table)
        return row if isinstance(row, SettingRow) else None

    def _on_selection_changed(self, *_args: object) -> None:
        setting = self.selected_setting()
        self.edit_button.setEnabled(self._admin and setting is not None)
        self.reset_button.setEnabled(self._admin and setting is not None
                                     and not setting.is_default)

    def _on_table_activated(self, _index: QModelIndex) -> None:
        if self._admin:
            self.edit_selected()

    @Slot()
    def edit_selected(self) -> None:
        setting = self.selected_setting()
        if setting is None or not self._admin:
            return
        self.dialog = SettingDialog(self._services.settings, setting, self)
        self.dialog.saved.connect(self._on_setting_saved)
        self.dialog.open()

    def _on_setting_saved(self, row: SettingRow) -> None:
        self.reload(row.key)
        announce(f"{row.label} is now "
                 f"{format_setting_value(row.value_type, row.value, row.unit)}.")

    @Slot()
    def reset_selected(self) -> None:
        setting = self.selected_setting()
        if setting is None or not self._admin:
            return
        try:
            row = self._services.settings.reset(setting.key, setting.version)
        except UpwError as exc:
            show_error(self, f"{setting.label} was not reset.", str(exc))
            self.reload(setting.key)
            return
        self._on_setting_saved(row)
