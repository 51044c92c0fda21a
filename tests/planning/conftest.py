"""Fixtures of the planning tests; each subject keeps its builders in its own module."""

from tests.planning.needs_world import carrier, carrier_b, need  # noqa: F401
