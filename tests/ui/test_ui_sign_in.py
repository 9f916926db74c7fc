"""Signing in: the first administrator on a new database, then ordinary sign-in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QLabel

from upw_ttg.domain.codes import Gender, Role
from upw_ttg.errors import StorageError

from tests.conftest import TEST_PASSWORD as PASSWORD
from tests.ui.conftest import add_staff_member, settle
from ui.dialogs.sign_in import FirstAdministratorDialog, SignInDialog


def test_first_administrator_is_created_and_signed_in(qtbot, fresh_services, monkeypatch):
    """A new database asks for the first administrator, who is then signed in."""
    assert fresh_services.staff.needs_first_administrator()
    import upw_ttg.services.staff as staff_module

    # Full-cost scrypt takes ~0.4 s; the test only needs a valid hash.
    monkeypatch.setattr(staff_module, "hash_password", _cheap_hash)
    dialog = FirstAdministratorDialog(fresh_services.staff, fresh_services.db.describe())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "GWEN")
    # QTest can only type Latin-1 characters; Welsh letters go in as pasted text.
    dialog.full_name.setText("Gwenllïan Ŵyn")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.password_again, PASSWORD)
    dialog.gender.setCurrentIndex(dialog.gender.findData(Gender.FEMALE))
    settle()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.password_again, Qt.Key.Key_Return)
        settle()
    actor = fresh_services.ctx.actor
    assert actor is not None and actor.username == "gwen" and actor.role == Role.ADMINISTRATOR
    assert not fresh_services.staff.needs_first_administrator()


def _cheap_hash(password: str) -> str:
    from upw_ttg.security import hash_password

    return hash_password(password, n=2**10)


def test_first_administrator_problems_show_by_their_fields(qtbot, fresh_services):
    """Passwords that differ, or a short one, are explained beside the field; nothing saved."""
    dialog = FirstAdministratorDialog(fresh_services.staff, fresh_services.db.describe())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "gwen")
    qtbot.keyClicks(dialog.full_name, "Gwen Wyn")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.password_again, "something-else-entirely")
    dialog.submit()
    settle()
    assert dialog.fields.error_text("password_again") == "The two passwords are not the same."
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.password_again.setText("short")
    dialog.password.setText("short")
    dialog.submit()
    settle()
    assert "at least 12 characters" in dialog.fields.error_text("password")
    assert dialog.username.text() == "gwen"
    assert fresh_services.staff.needs_first_administrator()


def test_every_problem_of_the_first_administrator_form_shows_at_once(qtbot, fresh_services):
    dialog = FirstAdministratorDialog(fresh_services.staff, fresh_services.db.describe())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.password_again, "different")
    dialog.submit()
    settle()
    shown = {name: dialog.fields.error_text(name) for name in dialog.fields.names()}
    assert shown["username"] == "Enter a user name."
    assert shown["full_name"] and "at least 12 characters" in shown["password"]
    assert shown["password_again"] == "The two passwords are not the same."
    assert "4 fields" in dialog.banner.text()
    gender_hint = [label.text() for label in dialog.findChildren(QLabel)
                   if label.objectName() == "Hint" and "supervised" in label.text()]
    assert gender_hint, "the form says why it asks for gender"


def test_escape_on_the_first_administrator_form_asks_before_quitting(qtbot, fresh_services,
                                                                      monkeypatch):
    dialog = FirstAdministratorDialog(fresh_services.staff, fresh_services.db.describe())
    qtbot.addWidget(dialog)
    dialog.show()
    answers: list[bool] = [False]
    monkeypatch.setattr(dialog, "confirm_quit", lambda: answers.pop(0))
    qtbot.keyClicks(dialog.username, "gwen")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.username.text() == "gwen", "kept, not lost"
    answers.append(True)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_wrong_password_shows_the_services_message(qtbot, fresh_services, fast_hash):
    """A wrong password keeps the dialog open, says so, and clears only the password."""
    add_staff_member(fresh_services, "coord", Role.COORDINATOR, fast_hash, "Cai Coordinator")
    dialog = SignInDialog(fresh_services.staff, fresh_services.db.describe(), "coord")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "not-the-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    settle()
    assert dialog.isVisible()
    assert dialog.banner.text() == "The user name or password is not right."
    assert dialog.username.text() == "coord"
    assert dialog.password.text() == ""
    assert fresh_services.ctx.actor is None


def test_sign_in_succeeds_with_enter(qtbot, fresh_services, fast_hash, monkeypatch):
    add_staff_member(fresh_services, "coord", Role.COORDINATOR, fast_hash, "Cai Coordinator")
    import upw_ttg.services.sign_in as sign_in_module

    monkeypatch.setattr(sign_in_module, "needs_rehash", lambda stored: False)
    dialog = SignInDialog(fresh_services.staff, fresh_services.db.describe(), "",
                          hint="Demo data: sign in as admin")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.hint.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.username, "coord")
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        settle()
    assert fresh_services.ctx.actor.username == "coord"


def test_escape_quits_sign_in(qtbot, fresh_services):
    dialog = SignInDialog(fresh_services.staff, fresh_services.db.describe())
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_too_many_wrong_passwords_say_how_long_to_wait(qtbot, fresh_services, fast_hash):
    add_staff_member(fresh_services, "coord", Role.COORDINATOR, fast_hash, "Cai Coordinator")
    dialog = SignInDialog(fresh_services.staff, fresh_services.db.describe(), "coord")
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(4):
        dialog.password.setText("wrong-password")
        dialog.submit()
        settle()
    assert "Too many wrong passwords" in dialog.banner.text()


def test_a_sign_in_sent_before_the_database_is_open_goes_ahead_when_it_opens(
        qtbot, fresh_services, fast_hash):
    """The window is up before the data layer: a password sent meanwhile is kept, the window
    says it is getting ready (and stays live), and signs in once the database is attached."""
    add_staff_member(fresh_services, "coord", Role.COORDINATOR, fast_hash, "Cai Coordinator")
    dialog = SignInDialog(None, "")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.database_label.text() == "Opening the database…"
    qtbot.keyClicks(dialog.username, "coord")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    QCoreApplication.processEvents()
    assert dialog.saving and not dialog.ready
    assert dialog.banner.text().startswith("Getting ready")
    assert dialog.password.text() == PASSWORD
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.attach(fresh_services.staff, fresh_services.db.describe())
    assert fresh_services.ctx.actor.username == "coord"
    assert dialog.database_label.text().startswith("Database: ")


def test_a_sign_in_waiting_for_the_database_is_told_when_it_cannot_open(qtbot):
    """Opening fails while a sign-in waits: the sign-in ends with the reason, the password
    still typed, and the window is given back (it never freezes)."""
    dialog = SignInDialog(None, "")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "coord")
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.submit()
    assert dialog.saving
    dialog.open_failed(StorageError("The database could not be opened."))
    qtbot.waitUntil(lambda: not dialog.saving, timeout=5000)
    assert dialog.banner.text() == "The database could not be opened."
    assert dialog.password.text() == PASSWORD
    assert dialog.password.isEnabled() and dialog.result() != QDialog.DialogCode.Accepted
