"""The rule engine's answer in plain words: what blocks a placement, what needs a reason."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from upw_ttg.domain.placement import Breach, Decision


def rules_html(breaches: Sequence[Breach], *, who: str = "") -> str:
    """Hard rules first under 'Blocked', then soft ones under 'Needs a reason'."""
    hard = [b for b in breaches if b.hard]
    soft = [b for b in breaches if not b.hard]
    prefix = f"{html.escape(who)}: " if who else ""
    if not breaches:
        return f"<p>✔ {prefix}No rule stands in the way.</p>"
    parts = []
    if hard:
        items = "".join(f"<li>{html.escape(b.message)}</li>" for b in hard)
        parts.append(f"<p><b>✖ {prefix}Blocked.</b> These rules must be met first; they cannot "
                     f"be overridden:</p><ul>{items}</ul>")
    if soft:
        items = "".join(f"<li>{html.escape(b.message)}</li>" for b in soft)
        parts.append(f"<p><b>⚠ {prefix}Needs a reason.</b> You may go ahead if you record "
                     f"why:</p><ul>{items}</ul>")
    return "".join(parts)


class RulesPanel(QFrame):
    """A framed box with the engine's answer; its text is selectable and read out."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Banner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label)
        self.decision: Decision | None = None
        self.show_hint("Choose a person and their order to see what the rules say.")

    def _kind(self, kind: str) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)

    def show_hint(self, text: str) -> None:
        self.decision = None
        self._kind("info")
        self.label.setText(html.escape(text))
        self.setAccessibleDescription(text)

    def show_breaches(self, breaches: Sequence[Breach], who: str = "") -> None:
        self.decision = Decision(tuple(breaches))
        self._kind("error" if any(b.hard for b in breaches) else
                   "warning" if breaches else "info")
        self.label.setText(rules_html(breaches, who=who))
        self.setAccessibleDescription(self.text())

    def text(self) -> str:
        """The answer as plain text (for tests and screen readers)."""
        doc = self.label.text().replace("</li>", "\n").replace("</p>", "\n")
        plain = []
        inside = False
        for ch in doc:
            if ch == "<":
                inside = True
            elif ch == ">":
                inside = False
            elif not inside:
                plain.append(ch)
        return html.unescape("".join(plain)).strip()
