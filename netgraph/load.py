"""Reading and validating a referral-network data folder.

A data folder holds ``people.csv`` (required), and optionally ``ties.csv``,
``interviews.csv`` and ``referrals.csv`` (see the README for the columns). Loading
parses every value (ids, dates, integers, numbers, enumerations, ``;``-lists),
checks every reference, and collects **every** problem before raising one
:class:`~netgraph.errors.DataError`. Columns that netgraph does not know are kept.

Validation happens here and only here: the rest of the package trusts the tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from netgraph._dates import parse_dates
from netgraph._text import arrow_text, positions
from netgraph.errors import DataError, Problem

if TYPE_CHECKING:
    from netgraph.network import ReferralNetwork

__all__ = [
    "CONSENT_COLUMN",
    "CONSENT_GIVEN",
    "CONSENT_REFUSED",
    "INTERVIEW_STATUSES",
    "REFERRAL_STATUSES",
    "ROLES",
    "SENIORITIES",
    "load",
    "read_tables",
    "sample_data_path",
    "save",
]

ROLES = ("student", "alum", "faculty", "staff", "employer", "family", "friend", "other")
SENIORITIES = ("student", "entry", "mid", "senior", "executive")
INTERVIEW_STATUSES = ("requested", "scheduled", "completed", "declined", "no_show")
REFERRAL_STATUSES = ("named", "introduced", "contacted", "interviewed", "declined")

#: The one people column netgraph reads consent to research from. Its header is matched
#: ignoring case, surrounding spaces, and spaces or hyphens for the underscore
#: (``Research_Consent``, ``research consent``, ``RESEARCH-CONSENT``).
CONSENT_COLUMN = "research_consent"
#: Cells of the consent column that give consent (case, spaces and hyphens ignored).
CONSENT_GIVEN = ("yes", "y", "true", "1", "granted", "consented", "opt_in", "opted_in")
#: Cells of the consent column that refuse or withdraw it. An empty cell is no consent
#: too; any other value is a validation problem, never read as consent.
CONSENT_REFUSED = (
    "no",
    "n",
    "false",
    "0",
    "refused",
    "withdrawn",
    "revoked",
    "opt_out",
    "opted_out",
)
#: Headers that look like a consent column but are not :data:`CONSENT_COLUMN`: refused
#: so that consent recorded under another name is never silently ignored.
_CONSENT_LOOKALIKES = frozenset(
    {"consent", "opt_in", "opted_in", "optin", "opt_out", "opted_out", "optout", "do_not_use"}
)

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
    "touches": _Schema(
        "touches.csv",
        (
            _Column("touch_id", "id"),
            _Column("seeker_id", "ref", required=True, nonempty=True),
            _Column("contact_id", "ref", required=True, nonempty=True),
            _Column("date", "date", required=True, nonempty=True),
            _Column("channel", "text"),
            _Column("notes", "text"),
        ),
        key="touch_id",
    ),
}


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
    labels: dict[str, str] = field(default_factory=dict)
    """What each table's file is called in problems (``people.csv`` -> ``sheet people``)."""

    def label(self, file: str) -> str:
        """Return the name of ``file`` (``people.csv``) as the user knows it in this source."""
        return self.labels.get(file, file)

    def unit(self, file: str) -> str:
        """Return ``"line"`` for a CSV file, ``"row"`` for a sheet or a database table."""
        return "line" if self.label(file).endswith(".csv") else "row"

    def add(self, file: str, line: int | None, column: str | None, value: object, expected: str):
        text = str(value)
        if len(text) > 200:
            text = f"{text[:60]}... ({len(text):,} characters)"
        self.problems.append(Problem(self.label(file), line, column, text, expected))

    def add_rows(
        self, file: str, frame: pd.DataFrame, mask: pd.Series | np.ndarray, column: str, expected
    ):
        """Add one problem per row of ``frame`` where ``mask`` is true.

        ``expected`` is a string or a function of the row giving the string.
        """
        mask = np.asarray(mask, dtype=bool)
        n_bad = int(mask.sum())
        if not n_bad:
            return
        bad = frame[mask].head(MAX_PROBLEMS_PER_CHECK)
        lines = bad["_line"].tolist()
        values = bad[column].astype(str).tolist() if column in bad else [""] * len(bad)
        if callable(expected):
            texts = [expected(row) for _, row in bad.iterrows()]
        else:
            texts = [expected] * len(bad)
        for line, value, text in zip(lines, values, texts, strict=True):
            self.add(file, int(line), column, value, text)
        if n_bad > len(bad):  # bounded memory: summarize the rest, never drop it silently
            more = n_bad - len(bad)
            self.add(
                file,
                None,
                column,
                f"{more:,} more rows after {self.unit(file)} {lines[-1]}",
                f"the same as above ({texts[-1]}); fix the rows listed and validate again",
            )


MAX_PROBLEMS_PER_CHECK = 200
"""Problems listed one by one per check and column; more are counted in one entry."""
MAX_FIELD_CHARS = 100_000
"""Longest cell accepted (100,000 characters); longer cells are reported as problems."""
MAX_COLUMNS = 16_384
"""Widest table read: 16,384 columns, the most a spreadsheet (Excel, LibreOffice Calc)
holds. A wider header is refused before any row is read."""
MAX_HEADER_BYTES = 4 * 1024**2
"""Longest header row read (4 MiB: 16,384 column names of 256 bytes each). The whole
header row is read and checked (duplicate names, width); a longer one is refused
without reading the rest of the file."""


_strip_each = np.frompyfunc(str.strip, 1, 1)


def _strip(values: pd.Series) -> pd.Series:
    """Return ``values.str.strip()`` (for object columns, faster when every value is a string)."""
    if arrow_text(values):
        return values.str.strip()
    arr = values.to_numpy(dtype=object)
    try:
        out = _strip_each(arr) if len(arr) else arr
    except TypeError:  # a missing value: let pandas handle it
        return values.str.strip()
    return pd.Series(out, index=values.index, dtype=values.dtype, name=values.name)


def _obj(values: pd.Series) -> pd.Series | np.ndarray:
    """Return the values in the form fastest for elementwise comparisons.

    pyarrow-backed strings stay a Series (compared by arrow's kernels, column at a
    time); anything else becomes an object array.
    """
    return values if arrow_text(values) else values.to_numpy(dtype=object)


def _blank(values: pd.Series) -> np.ndarray:
    """Return ``values.str.strip().eq("")`` as a boolean array (faster for strings)."""
    if arrow_text(values):
        return values.str.strip().eq("").to_numpy(dtype=bool, na_value=False)
    arr = values.to_numpy(dtype=object)
    try:
        space = np.fromiter(map(str.isspace, arr), dtype=bool, count=len(arr))
    except TypeError:  # a missing value: let pandas handle it
        return values.str.strip().eq("").to_numpy(dtype=bool)
    return space | (arr == "")


def _norm_token(text: str) -> str:
    """Lower-case ``text``, trim it, and join its words with ``_`` (hyphens too)."""
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


def _consent_column(frame: pd.DataFrame, file: str, reader: _Reader) -> pd.DataFrame:
    """Find the consent column (header matched loosely), check and normalise its cells.

    The column is renamed :data:`CONSENT_COLUMN`; its cells become ``"yes"`` (consent
    given), ``"no"`` (refused or withdrawn) or ``""`` (empty: no consent either). A
    header that looks like consent under another name, a second consent column, or a
    cell outside the vocabulary is a problem.
    """
    norm = {c: _norm_token(str(c)) for c in frame.columns if c != "_line"}
    found = [c for c, n in norm.items() if n == CONSENT_COLUMN]
    for col, n in norm.items():
        research_like = "research" in n and ("consent" in n or "opt" in n)
        if n != CONSENT_COLUMN and (n in _CONSENT_LOOKALIKES or research_like):
            reader.add(
                file,
                1,
                col,
                col,
                f"consent to research in a column named {CONSENT_COLUMN!r} (netgraph reads "
                "consent from that column only; rename this one, or the people would count "
                "as consenting when they may not)",
            )
    if len(found) > 1:
        reader.add(file, 1, found[1], ", ".join(found), f"one {CONSENT_COLUMN} column")
        return frame
    if not found:
        return frame
    col = found[0]
    raw = frame[col].astype(str)
    codes, uniq = pd.factorize(raw, use_na_sentinel=False)
    tokens = pd.Series([_norm_token(v) for v in uniq], dtype=object)
    canon = tokens.map(
        lambda t: (
            "yes"
            if t in CONSENT_GIVEN
            else "no"
            if t in CONSENT_REFUSED
            else ""
            if t == ""
            else None
        )
    )
    bad = canon.isna().to_numpy()[codes]
    expected = (
        "a consent value: one of "
        + ", ".join(CONSENT_GIVEN)
        + " (consent given), "
        + ", ".join(CONSENT_REFUSED)
        + " (refused or withdrawn), or empty (no consent)"
    )
    reader.add_rows(file, frame, bad, col, expected)
    out = frame.rename(columns={col: CONSENT_COLUMN}) if col != CONSENT_COLUMN else frame.copy()
    out[CONSENT_COLUMN] = canon.fillna("").to_numpy(dtype=object)[codes]
    return out


def _parse_column(frame: pd.DataFrame, col: _Column, file: str, reader: _Reader) -> pd.Series:
    raw = frame[col.name].astype(str)
    required = "a value (this column is required)"
    kind = col.kind
    if kind == "text":
        if col.nonempty:
            reader.add_rows(file, frame, _blank(raw), col.name, required)
        return raw
    if kind in ("id", "ref"):
        values = _strip(raw)
        if col.nonempty:
            reader.add_rows(file, frame, _obj(values) == "", col.name, required)
        return values
    # Every other kind is parsed value by value: parse each distinct value once (a
    # column of a million dates holds a few thousand distinct ones) and spread the
    # results back over the rows with the factorization codes.
    codes, uniq = pd.factorize(raw, use_na_sentinel=False)
    values = _strip(pd.Series(uniq, dtype=raw.dtype))
    empty = values.eq("")

    def rows(per_value: pd.Series | np.ndarray) -> np.ndarray:
        return np.asarray(per_value)[codes]

    def spread(per_value: pd.Series) -> pd.Series:
        return per_value.take(codes).set_axis(raw.index)

    if col.nonempty:
        reader.add_rows(file, frame, rows(empty), col.name, required)
    if kind == "enum":
        norm = values.str.lower().str.replace(r"[\s\-]+", "_", regex=True)
        bad = ~empty & ~norm.isin(col.choices)
        reader.add_rows(file, frame, rows(bad), col.name, "one of " + ", ".join(col.choices))
        return spread(norm)
    if kind == "list":
        return spread(values.map(lambda s: tuple(t.strip() for t in s.split(";") if t.strip())))
    if kind == "date":
        parsed, why = parse_dates(values)
        bad = rows(why.ne(""))
        if bad.any():
            reasons = rows(why)
            reader.add_rows(file, frame.assign(_why=reasons), bad, col.name, lambda r: r["_why"])
        return spread(parsed)
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
        reader.add_rows(file, frame, rows(bad), col.name, what)
        if kind == "int":
            return spread(num.where(~bad).round().astype("Int64"))
        return spread(num.where(~bad).astype(float))
    raise AssertionError(kind)  # pragma: no cover


def _parse_table(frame: pd.DataFrame, schema: _Schema, reader: _Reader) -> pd.DataFrame:
    out = frame.copy(deep=False)  # columns are replaced, never changed in place
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
        keyed = out[[schema.key, "_line"]]  # not every column: a table can be wide
        dup = key.ne("") & key.duplicated(keep=False)
        first = keyed.loc[dup].groupby(schema.key)["_line"].transform("min")
        reader.add_rows(
            schema.file,
            keyed.loc[dup],
            first.ne(keyed.loc[dup, "_line"]),
            schema.key,
            lambda row: (
                f"a unique {schema.key} (already used on {reader.unit(schema.file)} "
                f"{first[row.name]})"
            ),
        )
        folded = key.str.casefold()
        clash = key.ne("") & ~key.duplicated(keep=False) & folded.duplicated(keep=False)
        first_of = keyed.loc[clash].groupby(folded[clash])["_line"].transform("min")
        reader.add_rows(
            schema.file,
            keyed.loc[clash],
            first_of.ne(keyed.loc[clash, "_line"]),
            schema.key,
            lambda row: (
                f"an id that differs from the one on {reader.unit(schema.file)} "
                f"{first_of[row.name]} by more "
                "than letter case"
            ),
        )
    known = [c.name for c in schema.columns]
    extras = [c for c in out.columns if c not in known and c != "_line"]
    return out[[*known, *extras, "_line"]]


def _check_references(
    tables: dict[str, pd.DataFrame], reader: _Reader, *, check_people: bool
) -> None:
    ids = tables["people"]["person_id"]
    index = pd.Index(ids)
    for name in ("ties", "interviews", "referrals", "touches") if check_people else ():
        schema, frame = SCHEMAS[name], tables[name]
        for col in schema.columns:
            if col.kind != "ref":
                continue
            vals = frame[col.name]
            if index.is_unique:
                pos = positions(index, vals)
                bad = (_obj(vals) != "") & (pos < 0)
                if len(vals) and (pos >= 0).all() and not arrow_text(vals):
                    # the same string objects as the people table: equal values, less
                    # memory, and faster lookups later
                    frame[col.name] = pd.Series(
                        index.to_numpy()[pos], index=vals.index, dtype=vals.dtype
                    )
            else:  # duplicate ids are reported elsewhere
                bad = vals.ne("") & ~vals.isin(set(ids))
            reader.add_rows(
                schema.file,
                frame,
                bad,
                col.name,
                f"a person_id listed in {reader.label('people.csv')}",
            )

    ties = tables["ties"]
    reader.add_rows(
        "ties.csv",
        ties,
        (_obj(ties["person_a"]) == _obj(ties["person_b"])) & (_obj(ties["person_a"]) != ""),
        "person_b",
        "a different person from person_a",
    )
    iv = tables["interviews"]
    reader.add_rows(
        "interviews.csv",
        iv,
        (_obj(iv["seeker_id"]) == _obj(iv["contact_id"])) & (_obj(iv["seeker_id"]) != ""),
        "contact_id",
        "a different person from seeker_id (no self-interviews)",
    )
    late = iv["thank_you_sent"].notna() & iv["date"].notna() & (iv["thank_you_sent"] < iv["date"])
    reader.add_rows(
        "interviews.csv", iv, late, "thank_you_sent", "a date on or after the interview"
    )

    today = pd.Timestamp.today().normalize()
    future = f"a date not after today ({today:%Y-%m-%d})"
    done = iv["status"].isin(["completed", "declined", "no_show"])
    reader.add_rows(
        "interviews.csv",
        iv,
        done & (iv["date"] > today),
        "date",
        lambda r: f"{future} for a {r['status']} interview",
    )
    reader.add_rows("interviews.csv", iv, iv["thank_you_sent"] > today, "thank_you_sent", future)
    reader.add_rows("ties.csv", ties, ties["since"] > today, "since", future)
    touch = tables["touches"]
    reader.add_rows("touches.csv", touch, touch["date"] > today, "date", future)
    reader.add_rows(
        "touches.csv",
        touch,
        (_obj(touch["seeker_id"]) == _obj(touch["contact_id"])) & (_obj(touch["seeker_id"]) != ""),
        "contact_id",
        "a different person from seeker_id",
    )
    ref = tables["referrals"]
    reader.add_rows("referrals.csv", ref, ref["date"] > today, "date", future)
    for col, what in (("referrer_id", "referrer"), ("seeker_id", "seeker")):
        referred = _obj(ref["referred_id"])
        same = (referred == _obj(ref[col])) & (referred != "")
        reader.add_rows("referrals.csv", ref, same, "referred_id", f"someone other than the {what}")
    iv_key = _strip(ref["interview_id"])
    has_iv = _obj(iv_key) != ""
    linked = ref[has_iv].merge(
        iv[["interview_id", "seeker_id", "contact_id", "date", "status"]].drop_duplicates(
            "interview_id"
        ),
        left_on=iv_key[has_iv],
        right_on="interview_id",
        how="left",
        suffixes=("", "_iv"),
        indicator=True,
    )
    linked.index = ref.index[has_iv]
    unknown = linked["_merge"].eq("left_only")
    reader.add_rows(
        "referrals.csv",
        linked,
        unknown,
        "interview_id",
        f"an interview_id listed in {reader.label('interviews.csv')}",
    )
    known = linked[~unknown]
    reader.add_rows(
        "referrals.csv",
        known,
        _obj(known["referrer_id"]) != _obj(known["contact_id"]),
        "referrer_id",
        lambda r: f"{r['contact_id']!r}, the contact of interview {r['interview_id_iv']}",
    )
    reader.add_rows(
        "referrals.csv",
        known,
        _obj(known["seeker_id"]) != _obj(known["seeker_id_iv"]),
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


def check_header(header: list[str], schema: _Schema, reader: _Reader, header_line: int | None = 1):
    """Report column names used twice; return whether the header can be read.

    Every source calls this on the column names as the user wrote them, before they
    become a table (pandas would silently rename a second ``name`` to ``name.1``).
    """
    stripped = [str(h).strip() for h in header]
    seen: set[str] = set()
    for h in stripped:
        if h and h in seen:
            reader.add(schema.file, header_line, h, h, "each column name once")
        seen.add(h)
    return len(seen) >= len([h for h in stripped if h])


def check_frame(
    frame: pd.DataFrame,
    schema: _Schema,
    reader: _Reader,
    header: list[str],
    *,
    header_line: int | None = 1,
    scan: Callable[[], tuple[bool, bool]] | None = None,
) -> pd.DataFrame | None:
    """Tidy one table as read from any source and check its shape; ``None`` if unusable.

    ``frame`` holds every cell as a string and a ``_line`` column: the line (or row)
    the user sees each row on. Column names are stripped, unnamed columns without
    data and rows empty in every column are dropped (a spreadsheet's stray cells),
    over-long and binary cells and missing required columns are reported.
    ``scan`` may say cheaply that no cell can hold NUL or be over-long (see the
    CSV-folder source); by default every cell is checked.
    """
    file = schema.file
    frame.columns = [str(c).strip() for c in frame.columns]
    data_cols = [c for c in frame.columns if c != "_line"]
    # Unnamed trailing columns with no data (a spreadsheet's stray commas) carry nothing.
    for col in data_cols:
        if col.startswith("Unnamed: ") and not frame[col].str.strip().ne("").any():
            frame = frame.drop(columns=col)
    data_cols = [c for c in frame.columns if c != "_line"]
    for col in data_cols:
        if col.startswith("Unnamed: "):
            reader.add(file, header_line, "", "", "a name for every column that holds data")
    # Rows with every cell empty (blank lines, stray separators) carry nothing.
    if data_cols:
        rows = np.arange(len(frame))  # rows blank in every column so far
        for col in data_cols:
            if not len(rows):
                break
            rows = rows[_blank(frame[col].iloc[rows])]
        if len(rows):
            empty = np.zeros(len(frame), dtype=bool)
            empty[rows] = True
            frame = frame[~empty].reset_index(drop=True)
    may_nul, may_long = scan() if data_cols and scan is not None else (bool(data_cols),) * 2
    for col in data_cols:
        text = frame[col]
        if may_long:
            reader.add_rows(
                file,
                frame,
                text.str.len() > MAX_FIELD_CHARS,
                col,
                f"a cell of at most {MAX_FIELD_CHARS:,} characters",
            )
        if may_nul:
            reader.add_rows(
                file, frame, text.str.contains("\x00", regex=False), col, "text, not binary data"
            )
    missing = [c for c in schema.required if c not in frame.columns]
    for col in missing:
        reader.add(file, header_line, col, ",".join(header), f"a column named {col!r}")
    if missing:
        return None
    return frame


def validate_frames(
    frames: Mapping[str, pd.DataFrame | None], reader: _Reader
) -> dict[str, pd.DataFrame]:
    """Parse and cross-check the tables read by a source: the one validation of netgraph.

    ``frames`` maps each table (``people``, ``ties``, ``interviews``, ``referrals``)
    to the strings :func:`check_frame` returned, or to ``None`` when the table could
    not be read (its problem already reported); a missing optional table is an empty
    frame. Raises :class:`DataError` with every problem of ``reader``.
    """
    tables: dict[str, pd.DataFrame] = {}
    failed: set[str] = set()
    for name, schema in SCHEMAS.items():
        frame = frames.get(name)
        if frame is not None and name == "people":
            frame = _consent_column(frame, schema.file, reader)
        if frame is None:  # unreadable: check the other tables against an empty one
            failed.add(name)
            frame = pd.DataFrame(columns=[*schema.required, "_line"])
        if frame["_line"].dtype != np.int64:  # an empty stand-in table
            frame = frame.astype({"_line": np.int64})
        tables[name] = _parse_table(frame, schema, reader)
    ref = tables["referrals"]
    missing_id = ref["referral_id"].eq("")
    ref.loc[missing_id, "referral_id"] = "r" + ref.loc[missing_id, "_line"].astype(str)
    touch = tables["touches"]
    no_id = touch["touch_id"].eq("")
    touch.loc[no_id, "touch_id"] = "t" + touch.loc[no_id, "_line"].astype(str)
    _check_references(tables, reader, check_people="people" not in failed)
    if reader.problems:
        raise DataError(reader.problems)
    return {name: t.drop(columns="_line").reset_index(drop=True) for name, t in tables.items()}


def read_tables(path: str | Path) -> dict[str, pd.DataFrame]:
    """Read and validate the tables of a data folder.

    Parameters
    ----------
    path
        A data source (see :func:`netgraph.sources.open_source`): a folder holding
        ``people.csv`` and optionally ``ties.csv``, ``interviews.csv``,
        ``referrals.csv`` and ``touches.csv``; an Excel workbook (``.xlsx``) with one
        sheet per table; a SQLite file (``.sqlite``, ``.db``); or a ``postgresql://``
        URL.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``people``, ``ties``, ``interviews``, ``referrals`` and ``touches``, typed: ids
        and text as strings (empty string when missing), dates as ``datetime64[ns]`` (NaT
        when missing), ``grad_year`` as ``Int64``, ``strength`` as float, ``tags``
        as tuples, enumerations lower-cased. Unknown columns are kept after the
        known ones. ``referral_id`` is filled in as ``r<line>`` where the file has
        none, ``touch_id`` as ``t<line>``.

    Raises
    ------
    DataError
        With every problem found, each naming file (or sheet, or table), line (or
        row), column, value and what was expected.

    Examples
    --------
    >>> tables = read_tables(sample_data_path())
    >>> sorted(tables)
    ['interviews', 'people', 'referrals', 'ties', 'touches']
    >>> str(tables["interviews"]["date"].dtype)
    'datetime64[ns]'
    """
    from netgraph.sources import open_source

    return open_source(path).read_tables()


def load(path: str | Path | None = None, *, cache: bool | None = None) -> ReferralNetwork:
    """Load a data folder into a validated :class:`~netgraph.ReferralNetwork`.

    The first load of a folder keeps a snapshot of the validated network in the
    user's cache directory; later loads of the unchanged folder read it back (see
    :mod:`netgraph.cache`). The network is the same either way.

    Parameters
    ----------
    path
        A folder of CSV files (see the README), an Excel workbook (``.xlsx``), a
        SQLite file (``.sqlite``, ``.db``) or a ``postgresql://`` URL: the source is
        picked from the path (:func:`netgraph.sources.open_source`). ``None`` loads
        the bundled synthetic sample (:func:`sample_data_path`).
    cache
        Use the snapshot cache (``None``: unless ``NETGRAPH_CACHE=0``).

    Returns
    -------
    ReferralNetwork
        The validated tables and their two graphs.

    Raises
    ------
    DataError
        Listing every problem in the data at once.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> len(net.people) > 100
    True
    """
    from netgraph.network import ReferralNetwork
    from netgraph.sources import open_source

    source = open_source(sample_data_path() if path is None else path)

    def make(tables: dict[str, pd.DataFrame]) -> ReferralNetwork:
        return ReferralNetwork.from_tables(tables, source=source.location)

    from netgraph import cache as snapshots

    if not snapshots.cache_enabled(cache):
        return make(source.read_tables())
    return snapshots.load_cached(snapshots.source_for(source), make_network=make)


def _as_text(table: pd.DataFrame) -> pd.DataFrame:
    """Render typed columns back to the text the CSV format uses."""
    out = pd.DataFrame(index=table.index)
    for col in table.columns:
        values = table[col]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[col] = values.dt.strftime("%Y-%m-%d").fillna("")
        elif col == "tags" or values.map(lambda v: isinstance(v, tuple)).any():
            out[col] = values.map(lambda v: ";".join(v) if isinstance(v, tuple) else v)
        elif pd.api.types.is_float_dtype(values):
            out[col] = values.map(lambda v: "" if pd.isna(v) else repr(float(v)))
        else:
            out[col] = values.astype(object).where(values.notna(), "").astype(str)
    return out


def save(net: ReferralNetwork, dest: str | Path) -> Path | str:
    """Write a network's tables to a store that :func:`load` reads back unchanged.

    Every column is written, unknown ones included; dates as ``YYYY-MM-DD``; tags
    ``;``-joined. The store is picked from ``dest`` like :func:`load` picks it: a
    folder of CSV files (each file written to a temporary file and moved into place,
    so a reader never sees half a file), an Excel workbook (``.xlsx``), a SQLite file
    (``.sqlite``, ``.db``) or a ``postgresql://`` URL (written in one transaction). A
    workbook or database that exists already is never replaced. This is the user's
    own data, written in full: for privacy-safe exports see :mod:`netgraph.report`.

    Parameters
    ----------
    net
        The network (a :class:`~netgraph.ReferralNetwork`).
    dest
        Where to write; a folder is created if missing.

    Returns
    -------
    pathlib.Path or str
        The folder or file written (the URL, without password, for a database).

    Raises
    ------
    NetgraphError
        If ``dest`` is a workbook or database that exists already.

    Examples
    --------
    >>> import tempfile
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     again = ng.load(save(net, tmp))
    >>> again.people.equals(net.people)
    True
    """
    from netgraph.errors import NetgraphError
    from netgraph.sources import open_source
    from netgraph.sources.csv_folder import CsvFolder

    source = open_source(dest)
    if not isinstance(source, CsvFolder) and source.exists():
        raise NetgraphError(
            f"{source.location} exists already; netgraph writes a new store and never "
            "replaces one (choose another name, or delete it yourself)"
        )
    tables = {
        "people": net.people.reset_index(),
        "ties": net.ties,
        "interviews": net.interviews,
        "referrals": net.referrals,
        "touches": net.touches,
    }
    if net.touches.empty and (
        not isinstance(source, CsvFolder) or not (source.path / SCHEMAS["touches"].file).exists()
    ):
        del tables["touches"]  # no touches logged: no file or table to add
    source.write_tables({name: _as_text(table) for name, table in tables.items()})
    return source.location if not hasattr(source, "path") else source.path
