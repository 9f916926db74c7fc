"""Seeded, realistic, made-up demo data for trying every screen and for load testing."""

from upw_ttg.demo.generator import (
    DEMO_DATA,
    DEMO_PASSWORD,
    NEW_DATABASE,
    REAL_DATA,
    SCALES,
    DemoRefusedError,
    DemoSummary,
    demo_state,
    generate_demo,
)

__all__ = ["DEMO_DATA", "DEMO_PASSWORD", "NEW_DATABASE", "REAL_DATA", "SCALES",
           "DemoRefusedError", "DemoSummary", "demo_state", "generate_demo"]
