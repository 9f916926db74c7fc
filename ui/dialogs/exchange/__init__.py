"""Dialogs that bring records in from the national systems and send them out."""
