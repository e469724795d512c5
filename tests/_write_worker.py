"""A writer for the concurrency tests, in a module of its own.

A spawned process imports its target by module name; this module imports no
``conftest`` (whose name the project root's conftest.py shares), so the child finds it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from netgraph.record import record_interview


def write_many(folder: Path, who: str, n: int) -> None:
    """Log ``n`` interviews as writer ``who``."""
    # who is t0..t3 or p0..p2: a day of its own per writer and row (the same seeker,
    # contact and day twice would be one interview recorded twice, refused)
    first = pd.Timestamp("2025-03-01") + pd.Timedelta(days=10 * int(who[1:]))
    for k in range(n):
        record_interview(
            folder,
            seeker="s1",
            contact="a1",
            date=first + pd.Timedelta(days=k),
            notes=f"{who}-{k}",
            status="requested",
        )
