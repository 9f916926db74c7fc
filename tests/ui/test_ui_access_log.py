"""The person record's "who has looked" view (managers) and subject access export (admin)."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QFileDialog

from upw_ttg.domain.codes import Role

from tests.ui.conftest import add_staff_member
from ui.changes import change_bus
from ui.dialogs.access_log_dialog import AccessLogDialog
from ui.views import person_page as person_page_module
from ui.views.person_page import PersonPage


def _page(qtbot, services, ui_settings, person) -> PersonPage:
    page = PersonPage(services, ui_settings)
    qtbot.addWidget(page)
    page.load(person.id)
    return page


def test_the_buttons_follow_the_role(qtbot, services, ui_settings, person, fast_hash):
    admin = services.ctx.actor
    page = _page(qtbot, services, ui_settings, person)
    assert not page.looked_button.isHidden() and not page.export_button.isHidden()
    services.ctx.actor = add_staff_member(services, "mgr", Role.MANAGER, fast_hash)
    page = _page(qtbot, services, ui_settings, person)
    assert not page.looked_button.isHidden() and page.export_button.isHidden()
    services.ctx.actor = add_staff_member(services, "cw", Role.COORDINATOR, fast_hash)
    page = _page(qtbot, services, ui_settings, person)
    assert page.looked_button.isHidden() and page.export_button.isHidden()
    services.ctx.actor = admin


def test_who_has_looked_lists_openings_and_prints_newest_first(qtbot, services, person,
                                                              fast_hash):
    services.ctx.actor = add_staff_member(services, "cw", Role.COORDINATOR, fast_hash,
                                          "Cai Cydlynydd")
    services.case_summary.summary(person.id)
    services.case_summary.render(person.id)
    services.ctx.actor = add_staff_member(services, "mgr", Role.MANAGER, fast_hash)
    dialog = AccessLogDialog(services.access_log, person.id, person.display_name)
    qtbot.addWidget(dialog)
    model = dialog.model
    shown = [[model.index(r, c).data() for c in range(1, model.columnCount())]
             for r in range(model.rowCount())]
    assert shown == [["Cai Cydlynydd", "Printed", "Case summary", "the case file"],
                     ["Cai Cydlynydd", "Opened", "Case summary", ""]]
    assert "2 entries" in dialog.summary.text()


def test_the_administrator_exports_from_the_record(qtbot, services, ui_settings, person,
                                                   tmp_path, monkeypatch, wait_for_tasks):
    out = tmp_path / "sar"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(out))
    page = _page(qtbot, services, ui_settings, person)
    wait_for_tasks()

    def at_once(work, done, failed, *_args, **_kwargs):
        # The export's own work, without the worker thread: run on a pool thread under the
        # offscreen test platform it crashed the test process now and then (cause not yet
        # found), so the page's flow is tested here and the threading elsewhere.
        try:
            result = work()
        except Exception as exc:
            failed(exc)
        else:
            done(result)

    monkeypatch.setattr(person_page_module, "run_in_background", at_once)
    with qtbot.waitSignal(change_bus().announced, timeout=20000) as notice:
        page.export_subject_access()
    assert "Subject access export saved" in notice.args[0]
    (json_file,) = out.glob("*.json")
    assert json.loads(json_file.read_text(encoding="utf-8"))["tables"]["upw_order"]
    assert len(list(out.glob("*.pdf"))) == 1


def test_the_export_menu_offers_the_persons_language_english_and_welsh(
        qtbot, services, ui_settings, person, tmp_path, monkeypatch, wait_for_tasks):
    """The export is the person's to read: their own language first, or a choice; the
    choice reaches the PDF."""
    from tests.pdf_support import pdf_text

    page = _page(qtbot, services, ui_settings, person)
    wait_for_tasks()
    actions = page.export_button.menu().actions()
    assert [a.text() for a in actions] == ["In the person's own language", "In English",
                                           "Yn Gymraeg (in Welsh)"]
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(tmp_path))
    monkeypatch.setattr(person_page_module, "run_in_background",
                        lambda work, done, *_a, **_k: asked.append(work()))
    actions[2].trigger()
    (pdf,) = tmp_path.glob("*.pdf")
    text = pdf_text(pdf.read_bytes())
    assert "Allforio ar gyfer cais gwrthrych am wybodaeth" in text
    assert "Subject access export" not in text
