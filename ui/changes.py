"""The application-wide bus: a screen that saves says what changed, and every screen showing it
reads it again; a screen says what it did for the status bar, or asks for a person's record or
a resettlement plan; all without signals relayed by hand between pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import QWidget


class Subject(StrEnum):
    """What kind of record changed."""

    PERSON = "person"
    ORDER = "order"
    SESSION = "session"
    BOOKING = "booking"
    ATTENDANCE = "attendance"
    ENFORCEMENT = "enforcement"
    LETTER = "letter"
    WARRANT = "warrant"
    CUSTODY = "custody"
    ASSIGNMENT = "assignment"
    PLAN = "plan"
    KEEP_APART = "keep_apart"


# What the scheduling lists (waiting list, planner, induction) are read from: who is booked
# where, the sessions, the orders and the people.
PLACEMENTS = (Subject.BOOKING, Subject.SESSION, Subject.ORDER, Subject.PERSON)


@dataclass(frozen=True, slots=True)
class Change:
    """``subject`` records with ``ids`` changed; ``person_ids`` names whose cases they touch
    (empty when not known), so a person's record reloads only for its own person."""

    subject: Subject
    ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()
    # The saved record, where the screen that saved it has one (a list can show it unread).
    record: object = None

    def touches_person(self, person_id: int | None) -> bool:
        """Whether a screen showing ``person_id`` should read again (unknown: yes)."""
        return person_id is not None and (not self.person_ids or person_id in self.person_ids)


class ChangeBus(QObject):
    """Carries four kinds of event to every subscriber, on the GUI thread:

    - a :class:`Change` (``publish``): records were saved, after their unit of work committed;
      screens showing them read them again.
    - a notice (``announce``): one short sentence saying what the user's action did. Any page
      or dialog may announce; the main window shows it in its status bar (never while locked:
      a notice can name people). Nothing else should depend on a notice's text.
    - a request to open a person's record (``open_person``): the main window opens it, for a
      member who may find people; elsewhere nothing happens.
    - a request to open a custody episode's resettlement plan (``open_plan``): the main window
      opens it in the Through the Gate area, for a member who may use it; else nothing happens.

    Each subscription belongs to a receiver and goes with it, so nothing reaches a screen
    that has been deleted.
    """

    changed = Signal(object)
    announced = Signal(str)
    person_requested = Signal(int)
    plan_requested = Signal(int)

    def publish(self, subject: Subject, ids: Iterable[int | None] = (),
                person_ids: Iterable[int | None] = (), record: object = None) -> Change:
        """Announce a change (after its unit of work has committed)."""
        change = Change(Subject(subject), tuple(i for i in ids if i is not None),
                        tuple(sorted({p for p in person_ids if p is not None})), record)
        self.changed.emit(change)
        return change

    def announce(self, text: str) -> None:
        """Say what was just done, for the status bar."""
        self.announced.emit(text)

    def open_person(self, person_id: int) -> None:
        """Ask for ``person_id``'s record to be shown."""
        self.person_requested.emit(person_id)

    def open_plan(self, episode_id: int) -> None:
        """Ask for the resettlement plan of custody episode ``episode_id`` to be shown."""
        self.plan_requested.emit(episode_id)

    def subscribe(self, receiver: QObject, subjects: Iterable[Subject],
                  slot: Callable[[Change], None]) -> QObject:
        """Call ``slot`` for changes to ``subjects`` while ``receiver`` exists.

        The link is a child of ``receiver``: when the screen goes, so does its subscription,
        and a change never reaches a deleted widget.
        """
        link = _Subscription(set(subjects), slot, receiver)
        self.changed.connect(link.deliver)
        return link

    def on_notice(self, receiver: QObject, slot: Callable[[str], None]) -> QObject:
        """Call ``slot`` with each notice while ``receiver`` exists."""
        link = _Relay(slot, receiver)
        self.announced.connect(link.deliver)
        return link

    def on_open_person(self, receiver: QObject, slot: Callable[[int], None]) -> QObject:
        """Call ``slot`` with each person whose record is asked for while ``receiver`` exists."""
        link = _Relay(slot, receiver)
        self.person_requested.connect(link.deliver)
        return link

    def on_open_plan(self, receiver: QObject, slot: Callable[[int], None]) -> QObject:
        """Call ``slot`` with each episode whose plan is asked for while ``receiver`` exists."""
        link = _Relay(slot, receiver)
        self.plan_requested.connect(link.deliver)
        return link


class _Follower(QObject):
    """Reads ``page`` again after a change: at once while it is on screen; while hidden, once,
    when it is next shown (its Show event, seen before the page's own ``showEvent``)."""

    def __init__(self, page: QWidget, reload: Callable[[], None]) -> None:
        super().__init__(page)
        self._page = page
        self._reload = reload
        self._stale = False
        page.installEventFilter(self)

    def changed(self, _change: Change) -> None:
        if self._page.isVisible():
            self._reload()
        else:
            self._stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._stale:
            self._stale = False
            self._reload()
        return False


class _Subscription(QObject):
    def __init__(self, subjects: set[Subject], slot: Callable[[Change], None],
                 parent: QObject) -> None:
        super().__init__(parent)
        self._subjects = subjects
        self._slot = slot

    @Slot(object)
    def deliver(self, change: Change) -> None:
        if change.subject in self._subjects:
            self._slot(change)


class _Relay(QObject):
    """Passes a notice, a person's or an episode's id to ``slot``; a child of the receiver, like
    :class:`_Subscription`."""

    def __init__(self, slot: Callable[..., None], parent: QObject) -> None:
        super().__init__(parent)
        self._slot = slot

    @Slot(object)
    def deliver(self, value: object) -> None:
        self._slot(value)


_bus: ChangeBus | None = None


def change_bus() -> ChangeBus:
    """The application's one change bus."""
    global _bus  # one per process, like the QApplication it lives beside
    if _bus is None:
        _bus = ChangeBus()
    return _bus


def publish(subject: Subject, ids: Iterable[int | None] = (),
            person_ids: Iterable[int | None] = (), record: object = None) -> Change:
    """Announce a change on the application's bus."""
    return change_bus().publish(subject, ids, person_ids, record)


def subscribe(receiver: QObject, subjects: Iterable[Subject],
              slot: Callable[[Change], None]) -> QObject:
    """Subscribe ``receiver`` to changes on the application's bus."""
    return change_bus().subscribe(receiver, subjects, slot)


def follow(page: QWidget, subjects: Iterable[Subject], reload: Callable[[], None]) -> QObject:
    """Keep ``page`` current with changes to ``subjects`` saved anywhere: ``reload`` runs at
    once while the page is on screen, and for a hidden page once, when it is next shown, so a
    page nobody looks at reads nothing."""
    follower = _Follower(page, reload)
    subscribe(follower, subjects, follower.changed)
    return follower


def announce(text: str) -> None:
    """Say what was just done, in the status bar (see :class:`ChangeBus`)."""
    change_bus().announce(text)


def open_person(person_id: int) -> None:
    """Ask for ``person_id``'s record (see :class:`ChangeBus`)."""
    change_bus().open_person(person_id)


def open_plan(episode_id: int) -> None:
    """Ask for custody episode ``episode_id``'s resettlement plan (see :class:`ChangeBus`)."""
    change_bus().open_plan(episode_id)
