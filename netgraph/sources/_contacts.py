"""What the importers share: reading an export, matching people, merging into a store.

Each importer turns its file into :class:`Contact` records; :func:`merge` matches
them to the people already in the store and writes the new people, ties and
referrals in one commit (validated first: all of it or nothing).

Matching, in this order:

1. a contact imported before from the same file (the ``import_key`` column holds a
   hash of each imported contact's identity), so importing a file again adds nobody;
2. the same e-mail address (case ignored);
3. the same profile URL (scheme, ``www.``, case and a trailing ``/`` ignored);
4. the same name (case, accents and spacing ignored) and the same organization.

The same name with a different or missing organization is *uncertain*: the contact
is added as a new person and listed for review with the people it may be, never
merged silently.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from netgraph.errors import DataError, NetgraphError, Problem

KNOWN = (
    "role",
    "industry",
    "seniority",
    "grad_year",
    "major",
    "location",
)
"""People columns an importer may fill besides name, e-mail, organization and title."""


@dataclass
class Contact:
    """One person as an export describes them."""

    name: str
    line: int
    emails: tuple[str, ...] = ()
    organization: str = ""
    title: str = ""
    url: str = ""
    phone: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    since: str = ""
    """The date the tie to the user began (``YYYY-MM-DD``), if the export says."""
    strength: float | None = None
    referred_by: str = ""
    """The name of the person who referred this contact (Outlook's ``Referred By``)."""
    extra: dict[str, str] = field(default_factory=dict)
    """Other people columns (``role``, ``grad_year``, ...) and the user's own ones."""

    def key(self, fmt: str) -> str:
        """Return the import key: a hash of the format and what identifies the contact."""
        who = "|".join(
            [
                fmt,
                fold(self.name),
                *sorted(e.lower() for e in self.emails),
                norm_url(self.url),
                fold(self.organization),
            ]
        )
        return f"{fmt}:{hashlib.blake2b(who.encode(), digest_size=6).hexdigest()}"


@dataclass
class ImportResult:
    """What an import added and what it left for the user to check.

    Attributes
    ----------
    added
        ``(person_id, name)`` of each new person.
    matched
        ``(name in the file, person_id, how)``: contacts found already in the store.
    review
        ``(person_id, name, candidates)``: contacts added although someone of the same
        name is there (with another or no organization); ``candidates`` describes them.
    ties, referrals
        How many ties and referrals were added.
    skipped
        ``(line, why)`` of rows that describe nobody (no name).
    ignored
        Columns of the export that netgraph does not read and that hold values.
    """

    format: str
    file: str
    target: str
    added: list[tuple[str, str]] = field(default_factory=list)
    matched: list[tuple[str, str, str]] = field(default_factory=list)
    review: list[tuple[str, str, list[str]]] = field(default_factory=list)
    ties: int = 0
    referrals: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Return the report printed by ``python -m netgraph import``."""
        how: dict[str, int] = {}
        for _, _, h in self.matched:
            how[h] = how.get(h, 0) + 1
        by = ", ".join(f"{n} by {h}" for h, n in sorted(how.items()))
        lines = [
            f"imported {self.format} {self.file} into {self.target}: "
            f"{len(self.added)} people added, {len(self.matched)} already there"
            + (f" ({by})" if by else "")
            + f", {self.ties} ties and {self.referrals} referrals added"
        ]
        if not self.added and not self.ties and not self.referrals:
            lines[0] += " (nothing new)"
        lines += [f"  {n}" for n in self.notes]
        if self.review:
            lines.append(
                "check these: added as new people, but someone of the same name is there "
                "(merge them by hand if they are the same person):"
            )
            lines += [f"  {pid} {name}: maybe {', '.join(c)}" for pid, name, c in self.review]
        if self.skipped:
            lines.append(
                f"skipped {len(self.skipped)} row{'s' if len(self.skipped) != 1 else ''} "
                f"without a name (line{'s' if len(self.skipped) != 1 else ''} "
                + ", ".join(str(line) for line, _ in self.skipped[:10])
                + (", ..." if len(self.skipped) > 10 else "")
                + ")"
            )
        if self.ignored:
            lines.append("columns not imported: " + ", ".join(self.ignored))
        return "\n".join(lines)


# ------------------------------------------------------------------ normalising
def fold(text: object) -> str:
    """Return a name or organization ignoring case, accents and spacing.

    Examples
    --------
    >>> fold("  José  ÁLVAREZ ")
    'jose alvarez'
    """
    from netgraph.network import _fold

    return _fold(str(text or ""))


def norm_url(url: str) -> str:
    """Return a profile URL without scheme, ``www.``, query, case or trailing ``/``.

    Examples
    --------
    >>> norm_url("https://www.LinkedIn.com/in/ana-lopez/?trk=x")
    'linkedin.com/in/ana-lopez'
    """
    text = str(url or "").strip().lower()
    text = re.sub(r"^[a-z]+://", "", text)
    text = text.removeprefix("www.")
    return text.split("?", 1)[0].split("#", 1)[0].rstrip("/")


def split_multi(value: str, sep: str = " ::: ") -> list[str]:
    """Split a cell holding several values (Google's `` ::: ``) and drop empty ones."""
    return [v.strip() for v in str(value or "").split(sep) if v.strip()]


# ---------------------------------------------------------------- reading exports
def decode(path: Path, what: str) -> str:
    """Return a text export's content (UTF-8 with or without BOM, or UTF-16 with BOM).

    Raises
    ------
    DataError
        If the file is missing, binary (a workbook, a zip, a PDF) or not UTF-8.
    """
    name = path.name
    if not path.is_file():
        why = "a folder" if path.exists() else "nothing is there"
        raise DataError([Problem(str(path), None, None, str(path), f"{what} ({why})")])
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:4096] or raw.startswith((b"PK\x03\x04", b"%PDF")):
        kind = "a zip or Excel file" if raw.startswith(b"PK") else "binary data"
        raise DataError([Problem(name, None, None, f"{name} ({kind})", f"{what} (a text file)")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    name,
                    line,
                    None,
                    repr(raw[exc.start : exc.start + 4]),
                    "UTF-8 text (save or export it as UTF-8)",
                )
            ]
        ) from None


def read_rows(
    path: Path,
    *,
    what: str,
    is_header: Callable[[list[str]], bool],
    look: int = 50,
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV export: find its header, return it and ``(line, row)`` for each record.

    The header is the first record (within ``look`` lines) for which ``is_header``
    holds, wherever it is: LinkedIn puts a ``Notes:`` preamble of varying length above
    it. Records that are cut short (fewer cells than the header: a truncated export)
    or too long are problems, each with its line; blank lines are skipped.

    Raises
    ------
    DataError
        With every problem found, naming the file, line and what was expected.
    """
    text = decode(path, what)
    name = path.name
    lines = text.splitlines(keepends=True)
    start = None
    for i, line in enumerate(lines[:look]):
        try:
            cells = next(csv.reader([line]), [])
        except csv.Error:
            continue
        if is_header([c.strip() for c in cells]):
            start = i
            break
    if start is None:
        first = lines[0].strip() if lines else ""
        raise DataError([Problem(name, 1 if lines else None, None, first[:80], what)])
    body = "".join(lines[start:])
    reader = csv.reader(io.StringIO(body, newline=""), strict=True)
    problems: list[Problem] = []
    out: list[tuple[int, dict[str, str]]] = []
    try:
        header = [h.strip() for h in next(reader)]
        width = len(header)
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            line = start + reader.line_num
            if not record or not any(c.strip() for c in record):
                continue
            if len(record) < width:
                problems.append(
                    Problem(
                        name,
                        line,
                        header[len(record)],
                        ",".join(record)[-60:],
                        f"a complete row of {width} cells (got {len(record)}; is the "
                        "export cut short?)",
                    )
                )
                continue
            if len(record) > width and any(c.strip() for c in record[width:]):
                problems.append(
                    Problem(
                        name,
                        line,
                        None,
                        ",".join(record)[-60:],
                        f"a row of {width} cells, like the header (got {len(record)})",
                    )
                )
                continue
            out.append((line, dict(zip(header, record, strict=False))))
    except csv.Error as exc:
        problems.append(
            Problem(
                name,
                start + reader.line_num,
                None,
                str(exc),
                "a well-formed CSV row (quotes closed; is the export cut short?)",
            )
        )
    if problems:
        raise DataError(problems)
    return header, out


def ignored_columns(
    header: Iterable[str], rows: list[tuple[int, dict[str, str]]], used: set[str]
) -> list[str]:
    """Return the columns not in ``used`` that hold a value in some row."""
    return [h for h in header if h and h not in used and any(r.get(h, "").strip() for _, r in rows)]


# --------------------------------------------------------------------- merging
@dataclass
class _Index:
    """Where to find people already known (in the store or added by this import)."""

    keys: dict[str, str] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)
    orgs: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def add(
        self, pid: str, name: str, org: str, emails: Iterable[str], url: str, keys: Iterable[str]
    ) -> None:
        for k in keys:
            self.keys.setdefault(k, pid)
        for e in emails:
            if e.strip():
                self.emails.setdefault(e.strip().lower(), pid)
        if norm_url(url):
            self.urls.setdefault(norm_url(url), pid)
        self.names.setdefault(fold(name), []).append(pid)
        self.orgs[pid] = fold(org)
        self.labels[pid] = f"{pid} ({name}{', ' + org if org else ', no organization'})"


_URL_COLUMNS = ("profile_url", "linkedin", "linkedin_url", "url")


def _index(people: pd.DataFrame) -> _Index:
    index = _Index()
    n = len(people)

    def col(name: str) -> list[str]:
        if name not in people.columns:
            return [""] * n
        return ["" if pd.isna(v) else str(v) for v in people[name].tolist()]

    emails = [
        re.split(r"[;,\s]+", f"{a};{b}")
        for a, b in zip(col("email"), col("other_emails"), strict=True)
    ]
    url_cols = [col(c) for c in _URL_COLUMNS if c in people.columns]
    urls = [next((u[k] for u in url_cols if u[k].strip()), "") for k in range(n)]
    keys = [[k for k in v.split(";") if k] for v in col("import_key")]
    for pid, name, org, mail, url, key in zip(
        map(str, people.index), col("name"), col("organization"), emails, urls, keys, strict=True
    ):
        index.add(pid, name, org, mail, url, key)
    return index


def _match(index: _Index, c: Contact, key: str) -> tuple[str | None, str, list[str]]:
    """Return (person_id or None, how, uncertain candidates)."""
    if key in index.keys:
        return index.keys[key], "an earlier import", []
    for e in c.emails:
        if e.strip().lower() in index.emails:
            return index.emails[e.strip().lower()], "e-mail", []
    if norm_url(c.url) and norm_url(c.url) in index.urls:
        return index.urls[norm_url(c.url)], "profile URL", []
    same_name = index.names.get(fold(c.name), [])
    org = fold(c.organization)
    exact = [p for p in same_name if org and index.orgs.get(p) == org]
    if len(exact) == 1:
        return exact[0], "name and organization", []
    return None, "", [index.labels[p] for p in same_name]


def resolve_me(net, me: str | None) -> str:
    """Return the user's person_id: ``me`` resolved, else the only person, seeker or student."""
    if me:
        return net.resolve(me)
    if len(net.people) == 1:
        return str(net.people.index[0])
    if len(net.seekers) == 1:
        return net.seekers[0]
    students = net.people.index[net.people["role"].eq("student")]
    if len(students) == 1:  # a folder started with init, grown by imports
        return str(students[0])
    raise NetgraphError(
        f"whose contacts are these? give --me ID|NAME (the folder holds {len(net.people)} people)"
    )


def merge(
    target: str | Path,
    contacts: list[Contact],
    *,
    fmt: str,
    file: str,
    me: str | None = None,
    tie_kind: str = "",
    with_ties: bool = True,
    skipped: Iterable[tuple[int, str]] = (),
    ignored: Iterable[str] = (),
    notes: Iterable[str] = (),
) -> ImportResult:
    """Match ``contacts`` to the people in ``target`` and add the new ones in one commit.

    Each contact gets a tie to the user (``me``) of kind ``tie_kind`` (with the
    contact's ``since`` and ``strength``) unless a tie between them exists or
    ``with_ties`` is false; a
    contact's ``referred_by`` becomes a referral of them to the user (the referrer
    matched by name, or added). Nothing is written when the result would not
    validate (:class:`DataError`) or when nothing is new.
    """
    from netgraph.load import load
    from netgraph.record import _next_id
    from netgraph.sources import open_source

    store = open_source(target)
    net = load(target)
    need_me = with_ties or me or any(c.referred_by.strip() for c in contacts)
    me_id = resolve_me(net, me) if need_me else ""
    index = _index(net.people)
    result = ImportResult(
        fmt, file, store.location, skipped=list(skipped), ignored=list(ignored), notes=list(notes)
    )
    people: list[dict[str, str]] = []
    ties: list[dict[str, str]] = []
    referrals: list[dict[str, str]] = []
    taken: set[str] = set()
    linked = {
        frozenset((a, b)) for a, b in zip(net.ties["person_a"], net.ties["person_b"], strict=True)
    }
    referred = {
        (r, s, d)
        for r, s, d in zip(
            net.referrals["referrer_id"],
            net.referrals["seeker_id"],
            net.referrals["referred_id"],
            strict=True,
        )
    }
    today = f"{pd.Timestamp.today():%Y-%m-%d}"

    first = _next_id(net.people.index, "p")  # then counted on: O(1) per new person
    width, number = len(first) - 1, int(first[1:])
    existing = set(map(str, net.people.index))

    def new_person(name: str, c: Contact | None, key: str) -> str:
        nonlocal number
        while (pid := f"p{number:0{width}d}") in existing:
            number += 1
        number += 1
        taken.add(pid)
        row = {"person_id": pid, "name": name}
        if c is not None:
            row.update(
                {
                    "organization": c.organization,
                    "title": c.title,
                    "email": c.emails[0] if c.emails else "",
                    "other_emails": ";".join(c.emails[1:]),
                    "profile_url": c.url,
                    "phone": c.phone,
                    "tags": ";".join(c.tags),
                    "contact_notes": c.notes,
                    "import_key": key,
                    **{k: v for k, v in c.extra.items() if v},
                }
            )
        people.append({k: v for k, v in row.items() if v})
        index.add(
            pid,
            name,
            c.organization if c else "",
            c.emails if c else (),
            c.url if c else "",
            [key] if c else [],
        )
        result.added.append((pid, name))
        return pid

    for c in contacts:
        key = c.key(fmt)
        pid, how, maybe = _match(index, c, key)
        if pid is None:
            pid = new_person(c.name, c, key)
            if maybe:
                result.review.append((pid, c.name, maybe))
        elif pid not in taken:  # else: the same person twice in this file
            result.matched.append((c.name, pid, how))
        if with_ties and pid != me_id and frozenset((me_id, pid)) not in linked:
            linked.add(frozenset((me_id, pid)))
            tie = {"person_a": me_id, "person_b": pid, "kind": tie_kind, "since": c.since}
            if c.strength is not None:
                tie["strength"] = f"{c.strength:g}"
            ties.append(tie)
        if c.referred_by.strip():
            hits = index.names.get(fold(c.referred_by), [])
            referrer = hits[0] if len(hits) == 1 else new_person(c.referred_by.strip(), None, "")
            if referrer not in (pid, me_id) and (referrer, me_id, pid) not in referred:
                referred.add((referrer, me_id, pid))
                referrals.append(
                    {
                        "referrer_id": referrer,
                        "seeker_id": me_id,
                        "referred_id": pid,
                        "date": today,
                        "status": "named",
                    }
                )
    result.ties, result.referrals = len(ties), len(referrals)
    if referrals and "referral_id" in net.referrals.columns:
        taken_r: set[str] = set()
        for row in referrals:
            row["referral_id"] = _next_id(net.referrals["referral_id"], "r", taken_r)
            taken_r.add(row["referral_id"])
    if people or ties or referrals:
        store.commit({"people": people, "ties": ties, "referrals": referrals})
    return result
