"""Every item model passes Qt's model tester; the people model fetches in batches."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from upw_ttg.domain.codes import Gender
from upw_ttg.records.people import PersonRow

from ui.models.custody_model import CustodyTableModel, DateChangesTableModel
from ui.models.orders_model import OrdersTableModel
from ui.models.people_model import PeopleSortProxy, PeopleTableModel
from ui.models.roles import RowRole, SortRole
from ui.models.settings_model import SettingsTableModel
from ui.models.staff_model import StaffTableModel


class FakePeople:
    """``count``/``list_page`` over made-up rows, recording every page asked for."""

    def __init__(self, total: int):
        self.rows = [PersonRow(n, f"X{n:06d}", f"Surname{n:04d}", "Alex",
                               dt.date(1980, 1, 1) + dt.timedelta(days=n), Gender.MALE, "York",
                               "York") for n in range(1, total + 1)]
        self.pages: list[tuple[int, int]] = []

    def count(self) -> int:
        return len(self.rows)

    def list_page(self, offset: int, limit: int) -> list[PersonRow]:
        self.pages.append((offset, limit))
        return self.rows[offset:offset + limit]


def test_people_model_fetches_in_batches_of_200(qtmodeltester):
    """Browsing loads 200 rows, then 200 more per fetchMore, and stops at the end."""
    source = FakePeople(450)
    model = PeopleTableModel(source)
    model.browse()
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())
    assert source.pages == [(0, 200), (200, 200), (400, 200)]
    qtmodeltester.check(model)


def test_people_model_search_results_do_not_fetch_more(qtmodeltester):
    """Search results are complete: no lazy fetching, total is the number of results."""
    source = FakePeople(300)
    model = PeopleTableModel(source)
    model.browse()
    model.show_results(source.rows[:3])
    assert model.rowCount() == 3
    assert not model.canFetchMore(QModelIndex())
    assert model.total == 3
    qtmodeltester.check(model)


def test_people_model_and_proxy_show_plain_text_and_sort_on_native_values(qtmodeltester):
    """Display is formatted; SortRole gives dates as dates; the proxy sorts by them."""
    source = FakePeople(5)
    model = PeopleTableModel(source)
    model.browse()
    index = model.index(0, PeopleTableModel.BIRTH)
    assert index.data() == "02/01/1980"
    assert index.data(SortRole) == dt.date(1980, 1, 2)
    assert model.index(0, PeopleTableModel.NAME).data() == "SURNAME0001, Alex"
    proxy = PeopleSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(PeopleTableModel.BIRTH, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data(RowRole).id == 5
    qtmodeltester.check(proxy)


def test_people_model_replaces_one_line_in_place(qtmodeltester):
    source = FakePeople(3)
    model = PeopleTableModel(source)
    model.browse()
    changed = PersonRow(2, "X000002", "Renamed", "Alex", dt.date(1980, 1, 3), Gender.MALE,
                        "Hull", "Hull")
    model.replace_person(changed)
    assert model.index(1, PeopleTableModel.NAME).data() == "RENAMED, Alex"
    qtmodeltester.check(model)


def test_orders_model(qtmodeltester, services, person):
    """Hours show as h:mm; numbers are right-aligned."""
    model = OrdersTableModel()
    model.set_rows(services.orders.for_person(person.id))
    assert model.index(0, 3).data() == "120:00"
    assert model.index(0, 6).data() == "120:00"
    assert model.index(0, 3).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    qtmodeltester.check(model)


def test_custody_models(qtmodeltester, services, person):
    episode = services.custody.for_person(person.id)[0]
    data = episode.to_input()
    data.conditional_release_date = episode.dates["conditional_release_date"] \
        + dt.timedelta(days=10)
    data.change_reason = "Recalculated by the prison"
    episode = services.custody.update(episode.id, data)
    model = CustodyTableModel()
    model.set_rows([episode])
    assert model.index(0, 4).data() == "Conditional release date"
    qtmodeltester.check(model)
    changes = DateChangesTableModel()
    changes.set_rows(episode.date_changes)
    assert changes.rowCount() == 1
    assert changes.index(0, 1).data() == "Conditional release (CRD)"
    assert changes.index(0, DateChangesTableModel.REASON).data() == "Recalculated by the prison"
    qtmodeltester.check(changes)


def test_settings_model_groups_by_category(qtmodeltester, services):
    """Category headings come first in each group and cannot be selected."""
    model = SettingsTableModel()
    settings = services.settings.list_settings()
    model.set_settings(settings)
    headings = model.heading_rows()
    assert headings[0] == 0
    assert model.rowCount() == len(settings) + len(headings)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert model.index(0, 0).data() == "Unpaid Work: orders"
    assert model.index(1, 0).data(RowRole).category == "Unpaid Work: orders"
    qtmodeltester.check(model)


def test_staff_model(qtmodeltester, services):
    model = StaffTableModel()
    model.set_rows(services.staff.list_staff())
    assert {model.index(r, 2).data() for r in range(model.rowCount())} == \
        {"Administrator + manager", "Coordinator"}
    qtmodeltester.check(model)


def test_a_row_model_over_pages_fetches_the_next_one_where_the_last_stopped(qtmodeltester):
    """A page counts the rows the service set aside to check as read, so none is read twice
    and none is skipped; a short page is the last."""
    from upw_ttg.domain.records_to_check import Listed, RecordToCheck

    from ui.models.table_model import Column, RowTableModel

    class Numbers(RowTableModel[int]):
        COLUMNS = (Column("Number", str, numeric=True),)

    numbers = list(range(450))
    asked: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int) -> Listed[int]:
        asked.append((offset, limit))
        page = numbers[offset:offset + limit]
        # The service sets every hundredth row aside: it is read, but not shown.
        return Listed([n for n in page if n % 100],
                      [RecordToCheck(str(n), "", "", "") for n in page if not n % 100])

    model = Numbers()
    model.set_pages(fetch, page_rows=200)
    assert model.rowCount() == 198 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    qtmodeltester.check(model)
    assert asked == [(0, 200), (200, 200), (400, 200)]
    assert model.rows() == [n for n in numbers if n % 100]
    assert model.is_complete()
    model.set_rows([1, 2])
    assert not model.canFetchMore() and model.rowCount() == 2
