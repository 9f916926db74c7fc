"""Every policy setting of docs/rules.md with its default; values live in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SettingType = Literal["int", "bool", "text"]


@dataclass(frozen=True, slots=True)
class SettingDefinition:
    key: str
    label: str
    category: str
    value_type: SettingType
    default: str
    description: str
    unit: str | None = None
    minimum: int | None = None
    maximum: int | None = None

    def parse(self, raw: str) -> int | bool | str:
        """The typed value of ``raw``; raises ValueError with a plain message if it is not one."""
        text = raw.strip()
        if self.value_type == "int":
            try:
                number = int(text)
            except ValueError:
                raise ValueError(f"{self.label} must be a whole number.") from None
            if self.minimum is not None and number < self.minimum:
                raise ValueError(f"{self.label} must be at least {self.minimum}.")
            if self.maximum is not None and number > self.maximum:
                raise ValueError(f"{self.label} must be at most {self.maximum}.")
            return number
        if self.value_type == "bool":
            lowered = text.lower()
            if lowered in {"true", "yes", "1", "on"}:
                return True
            if lowered in {"false", "no", "0", "off"}:
                return False
            raise ValueError(f"{self.label} must be yes or no.")
        if not text:
            raise ValueError(f"{self.label} cannot be empty.")
        return text


SETTINGS: tuple[SettingDefinition, ...] = (
    SettingDefinition("upw.deadline_months", "Completion deadline", "Unpaid Work: orders", "int",
                      "12", "Months from sentence within which the hours must be worked.",
                      "months", 1, 60),
    SettingDefinition("upw.deadline_applies", "Completion deadline applies", "Unpaid Work: orders",
                      "bool", "true", "Switch off once the Sentencing Act 2026 s.36 is in force "
                      "and orders have no completion time limit."),
    SettingDefinition("upw.people_per_supervisor", "People per supervisor",
                      "Unpaid Work: placing", "int", "6",
                      "How many people one supervisor may have on a group session.",
                      "people", 1, 20),
    SettingDefinition("upw.first_session_working_days", "First session within",
                      "Unpaid Work: placing", "int", "10",
                      "Working days from sentence by which the first session must take place.",
                      "working days", 1, 60),
    SettingDefinition("upw.weekly_offer_hours", "Weekly offer", "Unpaid Work: placing", "int",
                      "7", "Hours a week offered to everyone with hours to work.", "hours", 1, 28),
    SettingDefinition("upw.intensive_max_hours", "Intensive working maximum",
                      "Unpaid Work: placing", "int", "28",
                      "Most hours a week for people on intensive working.", "hours", 7, 40),
    SettingDefinition("upw.default_break_minutes", "Unpaid break per session",
                      "Unpaid Work: crediting", "int", "30",
                      "Break minutes not credited, used for new projects (each project keeps "
                      "its own).", "minutes", 0, 120),
    SettingDefinition("upw.travel_time_allowed", "Travel time may be credited",
                      "Unpaid Work: crediting", "bool", "true",
                      "Whether travel-time adjustments are allowed for eligible people."),
    SettingDefinition("upw.travel_time_cap_minutes", "Travel time cap",
                      "Unpaid Work: crediting", "int", "180",
                      "Most travel minutes credited per attended appointment.", "minutes", 0, 600),
    SettingDefinition("upw.ete_cap_percent", "ETE cap", "Unpaid Work: crediting", "int", "30",
                      "Most of the ordered hours that education, training and employment may "
                      "count for.", "%", 0, 100),
    SettingDefinition("upw.incentive_reduction", "Incentive reduction", "Unpaid Work: crediting",
                      "bool", "false", "Sentencing Act 2026 s.37: after 25% of the hours with no "
                      "enforceable outcome, each further hour takes half an hour off the order "
                      "(at most 25%). Off until in force."),
    SettingDefinition("upw.evidence_working_days", "Evidence of acceptable absence due",
                      "Unpaid Work: enforcement", "int", "5",
                      "Working days to provide evidence for an absence claimed as acceptable.",
                      "working days", 1, 30),
    SettingDefinition("upw.enforcement_decision_working_days", "Enforcement decision due",
                      "Unpaid Work: enforcement", "int", "2",
                      "Working days after an enforceable outcome by which a decision is due.",
                      "working days", 1, 20),
    SettingDefinition("upw.warning_period_months", "Warning period", "Unpaid Work: enforcement",
                      "int", "12", "A warning in this many previous months means the officer "
                      "must refer for breach.", "months", 1, 24),
    SettingDefinition("upw.respond_by_working_days", "Person's response due",
                      "Unpaid Work: enforcement", "int", "5",
                      "Working days the person has to respond to a warning or a request for "
                      "their explanation.", "working days", 1, 30),
    SettingDefinition("upw.breach_working_days", "Breach laid within",
                      "Unpaid Work: enforcement", "int", "10",
                      "Working days from the failure by which breach action is laid.",
                      "working days", 1, 30),
    SettingDefinition("upw.review_sample_percent", "Manager's check of enforcement",
                      "Unpaid Work: enforcement", "int", "100",
                      "Share of enforcement decisions and accepted absences put to a manager "
                      "to agree or overturn: 100 checks every one, 0 none.", "%", 0, 100),
    SettingDefinition("upw.risk_confirm_working_days", "Risk change confirmed within",
                      "Unpaid Work: risk", "int", "2",
                      "Working days after a change to a person's risk or supervisor "
                      "restrictions by which everyone with upcoming contact should have "
                      "confirmed they were told; after that they are chased.",
                      "working days", 1, 20),
    SettingDefinition("texts.reminder_days_before", "Text reminder before a session", "Texts",
                      "int", "2", "Days before each session that the reminder text is sent.",
                      "days", 1, 7),
    SettingDefinition("texts.auto_send", "Send texts automatically", "Texts", "bool", "false",
                      "While the application is open, queue the reminders once a day and send "
                      "every queued text on a timer, without pressing Send (only once the "
                      "GOV.UK Notify key is set)."),
    SettingDefinition("texts.auto_queue_hour", "Reminders queued from", "Texts", "int", "9",
                      "The hour of the day (24-hour clock) from which the day's reminders are "
                      "queued automatically.", "o'clock", 0, 23),
    SettingDefinition("texts.auto_send_minutes", "Automatic sending every", "Texts", "int",
                      "30", "Minutes between automatic runs that send the queued texts.",
                      "minutes", 5, 240),
    SettingDefinition("texts.test_mode", "Texts in test mode", "Texts", "bool", "false",
                      "Send with GOV.UK Notify's test key: nothing reaches a phone."),
    SettingDefinition("texts.template_reminder",
                      "Template: the reminder before a session (English)",
                      "Texts", "text", "none",
                      "The GOV.UK Notify template id for the reminder before a session, in "
                      "English; none sends no such text."),
    SettingDefinition("texts.template_reminder_cy",
                      "Template: the reminder before a session (Welsh)",
                      "Texts", "text", "none",
                      "The GOV.UK Notify template id for the reminder before a session, in Welsh; "
                      "none sends no such text."),
    SettingDefinition("texts.template_booked", "Template: a session booked (English)",
                      "Texts", "text", "none",
                      "The GOV.UK Notify template id for a session booked, in English; "
                      "none sends no such text."),
    SettingDefinition("texts.template_booked_cy", "Template: a session booked (Welsh)",
                      "Texts", "text", "none",
                      "The GOV.UK Notify template id for a session booked, in Welsh; "
                      "none sends no such text."),
    SettingDefinition("texts.template_moved", "Template: a session moved (English)",
                      "Texts", "text", "none",
                      "The GOV.UK Notify template id for a session moved, in English; "
                      "none sends no such text."),
    SettingDefinition("texts.template_moved_cy", "Template: a session moved (Welsh)",
                      "Texts", "text", "none",
                      "The GOV.UK Notify template id for a session moved, in Welsh; "
                      "none sends no such text."),
    SettingDefinition("texts.template_stood_down", "Template: a session stood down (English)",
                      "Texts", "text", "none",
                      "The GOV.UK Notify template id for a session stood down, in English; "
                      "none sends no such text."),
    SettingDefinition("texts.template_stood_down_cy", "Template: a session stood down (Welsh)",
                      "Texts", "text", "none",
                      "The GOV.UK Notify template id for a session stood down, in Welsh; "
                      "none sends no such text."),
    SettingDefinition("upw.review_first_months", "First order review", "Unpaid Work: reviews",
                      "int", "6", "Months from sentence of the first review of progress.",
                      "months", 1, 24),
    SettingDefinition("upw.review_second_months", "Second order review", "Unpaid Work: reviews",
                      "int", "9", "Months from sentence of the review that lists orders needing "
                      "an extension.", "months", 1, 24),
    SettingDefinition("upw.warrant_eligibility", "Travel warrant eligibility",
                      "Unpaid Work: travel warrants", "text",
                      "distance over 3 miles; no public transport to pick-up; receives benefits",
                      "The criteria for a travel warrant, separated by semicolons."),
    SettingDefinition("ttg.screening_hours", "Prison screening within", "Through the Gate",
                      "int", "72", "Hours after reception by which the prison screens (BCST "
                      "part 1).", "hours", 1, 240),
    SettingDefinition("ttg.plan_working_days", "Resettlement plan due", "Through the Gate", "int",
                      "5", "Working days after screening by which the plan is complete.",
                      "working days", 1, 30),
    SettingDefinition("ttg.pre_release_review_weeks", "Pre-release review", "Through the Gate",
                      "int", "12", "Weeks before the expected release date.", "weeks", 1, 52),
    SettingDefinition("ttg.handover_window_weeks", "Handover window", "Through the Gate", "int",
                      "8", "Weeks before release in which the responsible officer is contacted.",
                      "weeks", 1, 26),
    SettingDefinition("ttg.chase_working_days", "Chase unacknowledged contact",
                      "Through the Gate", "int", "5",
                      "Working days after a contact with no acknowledgement before it is chased.",
                      "working days", 1, 20),
    SettingDefinition("ttg.pss_months", "Post-sentence supervision", "Through the Gate", "int",
                      "12", "Months after release that post-sentence supervision lasts.",
                      "months", 1, 36),
    SettingDefinition("security.sign_in_delay_after", "Slow down sign-in after",
                      "Security", "int", "3",
                      "Wrong passwords in a row after which each further attempt is delayed.",
                      "attempts", 1, 20),
    SettingDefinition("security.idle_lock_minutes", "Lock after", "Security", "int", "10",
                      "Minutes without use after which the window is locked and hides all "
                      "personal data until the same user enters their password again.",
                      "minutes", 1, 120),
)
SETTINGS_BY_KEY = {s.key: s for s in SETTINGS}
