"""The application's exceptions: problems a user can fix, kept apart from bugs."""

from __future__ import annotations

import datetime as dt

from upw_ttg.domain.local_time import local_time_text


class UpwError(Exception):
    """Root of the errors the application expects; ``str()`` is fit to show a user."""


class ValidationError(UpwError):
    """Input that breaks a rule; ``fields`` maps each field to what is wrong with it."""

    def __init__(self, fields: dict[str, str]):
        self.fields = dict(fields)
        super().__init__(" ".join(self.fields.values()))


class NotFoundError(UpwError):
    pass


class Cancelled(UpwError):
    """The user cancelled a long task; nothing was saved, printed or written.

    Every long task raises this one error when stopped (see ``upw_ttg.progress``), so a screen
    has one thing to catch whatever the task was.
    """

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(message)


class StaleRecordError(UpwError):
    """Someone else saved the record after this user opened it."""

    def __init__(self, entity: str, changed_by: str | None, changed_at: dt.datetime | None):
        self.entity = entity
        self.changed_by = changed_by
        self.changed_at = changed_at
        who = changed_by or "another user"
        # changed_at is stored in UTC; the user reads their own local time.
        when = local_time_text(changed_at, " at %H:%M on %-d %b %Y")
        super().__init__(
            f"This {entity} was changed by {who}{when} after you opened it. Your changes have "
            "not been saved; they are still in the form. Reopen the record to see the other "
            "changes, then enter yours again.")


class PermissionDeniedError(UpwError):
    pass


class CapabilityDeniedError(PermissionDeniedError):
    """The member's roles do not allow this kind of action at all."""

    def __init__(self, capability: object, message: str):
        self.capability = capability
        super().__init__(message)


class RestrictedCaseError(PermissionDeniedError):
    """A restricted case that this member of staff is not named on."""


class SignInError(UpwError):
    pass


class StorageError(UpwError):
    """The database or the disk failed for a reason outside the application (full, locked)."""


class UnsafeLocationError(StorageError):
    pass


class NewerDatabaseError(StorageError):
    pass


class DamagedDatabaseError(StorageError):
    """The database file failed SQLite's own check; the message says how to restore it."""
