"""Unpaid Work scheduling dialogs: assessment, sessions, placing, projects, warrants."""
