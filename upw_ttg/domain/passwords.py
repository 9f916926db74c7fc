"""The password policy: long enough, not a common password, not built on the user name."""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

# NCSC, "Password policy: updating your approach" (2018): no complexity rules or expiry, but a
# minimum length and a block list of the most common passwords. Twelve characters is the
# minimum the NCSC's "three random words" advice comfortably meets.
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200
COMMON_PASSWORDS_FILE = "common-passwords.txt"
_DECORATION = string.digits + string.punctuation + " "


def load_common_passwords(path: Path) -> frozenset[str]:
    """The lower-cased block list in ``path``: one password a line, ``#`` lines are comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The block list shipped in resources/ (read once)."""
    from upw_ttg.paths import resources_dir

    return load_common_passwords(resources_dir() / COMMON_PASSWORDS_FILE)


def _is_common(lowered: str, blocked: frozenset[str]) -> bool:
    """A listed password, or one with digits and symbols merely added around it."""
    if lowered in blocked:
        return True
    core = lowered.strip(_DECORATION)
    return bool(core) and core != lowered and core in blocked


def _is_trivial(password: str) -> bool:
    """One character repeated, or nothing but digits in a row (``123456789012``)."""
    stripped = password.strip()
    if len(set(stripped)) <= 2:
        return True
    if stripped.isdigit():
        steps = {(int(b) - int(a)) % 10 for a, b in zip(stripped, stripped[1:], strict=False)}
        return len(steps) == 1
    return False


def password_problem(password: str, username: str,
                     blocked: frozenset[str] | None = None) -> str | None:
    """What is wrong with ``password`` for the account ``username``, in plain words, or None.

    The NCSC advises against composition rules (a capital, a digit, a symbol) and against
    regular expiry; it advises a minimum length and refusing passwords attackers try first.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        return (f"The password must be at least {MIN_PASSWORD_LENGTH} characters long. Three "
                "random words make a good one.")
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"The password is too long: at most {MAX_PASSWORD_LENGTH} characters."
    if not password.strip() or _is_trivial(password):
        return "The password is too easy to guess. Three random words make a good one."
    lowered = password.lower()
    name = username.strip().lower()
    if name and name in lowered:
        return "The password must not contain the user name."
    if _is_common(lowered, common_passwords() if blocked is None else blocked):
        return ("This is one of the passwords attackers try first. Choose another: three "
                "random words make a good one.")
    return None
