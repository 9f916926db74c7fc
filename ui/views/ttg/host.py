"""What a page of the resettlement plan needs of the screen holding it, and nothing more."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.ttg import PlanRecord

from ui.views.ttg.plan_state import PlanState

if TYPE_CHECKING:
    from ui.dialogs.form_dialog import FormDialog
    from ui.views.ttg.section import SectionPage


class PlanHost(Protocol):
    """The plan screen as its pages, header and forms see it.

    Pages read and mark their records in ``state``; they call ``services`` themselves and
    hand what comes back to the state with its ``take_…`` method, so the host shows it
    without asking what kind of record it is.
    """

    @property
    def state(self) -> PlanState: ...

    @property
    def services(self) -> AppServices: ...

    def edited(self) -> None:
        """A part was marked dirty: save it when the typing pauses (a plain call, as this
        happens on every keystroke)."""

    def save_pending(self) -> bool:
        """Save every dirty part now; True when nothing is left unsaved."""
        ...

    def run(self, page: SectionPage | None, call: Callable[[], PlanRecord],
            message: str | None = None) -> bool:
        """A button's change to the plan, after saving what is pending; False (the problems
        shown on ``page`` or above it) if the service refused."""
        ...

    def open_dialog(self, dialog: FormDialog, message: str,
                    take: Callable[[Any], None] | None) -> None:
        """Open a form; ``take`` puts the record it saves into the state (None: the form
        changes the whole episode, which is read again)."""

    def confirm(self, title: str, text: str) -> bool:
        """Ask before removing something."""
        ...

    def show_page(self, key: str, focus: bool = False) -> None: ...
