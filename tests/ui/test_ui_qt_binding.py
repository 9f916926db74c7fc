"""The Qt binding itself: signals emitted from Python must not leak or drop references."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    text = Signal(str)


def test_emitting_signals_keeps_the_reference_count_of_true(qtbot):
    """PySide6 6.12.0 on Python 3.11 lost one reference to True per emit and then aborted."""
    emitter = _Emitter()
    received: list[object] = []
    emitter.plain.connect(lambda: received.append(None))
    emitter.text.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(2000):
        emitter.plain.emit()
        emitter.text.emit("x")
    assert len(received) == 4000
    assert abs(sys.getrefcount(True) - before) < 50
