"""The embedded Unicode font family (DejaVu Sans) that every printed document uses."""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from upw_ttg import paths

FAMILY = "UpwSans"
REGULAR = "UpwSans"
BOLD = "UpwSans-Bold"
ITALIC = "UpwSans-Oblique"
BOLD_ITALIC = "UpwSans-BoldOblique"

# The standard PDF fonts lack ŵ, ŷ and ł, so names must never fall back to Helvetica.
_FILES: dict[str, str] = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


class FontMissingError(FileNotFoundError):
    """A font file the printed documents need is not in the fonts folder."""


def register_fonts(fonts_dir: Path | None = None) -> str:
    """Register the family with ReportLab once per process and return its name.

    Safe to call from any thread and any number of times; later calls do nothing.

    Args:
        fonts_dir: Where the TTF files are; defaults to ``paths.fonts_dir()``.

    Returns:
        The family name to use as ``fontName`` in styles.

    Raises:
        FontMissingError: A font file is missing (a broken install or bundle).
    """
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if _registered:
            return FAMILY
        folder = fonts_dir if fonts_dir is not None else paths.fonts_dir()
        files = {name: folder / filename for name, filename in _FILES.items()}
        # Check every file first so a broken bundle never leaves half a family registered.
        missing = [str(path) for path in files.values() if not path.is_file()]
        if missing:
            raise FontMissingError(f"Font file not found: {', '.join(missing)}")
        for name, path in files.items():
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # The family mapping also lets <b> and <i> in a paragraph pick the right face.
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                      boldItalic=BOLD_ITALIC)
        _registered = True
    return FAMILY
