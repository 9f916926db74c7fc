"""Through the Gate screens: the caseload dashboard, the resettlement plan and the handover."""
