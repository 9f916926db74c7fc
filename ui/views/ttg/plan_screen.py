"""The resettlement plan of one custody episode: a page per pathway and section, autosaved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.placement import identity_not_male
from upw_ttg.domain.records import CustodyRecord, PersonRecord
from upw_ttg.errors import StaleRecordError, UpwError, ValidationError
from upw_ttg.records.directory import ProviderChoice
from upw_ttg.records.ttg import (
    EpisodeDeadlines,
    EpisodeState,
    HandoverRecord,
    PlanRecord,
    ReferralRecord,
    ReviewRecord,
)

from ui.changes import Subject, publish
from ui.loading import PageLoader
from ui.tasks import report_failure
from ui.views.ttg.access import can_edit_ttg, can_read_handover, can_read_plan_risk
from ui.views.ttg.fields import heading, hint
from ui.views.ttg.handover_page import HandoverPage
from ui.views.ttg.pathway_page import PathwayPage
from ui.views.ttg.plan_header import PlanHeader
from ui.views.ttg.release_pages import DatesPage, ReferralsPage, ReviewPage
from ui.views.ttg.required_pages import AgreementPage, DiversityPage, RiskPage, StrengthsPage
from ui.views.ttg.section import SectionPage
from ui.widgets.banner import Banner
from ui.widgets.form_fields import FieldSet

AUTOSAVE_DELAY_MS = 800
_GROUPS = {"need": "Needs by pathway", "strengths": "Required sections",
           "referrals": "Before release"}


@dataclass(frozen=True, slots=True)
class _Episode:
    """Everything the plan screen shows of one custody episode, read together."""

    episode: CustodyRecord
    person: PersonRecord
    plan: PlanRecord | None
    review: ReviewRecord | None
    handover: HandoverRecord | None
    referrals: list[ReferralRecord]
    deadlines: EpisodeDeadlines
    state: EpisodeState
    # Every pathway's providers for the case: the pages' pickers each take theirs from it.
    providers: list[ProviderChoice]


class PlanScreen(QWidget):
    """Sections on the left, the chosen page on the right, the person's facts above.

    Every edit is saved shortly after typing stops, when the page is left, when the screen
    is hidden and on ``save_all()`` (the main window calls it on close).

    Signals:
        back_requested(): the user wants the caseload again.
        notice(str): a short message for the status bar.
    """

    back_requested = Signal()
    notice = Signal(str)

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.editable = can_edit_ttg(services.ctx.actor)
        self.episode: CustodyRecord | None = None
        self.person: PersonRecord | None = None
        self.plan: PlanRecord | None = None
        self.review: ReviewRecord | None = None
        self.handover: HandoverRecord | None = None
        self.referrals: list[ReferralRecord] = []
        self.deadlines: EpisodeDeadlines | None = None
        self.state: EpisodeState | None = None
        self.providers: list[ProviderChoice] = []
        self.dialog: QWidget | None = None
        self.pathways = services.plans.pathways()
        self._stale_parts: dict[SectionPage, set[str]] = {}

        self.header = PlanHeader(self)
        self.header.back_button.clicked.connect(self.go_back)
        self.banner = Banner()
        self.reload_button = QPushButton("&Reload, keeping my text")
        self.reload_button.setToolTip("Load the other person's changes, then put back what you "
                                      "typed so it is saved over them")
        self.reload_button.clicked.connect(self.reload_keeping_text)
        self.banner.row.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.row.setStretch(0, 1)
        self.reload_button.setVisible(False)

        self.nav = QListWidget()
        self.nav.setObjectName("SectionList")
        self.nav.setAccessibleName("Sections of the plan")
        self.nav.setWordWrap(True)
        self.nav.setFixedWidth(270)
        self.nav.setSpacing(1)
        self.nav.setStyleSheet("QListWidget#SectionList::item { padding: 2px 4px; }")
        self.stack = QStackedWidget()
        self.pages: list[SectionPage] = []
        self._items: dict[str, QListWidgetItem] = {}
        self.start_panel = self._build_start_panel()
        self.stack.addWidget(self.start_panel)
        # The pages are built one per turn of the event loop (together they take longer than
        # a window may freeze), while the episode is read on a worker.
        self._unbuilt = self._page_makers()
        # An episode read before the pages were all built, shown when they are.
        self._waiting: tuple[_Episode, str | None] | None = None
        self._builder = QTimer(self)
        self._builder.setInterval(0)
        self._builder.timeout.connect(self._build_next_page)
        self._builder.start()
        self.nav.currentItemChanged.connect(self._on_nav_current_item_changed)
        self.nav.itemActivated.connect(self._on_nav_item_activated)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_pending)

        self.body = QWidget()
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        self.loader = PageLoader(self, [self.body], "The resettlement plan could not be read.")
        self._then: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 8)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.header.missing)
        layout.addWidget(self.body, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.go_back)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, self.next_page)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, self.previous_page)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save_now)
        QShortcut(QKeySequence("F6"), self, self._toggle_focus)

    # Building ----------------------------------------------------------------------------

    def _page_makers(self) -> list[Any]:
        makers: list[Any] = [lambda p=p: PathwayPage(self, p) for p in self.pathways]
        return makers + [lambda c=c: c(self) for c in (
            StrengthsPage, DiversityPage, RiskPage, AgreementPage, ReferralsPage, ReviewPage,
            HandoverPage, DatesPage)]

    @Slot()
    def _build_next_page(self) -> None:
        if self._unbuilt:
            self._add_page(self._unbuilt.pop(0)())
        if not self._unbuilt:
            self._builder.stop()
            self._pages_built()

    def build_pages(self) -> None:
        """Build the pages not built yet, now."""
        while self._unbuilt:
            self._build_next_page()

    def _add_page(self, page: SectionPage) -> None:
        group = _GROUPS.get(page.key if not page.key.startswith("need:") else "need")
        if group and (not self.pages or not page.key.startswith("need:")):
            header = QListWidgetItem(group.upper())
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 0.85)
            header.setFont(font)
            self.nav.addItem(header)
        item = QListWidgetItem(page.nav_text)
        item.setData(Qt.ItemDataRole.UserRole, page.key)
        self.nav.addItem(item)
        self._items[page.key] = item
        self.stack.addWidget(page)
        self.pages.append(page)
        page.set_editable(self.editable)

    def _pages_built(self) -> None:
        if self._waiting is not None:
            loaded, self._waiting = self._waiting, None
            self._show_episode(*loaded)
        # The risk-of-harm section is read through its own capability: hidden without it.
        self._items["risk"].setHidden(not can_read_plan_risk(self.services.ctx.actor))
        self._items["handover"].setHidden(not can_read_handover(self.services.ctx.actor))

    def _build_start_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.addWidget(heading("No resettlement plan yet"))
        layout.addWidget(hint(
            "Start the plan with the person soon after they arrive: their needs by pathway "
            "in their own words, strengths, diversity needs, risk of harm and their agreement. "
            "Everything you type is saved as you go."))
        self.start_button = QPushButton("&Start the resettlement plan")
        self.start_button.setProperty("primary", "true")
        self.start_button.setEnabled(self.editable)
        self.start_button.clicked.connect(self.start_plan)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return panel

    def page(self, key: str) -> SectionPage:
        self.build_pages()
        return next(p for p in self.pages if p.key == key)

    # Loading -----------------------------------------------------------------------------

    def open_episode(self, episode_id: int, page_key: str | None = None,
                     then: Any = None) -> bool:
        """Show the plan of ``episode_id``, after saving anything pending on the one shown.

        The episode is read on a worker while the screen says it is loading; ``then()`` is
        called once it is shown.

        Returns:
            False if the user chose to stay with edits that could not be saved.
        """
        if self.episode is not None and not self.save_pending() \
                and self.episode.id != episode_id and not self.ask_close_unsaved("leave"):
            return False
        if self.episode is None or self.episode.id != episode_id:
            self.header.setVisible(False)  # not someone else's facts above the loading plan
        self.body.setEnabled(False)
        self._waiting = None
        self._then = [then] if then is not None else []
        services, handover = self.services, can_read_handover(self.services.ctx.actor)
        self.loader.load(lambda: _read_episode(services, episode_id, handover),
                         lambda loaded: self._show_episode(loaded, page_key),
                         self._on_read_failed)
        return True

    def _on_read_failed(self, exc: BaseException) -> None:
        self.body.setEnabled(self.episode is not None)
        self.header.setVisible(self.episode is not None)
        if isinstance(exc, UpwError):
            self.banner.show_message(str(exc))
        else:
            report_failure(self, "The resettlement plan could not be read.", exc)

    def provider_choices(self, pathway_code: str | None) -> list[ProviderChoice]:
        """The directory's providers for the case helping with ``pathway_code`` (all of them
        for None), the person's area first, as read with the episode (rule TTG-DIR4)."""
        return [c for c in self.providers
                if pathway_code is None or pathway_code in c.pathway_codes]

    @property
    def loading(self) -> bool:
        """True while the episode is being read or its pages built."""
        return self.loader.busy or self._waiting is not None

    def _show_episode(self, loaded: _Episode, page_key: str | None) -> None:
        if self._unbuilt:
            self._waiting = (loaded, page_key)
            return
        self.episode, self.person, self.plan = loaded.episode, loaded.person, loaded.plan
        self.review, self.handover = loaded.review, loaded.handover
        self.referrals, self.deadlines, self.state = (loaded.referrals, loaded.deadlines,
                                                      loaded.state)
        self.providers = loaded.providers
        # The women's pathways follow the category the rules use, not the free-text identity.
        women = identity_not_male(self.person.gender_category)
        for page in self.pages:
            if isinstance(page, PathwayPage) and page.pathway.womens_support:
                recorded = self.plan is not None and self.plan.need(page.pathway.code)
                self._items[page.key].setHidden(not (women or recorded))
        self._update_nav()
        self.header.show_facts()
        self.header.setVisible(True)
        self.body.setEnabled(True)
        for page in self.pages:
            page.load()
        self.banner.clear()
        self.reload_button.setVisible(False)
        self.header.missing.setVisible(False)
        self.header.missing.reopened_for = None
        self.header.show_reopened()
        self._stale_parts.clear()
        self.show_page(page_key or self.pages[0].key)
        self.header.show_saved_state(None)
        then, self._then = self._then, []
        for call in then:
            call()

    def reload(self) -> None:
        """Read everything again (after a custody event or a date change elsewhere)."""
        assert self.episode is not None
        current = self.current_key()
        self.open_episode(self.episode.id, current)

    # Navigation --------------------------------------------------------------------------

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else self.pages[0].key

    def show_page(self, key: str, focus: bool = False) -> None:
        if key not in self._items:
            self.build_pages()  # asked for before the pages were all built: build them now
        item = self._items[key]
        if item.isHidden():
            item = self._items[self.pages[0].key]
        self.nav.setCurrentItem(item)
        if focus:
            self._focus_page()

    def visible_keys(self) -> list[str]:
        return [p.key for p in self.pages if not self._items[p.key].isHidden()]

    @Slot()
    def next_page(self) -> None:
        self._step(1)

    @Slot()
    def previous_page(self) -> None:
        self._step(-1)

    def _step(self, by: int) -> None:
        """The next or previous page; typing on a page carries on in the new page."""
        keys = self.visible_keys()
        index = max(0, min(len(keys) - 1, keys.index(self.current_key()) + by))
        self.show_page(keys[index], focus=self.focusWidget() is not self.nav)

    def _on_nav_current_item_changed(self, current: QListWidgetItem | None,
                                     _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        self.save_pending()
        page = self.page(current.data(Qt.ItemDataRole.UserRole))
        if page.needs_plan and self.plan is None:
            self.stack.setCurrentWidget(self.start_panel)
        else:
            self.stack.setCurrentWidget(page)

    def _on_nav_item_activated(self, _item: QListWidgetItem) -> None:
        self._focus_page()

    def _focus_page(self) -> None:
        widget = self.stack.currentWidget()
        target = widget.first_input() if isinstance(widget, SectionPage) else self.start_button
        if (focus := target or widget) is not None:
            focus.setFocus(Qt.FocusReason.TabFocusReason)

    @Slot()
    def _toggle_focus(self) -> None:
        if self.focusWidget() is self.nav:
            self._focus_page()
        else:
            self.nav.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _update_nav(self) -> None:
        for page in self.pages:
            mark, spoken = page.nav_state() if self.plan is not None or not page.needs_plan \
                else ("", "")
            item = self._items[page.key]
            item.setText(f"{mark} {page.nav_text}".strip())
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{page.nav_text}{', ' + spoken if spoken else ''}")
            item.setToolTip(spoken)

    @Slot()
    def go_back(self) -> None:
        if not self.save_pending() and not self.ask_close_unsaved("leave"):
            return
        self.back_requested.emit()

    # Autosave ----------------------------------------------------------------------------

    def edited(self) -> None:
        """A page was edited: save when the typing pauses."""
        self.header.show_editing()
        self._timer.start()

    def pending(self) -> bool:
        return any(page.dirty for page in self.pages)

    @Slot()
    def save_now(self) -> None:
        if self.save_pending():
            self.notice.emit("All changes saved.")

    @Slot()
    def save_pending(self) -> bool:
        """Save every edited part now; True when nothing is left unsaved."""
        self._timer.stop()
        if not self.pending():
            return True
        self.header.show_saving()
        ok = True
        for page in self.pages:
            for part in page.dirty_parts():
                if part in page.blocked:
                    ok = False
                    continue
                ok = self._save_part(page, part) and ok
        self.header.show_saved_state(ok)
        return ok

    def save_all(self) -> bool:
        """Save everything before the window closes; False if something could not be saved."""
        return self.save_pending()

    def _save_part(self, page: SectionPage, part: str) -> bool:
        fields = page.field_set(part)
        fields.clear()
        try:
            result = page.save_part(part)
        except ValidationError as exc:
            self._show_field_problems(fields, exc.fields)
            return False
        except StaleRecordError as exc:
            page.blocked.add(part)
            self._stale_parts.setdefault(page, set()).add(part)
            self.banner.show_message(str(exc))
            self.reload_button.setVisible(True)
            return False
        except UpwError as exc:
            self.banner.show_message(str(exc))
            self.reload_button.setVisible(False)
            return False
        page.mark_clean(part)
        if result is not None:
            self.apply(result)
        if not self._stale_parts and self.banner.property("kind") == "error" \
                and not self.pending():
            self.banner.clear()
        return True

    def _show_field_problems(self, fields: FieldSet, problems: dict[str, str]) -> None:
        """Problems under their fields without moving the keyboard away from the typing."""
        focus = QApplication.focusWidget()
        leftover = fields.show_errors(problems)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        if leftover:
            self.banner.show_message(" ".join(leftover.values()))
            self.reload_button.setVisible(False)

    @Slot()
    def reload_keeping_text(self) -> None:
        """After someone else's save: load theirs, put back what this user typed, save it."""
        snapshots = {page.key: page.snapshot() for page in self.pages if page.dirty}
        assert self.episode is not None

        def put_back() -> None:
            for page in self.pages:
                if page.key in snapshots:
                    page.restore(snapshots[page.key])
            self.banner.show_message("The other changes are loaded and your text is back in "
                                     "the form; it will be saved over theirs. Check it reads "
                                     "right.", "info")
            self._timer.start()

        self.open_episode(self.episode.id, self.current_key(), put_back)

    # Records -----------------------------------------------------------------------------

    def apply(self, result: Any) -> None:
        """Take a record a service returned and update every page that shows it."""
        if isinstance(result, PlanRecord):
            self.plan = result
        elif isinstance(result, ReviewRecord):
            self.review = result
        elif isinstance(result, HandoverRecord):
            self.handover = result
        elif isinstance(result, ReferralRecord):
            assert self.plan is not None
            self.referrals = self.services.referrals.for_plan(self.plan.id)
        elif isinstance(result, EpisodeState):
            self.reload()
            return
        for page in self.pages:
            page.refresh()
        self._update_nav()
        self.header.show_facts()
        self.header.refresh_missing()
        if self.episode is not None:
            publish(Subject.PLAN, [self.plan.id if self.plan else None],
                    [self.episode.person_id])

    def run(self, page: SectionPage | None, call, message: str | None = None) -> bool:
        """A button's service call (after saving what is pending), its problems shown."""
        self.save_pending()
        try:
            result = call()
        except ValidationError as exc:
            if page is not None:
                leftover = page.fields.show_errors(exc.fields)
            else:
                leftover = exc.fields
            if leftover:
                self.banner.show_message(" ".join(leftover.values()))
            return False
        except UpwError as exc:
            self.banner.show_message(str(exc))
            self.reload_button.setVisible(isinstance(exc, StaleRecordError))
            return False
        self.apply(result)
        if message:
            self.notice.emit(message)
            self.header.show_saved_state(True)
        return True

    def open_dialog(self, dialog: QWidget, message: str | None = None) -> None:
        """Open a form; what it saves is applied to the screen."""
        self.save_pending()
        self.dialog = dialog

        def saved(record: object) -> None:
            self.apply(record)
            if message:
                self.notice.emit(message)

        dialog.saved.connect(saved)  # type: ignore[attr-defined]  # every plan form has saved
        dialog.open()  # type: ignore[attr-defined]  # and is a dialog

    def ask_close_unsaved(self, leave: str = "close") -> bool:
        """True if the user goes on (``leave``: close, leave) though some edits are unsaved."""
        self.window().raise_()
        box = QMessageBox(QMessageBox.Icon.Warning, "Changes not saved",
                          "Some changes to the resettlement plan could not be saved.",
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText("The messages on the plan say why. Stay to correct them, or "
                               f"{leave} and lose those changes.")
        stay = box.addButton("&Stay and correct", QMessageBox.ButtonRole.RejectRole)
        box.addButton(f"&{leave.capitalize()} anyway", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(stay)
        box.exec()
        return box.clickedButton() is not stay

    def confirm_complete(self, text: str) -> bool:
        """Ask before marking the plan complete (tests answer for the user)."""
        box = QMessageBox(QMessageBox.Icon.Question, "Complete the plan", text,
                          QMessageBox.StandardButton.Cancel, self)
        complete = box.addButton("&Complete plan", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is complete

    def confirm(self, title: str, text: str) -> bool:
        """Ask before removing something (tests answer for the user)."""
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def start_plan(self) -> None:
        assert self.episode is not None
        episode_id = self.episode.id
        if self.run(None, lambda: self.services.plans.create(episode_id),
                    "Resettlement plan started."):
            for page in self.pages:
                page.load()
            self._on_nav_current_item_changed(self.nav.currentItem(), None)
            self._focus_page()

    # Qt overrides ------------------------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:
        if self.episode is not None:
            self.save_pending()
        super().hideEvent(event)



def _read_episode(services: AppServices, episode_id: int, handover: bool) -> _Episode:
    """Read what the plan screen shows of ``episode_id`` (on a worker)."""
    episode = services.custody.get(episode_id)
    plan = services.plans.for_episode(episode_id)
    return _Episode(
        episode=episode, person=services.people.get(episode.person_id), plan=plan,
        review=services.reviews.for_episode(episode_id),
        handover=services.handover.for_episode(episode_id) if handover else None,
        referrals=services.referrals.for_plan(plan.id) if plan else [],
        deadlines=services.deadlines.for_episode(episode_id),
        state=services.custody_events.state(episode_id),
        providers=services.referrals.choices_for_case(episode_id, None))
