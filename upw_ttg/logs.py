"""Logging to a rotating file in the data folder; messages never carry personal data."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from upw_ttg.files import make_private_file, make_private_folder

LOG_FILE = "upw-ttg.log"


def _type_name(exc_type: type | None) -> str:
    if exc_type is None:
        return "Exception"
    return f"{exc_type.__module__}.{exc_type.__qualname__}"


class PrivacyFormatter(logging.Formatter):
    """Tracebacks keep their stack (code) but drop exception messages, which can hold data."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may already have cached the full traceback text on the record.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei) -> str:  # noqa: N802 - logging's own name
        exc_type, exc, tb = ei
        chain = traceback.TracebackException(exc_type, exc, tb, capture_locals=False)
        blocks: list[str] = []
        while chain is not None:
            blocks.insert(0, "Traceback (most recent call last):\n"
                          + "".join(chain.stack.format())
                          + f"{_type_name(chain.exc_type)}: (message withheld from the log)")
            chain = chain.__cause__ or chain.__context__
        return "\n\nwhich led to:\n".join(blocks)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file, the first and each new one after rotating, is
    owner-only: messages hold no personal data, but user names and record numbers may appear."""

    def _open(self):  # noqa: ANN202 - logging's own method
        make_private_file(self.baseFilename)
        return super()._open()


def configure_logging(logs_dir: Path, level: int = logging.INFO) -> Path:
    """Send the root logger to ``logs_dir/upw-ttg.log`` (1 MB x 5); returns the file's path."""
    make_private_folder(logs_dir)
    path = logs_dir / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_upw_ttg", False):
            root.removeHandler(handler)
            handler.close()
    handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                         encoding="utf-8")
    handler._upw_ttg = True  # type: ignore[attr-defined]
    handler.setFormatter(PrivacyFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
