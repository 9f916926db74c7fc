"""Domain rules, code lists and plain data objects; no storage, no Qt."""
