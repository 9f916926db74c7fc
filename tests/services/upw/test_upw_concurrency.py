"""Two coordinators at once: the last place goes to exactly one; warrant serials stay gapless."""

from __future__ import annotations

import threading

from upw_ttg.domain.codes import WarrantMode
from upw_ttg.errors import UpwError
from upw_ttg.records.upw import WarrantInput
from upw_ttg.services.upw import PlacementRefused, build_upw_services


def _race(make_services, app, count, work):
    """Run ``work(services, i)`` in ``count`` threads, each with its own database connection,
    released together; returns the results and the errors."""
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count
    errors: list[UpwError | None] = [None] * count
    users = []
    for _ in range(count):
        services = make_services()
        services.ctx.actor = app.ctx.actor
        users.append(build_upw_services(services.ctx))

    def run(i):
        barrier.wait()
        try:
            results[i] = work(users[i], i)
        except UpwError as exc:
            errors[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results, errors


def test_two_coordinators_booking_the_last_place_exactly_one_succeeds(upw, app,
                                                                       make_services):
    sid = upw.session(capacity=3)
    upw.svc.placement.place(upw.man(), sid)
    upw.svc.placement.place(upw.man(), sid)
    contenders = [upw.man(), upw.man()]
    for _ in range(3):
        results, errors = _race(make_services, app, 2,
                                lambda svc, i: svc.placement.place(contenders[i], sid))
        assert sum(r is not None for r in results) == 1
        (error,) = [e for e in errors if e is not None]
        assert isinstance(error, PlacementRefused)
        assert {b.rule.value for b in error.breaches} == {"capacity"}
        assert upw.svc.sessions.get(sid).fill == "3/3"
        winner = next(r for r in results if r is not None)
        upw.svc.placement.remove(winner.id)


def test_many_issuers_at_once_get_unique_gapless_serials(upw, app, make_services):
    person = app.orders.get(upw.man()).person_id
    criteria = upw.svc.warrants.eligibility_criteria()
    york, hull = upw.offices["YRK"], upw.offices["HUL"]

    def issue(svc, i):
        return [svc.warrants.issue(WarrantInput(
            person, office_id=york if i % 2 else hull, valid_from=upw.MONDAY,
            valid_to=upw.MONDAY, travel_from="Selby", travel_to="York", mode=WarrantMode.BUS,
            fare_pence=450, eligibility=criteria[0], reason="Attend unpaid work")).serial
            for _ in range(5)]

    results, errors = _race(make_services, app, 4, issue)
    assert errors == [None] * 4
    register = upw.svc.warrants.register()
    by_office: dict[int, list[int]] = {}
    for w in register:
        by_office.setdefault(w.office_id, []).append(w.serial)
    assert sorted(by_office[york]) == list(range(1, 11))
    assert sorted(by_office[hull]) == list(range(1, 11))
    assert sorted(s for r in results for s in r) == sorted(list(range(1, 11)) * 2)
