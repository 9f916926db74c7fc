"""Logging to a rotating file in the data folder; messages never carry personal data."""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import logging.handlers
import sys
import traceback
from io import TextIOWrapper
from pathlib import Path
from types import TracebackType

from upw_ttg.files import make_private_file, make_private_folder

LOG_FILE = "upw-ttg.log"
# What logging hands a formatter: the exception in flight, or three Nones when there is none.
_ExcInfo = (tuple[type[BaseException], BaseException, TracebackType | None]
            | tuple[None, None, None])


def _type_name(exc_type: type | None) -> str:
    if exc_type is None:
        return "Exception"
    return f"{exc_type.__module__}.{exc_type.__qualname__}"


def _block(stack: str, exc_type: type | None) -> str:
    """One exception's part of a trace: its frames and its type, never its message."""
    return ("Traceback (most recent call last):\n" + stack
            + f"{_type_name(exc_type)}: (message withheld from the log)")


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

    def formatException(self, ei: _ExcInfo) -> str:
        exc_type, exc, tb = ei
        if exc_type is None or exc is None:
            # exc_info=True with no exception being handled: a trace with no frames.
            return _block("", None)
        chain: traceback.TracebackException | None = traceback.TracebackException(
            exc_type, exc, tb, capture_locals=False)
        blocks: list[str] = []
        while chain is not None:
            blocks.insert(0, _block("".join(chain.stack.format()), chain.exc_type))
            chain = chain.__cause__ or chain.__context__
        return "\n\nwhich led to:\n".join(blocks)


class _LogFileHandler(logging.handlers.RotatingFileHandler):
    """The rotating log file, owner-only (messages hold no personal data, but user names and
    record numbers may appear); a native crash trace, once enabled, follows it when it rotates."""

    _upw_ttg = True
    tracing = False  # True while faulthandler writes into this handler's file

    def _open(self) -> TextIOWrapper:
        make_private_file(self.baseFilename)
        return super()._open()

    def doRollover(self) -> None:
        super().doRollover()
        if self.tracing and self.stream is not None:
            faulthandler.enable(self.stream, all_threads=True)

    def close(self) -> None:
        if self.tracing:
            # Never leave the trace writing to a closed (and perhaps reused) file descriptor.
            self.tracing = False
            _trace_to_stderr()
        super().close()


def _trace_to_stderr() -> None:
    faulthandler.disable()
    stderr = sys.__stderr__
    if stderr is not None:
        # No usable stderr (a windowed build): no trace rather than a failure.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            faulthandler.enable(stderr, all_threads=True)


def _log_file_handler() -> _LogFileHandler | None:
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _LogFileHandler):
            return handler
    return None


def trace_native_crashes() -> bool:
    """Write the Python stack of every thread to the log file if the process dies natively.

    A segmentation fault or an abort in Qt or a driver never reaches Python's exception hooks;
    ``faulthandler`` still records which code was running (stack frames only, no data).

    Returns:
        True if the trace goes to the log file (``configure_logging`` must have run).
    """
    handler = _log_file_handler()
    if handler is None or handler.stream is None:
        return False
    handler.flush()
    faulthandler.enable(handler.stream, all_threads=True)
    handler.tracing = True
    return True


def configure_logging(logs_dir: Path, level: int = logging.INFO) -> Path:
    """Send the root logger to ``logs_dir/upw-ttg.log`` (1 MB x 5); returns the file's path."""
    make_private_folder(logs_dir)
    path = logs_dir / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _LogFileHandler):
            root.removeHandler(handler)
            handler.close()
    handler = _LogFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(PrivacyFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
