"""An exclusive lock beside a single-file store (a workbook, a SQLite file)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

from netgraph.errors import NetgraphError


@contextlib.contextmanager
def locked(path: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold an exclusive ``flock`` on a hidden ``.NAME.lock`` file beside ``path``."""
    lock = path.parent / f".{path.name}.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock (single user)
        yield
        return
    deadline = time.monotonic() + timeout
    with lock.open("a+b") as fh:
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise NetgraphError(f"{path} is locked by another writer") from None
                time.sleep(0.01)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
