"""Fixtures for Through the Gate: the TTG services on the shared app, a person in custody."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.ttg.ttg_support import make_episode, make_person, ttg_services


@pytest.fixture
def ttg(app) -> SimpleNamespace:
    return ttg_services(app)


@pytest.fixture
def episode_id(app) -> int:
    return make_episode(app, make_person(app))
