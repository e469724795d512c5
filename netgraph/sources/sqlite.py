"""A SQLite file (``.sqlite``, ``.db``): the embedded database for a growing personal log.

The four tables live in one file (see :mod:`netgraph.sources._sql` for the layout).
``log`` writes in one transaction under a lock beside the file, so a reader never
sees half a change.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pandas as pd

from netgraph.errors import NetgraphError
from netgraph.load import _Reader
from netgraph.sources._base import TABLES, content_hash
from netgraph.sources._filelock import locked
from netgraph.sources._sql import SqlStore

__all__ = ["SqliteStore"]


class SqliteStore(SqlStore):
    """A SQLite database file.

    Parameters
    ----------
    path
        The file; reading never creates it.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import netgraph as ng
    >>> db = Path(tempfile.mkdtemp()) / "network.sqlite"
    >>> _ = ng.save(ng.load(), db)
    >>> ng.load(db).people.equals(ng.load().people)
    True
    """

    kind = "sqlite"
    order_by = "rowid"
    dialect_name = "SQLite file"

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)

    @property
    def location(self) -> str:  # noqa: D102
        return str(self.path)

    def url(self) -> str:  # noqa: D102
        return f"sqlite:///{self.path}"

    def _check_file(self, *, create: bool) -> None:
        if self.path.is_dir():
            raise NetgraphError(f"{self.path} is a folder, not a SQLite file")
        if not self.path.exists() and not create:
            raise NetgraphError(f"no SQLite file {self.path} (nothing is there)")
        if self.path.exists() and self.path.stat().st_size:
            with self.path.open("rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise NetgraphError(
                        f"{self.path} is not a SQLite database (a .sqlite or .db file written "
                        "by SQLite; for CSV files give their folder)"
                    )

    def exists(self) -> bool:  # noqa: D102
        return self.path.exists() and self.path.stat().st_size > 0 and super().exists()

    def read_frames(self, reader: _Reader) -> dict[str, pd.DataFrame | None]:  # noqa: D102
        if self._conn is None:
            if not self.path.exists():
                where = str(self.path)
                reader.add(where, None, None, where, "a SQLite file (nothing is there)")
                return dict.fromkeys(TABLES)
            self._check_file(create=False)
        return super().read_frames(reader)

    def fingerprint(self) -> str:
        """Return a hash of the file's size, modification time and bytes."""
        st = self.path.stat()
        return content_hash([f"{st.st_size}:{st.st_mtime_ns};".encode(), self.path.read_bytes()])

    def write_tables(self, tables) -> None:  # noqa: D102
        self._check_file(create=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists()
        try:
            with locked(self.path):
                super().write_tables(tables)
        except BaseException:
            if new:
                with contextlib.suppress(OSError):
                    self.path.unlink()
            raise

    def commit(self, additions, updates=()) -> None:  # noqa: D102
        self._check_file(create=False)
        with locked(self.path):
            super().commit(additions, updates)
