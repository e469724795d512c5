"""A folder of CSV files: the embedded default store.

A data folder holds ``people.csv`` (required), and optionally ``ties.csv``,
``interviews.csv`` and ``referrals.csv`` (see the README for the columns). Each file
is read as text here (encoding, delimiter, a spreadsheet's stray cells, malformed
rows) and validated by :func:`netgraph.load.validate_frames`, like every source.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import shutil
import stat
import tempfile
import warnings
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from netgraph.errors import NetgraphError
from netgraph.load import (
    MAX_COLUMNS,
    MAX_FIELD_CHARS,
    MAX_HEADER_BYTES,
    SCHEMAS,
    _Reader,
    _Schema,
    check_frame,
    check_header,
)
from netgraph.sources._base import Additions, Source, Updates, content_hash

__all__ = ["CsvFolder", "init"]

MAX_FILE_BYTES = 2 * 1024**3
"""Largest CSV file read (2 GiB); larger files are refused with a clear message."""


def _scan(path: Path, encoding: str) -> tuple[bool, bool]:
    """Whether any cell of ``path`` *may* hold a NUL character, or be over-long.

    A cheap pass over the bytes that lets :func:`_read_csv` skip the per-cell checks
    on large files: in UTF-8 a cell holds NUL only if the file holds a zero byte, and
    a cell is no longer (in characters) than its line (in bytes) when no quoted cell
    can span lines (no ``"`` in the file). The header line is not measured: its cells
    are column names, checked on their own (a wide file's header is long, its cells
    short). Answers are conservative: ``True`` means "check every cell".
    """
    if encoding != "utf-8-sig":
        return True, True
    nul = quote = False
    longest = run = 0  # longest data line so far; bytes since the last newline
    header = True  # no newline seen yet
    with path.open("rb") as fh:
        while block := fh.read(1 << 24):
            nul = nul or b"\x00" in block
            quote = quote or b'"' in block
            ends = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 10)
            if not len(ends):
                if not header:
                    run += len(block)
                    longest = max(longest, run)
                continue
            gaps = int(np.diff(ends).max()) if len(ends) > 1 else 0
            longest = max(longest, gaps if header else max(run + int(ends[0]), gaps))
            header = False
            run = len(block) - int(ends[-1]) - 1
            longest = max(longest, run)
    return nul, quote or longest > MAX_FIELD_CHARS


def _sniff(head: bytes) -> tuple[str, str] | str:
    """Return ``(encoding, delimiter)`` from a file's first bytes, or what is wrong."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in head:
        return "a text file (this one holds binary data)"
    else:
        encoding = "utf-8-sig"
    first = head.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()
    line = first[0] if first else ""
    delimiter = ","
    if "," not in line and ";" in line:
        delimiter = ";"
    elif "," not in line and "\t" in line:
        delimiter = "\t"
    return encoding, delimiter


def _undecodable(path: Path, encoding: str) -> tuple[int, str]:
    """Find the line and the bytes where ``path`` stops being valid ``encoding``."""
    raw = path.read_bytes()
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as exc:
        return raw[: exc.start].count(b"\n") + 1, repr(raw[exc.start : exc.start + 4])
    return 1, ""  # pragma: no cover - only called after a decode error


def _malformed(path: Path, encoding: str, delimiter: str, width: int) -> tuple[int | None, str]:
    """Find the first row with more cells than the header (line as a spreadsheet counts)."""
    with path.open(encoding=encoding, newline="") as fh:
        rows = csv.reader(fh, delimiter=delimiter, strict=True)
        try:
            for number, row in enumerate(rows, start=1):
                if len(row) > width:
                    return number, delimiter.join(row)
        except csv.Error as exc:
            return rows.line_num, str(exc)
    return None, ""


def _header_row(
    head: bytes, encoding: str, delimiter: str, *, whole: bool
) -> tuple[list[str], bool]:
    """Parse the header row from a file's first bytes; return it and whether it is complete.

    ``whole`` says that ``head`` is the whole file. Otherwise the row is complete only
    when it ends before ``head`` does (a header can hold quoted line breaks).
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(head, final=whole).lstrip("\ufeff")
    buf = io.StringIO(text, newline="")
    header = next(csv.reader(buf, delimiter=delimiter), [])
    return header, whole or buf.tell() < len(text)


def _kind_of_file(mode: int) -> str:
    """Name what a non-regular file is, for a message."""
    for test, what in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return what
    return "not a regular file"


def _read_csv(path: Path, schema: _Schema, reader: _Reader) -> pd.DataFrame | None:
    """Read one CSV file as strings, with a ``_line`` column of spreadsheet row numbers.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read; a header without commas
    but with semicolons (or tabs) selects that delimiter, as European spreadsheets
    write it.
    """
    file = schema.file
    if path.is_dir():
        reader.add(file, None, None, str(path), "a CSV file, not a folder")
        return None
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or device would block or never end
            what = _kind_of_file(info.st_mode)
            reader.add(file, None, None, str(path), f"a regular CSV file (this is {what})")
            return None
        size = info.st_size
        with path.open("rb") as fh:
            head = fh.read(MAX_HEADER_BYTES)
    except OSError as exc:
        reader.add(file, None, None, str(path), f"a readable file ({exc.strerror})")
        return None
    if size > MAX_FILE_BYTES:
        reader.add(
            file,
            None,
            None,
            f"{size / 1024**3:.1f} GiB",
            f"a file of at most {MAX_FILE_BYTES / 1024**3:.0f} GiB (split it by year or cohort)",
        )
        return None
    sniffed = _sniff(head)
    if isinstance(sniffed, str):
        line = head[: head.index(b"\x00")].count(b"\n") + 1
        reader.add(file, line, None, "binary data", sniffed)
        return None
    encoding, delimiter = sniffed
    if size <= len(head) and not head.decode(encoding, errors="replace").strip("\ufeff \r\n\t"):
        if schema.optional_file:
            return pd.DataFrame(columns=[*schema.required, "_line"])
        reader.add(file, None, None, "", f"a header row with {', '.join(schema.required)}")
        return None
    try:
        header, complete = _header_row(head, encoding, delimiter, whole=size <= len(head))
    except csv.Error as exc:
        reader.add(file, 1, None, str(exc), "a header row of column names")
        return None
    widest = f"a header row of at most {MAX_COLUMNS:,} columns (the most a spreadsheet holds)"
    if not complete:
        mib = MAX_HEADER_BYTES / 1024**2
        value = f"a header row longer than {mib:g} MiB ({len(header):,} columns and more)"
        reader.add(file, 1, None, value, widest)
        return None
    if len(header) > MAX_COLUMNS:
        reader.add(file, 1, None, f"a header row of {len(header):,} columns", widest)
        return None
    if not check_header(header, schema, reader):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                path,
                sep=delimiter,
                encoding=encoding,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                index_col=False,
                engine="c",
            )
    except UnicodeDecodeError:
        line, value = _undecodable(path, encoding)
        hint = "UTF-8 text (save it as 'CSV UTF-8'; this looks like Windows-1252 or Latin-1)"
        reader.add(file, line, None, value, hint)
        return None
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError, csv.Error) as exc:
        line, value = _malformed(path, encoding, delimiter, len(header))
        reader.add(
            file,
            line,
            None,
            value or str(exc).strip(),
            "a well-formed CSV row (no more cells than the header; quotes closed)",
        )
        return None
    frame["_line"] = np.arange(2, len(frame) + 2)
    return check_frame(frame, schema, reader, header, scan=lambda: _scan(path, encoding))


PROGRESS_BYTES = 64 * 1024**2
"""Folders holding at least this much CSV (64 MiB) show a progress bar while loading
(in a terminal or notebook; see :mod:`netgraph._progress`)."""


def _steps(folder: Path):
    """Return a progress bar over the loading steps (silent for small folders)."""
    from netgraph._progress import progress

    size = 0
    for schema in SCHEMAS.values():
        with contextlib.suppress(OSError):
            size += (folder / schema.file).stat().st_size
    big = size >= PROGRESS_BYTES
    return progress(
        total=len(SCHEMAS) + 1, desc="loading", unit="step", progress=None if big else False
    )


class CsvFolder(Source):
    """A folder of CSV files (``people.csv``, ``ties.csv``, ...).

    Parameters
    ----------
    path
        The folder.

    Examples
    --------
    >>> import netgraph as ng
    >>> folder = CsvFolder(ng.sample_data_path())
    >>> len(folder.read_tables()["people"]) > 100
    True
    """

    kind = "csv"
    word = "file"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @property
    def location(self) -> str:  # noqa: D102
        return str(self.path)

    def label(self, table: str) -> str:  # noqa: D102
        return SCHEMAS[table].file

    def reader(self) -> _Reader:  # noqa: D102
        return _Reader()

    def exists(self) -> bool:  # noqa: D102
        return self.path.is_dir() and any(self.path.iterdir())

    def fingerprint(self) -> str:
        """Return a hash of each table file's name, size, modification time and bytes.

        Examples
        --------
        >>> import netgraph as ng
        >>> len(CsvFolder(ng.sample_data_path()).fingerprint())
        32
        """

        def chunks():
            for schema in SCHEMAS.values():
                file = self.path / schema.file
                if not file.is_file():
                    yield f"{schema.file}:absent;".encode()
                    continue
                st = file.stat()
                yield f"{schema.file}:{st.st_size}:{st.st_mtime_ns};".encode()
                with file.open("rb") as fh:
                    while block := fh.read(1 << 24):
                        yield block

        return content_hash(chunks())

    def read_tables(self) -> dict[str, pd.DataFrame]:
        """Read and validate the folder, never half-way through another process's ``log``.

        An interrupted ``log`` is finished (or undone) first (see :mod:`netgraph._journal`).
        """
        from netgraph._journal import reading

        if not self.path.is_dir():
            return super().read_tables()
        with reading(self.path):
            return super().read_tables()

    def read_frames(self, reader: _Reader) -> dict[str, pd.DataFrame | None]:
        """Read each CSV file of the folder as strings (see :func:`_read_csv`)."""
        folder = self.path
        if not folder.is_dir():
            what = "this is a file" if folder.exists() else "nothing is there"
            reader.add(
                str(folder), None, None, str(folder), f"a folder holding people.csv ({what})"
            )
            return dict.fromkeys(SCHEMAS)
        frames: dict[str, pd.DataFrame | None] = {}
        steps = _steps(folder)
        for name, schema in SCHEMAS.items():
            steps.set_postfix_str(schema.file)
            steps.update()
            file = folder / schema.file
            if not file.exists():
                frames[name] = (
                    None
                    if not schema.optional_file
                    else pd.DataFrame(columns=[*schema.required, "_line"])
                )
                if frames[name] is None:
                    reader.add(schema.file, None, None, "", f"a file {schema.file} in {folder}")
            else:
                frames[name] = _read_csv(file, schema, reader)
        steps.set_postfix_str("references")
        steps.update()
        steps.close()
        return frames

    def write_tables(self, tables: Mapping[str, pd.DataFrame]) -> None:
        """Write each table as a CSV file (UTF-8, ``,``), each moved into place whole."""
        from netgraph.privacy import csv_text

        folder = self.path
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in tables.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                    fh.write(csv_text(table, neutralize=False))  # CR, LF in a cell quoted
                Path(tmp).replace(folder / SCHEMAS[name].file)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def commit(self, additions: Additions, updates: Updates = ()) -> None:
        """Write changes through :mod:`netgraph.record` (locked, validated, atomic)."""
        from netgraph import record

        record.commit_folder(self.path, additions, updates)

    def apply(self, additions, updates, new_columns) -> None:  # noqa: D102
        raise NotImplementedError  # pragma: no cover - commit goes through netgraph.record


def init(folder: str | Path, *, name: str, **attrs: str) -> Path:
    """Start a data folder with one person, the user: ``people.csv`` and empty tables.

    Parameters
    ----------
    folder
        A folder that does not exist yet, or an empty one.
    name
        The user's full name; they become ``p001``, a student unless ``role`` says.
    **attrs
        Other columns of the user's row (``major``, ``grad_year``, ``email``, ...).

    Returns
    -------
    pathlib.Path
        The folder, ready for ``log`` and ``import``.

    Raises
    ------
    NetgraphError
        If the folder already holds files, or the name is empty.
    DataError
        If an attribute does not validate (a ``grad_year`` of ``soon``); nothing is
        written then.

    Examples
    --------
    >>> import tempfile
    >>> import netgraph as ng
    >>> from pathlib import Path
    >>> folder = init(Path(tempfile.mkdtemp()) / "mine", name="Ana López", major="Biology")
    >>> net = ng.load(folder)
    >>> net.people.loc["p001", ["name", "role", "major"]].tolist()
    ['Ana López', 'student', 'Biology']
    """
    from netgraph.load import validate_frames
    from netgraph.sources._base import text_frame

    folder = Path(folder)
    if not str(name).strip():
        raise NetgraphError('init needs your name (--me "Full Name")')
    if folder.exists() and not folder.is_dir():
        raise NetgraphError(f"{folder} is a file; give a folder to start")
    if folder.is_dir() and any(folder.iterdir()):
        raise NetgraphError(
            f"{folder} is not empty; init starts a new folder (add people to an existing "
            "one with: python -m netgraph log person --data DIR --name NAME)"
        )
    row = {"person_id": "p001", "name": str(name).strip(), "role": "student"}
    row.update({k: str(v) for k, v in attrs.items() if v is not None and str(v) != ""})
    people_cols = [c.name for c in SCHEMAS["people"].columns]
    header = [*people_cols, *(k for k in row if k not in people_cols)]
    tables = {
        name_: pd.DataFrame(columns=[c.name for c in schema.columns])
        for name_, schema in SCHEMAS.items()
    }
    tables["people"] = pd.DataFrame([[row.get(c, "") for c in header]], columns=header)
    reader = _Reader()
    frames = {
        n: text_frame(list(t.columns), t.itertuples(index=False), range(2, len(t) + 2))
        for n, t in tables.items()
    }
    validate_frames(frames, reader)  # raises DataError before anything is written
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        CsvFolder(staging).write_tables(tables)
        if folder.is_dir():
            folder.rmdir()  # empty, checked above
        staging.replace(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder
