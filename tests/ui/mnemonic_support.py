"""Alt+letter keys claimed twice in one window: the check shared by the screens' tests."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QWidget

# The main window's menus (File, Go, Help) own Alt+F, Alt+G and Alt+H.
MENU_LETTERS = {"f": "&File", "g": "&Go", "h": "&Help"}


def clashing_mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Alt+letter keys that two visible controls (or a control and a menu) both claim."""
    found: dict[str, list[str]] = {k: [v] for k, v in MENU_LETTERS.items()}
    texts = [w.text() for w in root.findChildren(QAbstractButton) if w.isVisibleTo(root)]
    texts += [w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root)]
    for bar in root.findChildren(QTabBar):
        if bar.isVisibleTo(root):
            texts += [bar.tabText(i) for i in range(bar.count())]
    for text in texts:
        match = re.search(r"&([^&\s])", text)
        if match:
            found.setdefault(match.group(1).lower(), []).append(text)
    return {k: v for k, v in found.items() if len(v) > 1}
