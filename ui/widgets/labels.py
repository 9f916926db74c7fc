"""The labels pages share: a page's title with its purpose, a section heading, a hint."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout


def page_title(text: str, intro: str | None = None) -> QVBoxLayout:
    """A page's title, with a line saying what the page is for."""
    layout = QVBoxLayout()
    layout.setSpacing(2)
    title = QLabel(text)
    title.setObjectName("PageTitle")
    layout.addWidget(title)
    if intro:
        note = QLabel(intro)
        note.setObjectName("PageSubtitle")
        note.setWordWrap(True)
        layout.addWidget(note)
    return layout


def hint(text: str = "", word_wrap: bool = True) -> QLabel:
    """A quiet note beside a field or under a list (wrapped unless told not to be)."""
    note = QLabel(text)
    note.setObjectName("Hint")
    note.setWordWrap(word_wrap)
    return note


def heading(text: str) -> QLabel:
    title = QLabel(text)
    title.setObjectName("SectionTitle")
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    title.setFont(font)
    title.setWordWrap(True)
    return title
