"""The health-and-safety alerts a supervisor needs on site, from the UPW assessment."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import cast

from upw_ttg.domain.codes import ALLERGY_ACTIONS, MEDICATION_EFFECTS, MedicationEffect

# The English of every alert, by key; a Welsh sheet takes the same keys from the glossary
# ("alert.<key>", "allergy_action.<code>", "medication_effect.<code>").
ALERT_TEXTS: dict[str, str] = {
    "not_assessed": "H&S not assessed: ask the office before work starts",
    "epilepsy": "Epilepsy or loss of consciousness",
    "allergy": "Allergy — {action}",
    "allergy_trigger": "Allergy ({trigger}) — {action}",
    "allergy_action_missing": "what to do is not recorded, ask the office",
    "pregnancy": "Pregnant or recently gave birth",
    "mobility": "Mobility — {detail}",
    "mobility_ask": "Mobility — ask the office",
    "medication_missing": "Medication — effect on safety not recorded, ask the office",
    "medication": "Medication — {effect}",
    "effect_missing": "effect on safety not recorded, ask the office",
    "interpreter": "Needs an interpreter ({spoken})",
    "interpreter_unknown": "Needs an interpreter",
}
NOT_ASSESSED = ALERT_TEXTS["not_assessed"]
# The explicit questions; None in any of them means the assessment is not finished.
QUESTIONS = ("hs_epilepsy", "hs_allergies", "hs_pregnancy", "hs_mobility", "hs_medication")
# The assessment columns the alerts read; the medication's name is not among them.
ANSWER_COLUMNS = (*QUESTIONS, "hs_allergies_detail", "hs_allergy_action", "hs_mobility_detail",
                  "hs_medication_effects")
_CODED: dict[str, dict[str, str]] = {
    "allergy_action": {str(code): text for code, text in ALLERGY_ACTIONS},
    "medication_effect": {str(code): text for code, text in MEDICATION_EFFECTS},
}
# say(key, **values): one alert phrase filled in; keys as in ALERT_TEXTS, or
# "allergy_action.<code>" / "medication_effect.<code>".
Say = Callable[..., str]


def in_english(key: str, **values: object) -> str:
    """The English of alert phrase ``key``, placeholders filled."""
    group, _, code = key.partition(".")
    text = _CODED[group][code] if code else ALERT_TEXTS[key]
    return text.format(**values) if values else text


def site_alerts(answers: Mapping[str, object] | None, interpreter: str | None,
                say: Say = in_english) -> tuple[str, ...]:
    """One alert per line for the work sheet, whole (never shortened), in categories.

    Rule DOC-2: the site is told what it must act on (epilepsy, an allergy and what to do,
    mobility, pregnancy, how medication affects safety), never which medicine someone takes.

    Args:
        answers: The latest assessment's values for ``ANSWER_COLUMNS``; None when the person
            has no assessment.
        interpreter: None if no interpreter is needed, else the language ("" if not known).
        say: The phrases' language (English unless the sheet prints in Welsh).
    """
    alerts: list[str] = []
    if answers is None:
        alerts.append(say("not_assessed"))
    else:
        def text(key: str) -> str:
            return " ".join(str(answers.get(key) or "").split())

        if answers.get("hs_epilepsy"):
            alerts.append(say("epilepsy"))
        if answers.get("hs_allergies"):
            trigger = text("hs_allergies_detail")
            code = text("hs_allergy_action")
            action = say(f"allergy_action.{code}") if code in _CODED["allergy_action"] \
                else say("allergy_action_missing")
            alerts.append(say("allergy_trigger", trigger=trigger, action=action) if trigger
                          else say("allergy", action=action))
        if answers.get("hs_pregnancy"):
            alerts.append(say("pregnancy"))
        if answers.get("hs_mobility"):
            detail = text("hs_mobility_detail")
            alerts.append(say("mobility", detail=detail) if detail else say("mobility_ask"))
        if answers.get("hs_medication"):
            effects = cast("Iterable[object]", answers.get("hs_medication_effects") or ())
            if not effects:
                alerts.append(say("medication_missing"))
            # Each effect on its own line: the supervisor acts on each one.
            alerts.extend(say("medication", effect=say(f"medication_effect.{effect}")
                              if str(effect) in _CODED["medication_effect"]
                              else say("effect_missing"))
                          for effect in effects if effect != MedicationEffect.NO_EFFECT_ON_SITE)
        if any(answers.get(key) is None for key in QUESTIONS):
            alerts.append(say("not_assessed"))
    if interpreter is not None:
        alerts.append(say("interpreter", spoken=interpreter) if interpreter
                      else say("interpreter_unknown"))
    return tuple(alerts)
