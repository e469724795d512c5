"""LinkedIn's data export: ``Connections.csv``, and ``messages.csv`` and ``Invitations.csv``.

``Connections.csv`` starts with a ``Notes:`` preamble of a few lines (its length has
changed over the years) and sometimes a BOM; the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On`` is found
wherever it is. Each connection becomes a person (Company and Position as
organization and title, the profile URL kept in ``profile_url``) and a tie of kind
``connection`` to the user since ``Connected On`` (``15 Mar 2024``).

When ``messages.csv`` or ``Invitations.csv`` lie beside it (they do in the export's
folder), a connection's tie strength is raised by how often and how recently you
wrote to each other:

``strength = 0.5 + 0.25 * (1 - 2 ** (-n / 5)) + 0.2 * 2 ** (-age / 365)``

where ``n`` counts the messages and invitation notes exchanged and ``age`` is the
days from the last of them to the newest message in the export; 0.5 is what a tie of
an unknown kind counts for anyway (:data:`netgraph.network.DEFAULT_TIE_STRENGTH`), so
people you never wrote to keep it. Five messages this month: about 0.82.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from netgraph.errors import DataError, Problem
from netgraph.sources._contacts import (
    Contact,
    ImportResult,
    ignored_columns,
    merge,
    norm_url,
    read_rows,
)

__all__ = ["HEADER", "import_linkedin", "read_connections", "tie_strength"]

HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
TIE_KIND = "connection"
_WHAT = (
    "a LinkedIn Connections.csv: a header row with " + ",".join(HEADER) + " (from LinkedIn's "
    "Settings > Data privacy > Get a copy of your data)"
)


def tie_strength(n_messages: int, age_days: float) -> float:
    """Return a connection's tie strength from how often and how recently you wrote.

    Examples
    --------
    >>> tie_strength(0, 10_000) < 0.51
    True
    >>> round(tie_strength(5, 0), 3)
    0.825
    """
    frequency = 1 - 2 ** (-n_messages / 5)
    recency = 2 ** (-max(age_days, 0) / 365) if n_messages else 0.0
    return round(min(0.95, 0.5 + 0.25 * frequency + 0.2 * recency), 3)


def _connected_on(text: str) -> str | None:
    text = text.strip()
    for fmt in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%b %d, %Y"):
        try:
            return f"{dt.datetime.strptime(text, fmt):%Y-%m-%d}"
        except ValueError:
            continue
    return None


def read_connections(path: str | Path) -> tuple[list[Contact], list[tuple[int, str]], list[str]]:
    """Read ``Connections.csv``: the contacts, rows skipped (no name), unread columns.

    Raises
    ------
    DataError
        If the file is not a Connections.csv, is cut short, or holds a bad date; every
        problem names the line.
    """
    path = Path(path)
    header, rows = read_rows(
        path, what=_WHAT, is_header=lambda cells: "First Name" in cells and "Last Name" in cells
    )
    problems, contacts, skipped = [], [], []
    for line, row in rows:
        name = " ".join(f"{row.get('First Name', '')} {row.get('Last Name', '')}".split())
        if not name:
            skipped.append((line, "no name"))
            continue
        since = ""
        raw = row.get("Connected On", "").strip()
        if raw:
            since = _connected_on(raw) or ""
            if not since:
                problems.append(
                    Problem(path.name, line, "Connected On", raw, "a date like 15 Mar 2024")
                )
        email = row.get("Email Address", "").strip()
        contacts.append(
            Contact(
                name=name,
                line=line,
                emails=(email,) if email else (),
                organization=row.get("Company", "").strip(),
                title=row.get("Position", "").strip(),
                url=row.get("URL", "").strip(),
                since=since,
            )
        )
    if problems:
        raise DataError(problems)
    return contacts, skipped, ignored_columns(header, rows, set(HEADER))


def _message_date(text: str) -> dt.datetime | None:
    text = text.strip().removesuffix(" UTC")
    for fmt in (
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%m/%d/%y, %I:%M %p",
        "%m/%d/%Y, %I:%M %p",
        "%Y-%m-%d",
    ):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def read_activity(folder: Path) -> tuple[dict[str, tuple[int, dt.datetime]], list[str]]:
    """Count messages and invitation notes per profile URL in ``messages.csv``/``Invitations.csv``.

    Returns ``{normalised URL: (count, last date)}`` and which files were read.
    """
    seen: dict[str, tuple[int, dt.datetime]] = {}
    used = []

    def count(urls: list[str], when: dt.datetime | None) -> None:
        if when is None:
            return
        for url in {norm_url(u) for u in urls if norm_url(u)}:
            n, last = seen.get(url, (0, when))
            seen[url] = (n + 1, max(last, when))

    messages = folder / "messages.csv"
    if messages.is_file():
        _, rows = read_rows(
            messages,
            what="LinkedIn's messages.csv (a header with FROM, TO, DATE, SENDER PROFILE URL)",
            is_header=lambda c: "DATE" in c and "SENDER PROFILE URL" in c,
        )
        for _, row in rows:
            urls = [row.get("SENDER PROFILE URL", "")]
            urls += row.get("RECIPIENT PROFILE URLS", "").replace(",", " ").split()
            count(urls, _message_date(row.get("DATE", "")))
        used.append("messages.csv")
    invitations = folder / "Invitations.csv"
    if invitations.is_file():
        _, rows = read_rows(
            invitations,
            what="LinkedIn's Invitations.csv (a header with From, To, Sent At, Message)",
            is_header=lambda c: "Sent At" in c and "From" in c,
        )
        for _, row in rows:
            if row.get("Message", "").strip():
                urls = [row.get("inviterProfileUrl", ""), row.get("inviteeProfileUrl", "")]
                count(urls, _message_date(row.get("Sent At", "")))
        used.append("Invitations.csv")
    return seen, used


def import_linkedin(target: str | Path, path: str | Path, *, me: str | None = None) -> ImportResult:
    r"""Merge a LinkedIn ``Connections.csv`` (and the messages beside it) into a store.

    Parameters
    ----------
    target
        The data folder (or workbook, or database) to merge into.
    path
        ``Connections.csv``; ``messages.csv`` and ``Invitations.csv`` in the same
        folder are read too when there.
    me
        The user (id or name) whose connections these are; by default the only
        person (or the only seeker) in ``target``.

    Returns
    -------
    ImportResult
        What was added, matched and left for review.

    Raises
    ------
    DataError
        If a file is not what it should be (nothing is written then).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from netgraph.sources.csv_folder import init
    >>> tmp = Path(tempfile.mkdtemp())
    >>> folder = init(tmp / "mine", name="Ana López")
    >>> _ = (tmp / "Connections.csv").write_text(
    ...     "Notes:\n\"When exporting, some e-mails may be missing.\"\n\n"
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    ...     "Noor,Haddad,https://www.linkedin.com/in/noor,,Larkspur,Nurse,15 Mar 2024\n")
    >>> import_linkedin(folder, tmp / "Connections.csv").added
    [('p002', 'Noor Haddad')]
    >>> import_linkedin(folder, tmp / "Connections.csv").added
    []
    """
    path = Path(path)
    contacts, skipped, ignored = read_connections(path)
    activity, used = read_activity(path.parent)
    notes = []
    if activity:
        newest = max(last for _, last in activity.values())
        raised = 0
        for c in contacts:
            hit = activity.get(norm_url(c.url))
            if hit:
                n, last = hit
                c.strength = tie_strength(n, (newest - last).total_seconds() / 86400)
                raised += 1
        notes.append(f"tie strength from {' and '.join(used)}: {raised} connections you wrote with")
    elif used:
        notes.append(f"read {' and '.join(used)}: no messages with these connections")
    return merge(
        target,
        contacts,
        fmt="linkedin",
        file=path.name,
        me=me,
        tie_kind=TIE_KIND,
        skipped=skipped,
        ignored=ignored,
        notes=notes,
    )
