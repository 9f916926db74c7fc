"""A person's record: who they are, their UPW orders and custody, and the case summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Language
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import UpwError
from upw_ttg.records.case_reviews import CaseReviews
from upw_ttg.records.people import PersonRecord
from upw_ttg.records.restrictions import CaseAccess
from upw_ttg.services.subject_access import save_export

from ui.changes import Subject, announce, open_plan, publish
from ui.dialogs.access_log_dialog import AccessLogDialog
from ui.dialogs.person_dialog import ConfirmGenderDialog, PersonDialog
from ui.dialogs.print_preview import PrintPreviewDialog
from ui.dialogs.restriction_dialog import RestrictionDialog
from ui.dialogs.upw.keep_apart_dialog import KeepApartDialog
from ui.formatting import age_on, format_date
from ui.permissions import (
    can,
    can_edit_people,
    can_export_subject_access,
    can_print_case_summary,
    can_read_custody,
    can_read_orders,
    can_restrict_cases,
    can_see_who_has_looked,
    not_allowed_tip,
)
from ui.settings import UiSettings
from ui.tasks import report_failure, run_in_background
from ui.views.case_tab import CaseTab
from ui.views.custody_tab import CustodyTab
from ui.views.orders_tab import OrdersTab
from ui.views.person_details import PersonDetailsTab
from ui.views.reviews_tab import ReviewsTab
from ui.widgets.banner import Banner
from ui.widgets.lazy_tabs import LazyTabs

RESTRICTED_NOTICE = ("Restricted case. Only the staff named on it can see more than the name "
                     "and CRN, print it or place the person. Ask a manager if you need access.")
LIMITED_NOTICE = "Your roles show only the name and CRN of people, not their records."
NAMED_NOTICE = "Restricted case: you are one of the staff named on it. Only they can see it."


class PersonPage(QWidget):
    """Header with the person's name and key facts, then Details, UPW orders and Custody tabs.

    Signals:
        back_requested(): the user wants the people list again.
        item_requested(str, int, object): open a session or warrant of the overview where
            it is changed (the main window knows where).
    """

    back_requested = Signal()
    item_requested = Signal(str, int, object)
    OVERVIEW, DETAILS, ORDERS, CUSTODY, REVIEWS = range(5)

    def __init__(self, services: AppServices, ui_settings: UiSettings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._ui_settings = ui_settings
        self.record: PersonRecord | None = None
        self.access: CaseAccess | None = None
        self.dialog: PersonDialog | RestrictionDialog | ConfirmGenderDialog | None = None
        self.keep_apart_dialog: KeepApartDialog | None = None
        self.preview: PrintPreviewDialog | None = None
        self.back_button = QPushButton("← &People")
        self.back_button.setToolTip("Back to the people list (Alt+Left)")
        self.back_button.setAccessibleName("Back to the people list")
        self.back_button.clicked.connect(self.back_requested)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.back_requested.emit)
        self.name_label = QLabel()
        self.name_label.setObjectName("PageTitle")
        self.facts_label = QLabel()
        self.facts_label.setObjectName("PageSubtitle")
        self.facts_label.setWordWrap(True)
        self.print_button = QPushButton("Print case &summary…")
        self.print_button.setToolTip("Preview and print the staff case summary, in English "
                                     "(Ctrl+P) or Welsh")
        menu = QMenu(self.print_button)
        menu.addAction("In English", lambda: self.print_case_summary(Language.ENGLISH))
        menu.addAction("Yn Gymraeg (in Welsh)", lambda: self.print_case_summary(Language.WELSH))
        self.print_button.setMenu(menu)
        self.restriction_button = QPushButton("&Restriction…")
        self.restriction_button.setToolTip("Mark the case restricted and name the staff who "
                                           "may see it")
        self.restriction_button.clicked.connect(self.edit_restriction)
        self.restriction_button.setVisible(can_restrict_cases(services.ctx.actor))
        self.restriction_banner = Banner()
        self.restriction_banner.prefixes = False
        self.restriction_banner.setSizePolicy(QSizePolicy.Policy.Preferred,
                                              QSizePolicy.Policy.Maximum)
        actor = services.ctx.actor
        self.looked_button = QPushButton("Who has &looked…")
        self.looked_button.setToolTip("Who has opened, printed or exported this person's "
                                      "sensitive records")
        self.looked_button.clicked.connect(self.show_who_has_looked)
        self.looked_button.setVisible(can_see_who_has_looked(actor))
        self.export_button = QPushButton("Su&bject access export…")
        self.export_button.setToolTip("Export everything held on this person (PDF and JSON) "
                                      "to answer a subject access request")
        # The export is the person's to read: in their own language unless asked otherwise.
        export_menu = QMenu(self.export_button)
        export_menu.addAction("In the person's own language",
                              lambda: self.export_subject_access(None))
        export_menu.addAction("In English", lambda: self.export_subject_access(Language.ENGLISH))
        export_menu.addAction("Yn Gymraeg (in Welsh)",
                              lambda: self.export_subject_access(Language.WELSH))
        self.export_button.setMenu(export_menu)
        self.export_button.setVisible(can_export_subject_access(actor))
        self.access_dialog: AccessLogDialog | None = None
        self.details = PersonDetailsTab()
        self.details.edit_requested.connect(self.edit_person)
        self.details.confirm_gender_requested.connect(self.confirm_gender)
        self.details.keep_apart_requested.connect(self.show_keep_apart)
        editable = can_edit_people(services.ctx.actor)
        self.details.edit_button.setEnabled(editable)
        self.details.confirm_button.setEnabled(editable)
        if not editable:
            self.details.edit_button.setToolTip(not_allowed_tip("change people's details"))
        # The reviews tab also fills the "review due" banner, so it reads with the record.
        self.reviews = ReviewsTab(services)
        self.reviews.changed.connect(self._show_reviews_due)
        # The overview, orders and custody are built (and read) when first shown.
        self.tabs = LazyTabs()
        self.tabs.setAccessibleName("Parts of the record")
        self.tabs.add_page(self._new_overview, "&Overview")
        self.tabs.add_built_page(self.details, "De&tails")
        self.tabs.add_page(self._new_orders, "&UPW orders")
        self.tabs.add_page(self._new_custody, "&Custody")
        self.tabs.add_built_page(self.reviews, "Re&views")
        actor = services.ctx.actor
        self.tabs.setTabVisible(self.ORDERS, can_read_orders(actor))
        self.tabs.setTabVisible(self.CUSTODY, can_read_custody(actor))
        self.tabs.setCurrentIndex(ui_settings.value("person/last_tab"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addSpacing(12)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.name_label)
        names.addWidget(self.facts_label)
        header.addLayout(names, 1)
        header.addWidget(self.restriction_button)
        header.addWidget(self.looked_button)
        header.addWidget(self.export_button)
        header.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(header)
        layout.addWidget(self.restriction_banner)
        self.broken_banner = Banner()
        self.broken_banner.prefixes = False
        self.broken_banner.setAccessibleName("Bookings that break a rule")
        layout.addWidget(self.broken_banner)
        self.risk_banner = Banner()
        self.risk_banner.prefixes = False
        self.risk_banner.setAccessibleName("Risk changes still to share")
        layout.addWidget(self.risk_banner)
        self.reviews_banner = Banner()
        self.reviews_banner.prefixes = False
        self.reviews_banner.setAccessibleName("Reviews due")
        layout.addWidget(self.reviews_banner)
        self.texts_banner = Banner()
        self.texts_banner.prefixes = False
        self.texts_banner.setAccessibleName("Texts to this person")
        layout.addWidget(self.texts_banner)
        layout.addWidget(self.tabs, 1)
        # Takes the room when the tabs are hidden (a record shown as name and CRN only).
        layout.addStretch(0)

    def load(self, person_id: int) -> None:
        """Show the record of ``person_id``; only name and CRN where this member may not see
        more (a restricted case they are not named on, or a role that only finds people)."""
        self.access = self._services.restrictions.case_access(person_id)
        if not self.access.may_open:
            self._show_limited(self.access)
            return
        record = self._services.people.get(person_id)
        self._show(record)
        self._load_tabs(record)
        if record.gender_unconfirmed:
            # Placements wait on it: the record opens where it is confirmed.
            self.tabs.setCurrentIndex(self.DETAILS)

    def _load_tabs(self, record: PersonRecord) -> None:
        """Read the record into the tabs built so far; the others read it when built."""
        actor = self._services.ctx.actor
        if self.tabs.built(self.OVERVIEW):
            self.overview.load(record.id)
        if can_read_orders(actor) and self.tabs.built(self.ORDERS):
            self.orders.load(record.id, record.display_name)
        if can_read_custody(actor) and self.tabs.built(self.CUSTODY):
            self.custody.load(record.id, record.display_name)
        self.reviews.load(record.id, record.display_name)

    @property
    def overview(self) -> CaseTab:
        return self.tabs.page_as(self.OVERVIEW, CaseTab)

    @property
    def orders(self) -> OrdersTab:
        return self.tabs.page_as(self.ORDERS, OrdersTab)

    @property
    def custody(self) -> CustodyTab:
        return self.tabs.page_as(self.CUSTODY, CustodyTab)

    def _new_overview(self) -> CaseTab:
        tab = CaseTab(self._services)
        tab.open_requested.connect(self.open_item)
        if self.record is not None:
            tab.load(self.record.id)
        return tab

    def _new_orders(self) -> OrdersTab:
        tab = OrdersTab(self._services)
        if self.record is not None and can_read_orders(self._services.ctx.actor):
            tab.load(self.record.id, self.record.display_name)
        return tab

    def _new_custody(self) -> CustodyTab:
        tab = CustodyTab(self._services)
        if self.record is not None and can_read_custody(self._services.ctx.actor):
            tab.load(self.record.id, self.record.display_name)
        return tab

    def _show_limited(self, access: CaseAccess) -> None:
        self.record = None
        self.name_label.setText(access.display_name)
        self.facts_label.setText(f"CRN {access.crn}" + (" · restricted case"
                                                         if access.restricted else ""))
        self.restriction_banner.show_message(
            RESTRICTED_NOTICE if access.restricted else LIMITED_NOTICE, "warning")
        self.reviews_banner.clear()
        self.tabs.setVisible(False)
        self.print_button.setEnabled(False)

    def may_print(self) -> bool:
        return self.record is not None and can_print_case_summary(self._services.ctx.actor)

    def _show(self, record: PersonRecord) -> None:
        self.record = record
        today = self._services.ctx.today()
        self.name_label.setText(f"{record.surname.upper()}, {record.forename}")
        facts = [f"CRN {record.crn}",
                 f"born {format_date(record.date_of_birth)} "
                 f"(age {age_on(record.date_of_birth, today)})"]
        if record.office_name:
            facts.append(f"{record.office_name} office")
        if record.interpreter_needed:
            facts.append("needs an interpreter")
        if record.restricted:
            facts.append("restricted case")
            self.restriction_banner.show_message(NAMED_NOTICE, "info")
        else:
            self.restriction_banner.clear()
        self.facts_label.setText(" · ".join(facts))
        self.details.set_record(record, today)
        self.tabs.setVisible(True)
        self.print_button.setEnabled(self.may_print())
        self._show_broken(record)
        self._show_risk_changes(record)
        self._show_texts(record)

    def _show_texts(self, record: PersonRecord) -> None:
        """Rule UPW-TEXTS: the latest texts to the person and whether they arrived."""
        if not can(self._services.ctx.actor, Capability.SEND_TEXTS):
            self.texts_banner.clear()
            return
        from ui.models.upw.texts_model import KIND_TEXT, STATUS_TEXT

        texts = self._services.upw.texts.for_person(record.id)[:3]
        if not texts:
            self.texts_banner.clear()
            return
        self.texts_banner.show_message("Texts: " + "; ".join(
            f"{KIND_TEXT[m.kind].lower()} of {format_date(m.send_on)} to {m.phone}: "
            f"{STATUS_TEXT[m.status].lower()}" + (f" ({m.last_error})" if m.last_error else "")
            for m in texts) + ".", "info")

    def _show_reviews_due(self, reviews: CaseReviews) -> None:
        """Rule TTG-REVIEWDUE: what changed and made a review due, until a review."""
        due = reviews.open_items
        if not due:
            self.reviews_banner.clear()
            return
        self.reviews_banner.show_message(
            f"Review due ({len(due)}): " + "; ".join(
                f"{i.label.lower()} on {format_date(i.changed_on)}" for i in due[:3])
            + ("; and more" if len(due) > 3 else "")
            + ". Record the review on the Reviews tab, saying what was considered.",
            "warning")

    def _show_risk_changes(self, record: PersonRecord) -> None:
        """Rule UPW-RISKSHARE: a risk change not yet confirmed by everyone to tell."""
        if not can(self._services.ctx.actor, Capability.READ_UPW_ASSESSMENT):
            self.risk_banner.clear()
            return
        changes = [c for c in self._services.upw.risk_sharing.for_person(record.id) if c.open]
        if not changes:
            self.risk_banner.clear()
            return
        parts = []
        for change in changes[:3]:
            waiting = [c for c in change.contacts if c.confirmed_on is None]
            chase = sum(c.chase_due for c in waiting)
            parts.append(f"{format_date(change.changed_on)} ({'; '.join(change.changes)}): "
                         f"{len(waiting)} of {len(change.contacts)} still to confirm"
                         + (f", {chase} to chase" if chase else ""))
        self.risk_banner.show_message(
            "Risk changed on " + ". ".join(parts) + ". Record who was told in Scheduling, "
            "Risk changes to share.", "warning")

    def _show_broken(self, record: PersonRecord) -> None:
        """Bookings of this person that break a rule since a fact changed, in red."""
        if not can(self._services.ctx.actor, Capability.READ_SCHEDULE):
            self.broken_banner.clear()
            return
        broken = self._services.upw.broken.for_person(record.id)
        if not broken:
            self.broken_banner.clear()
            return
        count = len(broken)
        items = "; ".join(f"{b.session_label} ({b.rules_text()})" for b in broken[:4])
        more = f"; and {count - 4} more" if count > 4 else ""
        self.broken_banner.show_message(
            f"{count} of {record.display_name}'s bookings break{'s' if count == 1 else ''} "
            f"a rule: {items}{more}. Resolve {'it' if count == 1 else 'them'} in Scheduling, "
            "Bookings that break a rule.", "error")

    def open_item(self, opens: str, ref_id: int, line: object) -> None:
        """Open a line of the overview where it is changed: on this record when it is kept
        here, otherwise through ``item_requested`` (sessions, warrants) or the bus (the plan)."""
        if opens == "order" and self.tabs.isTabVisible(self.ORDERS):
            self.tabs.setCurrentIndex(self.ORDERS)
            self.orders.reload(ref_id)
        elif opens == "custody" and self.tabs.isTabVisible(self.CUSTODY):
            self.tabs.setCurrentIndex(self.CUSTODY)
            self.custody.reload(ref_id)
        elif opens == "plan":
            open_plan(ref_id)
        elif opens == "keep_apart":
            self.show_keep_apart()
        elif opens in ("warning_letter", "breach_summary"):
            self.reprint_letter(opens, ref_id)
        else:
            self.item_requested.emit(opens, ref_id, line)

    def reprint_letter(self, opens: str, ref_id: int) -> None:
        """Print a warning letter (``ref_id`` the failure) or a breach summary (the order)
        again, as it is printed when the decision is made."""
        from ui.printing import preview_document  # printing loads when used

        record, letters = self.record, self._services.attendance.letters
        if record is None:
            return
        actor = self._services.ctx.actor
        warning = opens == "warning_letter"
        needed = Capability.PRINT_UPW_LETTERS if warning \
            else Capability.TAKE_ENFORCEMENT_DECISIONS
        if not can(actor, needed):
            announce("Your roles do not allow printing this letter.")
            return
        kind = "warning-letter" if warning else "breach-summary"
        preview_document(
            self, (lambda: letters.render_warning_letter(ref_id)) if warning
            else (lambda: letters.render_breach_summary(ref_id)),
            f"{'Warning letter' if warning else 'Breach summary'} – {record.display_name}",
            f"{kind}-{record.crn}.pdf", opened=self._keep_preview)

    def _keep_preview(self, preview: PrintPreviewDialog) -> None:
        self.preview = preview
        if self.record is not None:  # the print shows on the overview's letters
            publish(Subject.LETTER, person_ids=[self.record.id])

    def hasHeightForWidth(self) -> bool:
        """The record takes the height the window gives it and its lists scroll: measured for
        height at its width (its wrapped labels ask for that), it claimed every list's full
        height and the whole page scrolled on a laptop."""
        return False

    def _on_tabs_current_changed(self, index: int) -> None:
        self._ui_settings.set_value("person/last_tab", index)

    @Slot()
    def edit_person(self) -> None:
        if self.record is None or not self.details.edit_button.isEnabled():
            return
        self.dialog = PersonDialog(self._services.people, self.record, self)
        self.dialog.saved.connect(self._on_person_saved)
        self.dialog.open()

    @Slot()
    def confirm_gender(self) -> None:
        if self.record is None or not self.details.confirm_button.isEnabled():
            return
        self.dialog = ConfirmGenderDialog(self._services.people, self.record, self)
        self.dialog.saved.connect(self._on_person_saved)
        self.dialog.open()

    @Slot()
    def show_keep_apart(self) -> None:
        if self.record is None:
            return
        self.keep_apart_dialog = KeepApartDialog(self._services, self.record, self)
        self.keep_apart_dialog.open()

    def _on_person_saved(self, record: PersonRecord) -> None:
        self._show(record)
        self._load_tabs(record)
        publish(Subject.PERSON, [record.id], [record.id], record)
        announce(f"Saved {record.display_name}'s details.")

    @Slot()
    def edit_restriction(self) -> None:
        if self.access is None or not can_restrict_cases(self._services.ctx.actor):
            return
        self.dialog = RestrictionDialog(self._services, self.access, self)
        self.dialog.saved.connect(self._on_restriction_saved)
        self.dialog.open()

    def _on_restriction_saved(self, access: CaseAccess) -> None:
        self.load(access.person_id)
        announce(f"{access.display_name} is {'now' if access.restricted else 'no longer'}"
                 " a restricted case.")

    # Case summary ------------------------------------------------------------------------

    def print_case_summary(self, language: Language = Language.ENGLISH) -> None:
        """Render the case summary in ``language`` (its reader's) in the
        background, then open the preview."""
        if not self.may_print():
            return
        record = self.record
        assert record is not None
        self.print_button.setEnabled(False)
        render = self._services.case_summary.render

        def done(pdf: bytes) -> None:
            self.print_button.setEnabled(True)
            self.show_preview(pdf, record)

        run_in_background(lambda: render(record.id, language), done, self._on_render_failed,
                          "Preparing the case summary…", parent=self)

    # Access log and subject access ------------------------------------------------------

    @Slot()
    def show_who_has_looked(self) -> None:
        if self.record is None:
            return
        try:
            self.access_dialog = AccessLogDialog(self._services.access_log, self.record.id,
                                                 self.record.display_name, self)
        except UpwError as exc:
            report_failure(self, "The access log could not be read.", exc)
            return
        self.access_dialog.open()

    def export_subject_access(self, language: Language | None = None) -> None:
        """Ask for a folder, export in the background (the PDF in ``language``, or the
        person's own for None), and say where the files are."""
        if self.record is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, "Choose a folder for the subject access export")
        if not folder:
            return
        export = self._services.subject_access.export
        person_id = self.record.id
        self.export_button.setEnabled(False)

        def done(paths: tuple[Path, Path]) -> None:
            self.export_button.setEnabled(True)
            announce(f"Subject access export saved: {paths[0].name} and "
                     f"{paths[1].name} in {paths[0].parent}.")

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            report_failure(self, "The subject access export could not be made.", exc)

        run_in_background(lambda: save_export(export(person_id, language), Path(folder)), done,
                          failed, "Exporting everything held on this person…", parent=self)

    def _on_render_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        report_failure(self, "The case summary could not be prepared.", exc)

    def show_preview(self, pdf: bytes, record: PersonRecord) -> None:
        self.preview = PrintPreviewDialog(
            pdf, f"Case summary – {record.display_name}", f"case-summary-{record.crn}.pdf",
            self)
        self.preview.open()
