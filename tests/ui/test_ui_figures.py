"""The figures screen: a manager's figures, a figure's trend and units beside their tables, the
cases behind a month, the printable summary and the export of a table."""

from __future__ import annotations

import datetime as dt

from upw_ttg.domain.figures import FigureGroup

from tests.narrowing import present
from tests.services.figures.figures_data import CaseSet
from tests.ui.conftest import open_main_window
from ui.tasks import finish_all_tasks

D = dt.date


def _settle(qtbot, condition) -> None:
    qtbot.waitUntil(condition, timeout=20_000)
    finish_all_tasks()


def test_a_manager_reads_the_figures_and_the_cases_behind_a_month(qtbot, services,
                                                                    ui_settings, tmp_path,
                                                                    monkeypatch):
    with services.db.write() as session:
        c = CaseSet(session)
        c.assessment(c.order(D(2026, 9, 1)), D(2026, 9, 3))
        c.assessment(c.order(D(2026, 9, 1)), D(2026, 9, 4), vulnerable=None)
    window = open_main_window(qtbot, services, ui_settings)
    window.nav.setCurrentRow([window.nav.item(r).text()
                              for r in range(window.nav.count())].index("Figures"))
    area = window.figures_area()
    _settle(qtbot, lambda: area.figures is not None)
    labels = [area.figure_rows.index(r, 0).data() for r in range(area.figure_rows.rowCount())]
    assert "Assessments with health, safety and vulnerability answered" in labels
    row = labels.index("Assessments with health, safety and vulnerability answered")
    area.table.selectRow(area._view_row(row))
    assert present(area.current).definition.key == "hs_answered"
    september = [area.months.index(r, 0).data() for r in range(area.months.rowCount())] \
        .index("Sep 2026")
    assert area.months.index(september, 1).data() == "1 of 2"
    assert area.months.index(september, 2).data() == "50.0%"
    assert area.trend.chart().series()
    assert area.units_chart.chart().series()
    area.show_cases(month=D(2026, 9, 1), what="September 2026")
    _settle(qtbot, lambda: area.cases.rowCount() == 2)
    assert [area.cases.index(r, 2).data() for r in range(2)] == ["Missed", "Met"]
    # Every table exports; the cases' file names the people listed in the access log.
    exporter = present(present(area.tabs.widget(3)).findChild(type(area.export)))
    monkeypatch.setattr(exporter, "ask_save", lambda suggested: tmp_path / "cases.csv")
    exporter.export()
    _settle(qtbot, lambda: (tmp_path / "cases.csv").exists())
    assert "Case" in (tmp_path / "cases.csv").read_text(encoding="utf-8")
    area.group.setCurrentIndex(1)
    _settle(qtbot, lambda: present(area.figures).group == FigureGroup.TTG)
    assert area.tabs.tabText(1) == "By pr&ison"


def test_the_summary_prints_in_welsh_from_the_print_menu(qtbot, services, ui_settings):
    import io

    from pypdf import PdfReader

    window = open_main_window(qtbot, services, ui_settings)
    window.nav.setCurrentRow([window.nav.item(r).text()
                              for r in range(window.nav.count())].index("Figures"))
    area = window.figures_area()
    _settle(qtbot, lambda: area.figures is not None)
    actions = area.print_button.menu().actions()
    assert [a.text() for a in actions] == ["In English", "Yn Gymraeg (in Welsh)"]
    actions[1].trigger()
    _settle(qtbot, lambda: getattr(area, "preview", None) is not None)
    text = " ".join(PdfReader(io.BytesIO(area.preview._pdf)).pages[0].extract_text().split())
    assert "Ffigurau Gwaith Di-dâl" in text
    assert "Y gwasanaeth cyfan: y 12 mis " in text and "Tudalen 1 o 1" in text
    assert "Whole service" not in text
    area.preview.close()
