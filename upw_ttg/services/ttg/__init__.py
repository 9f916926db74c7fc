"""Through the Gate services: deadlines, plans, referrals, handover, events and the dashboard."""
