"""Picking a provider from the directory of local services, or typing one that is not in it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from upw_ttg.records.directory import REFERRAL_ROUTE_LABELS, ProviderChoice, ProviderContact

# The list's last item: someone not in the directory, typed by name.
OTHER_PROVIDER = -1

Loader = Callable[[str | None], list[ProviderChoice]]


def contact_text(contact: ProviderContact) -> str:
    """A provider's phone, email and hours, where it is, and how to refer: the address
    matters for a pharmacy or a hostel the person goes to."""
    reach = " · ".join(x for x in (contact.phone, contact.email, contact.opening_hours) if x)
    how = ""
    if contact.referral_route is not None:
        how = f"Refer by: {REFERRAL_ROUTE_LABELS[contact.referral_route]}"
        if contact.referral_how:
            how += f". {contact.referral_how}"
    return "\n".join(x for x in (reach or "No contact details in the directory yet.",
                                 contact.address, how) if x)


class ProviderPicker(QWidget):
    """The directory's providers for a pathway (the person's area first), a last item for one
    not in it with a box to type its name, and the picked provider's details underneath
    (rule TTG-DIR3). ``load`` gives the providers for a pathway code; ``other_text`` None
    leaves out the typed item, ``choose_text`` None puts it first instead of "choose"."""

    edited = Signal()
    resized = Signal()

    def __init__(self, load: Loader, name: str, *,
                 choose_text: str | None = "Choose the provider…",
                 other_text: str | None = "Not in the directory: type its name",
                 other_hint: str = "", placeholder: str = "The provider's name",
                 max_length: int = 120, pathway_code: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._load = load
        self._choose_text = choose_text
        self._other_text = other_text
        self._other_hint = other_hint
        self._choices: list[ProviderChoice] = []
        self._pathway = pathway_code
        self.combo = QComboBox()
        self.combo.setAccessibleName(name)
        self.typed = QLineEdit()
        self.typed.setMaxLength(max_length)
        self.typed.setAccessibleName(f"{name}: not in the directory")
        self.typed.setPlaceholderText(placeholder)
        self.details = QLabel()
        self.details.setObjectName("Hint")
        self.details.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        for widget in (self.combo, self.typed, self.details):
            column.addWidget(widget)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self._picked)
        self.typed.textEdited.connect(lambda _t: self.edited.emit())

    # ---- what is picked ------------------------------------------------------------------
    def provider_id(self) -> int | None:
        value = self.combo.currentData()
        return None if value in (None, OTHER_PROVIDER) else int(value)

    def typed_name(self) -> str | None:
        """The name typed for one not in the directory (None when a provider is picked)."""
        if self.combo.currentData() != OTHER_PROVIDER:
            return None
        return self.typed.text() if self.typed.text().strip() else None

    def is_other(self) -> bool:
        return self.combo.currentData() == OTHER_PROVIDER

    def set_value(self, provider_id: int | None, typed: str | None,
                  kept_name: str | None = None) -> None:
        """Show ``provider_id`` (kept in the list under ``kept_name`` when it no longer takes
        referrals) or, with none, ``typed`` under the typed item; no edit is signalled."""
        self.blockSignals(True)
        self._fill(provider_id if provider_id is not None
                   else OTHER_PROVIDER if typed and self._other_text else None,
                   (provider_id, kept_name or typed or "") if provider_id is not None else None)
        self.typed.setText(typed or "" if provider_id is None else "")
        self.blockSignals(False)

    def set_pathway(self, pathway_code: str | None) -> None:
        """Offer the providers helping with ``pathway_code``, keeping the pick if it is one."""
        self._pathway = pathway_code
        self._fill(self.combo.currentData(), None)

    # ---- filling -------------------------------------------------------------------------
    def _fill(self, keep: int | None, kept: tuple[int, str] | None) -> None:
        combo = self.combo
        combo.blockSignals(True)
        combo.clear()
        self._choices = self._load(self._pathway)
        # Without a "choose" item, typing one not in the directory comes first: the usual
        # answer, with the directory's providers under it.
        if self._choose_text is not None:
            combo.addItem(self._choose_text, None)
        elif self._other_text:
            combo.addItem(self._other_text, OTHER_PROVIDER)
        for choice in self._choices:
            text = choice.name if choice.in_area else f"{choice.name} (serves {choice.areas_text})"
            combo.addItem(text, choice.id)
        if kept is not None and combo.findData(kept[0]) < 0:
            # Kept by a record saved before the provider stopped taking new ones.
            combo.addItem(kept[1], kept[0])
        if self._other_text and self._choose_text is not None:
            combo.addItem(self._other_text, OTHER_PROVIDER)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.blockSignals(False)
        self._show()

    def _picked(self, *_args: object) -> None:
        self._show()
        self.edited.emit()

    def _show(self) -> None:
        value = self.combo.currentData()
        self.typed.setVisible(value == OTHER_PROVIDER)
        choice = next((c for c in self._choices if c.id == value), None)
        if value == OTHER_PROVIDER:
            text = self._other_hint
        elif choice is not None:
            text = contact_text(choice.contact)
        else:
            text = "" if self._choices else ("No provider in the directory helps with this "
                                             "yet.")
        self.details.setText(text)
        self.details.setVisible(bool(text))
        self.resized.emit()
