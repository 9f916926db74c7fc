"""Data exchange with the national systems: imports of extracts and exports for the record."""
