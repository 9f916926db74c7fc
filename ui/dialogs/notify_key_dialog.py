"""The GOV.UK Notify API key, kept in the operating system's credential store (rule UPW-TEXTS)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.texts import KeyState

from ui.dialogs.form_dialog import FormDialog


class NotifyKeyDialog(FormDialog):
    """Paste a key (never shown again); an empty key switches sending off."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__("GOV.UK Notify key",
                         "Paste the API key from GOV.UK Notify's API integration page. It is "
                         "kept in this computer's credential store, never in the database or "
                         "the logs. Leave it empty to switch sending off.", parent,
                         save_text="&Keep the key")
        self._services = services
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setMaxLength(200)
        self.test = QCheckBox("This is the &test key (texts go nowhere)")
        form = QFormLayout()
        self.fields.add_row(form, "key", "A&PI key", self.key)
        form.addRow("", self.test)
        self.body.addLayout(form)
        self.resize(620, 240)

    def collect(self) -> tuple[str, bool]:
        return self.key.text(), self.test.isChecked()

    def save(self, data: tuple[str, bool]) -> KeyState:
        key, test = data
        return self._services.upw.texts.set_key(key, test=test)
