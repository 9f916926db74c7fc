"""Changing one policy setting (administrators only), with the service's validation message."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QWidget

from upw_ttg.domain.settings import SETTINGS_BY_KEY
from upw_ttg.records.settings import SettingRow
from upw_ttg.services.settings import SettingsService

from ui.dialogs.form_dialog import FormDialog
from ui.models.settings_model import format_setting_value


def _range_hint(row: SettingRow) -> str | None:
    """'A whole number of months from 1 to 60.' from the setting's definition."""
    definition = SETTINGS_BY_KEY.get(row.key)
    if row.value_type != "int":
        return None
    unit = f" of {row.unit}" if row.unit else ""
    if definition is not None and definition.minimum is not None \
            and definition.maximum is not None:
        return f"A whole number{unit} from {definition.minimum} to {definition.maximum}."
    return f"A whole number{unit}."


class SettingDialog(FormDialog):
    """Edit ``row``'s value; yes/no settings get a check box, the rest a text box."""

    def __init__(self, settings: SettingsService, row: SettingRow,
                 parent: QWidget | None = None):
        super().__init__(f"Change setting – {row.label}", row.description, parent)
        self._settings = settings
        self._row = row
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow("Category", QLabel(row.category))
        default = format_setting_value(row.value_type, row.default_value, row.unit)
        form.addRow("Default", QLabel(default))
        if row.value_type == "bool":
            self.editor: QCheckBox | QLineEdit = QCheckBox("&On")
            self.editor.setChecked(row.value.strip().lower() in {"true", "yes", "1", "on"})
            self.editor.setAccessibleName(row.label)
            self.fields.add_row(form, "value", row.label, self.editor)
        else:
            self.editor = QLineEdit(row.value)
            self.editor.setMaxLength(400)
            self.editor.selectAll()
            hint = _range_hint(row)
            self.fields.add_row(form, "value", "&Value", self.editor, hint=hint)
            self.editor.setAccessibleName(row.label)
        self.body.addLayout(form)
        self.resize(520, self.sizeHint().height())

    def collect(self) -> str:
        if isinstance(self.editor, QCheckBox):
            return "true" if self.editor.isChecked() else "false"
        return self.editor.text()

    def save(self, data: str) -> SettingRow:
        return self._settings.update(self._row.key, data, self._row.version)
