"""Measured performance of upw-ttg: search, records, start-up, demo generation."""
