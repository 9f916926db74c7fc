"""Services: one unit of work per user action, plain data objects out."""
