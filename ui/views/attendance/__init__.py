"""The Attendance area: registers, outcomes, the ledger, enforcement, forecast and printing."""
