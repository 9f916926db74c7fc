"""Every Through the Gate table model passes Qt's model tester and says what matters in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from upw_ttg.domain.codes import (
    ContactMethod,
    CustodyEventKind,
    DiversityCategory,
    ReferralStatus,
    ReleaseDateType,
)
from upw_ttg.domain.resettlement import DEADLINE_LABELS, DeadlineKind, DeadlineMove
from upw_ttg.records.ttg import (
    ActionRecord,
    CaseloadRow,
    ConsentRow,
    ContactRow,
    CustodyEventRow,
    DiversityNeedRow,
    ProgressRow,
    ReferralRecord,
    StrengthRow,
    WorkerCount,
)

from ui.models.roles import RowRole, SortRole
from ui.models.table_model import RowSortProxy, RowTableModel
from ui.models.ttg.caseload_model import CaseloadTableModel, WorkerCountsTableModel
from ui.models.ttg.plan_models import (
    ActionsTableModel,
    ConsentsTableModel,
    ContactsTableModel,
    CustodyEventsTableModel,
    DeadlineMovesTableModel,
    DiversityTableModel,
    ProgressTableModel,
    ReferralsTableModel,
    StrengthsTableModel,
)

DAY = dt.date(2026, 11, 26)


def caseload_row(n: int, release: dt.date | None = DAY, kind=ReleaseDateType.CRD) -> CaseloadRow:
    return CaseloadRow(n, 100 + n, None, f"Person{n} Surname{n}", f"X{n:06d}", "A1234BC", "HMI",
                       None, None, release, kind if release else None, DAY + dt.timedelta(n),
                       f"Plan not started; due {n} Dec 2026.", 1)


def referral(overdue: bool) -> ReferralRecord:
    return ReferralRecord(1, 1, "accommodation", "Accommodation", "Shelter", DAY,
                          ReferralStatus.SENT, DAY, None, None, None, overdue, 1)


def contact(needs_chase: bool) -> ContactRow:
    return ContactRow(1, DAY, ContactMethod.EMAIL, "Plan sent", None, DAY + dt.timedelta(7),
                      needs_chase, "Ada Admin")


def test_caseload_model_names_its_date_column_for_the_list_shown(qtmodeltester, qtbot):
    model = CaseloadTableModel()
    model.set_rows([caseload_row(1), caseload_row(2, None)])
    qtmodeltester.check(model)
    assert model.index(0, model.RELEASE).data() == "26/11/2026 CRD"
    assert model.index(1, model.RELEASE).data() == "Not known"
    assert model.index(0, model.RELEASE).data(Qt.ItemDataRole.ToolTipRole) == \
        "Conditional release date"
    assert model.index(0, model.WORKER).data() == "Not assigned"
    with qtbot.waitSignal(model.headerDataChanged):
        model.set_date_header("Chase by")
    assert model.headerData(model.DATE, Qt.Orientation.Horizontal) == "Chase by"
    proxy = RowSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(model.DATE, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data(RowRole).episode_id == 2
    qtmodeltester.check(proxy)


def test_worker_counts_model(qtmodeltester):
    model = WorkerCountsTableModel()
    model.set_rows([WorkerCount(1, "Wyn Worker", 3), WorkerCount(None, "Not assigned", 2)])
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "3"
    assert model.index(0, 1).data(SortRole) == 3


def test_plan_models_pass_the_model_tester(qtmodeltester):
    action = ActionRecord(1, 2, "accommodation", "Refer to Shelter", "Worker", DAY, None, True, 1)
    filled: dict[RowTableModel[Any], list[Any]] = {
        ActionsTableModel(): [action],
        ProgressTableModel(): [ProgressRow(1, DAY, "Assessment booked", "Ada Admin")],
        StrengthsTableModel(): [StrengthRow(1, "protective_factor", "Sister visits")],
        DiversityTableModel(): [DiversityNeedRow(1, DiversityCategory.WELSH, "Prefers Welsh",
                                                 "Plan in Welsh")],
        ConsentsTableModel(): [ConsentRow(1, "Shelter", False, DAY)],
        CustodyEventsTableModel(): [CustodyEventRow(1, CustodyEventKind.TRANSFER, DAY,
                                                    "HMP Hull", "HMP Humber", "Nearer home",
                                                    "Ada Admin")],
        DeadlineMovesTableModel(): [DeadlineMove(
            DeadlineKind.PRE_RELEASE_REVIEW, DEADLINE_LABELS[DeadlineKind.PRE_RELEASE_REVIEW],
            DAY, DAY + dt.timedelta(28), dt.datetime(2026, 11, 20, 9), "Ada Admin",
            "Recalculated", ("conditional_release_date",))],
    }
    for model, rows in filled.items():
        model.set_rows(rows)
        qtmodeltester.check(model)
    actions, _progress, strengths, diversity, consents, events, moves = filled
    assert [actions.index(0, c).data() for c in range(5)] == \
        ["Refer to Shelter", "Worker", "26/11/2026", "Not yet", "Yes"]
    assert strengths.index(0, 0).data() == "Protective factor"
    assert diversity.index(0, 0).data() == "Welsh language"
    assert consents.index(0, 1).data() == "No, refused"
    assert events.index(0, 1).data() == "Transfer"
    assert moves.index(0, 4).data() == "28 days later (4 weeks)"


def test_an_overdue_referral_and_a_contact_to_chase_say_so_and_stand_out(qtmodeltester):
    referrals = ReferralsTableModel()
    referrals.set_rows([referral(True), referral(False)])
    qtmodeltester.check(referrals)
    assert referrals.index(0, 4).data() == "Overdue"
    assert referrals.index(1, 4).data() == "Waiting"
    assert referrals.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert referrals.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    contacts = ContactsTableModel()
    contacts.set_rows([contact(True), contact(False)])
    qtmodeltester.check(contacts)
    assert contacts.index(0, 4).data() == "Chase now"
    assert contacts.index(1, 4).data() == "After 03/12/2026"
    assert contacts.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert contacts.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
