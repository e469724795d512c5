"""What every store does: read its tables as text, validate them, write changes whole."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

import numpy as np
import pandas as pd

from netgraph.errors import DataError, NetgraphError


def _tables() -> tuple[str, ...]:
    from netgraph.load import SCHEMAS

    return tuple(SCHEMAS)


TABLES = _tables()
"""The tables every store holds: people, ties, interviews, referrals, touches."""

Additions = Mapping[str, Sequence[Mapping[str, str]]]
"""New rows per table, every value as text (``""`` for empty)."""
Updates = Mapping[str, Sequence[tuple[Mapping[str, str], Mapping[str, str]]]]
"""Changed rows per table: ``({key column: value}, {column: new text})``; the keys must
pick exactly one row."""


def cell_text(value: object) -> str:
    """Return a cell from a workbook or a database as the text a CSV file would hold.

    Whole numbers lose a spreadsheet's ``.0`` (``2020.0`` -> ``2020``), dates become
    ``YYYY-MM-DD`` (with the time only when there is one), empty cells ``""``.

    Examples
    --------
    >>> import datetime
    >>> cell_text(2020.0), cell_text(None), cell_text(datetime.datetime(2025, 3, 14))
    ('2020', '', '2025-03-14')
    >>> cell_text(0.25), cell_text(True)
    ('0.25', 'true')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return f"{value:%Y-%m-%d}"
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return ""
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def text_frame(header: list[str], rows: Iterable[Sequence[object]], lines: Iterable[int]):
    """Build a table of strings with a ``_line`` column from raw cells (any type).

    Empty column names become ``Unnamed: N`` as pandas names them, so every source
    reports them the same way (see :func:`netgraph.load.check_frame`).
    """
    names = [
        str(h).strip() if h is not None and str(h).strip() else f"Unnamed: {i}"
        for i, h in enumerate(header)
    ]
    width = len(names)
    data = [[cell_text(v) for v in list(r)[:width]] + [""] * (width - len(r)) for r in rows]
    frame = (
        pd.DataFrame(data, columns=names, dtype=object)
        if data
        else pd.DataFrame({n: pd.Series(dtype=object) for n in names})
    )
    frame = frame.astype(str) if len(frame) else frame
    frame["_line"] = np.asarray(list(lines), dtype=int)
    return frame


class Source:
    """A place a network's four tables are kept: a folder, a workbook, a database.

    Subclasses read each table as text (:meth:`read_frames`) and write changes
    (:meth:`write_tables`, :meth:`apply`); reading, validating and the checks before a
    write are shared here, so every store reports problems the same way.
    """

    kind: ClassVar[str] = ""
    word: ClassVar[str] = "table"
    """What one table is called in problems: ``sheet`` or ``table``."""

    @property
    def location(self) -> str:
        """The path or URL, as shown to the user (a password is never shown)."""
        raise NotImplementedError

    def label(self, table: str) -> str:
        """Return what ``table`` is called in problems (``sheet people``)."""
        return f"{self.word} {table}"

    def reader(self):
        """Return a problem collector that names this source's sheets or tables."""
        from netgraph.load import SCHEMAS, _Reader

        return _Reader(labels={s.file: self.label(n) for n, s in SCHEMAS.items()})

    def exists(self) -> bool:
        """Whether the store is there already (a ``convert`` never writes over one)."""
        raise NotImplementedError

    def read_frames(self, reader) -> dict[str, pd.DataFrame | None]:
        """Return each table as strings (see :func:`netgraph.load.check_frame`)."""
        raise NotImplementedError

    def read_tables(self) -> dict[str, pd.DataFrame]:
        """Read and validate the four tables (see :func:`netgraph.load.read_tables`)."""
        from netgraph.load import validate_frames

        reader = self.reader()
        frames = self.read_frames(reader)
        return validate_frames(frames, reader)

    def fingerprint(self) -> str:
        """Return a short text that changes whenever the stored tables change.

        For files: name, size, modification time and a hash of the content; for a
        database: a hash of every table's rows. A cache keyed by it (issue 16) is
        never stale.
        """
        raise NotImplementedError

    # ----------------------------------------------------------------- writing
    def write_tables(self, tables: Mapping[str, pd.DataFrame]) -> None:
        """Create the store holding ``tables`` (text frames, every column kept)."""
        raise NotImplementedError

    def apply(
        self, additions: Additions, updates: Updates, new_columns: Mapping[str, list[str]]
    ) -> None:
        """Write checked changes in one transaction (all of them, or none)."""
        raise NotImplementedError

    def commit(self, additions: Additions, updates: Updates = ()) -> None:
        """Validate the store as it would be with the changes, then write them at once.

        Rows keep their columns; a new row's column that the table lacks is added
        (empty in the old rows). Raises :class:`DataError` naming the new rows (as the
        rows they would become) and writes nothing when the result would not validate.
        """
        from netgraph.load import validate_frames

        updates = dict(updates or {})
        reader = self.reader()
        frames = self.read_frames(reader)
        if reader.problems:
            raise DataError(reader.problems)
        changed: dict[str, pd.DataFrame | None] = dict(frames)
        new_columns: dict[str, list[str]] = {}
        for name in TABLES:
            frame = frames[name]
            rows = list(additions.get(name, ()))
            edits = list(updates.get(name, ()))
            if frame is None or (not rows and not edits):
                continue
            frame = frame.copy()
            for keys, values in edits:
                missing = [k for k in keys if k not in frame.columns]
                if missing:
                    raise NetgraphError(f"{self.label(name)} has no column {missing[0]!r}")
                mask = np.ones(len(frame), dtype=bool)
                for key, value in keys.items():
                    mask &= frame[key].astype(str).str.strip().eq(value).to_numpy()
                hit = frame.index[mask]
                if len(hit) != 1:
                    where = ", ".join(f"{k} {v!r}" for k, v in keys.items())
                    raise NetgraphError(
                        f"{len(hit)} rows with {where} in {self.label(name)}; expected one"
                    )
                for col, text in values.items():
                    if col not in frame.columns:
                        frame[col] = ""
                        new_columns.setdefault(name, []).append(col)
                    frame.loc[hit[0], col] = text
            if rows:
                extra = [
                    c for r in rows for c, v in r.items() if v != "" and c not in frame.columns
                ]
                for col in dict.fromkeys(extra):
                    frame[col] = ""
                    new_columns.setdefault(name, []).append(col)
                start = int(frame["_line"].max()) + 1 if len(frame) else self.first_line
                new = pd.DataFrame(
                    [{c: r.get(c, "") for c in frame.columns if c != "_line"} for r in rows],
                    columns=[c for c in frame.columns if c != "_line"],
                    dtype=object,
                ).astype(str)
                new["_line"] = np.arange(start, start + len(new))
                frame = pd.concat([frame, new], ignore_index=True)
            changed[name] = frame
        validate_frames(changed, reader)
        self.apply(additions, updates, new_columns)

    first_line: ClassVar[int] = 2
    """Row number of the first data row (a header takes row 1)."""


def content_hash(chunks: Iterable[bytes]) -> str:
    """Return a short blake2b hex digest of ``chunks``."""
    h = hashlib.blake2b(digest_size=16)
    for chunk in chunks:
        h.update(chunk)
    return h.hexdigest()
