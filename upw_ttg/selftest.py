"""``--self-test``: migrate a new database, write and read every main record, render a PDF."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from upw_ttg.bootstrap import open_app
from upw_ttg.domain.codes import Gender, Role
from upw_ttg.paths import DATABASE_FILE, AppLocation, sqlite_url
from upw_ttg.records.custody import CustodyInput
from upw_ttg.records.orders import OrderInput
from upw_ttg.records.people import PersonInput
from upw_ttg.records.staff import NewStaff
from upw_ttg.storage.backup import check_database


def run_self_test(report: Callable[[str], None] = print, *,
                  database_url: str | None = None) -> bool:
    """Run every step, reporting each; True when all passed."""
    with tempfile.TemporaryDirectory(prefix="upw-ttg-self-test-") as folder:
        # Always a new file in the temporary folder, never the database in use.
        location = AppLocation(Path(folder),
                               database_url or sqlite_url(Path(folder) / DATABASE_FILE))
        steps: list[tuple[str, Callable[[], object]]] = []
        state: dict[str, Any] = {}

        def migrate() -> None:
            state["app"] = open_app(location)

        def write_records() -> None:
            app = state["app"]
            admin = app.staff.create_first_administrator(NewStaff(
                "selftest", "Self Test", Role.ADMINISTRATOR, Gender.NOT_STATED, "self-test-pass"))
            # Administration alone reads no casework: the self-test gives itself every role.
            app.roles.set_roles(admin.id, Role.ADMINISTRATOR, frozenset(Role), admin.version)
            person = app.people.create(PersonInput(
                crn="Z999999", forename="Gwenllïan", surname="Ŵyn-Llŷr",
                date_of_birth=dt.date(1990, 5, 17), gender=Gender.FEMALE, town="Hull",
                postcode="HU1 3DX"))
            app.orders.create(OrderInput(person_id=person.id, court="Hull Magistrates' Court",
                                         sentence_date=app.ctx.today() - dt.timedelta(days=30),
                                         hours_ordered=120))
            prison = app.custody.prisons()[0]
            app.custody.create(CustodyInput(
                person_id=person.id, prison_id=prison.id, prison_number="Z9999ZZ",
                reception_date=app.ctx.today() - dt.timedelta(days=60),
                conditional_release_date=app.ctx.today() + dt.timedelta(days=90)))
            state["person_id"] = person.id

        def read_back() -> None:
            app = state["app"]
            person = app.people.get(state["person_id"])
            assert person.surname == "Ŵyn-Llŷr", "the person did not read back"
            assert app.orders.for_person(person.id)[0].hours_ordered == 120
            assert app.custody.for_person(person.id)[0].expected_release_date is not None
            assert app.people.search("Ŵyn")[0].id == person.id, "search did not find the person"

        def render() -> None:
            app = state["app"]
            pdf = app.case_summary.render(state["person_id"])
            assert pdf.startswith(b"%PDF"), "the case summary is not a PDF"
            assert b"FontFile2" in pdf, "the embedded font is missing"

        def integrity() -> None:
            result = check_database(state["app"].db)
            assert result.ok, result.describe()

        steps = [("migrate a new database", migrate), ("write records", write_records),
                 ("read them back", read_back), ("render a PDF", render),
                 ("check integrity", integrity)]
        passed = True
        try:
            for name, step in steps:
                try:
                    step()
                except Exception as exc:
                    report(f"FAIL  {name}: {exc or type(exc).__name__}")
                    passed = False
                    break
                report(f"ok    {name}")
        finally:
            app = state.get("app")
            if app is not None:
                app.close()
        report("self-test passed" if passed else "self-test FAILED")
        return passed
