"""The plan screen's header: who and where, save state, Complete, Print and custody events."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.domain.codes import CustodyEventKind, CustodyStatus, Language, PlanStatus
from upw_ttg.domain.custody import RELEASE_TYPE_LABELS

from ui.dialogs.print_preview import PrintPreviewDialog
from ui.dialogs.ttg.event_dialog import CustodyEventDialog
from ui.formatting import format_date
from ui.tasks import report_failure, run_in_background

if TYPE_CHECKING:
    from ui.views.ttg.host import PlanHost

_LANGUAGES = {Language.ENGLISH: "English", Language.WELSH: "Welsh (Cymraeg)"}
_EVENTS = ((CustodyEventKind.TRANSFER, "&Transfer to another prison…"),
           (CustodyEventKind.EARLY_RELEASE, "&Early release…"),
           (CustodyEventKind.RELEASE, "&Release…"),
           (CustodyEventKind.RECALL, "Re&call on licence…"))


class PlanHeader(QWidget):
    """Name and facts on the left; save state and the plan's commands on the right (the
    host completes the plan when Complete is pressed)."""

    def __init__(self, host: PlanHost):
        super().__init__()
        self.host = host
        self.preview: PrintPreviewDialog | None = None
        self.back_button = QPushButton("← Caseload")
        self.back_button.setToolTip("Back to the caseload (Alt+Left); everything is saved")
        self.back_button.setAccessibleName("Back to the caseload")
        self.name_label = QLabel()
        self.name_label.setObjectName("PageTitle")
        self.facts_label = QLabel()
        self.facts_label.setObjectName("PageSubtitle")
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextFormat(Qt.TextFormat.RichText)
        self.facts_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction)
        self.facts_label.linkActivated.connect(lambda key: host.show_page(key, focus=True))
        self.save_state = QLabel()
        self.save_state.setObjectName("Hint")
        self.save_state.setAccessibleName("Save state")
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.complete_button = QPushButton("&Complete plan")
        self.complete_button.setProperty("primary", "true")
        self.complete_button.setToolTip("Mark the plan complete; if anything required is "
                                        "missing you are told exactly what")
        self.print_button = QPushButton("&Print")
        self.print_menu = QMenu(self.print_button)
        self.print_menu.aboutToShow.connect(self._fill_print_menu)
        self.print_button.setMenu(self.print_menu)
        self.event_button = QPushButton("Custody e&vent")
        self.event_menu = QMenu(self.event_button)
        self.event_actions = {}
        for kind, text in _EVENTS:
            action = self.event_menu.addAction(text)
            action.triggered.connect(lambda _c=False, k=kind: self.record_event(k))
            self.event_actions[kind] = action
        self.event_button.setMenu(self.event_menu)
        self.missing = MissingPanel(host)

        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.name_label)
        names.addWidget(self.facts_label)
        commands = QHBoxLayout()
        commands.addWidget(self.save_state)
        commands.addSpacing(6)
        commands.addWidget(self.event_button)
        commands.addWidget(self.print_button)
        commands.addWidget(self.complete_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addSpacing(12)
        layout.addLayout(names, 1)
        layout.addLayout(commands)

    # Facts and save state ----------------------------------------------------------------

    def show_facts(self) -> None:
        known = self.host.state
        episode, person, plan = known.episode, known.person, known.plan
        assert episode is not None and person is not None
        self.name_label.setText(f"{person.surname.upper()}, {person.forename}")
        state = known.custody
        facts = [f"CRN {person.crn}", f"{html.escape(episode.prison_name)} "
                 f"{episode.prison_number}"]
        if state is not None and state.status == CustodyStatus.RELEASED:
            facts.append(f"<b>Released {format_date(state.released_on)}</b>")
        elif episode.expected_release_date:
            release_type = episode.expected_release_type
            kind = RELEASE_TYPE_LABELS.get(release_type, "") if release_type else ""
            facts.append(f"Release <b>{format_date(episode.expected_release_date)}</b> "
                         f"({html.escape(kind.lower())})")
        else:
            facts.append("No release date yet")
        if plan is None:
            facts.append("No plan yet")
        elif plan.status == PlanStatus.COMPLETE:
            facts.append(f"Plan complete {format_date(plan.completed_on)}")
        else:
            late = plan.due_date is not None and plan.due_date < self.host.services.ctx.today()
            due = f", due {format_date(plan.due_date)}" if plan.due_date else ""
            shown = (f"<b>Plan reopened {format_date(plan.reopened_on)}</b> – in progress"
                     if plan.reopened else "Plan in draft")
            facts.append(f"{shown}{due}{' – <b>overdue</b>' if late else ''}")
        moves = len(known.deadlines.moves) if known.deadlines else 0
        if moves:
            facts.append(f'<a href="dates">{moves} deadline{"s" if moves != 1 else ""} moved '
                         "by date changes</a>")
        self.facts_label.setText(" · ".join(facts))
        self.show_reopened()
        complete = plan is not None and plan.status == PlanStatus.COMPLETE
        self.complete_button.setText("Plan complete" if complete else "&Complete plan")
        self.complete_button.setEnabled(known.editable and plan is not None and not complete)
        in_custody = state is None or state.status == CustodyStatus.IN_CUSTODY
        for kind, action in self.event_actions.items():
            action.setEnabled(known.editable and in_custody != (kind == CustodyEventKind.RECALL))
        self.event_button.setEnabled(known.editable)

    def show_editing(self) -> None:
        self.save_state.setText("Editing… saved when you pause")

    def show_saving(self) -> None:
        self.save_state.setText("Saving…")
        self.save_state.repaint()

    def show_saved_state(self, ok: bool | None) -> None:
        if ok is None:
            self.save_state.setText("Changes are saved as you type")
        elif ok:
            self.save_state.setText(f"✓ Saved {self.host.services.ctx.now():%H:%M}")
        else:
            self.save_state.setText("⚠ Not saved – see the message")

    # Completing --------------------------------------------------------------------------

    def refresh_missing(self) -> None:
        """Keep the list of missing parts true as sections are answered (while it is shown)."""
        plan = self.host.state.plan
        if plan is None or not self.missing.isVisible():
            return
        if self.missing.reopened_for is not None:
            self.show_reopened()
            return
        if not self.missing.items:
            return  # a message about unsaved fields, not the gate
        items = self.host.state.gap_links()
        if items:
            self.missing.show_text("The plan cannot be marked complete yet. Still missing:",
                                   items, focus=False)
        else:
            self.missing.show_text("Everything required is answered now: the plan can be "
                                   "completed (Alt+C).", [], focus=False)
            self.missing.items = []

    def show_reopened(self) -> None:
        """A reopened plan says why, each missing part a link, until it is complete again."""
        plan = self.host.state.plan
        if plan is None or not plan.reopened:
            if self.missing.reopened_for is not None:
                self.missing.reopened_for = None
                self.missing.setVisible(False)
            return
        if self.missing.hidden_for == plan.id:
            return
        who = f" by {plan.reopened_by}" if plan.reopened_by else ""
        still = self.host.state.gap_links()
        title = (f"This plan was complete, and was reopened on "
                 f"{format_date(plan.reopened_on)}{who} because a change left a required "
                 "section unanswered. It is in progress again" +
                 (". Still missing:" if still else ": everything is answered now, so it "
                  "can be completed again."))
        self.missing.show_text(title, still, focus=False)
        self.missing.reopened_for = plan.id

    def show_missing(self) -> None:
        """List each missing part with a link to the page where it is answered."""
        self.missing.reopened_for = None
        self.missing.show_text("The plan cannot be marked complete yet. Still missing:",
                               self.host.state.gap_links())

    # Printing ----------------------------------------------------------------------------

    def _fill_print_menu(self) -> None:
        menu = self.print_menu
        menu.clear()
        person = self.host.state.person
        own = person.preferred_language.printed if person is not None else Language.ENGLISH
        order = [own, *(x for x in _LANGUAGES if x != own)]
        for document, text in (("person_copy", "&Person's copy of the plan"),
                               ("release_sheet", "&Day-of-release sheet")):
            for number, language in enumerate(order):
                suffix = " (their language)" if number == 0 else ""
                shown = text if number == 0 else text.replace("&", "")
                action = menu.addAction(f"{shown} – {_LANGUAGES[language]}{suffix}…")
                action.triggered.connect(
                    lambda _c=False, d=document, lang=language: self.print_document(d, lang))
            menu.addSeparator()
        if self.host.state.can_read_handover:
            action = menu.addAction("&Handover pack for the responsible officer – English…")
            action.triggered.connect(
                lambda: self.print_document("handover_pack", Language.ENGLISH))
            action = menu.addAction("Handover pack for the responsible officer – Welsh "
                                    "(Cymraeg)…")
            action.triggered.connect(
                lambda: self.print_document("handover_pack", Language.WELSH))

    def print_document(self, document: str, language: Language | None) -> None:
        """Render in the background, then open the preview."""
        host, shown = self.host, self.host.state
        assert shown.episode is not None and shown.person is not None
        host.save_pending()
        episode_id, person = shown.episode.id, shown.person
        printouts = host.services.ttg_printouts
        titles = {"person_copy": "Resettlement plan (person's copy)",
                  "release_sheet": "Day-of-release sheet", "handover_pack": "Handover pack"}
        if document == "handover_pack":
            officer = language or Language.ENGLISH

            def render() -> bytes:
                return printouts.render_handover_pack(episode_id, officer)
        else:
            method = getattr(printouts, f"render_{document}")

            def render() -> bytes:
                return method(episode_id, language)
        title = f"{titles[document]} – {person.display_name}"
        if language is not None:
            title += f" ({_LANGUAGES[language].split()[0]})"
        name = f"{document.replace('_', '-')}-{person.crn}.pdf"
        self.print_button.setEnabled(False)

        def done(pdf: bytes) -> None:
            self.print_button.setEnabled(True)
            self.show_preview(pdf, title, name)

        def failed(exc: BaseException) -> None:
            self.print_button.setEnabled(True)
            report_failure(self, "The document could not be prepared.", exc)

        run_in_background(render, done, failed, "Preparing the document…", parent=self)

    def show_preview(self, pdf: bytes, title: str, name: str) -> None:
        self.preview = PrintPreviewDialog(pdf, title, name, self)
        self.preview.open()

    # Custody events ----------------------------------------------------------------------

    def record_event(self, kind: CustodyEventKind) -> None:
        shown = self.host.state
        assert shown.episode is not None and shown.custody is not None
        dialog = CustodyEventDialog(self.host.services, shown.custody, kind,
                                    shown.person.display_name if shown.person else "", self)
        # An event moves the episode's dates and deadlines: everything is read again.
        self.host.open_dialog(dialog, "Custody event recorded.", None)


class MissingPanel(QFrame):
    """What stops the plan being complete, each line a link to its page."""

    def __init__(self, host: PlanHost):
        super().__init__()
        self.setObjectName("Banner")
        self.setProperty("kind", "warning")
        self.host = host
        self.items: list[tuple[str, str]] = []
        # The plan whose reopening the panel shows, and one whose notice the user hid.
        self.reopened_for: int | None = None
        self.hidden_for: int | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.links = QLabel()
        self.links.setWordWrap(True)
        self.links.setTextFormat(Qt.TextFormat.RichText)
        self.links.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.links.setAccessibleName("Missing parts of the plan")
        self.links.linkActivated.connect(self._on_links_link_activated)
        close = QPushButton("Hide")
        close.setAccessibleName("Hide the list of missing parts")
        close.clicked.connect(self.hide_panel)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.title)
        text.addWidget(self.links)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(text, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def hide_panel(self) -> None:
        self.hidden_for = self.reopened_for
        self.setVisible(False)

    def show_text(self, title: str, items: list[tuple[str, str]], *,
                  focus: bool = True) -> None:
        """Show the list; ``focus`` moves the keyboard to it (not while the user types)."""
        self.items = items
        self.title.setText(title)
        lines = [f'{n}. <a href="{key}">{html.escape(message)}</a>'
                 for n, (key, message) in enumerate(items, 1)]
        self.links.setText("<br>".join(lines))
        self.links.setVisible(bool(items))
        self.setAccessibleDescription(" ".join(m for _k, m in items))
        self.setVisible(True)
        if items and focus:
            self.links.setFocus(Qt.FocusReason.OtherFocusReason)

    def messages(self) -> list[str]:
        return [message for _key, message in self.items]

    def _on_links_link_activated(self, key: str) -> None:
        self.host.show_page(key, focus=True)
