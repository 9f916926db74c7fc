"""Offices and prisons as data: the administrator's edits and the contact documents print."""

from __future__ import annotations

import dataclasses

import pytest

from upw_ttg.domain.codes import AuditAction, Role
from upw_ttg.domain.organisation import OfficeInput, PrisonInput
from upw_ttg.errors import CapabilityDeniedError, StaleRecordError, ValidationError


def _input(office) -> OfficeInput:
    return OfficeInput(**{f.name: getattr(office, f.name)
                          for f in dataclasses.fields(OfficeInput)})


def test_every_seeded_office_has_an_organisation_phone_address_and_warrant_account(app):
    offices = app.organisation.offices()
    assert len(offices) == 12
    for office in offices:
        assert office.organisation == "The Probation Service"
        assert office.phone and office.phone.startswith("0300 047 ")
        assert office.address and office.postcode and office.email and office.opening_hours
        assert office.opening_hours_cy == "Dydd Llun i ddydd Gwener, 9yb i 5yp"
        assert office.warrant_account
    assert len({o.phone for o in offices}) == 12


def test_every_seeded_prison_has_an_address_and_phone(app):
    prisons = app.organisation.prisons()
    assert {p.code for p in prisons} == {"AGI", "HMI", "HLI", "LII", "NSI"}
    assert all(p.address and p.phone for p in prisons)


def test_an_administrator_edits_an_office_and_documents_print_the_new_details(app):
    york = next(o for o in app.organisation.offices() if o.code == "YRK")
    changed = dataclasses.replace(_input(york), phone=" 0300 047 9999 ",
                                  organisation="Probation Service Wales",
                                  warrant_account="TW-NEW-1")
    saved = app.organisation.update_office(york.id, changed, york.version)
    assert saved.phone == "0300 047 9999" and saved.version == york.version + 1
    contact = app.organisation.contact(york.id)
    assert contact.phone == "0300 047 9999"
    assert contact.organisation == "Probation Service Wales"
    assert contact.warrant_account == "TW-NEW-1"
    assert contact.address_lines[0] == york.address
    trail = app.audit.events_for("office", york.id)
    assert [e.action for e in trail] == [AuditAction.UPDATE]


def test_an_office_edit_names_each_field_that_cannot_be_saved(app):
    york = next(o for o in app.organisation.offices() if o.code == "YRK")
    broken = dataclasses.replace(_input(york), phone="call reception", organisation=" ",
                                 email="not an address", address=None)
    with pytest.raises(ValidationError) as caught:
        app.organisation.update_office(york.id, broken, york.version)
    assert set(caught.value.fields) == {"phone", "organisation", "email", "address"}


def test_an_office_edited_by_someone_else_since_it_was_opened_is_refused(app):
    york = next(o for o in app.organisation.offices() if o.code == "YRK")
    app.organisation.update_office(york.id, dataclasses.replace(_input(york), email=None),
                                   york.version)
    with pytest.raises(StaleRecordError):
        app.organisation.update_office(york.id, _input(york), york.version)


def test_prisons_are_added_and_edited_with_a_three_letter_code(app):
    added = app.organisation.add_prison(PrisonInput("wdi", "HMP Wakefield", "Love Lane",
                                                    "01924 612 000"))
    assert added.code == "WDI"
    assert "HMP Wakefield" in [p.name for p in app.custody.prisons()]
    moved = app.organisation.update_prison(
        added.id, PrisonInput("WDI", "HMP Wakefield", "5 Love Lane, Wakefield WF2 9AG",
                              "01924 612 001"), added.version)
    assert moved.address.startswith("5 Love Lane") and moved.version == added.version + 1
    with pytest.raises(ValidationError) as caught:
        app.organisation.add_prison(PrisonInput("LII", "Another", None, None))
    assert "HMP Lincoln" in caught.value.fields["code"]
    with pytest.raises(ValidationError) as caught:
        app.organisation.add_prison(PrisonInput("L1", "", None, "phone me"))
    assert set(caught.value.fields) == {"code", "name", "phone"}


def test_only_an_administrator_edits_offices_and_prisons(app, signed_in_as):
    coordinator = signed_in_as(Role.COORDINATOR)
    york = next(o for o in coordinator.organisation.offices() if o.code == "YRK")
    with pytest.raises(CapabilityDeniedError):
        coordinator.organisation.update_office(york.id, _input(york), york.version)
    with pytest.raises(CapabilityDeniedError):
        coordinator.organisation.add_prison(PrisonInput("WDI", "HMP Wakefield", None, None))
