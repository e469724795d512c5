"""Any other CSV export (alumni platforms, career-center CRMs), through a column mapping.

The mapping is a TOML file the user writes (read with :mod:`tomllib`)::

    [columns]                 # netgraph column = the export's column
    name = "Full Name"        # or first_name = "First" and last_name = "Last"
    email = "Preferred Email"
    organization = "Employer"
    title = "Job Title"
    grad_year = "Class Year"

    [values]                  # the same value in every row
    role = "alum"

    [tie]                     # optional: the tie from you (--me) to each person
    kind = "alumni"

Without ``[tie]`` and without ``--me`` the people are added with no ties (a
career center's list of alumni); with either, each gets a tie to you.

Columns: ``name`` (or ``first_name`` and ``last_name``), ``email`` (several
addresses may be ``;``-separated), ``organization``, ``title``, ``profile_url``,
``phone``, ``tags``, ``notes``, ``since`` (the tie's date), ``referred_by``, any people
column (``role``, ``industry``, ``grad_year``, ``major``, ...) and any other name,
which becomes a column of its own. The header is the first row that holds every
mapped column.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from netgraph.errors import DataError, Problem
from netgraph.sources._contacts import Contact, ImportResult, ignored_columns, merge, read_rows

__all__ = ["import_mapped", "read_mapped", "read_mapping"]

_SPECIAL = (
    "name",
    "first_name",
    "last_name",
    "email",
    "organization",
    "title",
    "profile_url",
    "phone",
    "tags",
    "notes",
    "since",
    "referred_by",
)
_RESERVED = ("person_id", "import_key")


def read_mapping(path: str | Path) -> dict:
    """Read and check a mapping file; return ``{"columns", "values", "tie"}``.

    Raises
    ------
    DataError
        If the file is not TOML or the mapping is incomplete, naming what is wrong.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise DataError([Problem(str(path), None, None, str(path), "a mapping file (.toml)")])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise DataError(
            [
                Problem(
                    name,
                    int(m.group(1)) if m else None,
                    None,
                    str(exc)[:80],
                    "a TOML mapping (see the README's example)",
                )
            ]
        ) from None
    problems = []
    columns = data.get("columns")
    if not isinstance(columns, dict) or not columns:
        problems.append(
            Problem(
                name,
                None,
                "columns",
                "",
                'a [columns] table: netgraph column = "the export\'s column"',
            )
        )
        columns = {}
    for key, value in columns.items():
        if not isinstance(value, str) or not value.strip():
            problems.append(
                Problem(
                    name, None, key, str(value), "the name of a column in the export, in quotes"
                )
            )
        if key in _RESERVED:
            problems.append(
                Problem(
                    name,
                    None,
                    key,
                    key,
                    "a column netgraph does not assign itself (person_id is generated)",
                )
            )
    if columns and "name" not in columns and not {"first_name", "last_name"} & set(columns):
        problems.append(
            Problem(
                name,
                None,
                "columns",
                ", ".join(columns),
                'a name column: name = "..." or first_name and last_name',
            )
        )
    for section in ("values", "tie"):
        if section in data and not isinstance(data[section], dict):
            problems.append(
                Problem(name, None, section, str(data[section]), f"a [{section}] table")
            )
    unknown = sorted(set(data) - {"columns", "values", "tie"})
    if unknown:
        problems.append(
            Problem(
                name,
                None,
                None,
                ", ".join(unknown),
                "only the tables [columns], [values] and [tie]",
            )
        )
    if problems:
        raise DataError(problems)
    return {"columns": columns, "values": data.get("values", {}), "tie": data.get("tie", {})}


def read_mapped(
    path: str | Path, mapping: dict, mapping_name: str = "mapping"
) -> tuple[list[Contact], list[tuple[int, str]], list[str]]:
    """Read an export through a mapping: the contacts, rows skipped, unread columns."""
    path = Path(path)
    columns: dict[str, str] = {k: v.strip() for k, v in mapping["columns"].items()}
    wanted = set(columns.values())
    try:
        header, rows = read_rows(
            path,
            what="a CSV file with a header row holding every column the mapping names: "
            + ", ".join(sorted(wanted)),
            is_header=lambda cells: wanted <= set(cells),
        )
    except DataError as exc:
        if any(p.expected.startswith("a CSV file with a header") for p in exc.problems):
            # say which mapped columns are missing from the first row
            from netgraph.sources._contacts import decode

            first = decode(path, "a CSV file").splitlines()[:1]
            have = {c.strip() for c in first[0].split(",")} if first else set()
            missing = sorted(wanted - have)
            raise DataError(
                [
                    Problem(
                        mapping_name,
                        None,
                        k,
                        v,
                        f"a column of {path.name} (it has: {', '.join(sorted(have))[:200]})",
                    )
                    for k, v in columns.items()
                    if v in missing
                ]
                or exc.problems
            ) from None
        raise
    values = {k: str(v) for k, v in mapping["values"].items()}
    contacts, skipped = [], []
    for line, row in rows:
        cell = {k: row.get(v, "").strip() for k, v in columns.items()}
        merged = {**values, **{k: v for k, v in cell.items() if v}}
        name = merged.get("name") or " ".join(
            f"{merged.get('first_name', '')} {merged.get('last_name', '')}".split()
        )
        if not name:
            skipped.append((line, "no name"))
            continue
        emails = tuple(e for e in re.split(r"[;,\s]+", merged.get("email", "")) if e)
        extra = {k: v for k, v in merged.items() if k not in _SPECIAL}
        tags = tuple(t.strip() for t in merged.get("tags", "").split(";") if t.strip())
        contacts.append(
            Contact(
                name=" ".join(name.split()),
                line=line,
                emails=emails,
                organization=merged.get("organization", ""),
                title=merged.get("title", ""),
                url=merged.get("profile_url", ""),
                phone=merged.get("phone", ""),
                tags=tags,
                notes=merged.get("notes", ""),
                since=merged.get("since", ""),
                referred_by=merged.get("referred_by", ""),
                extra=extra,
            )
        )
    return contacts, skipped, ignored_columns(header, rows, wanted)


def import_mapped(
    target: str | Path, path: str | Path, *, mapping: str | Path, me: str | None = None
) -> ImportResult:
    r"""Merge any CSV export into a store through a column mapping (see the module).

    Values are checked like every other row: a ``grad_year`` of ``soon`` or a ``role``
    netgraph does not know is a problem naming the people table and the row it would
    be, and nothing is written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from netgraph.sources.csv_folder import init
    >>> tmp = Path(tempfile.mkdtemp())
    >>> folder = init(tmp / "mine", name="Ana López")
    >>> _ = (tmp / "alumni.csv").write_text("Full Name,Employer,Class Year\n"
    ...                                     "Omar Ali,Acme,2011\n")
    >>> _ = (tmp / "map.toml").write_text('[columns]\nname = "Full Name"\n'
    ...     'organization = "Employer"\ngrad_year = "Class Year"\n[values]\nrole = "alum"\n')
    >>> import_mapped(folder, tmp / "alumni.csv", mapping=tmp / "map.toml").added
    [('p002', 'Omar Ali')]
    """
    path, mapping = Path(path), Path(mapping)
    spec = read_mapping(mapping)
    contacts, skipped, ignored = read_mapped(path, spec, mapping.name)
    tie = spec["tie"]
    if "strength" in tie:
        for c in contacts:
            c.strength = float(tie["strength"])
    return merge(
        target,
        contacts,
        fmt="mapped",
        file=path.name,
        me=me,
        tie_kind=str(tie.get("kind", "contact")),
        with_ties=bool(tie) or me is not None,
        skipped=skipped,
        ignored=ignored,
    )
