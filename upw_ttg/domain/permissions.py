"""Who may do what: one table of capabilities by role, read by the services and the screens.

Derived from the jobs of the service and "Access by job" (rule ACC-1): a coordinator works Unpaid
Work cases (not plans' risk sections or handover packs); a supervisor sees what a work sheet and
register need, for their own sessions; a resettlement worker works Through the Gate cases (not UPW
assessments, registers or their sensitive notes); a manager reads both for oversight; an
administrator manages accounts, offices, prisons and settings and reads casework only if also given
a casework role. A member of staff may hold several roles: they may do what any of their roles may
do. Nothing here is allowed signed out.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from upw_ttg.domain.codes import Role


class Capability(StrEnum):
    # Shared reference data: offices, prisons, code lists, the calendar, settings' values and
    # the names of colleagues. Every role needs these to use any screen.
    USE_REFERENCE_DATA = "use_reference_data"
    # One's own account: change one's password, unlock after an idle lock.
    MANAGE_OWN_ACCOUNT = "manage_own_account"
    # A person's name and CRN only: enough to find a case and see that it exists.
    FIND_PERSON = "find_person"
    READ_PERSON = "read_person"
    EDIT_PERSON = "edit_person"
    READ_ORDERS = "read_orders"
    EDIT_ORDERS = "edit_orders"
    READ_CUSTODY = "read_custody"
    EDIT_CUSTODY = "edit_custody"
    READ_UPW_ASSESSMENT = "read_upw_assessment"
    EDIT_UPW_ASSESSMENT = "edit_upw_assessment"
    READ_SCHEDULE = "read_schedule"
    EDIT_SCHEDULE = "edit_schedule"
    PLACE_PEOPLE = "place_people"
    READ_WARRANTS = "read_warrants"
    ISSUE_WARRANT = "issue_warrant"
    # Work sheets and registers: a role without READ_SCHEDULE sees only its own sessions.
    READ_WORK_SHEETS = "read_work_sheets"
    PRINT_WORK_SHEETS = "print_work_sheets"
    READ_REGISTERS = "read_registers"
    KEY_REGISTERS = "key_registers"
    READ_SENSITIVE_NOTES = "read_sensitive_notes"
    # Why two people are kept apart (rule UPW-5): coordinators and managers only.
    READ_KEEP_APART_DETAIL = "read_keep_apart_detail"
    READ_ATTENDANCE = "read_attendance"
    TAKE_ENFORCEMENT_DECISIONS = "take_enforcement_decisions"
    # Agree with or overturn coordinators' enforcement decisions and accepted absences.
    REVIEW_ENFORCEMENT = "review_enforcement"
    # Record that the people with upcoming contact were told of a risk change, and chase them.
    SHARE_RISK_CHANGES = "share_risk_changes"
    # Queue and send text reminders through GOV.UK Notify, and read the messages sent.
    SEND_TEXTS = "send_texts"
    PRINT_UPW_LETTERS = "print_upw_letters"
    # A delivery unit's availability sheet for the courts: waits, free places, travel, ETE.
    PRINT_SENTENCERS_SHEET = "print_sentencers_sheet"
    # The reference list of skills and the skills each project practises (with the projects).
    MANAGE_SKILLS = "manage_skills"
    # The skills a person showed at a session, recorded with the register.
    RECORD_SKILLS_SHOWN = "record_skills_shown"
    # A person's certificate of hours worked and skills practised, once the order is complete.
    PRINT_CERTIFICATES = "print_certificates"
    READ_TTG_CASE = "read_ttg_case"
    EDIT_TTG_CASE = "edit_ttg_case"
    READ_PLAN_RISK = "read_plan_risk"
    READ_HANDOVER = "read_handover"
    EDIT_HANDOVER = "edit_handover"
    ASSIGN_CASELOAD = "assign_caseload"
    READ_AUDIT = "read_audit"
    CHANGE_SETTINGS = "change_settings"
    MANAGE_CALENDAR = "manage_calendar"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_OFFICES_AND_PRISONS = "manage_offices_and_prisons"
    # The directory of local services referrals and printed documents point at.
    MANAGE_SERVICE_DIRECTORY = "manage_service_directory"
    RESTRICT_CASES = "restrict_cases"
    # Bringing people, orders and custody records in from the national systems' extracts.
    IMPORT_CASES = "import_cases"
    # Custody episodes and release dates from the prison systems' records.
    IMPORT_CUSTODY = "import_custody"
    # A day's keyed outcomes, exported for the national case record.
    EXPORT_OUTCOMES = "export_outcomes"
    # Everything held on one person, for a subject access request (DPA 2018 s.45).
    EXPORT_SUBJECT_ACCESS = "export_subject_access"
    # The inspection's questions as figures per unit and worker, with the cases behind them.
    READ_FIGURES = "read_figures"


C = Capability

_UPW_CASEWORK = frozenset({
    C.USE_REFERENCE_DATA, C.MANAGE_OWN_ACCOUNT, C.FIND_PERSON, C.READ_PERSON, C.EDIT_PERSON,
    C.READ_ORDERS,
    C.EDIT_ORDERS, C.READ_CUSTODY, C.READ_UPW_ASSESSMENT, C.EDIT_UPW_ASSESSMENT,
    C.READ_SCHEDULE, C.EDIT_SCHEDULE, C.PLACE_PEOPLE, C.READ_WARRANTS, C.ISSUE_WARRANT,
    C.READ_WORK_SHEETS, C.PRINT_WORK_SHEETS, C.READ_REGISTERS, C.KEY_REGISTERS,
    C.READ_SENSITIVE_NOTES, C.READ_KEEP_APART_DETAIL, C.READ_ATTENDANCE,
    C.TAKE_ENFORCEMENT_DECISIONS, C.PRINT_UPW_LETTERS, C.MANAGE_CALENDAR, C.IMPORT_CASES,
    C.EXPORT_OUTCOMES, C.SHARE_RISK_CHANGES, C.SEND_TEXTS, C.PRINT_SENTENCERS_SHEET,
    C.MANAGE_SKILLS, C.RECORD_SKILLS_SHOWN, C.PRINT_CERTIFICATES,
})

_TTG_CASEWORK = frozenset({
    C.USE_REFERENCE_DATA, C.MANAGE_OWN_ACCOUNT, C.FIND_PERSON, C.READ_PERSON, C.EDIT_PERSON,
    C.READ_CUSTODY,
    C.EDIT_CUSTODY, C.READ_TTG_CASE, C.EDIT_TTG_CASE, C.READ_PLAN_RISK, C.READ_HANDOVER,
    C.EDIT_HANDOVER, C.ASSIGN_CASELOAD, C.IMPORT_CUSTODY,
})

# The table. Read it by row: what each job needs for its working day.
PERMISSIONS: dict[Role, frozenset[Capability]] = {
    Role.COORDINATOR: _UPW_CASEWORK,
    # What a work sheet and its register need, for the sessions they supervise.
    Role.SUPERVISOR: frozenset({
        C.USE_REFERENCE_DATA, C.MANAGE_OWN_ACCOUNT, C.READ_WORK_SHEETS, C.PRINT_WORK_SHEETS,
        C.READ_REGISTERS,
    }),
    Role.RESETTLEMENT_WORKER: _TTG_CASEWORK,
    # Oversight of both modules, the trail of changes, and who may see a restricted case.
    Role.MANAGER: _UPW_CASEWORK | _TTG_CASEWORK | {C.READ_AUDIT, C.RESTRICT_CASES,
                                                    C.READ_FIGURES, C.REVIEW_ENFORCEMENT},
    # Accounts, organisation and policy; a case's name and CRN to restrict it; no casework.
    Role.ADMINISTRATOR: frozenset({
        C.USE_REFERENCE_DATA, C.MANAGE_OWN_ACCOUNT, C.FIND_PERSON, C.READ_AUDIT, C.CHANGE_SETTINGS,
        C.MANAGE_CALENDAR,
        C.MANAGE_ACCOUNTS, C.MANAGE_OFFICES_AND_PRISONS, C.RESTRICT_CASES,
        C.EXPORT_SUBJECT_ACCESS, C.MANAGE_SERVICE_DIRECTORY,
    }),
}


def capabilities_of(roles: Iterable[Role]) -> frozenset[Capability]:
    """Everything a member of staff holding ``roles`` may do."""
    held: set[Capability] = set()
    for role in roles:
        held |= PERMISSIONS.get(Role(role), frozenset())
    return frozenset(held)


def allows(roles: Iterable[Role], capability: Capability) -> bool:
    return any(capability in PERMISSIONS.get(Role(role), frozenset()) for role in roles)


def roles_with(capability: Capability) -> tuple[Role, ...]:
    """The roles that grant ``capability``, in the order of the Role code list."""
    return tuple(role for role in Role if capability in PERMISSIONS[role])


def denied_message(capability: Capability) -> str:
    """What a member of staff reads when their roles do not allow ``capability``."""
    return (f"Your role does not allow this ({capability.value.replace('_', ' ')}). "
            "Ask an administrator if you need it.")


# What each role is for, in a sentence, for the screens that give roles to staff.
ROLE_SUMMARIES: dict[Role, str] = {
    Role.COORDINATOR: "Unpaid Work cases: orders, assessments, placing people, warrants, "
                      "registers and enforcement.",
    Role.SUPERVISOR: "The work sheets and registers of the sessions they supervise.",
    Role.RESETTLEMENT_WORKER: "Through the Gate cases: custody, resettlement plans and the "
                              "handover.",
    Role.MANAGER: "Both modules for oversight, the audit trail, and who may see a restricted "
                  "case.",
    Role.ADMINISTRATOR: "Accounts, offices, prisons, the directory of local services and "
                        "settings. Reads no casework unless "
                        "given a casework role too.",
}
