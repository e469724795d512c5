"""Where a referral network comes from: one module per source format.

Like networkx's ``readwrite``, each module turns one kind of input into the same four
tables (``people``, ``ties``, ``interviews``, ``referrals``), and every one of them is
validated by the same code (:func:`netgraph.load.validate_frames`), so a problem reads
the same wherever it is: file (or sheet, or table), line (or row), column, value and
what was expected.

Stores (read, written by ``log``, ``convert``):

- :mod:`~netgraph.sources.csv_folder`: a folder of CSV files, the embedded default;
- :mod:`~netgraph.sources.excel`: an Excel workbook, one sheet per table;
- :mod:`~netgraph.sources.sqlite`: a SQLite file, the embedded database;
- :mod:`~netgraph.sources.postgresql`: a PostgreSQL database (through SQLAlchemy).

Importers (merged into a store by ``python -m netgraph import``):
:mod:`~netgraph.sources.linkedin`, :mod:`~netgraph.sources.google`,
:mod:`~netgraph.sources.outlook`, :mod:`~netgraph.sources.vcard` and
:mod:`~netgraph.sources.mapped` (any export, through a column mapping).
"""

from __future__ import annotations

from pathlib import Path

from netgraph.errors import DataError, Problem
from netgraph.sources._base import Source

__all__ = ["IMPORTERS", "STORE_SUFFIXES", "Source", "convert", "import_file", "open_source"]

STORE_SUFFIXES = {".xlsx": "excel", ".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite"}
"""File name endings of the stores that are single files, and the module reading each."""

IMPORTERS = ("linkedin", "google", "outlook", "vcard", "mapped")
"""The formats ``python -m netgraph import FORMAT FILE`` reads."""


def _is_url(location: str) -> bool:
    return location.split(":", 1)[0].lower() in (
        "postgresql",
        "postgres",
    ) or location.lower().startswith("postgresql+")


def open_source(location: str | Path) -> Source:
    """Return the source (store) for a path or URL, picked from its form.

    A ``postgresql://USER@HOST/DB`` URL is a PostgreSQL database; a path ending in
    ``.xlsx`` an Excel workbook; ``.sqlite``, ``.sqlite3`` or ``.db`` a SQLite file;
    anything else a folder of CSV files. Nothing is read yet.

    Parameters
    ----------
    location
        The path or URL, as given to ``--data``.

    Returns
    -------
    Source
        An object with ``read_tables()``, ``fingerprint()`` and the writing methods.

    Raises
    ------
    DataError
        For a file that is none of these (a ``.csv`` or ``.pdf`` given as ``--data``).

    Examples
    --------
    >>> open_source("network.xlsx").kind, open_source("log.sqlite").kind
    ('excel', 'sqlite')
    >>> open_source("postgresql://me@localhost/career").location
    'postgresql://me@localhost/career'
    """
    text = str(location)
    if _is_url(text):
        from netgraph.sources.postgresql import PostgresStore

        return PostgresStore(text)
    path = Path(location)
    kind = STORE_SUFFIXES.get(path.suffix.lower())
    if kind == "excel":
        from netgraph.sources.excel import Workbook

        return Workbook(path)
    if kind == "sqlite":
        from netgraph.sources.sqlite import SqliteStore

        return SqliteStore(path)
    if path.is_file():
        what = f"a {path.suffix} file" if path.suffix else "a file"
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    f"{path.name} is {what}",
                    "a folder holding people.csv, an Excel workbook (.xlsx), a SQLite file "
                    "(.sqlite, .db) or a postgresql:// URL (to bring in an export, use "
                    "python -m netgraph import FORMAT FILE --data DIR)",
                )
            ]
        )
    from netgraph.sources.csv_folder import CsvFolder

    return CsvFolder(path)


def convert(src: str | Path, dest: str | Path) -> tuple[dict[str, int], str]:
    """Copy a network from one store to a new one, every column kept.

    The source is read and validated like :func:`netgraph.load` reads it, and written
    with :func:`netgraph.save`: every row and column, unknown ones included, dates as
    ``YYYY-MM-DD``; converting back gives the same tables.

    Parameters
    ----------
    src, dest
        Paths or URLs as :func:`open_source` takes them. ``dest`` must not hold a
        network yet (a folder with CSV files, an existing workbook or SQLite file, a
        database with netgraph's tables).

    Returns
    -------
    (dict of str to int, str)
        Rows written per table, and where.

    Raises
    ------
    DataError
        If the source does not validate (nothing is written).
    NetgraphError
        If ``dest`` holds a network already.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import netgraph as ng
    >>> out = Path(tempfile.mkdtemp()) / "network.sqlite"
    >>> counts, _ = convert(ng.sample_data_path(), out)
    >>> counts["people"] == len(ng.load(out).people)
    True
    """
    from netgraph.errors import NetgraphError
    from netgraph.load import load, save

    target = open_source(dest)
    if target.exists():
        raise NetgraphError(
            f"{target.location} holds data already; convert writes a new store and never "
            "replaces one (choose another name)"
        )
    net = load(src)
    save(net, dest)
    counts = {
        "people": len(net.people),
        "ties": len(net.ties),
        "interviews": len(net.interviews),
        "referrals": len(net.referrals),
        "touches": len(net.touches),
    }
    return counts, target.location


def import_file(
    format: str,
    path: str | Path,
    *,
    data: str | Path,
    me: str | None = None,
    mapping: str | Path | None = None,
):
    """Merge an export into a store with the importer of ``format``.

    Parameters
    ----------
    format
        One of :data:`IMPORTERS`: ``linkedin``, ``google``, ``outlook``, ``vcard``,
        ``mapped``.
    path
        The export.
    data
        The store to merge into (a folder, a workbook, a database).
    me
        The user, by id or name (default: the only person, or the only seeker).
    mapping
        The column mapping (``mapped`` only).

    Returns
    -------
    ImportResult
        What was added, matched and left for review (``summary()`` reads it out).

    Raises
    ------
    NetgraphError
        For an unknown format, or a mapping given to another format (or missing).
    DataError
        If the export or the result does not validate; nothing is written.
    """
    from netgraph.errors import NetgraphError

    if format not in IMPORTERS:
        raise NetgraphError(f"unknown format {format!r}; expected one of {', '.join(IMPORTERS)}")
    if (format == "mapped") != (mapping is not None):
        raise NetgraphError("--mapping MAP.toml goes with the mapped format (and only with it)")
    if format == "linkedin":
        from netgraph.sources.linkedin import import_linkedin as run
    elif format == "google":
        from netgraph.sources.google import import_google as run
    elif format == "outlook":
        from netgraph.sources.outlook import import_outlook as run
    elif format == "vcard":
        from netgraph.sources.vcard import import_vcard as run
    else:
        from netgraph.sources.mapped import import_mapped

        return import_mapped(data, path, mapping=mapping, me=me)
    return run(data, path, me=me)
