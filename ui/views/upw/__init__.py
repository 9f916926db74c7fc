"""Unpaid Work scheduling screens: planner, waiting list, projects, warrants."""
