"""Tests of the PySide6 presentation layer."""
