"""Printing a day's paper in one go: the work sheets, van manifests and appointment letters of
one day (the next working day by default) and delivery unit, in one PDF or one per kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from upw_ttg.domain.codes import Language
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import Cancelled, NotFoundError
from upw_ttg.printing.text import format_date
from upw_ttg.progress import CancelledFn, ProgressFn, never_cancelled, noop_progress
from upw_ttg.records.day_printing import PAPER_TITLES, DayPaper
from upw_ttg.services.attendance.work_sheets import WorkSheetService
from upw_ttg.services.calendar import CalendarService
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.upw.documents import UpwDocumentsService

# The documents, and reportlab under them (about 10 MB), are loaded when something is
# printed: the screens that use this service open without them.
if TYPE_CHECKING:
    from upw_ttg.printing.template import Section

# What each kind needs the member to be allowed.
_NEEDS = {DayPaper.WORK_SHEETS: Capability.PRINT_WORK_SHEETS,
          DayPaper.MANIFESTS: Capability.PLACE_PEOPLE, DayPaper.LETTERS: Capability.PLACE_PEOPLE}
ALL_PAPER = frozenset(DayPaper)


class DayPrintingService:
    def __init__(self, ctx: ServiceContext, work_sheets: WorkSheetService,
                 documents: UpwDocumentsService, calendar: CalendarService):
        self._ctx = ctx
        self._work_sheets = work_sheets
        self._documents = documents
        self._calendar = calendar

    def default_day(self) -> dt.date:
        """The next working day after today (the paper is printed the day before)."""
        self._ctx.require(Capability.READ_SCHEDULE)
        return self._calendar.calendar().add_working_days(self._ctx.today(), 1)

    def print_day(self, day: dt.date, *, delivery_unit_id: int | None = None,
                  kinds: Iterable[DayPaper] = ALL_PAPER, one_pdf: bool = True,
                  progress: ProgressFn | None = None,
                  cancelled: CancelledFn | None = None,
                  staff_language: Language = Language.ENGLISH) -> dict[str, bytes]:
        """The chosen kinds of ``day``'s paper: ``{"all": pdf}`` as one PDF, or one PDF per
        kind that has anything to print, keyed by ``DayPaper``. Work sheets and manifests
        print in ``staff_language``; each letter in its person's language.

        Raises:
            NotFoundError: Nothing of the chosen kinds to print that day.
            Cancelled: ``cancelled()`` returned True; nothing is recorded as printed.
        """
        self._ctx.require(Capability.READ_SCHEDULE)
        chosen = [kind for kind in DayPaper if kind in set(kinds)]
        for kind in chosen:
            self._ctx.require(_NEEDS[kind])
        report = progress or noop_progress
        cancelled = cancelled or never_cancelled
        parts: dict[DayPaper, list[Section]] = {}
        records: list[Callable[[], None]] = []
        steps = len(chosen) + 1
        for step, kind in enumerate(chosen):
            if cancelled():
                raise Cancelled()
            report(step, steps, f"Gathering the {PAPER_TITLES[kind].lower()}…")
            if kind == DayPaper.WORK_SHEETS:
                sections, record = self._work_sheets._day_sections(day, delivery_unit_id,
                                                                   staff_language)
            else:
                sections, record = self._documents._day_sections(
                    day, delivery_unit_id, letters=kind == DayPaper.LETTERS,
                    manifests=kind == DayPaper.MANIFESTS, cancelled=cancelled,
                    staff_language=staff_language)
            if sections:
                parts[kind] = sections
                records.append(record)
        if not parts:
            raise NotFoundError(f"Nothing to print for {format_date(day)}: nobody is booked "
                                "on a session that goes ahead that day.")
        report(len(chosen), steps, "Laying out the pages…")
        actor = self._ctx.actor
        title = f"Paper for {format_date(day)}"

        def render(sections: list[Section], name: str) -> bytes:
            from upw_ttg.printing.render import render_sections

            return render_sections(sections, printed_at=self._ctx.now(),
                                   printed_by=actor.full_name if actor else None,
                                   title=name, is_cancelled=cancelled)

        if one_pdf:
            result = {"all": render([s for k in parts for s in parts[k]], title)}
        else:
            result = {kind.value: render(sections, f"{PAPER_TITLES[kind]}, {title[10:]}")
                      for kind, sections in parts.items()}
        for record in records:
            record()
        report(steps, steps, "Done")
        return result
