"""Codes for the access log: what was read, printed or exported, and who the copy was for."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class AccessAction(StrEnum):
    """How a record was consulted or disclosed (Data Protection Act 2018, s.62)."""

    VIEW = "view"
    PRINT = "print"
    EXPORT = "export"


class AccessedRecord(StrEnum):
    """The kinds of sensitive record whose every opening is logged."""

    UPW_ASSESSMENT = "upw_assessment"
    PLAN_RISK = "plan_risk"
    SENSITIVE_NOTES = "sensitive_notes"
    HANDOVER = "handover"
    CASE_SUMMARY = "case_summary"
    DOCUMENT = "document"
    SUBJECT_ACCESS = "subject_access"


class Recipient(StrEnum):
    """Who a printed or exported copy is for: a kind of recipient, never a name."""

    THE_PERSON = "person"
    SUPERVISOR = "supervisor"
    DRIVER = "driver"
    RESPONSIBLE_OFFICER = "responsible_officer"
    COURT = "court"
    CASE_FILE = "case_file"
    # The national case record (NDelius), through an export file.
    NATIONAL_RECORD = "national_record"
    # A spreadsheet of a list, for office use.
    SPREADSHEET = "spreadsheet"


# What a restricted case's row shows in place of everything but its name and CRN (rule ACC-2).
RESTRICTED_TEXT = "Restricted"

RECORD_LABELS = {
    AccessedRecord.UPW_ASSESSMENT: "UPW assessment",
    AccessedRecord.PLAN_RISK: "Resettlement plan (risk of harm)",
    AccessedRecord.SENSITIVE_NOTES: "Sensitive session notes",
    AccessedRecord.HANDOVER: "Handover record",
    AccessedRecord.CASE_SUMMARY: "Case summary",
    AccessedRecord.DOCUMENT: "Printed document",
    AccessedRecord.SUBJECT_ACCESS: "Subject access export",
}
ACTION_LABELS = {AccessAction.VIEW: "Opened", AccessAction.PRINT: "Printed",
                 AccessAction.EXPORT: "Exported"}
RECIPIENT_LABELS = {
    Recipient.THE_PERSON: "the person",
    Recipient.SUPERVISOR: "the session supervisor",
    Recipient.DRIVER: "the van driver",
    Recipient.RESPONSIBLE_OFFICER: "the community responsible officer",
    Recipient.COURT: "the court",
    Recipient.CASE_FILE: "the case file",
    Recipient.NATIONAL_RECORD: "the national case record",
    Recipient.SPREADSHEET: "a spreadsheet for office use",
}


def local_time(utc: dt.datetime) -> dt.datetime:
    """A time the trail stores in UTC, on this computer's clock (for people to read)."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
