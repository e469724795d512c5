"""Reading and validating a referral-network data folder.

A data folder holds ``people.csv`` (required), and optionally ``ties.csv``,
``interviews.csv`` and ``referrals.csv`` (see the README for the columns). Loading
parses every value (ids, dates, integers, numbers, enumerations, ``;``-lists),
checks every reference, and collects **every** problem before raising one
:class:`~netgraph.errors.DataError`. Columns that netgraph does not know are kept.

Validation happens here and only here: the rest of the package trusts the tables.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from netgraph.errors import DataError, Problem

__all__ = [
    "INTERVIEW_STATUSES",
    "REFERRAL_STATUSES",
    "ROLES",
    "SENIORITIES",
    "load",
    "read_tables",
    "sample_data_path",
]

ROLES = ("student", "alum", "faculty", "staff", "employer", "family", "friend", "other")
SENIORITIES = ("student", "entry", "mid", "senior", "executive")
INTERVIEW_STATUSES = ("requested", "scheduled", "completed", "declined", "no_show")
REFERRAL_STATUSES = ("named", "introduced", "contacted", "interviewed", "declined")

# Column kinds: "id" (unique key), "ref" (a person_id), "text", "date", "int", "float",
# "enum", "list". ``required`` columns must be present in the header; ``nonempty``
# columns must have a value in every row.


@dataclass(frozen=True)
class _Column:
    name: str
    kind: str
    required: bool = False
    nonempty: bool = False
    choices: tuple[str, ...] = ()
    bounds: tuple[float, float] | None = None


@dataclass(frozen=True)
class _Schema:
    file: str
    columns: tuple[_Column, ...]
    optional_file: bool = True
    key: str | None = None

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


SCHEMAS: dict[str, _Schema] = {
    "people": _Schema(
        "people.csv",
        (
            _Column("person_id", "id", required=True, nonempty=True),
            _Column("name", "text", required=True, nonempty=True),
            _Column("role", "enum", choices=ROLES),
            _Column("organization", "text"),
            _Column("industry", "text"),
            _Column("title", "text"),
            _Column("seniority", "enum", choices=SENIORITIES),
            _Column("grad_year", "int", bounds=(1900, 2100)),
            _Column("major", "text"),
            _Column("location", "text"),
            _Column("tags", "list"),
            _Column("email", "text"),
        ),
        optional_file=False,
        key="person_id",
    ),
    "ties": _Schema(
        "ties.csv",
        (
            _Column("person_a", "ref", required=True, nonempty=True),
            _Column("person_b", "ref", required=True, nonempty=True),
            _Column("kind", "text"),
            _Column("strength", "float", bounds=(0.0, 1.0)),
            _Column("since", "date"),
        ),
    ),
    "interviews": _Schema(
        "interviews.csv",
        (
            _Column("interview_id", "id", required=True, nonempty=True),
            _Column("seeker_id", "ref", required=True, nonempty=True),
            _Column("contact_id", "ref", required=True, nonempty=True),
            _Column("date", "date", required=True, nonempty=True),
            _Column("channel", "text"),
            _Column("status", "enum", required=True, nonempty=True, choices=INTERVIEW_STATUSES),
            _Column("thank_you_sent", "date"),
            _Column("follow_up_due", "date"),
            _Column("notes", "text"),
        ),
        key="interview_id",
    ),
    "referrals": _Schema(
        "referrals.csv",
        (
            _Column("referral_id", "id"),
            _Column("interview_id", "text"),
            _Column("referrer_id", "ref", required=True, nonempty=True),
            _Column("seeker_id", "ref", required=True, nonempty=True),
            _Column("referred_id", "ref", required=True, nonempty=True),
            _Column("date", "date", required=True, nonempty=True),
            _Column("status", "enum", required=True, nonempty=True, choices=REFERRAL_STATUSES),
        ),
        key="referral_id",
    ),
}

_DATE_HINT = "a date as YYYY-MM-DD"


def sample_data_path() -> Path:
    """Return the folder of the bundled synthetic sample data.

    Returns
    -------
    pathlib.Path
        The ``sample_data`` folder installed with the package.

    Examples
    --------
    >>> (sample_data_path() / "people.csv").is_file()
    True
    """
    return Path(str(resources.files("netgraph") / "sample_data"))


@dataclass
class _Reader:
    """Collects problems while tables are read and parsed."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int | None, column: str | None, value: object, expected: str):
        self.problems.append(Problem(file, line, column, str(value), expected))

    def add_rows(
        self, file: str, frame: pd.DataFrame, mask: pd.Series | np.ndarray, column: str, expected
    ):
        """Add one problem per row of ``frame`` where ``mask`` is true.

        ``expected`` is a string or a function of the row giving the string.
        """
        bad = frame[np.asarray(mask, dtype=bool)]
        lines = bad["_line"].tolist()
        values = bad[column].astype(str).tolist() if column in bad else [""] * len(bad)
        if callable(expected):
            texts = [expected(row) for _, row in bad.iterrows()]
        else:
            texts = [expected] * len(bad)
        for line, value, text in zip(lines, values, texts, strict=True):
            self.add(file, int(line), column, value, text)


def _read_csv(path: Path, schema: _Schema, reader: _Reader) -> pd.DataFrame | None:
    """Read one CSV file as strings, with a ``_line`` column of spreadsheet row numbers."""
    file = schema.file
    if path.is_dir():
        reader.add(file, None, None, str(path), "a CSV file, not a folder")
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reader.add(file, None, None, str(path), f"a readable file ({exc.strerror})")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        reader.add(file, line, None, repr(raw[exc.start : exc.start + 4]), "UTF-8 text")
        return None
    if not text.strip():
        if schema.optional_file:
            return pd.DataFrame(columns=[*schema.required, "_line"])
        reader.add(file, None, None, "", f"a header row with {', '.join(schema.required)}")
        return None
    header = next(csv.reader(io.StringIO(text)))
    stripped = [h.strip() for h in header]
    seen: set[str] = set()
    for h in stripped:
        if h and h in seen:
            reader.add(file, 1, h, h, "each column name once")
        seen.add(h)
    if len(seen) < len([h for h in stripped if h]):
        return None
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        reader.add(file, None, None, str(exc).strip(), "a well-formed CSV file")
        return None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame["_line"] = np.arange(2, len(frame) + 2)
    data_cols = [c for c in frame.columns if c != "_line"]
    # Unnamed trailing columns with no data (a spreadsheet's stray commas) carry nothing.
    for col in data_cols:
        if col.startswith("Unnamed: ") and not frame[col].str.strip().ne("").any():
            frame = frame.drop(columns=col)
    data_cols = [c for c in frame.columns if c != "_line"]
    for col in data_cols:
        if col.startswith("Unnamed: "):
            reader.add(file, 1, "", "", "a name for every column that holds data")
    # Rows with every cell empty (blank lines, stray separators) carry nothing.
    if data_cols:
        empty = frame[data_cols].apply(lambda s: s.str.strip().eq("")).all(axis=1)
        frame = frame[~empty].reset_index(drop=True)
    missing = [c for c in schema.required if c not in frame.columns]
    for col in missing:
        reader.add(file, 1, col, ",".join(header), f"a column named {col!r}")
    if missing:
        return None
    return frame


def _parse_column(frame: pd.DataFrame, col: _Column, file: str, reader: _Reader) -> pd.Series:
    raw = frame[col.name].astype(str)
    values = raw.str.strip()
    empty = values.eq("")
    if col.nonempty:
        reader.add_rows(file, frame, empty, col.name, "a value (this column is required)")
    kind = col.kind
    if kind in ("id", "ref"):
        return values
    if kind == "text":
        return raw
    if kind == "enum":
        norm = values.str.lower().str.replace(r"[\s\-]+", "_", regex=True)
        bad = ~empty & ~norm.isin(col.choices)
        reader.add_rows(file, frame, bad, col.name, "one of " + ", ".join(col.choices))
        return norm
    if kind == "list":
        return values.map(lambda s: tuple(t.strip() for t in s.split(";") if t.strip()))
    if kind == "date":
        parsed = _parse_dates(values)
        bad = ~empty & parsed.isna()
        reader.add_rows(file, frame, bad, col.name, _DATE_HINT)
        return parsed
    if kind in ("int", "float"):
        num = pd.to_numeric(values.where(~empty), errors="coerce")
        bad = ~empty & num.isna()
        what = "a whole number" if kind == "int" else "a number"
        if kind == "int":
            bad |= ~empty & num.notna() & (num % 1 != 0)
        if col.bounds is not None:
            lo, hi = col.bounds
            out = num.notna() & ((num < lo) | (num > hi) | ((kind == "float") & (num <= 0)))
            bad |= ~empty & out
            what += f" between {lo:g} and {hi:g}" if kind == "int" else f" in (0, {hi:g}]"
        reader.add_rows(file, frame, bad, col.name, what)
        if kind == "int":
            return num.where(~bad).round().astype("Int64")
        return num.where(~bad).astype(float)
    raise AssertionError(kind)  # pragma: no cover


def _parse_dates(values: pd.Series) -> pd.Series:
    """Parse ISO dates (``2025-03-14``, optionally with a time); NaT where invalid."""
    out = pd.to_datetime(values.where(values.ne("")), format="ISO8601", errors="coerce")
    return out.dt.normalize().astype("datetime64[ns]")


def _parse_table(frame: pd.DataFrame, schema: _Schema, reader: _Reader) -> pd.DataFrame:
    out = frame.copy()
    for col in schema.columns:
        if col.name in out.columns:
            out[col.name] = _parse_column(frame, col, schema.file, reader)
        elif col.kind == "date":
            out[col.name] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
        elif col.kind == "int":
            out[col.name] = pd.Series(pd.NA, index=out.index, dtype="Int64")
        elif col.kind == "float":
            out[col.name] = np.nan
        elif col.kind == "list":
            out[col.name] = pd.Series([()] * len(out), index=out.index, dtype=object)
        else:
            out[col.name] = pd.Series("", index=out.index, dtype=str)
    if schema.key and schema.key in frame.columns:
        key = out[schema.key]
        dup = key.ne("") & key.duplicated(keep=False)
        first = out.loc[dup].groupby(schema.key)["_line"].transform("min")
        reader.add_rows(
            schema.file,
            out.loc[dup],
            first.ne(out.loc[dup, "_line"]),
            schema.key,
            lambda row: f"a unique {schema.key} (already used on line {first[row.name]})",
        )
    known = [c.name for c in schema.columns]
    extras = [c for c in out.columns if c not in known and c != "_line"]
    return out[[*known, *extras, "_line"]]


def _check_references(
    tables: dict[str, pd.DataFrame], reader: _Reader, *, check_people: bool
) -> None:
    people = set(tables["people"]["person_id"])
    for name in ("ties", "interviews", "referrals") if check_people else ():
        schema, frame = SCHEMAS[name], tables[name]
        for col in schema.columns:
            if col.kind != "ref":
                continue
            vals = frame[col.name]
            bad = vals.ne("") & ~vals.isin(people)
            reader.add_rows(schema.file, frame, bad, col.name, "a person_id listed in people.csv")

    ties = tables["ties"]
    reader.add_rows(
        "ties.csv",
        ties,
        ties["person_a"].eq(ties["person_b"]) & ties["person_a"].ne(""),
        "person_b",
        "a different person from person_a",
    )
    iv = tables["interviews"]
    reader.add_rows(
        "interviews.csv",
        iv,
        iv["seeker_id"].eq(iv["contact_id"]) & iv["seeker_id"].ne(""),
        "contact_id",
        "a different person from seeker_id (no self-interviews)",
    )
    late = iv["thank_you_sent"].notna() & iv["date"].notna() & (iv["thank_you_sent"] < iv["date"])
    reader.add_rows(
        "interviews.csv", iv, late, "thank_you_sent", "a date on or after the interview"
    )

    ref = tables["referrals"]
    for col, what in (("referrer_id", "referrer"), ("seeker_id", "seeker")):
        same = ref["referred_id"].eq(ref[col]) & ref["referred_id"].ne("")
        reader.add_rows("referrals.csv", ref, same, "referred_id", f"someone other than the {what}")
    has_iv = ref["interview_id"].str.strip().ne("")
    linked = ref[has_iv].merge(
        iv[["interview_id", "seeker_id", "contact_id", "date", "status"]],
        left_on=ref.loc[has_iv, "interview_id"].str.strip(),
        right_on="interview_id",
        how="left",
        suffixes=("", "_iv"),
        indicator=True,
    )
    linked.index = ref.index[has_iv]
    unknown = linked["_merge"].eq("left_only")
    reader.add_rows(
        "referrals.csv", linked, unknown, "interview_id", "an interview_id listed in interviews.csv"
    )
    known = linked[~unknown]
    reader.add_rows(
        "referrals.csv",
        known,
        known["referrer_id"].ne(known["contact_id"]),
        "referrer_id",
        lambda r: f"{r['contact_id']!r}, the contact of interview {r['interview_id_iv']}",
    )
    reader.add_rows(
        "referrals.csv",
        known,
        known["seeker_id"].ne(known["seeker_id_iv"]),
        "seeker_id",
        lambda r: f"{r['seeker_id_iv']!r}, the seeker of interview {r['interview_id_iv']}",
    )
    early = known["date"].notna() & known["date_iv"].notna() & (known["date"] < known["date_iv"])
    reader.add_rows(
        "referrals.csv",
        known,
        early,
        "date",
        lambda r: f"a date on or after its interview ({r['date_iv']:%Y-%m-%d})",
    )


def read_tables(path: str | Path) -> dict[str, pd.DataFrame]:
    """Read and validate the tables of a data folder.

    Parameters
    ----------
    path
        Folder holding ``people.csv`` and optionally ``ties.csv``,
        ``interviews.csv`` and ``referrals.csv``.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``people``, ``ties``, ``interviews`` and ``referrals``, typed: ids and text
        as strings (empty string when missing), dates as ``datetime64[ns]`` (NaT
        when missing), ``grad_year`` as ``Int64``, ``strength`` as float, ``tags``
        as tuples, enumerations lower-cased. Unknown columns are kept after the
        known ones. ``referral_id`` is filled in as ``r<line>`` where the file has
        none.

    Raises
    ------
    DataError
        With every problem found, each naming file, line, column, value and what was
        expected.
    """
    folder = Path(path)
    reader = _Reader()
    if not folder.is_dir():
        what = "a file" if folder.exists() else "nothing"
        reader.add(str(folder), None, None, f"{folder} is {what}", "a folder holding people.csv")
        raise DataError(reader.problems)
    tables: dict[str, pd.DataFrame] = {}
    failed: set[str] = set()
    for name, schema in SCHEMAS.items():
        file = folder / schema.file
        frame: pd.DataFrame | None
        if not file.exists():
            frame = (
                None
                if not schema.optional_file
                else pd.DataFrame(columns=[*schema.required, "_line"])
            )
            if frame is None:
                reader.add(schema.file, None, None, "", f"a file {schema.file} in {folder}")
        else:
            frame = _read_csv(file, schema, reader)
        if frame is None:  # unreadable: check the other tables against an empty one
            failed.add(name)
            frame = pd.DataFrame(columns=[*schema.required, "_line"])
        tables[name] = _parse_table(frame.astype({"_line": int}), schema, reader)
    ref = tables["referrals"]
    missing_id = ref["referral_id"].eq("")
    ref.loc[missing_id, "referral_id"] = "r" + ref.loc[missing_id, "_line"].astype(str)
    _check_references(tables, reader, check_people="people" not in failed)
    if reader.problems:
        raise DataError(reader.problems)
    return {name: t.drop(columns="_line").reset_index(drop=True) for name, t in tables.items()}


def load(path: str | Path | None = None):
    """Load a data folder into a validated :class:`~netgraph.ReferralNetwork`.

    Parameters
    ----------
    path
        A folder of CSV files (see the README). ``None`` loads the bundled synthetic
        sample (:func:`sample_data_path`).

    Returns
    -------
    ReferralNetwork
        The validated tables and their two graphs.

    Raises
    ------
    DataError
        Listing every problem in the folder at once.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> len(net.people) > 100
    True
    """
    from netgraph.network import ReferralNetwork

    folder = sample_data_path() if path is None else Path(path)
    return ReferralNetwork.from_tables(read_tables(folder), source=str(folder))
