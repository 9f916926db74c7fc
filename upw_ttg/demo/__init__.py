"""Seeded, realistic, made-up demo data for trying every screen and for load testing."""

from upw_ttg.demo.generator import (
    DEMO_PASSWORD, SCALES, DemoCancelled, DemoSummary, generate_demo, holds_people,
)

__all__ = ["DEMO_PASSWORD", "SCALES", "DemoCancelled", "DemoSummary", "generate_demo",
           "holds_people"]
