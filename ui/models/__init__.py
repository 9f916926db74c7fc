"""Qt item models over plain row data objects."""
