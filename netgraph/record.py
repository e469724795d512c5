"""Recording new interviews, referrals and people in a data folder, safely.

Each call takes an exclusive lock on the folder, loads and validates it, appends the
new rows to copies of the files it changes, validates the folder as it would be
after the write, and only then moves the copies into place with ``os.replace``
(atomic on one file system). ``people.csv`` is replaced first, so no file ever
refers to a person who is not there yet. Rows already in a file are never
rewritten: the new row is appended to the original bytes in the file's own
encoding, delimiter and line ending, with empty cells for columns netgraph does not
know.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

import pandas as pd

from netgraph.errors import NetgraphError
from netgraph.load import SCHEMAS, read_tables
from netgraph.network import ReferralNetwork

__all__ = ["LOCK_NAME", "record_interview", "record_person", "record_referral"]

LOCK_NAME = ".netgraph.lock"
_FILES = {name: schema.file for name, schema in SCHEMAS.items()}
_T = TypeVar("_T")


def _retry(
    attempt: Callable[[], _T], busy: type[OSError], path: Path, timeout: float, pause: float
) -> _T:
    """Return ``attempt()``, retried every ``pause`` seconds while it raises ``busy``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return attempt()
        except busy:
            if time.monotonic() > deadline:
                raise NetgraphError(f"{path} is locked by another writer") from None
            time.sleep(pause)


@contextlib.contextmanager
def _locked(folder: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (``fcntl.flock`` on a lock file)."""
    path = folder / LOCK_NAME
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: exclusive creation of the lock file
        flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY
        fd = _retry(lambda: os.open(path, flags), FileExistsError, path, timeout, 0.05)
        try:
            yield
        finally:
            os.close(fd)
            path.unlink()
        return
    with path.open("a+b") as fh:
        lock = fcntl.LOCK_EX | fcntl.LOCK_NB
        _retry(lambda: fcntl.flock(fh.fileno(), lock), BlockingIOError, path, timeout, 0.01)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _format_of(raw: bytes) -> tuple[str, bytes, str, str]:
    """Return (codec, bom, delimiter, line ending) of an existing CSV file."""
    if raw.startswith(codecs.BOM_UTF16_LE):
        codec, bom = "utf-16-le", codecs.BOM_UTF16_LE
    elif raw.startswith(codecs.BOM_UTF16_BE):
        codec, bom = "utf-16-be", codecs.BOM_UTF16_BE
    elif raw.startswith(codecs.BOM_UTF8):
        codec, bom = "utf-8", codecs.BOM_UTF8
    else:
        codec, bom = "utf-8", b""
    text = raw[len(bom) :].decode(codec, errors="replace")
    first = text.split("\n", 1)[0]
    newline = "\r\n" if first.endswith("\r") else "\n"
    first = first.rstrip("\r")
    delimiter = ","
    if "," not in first and ";" in first:
        delimiter = ";"
    elif "," not in first and "\t" in first:
        delimiter = "\t"
    return codec, bom, delimiter, newline


def _appended(path: Path, rows: list[dict[str, str]], default_header: list[str]) -> bytes:
    """Return the bytes of ``path`` with ``rows`` appended in the file's own format."""
    raw = path.read_bytes() if path.exists() else b""
    if not raw.strip():
        codec, bom, delimiter, newline = "utf-8", b"", ",", "\n"
        header = default_header
        buf = io.StringIO()
        csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerow(header)
        prefix = buf.getvalue()
    else:
        codec, bom, delimiter, newline = _format_of(raw)
        text = raw[len(bom) :].decode(codec)
        header = _first_row(text, delimiter)
        prefix = "" if text.endswith(("\n", "\r")) else newline
    unknown = sorted({k for row in rows for k, v in row.items() if v != ""} - set(header))
    if unknown:
        raise NetgraphError(
            f"{path.name} has no column {', '.join(map(repr, unknown))}; add the column to the "
            "file first, or leave that value out"
        )
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return (
        raw + (prefix + buf.getvalue()).encode(codec)
        if raw
        else (bom + (prefix + buf.getvalue()).encode(codec))
    )


def _first_row(text: str, delimiter: str) -> list[str]:
    """Return the stripped cells of the first CSV record of ``text`` (the header)."""
    return [h.strip() for h in next(csv.reader(io.StringIO(text), delimiter=delimiter))]


def _header(path: Path) -> list[str]:
    raw = path.read_bytes()
    if not raw.strip():
        return []
    codec, bom, delimiter, _ = _format_of(raw)
    return _first_row(raw[len(bom) :].decode(codec, errors="replace"), delimiter)


def _next_id(existing: pd.Index | pd.Series, prefix: str, taken: set[str] = frozenset()) -> str:
    """Return the next id like the existing ones (``p0042`` after ``p0041``)."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    numbers = [(int(m.group(1)), len(m.group(1))) for x in existing if (m := pattern.match(str(x)))]
    width = max((w for _, w in numbers), default=4)
    n = max((n for n, _ in numbers), default=0) + 1
    while (candidate := f"{prefix}{n:0{width}d}") in taken or candidate in set(map(str, existing)):
        n += 1
    return candidate


def _clean(row: Mapping[str, object]) -> dict[str, str]:
    out = {}
    for key, value in row.items():
        if value is None:
            out[key] = ""
        elif isinstance(value, pd.Timestamp):
            out[key] = f"{value:%Y-%m-%d}"
        elif isinstance(value, list | tuple):
            out[key] = ";".join(map(str, value))
        else:
            out[key] = str(value)
    return out


def _commit(folder: Path, additions: dict[str, list[dict[str, str]]]) -> None:
    """Validate the folder with ``additions`` appended, then move the new files into place.

    Files whose list of additions is empty are left alone.
    """
    additions = {name: rows for name, rows in additions.items() if rows}
    staging = Path(tempfile.mkdtemp(prefix=".netgraph-pending-", dir=folder))
    try:
        for name, file in _FILES.items():
            src = folder / file
            dst = staging / file
            if name in additions:
                header = [c.name for c in SCHEMAS[name].columns]
                dst.write_bytes(_appended(src, additions[name], header))
            elif src.exists():
                try:
                    os.link(src, dst)
                except OSError:
                    shutil.copy2(src, dst)
        read_tables(staging)  # raises DataError naming the new rows' lines
        for name in sorted(additions, key=lambda n: n != "people"):
            file = staging / _FILES[name]
            with file.open("rb") as fh:
                os.fsync(fh.fileno())
            if (folder / _FILES[name]).exists():
                shutil.copymode(folder / _FILES[name], file)
            file.replace(folder / _FILES[name])
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _person_rows(
    net: ReferralNetwork, new_people: list[Mapping[str, object]]
) -> tuple[list[dict[str, str]], list[str]]:
    rows, ids = [], []
    taken: set[str] = set()
    for attrs in new_people:
        row = _clean(attrs)
        if not row.get("name", "").strip():
            raise NetgraphError("a new person needs a name")
        pid = row.get("person_id") or _next_id(net.people.index, "p", taken)
        taken.add(pid)
        rows.append({**row, "person_id": pid})
        ids.append(pid)
    return rows, ids


@contextlib.contextmanager
def _editing(folder: Path) -> Iterator[ReferralNetwork]:
    """Lock ``folder`` and yield its network as it is now (loaded under the lock)."""
    with _locked(folder):
        yield ReferralNetwork.from_tables(read_tables(folder), source=str(folder))


def _resolve_or_new(
    net: ReferralNetwork, query: str, new: Mapping[str, object] | None, people: list[dict]
) -> str:
    """Return the id of an existing person, or queue a new person named ``query``."""
    if new is None:
        return net.resolve(query)
    rows, ids = _person_rows(net, [{"name": query, **new}])
    people.extend(rows)
    return ids[0]


def record_person(folder: str | Path, **attrs: object) -> str:
    """Add one person to ``people.csv`` and return their new ``person_id``.

    Parameters
    ----------
    folder
        The data folder.
    **attrs
        Columns of the new row; ``name`` is required, ``person_id`` is generated
        (``p`` and the next number) unless given.

    Returns
    -------
    str
        The new person's id.

    Raises
    ------
    DataError
        If the folder, or the folder with the new row, does not validate.
    NetgraphError
        If ``people.csv`` lacks a column given in ``attrs``.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> import netgraph as ng
    >>> folder = shutil.copytree(ng.sample_data_path(), Path(tempfile.mkdtemp()) / "data")
    >>> record_person(folder, name="Noor Haddad", role="alum", industry="Healthcare")
    'p401'
    >>> ng.load(folder).people.loc["p401", "industry"]
    'Healthcare'
    >>> shutil.rmtree(folder.parent)
    """
    folder = Path(folder)
    with _editing(folder) as net:
        rows, ids = _person_rows(net, [attrs])
        _commit(folder, {"people": rows})
    return ids[0]


def record_interview(
    folder: str | Path,
    *,
    seeker: str,
    contact: str,
    date: str | pd.Timestamp,
    status: str = "completed",
    channel: str = "",
    thank_you_sent: str | pd.Timestamp | None = None,
    follow_up_due: str | pd.Timestamp | None = None,
    notes: str = "",
    interview_id: str | None = None,
    new_contact: Mapping[str, object] | None = None,
) -> dict[str, str]:
    """Append one informational interview to ``interviews.csv``.

    Parameters
    ----------
    folder
        The data folder.
    seeker, contact
        Ids or unambiguous names of people in ``people.csv``.
    date, status, channel, thank_you_sent, follow_up_due, notes
        The interview's columns (see the README's data format).
    interview_id
        Defaults to the next id like the existing ones (``i0042``).
    new_contact
        When given, ``contact`` is the name of a new person, added to
        ``people.csv`` with these attributes (``role``, ``organization``, ...).

    Returns
    -------
    dict of str to str
        The row as written (with the new contact's id, if one was added).

    Raises
    ------
    DataError
        If the folder, or the folder with the new row, does not validate (for
        example an unknown status or an impossible date), naming file, line and
        column.
    UnknownPerson
        If the seeker or the contact is not in the folder.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> import netgraph as ng
    >>> folder = shutil.copytree(ng.sample_data_path(), Path(tempfile.mkdtemp()) / "data")
    >>> row = record_interview(folder, seeker="p001", contact="Noor Haddad",
    ...                        date="2026-09-01", new_contact={"role": "alum"})
    >>> row["contact_id"], row["status"]
    ('p401', 'completed')
    >>> shutil.rmtree(folder.parent)
    """
    folder = Path(folder)
    with _editing(folder) as net:
        people: list[dict[str, str]] = []
        seeker_id = net.resolve(seeker)
        contact_id = _resolve_or_new(net, contact, new_contact, people)
        row = _clean(
            {
                "interview_id": interview_id or _next_id(net.interviews["interview_id"], "i"),
                "seeker_id": seeker_id,
                "contact_id": contact_id,
                "date": date,
                "channel": channel,
                "status": status,
                "thank_you_sent": thank_you_sent,
                "follow_up_due": follow_up_due,
                "notes": notes,
            }
        )
        _commit(folder, {"interviews": [row], "people": people})
    return row


def record_referral(
    folder: str | Path,
    *,
    referrer: str,
    seeker: str,
    referred: str,
    date: str | pd.Timestamp,
    status: str = "named",
    interview_id: str | None = None,
    referral_id: str | None = None,
    new_referred: Mapping[str, object] | None = None,
) -> dict[str, str]:
    """Append one referral (a name passed on) to ``referrals.csv``.

    Parameters
    ----------
    folder
        The data folder.
    referrer, seeker, referred
        Ids or unambiguous names of people in ``people.csv``.
    date, status
        The referral's date and status (named, introduced, contacted, interviewed,
        declined).
    interview_id
        The interview that yielded the name, if any; its contact and seeker must be
        the referrer and the seeker.
    referral_id
        Defaults to the next id like the existing ones (``r0042``).
    new_referred
        When given, ``referred`` is the name of a new person, added to
        ``people.csv`` with these attributes.

    Returns
    -------
    dict of str to str
        The row as written.

    Raises
    ------
    DataError
        If the folder, or the folder with the new row, does not validate.
    UnknownPerson
        If a person is not in the folder.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> import netgraph as ng
    >>> folder = shutil.copytree(ng.sample_data_path(), Path(tempfile.mkdtemp()) / "data")
    >>> row = record_referral(folder, referrer="p119", seeker="p001", referred="p120",
    ...                       date="2026-09-01")
    >>> ng.load(folder).referrals.iloc[-1]["referred_id"]
    'p120'
    >>> shutil.rmtree(folder.parent)
    """
    folder = Path(folder)
    with _editing(folder) as net:
        people: list[dict[str, str]] = []
        row = _clean(
            {
                "referral_id": referral_id or _next_id(net.referrals["referral_id"], "r"),
                "interview_id": interview_id or "",
                "referrer_id": net.resolve(referrer),
                "seeker_id": net.resolve(seeker),
                "referred_id": _resolve_or_new(net, referred, new_referred, people),
                "date": date,
                "status": status,
            }
        )
        path = folder / _FILES["referrals"]
        if referral_id is None and path.exists() and "referral_id" not in _header(path):
            del row["referral_id"]  # the file numbers referrals by line
        _commit(folder, {"referrals": [row], "people": people})
    return row
