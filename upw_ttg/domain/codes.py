"""Code lists as the national case management system gives them: outcomes, pathways, prisons."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    COORDINATOR = "coordinator"
    SUPERVISOR = "supervisor"
    RESETTLEMENT_WORKER = "resettlement_worker"
    MANAGER = "manager"
    ADMINISTRATOR = "administrator"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"
    NOT_STATED = "not_stated"


class GenderCategory(StrEnum):
    """The gender the placement rules read (rules UPW-2 and UPW-3), asked plainly and recorded apart
    from the gender identity in the person's own words."""

    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non_binary"
    NOT_STATED = "not_stated"
    # A migrated record whose own words did not say plainly; a coordinator must confirm it.
    UNCONFIRMED = "unconfirmed"


GENDER_CATEGORY_LABELS = {
    GenderCategory.WOMAN: "Woman",
    GenderCategory.MAN: "Man",
    GenderCategory.NON_BINARY: "Non-binary",
    GenderCategory.NOT_STATED: "Not stated",
    GenderCategory.UNCONFIRMED: "Not yet confirmed",
}


class KeepApartKind(StrEnum):
    """Why two people must never share a session (rule UPW-5)."""

    CO_DEFENDANT = "co_defendant"
    RESTRAINING_ORDER = "restraining_order"
    GANG_CONFLICT = "gang_conflict"
    OTHER = "other"


KEEP_APART_KIND_LABELS = {
    KeepApartKind.CO_DEFENDANT: "Co-defendant",
    KeepApartKind.RESTRAINING_ORDER: "Restraining order",
    KeepApartKind.GANG_CONFLICT: "Gang conflict",
    KeepApartKind.OTHER: "Other",
}


class Language(StrEnum):
    """A person's preferred language, and the language a document prints in: every document
    comes in English or Welsh, so one asked for in another language prints in English."""

    ENGLISH = "english"
    WELSH = "welsh"
    OTHER = "other"

    @property
    def printed(self) -> Language:
        """The version of a document a reader of this language is given: Welsh or English."""
        return Language.WELSH if self is Language.WELSH else Language.ENGLISH

    @property
    def code(self) -> str:
        """"cy" or "en": the printed version as a PDF's language tag, a file name and the audit
        trail name it."""
        return "cy" if self is Language.WELSH else "en"


_LANGUAGE_NAMES = {"en": Language.ENGLISH, "eng": Language.ENGLISH, "english": Language.ENGLISH,
                   "cy": Language.WELSH, "cym": Language.WELSH, "welsh": Language.WELSH,
                   "cymraeg": Language.WELSH, "other": Language.OTHER}


def parse_language(text: str) -> Language:
    """The language ``text`` names ("en", "cy", "english", "welsh", "Cymraeg", "other", any
    case): the one way a language given as text (a command line, a file, a setting) is read.
    Raises ValueError for anything else."""
    try:
        return _LANGUAGE_NAMES[text.strip().lower()]
    except KeyError:
        raise ValueError(f"not a language: {text!r}") from None


class OrderType(StrEnum):
    COMMUNITY_ORDER = "community_order"
    SUSPENDED_SENTENCE_ORDER = "suspended_sentence_order"


class OrderSubtype(StrEnum):
    REGULAR = "regular"
    ADDITIONAL_HOURS = "additional_hours"
    CONCURRENT = "concurrent"
    CONSECUTIVE = "consecutive"


class OrderStatus(StrEnum):
    AWAITING_FIRST_SESSION = "awaiting_first_session"
    ACTIVE = "active"
    COMPLETED = "completed"
    DEADLINE_PASSED = "deadline_passed"
    IN_BREACH = "in_breach"
    CLOSED = "closed"


class PlacementPreference(StrEnum):
    INDIVIDUAL = "individual"
    MIXED_GROUP = "mixed_group"
    FEMALE_ONLY_GROUP = "female_only_group"


class AllergyAction(StrEnum):
    """What to do on site if the person reacts (the UPW assessment's allergy question)."""

    ADRENALINE_PEN = "adrenaline_pen"
    ANTIHISTAMINE = "antihistamine"
    CALL_999 = "call_999"
    AVOID_ONLY = "avoid_only"


ALLERGY_ACTIONS: tuple[tuple[AllergyAction, str], ...] = (
    (AllergyAction.ADRENALINE_PEN, "Carries an adrenaline pen: use it and call 999"),
    (AllergyAction.ANTIHISTAMINE, "Carries antihistamine; call 999 if breathing is affected"),
    (AllergyAction.CALL_999, "Carries no medicine: call 999 if the reaction is serious"),
    (AllergyAction.AVOID_ONLY, "Mild: keep them away from it"),
)


class MedicationEffect(StrEnum):
    """How the person's medication affects safety on site; the medicine itself is never
    printed on a work sheet (it is recorded for the office only)."""

    DROWSY = "drowsy"
    LOW_BLOOD_SUGAR = "low_blood_sugar"
    BLEEDS_EASILY = "bleeds_easily"
    DOSE_DURING_SESSION = "dose_during_session"
    SUN_SENSITIVE = "sun_sensitive"
    NO_EFFECT_ON_SITE = "no_effect_on_site"


MEDICATION_EFFECTS: tuple[tuple[MedicationEffect, str], ...] = (
    (MedicationEffect.DROWSY, "May be drowsy: no power tools, ladders or driving"),
    (MedicationEffect.LOW_BLOOD_SUGAR, "Risk of low blood sugar: let them eat when they "
                                       "need to"),
    (MedicationEffect.BLEEDS_EASILY, "Bleeds easily: first aid at once for any cut"),
    (MedicationEffect.DOSE_DURING_SESSION, "Takes a dose during the session: allow a break"),
    (MedicationEffect.SUN_SENSITIVE, "Sensitive to sun: shade, cover and sun cream"),
    (MedicationEffect.NO_EFFECT_ON_SITE, "No effect on work on site"),
)


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"


class PatternFrequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    ONCE = "once"


class SessionStatus(StrEnum):
    PLANNED = "planned"
    STOOD_DOWN = "stood_down"
    COMPLETED = "completed"


class Rating(StrEnum):
    """Work quality and behaviour on a register."""

    EXCELLENT = "excellent"
    GOOD = "good"
    SATISFACTORY = "satisfactory"
    POOR = "poor"
    UNSATISFACTORY = "unsatisfactory"


class AdjustmentKind(StrEnum):
    TRAVEL_TIME = "travel_time"
    ETE = "ete"
    COURT_ORDERED = "court_ordered"
    INCENTIVE = "incentive"
    OTHER = "other"


class AdjustmentStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class WarrantMode(StrEnum):
    BUS = "bus"
    TRAIN = "train"


class WarrantStatus(StrEnum):
    ISSUED = "issued"
    USED = "used"
    RETURNED_UNUSED = "returned_unused"
    VOID = "void"


class ReleaseDateType(StrEnum):
    """Which date the expected release date is; the type says how certain it is."""

    CONFIRMED = "confirmed"
    HDC = "hdc"
    CRD = "crd"
    ARD = "ard"


class TravelPayment(StrEnum):
    """How the journey from prison to the first appointment is paid for (pre-release review)."""

    TRAVEL_WARRANT = "travel_warrant"
    DISCHARGE_GRANT = "discharge_grant"
    COLLECTED = "collected"


TRAVEL_PAYMENTS: tuple[tuple[TravelPayment, str], ...] = (
    (TravelPayment.TRAVEL_WARRANT, "A travel warrant from the prison"),
    (TravelPayment.DISCHARGE_GRANT, "Paid from the discharge grant"),
    (TravelPayment.COLLECTED, "Collected by someone (nothing to pay)"),
)


class CustodyStatus(StrEnum):
    IN_CUSTODY = "in_custody"
    RELEASED = "released"


class CustodyEventKind(StrEnum):
    RECEPTION = "reception"
    TRANSFER = "transfer"
    RECALL = "recall"
    EARLY_RELEASE = "early_release"
    RELEASE = "release"


class PlanStatus(StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"


class NeedStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    MET = "met"
    NO_NEED = "no_need"
    DECLINED = "declined"


class Responsibility(StrEnum):
    PRISON = "prison"
    COMMUNITY = "community"
    BOTH = "both"


class MappaLevel(StrEnum):
    NONE = "none"
    LEVEL_1 = "level_1"
    LEVEL_2 = "level_2"
    LEVEL_3 = "level_3"


class DiversityCategory(StrEnum):
    LANGUAGE = "language"
    WELSH = "welsh"
    INTERPRETER = "interpreter"
    LITERACY = "literacy"
    DISABILITY = "disability"
    NEURODIVERSITY = "neurodiversity"
    AGE = "age"
    FAITH = "faith"
    CARE_LEAVER = "care_leaver"
    VETERAN = "veteran"
    FOREIGN_NATIONAL = "foreign_national"
    PREGNANCY = "pregnancy"
    CARING = "caring"


class ReferralStatus(StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class ContactMethod(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    MEETING = "meeting"
    VIDEO = "video"
    LETTER = "letter"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    PRINT = "print"


@dataclass(frozen=True, slots=True)
class OutcomeCode:
    code: str
    description: str
    attended: bool
    enforceable: bool
    acceptable_absence: bool = False


OUTCOME_CODES: tuple[OutcomeCode, ...] = (
    OutcomeCode("ATTC", "Attended – complied", True, False),
    OutcomeCode("AFTC", "Attended – failed to comply", True, True),
    OutcomeCode("ATSH", "Attended – sent home (behaviour)", True, True),
    OutcomeCode("ATSS", "Attended – sent home (service issues)", True, False),
    OutcomeCode("UAAB", "Unacceptable absence", False, True),
    OutcomeCode("AAME", "Acceptable absence – medical", False, False, True),
    OutcomeCode("AAEM", "Acceptable absence – employment", False, False, True),
    OutcomeCode("AAFC", "Acceptable absence – family/childcare", False, False, True),
    OutcomeCode("AACL", "Acceptable absence – court/legal", False, False, True),
    OutcomeCode("AASD", "Acceptable absence – stood down", False, False, True),
    OutcomeCode("RSSR", "Rescheduled – service request", False, False),
    OutcomeCode("RSOF", "Rescheduled – person's request", False, False),
)
OUTCOMES_BY_CODE = {o.code: o for o in OUTCOME_CODES}

ENFORCEMENT_ACTION_CODES: tuple[tuple[str, str], ...] = (
    ("ROM", "Refer to offender manager"),
    ("EA02", "First warning letter sent"),
    ("EA08", "Breach letter sent"),
    ("BRE01", "Breach requested"),
    ("BRE02", "Breach request actioned"),
    ("EA12", "Decision pending response from the person"),
    ("EA06", "Withdraw warning letter"),
    ("NFA", "No further action"),
)

PROJECT_TYPES: tuple[tuple[str, str], ...] = (
    ("group", "Group placement"),
    ("individual", "Individual placement"),
    ("induction", "Induction"),
    ("ete", "Education, training and employment"),
)

SUITABILITY_TAGS: tuple[tuple[str, str], ...] = (
    ("children_present", "School or children present"),
    ("vulnerable_adults_present", "Vulnerable adults present"),
    ("public_facing", "Public-facing"),
    ("lone_working", "Lone working"),
    ("heavy_lifting", "Heavy lifting"),
    ("indoor", "Indoor"),
    ("wheelchair_accessible", "Wheelchair accessible"),
    ("female_only", "Female-only"),
)

# (code, name, women's support need)
PATHWAYS: tuple[tuple[str, str, bool], ...] = (
    ("accommodation", "Accommodation", False),
    ("ete", "Education, skills and work", False),
    ("finance_id", "Finance and ID", False),
    ("drugs_alcohol", "Drugs and alcohol", False),
    ("health", "Health", False),
    ("children_families", "Children, families and communities", False),
    ("attitudes", "Attitudes, thinking and behaviour", False),
    ("abuse_survivors", "Support for survivors of domestic or sexual abuse", True),
    ("sex_work", "Support for people who have worked in the sex industry", True),
)

# (code, name, holds women)
PRISONS: tuple[tuple[str, str, bool], ...] = (
    ("AGI", "HMP Askham Grange", True),
    ("HMI", "HMP Humber", False),
    ("HLI", "HMP Hull", False),
    ("LII", "HMP Lincoln", False),
    ("NSI", "HMP North Sea Camp", False),
)

DELIVERY_UNITS: tuple[tuple[str, str], ...] = (
    ("YNY", "York and North Yorkshire"),
    ("HER", "Hull and East Riding"),
    ("GLI", "Greater Lincolnshire"),
)

# (code, name, delivery unit, town, postcode)
OFFICES: tuple[tuple[str, str, str, str, str], ...] = (
    ("YRK", "York", "YNY", "York", "YO1 6HP"),
    ("SCA", "Scarborough", "YNY", "Scarborough", "YO11 1HT"),
    ("NAL", "Northallerton", "YNY", "Northallerton", "DL7 8DT"),
    ("SKP", "Skipton", "YNY", "Skipton", "BD23 1JD"),
    ("HGT", "Harrogate", "YNY", "Harrogate", "HG1 1RS"),
    ("HUL", "Hull", "HER", "Hull", "HU1 3DX"),
    ("SCU", "Scunthorpe", "HER", "Scunthorpe", "DN15 6NL"),
    ("GRI", "Grimsby", "HER", "Grimsby", "DN31 1HL"),
    ("LIN", "Lincoln", "GLI", "Lincoln", "LN1 1YL"),
    ("SKE", "Skegness", "GLI", "Skegness", "PE25 3HA"),
    ("SPA", "Spalding", "GLI", "Spalding", "PE11 1XD"),
    ("BOS", "Boston", "GLI", "Boston", "PE21 6NU"),
)
