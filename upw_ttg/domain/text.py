"""Text folding for search: case- and accent-insensitive keys that any database can index."""

from __future__ import annotations

import unicodedata

# Letters that do not decompose into a base letter plus accents.
_SPECIAL = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                          "ı": "i", "þ": "th", "ð": "d"})


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents: 'Siân Łukasz-Ŵyn' -> 'sian lukasz-wyn'."""
    lowered = text.casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    return prefix + "\U0010ffff"
