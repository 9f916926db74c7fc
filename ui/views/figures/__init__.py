"""The managers' figures screen."""
