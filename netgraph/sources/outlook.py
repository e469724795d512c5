"""Outlook contacts CSV exports (Outlook, Outlook.com: File > Export > CSV).

The header holds ``First Name``, ``Middle Name``, ``Last Name``, ``E-mail Address``,
``E-mail 2 Address``, ``Company``, ``Job Title``, ``Web Page``, ``Categories``,
``Notes`` and ``Referred By``, among many others. A ``Referred By`` name becomes a
referral: that person (matched by name, or added) named the contact to you.
"""

from __future__ import annotations

from pathlib import Path

from netgraph.sources._contacts import Contact, ImportResult, ignored_columns, merge, read_rows

__all__ = ["import_outlook", "read_outlook"]

_WHAT = (
    "an Outlook contacts CSV: a header row with First Name, Last Name, E-mail Address, "
    "Company, Job Title, ..."
)
_EMAILS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
_PHONES = ("Mobile Phone", "Business Phone", "Home Phone")


def _is_header(cells: list[str]) -> bool:
    return {"First Name", "Last Name", "E-mail Address"} <= set(cells)


def read_outlook(path: str | Path) -> tuple[list[Contact], list[tuple[int, str]], list[str]]:
    """Read an Outlook CSV: the contacts, rows skipped (no name), unread columns."""
    path = Path(path)
    header, rows = read_rows(path, what=_WHAT, is_header=_is_header)
    parts = ("First Name", "Middle Name", "Last Name")
    used = {
        *parts,
        *_EMAILS,
        *_PHONES,
        "Company",
        "Job Title",
        "Web Page",
        "Categories",
        "Notes",
        "Referred By",
        "Title",
        "Suffix",
        "Nickname",
    }
    contacts, skipped = [], []
    for line, row in rows:
        name = " ".join(" ".join(row.get(p, "") for p in parts).split())
        name = name or row.get("Nickname", "").strip()
        if not name:
            skipped.append((line, "no name"))
            continue
        emails = tuple(dict.fromkeys(row[c].strip() for c in _EMAILS if row.get(c, "").strip()))
        tags = tuple(t.strip() for t in row.get("Categories", "").split(";") if t.strip())
        contacts.append(
            Contact(
                name=name,
                line=line,
                emails=emails,
                organization=row.get("Company", "").strip(),
                title=row.get("Job Title", "").strip(),
                url=row.get("Web Page", "").strip(),
                phone=";".join(row[c].strip() for c in _PHONES if row.get(c, "").strip()),
                tags=tags,
                notes=row.get("Notes", "").strip(),
                referred_by=row.get("Referred By", "").strip(),
            )
        )
    return contacts, skipped, ignored_columns(header, rows, used)


def import_outlook(target: str | Path, path: str | Path, *, me: str | None = None) -> ImportResult:
    r"""Merge an Outlook contacts CSV into a store; ``Referred By`` becomes a referral.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import netgraph as ng
    >>> from netgraph.sources.csv_folder import init
    >>> tmp = Path(tempfile.mkdtemp())
    >>> folder = init(tmp / "mine", name="Ana López")
    >>> _ = (tmp / "outlook.csv").write_text(
    ...     "First Name,Last Name,E-mail Address,Company,Referred By\n"
    ...     "Grace,Obi,grace@larkspur.example,Larkspur,Wei Zhang\n")
    >>> result = import_outlook(folder, tmp / "outlook.csv")
    >>> result.added, result.referrals
    ([('p002', 'Grace Obi'), ('p003', 'Wei Zhang')], 1)
    """
    path = Path(path)
    contacts, skipped, ignored = read_outlook(path)
    return merge(
        target,
        contacts,
        fmt="outlook",
        file=path.name,
        me=me,
        tie_kind="contact",
        skipped=skipped,
        ignored=ignored,
    )
