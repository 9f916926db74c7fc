"""The figures' charts: one figure's 12-month trend as a line, and units compared as bars."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from upw_ttg.domain.figures import FigureKind
from upw_ttg.records.figures import FigureRow, Figures, Tally

LINE_COLOUR = QColor("#1f5f8b")
BAR_COLOUR = QColor("#4a8bbf")


def _value(tally: Tally, kind: FigureKind) -> float | None:
    if kind == FigureKind.MINUTES:
        return tally.count / 60
    return tally.percent


class FigureChart(QChartView):
    """A chart that redraws from a figure; empty until one is chosen."""

    def __init__(self, accessible_name: str):
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(180)
        self.show_figure(None, None)

    def setChart(self, chart: QChart) -> None:
        """Show ``chart`` and delete the one it replaces: Qt only releases the old chart (its
        own first one too), so every redraw would otherwise keep a chart alive."""
        previous = self.chart()
        super().setChart(chart)
        if previous is not None and previous is not chart:
            previous.deleteLater()

    def _new_chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        return chart

    def _value_axis(self, kind: FigureKind, top: float) -> QValueAxis:
        axis = QValueAxis()
        if kind == FigureKind.MINUTES:
            axis.setRange(0, max(1.0, top * 1.1))
            axis.setTitleText("Hours")
            axis.setLabelFormat("%.0f")
        else:
            axis.setRange(0, 100)
            axis.setTitleText("%")
            axis.setLabelFormat("%d")
        axis.setTickCount(6)
        return axis

    def show_figure(self, figures: Figures | None, row: FigureRow | None) -> None:
        raise NotImplementedError


class TrendChart(FigureChart):
    """Month by month, oldest first: a month with nothing to count leaves a gap."""

    def __init__(self) -> None:
        super().__init__("Trend over 12 months")

    def show_figure(self, figures: Figures | None, row: FigureRow | None) -> None:
        if figures is None or row is None:
            self.setChart(self._new_chart("Choose a figure"))
            return
        kind = row.definition.kind
        first, last = figures.months[0], figures.months[-1]
        chart = self._new_chart(f"{row.definition.label}: {first:%b %Y} to {last:%b %Y}")
        months = QBarCategoryAxis()
        # The year is in the title: "Dec 25" under every point was elided at laptop widths.
        months.append([f"{m:%b}" for m in figures.months])
        values = [_value(t, kind) for t in row.by_month]
        axis = self._value_axis(kind, max((v for v in values if v is not None), default=0))
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series = QLineSeries()
        pen = QPen(LINE_COLOUR)
        pen.setWidth(3)
        series.setPen(pen)
        series.setPointsVisible(True)
        chart.addSeries(series)
        series.attachAxis(months)
        series.attachAxis(axis)
        for index, value in enumerate(values):
            if value is None:
                if series.count():  # a gap: the line starts again after the empty month
                    series = self._continued(chart, series, months, axis)
                continue
            series.append(QPointF(index, value))
        self.setChart(chart)

    @staticmethod
    def _continued(chart: QChart, previous: QLineSeries, months: QBarCategoryAxis,
                   axis: QValueAxis) -> QLineSeries:
        series = QLineSeries()
        series.setPen(previous.pen())
        series.setPointsVisible(True)
        chart.addSeries(series)
        series.attachAxis(months)
        series.attachAxis(axis)
        return series


class UnitsChart(FigureChart):
    """Each unit's figure over the 12 months, side by side."""

    def __init__(self) -> None:
        super().__init__("Units compared")

    def show_figure(self, figures: Figures | None, row: FigureRow | None) -> None:
        if figures is None or row is None:
            self.setChart(self._new_chart("Choose a figure"))
            return
        kind = row.definition.kind
        chart = self._new_chart(f"{row.definition.label}: by {figures.unit_label.lower()}")
        bars = QBarSet(row.definition.label)
        bars.setColor(BAR_COLOUR)
        values = [_value(split.tally, kind) or 0.0 for split in row.by_unit]
        bars.append(values)
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([_short(split.name) for split in row.by_unit] or ["None"])
        axis = self._value_axis(kind, max(values, default=0))
        chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(axis)
        self.setChart(chart)


def _short(name: str) -> str:
    """A unit's name short enough to sit under its bar ("HMP Askham Grange" → "Askham
    Grange")."""
    return name.removeprefix("HMP ").replace(" and ", " & ")
