"""Headless administration command line."""
