"""Google Contacts CSV exports, in the current layout and the legacy one.

The current layout (contacts.google.com, Export > Google CSV) has ``First Name``,
``Middle Name``, ``Last Name``, ``Organization Name``, ``Organization Title``,
``Labels`` and ``E-mail 1 - Value``...; the legacy one ``Name``, ``Given Name``,
``Family Name``, ``Group Membership``, ``Organization 1 - Name``,
``Organization 1 - Title`` and ``E-mail 1 - Value``. A cell holding several values
separates them with `` ::: ``. Labels (groups) become tags, except Google's own
(``* myContacts``, ``* starred``).
"""

from __future__ import annotations

import re
from pathlib import Path

from netgraph.sources._contacts import (
    Contact,
    ImportResult,
    ignored_columns,
    merge,
    read_rows,
    split_multi,
)

__all__ = ["import_google", "read_google"]

_WHAT = (
    "a Google Contacts CSV: a header row with First Name, Last Name, ... E-mail 1 - Value "
    "(or the legacy Name, Given Name, ... Organization 1 - Name)"
)


def _is_header(cells: list[str]) -> bool:
    names = set(cells)
    current = {"First Name", "Last Name"} <= names and any(c.startswith("E-mail 1") for c in names)
    legacy = {"Name", "Given Name"} <= names
    return current or legacy


def read_google(path: str | Path) -> tuple[list[Contact], list[tuple[int, str]], list[str]]:
    """Read a Google Contacts CSV: the contacts, rows skipped (no name), unread columns."""
    path = Path(path)
    header, rows = read_rows(path, what=_WHAT, is_header=_is_header)
    legacy = "Given Name" in header
    email_cols = [h for h in header if re.fullmatch(r"E-mail \d+ - Value", h)]
    phone_cols = [h for h in header if re.fullmatch(r"Phone \d+ - Value", h)]
    site_cols = [h for h in header if re.fullmatch(r"Website \d+ - Value", h)]
    if legacy:
        parts, org_col, title_col, labels_col = (
            ("Given Name", "Additional Name", "Family Name"),
            "Organization 1 - Name",
            "Organization 1 - Title",
            "Group Membership",
        )
        full = "Name"
    else:
        parts, org_col, title_col, labels_col = (
            ("First Name", "Middle Name", "Last Name"),
            "Organization Name",
            "Organization Title",
            "Labels",
        )
        full = "File As"
    used = {
        *parts,
        full,
        org_col,
        title_col,
        labels_col,
        "Notes",
        "Nickname",
        *email_cols,
        *phone_cols,
        *site_cols,
    }
    contacts, skipped = [], []
    for line, row in rows:
        name = " ".join(" ".join(row.get(p, "") for p in parts).split())
        name = name or " ".join(row.get(full, "").split()) or row.get("Nickname", "").strip()
        if not name:
            skipped.append((line, "no name"))
            continue
        emails = tuple(dict.fromkeys(e for c in email_cols for e in split_multi(row.get(c, ""))))
        phones = [p for c in phone_cols for p in split_multi(row.get(c, ""))]
        sites = [s for c in site_cols for s in split_multi(row.get(c, ""))]
        url = next((s for s in sites if "linkedin.com" in s.lower()), sites[0] if sites else "")
        labels = tuple(x for x in split_multi(row.get(labels_col, "")) if not x.startswith("*"))
        orgs = split_multi(row.get(org_col, ""))
        titles = split_multi(row.get(title_col, ""))
        contacts.append(
            Contact(
                name=name,
                line=line,
                emails=emails,
                organization=orgs[0] if orgs else "",
                title=titles[0] if titles else "",
                url=url,
                phone=";".join(phones),
                tags=labels,
                notes=row.get("Notes", "").strip(),
            )
        )
    return contacts, skipped, ignored_columns(header, rows, used)


def import_google(target: str | Path, path: str | Path, *, me: str | None = None) -> ImportResult:
    r"""Merge a Google Contacts CSV into a store (see :func:`netgraph.sources._contacts.merge`).

    Each contact becomes a person (matched to one already there when the e-mail, the
    profile URL or the name and organization agree) with a tie of kind ``contact``
    to the user.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from netgraph.sources.csv_folder import init
    >>> tmp = Path(tempfile.mkdtemp())
    >>> folder = init(tmp / "mine", name="Ana López")
    >>> _ = (tmp / "contacts.csv").write_text(
    ...     "First Name,Last Name,Organization Name,Labels,E-mail 1 - Value\n"
    ...     "Wei,Zhang,Acme,* myContacts ::: Mentors,wei@acme.example ::: wz@home.example\n")
    >>> import_google(folder, tmp / "contacts.csv").added
    [('p002', 'Wei Zhang')]
    """
    path = Path(path)
    contacts, skipped, ignored = read_google(path)
    return merge(
        target,
        contacts,
        fmt="google",
        file=path.name,
        me=me,
        tie_kind="contact",
        skipped=skipped,
        ignored=ignored,
    )
