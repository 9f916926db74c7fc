"""A native crash (segmentation fault) leaves the Python stack of every thread in the log file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_segmentation_fault_is_traced_into_the_log(tmp_path):
    script = textwrap.dedent(f"""
        import faulthandler, logging
        from pathlib import Path
        from upw_ttg.logs import configure_logging, trace_native_crashes
        configure_logging(Path({str(tmp_path)!r}))
        logging.getLogger("test").info("about to crash")
        assert trace_native_crashes()
        def printing_a_travel_warrant():
            faulthandler._sigsegv()
        printing_a_travel_warrant()
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0
    log = (tmp_path / "upw-ttg.log").read_text(encoding="utf-8")
    assert "about to crash" in log
    assert "Fatal Python error: Segmentation fault" in log
    assert "printing_a_travel_warrant" in log


def test_the_trace_follows_the_log_when_it_rotates(tmp_path):
    script = textwrap.dedent(f"""
        import faulthandler, logging
        from pathlib import Path
        from upw_ttg.logs import configure_logging, trace_native_crashes
        configure_logging(Path({str(tmp_path)!r}))
        assert trace_native_crashes()
        handler = [h for h in logging.getLogger().handlers if hasattr(h, "doRollover")][0]
        handler.doRollover()
        logging.getLogger("test").info("after rotating")
        faulthandler._sigsegv()
    """)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=60)
    log = (tmp_path / "upw-ttg.log").read_text(encoding="utf-8")
    assert "after rotating" in log and "Segmentation fault" in log
    assert "Segmentation fault" not in (tmp_path / "upw-ttg.log.1").read_text(encoding="utf-8")


def test_closing_the_log_stops_tracing_into_it(tmp_path):
    import faulthandler
    import logging

    from upw_ttg.logs import configure_logging, trace_native_crashes

    configure_logging(tmp_path)
    try:
        assert trace_native_crashes()
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "_upw_ttg", False):
                root.removeHandler(handler)
                handler.close()
    faulthandler.dump_traceback(all_threads=False)  # goes to stderr, not a closed file
    assert "Traceback" not in (tmp_path / "upw-ttg.log").read_text(encoding="utf-8")
