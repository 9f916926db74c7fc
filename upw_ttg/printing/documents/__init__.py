"""Printed documents: each module is a pure ``build_<name>(dto) -> list[Flowable]``."""
