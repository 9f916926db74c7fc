"""Auto-fill tells the people it books (rule UPW-TEXTS): one booking text per number per day,
for the earliest place, in their language, with the same exclusions as any booking."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from upw_ttg.domain.codes import Language
from upw_ttg.domain.texts import MessageKind
from upw_ttg.storage.models import Person, UpwOrder

from tests.services.attendance.attendance_data import set_setting


def test_applying_auto_fill_queues_a_booking_text_for_each_person_it_books(upw):
    app = upw.app
    set_setting(app, "texts.template_booked", "tmpl-bk")
    set_setting(app, "texts.template_booked_cy", "tmpl-bk-cy")
    for day in range(5):  # a session each weekday
        upw.session(upw.MONDAY.replace(day=30) if day == 0 else
                    upw.MONDAY.replace(month=12, day=day), capacity=8)
    # On intensive working: two sessions in the week, one text.
    rhys = upw.man(person={"phone": "07700 900201"}, intensive_extra_hours=7)
    cerys = upw.man(person={"phone": "07700900202", "preferred_language": Language.WELSH})
    upw.man(person={"phone": "01904 000000"})  # a landline: no text
    opted = upw.man(person={"phone": "07700900203"})
    dewi = upw.man(person={"phone": "07700900204"})
    with app.db.write() as s:
        person_of = {o: s.get(UpwOrder, o).person_id for o in (opted,)}
        s.execute(update(Person).where(Person.id == person_of[opted])
                  .values(texts_opted_out=True))
    proposal = upw.svc.autofill.propose(upw.MONDAY, upw.unit)
    booked = {p.order_id for p in proposal.placements}
    assert {rhys, cerys, opted, dewi} <= booked
    first_of: dict[int, dt.date] = {}
    for p in sorted(proposal.placements, key=lambda p: (p.session_date, p.start_time)):
        first_of.setdefault(p.order_id, p.session_date)
    result = upw.svc.autofill.apply(proposal)
    assert [p.order_id for p in proposal.placements].count(rhys) == 2
    assert result.created == len(proposal.placements) == 6
    texts = {m.phone: m for m in app.upw.texts.messages()}
    assert set(texts) == {"07700900201", "07700900202", "07700900204"}
    assert all(m.kind == MessageKind.BOOKED for m in texts.values())
    assert texts["07700900201"].session_date == first_of[rhys]
    assert (texts["07700900202"].template_id, texts["07700900202"].welsh) == ("tmpl-bk-cy", True)
    assert texts["07700900201"].template_id == "tmpl-bk"
    # Applied again: nothing is booked, nothing texted twice.
    assert upw.svc.autofill.apply(proposal).created == 0
    assert len(app.upw.texts.messages()) == 3


def test_no_booking_template_no_texts_from_auto_fill(upw):
    upw.session(capacity=4)
    upw.man(person={"phone": "07700900301"})
    upw.svc.autofill.apply(upw.svc.autofill.propose(upw.MONDAY, upw.unit))
    assert upw.app.upw.texts.messages() == []
