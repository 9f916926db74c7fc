"""Through the Gate code values in plain words, one place for every TTG screen."""

from __future__ import annotations

from enum import Enum

from upw_ttg.domain.codes import (
    ContactMethod,
    DiversityCategory,
    MappaLevel,
    NeedStatus,
    ReferralStatus,
    Responsibility,
    RiskLevel,
)

CODE_LABELS: dict[Enum, str] = {
    NeedStatus.NOT_STARTED: "Not started", NeedStatus.IN_PROGRESS: "In progress",
    NeedStatus.MET: "Met", NeedStatus.NO_NEED: "No need",
    NeedStatus.DECLINED: "Declined by the person",
    Responsibility.PRISON: "Prison team", Responsibility.COMMUNITY: "Community",
    Responsibility.BOTH: "Both (prison and community)",
    RiskLevel.LOW: "Low", RiskLevel.MEDIUM: "Medium", RiskLevel.HIGH: "High",
    RiskLevel.VERY_HIGH: "Very high",
    MappaLevel.NONE: "Not MAPPA", MappaLevel.LEVEL_1: "MAPPA level 1",
    MappaLevel.LEVEL_2: "MAPPA level 2", MappaLevel.LEVEL_3: "MAPPA level 3",
    DiversityCategory.LANGUAGE: "Language", DiversityCategory.WELSH: "Welsh language",
    DiversityCategory.INTERPRETER: "Interpreter", DiversityCategory.LITERACY: "Literacy",
    DiversityCategory.DISABILITY: "Disability", DiversityCategory.NEURODIVERSITY:
    "Neurodiversity", DiversityCategory.AGE: "Age", DiversityCategory.FAITH: "Faith",
    DiversityCategory.CARE_LEAVER: "Care leaver", DiversityCategory.VETERAN: "Veteran",
    DiversityCategory.FOREIGN_NATIONAL: "Foreign national",
    DiversityCategory.PREGNANCY: "Pregnancy", DiversityCategory.CARING: "Caring role",
    ReferralStatus.SENT: "Sent, waiting for an answer", ReferralStatus.ACCEPTED: "Accepted",
    ReferralStatus.DECLINED: "Declined by the provider", ReferralStatus.COMPLETED: "Completed",
    ReferralStatus.WITHDRAWN: "Withdrawn",
    ContactMethod.EMAIL: "Email", ContactMethod.PHONE: "Phone", ContactMethod.MEETING:
    "Meeting", ContactMethod.VIDEO: "Video call", ContactMethod.LETTER: "Letter",
}


def code_text(value: Enum | None, blank: str = "") -> str:
    """A TTG code in plain words."""
    if value is None:
        return blank
    return CODE_LABELS.get(value) or str(value.value).replace("_", " ").capitalize()
