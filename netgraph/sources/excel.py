"""An Excel workbook (``.xlsx``): one sheet per table, read and written with openpyxl.

Sheets are named like the tables: ``people`` (required), ``ties``, ``interviews`` and
``referrals``; row 1 of each is its header. Problems name the sheet, the row as Excel
shows it and the column. Every cell netgraph writes is a text or number cell, never
a formula (a name like ``=HYPERLINK(...)`` stays the text it was).
"""

from __future__ import annotations

import math
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from netgraph.errors import DataError, NetgraphError
from netgraph.load import SCHEMAS, _Reader, check_frame, check_header
from netgraph.sources._base import TABLES, Source, cell_text, content_hash, text_frame
from netgraph.sources._filelock import locked

__all__ = ["Workbook", "write_workbook"]

_NUMBER_COLUMNS = {"grad_year", "strength"}


def _number(col: str, text: str) -> int | float | None:
    """Return ``text`` as a number when ``col`` holds numbers and it reads back the same."""
    if col not in _NUMBER_COLUMNS:
        return None
    if text.isdigit() and str(int(text)) == text:
        return int(text)
    try:
        number = float(text)
    except ValueError:
        return None
    return number if repr(number) == text else None


def _cells(ws, values: list[str], header: list[str]) -> list:
    """Return write-only cells for one row: numbers where the column holds numbers, else text.

    A text cell is marked as a string explicitly, so a value starting with ``=`` is
    never stored as a formula.
    """
    out: list = []
    for col, value in zip(header, values, strict=True):
        if not isinstance(value, str):  # an export's own numbers and blanks
            if value is None or (isinstance(value, float) and math.isnan(value)):
                out.append(None)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                out.append(value)
            else:
                out.append(_text_cell(ws, str(value)))
            continue
        text = value
        number = _number(col, text)
        if text == "" or number is not None:
            out.append(None if text == "" else number)
            continue
        out.append(_text_cell(ws, text))
    return out


def _text_cell(ws, text: str):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    return cell


def write_workbook(path: str | Path, sheets: Mapping[str, pd.DataFrame]) -> Path:
    """Write ``sheets`` (text frames) as a new workbook, moved into place whole.

    Parameters
    ----------
    path
        The ``.xlsx`` file.
    sheets
        Sheet name to a table of strings; its columns become row 1.

    Returns
    -------
    pathlib.Path
        The file.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from pathlib import Path
    >>> out = Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> _ = write_workbook(out, {"nodes": pd.DataFrame({"id": ["=1+1"]})})
    >>> import openpyxl
    >>> openpyxl.load_workbook(out)["nodes"]["A2"].data_type
    's'
    """
    path = Path(path)
    data = workbook_bytes(sheets)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def workbook_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """Return the bytes of a new workbook holding ``sheets`` (see :func:`write_workbook`)."""
    import io

    from openpyxl import Workbook as _Book

    book = _Book(write_only=True)
    for name, frame in sheets.items():
        ws = book.create_sheet(name)
        header = [str(c) for c in frame.columns]
        ws.append(header)
        for row in frame.itertuples(index=False):
            ws.append(_cells(ws, list(row), header))
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


class Workbook(Source):
    """An Excel workbook with one sheet per table.

    Parameters
    ----------
    path
        The ``.xlsx`` file.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import netgraph as ng
    >>> book = Path(tempfile.mkdtemp()) / "network.xlsx"
    >>> _ = ng.save(ng.load(), book)
    >>> len(ng.load(book).people) == len(ng.load().people)
    True
    """

    kind = "excel"
    word = "sheet"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @property
    def location(self) -> str:  # noqa: D102
        return str(self.path)

    def exists(self) -> bool:  # noqa: D102
        return self.path.exists()

    def fingerprint(self) -> str:
        """Return a hash of the file's size, modification time and bytes."""
        st = self.path.stat()
        return content_hash([f"{st.st_size}:{st.st_mtime_ns};".encode(), self.path.read_bytes()])

    def _open(self, reader: _Reader, *, read_only: bool = True):
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        where = str(self.path)
        if not self.path.is_file():
            what = "a folder" if self.path.exists() else "nothing is there"
            reader.add(where, None, None, where, f"an Excel workbook (.xlsx) ({what})")
            return None
        try:
            return load_workbook(self.path, read_only=read_only, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
            head = self.path.read_bytes()[:8]
            hint = "it looks like a CSV or text file" if b"\x00" not in head else str(exc)
            reader.add(where, None, None, self.path.name, f"an Excel workbook (.xlsx): {hint}")
            return None

    def read_frames(self, reader: _Reader) -> dict[str, pd.DataFrame | None]:
        """Read each sheet's cells as strings; row numbers as Excel shows them."""
        book = self._open(reader)
        if book is None:
            return dict.fromkeys(TABLES)
        try:
            frames: dict[str, pd.DataFrame | None] = {}
            for name, schema in SCHEMAS.items():
                if name not in book.sheetnames:
                    if schema.optional_file:
                        frames[name] = pd.DataFrame(columns=[*schema.required, "_line"])
                        continue
                    reader.add(
                        schema.file,
                        None,
                        None,
                        "",
                        f"a sheet named {name!r} in {self.path.name} (it has: "
                        f"{', '.join(book.sheetnames) or 'no sheets'})",
                    )
                    frames[name] = None
                    continue
                rows = list(book[name].iter_rows(values_only=True))
                if not rows or all(v is None for v in rows[0]):
                    if schema.optional_file and not any(any(r) for r in rows):
                        frames[name] = pd.DataFrame(columns=[*schema.required, "_line"])
                        continue
                    reader.add(schema.file, 1, None, "", "a header row of column names")
                    frames[name] = None
                    continue
                header = list(rows[0])
                while header and header[-1] is None:
                    header.pop()
                names = ["" if h is None else str(h) for h in header]
                if not check_header(names, schema, reader):
                    frames[name] = None
                    continue
                frame = text_frame(names, rows[1:], range(2, len(rows) + 1))
                frames[name] = check_frame(frame, schema, reader, names)
            return frames
        finally:
            book.close()

    def write_tables(self, tables: Mapping[str, pd.DataFrame]) -> None:
        """Write a new workbook: one sheet per table, every column kept."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_workbook(self.path, tables)

    def commit(self, additions, updates=()) -> None:
        """Validate and write the changes under the workbook's lock (see :class:`Source`)."""
        with locked(self.path):
            super().commit(additions, updates)

    def apply(self, additions, updates, new_columns) -> None:
        """Rewrite the workbook with the changes: a new file moved into place whole."""
        reader = _Reader()
        book = self._open(reader, read_only=False)
        if book is None:
            raise DataError(reader.problems)
        for name in TABLES:
            rows = list(additions.get(name, ()))
            edits = list(updates.get(name, ()))
            if not rows and not edits:
                continue
            if name not in book.sheetnames:
                ws = book.create_sheet(name)
                ws.append([c.name for c in SCHEMAS[name].columns])
            ws = book[name]
            header = [c.value for c in ws[1]]
            while header and header[-1] is None:
                header.pop()
            header = ["" if h is None else str(h).strip() for h in header]
            for col in new_columns.get(name, ()):
                header.append(col)
                ws.cell(row=1, column=len(header), value=col)
            for keys, values in edits:
                cols = {header.index(k) + 1: v for k, v in keys.items()}
                hit = [
                    r
                    for r in range(2, ws.max_row + 1)
                    if all(
                        cell_text(ws.cell(row=r, column=c).value).strip() == v
                        for c, v in cols.items()
                    )
                ]
                if len(hit) != 1:  # pragma: no cover - commit checked it
                    raise NetgraphError(f"{len(hit)} rows with {keys} in sheet {name}")
                for col, text in values.items():
                    self._set(ws.cell(row=hit[0], column=header.index(col) + 1), col, text)
            last = ws.max_row
            while last > 1 and all(c.value is None for c in ws[last]):
                last -= 1
            for i, row in enumerate(rows, start=last + 1):
                for j, col in enumerate(header, start=1):
                    self._set(ws.cell(row=i, column=j), col, row.get(col, ""))
        fd, tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}-", suffix=".tmp", dir=self.path.parent
        )
        os.close(fd)
        try:
            book.save(tmp)
            Path(tmp).replace(self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @staticmethod
    def _set(cell, col: str, text: str) -> None:
        number = _number(col, text)
        cell.value = None if text == "" else text if number is None else number
        if number is None and text != "":
            cell.data_type = "s"
