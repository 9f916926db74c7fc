"""The figures' charts: a redraw replaces the chart on screen and deletes the one before."""

from __future__ import annotations

import datetime as dt

import pytest
import shiboken6
from PySide6.QtCharts import QChart
from PySide6.QtCore import QCoreApplication, QEvent

from upw_ttg.domain.figures import DEFINITIONS
from upw_ttg.records.figures import FigureRow, Figures, FigureSplit, Tally

from ui.views.figures.charts import TrendChart, UnitsChart

MONTHS = (dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1))


def _figures() -> tuple[Figures, FigureRow]:
    definition = DEFINITIONS[0]
    row = FigureRow(definition, Tally(5, 8), (Tally(1, 2), Tally(), Tally(4, 6)),
                    (FigureSplit(1, "York", Tally(3, 4)), FigureSplit(2, "Leeds", Tally(2, 4))),
                    ())
    return Figures(definition.group, dt.date(2026, 11, 26), MONTHS,
                   "Delivery unit", "Whole service", (row,)), row


def _delete_released() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("kind", [TrendChart, UnitsChart])
def test_redrawing_leaves_one_chart_alive(qtbot, kind: type[TrendChart | UnitsChart]):
    view = kind()
    qtbot.addWidget(view)
    figures, row = _figures()
    shown = [view.chart()]
    for redraw in range(6):
        if redraw % 3 == 2:
            view.show_figure(None, None)
        else:
            view.show_figure(figures, row)
        shown.append(view.chart())
    _delete_released()
    assert [shiboken6.isValid(chart) for chart in shown] == [False] * 6 + [True]
    charts = [item for item in view.scene().items() if isinstance(item, QChart)]
    assert charts == [view.chart()]
