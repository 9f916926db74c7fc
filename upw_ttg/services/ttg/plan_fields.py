"""The checks a plan's typed fields pass before they are saved, shared by its sections."""

from __future__ import annotations

from sqlalchemy.orm import Session

from upw_ttg.domain.validation import FieldErrors, clean, text_problem
from upw_ttg.errors import ValidationError
from upw_ttg.services.directory import linked_provider


def checked_text(errors: FieldErrors, field: str, label: str, value: str | None, *,
                 required: bool = False, max_length: int = 400) -> str | None:
    cleaned = clean(value)
    errors.check(field, text_problem(label, cleaned, required=required, max_length=max_length))
    return cleaned


def checked_fallback(errors: FieldErrors, what: str | None, contact: str | None,
                     prefix: str = "fallback_") -> tuple[str | None, str | None]:
    """A fallback's texts, cleaned and checked (rule TTG-FALLBACK)."""
    return (checked_text(errors, f"{prefix}plan", "fallback", what),
            checked_text(errors, f"{prefix}contact", "who to call", contact, max_length=200))


def raise_any(errors: FieldErrors) -> None:
    if errors:
        raise ValidationError(errors)


def who(session: Session, provider_id: int | None, kept_id: int | None, typed: str | None,
        field: str) -> str | None:
    """Who to call or who does it: a directory provider's name when one is picked (its
    details print from the directory, rule TTG-DIR4), else what was typed."""
    return linked_provider(session, provider_id, kept_id, field) or typed
