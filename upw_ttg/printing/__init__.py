"""Printing: one document template, one style sheet, documents as pure functions."""
