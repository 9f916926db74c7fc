"""Around the plan's pages: the list of sections, the panel before a plan is started, and
the questions the plan screen asks before closing with unsaved edits or completing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.views.ttg.section import SectionPage
from ui.widgets.labels import heading, hint

_GROUPS = {"need": "Needs by pathway", "strengths": "Required sections",
           "referrals": "Before release"}


class SectionList(QListWidget):
    """One line per page under group headings, each marked with how far it is answered."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SectionList")
        self.setAccessibleName("Sections of the plan")
        self.setWordWrap(True)
        self.setFixedWidth(270)
        self.setSpacing(1)
        self.setStyleSheet("QListWidget#SectionList::item { padding: 2px 4px; }")
        self.lines: dict[str, QListWidgetItem] = {}

    def add_page(self, page: SectionPage) -> None:
        """A line for ``page``, after its group's heading when it opens a group."""
        need = page.key.startswith("need:")
        group = _GROUPS.get("need" if need else page.key)
        if group and (not self.lines or not need):
            heading_item = QListWidgetItem(group.upper())
            heading_item.setFlags(Qt.ItemFlag.NoItemFlags)
            font = heading_item.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 0.85)
            heading_item.setFont(font)
            self.addItem(heading_item)
        item = QListWidgetItem(page.nav_text)
        item.setData(Qt.ItemDataRole.UserRole, page.key)
        self.addItem(item)
        self.lines[page.key] = item

    def hide_keys(self, hidden: set[str]) -> None:
        for key, item in self.lines.items():
            item.setHidden(key in hidden)

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_states(self, pages: list[SectionPage], planned: bool) -> None:
        """Mark each page's line (pages that need a plan are unmarked until it is started)."""
        for page in pages:
            mark, spoken = page.nav_state() if planned or not page.needs_plan else ("", "")
            item = self.lines[page.key]
            item.setText(f"{mark} {page.nav_text}".strip())
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{page.nav_text}{', ' + spoken if spoken else ''}")
            item.setToolTip(spoken)


class StartPanel(QWidget):
    """Shown in place of a page that needs the plan, until the plan is started."""

    def __init__(self, editable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.addWidget(heading("No resettlement plan yet"))
        layout.addWidget(hint(
            "Start the plan with the person soon after they arrive: their needs by pathway "
            "in their own words, strengths, diversity needs, risk of harm and their agreement. "
            "Everything you type is saved as you go."))
        self.start_button = QPushButton("&Start the resettlement plan")
        self.start_button.setProperty("primary", "true")
        self.start_button.setEnabled(editable)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)


def ask_close_unsaved(parent: QWidget, leave: str) -> bool:
    """True if the user goes on (``leave``: close, leave) though some edits are unsaved."""
    parent.window().raise_()
    box = QMessageBox(QMessageBox.Icon.Warning, "Changes not saved",
                      "Some changes to the resettlement plan could not be saved.",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText("The messages on the plan say why. Stay to correct them, or "
                           f"{leave} and lose those changes.")
    stay = box.addButton("&Stay and correct", QMessageBox.ButtonRole.RejectRole)
    box.addButton(f"&{leave.capitalize()} anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(stay)
    box.exec()
    return box.clickedButton() is not stay


def confirm_complete(parent: QWidget, text: str) -> bool:
    """Ask before marking the plan complete."""
    box = QMessageBox(QMessageBox.Icon.Question, "Complete the plan", text,
                      QMessageBox.StandardButton.Cancel, parent)
    complete = box.addButton("&Complete plan", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is complete
