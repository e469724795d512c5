"""Settings for the whole test run (the tests in ``tests/`` and the doctests in ``netgraph/``).

The snapshot cache (:mod:`netgraph.cache`) stays on, so every test also exercises it,
but in a temporary folder: the suite never writes into the user's real cache directory.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_CACHE_DIR = tempfile.mkdtemp(prefix="netgraph-test-cache-")


def pytest_configure(config) -> None:
    """Point ``NETGRAPH_CACHE_DIR`` at a folder of this run (inherited by subprocesses)."""
    os.environ["NETGRAPH_CACHE_DIR"] = _CACHE_DIR
    os.environ.pop("NETGRAPH_CACHE", None)


def pytest_unconfigure(config) -> None:
    """Remove the run's cache folder."""
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)
