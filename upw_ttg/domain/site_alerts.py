"""The health-and-safety alerts a supervisor needs on site, from the UPW assessment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import cast

from upw_ttg.domain.codes import ALLERGY_ACTIONS, MEDICATION_EFFECTS, MedicationEffect

NOT_ASSESSED = "H&S not assessed: ask the office before work starts"
# The explicit questions; None in any of them means the assessment is not finished.
QUESTIONS = ("hs_epilepsy", "hs_allergies", "hs_pregnancy", "hs_mobility", "hs_medication")
# The assessment columns the alerts read; the medication's name is not among them.
ANSWER_COLUMNS = (*QUESTIONS, "hs_allergies_detail", "hs_allergy_action", "hs_mobility_detail",
                  "hs_medication_effects")
_ALLERGY_ACTIONS: dict[str, str] = dict(ALLERGY_ACTIONS)
_MEDICATION_EFFECTS: dict[str, str] = dict(MEDICATION_EFFECTS)


def site_alerts(answers: Mapping[str, object] | None,
                interpreter: str | None) -> tuple[str, ...]:
    """One alert per line for the work sheet, whole (never shortened), in categories.

    Rule DOC-2: the site is told what it must act on (epilepsy, an allergy and what to do,
    mobility, pregnancy, how medication affects safety), never which medicine someone takes.

    Args:
        answers: The latest assessment's values for ``ANSWER_COLUMNS``; None when the person
            has no assessment.
        interpreter: None if no interpreter is needed, else the language ("" if not known).
    """
    alerts: list[str] = []
    if answers is None:
        alerts.append(NOT_ASSESSED)
    else:
        def text(key: str) -> str:
            return " ".join(str(answers.get(key) or "").split())

        if answers.get("hs_epilepsy"):
            alerts.append("Epilepsy or loss of consciousness")
        if answers.get("hs_allergies"):
            trigger = text("hs_allergies_detail")
            action = _ALLERGY_ACTIONS.get(text("hs_allergy_action"),
                                          "what to do is not recorded, ask the office")
            alerts.append(f"Allergy{' (' + trigger + ')' if trigger else ''} — {action}")
        if answers.get("hs_pregnancy"):
            alerts.append("Pregnant or recently gave birth")
        if answers.get("hs_mobility"):
            detail = text("hs_mobility_detail")
            alerts.append(f"Mobility — {detail}" if detail else "Mobility — ask the office")
        if answers.get("hs_medication"):
            effects = cast("Iterable[object]", answers.get("hs_medication_effects") or ())
            if not effects:
                alerts.append("Medication — effect on safety not recorded, ask the office")
            # Each effect on its own line: the supervisor acts on each one.
            alerts.extend("Medication — " + _MEDICATION_EFFECTS.get(
                str(effect), "effect on safety not recorded, ask the office")
                for effect in effects if effect != MedicationEffect.NO_EFFECT_ON_SITE)
        if any(answers.get(key) is None for key in QUESTIONS):
            alerts.append(NOT_ASSESSED)
    if interpreter is not None:
        alerts.append(f"Needs an interpreter ({interpreter})" if interpreter
                      else "Needs an interpreter")
    return tuple(alerts)
