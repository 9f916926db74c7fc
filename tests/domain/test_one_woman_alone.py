"""Rule UPW-3: one question, asked by the planner, the session's warnings and every change."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upw_ttg.domain.placement import GROUP_TYPES, is_mixed_group, one_woman_alone

project_types = st.sampled_from(sorted(GROUP_TYPES | {"individual", "ete"}))


@pytest.mark.parametrize(("project_type", "female_only", "women", "alone"), [
    ("group", False, 1, True), ("induction", False, 1, True),
    ("group", False, 0, False), ("group", False, 2, False),
    ("group", True, 1, False),          # a female-only group: no men to be alone among
    ("individual", False, 1, False),    # no group at all
])
def test_exactly_one_woman_in_a_mixed_group(project_type, female_only, women, alone):
    assert one_woman_alone(project_type, female_only, women) is alone


@given(project_types, st.booleans(), st.integers(min_value=0, max_value=30))
def test_only_a_mixed_group_can_leave_a_woman_alone(project_type, female_only, women):
    if one_woman_alone(project_type, female_only, women):
        assert is_mixed_group(project_type, female_only) and women == 1
    assert is_mixed_group(project_type, female_only) == (
        project_type in GROUP_TYPES and not female_only)
