"""Recording new interviews, referrals and people in a data folder, safely.

Each call takes an exclusive lock on the folder, loads and validates it, appends the
new rows to copies of the files it changes, validates the folder as it would be
after the write, and only then moves the copies into place. One call is all or
nothing: the files change together through the write-ahead journal of
:mod:`netgraph._journal`, so a call killed half-way is finished (or undone) by the
next call or load, never left with a new person but without their interview. Rows
already in a file are never rewritten: the new row is appended to the original
bytes in the file's own encoding, delimiter and line ending (CR LF, LF or CR), with
empty cells for columns netgraph does not know. A file that is a symbolic link is
written through (the link stays); a read-only file or folder is refused.

A new person whose name is already in ``people.csv`` is refused (give the existing
person's id instead), so retrying a command whose outcome is unknown never adds the
same person twice; ``allow_same_name=True`` (``--same-name``) adds a namesake on
purpose.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import difflib
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from netgraph import _journal
from netgraph._journal import LOCK_NAME
from netgraph.errors import NetgraphError
from netgraph.load import SCHEMAS, read_tables
from netgraph.network import ReferralNetwork, _fold

__all__ = [
    "LOCK_NAME",
    "commit_folder",
    "record_interview",
    "record_person",
    "record_referral",
    "record_tie",
    "record_touch",
    "update_interview",
    "update_referral",
]

_FILES = {name: schema.file for name, schema in SCHEMAS.items()}


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
    newline = _line_ending(text)
    first = text.split(newline, 1)[0]
    delimiter = ","
    if "," not in first and ";" in first:
        delimiter = ";"
    elif "," not in first and "\t" in first:
        delimiter = "\t"
    return codec, bom, delimiter, newline


def _widened(raw: bytes, columns: list[str]) -> bytes:
    """Return a CSV file's bytes with ``columns`` added at the end, empty in every row.

    The file keeps its encoding, BOM, delimiter and line ending, and every cell its
    value (quoting may be normalised).
    """
    codec, bom, delimiter, newline = _format_of(raw)
    text = raw[len(bom) :].decode(codec)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    buf = io.StringIO()
    for i, record in enumerate(records):
        if not record:  # a blank line stays blank
            buf.write(newline)
            continue
        _write_row(
            buf, [*record, *(columns if i == 0 else [""] * len(columns))], delimiter, newline
        )
    return bom + buf.getvalue().encode(codec)


def _write_row(buf: io.StringIO, row: list, delimiter: str, newline: str) -> None:
    """Write one CSV row; a row with a CR or LF inside a cell has every cell quoted.

    The csv module quotes only the characters of its own line ending, so a bare CR in
    a cell of an LF file (or an LF in a CR file) would start a new row when read back.
    """
    broken = any("\r" in str(c) or "\n" in str(c) for c in row)
    quoting = csv.QUOTE_ALL if broken else csv.QUOTE_MINIMAL
    csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=quoting).writerow(row)


def _appended(
    path: Path,
    rows: list[dict[str, str]],
    default_header: list[str],
    *,
    widen: bool = False,
    raw: bytes | None = None,
) -> bytes:
    """Return the bytes of ``path`` with ``rows`` appended in the file's own format.

    With ``widen``, columns of ``rows`` that the file lacks are added to it (empty in
    the rows already there) instead of being refused. ``raw`` stands for the file's
    bytes when given (the file as an earlier change left it).
    """
    if raw is None:
        raw = path.read_bytes() if path.exists() else b""
    if widen and raw.strip():
        codec, bom, delimiter, _ = _format_of(raw)
        have = _first_row(raw[len(bom) :].decode(codec), delimiter)
        new = list(dict.fromkeys(k for r in rows for k, v in r.items() if v and k not in have))
        if new:
            raw = _widened(raw, new)
    elif widen:
        default_header = [
            *default_header,
            *dict.fromkeys(k for r in rows for k, v in r.items() if v and k not in default_header),
        ]
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
    for row in rows:
        _write_row(buf, [row.get(h, "") for h in header], delimiter, newline)
    return (
        raw + (prefix + buf.getvalue()).encode(codec)
        if raw
        else (bom + (prefix + buf.getvalue()).encode(codec))
    )


def _edited(raw: bytes, name: str, keys: Mapping[str, str], values: Mapping[str, str]) -> bytes:
    """Return a CSV file's bytes with the one row matching ``keys`` changed to ``values``.

    Only that row's lines are rewritten (in the file's own delimiter and line ending);
    every other byte stays as it was. A column of ``values`` the file lacks is added
    first (empty in the other rows).

    Raises
    ------
    NetgraphError
        When no row, or more than one, matches ``keys``.
    """
    codec, bom, delimiter, newline = _format_of(raw)
    header = _first_row(raw[len(bom) :].decode(codec), delimiter)
    missing = [c for c in values if c not in header]
    if missing:
        raw = _widened(raw, missing)
        header = [*header, *missing]
    text = raw[len(bom) :].decode(codec)
    lines = text.splitlines(keepends=True)
    consumed: list[int] = []

    def feed() -> Iterator[str]:
        for i, line in enumerate(lines):
            consumed.append(i)
            yield line

    spans: list[tuple[int, int, list[str]]] = []
    start = 0
    for record in csv.reader(feed(), delimiter=delimiter):
        end = len(consumed)
        spans.append((start, end, record))
        start = end
    where = ", ".join(f"{k} {v!r}" for k, v in keys.items())
    absent = [k for k in keys if k not in header]
    if absent:
        raise NetgraphError(f"{name} has no column {absent[0]!r}, so no row can be found by it")
    cols = {k: header.index(k) for k in keys}
    hits = [
        (a, b, rec)
        for a, b, rec in spans[1:]
        if rec and all(len(rec) > i and rec[i].strip() == keys[k] for k, i in cols.items())
    ]
    if len(hits) != 1:
        raise NetgraphError(f"{len(hits)} rows with {where} in {name}; expected one")
    a, b, record = hits[0]
    record = [*record, *[""] * (len(header) - len(record))]
    for col, value in values.items():
        record[header.index(col)] = value
    ending = newline if lines[b - 1].endswith(("\n", "\r")) else ""
    buf = io.StringIO()
    _write_row(buf, record, delimiter, ending or newline)
    new = buf.getvalue() if ending else buf.getvalue()[: -len(newline)]
    return bom + ("".join(lines[:a]) + new + "".join(lines[b:])).encode(codec)


def _line_ending(text: str) -> str:
    """Return the line ending of the first line: CR LF, LF, or a bare CR (old Mac files)."""
    cut = min((i for i in (text.find("\r"), text.find("\n")) if i >= 0), default=-1)
    if cut < 0 or text[cut] == "\n":
        return "\n"
    return "\r\n" if text.startswith("\r\n", cut) else "\r"


def _first_row(text: str, delimiter: str) -> list[str]:
    """Return the stripped cells of the first CSV record of ``text`` (the header)."""
    lines = io.StringIO(text, newline="")  # any line ending, kept for the csv module
    return [h.strip() for h in next(csv.reader(lines, delimiter=delimiter))]


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


def _store(target: str | Path):
    """Return the store at ``target`` when it is a workbook or a database, else ``None``."""
    from netgraph.sources import open_source
    from netgraph.sources.csv_folder import CsvFolder

    source = open_source(target)
    return None if isinstance(source, CsvFolder) else source


def _target(target: str | Path) -> Path | str:
    """Return a folder as a Path, a database URL as it is (``Path`` would mangle ``//``)."""
    return target if isinstance(target, str) and "://" in target else Path(target)


def _commit(
    folder: Path,
    additions: dict[str, list[dict[str, str]]],
    *,
    widen: bool = False,
    updates: Mapping[str, list[tuple[Mapping[str, str], Mapping[str, str]]]] | None = None,
) -> None:
    """Append ``additions`` to the folder's files in one all-or-nothing commit.

    The new contents are validated together with the unchanged files before the
    commit point (a :class:`~netgraph.errors.DataError` names the new rows' lines).
    Files whose list of additions is empty are left alone; ``people.csv`` is
    replaced first; with ``widen``, a new row's column that a file lacks is added to
    the file. A workbook or a database (see :mod:`netgraph.sources`) validates
    and writes the same rows in one transaction instead.
    """
    updates = {name: edits for name, edits in (updates or {}).items() if edits}
    store = _store(folder)
    if store is not None:
        store.commit({name: rows for name, rows in additions.items() if rows}, updates)
        return
    additions = {name: rows for name, rows in additions.items() if rows}
    changes: dict[str, bytes | None] = {}
    for name in sorted({*additions, *updates}, key=lambda n: n != "people"):
        file = _FILES[name]
        header = [c.name for c in SCHEMAS[name].columns]
        path = _journal.target(folder, file)
        raw = path.read_bytes() if path.exists() else b""
        for keys, values in updates.get(name, ()):
            raw = _edited(raw, file, keys, values)
        if name in additions:
            raw = _appended(path, additions[name], header, widen=widen, raw=raw)
        changes[file] = raw
    _journal.commit(folder, changes, validate=read_tables, alongside=_FILES.values())


def commit_folder(
    folder: str | Path,
    additions: Mapping[str, list[Mapping[str, str]]],
    updates: Mapping[str, list[tuple[Mapping[str, str], Mapping[str, str]]]] | None = None,
) -> None:
    """Append (and change) rows of a data folder under its lock, validated first, all or nothing.

    The entry point of :class:`netgraph.sources.csv_folder.CsvFolder` (used by the
    importers): ``additions`` maps a table (``people``, ``ties``, ...) to new rows;
    columns the files lack are added to them.
    """
    folder = Path(folder)
    with _journal.locked(folder):
        read_tables(folder)
        rows = {name: [dict(r) for r in rows] for name, rows in additions.items()}
        _commit(folder, rows, widen=True, updates=updates)


def _same_name(name: str) -> str:
    return " ".join(name.casefold().split())


def _person_rows(
    net: ReferralNetwork, new_people: list[Mapping[str, object]], *, allow_same_name: bool
) -> tuple[list[dict[str, str]], list[str]]:
    rows, ids = [], []
    taken: set[str] = set()
    for attrs in new_people:
        row = _clean(attrs)
        if not row.get("name", "").strip():
            raise NetgraphError("a new person needs a name")
        wanted = _same_name(row["name"])
        namesakes = [p for p, n in net.people["name"].items() if _same_name(str(n)) == wanted]
        if namesakes and not allow_same_name:
            who = ", ".join(net.describe(p) for p in namesakes[:3])
            raise NetgraphError(
                f"{row['name']!r} is already in people.csv as {who}; give that id instead of "
                "adding the person again (to add a second person of that name, pass "
                "--same-name, or allow_same_name=True)"
            )
        pid = row.get("person_id") or _next_id(net.people.index, "p", taken)
        taken.add(pid)
        rows.append({**row, "person_id": pid})
        ids.append(pid)
    return rows, ids


@contextlib.contextmanager
def _editing(folder: Path) -> Iterator[ReferralNetwork]:
    """Lock ``folder`` and yield its network as it is now (loaded under the lock).

    A workbook or a database is read without a lock here: its commit takes the lock
    and validates everything again inside the transaction.
    """
    store = _store(folder)
    if store is not None:
        yield ReferralNetwork.from_tables(store.read_tables(), source=store.location)
        return
    with _journal.locked(folder):
        yield ReferralNetwork.from_tables(read_tables(folder), source=str(folder))


def _resolve_or_new(
    net: ReferralNetwork,
    query: str,
    new: Mapping[str, object] | None,
    people: list[dict],
    allow_same_name: bool,
    option: str = "",
) -> str:
    """Return the id of an existing person, or queue a new person named ``query``.

    ``option`` (``--contact``) names the option that takes the existing person's id,
    for the message when ``query`` is someone already there.
    """
    if new is None:
        return net.resolve(query)
    try:
        rows, ids = _person_rows(net, [{"name": query, **new}], allow_same_name=allow_same_name)
    except NetgraphError as exc:
        if option and "is already in people.csv" in str(exc):
            hits = net._names.get(_fold(query), [])
            ids_ = " or ".join(f"{option} {p}" for p in hits[:3]) or f"{option} ID"
            raise NetgraphError(f"{exc}; that is: {ids_} (without --new-{option[2:]})") from None
        raise
    people.extend(rows)
    return ids[0]


def record_person(folder: str | Path, *, allow_same_name: bool = False, **attrs: object) -> str:
    """Add one person to ``people.csv`` and return their new ``person_id``.

    Parameters
    ----------
    folder
        The data folder.
    allow_same_name
        Add the person even when someone of the same name (ignoring case and
        spacing) is already in ``people.csv``.
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
        If ``people.csv`` lacks a column given in ``attrs``, or has a person of that
        name already.
    OutputError
        If the folder is missing or read-only, a file to change is read-only, or the
        disk refuses the write; nothing is changed then.

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
    folder = _target(folder)
    with _editing(folder) as net:
        rows, ids = _person_rows(net, [attrs], allow_same_name=allow_same_name)
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
    allow_same_name: bool = False,
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
    allow_same_name
        Add the new contact even when someone of that name is already there.

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
    OutputError
        If the folder is missing or read-only, a file to change is read-only, or the
        disk refuses the write; nothing is changed then.

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
    folder = _target(folder)
    with _editing(folder) as net:
        people: list[dict[str, str]] = []
        seeker_id = net.resolve(seeker)
        contact_id = _resolve_or_new(
            net, contact, new_contact, people, allow_same_name, "--contact"
        )
        _refuse_duplicate_interview(net, seeker_id, contact_id, date)
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


def _refuse_duplicate_interview(net: ReferralNetwork, seeker: str, contact: str, date) -> None:
    """Refuse a second interview of the same seeker with the same contact on the same day."""
    try:
        day = pd.Timestamp(date).normalize()
    except (ValueError, TypeError):
        return  # an unreadable date is reported by the validation, with its line
    iv = net.interviews
    same = iv[iv["seeker_id"].eq(seeker) & iv["contact_id"].eq(contact) & iv["date"].eq(day)]
    if len(same):
        first = same.iloc[0]
        raise NetgraphError(
            f"an interview of {net.describe(seeker)} with {net.describe(contact)} on "
            f"{day:%Y-%m-%d} is recorded already ({first['interview_id']}, {first['status']}); "
            f"change it instead: log interview --update {first['interview_id']} --status ... "
            "--thank-you DATE"
        )


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
    allow_same_name: bool = False,
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
    allow_same_name
        Add the new person even when someone of that name is already there.

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
    OutputError
        If the folder is missing or read-only, a file to change is read-only, or the
        disk refuses the write; nothing is changed then.

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
    folder = _target(folder)
    with _editing(folder) as net:
        people: list[dict[str, str]] = []
        row = _clean(
            {
                "referral_id": referral_id or _next_id(net.referrals["referral_id"], "r"),
                "interview_id": interview_id or "",
                "referrer_id": net.resolve(referrer),
                "seeker_id": net.resolve(seeker),
                "referred_id": _resolve_or_new(
                    net, referred, new_referred, people, allow_same_name, "--referred"
                ),
                "date": date,
                "status": status,
            }
        )
        path = folder / _FILES["referrals"] if isinstance(folder, Path) else None
        has_file = path is not None and path.exists()
        if referral_id is None and has_file and "referral_id" not in _header(path):
            del row["referral_id"]  # the file numbers referrals by line
        _commit(folder, {"referrals": [row], "people": people})
    return row


def record_touch(
    folder: str | Path,
    *,
    seeker: str,
    contact: str,
    date: str | pd.Timestamp,
    channel: str = "",
    notes: str = "",
    touch_id: str | None = None,
) -> dict[str, str]:
    """Append one touch (a contact that was not an interview) to ``touches.csv``.

    A touch is a message, a call, a coffee: anything that keeps a tie warm. It resets
    the keep-in-touch window, counts as a nudge on an unanswered request, and marks a
    name or a referrer as contacted (:func:`netgraph.followups`). The file is created
    when it does not exist yet.

    Parameters
    ----------
    folder
        The data folder.
    seeker, contact
        Ids or unambiguous names of people in ``people.csv``.
    date
        The day of the touch (not after today).
    channel, notes
        How (``email``, ``call``, ...) and what, in free text.
    touch_id
        Defaults to the next id like the existing ones (``t0001``).

    Returns
    -------
    dict of str to str
        The row as written.

    Raises
    ------
    DataError
        If the folder, or the folder with the new row, does not validate (an
        impossible or future date, seeker and contact the same person).
    UnknownPerson
        If the seeker or the contact is not in the folder.
    OutputError
        If the folder or a file is read-only, or the disk refuses the write.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> import netgraph as ng
    >>> folder = shutil.copytree(ng.sample_data_path(), Path(tempfile.mkdtemp()) / "data")
    >>> row = record_touch(folder, seeker="Maya", contact="p119", date="2026-08-30",
    ...                    channel="email", notes="Sent the article on patient portals")
    >>> row["touch_id"], row["contact_id"]
    ('t0001', 'p119')
    >>> ng.load(folder).touches["notes"].tolist()
    ['Sent the article on patient portals']
    >>> shutil.rmtree(folder.parent)
    """
    folder = _target(folder)
    with _editing(folder) as net:
        row = _clean(
            {
                "touch_id": touch_id or _next_id(net.touches["touch_id"], "t"),
                "seeker_id": net.resolve(seeker),
                "contact_id": net.resolve(contact),
                "date": date,
                "channel": channel,
                "notes": notes,
            }
        )
        _commit(folder, {"touches": [row]})
    return row


def _changes(values: Mapping[str, object]) -> dict[str, str]:
    return _clean({k: v for k, v in values.items() if v is not None})


def update_interview(
    folder: str | Path,
    interview_id: str,
    *,
    status: str | None = None,
    thank_you_sent: str | pd.Timestamp | None = None,
    follow_up_due: str | pd.Timestamp | None = None,
    date: str | pd.Timestamp | None = None,
    channel: str | None = None,
    notes: str | None = None,
) -> dict[str, str]:
    """Change a recorded interview: its status, thank-you, follow-up, date, channel or notes.

    Only the given columns change; the row is validated with the rest of the data
    first (a thank-you before the interview is refused) and written like every
    ``log``: all or nothing, every other row untouched.

    Parameters
    ----------
    folder
        The data folder (or workbook, or database).
    interview_id
        The interview to change.
    status, thank_you_sent, follow_up_due, date, channel, notes
        The new values; ``None`` leaves a column as it is.

    Returns
    -------
    dict of str to str
        ``interview_id`` and the columns changed, as written.

    Raises
    ------
    NetgraphError
        If there is no such interview, or nothing to change.
    DataError
        If the changed row would not validate.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> import netgraph as ng
    >>> folder = shutil.copytree(ng.sample_data_path(), Path(tempfile.mkdtemp()) / "data")
    >>> iid = ng.load(folder).interviews["interview_id"].iloc[0]
    >>> update_interview(folder, iid, status="completed", notes="Follow up in May")["notes"]
    'Follow up in May'
    >>> ng.load(folder).interviews.set_index("interview_id").at[iid, "notes"]
    'Follow up in May'
    >>> shutil.rmtree(folder.parent)
    """
    values = _changes(
        {
            "status": status,
            "thank_you_sent": thank_you_sent,
            "follow_up_due": follow_up_due,
            "date": date,
            "channel": channel,
            "notes": notes,
        }
    )
    return _update(folder, "interviews", "interview_id", interview_id, values)


def update_referral(
    folder: str | Path,
    referral_id: str,
    *,
    status: str | None = None,
    date: str | pd.Timestamp | None = None,
) -> dict[str, str]:
    """Change a recorded referral's status (named, introduced, contacted, ...) or date.

    Like :func:`update_interview`: validated first, all or nothing, other rows untouched.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> import netgraph as ng
    >>> folder = shutil.copytree(ng.sample_data_path(), Path(tempfile.mkdtemp()) / "data")
    >>> rid = ng.load(folder).referrals["referral_id"].iloc[0]
    >>> update_referral(folder, rid, status="contacted")["status"]
    'contacted'
    >>> shutil.rmtree(folder.parent)
    """
    values = _changes({"status": status, "date": date})
    return _update(folder, "referrals", "referral_id", referral_id, values)


def _update(folder, table: str, key: str, value: str, values: dict[str, str]) -> dict[str, str]:
    if not values:
        raise NetgraphError(f"nothing to change in {value!r}: give a new value (--status ...)")
    folder = _target(folder)
    with _editing(folder) as net:
        frame = getattr(net, table)
        ids = frame[key].astype(str)
        if str(value).strip() not in set(ids):
            close = difflib.get_close_matches(str(value), list(ids), n=3)
            hint = f" (did you mean: {', '.join(close)}?)" if close else ""
            raise NetgraphError(f"no {key} {value!r} in the {table}{hint}")
        path = folder / _FILES[table] if isinstance(folder, Path) else None
        if path is not None and path.exists() and key not in _header(path):
            raise NetgraphError(
                f"{path.name} has no {key} column (its rows are numbered by line); add a "
                f"{key} column to change a row by id"
            )
        _commit(folder, {}, updates={table: [({key: str(value).strip()}, values)]})
    return {key: str(value).strip(), **values}


def record_tie(
    folder: str | Path,
    person_a: str,
    person_b: str,
    *,
    kind: str | None = None,
    strength: float | str | None = None,
    since: str | pd.Timestamp | None = None,
) -> dict[str, str]:
    """Add a tie between two people, or change the kind, strength or date of theirs.

    Parameters
    ----------
    folder
        The data folder (or workbook, or database).
    person_a, person_b
        Ids or unambiguous names.
    kind, strength, since
        The tie's columns (``mentor``, ``0.8``, ``2024-09-01``); when the two have a
        tie already, only those given change.

    Returns
    -------
    dict of str to str
        The tie's ``person_a`` and ``person_b`` and the columns written, with
        ``"action"`` ``"added"`` or ``"changed"``.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> import netgraph as ng
    >>> folder = shutil.copytree(ng.sample_data_path(), Path(tempfile.mkdtemp()) / "data")
    >>> record_tie(folder, "p001", "p002", kind="mentor")["action"]
    'added'
    >>> record_tie(folder, "p002", "p001", kind="family")["action"]
    'changed'
    >>> ng.load(folder).ties.iloc[-1][["person_a", "person_b", "kind"]].tolist()
    ['p001', 'p002', 'family']
    >>> shutil.rmtree(folder.parent)
    """
    values = _changes({"kind": kind, "strength": strength, "since": since})
    folder = _target(folder)
    with _editing(folder) as net:
        a, b = net.resolve(person_a), net.resolve(person_b)
        if a == b:
            raise NetgraphError(f"a tie needs two different people (got {net.describe(a)} twice)")
        ties = net.ties
        fwd = ties["person_a"].eq(a) & ties["person_b"].eq(b)
        back = ties["person_a"].eq(b) & ties["person_b"].eq(a)
        if (fwd | back).sum() > 1:
            raise NetgraphError(
                f"{net.describe(a)} and {net.describe(b)} have several ties; change them in "
                "the file itself"
            )
        if (fwd | back).any():
            if not values:
                raise NetgraphError("they have a tie already; give --kind, --strength or --since")
            pa, pb = (a, b) if fwd.any() else (b, a)
            _commit(folder, {}, updates={"ties": [({"person_a": pa, "person_b": pb}, values)]})
            return {"action": "changed", "person_a": pa, "person_b": pb, **values}
        row = {"person_a": a, "person_b": b, **values}
        _commit(folder, {"ties": [row]})
    return {"action": "added", **row}
