"""Adding a staff account, and changing the roles of one (administrators only)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from upw_ttg.domain.codes import Gender, Role
from upw_ttg.domain.passwords import MIN_PASSWORD_LENGTH
from upw_ttg.errors import ValidationError
from upw_ttg.records.staff import NewStaff, StaffMember
from upw_ttg.services.people import PeopleService
from upw_ttg.services.roles import RoleService
from upw_ttg.services.staff import StaffService

from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.person_dialog import enum_combo
from ui.widgets.role_checks import RoleChecks

PASSWORD_HINT = (f"At least {MIN_PASSWORD_LENGTH} characters, not a common password and not "
                 "containing the user name. Three random words make a good one.")


def password_pair(dialog: FormDialog, form: QFormLayout,
                  label: str = "&Password") -> tuple[QLineEdit, QLineEdit]:
    """A password box and a confirmation box, added to ``form``."""
    password = QLineEdit()
    password.setEchoMode(QLineEdit.EchoMode.Password)
    password.setMaxLength(200)
    dialog.fields.add_row(form, "password", label, password, hint=PASSWORD_HINT)
    again = QLineEdit()
    again.setEchoMode(QLineEdit.EchoMode.Password)
    again.setMaxLength(200)
    dialog.fields.add_row(form, "password_again", "Password a&gain", again)
    return password, again


def check_passwords(password: QLineEdit, again: QLineEdit) -> None:
    """Raise ValidationError if the two boxes differ."""
    if password.text() != again.text():
        raise ValidationError({"password_again": "The two passwords are not the same."})


class StaffDialog(FormDialog):
    """A new staff account with a role; saved through ``StaffService.add_staff``."""

    def __init__(self, staff: StaffService, people: PeopleService,
                 parent: QWidget | None = None):
        super().__init__("Add a member of staff",
                         "They sign in with this user name and password, then choose their "
                         "own password. Tell them this one in person.", parent, save_text="&Add")
        self._staff = staff
        f = self.fields
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.username = QLineEdit()
        self.username.setMaxLength(40)
        self.username.setPlaceholderText("e.g. jsmith")
        f.add_row(form, "username", "&User name", self.username)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(60)
        f.add_row(form, "full_name", "&Full name", self.full_name)
        self.role = enum_combo(Role, Role.COORDINATOR)
        f.add_row(form, "role", "&Job", self.role, hint="Shown beside their name.")
        self.roles = RoleChecks()
        self.roles.set_main(Role.COORDINATOR)
        self.role.currentIndexChanged.connect(
            lambda _i: self.roles.set_main(self.role.currentData()))
        f.add_row(form, "roles", "Roles &held", self.roles,
                  hint="They may do what any of their roles may do.")
        self.gender = enum_combo(Gender, Gender.NOT_STATED)
        f.add_row(form, "gender", "G&ender", self.gender,
                  hint="Used to respect 'do not place with a female/male supervisor'.")
        self.office = QComboBox()
        self.office.addItem("Not set", None)
        for office in people.offices():
            self.office.addItem(f"{office.name} ({office.delivery_unit})", office.id)
        f.add_row(form, "office_id", "&Office", self.office)
        self.password, self.password_again = password_pair(self, form)
        self.body.addLayout(form)
        self.resize(520, self.sizeHint().height())

    def collect(self) -> NewStaff:
        # The service checks the two passwords with everything else: all problems at once.
        return NewStaff(self.username.text(), self.full_name.text(), self.role.currentData(),
                        self.gender.currentData(), self.password.text(),
                        self.office.currentData(), self.roles.roles(),
                        password_again=self.password_again.text())

    def save(self, data: NewStaff) -> StaffMember:
        return self._staff.add_staff(data)


class RolesDialog(FormDialog):
    """Change a member's job and the roles they hold; saved through ``RoleService.set_roles``.
    The change takes effect at their next action, also if they are signed in now."""

    def __init__(self, roles: RoleService, member: StaffMember, parent: QWidget | None = None):
        super().__init__(f"Roles of {member.full_name}",
                         "What they may see and do follows from their roles. A change takes "
                         "effect at their next action.", parent)
        self._roles = roles
        self._member = member
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.role = enum_combo(Role, member.role)
        self.fields.add_row(form, "role", "&Job", self.role, hint="Shown beside their name.")
        self.roles = RoleChecks()
        self.roles.set_main(member.role)
        self.roles.set_roles(member.roles)
        self.role.currentIndexChanged.connect(
            lambda _i: self.roles.set_main(self.role.currentData()))
        self.fields.add_row(form, "roles", "Roles &held", self.roles)
        self.body.addLayout(form)
        self.resize(520, self.sizeHint().height())

    def collect(self) -> tuple[Role, frozenset[Role]]:
        return self.role.currentData(), self.roles.roles()

    def save(self, data: tuple[Role, frozenset[Role]]) -> StaffMember:
        role, roles = data
        return self._roles.set_roles(self._member.id, role, roles, self._member.version)
