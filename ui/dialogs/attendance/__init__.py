"""Dialogs of the Attendance area: decisions, actions, evidence and adjustments."""
