"""What the SQL stores share (SQLite, PostgreSQL): tables read and written through SQLAlchemy.

Each of the four tables is a database table of the same name. netgraph creates them
with one ``TEXT`` column per column (every value as the CSV format writes it, empty
as ``NULL``), so any column a user adds is kept; a warehouse's own tables may use
any column types (dates, integers, numerics are read as the text they stand for).
Problems name the table, the row (in the table's stored order) and the column.
Every write is one transaction: all of it lands, or none.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping

import pandas as pd

from netgraph.errors import NetgraphError
from netgraph.load import SCHEMAS, _Reader, check_frame, check_header
from netgraph.sources._base import TABLES, Source, content_hash, text_frame


class SqlStore(Source):
    """Base of the SQL stores: subclasses give the URL, the row order and the lock."""

    word = "table"
    first_line = 1
    order_by = ""
    """An expression giving a table's stored row order (``rowid``, ``ctid``)."""
    dialect_name = "database"

    def __init__(self) -> None:
        self._conn = None  # the connection of the transaction under way, if any

    # ------------------------------------------------------------- connections
    def url(self) -> str:
        """Return the SQLAlchemy URL."""
        raise NotImplementedError

    def _engine(self):
        import sqlalchemy as sa

        return sa.create_engine(self.url(), **self.engine_options())

    def engine_options(self) -> dict:
        """Keyword arguments of ``sqlalchemy.create_engine``."""
        return {}

    def unreachable(self, exc: Exception) -> NetgraphError:
        """Return the one clear error for a database that cannot be reached."""
        detail = str(getattr(exc, "orig", exc)).strip().splitlines()
        first = detail[0] if detail else type(exc).__name__
        return NetgraphError(f"cannot open the {self.dialect_name} {self.location}: {first}")

    @contextlib.contextmanager
    def connect(self, *, write: bool = False) -> Iterator:
        """Yield a connection (the transaction's own when one is under way)."""
        import sqlalchemy as sa

        if self._conn is not None:
            yield self._conn
            return
        engine = self._engine()
        try:
            try:
                conn = engine.connect()
            except (sa.exc.OperationalError, sa.exc.DatabaseError, sa.exc.InterfaceError) as exc:
                raise self.unreachable(exc) from None
            with conn:
                if write:
                    with conn.begin():
                        yield conn
                else:
                    yield conn
        finally:
            engine.dispose()

    def lock(self, conn) -> None:
        """Take the store's write lock inside the transaction (PostgreSQL: advisory)."""

    def table_names(self, conn) -> list[str]:
        """Return the names of the tables in the database."""
        import sqlalchemy as sa

        return sa.inspect(conn).get_table_names()

    # ----------------------------------------------------------------- reading
    def exists(self) -> bool:
        with self.connect() as conn:
            return bool(set(self.table_names(conn)) & set(TABLES))

    def _quote(self, conn, name: str) -> str:
        return conn.dialect.identifier_preparer.quote(name)

    def read_frames(self, reader: _Reader) -> dict[str, pd.DataFrame | None]:
        """Read each table's rows as strings, in the table's stored order."""
        import sqlalchemy as sa

        with self.connect() as conn:
            present = self.table_names(conn)
            frames: dict[str, pd.DataFrame | None] = {}
            for name, schema in SCHEMAS.items():
                if name not in present:
                    if schema.optional_file:
                        frames[name] = pd.DataFrame(columns=[*schema.required, "_line"])
                        continue
                    reader.add(
                        schema.file,
                        None,
                        None,
                        "",
                        f"a table named {name!r} in {self.location} (it has: "
                        f"{', '.join(sorted(present)) or 'no tables'})",
                    )
                    frames[name] = None
                    continue
                q = self._quote(conn, name)
                try:
                    result = conn.execute(sa.text(f"SELECT * FROM {q} ORDER BY {self.order_by}"))
                except sa.exc.DBAPIError as exc:
                    raise self.unreachable(exc) from None
                header = [str(k) for k in result.keys()]  # noqa: SIM118
                rows = result.fetchall()
                if not check_header(header, schema, reader, header_line=None):
                    frames[name] = None
                    continue
                frame = text_frame(header, rows, range(1, len(rows) + 1))
                frames[name] = check_frame(frame, schema, reader, header, header_line=None)
            return frames

    def fingerprint(self) -> str:
        """Return a hash of every table's rows (changes whenever any row changes)."""
        import sqlalchemy as sa

        def chunks(conn):
            present = set(self.table_names(conn))
            for name in TABLES:
                if name not in present:
                    yield f"{name}:absent;".encode()
                    continue
                q = self._quote(conn, name)
                yield from self.table_digest(conn, q, sa)

        with self.connect() as conn:
            return content_hash(chunks(conn))

    def table_digest(self, conn, quoted: str, sa) -> Iterator[bytes]:
        """Yield bytes standing for a table's content (every row, client side)."""
        result = conn.execute(sa.text(f"SELECT * FROM {quoted} ORDER BY {self.order_by}"))
        yield (quoted + ":" + ",".join(result.keys()) + ";").encode()
        for row in result:
            yield repr(tuple(row)).encode()

    # ----------------------------------------------------------------- writing
    def _create(self, conn, name: str, columns: list[str]) -> None:
        import sqlalchemy as sa

        meta = sa.MetaData()
        sa.Table(name, meta, *(sa.Column(c, sa.Text) for c in columns))
        meta.create_all(conn)

    @staticmethod
    def _records(frame: pd.DataFrame) -> list[dict]:
        cols = [str(c) for c in frame.columns]
        return (
            [
                {f"c{i}": (None if v == "" else v) for i, v in enumerate(row)}
                for row in frame[cols].astype(str).itertuples(index=False)
            ]
            if cols
            else []
        )

    def _insert(self, conn, name: str, columns: list[str], records: list[dict]) -> None:
        import sqlalchemy as sa

        if not records:
            return
        cols = ", ".join(self._quote(conn, c) for c in columns)
        marks = ", ".join(f":c{i}" for i in range(len(columns)))
        conn.execute(
            sa.text(f"INSERT INTO {self._quote(conn, name)} ({cols}) VALUES ({marks})"),
            records,
        )

    def write_tables(self, tables: Mapping[str, pd.DataFrame]) -> None:
        """Create the four tables and their rows in one transaction."""
        with self.connect(write=True) as conn:
            self.lock(conn)
            present = set(self.table_names(conn))
            clash = sorted(present & set(tables))
            if clash:
                raise NetgraphError(
                    f"{self.location} has tables {', '.join(clash)} already; netgraph never "
                    "replaces them (convert into an empty database)"
                )
            for name, frame in tables.items():
                columns = [str(c) for c in frame.columns]
                self._create(conn, name, columns)
                self._insert(conn, name, columns, self._records(frame))

    def commit(self, additions, updates=()) -> None:
        """Validate and write the changes in one transaction, under the store's lock."""
        with self.connect(write=True) as conn:
            self.lock(conn)
            self._conn = conn
            try:
                super().commit(additions, updates)
            finally:
                self._conn = None

    def apply(self, additions, updates, new_columns) -> None:
        """Add columns, update rows and insert rows inside the commit's transaction."""
        import sqlalchemy as sa

        conn = self._conn
        if conn is None:  # pragma: no cover - only called by commit
            raise NetgraphError("apply runs inside commit")
        present = set(self.table_names(conn))
        for name in TABLES:
            rows = list(additions.get(name, ()))
            edits = list(updates.get(name, ()))
            if not rows and not edits:
                continue
            q = self._quote(conn, name)
            if name not in present:
                self._create(conn, name, [c.name for c in SCHEMAS[name].columns])
            for col in new_columns.get(name, ()):
                conn.execute(sa.text(f"ALTER TABLE {q} ADD COLUMN {self._quote(conn, col)} TEXT"))
            for keys, values in edits:
                sets = ", ".join(f"{self._quote(conn, c)} = :v{i}" for i, c in enumerate(values))
                params = {f"v{i}": (None if v == "" else v) for i, v in enumerate(values.values())}
                where = " AND ".join(
                    f"TRIM({self._quote(conn, k)}) = :k{i}" for i, k in enumerate(keys)
                )
                params.update({f"k{i}": v for i, v in enumerate(keys.values())})
                conn.execute(sa.text(f"UPDATE {q} SET {sets} WHERE {where}"), params)
            columns = [c["name"] for c in sa.inspect(conn).get_columns(name)]
            records = [
                {f"c{i}": (row.get(c) or None) for i, c in enumerate(columns)} for row in rows
            ]
            self._insert(conn, name, columns, records)
