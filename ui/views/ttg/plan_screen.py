"""The resettlement plan of one custody episode: a page per pathway and section, autosaved."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import StaleRecordError, UpwError, ValidationError
from upw_ttg.records.ttg import PlanRecord
from upw_ttg.services.ttg.plans import PlanIncompleteError

from ui.changes import Subject, announce, publish
from ui.dialogs.form_dialog import FormDialog
from ui.loading import PageLoader
from ui.tasks import report_failure
from ui.views.ttg.handover_page import HandoverPage
from ui.views.ttg.pathway_page import PathwayPage
from ui.views.ttg.plan_chrome import SectionList, StartPanel, ask_close_unsaved, confirm_complete
from ui.views.ttg.plan_header import PlanHeader
from ui.views.ttg.plan_state import EpisodeRead, PlanState, read_episode
from ui.views.ttg.release_pages import DatesPage, ReferralsPage, ReviewPage
from ui.views.ttg.required_pages import AgreementPage, DiversityPage, RiskPage, StrengthsPage
from ui.views.ttg.section import SectionPage
from ui.widgets.banner import Banner
from ui.widgets.form_fields import FieldSet

AUTOSAVE_DELAY_MS = 800


class PlanScreen(QWidget):
    """Sections on the left, the chosen page on the right, the person's facts above.

    Every edit is saved shortly after typing stops, when the page is left, when the screen
    is hidden and on ``save_all()`` (the main window calls it on close). What it shows and
    what waits to be saved is kept in ``state``; the pages see the screen as a ``PlanHost``.

    Signals:
        back_requested(): the user wants the caseload again.
    """

    back_requested = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.state = PlanState(services.plans.pathways(), services.ctx.actor)
        self.dialog: FormDialog | None = None

        self.header = PlanHeader(self)
        self.header.back_button.clicked.connect(self.go_back)
        self.header.complete_button.clicked.connect(self.complete_plan)
        self.banner = Banner()
        self.reload_button = QPushButton("&Reload, keeping my text")
        self.reload_button.setToolTip("Load the other person's changes, then put back what you "
                                      "typed so it is saved over them")
        self.reload_button.clicked.connect(self.reload_keeping_text)
        self.banner.row.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.row.setStretch(0, 1)
        self.reload_button.setVisible(False)

        self.nav = SectionList()
        self.stack = QStackedWidget()
        self.pages: list[SectionPage] = []
        self.start_panel = StartPanel(self.state.editable)
        self.start_button = self.start_panel.start_button
        self.start_button.clicked.connect(self.start_plan)
        self.stack.addWidget(self.start_panel)
        # The pages are built one per turn of the event loop (together they take longer than
        # a window may freeze), while the episode is read on a worker.
        self._unbuilt = self._page_makers()
        # An episode read before the pages were all built, shown when they are.
        self._waiting: tuple[EpisodeRead, str | None] | None = None
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
        self._then: list[Callable[[], None]] = []
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

    def _page_makers(self) -> list[Callable[[], SectionPage]]:
        # In the order of the state's page keys.
        makers: list[Callable[[], SectionPage]] = [
            partial(PathwayPage, self, p) for p in self.state.pathways]
        return makers + [partial(c, self) for c in (
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
        self.nav.add_page(page)
        self.stack.addWidget(page)
        self.pages.append(page)
        page.set_editable(self.state.editable)

    def _pages_built(self) -> None:
        if self._waiting is not None:
            loaded, self._waiting = self._waiting, None
            self._show_episode(*loaded)
        self.nav.hide_keys(self.state.hidden_keys())

    def page(self, key: str) -> SectionPage:
        self.build_pages()
        return next(p for p in self.pages if p.key == key)

    # Loading -----------------------------------------------------------------------------

    def open_episode(self, episode_id: int, page_key: str | None = None,
                     then: Callable[[], None] | None = None) -> bool:
        """Show the plan of ``episode_id``, after saving anything pending on the one shown.

        The episode is read on a worker while the screen says it is loading; ``then()`` is
        called once it is shown.

        Returns:
            False if the user chose to stay with edits that could not be saved.
        """
        shown = self.state.episode
        if shown is not None and not self.save_pending() \
                and shown.id != episode_id and not self.ask_close_unsaved("leave"):
            return False
        if shown is None or shown.id != episode_id:
            self.header.setVisible(False)  # not someone else's facts above the loading plan
        self.body.setEnabled(False)
        self._waiting = None
        self._then = [then] if then is not None else []
        services, handover = self.services, self.state.can_read_handover
        self.loader.load(lambda: read_episode(services, episode_id, handover),
                         lambda loaded: self._show_episode(loaded, page_key),
                         self._on_read_failed)
        return True

    def _on_read_failed(self, exc: BaseException) -> None:
        self.body.setEnabled(self.state.episode is not None)
        self.header.setVisible(self.state.episode is not None)
        if isinstance(exc, UpwError):
            self.banner.show_message(str(exc))
        else:
            report_failure(self, "The resettlement plan could not be read.", exc)

    @property
    def loading(self) -> bool:
        """True while the episode is being read or its pages built."""
        return self.loader.busy or self._waiting is not None

    def _show_episode(self, loaded: EpisodeRead, page_key: str | None) -> None:
        if self._unbuilt:
            self._waiting = (loaded, page_key)
            return
        self.state.load(loaded)
        self.nav.hide_keys(self.state.hidden_keys())
        self.nav.show_states(self.pages, self.state.plan is not None)
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
        self.show_page(page_key or self.pages[0].key)
        self.header.show_saved_state(None)
        then, self._then = self._then, []
        for call in then:
            call()

    def reload(self) -> None:
        """Read everything again (after a custody event or a date change elsewhere)."""
        assert self.state.episode is not None
        current = self.current_key()
        self.open_episode(self.state.episode.id, current)

    # Navigation --------------------------------------------------------------------------

    def current_key(self) -> str:
        return self.nav.current_key() or self.pages[0].key

    def show_page(self, key: str, focus: bool = False) -> None:
        if key not in self.nav.lines:
            self.build_pages()  # asked for before the pages were all built: build them now
        item = self.nav.lines[key]
        if item.isHidden():
            item = self.nav.lines[self.pages[0].key]
        self.nav.setCurrentItem(item)
        if focus:
            self._focus_page()

    def visible_keys(self) -> list[str]:
        return [p.key for p in self.pages if not self.nav.lines[p.key].isHidden()]

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
        if page.needs_plan and self.state.plan is None:
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

    @Slot()
    def save_now(self) -> None:
        if self.save_pending():
            announce("All changes saved.")

    @Slot()
    def save_pending(self) -> bool:
        """Save every edited part now; True when nothing is left unsaved."""
        self._timer.stop()
        if not self.state.pending:
            return True
        self.header.show_saving()
        ok = True
        for key, part in self.state.queue():
            if self.state.is_blocked(key, part):
                ok = False
                continue
            ok = self._save_part(self.page(key), part) and ok
        self.header.show_saved_state(ok)
        return ok

    def save_all(self) -> bool:
        """Save everything before the window closes; False if something could not be saved."""
        return self.save_pending()

    def _save_part(self, page: SectionPage, part: str) -> bool:
        fields = page.field_set(part)
        fields.clear()
        try:
            page.save_part(part)
        except ValidationError as exc:
            self._show_field_problems(fields, exc.fields)
            return False
        except StaleRecordError as exc:
            self.state.refused_stale(page.key, part)
            self.banner.show_message(str(exc))
            self.reload_button.setVisible(True)
            return False
        except UpwError as exc:
            self.banner.show_message(str(exc))
            self.reload_button.setVisible(False)
            return False
        self.state.saved(page.key, part)
        self._changed()
        if not self.state.stale and self.banner.property("kind") == "error" \
                and not self.state.pending:
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
        assert self.state.episode is not None

        def put_back() -> None:
            for page in self.pages:
                if page.key in snapshots:
                    page.restore(snapshots[page.key])
            self.banner.show_message("The other changes are loaded and your text is back in "
                                     "the form; it will be saved over theirs. Check it reads "
                                     "right.", "info")
            self._timer.start()

        self.open_episode(self.state.episode.id, self.current_key(), put_back)

    # Records -----------------------------------------------------------------------------

    def show_plan(self, plan: PlanRecord) -> None:
        """Show a plan saved here or elsewhere on every page."""
        self.state.take_plan(plan)
        self._changed()

    def _changed(self) -> None:
        """The state took a saved record: update every page that shows it, tell the others."""
        for page in self.pages:
            page.refresh()
        self.nav.show_states(self.pages, self.state.plan is not None)
        self.header.show_facts()
        self.header.refresh_missing()
        if (episode := self.state.episode) is not None:
            plan = self.state.plan
            publish(Subject.PLAN, [plan.id if plan else None], [episode.person_id])

    def run(self, page: SectionPage | None, call: Callable[[], PlanRecord],
            message: str | None = None) -> bool:
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
        self.show_plan(result)
        if message:
            announce(message)
            self.header.show_saved_state(True)
        return True

    def open_dialog(self, dialog: FormDialog, message: str,
                    take: Callable[[Any], None] | None) -> None:
        """Open a form; ``take`` puts the record it saves into the state (None: the form
        changes the whole episode, which is read again)."""
        self.save_pending()
        self.dialog = dialog

        def saved(record: object) -> None:
            if take is None:
                self.reload()
            else:
                take(record)
                self._changed()
            announce(message)

        dialog.saved.connect(saved)
        dialog.open()

    def ask_close_unsaved(self, leave: str = "close") -> bool:
        """True if the user goes on (``leave``: close, leave) though some edits are unsaved."""
        return ask_close_unsaved(self, leave)

    def confirm_complete(self, text: str) -> bool:
        """Ask before marking the plan complete (tests answer for the user)."""
        return confirm_complete(self, text)

    def confirm(self, title: str, text: str) -> bool:
        """Ask before removing something (tests answer for the user)."""
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def complete_plan(self) -> None:
        """Complete the plan after saving; if something required is missing, say what."""
        if self.state.plan is None:
            return
        missing = self.header.missing
        if not self.save_pending():
            missing.show_text("Some changes are not saved yet: correct the fields marked in "
                              "red, then complete the plan.", [])
            return
        plan = self.state.plan
        if plan.gaps:
            self.header.show_missing()
            return
        if not self.confirm_complete(self.state.completion_question()):
            return
        plan = self.state.plan
        try:
            record = self.services.plans.complete(plan.id, plan.version)
        except PlanIncompleteError:
            self.header.show_missing()
            return
        except UpwError as exc:
            self.banner.show_message(str(exc))
            return
        missing.setVisible(False)
        self.show_plan(record)
        announce(f"The resettlement plan of {record.person_name} is complete.")

    @Slot()
    def start_plan(self) -> None:
        assert self.state.episode is not None
        episode_id = self.state.episode.id
        if self.run(None, lambda: self.services.plans.create(episode_id),
                    "Resettlement plan started."):
            for page in self.pages:
                page.load()
            self._on_nav_current_item_changed(self.nav.currentItem(), None)
            self._focus_page()

    # Qt overrides ------------------------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:
        if self.state.episode is not None:
            self.save_pending()
        super().hideEvent(event)

