"""Privacy protections for research outputs and exports.

Six protections, applied by default to everything netgraph publishes for research
(:mod:`netgraph.research`, :mod:`netgraph.report`):

* **Consent.** Consent to research is read from the people column
  ``research_consent`` (header matched ignoring case, spaces and hyphens) with a fixed
  vocabulary: :data:`~netgraph.load.CONSENT_GIVEN` (yes, y, true, 1, granted,
  consented, opt-in, opted in) gives consent; :data:`~netgraph.load.CONSENT_REFUSED`
  (no, n, false, 0, refused, withdrawn, revoked, opt-out, opted out) refuses it; an
  **empty cell is no consent** (fail-closed). Any other value, a second consent
  column, or a consent-like header under another name (``consent``, ``opt_out``,
  ``research_opt_in``...) is a validation problem at loading, never consent. People
  without consent are left out of every research and network-wide output, together
  with every tie, interview and referral they take part in
  (:func:`without_opted_out`). A data folder with no consent column records no
  consent decisions: everyone is included, and the report says so.
* **Pseudonyms.** Identifiers are replaced by keyed hashes (HMAC-SHA256, Krawczyk et
  al. 1997): without the key nobody can recompute them from a list of likely ids
  (:func:`pseudonym`, :func:`pseudonymize`). Keys come from a file or an environment
  variable (:func:`pseudonym_key`) and must be at least :data:`MIN_KEY_BYTES` long;
  with no key, a random key made once per session is used.
* **Allow-list.** A per-person output shows only the pseudonym and the columns on
  the allow-list: :data:`DEFAULT_COLUMNS` (role, industry, class year in five-year
  bands) unless others are named. Direct identifiers (names, e-mails, phone numbers,
  student ids, dates of birth, notes...; :func:`is_identifying`) cannot be named.
* **k-anonymity.** In per-person outputs the published attributes are generalised
  (bands, top- and bottom-coding, rare categories merged into ``"other"``) and then
  locally suppressed (set to :data:`SUPPRESSED`) until every combination of them is
  shared by at least ``k`` people (:func:`k_anonymize`, Sweeney 2002); an
  :class:`Audit` says what that took.
* **Small cells.** The research tables go through
  :func:`netgraph.disclosure.protect`: a count of fewer than ``k`` distinct people
  (default 5) is hidden with every number computed from it, and further cells are
  hidden until no hidden value can be derived from totals, other cells or a mean
  times its n (secondary suppression). :func:`suppress_small_cells` is the plain
  primary rule on one table whose counts already count people.
* **Safe CSV.** Every CSV netgraph writes goes through :func:`csv_text`: list cells
  are joined, then text a spreadsheet would run as a formula (CSV injection, OWASP)
  is prefixed with ``'``, and any cell holding a delimiter, quote, CR or LF is
  quoted, so a row never splits.

What these protections do **not** do: k-anonymity covers the published attributes,
not the shape of the network (a person's number of ties, or who they are tied to,
can still single them out to someone who knows it); it does not stop inferring an
attribute shared by a whole group (l-diversity); whoever holds the pseudonym key
can recompute a known person's pseudonym; the limits of cell suppression are listed
in :mod:`netgraph.disclosure`. Treat pseudonymous data as personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import re
import secrets
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from netgraph._memo import derive
from netgraph.errors import NetgraphError
from netgraph.load import CONSENT_COLUMN, CONSENT_GIVEN, CONSENT_REFUSED
from netgraph.network import ReferralNetwork

__all__ = [
    "DEFAULT_BANDS",
    "DEFAULT_COLUMNS",
    "FORMULA_PREFIXES",
    "IDENTIFYING_COLUMN_PATTERN",
    "KEY_ENV",
    "KEY_FILE_ENV",
    "MIN_KEY_BYTES",
    "OPT_OUT_VALUES",
    "OTHER",
    "SUPPRESSED",
    "Audit",
    "consent_recorded",
    "csv_text",
    "is_identifying",
    "k_anonymize",
    "opted_out",
    "pseudonym",
    "pseudonym_key",
    "pseudonymize",
    "spreadsheet_safe",
    "suppress_small_cells",
    "without_opted_out",
]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Consent-column values that refuse consent (an empty or unknown cell is no consent too).
OPT_OUT_VALUES = frozenset(CONSENT_REFUSED)
#: Extra people columns dropped by :func:`pseudonymize` (matched case-insensitively).
IDENTIFYING_COLUMN_PATTERN = re.compile(
    r"e-?mail|phone|mobile|linkedin|address|url|website|birth|ssn|passport", re.IGNORECASE
)
#: Columns a per-person output publishes when none are named: the pseudonym comes
#: with the person's role, industry and class year (in five-year bands).
DEFAULT_COLUMNS = ("role", "industry", "grad_year")
#: The narrowest band each numeric column is published in (other numbers: 1).
DEFAULT_BANDS: dict[str, int] = {"grad_year": 5}
#: What a locally suppressed value is replaced by.
SUPPRESSED = "*"
#: What rare categories are merged into.
OTHER = "other"
#: The shortest pseudonym key accepted, in bytes.
MIN_KEY_BYTES = 16
#: Environment variable holding the pseudonym key itself.
KEY_ENV = "NETGRAPH_PSEUDONYM_KEY"
#: Environment variable naming a file that holds the pseudonym key.
KEY_FILE_ENV = "NETGRAPH_KEY_FILE"

_PSEUDONYM_HEX = 16  # 64 bits: a collision among a million people has odds ~3e-8
_SESSION_KEY = secrets.token_bytes(32)
_IDENTIFYING_TOKENS = frozenset(
    {"id", "ids", "uid", "uuid", "name", "names", "surname", "email", "mail", "phone"}
    | {"mobile", "cell", "cellphone", "tel", "telephone", "dob", "ssn", "passport"}
    | {"address", "street", "zip", "postcode", "url", "website", "linkedin", "notes"}
    | {"note", "comment", "comments", "birthday", "birthdate", "ip", "login", "username"}
)
_IDENTIFYING_PARTS = (
    "email",
    "phone",
    "linkedin",
    "birth",
    "passport",
    "studentid",
    "firstname",
    "lastname",
    "fullname",
    "surname",
    "address",
    "comment",
)


def is_identifying(column: str) -> bool:
    """Return whether a column name looks like a direct identifier.

    A direct identifier names or reaches one person by itself: any id, a name, an
    e-mail address, a phone number, a street address, a web or LinkedIn address, a
    date of birth, a national or student number, free-text notes or comments. The
    name is lower-cased and split at anything but letters and digits; it is
    identifying when a part is such a word (``id``, ``name``, ``email``, ``cell``,
    ``dob``, ``notes``...) or the whole name, without separators, contains one
    (``e_mail``, ``StudentID``, ``Full Name``, ``date_of_birth``).

    Parameters
    ----------
    column
        A column name.

    Returns
    -------
    bool
        ``True`` for a column that may never be published.

    Examples
    --------
    >>> [is_identifying(c) for c in ("first_name", "e_mail", "Student ID", "industry")]
    [True, True, True, False]
    """
    lower = str(column).lower()
    tokens = set(re.split(r"[^a-z0-9]+", lower))
    compact = re.sub(r"[^a-z0-9]", "", lower)
    return bool(tokens & _IDENTIFYING_TOKENS) or any(p in compact for p in _IDENTIFYING_PARTS)


# ---------------------------------------------------------------------- CSV
def _neutralize(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _joined(value: object) -> object:
    """Join a list cell into ``;``-separated text (a set sorted); leave others alone."""
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, (tuple, list)):
        return ";".join(map(str, value))
    return value


def _is_text_column(s: pd.Series) -> bool:
    return s.dtype == object or pd.api.types.is_string_dtype(s)


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``table`` whose text cells a spreadsheet will not run as formulas.

    List cells (tuples, lists, sets) are first joined into ``;``-separated text;
    then text cells (and column names) starting with ``=``, ``+``, ``-``, ``@``, tab
    or carriage return get a leading ``'``, which spreadsheets show as text. Joining
    comes first so that a list whose first item is a formula is caught too. Numbers
    are left alone, so a negative number stays a number.

    Parameters
    ----------
    table
        Any table about to be written as CSV.

    Returns
    -------
    pandas.DataFrame
        The neutralized copy; ``table`` is unchanged.

    References
    ----------
    OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection

    Examples
    --------
    >>> import pandas as pd
    >>> spreadsheet_safe(pd.DataFrame({"note": ["=1+2", ("+cmd", "x")], "n": [-1, 2]}))
          note  n
    0    '=1+2 -1
    1  '+cmd;x  2
    """
    out = table.copy()
    for col in out.columns:
        if _is_text_column(out[col]):
            out[col] = out[col].map(lambda v: _neutralize(_joined(v)))
    out.columns = [_neutralize(str(c)) for c in out.columns]
    return out


def _cell(value: object, float_format: str | None) -> str:
    """One cell as CSV text (before quoting)."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return float_format % value if float_format else repr(value)
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _column_text(s: pd.Series, float_format: str | None, neutralize: bool = True) -> pd.Series:
    """Turn a column into CSV text: joined, formatted, formula-neutralised, quoted."""
    if pd.api.types.is_datetime64_any_dtype(s):
        text = s.dt.strftime("%Y-%m-%d").astype(object).where(s.notna(), "")
    elif pd.api.types.is_bool_dtype(s) or pd.api.types.is_integer_dtype(s):
        text = s.astype(object).map(lambda v: _cell(v, None))
    elif pd.api.types.is_float_dtype(s):
        text = s.astype(object).map(lambda v: _cell(v, float_format))
    else:

        def one(value: object) -> str:
            value = _joined(value)
            if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
                return _cell(value, float_format)  # a number in a mixed column stays one
            text = _cell(value, float_format)
            return str(_neutralize(text)) if neutralize else text

        text = s.astype(object).map(one)
    text = text.astype(object)
    needs = text.map(lambda t: any(c in t for c in ',"\r\n'))
    if needs.any():
        text = text.where(~needs, '"' + text.str.replace('"', '""', regex=False) + '"')
    return text


def csv_text(
    table: pd.DataFrame, *, float_format: str | None = None, neutralize: bool = True
) -> str:
    r"""Return ``table`` as CSV text that a spreadsheet can open safely.

    This is the one function through which netgraph writes CSV (report tables,
    exports, ``--format csv``). In order: list cells are joined into
    ``;``-separated text; dates are written ``YYYY-MM-DD``, missing values as empty
    cells, floats with ``float_format`` (default: shortest exact form); text cells
    and column names that a spreadsheet would run as a formula (starting with ``=``,
    ``+``, ``-``, ``@``, tab or CR) get a leading ``'``; and every cell holding a
    comma, a double quote, a CR or an LF is quoted (RFC 4180), so a carriage return
    inside a name can never start a new row. Rows end with LF; the index is not
    written.

    Parameters
    ----------
    table
        The table.
    float_format
        ``%``-format for floats, e.g. ``"%.6g"``.
    neutralize
        Prefix formula-like text with ``'``. Off only for writing a data folder
        back, whose cells must keep their exact values.

    Returns
    -------
    str
        The CSV text, a header line first, each row ending with ``\n``.

    References
    ----------
    Y. Shafranovich, "Common Format and MIME Type for Comma-Separated Values (CSV)
    Files", RFC 4180, 2005. OWASP, "CSV Injection".

    Examples
    --------
    >>> import pandas as pd
    >>> csv_text(pd.DataFrame({"name": ["x\r=1+1", "=2"], "n": [1, -2]}))
    'name,n\n"x\r=1+1",1\n\'=2,-2\n'
    """
    header = pd.Series([str(c) for c in table.columns], dtype=object)
    head = _column_text(header, None, neutralize)
    lines = [",".join(head)]
    if len(table.columns) and len(table):
        cols = [
            _column_text(table.iloc[:, i].reset_index(drop=True), float_format, neutralize)
            for i in range(table.shape[1])
        ]
        rows = cols[0]
        for col in cols[1:]:
            rows = rows + "," + col
        lines.extend(r or '""' for r in rows.tolist())  # a blank line would be skipped
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ consent
def _consent_header(people: pd.DataFrame) -> str | None:
    """Return the consent column's name (matched like the loader does), or ``None``."""
    for col in people.columns:
        if re.sub(r"[\s\-]+", "_", str(col).strip().casefold()) == CONSENT_COLUMN:
            return col
    return None


def consent_recorded(net: ReferralNetwork) -> bool:
    """Return whether the people table has a consent column (see :func:`opted_out`).

    Parameters
    ----------
    net
        The network.

    Returns
    -------
    bool
        ``True`` when a ``research_consent`` column is present.

    Examples
    --------
    >>> import netgraph as ng
    >>> consent_recorded(ng.load())
    True
    """
    return _consent_header(net.people) is not None


def opted_out(net: ReferralNetwork) -> list[str]:
    """Return the ids of the people without consent to research, sorted.

    With a ``research_consent`` column, a person has consent only when their cell,
    lower-cased with spaces and hyphens read as ``_``, is one of
    :data:`~netgraph.load.CONSENT_GIVEN`; everyone else -- a refusal, an empty cell,
    or (in tables not checked by :func:`~netgraph.load.load`) any other value -- is
    listed here (fail-closed). Without a consent column nobody is listed: the data
    records no consent decisions.

    Parameters
    ----------
    net
        The network.

    Returns
    -------
    list of str
        The ``person_id`` of each person without consent.

    Examples
    --------
    >>> import netgraph as ng
    >>> opted_out(ng.load())
    ['p186', 'p277', 'p285', 'p325']
    """
    col = _consent_header(net.people)
    if col is None:
        return []
    cells = net.people[col].astype(str).str.strip().str.casefold()
    cells = cells.str.replace(r"[\s\-]+", "_", regex=True)
    return sorted(net.people.index[~cells.isin(CONSENT_GIVEN).to_numpy()])


_RESEARCH_VIEWS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def without_opted_out(net: ReferralNetwork) -> ReferralNetwork:
    """Return the network without the people who have no consent to research.

    Their rows go (see :func:`opted_out`), and so does every tie, interview and
    referral they take part in (as seeker, contact, referrer or referred person), so
    a referral cascade that ran through such a person stops there. The result is
    kept per network (networks are immutable), so calling this again is free.

    Parameters
    ----------
    net
        The network.

    Returns
    -------
    ReferralNetwork
        A new network (``net`` itself when everybody consented).

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> len(without_opted_out(net).people) == len(net.people) - len(opted_out(net))
    True
    """
    try:
        cached = _RESEARCH_VIEWS.get(net)
    except TypeError:  # pragma: no cover - a network that cannot be weakly referenced
        cached = None
    if cached is not None:
        return net if cached is _SAME else cached
    out = set(opted_out(net))
    if not out:
        _RESEARCH_VIEWS[net] = _SAME
        return net
    ties, iv, ref = net.ties, net.interviews, net.referrals
    tables = {
        "people": net.people[~net.people.index.isin(out)].reset_index(),
        "ties": ties[~(ties["person_a"].isin(out) | ties["person_b"].isin(out))],
        "interviews": iv[~(iv["seeker_id"].isin(out) | iv["contact_id"].isin(out))],
        "referrals": ref[
            ~(
                ref["referrer_id"].isin(out)
                | ref["seeker_id"].isin(out)
                | ref["referred_id"].isin(out)
            )
        ],
    }
    tables = {k: v.reset_index(drop=True) for k, v in tables.items()}
    rnet = ReferralNetwork.from_tables(tables, source=net.source, as_of_date=net.as_of_date)
    derive(net, rnet, "consented")  # its per-network results go into net's snapshot
    _RESEARCH_VIEWS[net] = rnet
    _RESEARCH_VIEWS[rnet] = _SAME
    return rnet


class _Same:
    """Marker: the network has nobody to leave out."""


_SAME = _Same()


# --------------------------------------------------------------- pseudonyms
def _key_bytes(key: str | bytes | None) -> bytes:
    if key is None:
        return _SESSION_KEY
    data = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    if not data:
        raise NetgraphError("the pseudonym key must not be empty")
    if len(data) < MIN_KEY_BYTES:
        raise NetgraphError(
            f"the pseudonym key is {len(data)} bytes long; use at least {MIN_KEY_BYTES} "
            "random bytes (for example the output of: "
            "python -c 'import secrets; print(secrets.token_hex(32))')"
        )
    return data


def pseudonym_key(
    key_file: str | Path | None = None, *, environ: Mapping[str, str] | None = None
) -> bytes | None:
    """Return the secret pseudonym key from a file or the environment, or ``None``.

    Looked up in this order: ``key_file``; the file named by ``$NETGRAPH_KEY_FILE``
    (:data:`KEY_FILE_ENV`); the text of ``$NETGRAPH_PSEUDONYM_KEY``
    (:data:`KEY_ENV`). A key file's leading and trailing whitespace (its final
    newline) is not part of the key. ``None`` means no key is set: the functions
    that take a key then use a random key made once per session, so pseudonyms
    differ between sessions and nobody, you included, can recompute them later.
    Keep keys out of code and notebooks: anyone holding the key can hash a list of
    likely ids and match them against the pseudonyms.

    Parameters
    ----------
    key_file
        A file holding the key.
    environ
        The environment to read (default: ``os.environ``).

    Returns
    -------
    bytes or None
        The key, at least :data:`MIN_KEY_BYTES` long, or ``None``.

    Raises
    ------
    NetgraphError
        If the key file cannot be read, or the key is empty or shorter than
        :data:`MIN_KEY_BYTES` bytes.

    Examples
    --------
    >>> pseudonym_key(environ={}) is None
    True
    >>> len(pseudonym_key(environ={"NETGRAPH_PSEUDONYM_KEY": "x" * 32}))
    32
    """
    env = os.environ if environ is None else environ
    where = None
    if key_file is None and env.get(KEY_FILE_ENV):
        key_file = env[KEY_FILE_ENV]
        where = f"${KEY_FILE_ENV}"
    if key_file is not None and str(key_file) != "":
        try:
            data = Path(key_file).read_bytes().strip()
        except OSError as exc:
            raise NetgraphError(
                f"cannot read key file {key_file}"
                + (f" (from {where})" if where else "")
                + f": {exc.strerror or exc}"
            ) from None
        if not data:
            raise NetgraphError(f"key file {key_file} is empty")
        try:
            _key_bytes(data)
        except NetgraphError as exc:
            raise NetgraphError(f"key file {key_file}: {exc}") from None
        return data
    text = env.get(KEY_ENV, "")
    if not text:
        return None
    data = text.encode("utf-8")
    try:
        _key_bytes(data)
    except NetgraphError as exc:
        raise NetgraphError(f"${KEY_ENV}: {exc}") from None
    return data


def _digest(key: bytes, domain: str, value: str) -> str:
    msg = f"{domain}:{value}".encode()
    return hmac.new(key, msg, hashlib.sha256).hexdigest()[:_PSEUDONYM_HEX]


_PREFIX = {"person": "anon-", "interview": "iv-", "referral": "rf-"}


def pseudonym(value: str, key: str | bytes | None = None, *, kind: str = "person") -> str:
    """Return the keyed-hash pseudonym of one identifier.

    The pseudonym is ``anon-`` (``iv-`` for interviews, ``rf-`` for referrals)
    followed by the first 16 hex digits of HMAC-SHA256 of ``"<kind>:<value>"`` under
    ``key``. Whoever holds the key can recompute a known person's pseudonym; without
    it the pseudonym reveals nothing about the id.

    Parameters
    ----------
    value
        The identifier (a ``person_id``, ``interview_id`` or ``referral_id``).
    key
        The secret key (text or bytes). ``None`` uses a random key made once per
        Python process: pseudonyms then agree within one session but not across
        sessions. Keep a key you pass secret.
    kind
        ``"person"``, ``"interview"`` or ``"referral"`` (each hashed apart).

    Returns
    -------
    str
        The pseudonym.

    Raises
    ------
    NetgraphError
        If the key is empty or shorter than :data:`MIN_KEY_BYTES`, or ``kind`` is
        unknown.

    References
    ----------
    H. Krawczyk, M. Bellare and R. Canetti, "HMAC: Keyed-Hashing for Message
    Authentication", RFC 2104, 1997.

    Examples
    --------
    >>> key = "a long and secret key"
    >>> pseudonym("p001", key).startswith("anon-")
    True
    >>> pseudonym("p001", key) == pseudonym("p001", key)
    True
    >>> pseudonym("p001", key) == pseudonym("p001", "another long secret key")
    False
    """
    if kind not in _PREFIX:
        raise NetgraphError(f"unknown kind {kind!r}; expected one of {', '.join(_PREFIX)}")
    return _PREFIX[kind] + _digest(_key_bytes(key), kind, str(value))


def _mapping(values: Iterable[str], key: bytes, kind: str) -> dict[str, str]:
    """Map each distinct value to its pseudonym; raise on a (vanishingly rare) collision."""
    prefix = _PREFIX[kind]
    out = {v: prefix + _digest(key, kind, str(v)) for v in dict.fromkeys(values) if v != ""}
    if len(set(out.values())) != len(out):  # pragma: no cover - odds ~1e-8 at 1M ids
        raise NetgraphError("two identifiers share a pseudonym under this key; use another key")
    out[""] = ""
    return out


def _check_columns(people: pd.DataFrame, columns: Sequence[str], *, what: str) -> list[str]:
    """Refuse unknown or identifying column names; return them as a list."""
    if isinstance(columns, str):
        columns = [columns]
    cols = list(dict.fromkeys(str(c) for c in columns))
    bad = [c for c in cols if c in ("person_id", "name", "email") or is_identifying(c)]
    if bad:
        raise NetgraphError(
            f"column {bad[0]!r} identifies people and cannot be {what}; "
            "names, e-mails, ids, phone numbers, birth dates and notes never are"
        )
    missing = [c for c in cols if c not in people.columns]
    if missing:
        raise NetgraphError(
            f"no column {missing[0]!r} in the people table "
            f"(columns: {', '.join(map(str, people.columns))})"
        )
    return cols


def pseudonymize(
    net: ReferralNetwork,
    key: str | bytes | None,
    *,
    columns: Sequence[str] | None = None,
    exclude_opted_out: bool = True,
) -> ReferralNetwork:
    """Return a copy of the network with pseudonyms for ids and only allow-listed columns.

    Every ``person_id`` (in every table), ``interview_id`` and ``referral_id`` is
    replaced by its keyed-hash :func:`pseudonym`; the ``name`` column holds the
    person's pseudonym (so the network still works as a network), ``email`` and
    interview ``notes`` are emptied. Of the other people columns only those on the
    allow-list stay: ``columns`` (default :data:`DEFAULT_COLUMNS`: role, industry,
    grad_year, where present) and ``research_consent``; every other column
    (first_name, organization, comments, anything) is dropped. Values are kept as
    they are: this is a network to analyse, not a publication. Publishing a table of
    people from it needs :func:`k_anonymize` (as :func:`netgraph.report.export`
    does).

    Parameters
    ----------
    net
        The network.
    key
        The secret key (see :func:`pseudonym`); the same key gives the same
        pseudonyms, so tables made with one key can be joined.
    columns
        People columns to keep besides the pseudonym.
    exclude_opted_out
        Leave out the people who opted out of research (:func:`without_opted_out`).

    Returns
    -------
    ReferralNetwork
        A new network; ``net`` is unchanged. Its ``source`` is ``None``.

    Raises
    ------
    NetgraphError
        If the key is empty or too short, or a column is missing or identifying
        (:func:`is_identifying`).

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> anon = pseudonymize(net, "a long and secret key")
    >>> anon.people.index[0].startswith("anon-"), sorted(anon.people.columns)
    (True, ['email', 'grad_year', 'industry', 'name', 'research_consent', 'role'])
    """
    k = _key_bytes(key)
    if exclude_opted_out:
        net = without_opted_out(net)
    people = net.people
    if columns is None:
        keep = [c for c in DEFAULT_COLUMNS if c in people.columns]
    else:
        keep = _check_columns(people, columns, what="kept")
    keep += [c for c in ("research_consent",) if c in people.columns and c not in keep]
    pid = _mapping(people.index, k, "person")
    iid = _mapping(net.interviews["interview_id"], k, "interview")
    rid = _mapping(net.referrals["referral_id"], k, "referral")

    new_people = people[keep].reset_index()
    new_people["person_id"] = new_people["person_id"].map(pid)
    new_people.insert(1, "name", new_people["person_id"])
    new_people["email"] = ""

    ties = net.ties.copy()
    for col in ("person_a", "person_b"):
        ties[col] = ties[col].map(pid)
    iv = net.interviews.copy()
    iv["interview_id"] = iv["interview_id"].map(iid)
    for col in ("seeker_id", "contact_id"):
        iv[col] = iv[col].map(pid)
    iv["notes"] = ""
    ref = net.referrals.copy()
    ref["referral_id"] = ref["referral_id"].map(rid)
    ref["interview_id"] = ref["interview_id"].str.strip().map(iid).fillna("")
    for col in ("referrer_id", "seeker_id", "referred_id"):
        ref[col] = ref[col].map(pid)
    tables = {"people": new_people, "ties": ties, "interviews": iv, "referrals": ref}
    return ReferralNetwork.from_tables(tables, source=None, as_of_date=net.as_of_date)


# ------------------------------------------------------------- suppression
def _is_count_dtype(s: pd.Series) -> bool:
    return pd.api.types.is_integer_dtype(s) and not pd.api.types.is_bool_dtype(s)


def suppress_small_cells(
    table: pd.DataFrame,
    k: int = 5,
    *,
    count_columns: Sequence[str] | None = None,
    derived: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Return a copy of ``table`` with every cell built from fewer than ``k`` people blanked.

    A cell of a *count column* (a number of people, or of events each involving
    different people) holding less than ``k`` -- zero included -- is blanked (set to
    missing). A *derived* cell (a rate, a mean, or a count that only makes sense
    when another count is large enough) is blanked when any of the cells it is
    computed from, in the same row, is blanked; this repeats until nothing changes,
    so chains of derivations are followed. This is primary suppression: it does not
    stop a reader from subtracting two published counts.

    Parameters
    ----------
    table
        The table to publish.
    k
        The smallest count that may be shown; 0 switches suppression off.
    count_columns
        Columns holding counts of people. ``None`` means every integer column.
    derived
        For each column computed from others, the columns it is computed from,
        e.g. ``{"response_rate": ["interviews_given", "interviews_requested"]}``.

    Returns
    -------
    pandas.DataFrame
        The suppressed copy: count columns as nullable ``Int64``, blanked cells
        missing. ``attrs["k"]`` holds ``k`` and ``attrs["suppressed_cells"]`` how many
        cells were blanked.

    Raises
    ------
    NetgraphError
        If ``k`` is negative or a named column is not in the table.

    References
    ----------
    Hundepool et al., *Statistical Disclosure Control*, Wiley, 2012, ch. 5
    (threshold rule for frequency tables).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"group": ["a", "b"], "n": [12, 3], "helped": [6, 2]})
    >>> t["share"] = t["helped"] / t["n"]
    >>> suppress_small_cells(t, 5, count_columns=["n", "helped"],
    ...                      derived={"share": ["n", "helped"]})
      group     n  helped  share
    0     a    12       6    0.5
    1     b  <NA>    <NA>    NaN
    """
    if k < 0:
        raise NetgraphError(f"k must be 0 or more, got {k}")
    counts = (
        [c for c in table.columns if _is_count_dtype(table[c])]
        if count_columns is None
        else list(count_columns)
    )
    derived = dict(derived or {})
    missing = [
        c
        for c in [*counts, *derived, *(s for v in derived.values() for s in v)]
        if c not in table.columns
    ]
    if missing:
        raise NetgraphError(
            f"no column {missing[0]!r} in the table (columns: {', '.join(map(str, table.columns))})"
        )
    out = table.copy()
    blank = pd.DataFrame(False, index=out.index, columns=out.columns)
    for col in counts:
        values = pd.to_numeric(out[col], errors="coerce")
        blank[col] = (values < k).fillna(False).to_numpy(dtype=bool) | values.isna().to_numpy()
    changed = True
    while changed:
        changed = False
        for col, sources in derived.items():
            hit = blank[list(sources)].any(axis=1) & ~blank[col]
            if hit.any():
                blank.loc[hit, col] = True
                changed = True
    n_blanked = 0
    for col in out.columns:
        mask = blank[col].to_numpy(dtype=bool)
        if col in counts:
            was_missing = pd.to_numeric(out[col], errors="coerce").isna().to_numpy()
            n_blanked += int((mask & ~was_missing).sum())
            out[col] = pd.array(
                np.where(mask, None, pd.to_numeric(out[col], errors="coerce")), dtype="Int64"
            )
        elif mask.any():
            n_blanked += int((mask & out[col].notna().to_numpy()).sum())
            if pd.api.types.is_numeric_dtype(out[col]) and not _is_count_dtype(out[col]):
                out[col] = out[col].astype(float).mask(mask)
            elif _is_count_dtype(out[col]):
                out[col] = out[col].astype("Int64").mask(mask)
            else:
                out[col] = out[col].astype(object).mask(mask)
    out.attrs = {**table.attrs, "k": k, "suppressed_cells": n_blanked}
    return out


@dataclass(frozen=True)
class Audit:
    """What making a per-person table k-anonymous took (see :func:`k_anonymize`).

    Attributes
    ----------
    k
        Every published combination is shared by at least this many people.
    columns
        The published attributes (the quasi-identifiers).
    people
        Rows (people) in the table.
    unique_before, unique_after
        People whose combination of the published attributes is held by nobody else,
        on the original values and on the published ones.
    below_k_before, below_k_after
        People in a combination held by fewer than ``k`` people, before and after.
    smallest_group
        Size of the smallest published combination (0 for an empty table).
    suppressed_records
        People with at least one value replaced by :data:`SUPPRESSED`.
    suppressed_values
        Values so replaced.
    generalised
        Per column, in words, how its values were generalised.
    """

    k: int
    columns: tuple[str, ...]
    people: int
    unique_before: int
    unique_after: int
    below_k_before: int
    below_k_after: int
    smallest_group: int
    suppressed_records: int
    suppressed_values: int
    generalised: Mapping[str, str] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """Return the audit as short lines of text, for a terminal or a log."""
        cols = ", ".join(self.columns) or "(none)"
        out = [
            f"k-anonymity (k={self.k}) over: {cols}",
            f"people: {self.people}; unique on these attributes: {self.unique_before} "
            f"before, {self.unique_after} after; in a group smaller than {self.k}: "
            f"{self.below_k_before} before, {self.below_k_after} after",
            f"smallest group: {self.smallest_group}; records suppressed: "
            f"{self.suppressed_records} ({self.suppressed_values} values set to "
            f"{SUPPRESSED!r})",
        ]
        out += [f"generalised {col}: {how}" for col, how in self.generalised.items()]
        return out


_NA = "\x00missing"  # grouping stand-in for a missing value (its own category)


def _group_sizes(frame: pd.DataFrame) -> np.ndarray:
    """Per row, how many rows share its combination of all columns (missing = a value)."""
    if frame.shape[1] == 0:
        return np.full(len(frame), len(frame), dtype=np.int64)
    keys = frame.astype(object).where(frame.notna(), _NA)
    codes = keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup().to_numpy()
    return np.bincount(codes)[codes]


def _unique_and_rare(frame: pd.DataFrame, k: int) -> tuple[int, int]:
    sizes = _group_sizes(frame)
    return int((sizes == 1).sum()), int((sizes < k).sum())


def _raw_values(s: pd.Series) -> pd.Series:
    """Values as published before generalising: lists joined, text stripped, '' missing."""
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.astype(object).where(s.notna(), None)
    if _is_text_column(s):
        s = s.astype(object).map(_joined)
        s = s.map(lambda v: v.strip() if isinstance(v, str) else v)
        s = s.where(s.notna() & s.ne(""), None)
    return s.astype(object).map(lambda v: None if v is None or pd.isna(v) else v)


def _numeric(s: pd.Series) -> pd.Series | None:
    """Return the column as floats for numbers or dates (as years), else None."""
    if pd.api.types.is_bool_dtype(s):
        return None
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.dt.year.astype(float)
    if pd.api.types.is_numeric_dtype(s):
        return s.astype(float)
    return None


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _band_labels(num: pd.Series, width: float, k: int) -> tuple[pd.Series, str]:
    """Band ``num`` into ``width``-wide bands, top- and bottom-coding the thin ends."""
    lo = np.floor(num / width) * width
    present = lo.dropna()
    if present.empty:
        return pd.Series(None, index=num.index, dtype=object), f"{_number(width)}-wide bands"
    counts = present.value_counts().sort_index()
    edges = counts.index.to_numpy()
    cum_low = counts.cumsum().to_numpy()
    cum_high = counts[::-1].cumsum()[::-1].to_numpy()
    i = int(np.argmax(cum_low >= k)) if (cum_low >= k).any() else len(edges) - 1
    j = int(len(edges) - 1 - np.argmax(cum_high[::-1] >= k)) if (cum_high >= k).any() else 0
    integral = bool((num.dropna() % 1 == 0).all()) and float(width).is_integer()

    def span(a: float, b: float) -> str:
        hi = b + width - 1 if integral else b + width
        if integral and width == 1 and a == b:
            return _number(a)
        return f"{_number(a)}-{_number(hi)}" if integral else f"{_number(a)} to <{_number(hi)}"

    if i >= j:  # the coded ends meet: one band for everything
        label = {e: span(edges[0], edges[-1]) for e in edges}
        how = f"one band {span(edges[0], edges[-1])}"
    else:
        label = {e: span(e, e) for e in edges}
        low_top = edges[i] + width - (1 if integral else 0)
        for e in edges[: i + 1] if i > 0 else []:
            label[e] = f"<={_number(low_top)}" if integral else f"<{_number(edges[i] + width)}"
        for e in edges[j:] if j < len(edges) - 1 else []:
            label[e] = f">={_number(edges[j])}"
        how = f"{_number(width)}-wide bands"
        if i > 0:
            how += f", bottom-coded at {label[edges[0]]}"
        if j < len(edges) - 1:
            how += f", top-coded at {label[edges[-1]]}"
    out = lo.map(label).astype(object)
    return out.where(lo.notna(), None), how


def _merge_rare(s: pd.Series, k: int) -> tuple[pd.Series, str | None]:
    """Merge categories held by fewer than ``k`` rows into :data:`OTHER`."""
    text = s.map(_text_or_none).astype(object)
    counts = text.value_counts(dropna=True)
    rare = set(counts.index[counts < k])
    if not rare:
        return text, None
    other = int(counts[list(rare)].sum()) + int(counts.get(OTHER, 0))
    rest = counts[~counts.index.isin(rare | {OTHER})]
    for value, n in sorted(rest.items(), key=lambda vn: (vn[1], str(vn[0]))):
        # a thin "other" would itself point to few people: the smallest values join it
        if other >= k:
            break
        rare.add(value)
        other += int(n)
    merged = sorted(str(v) for v in rare if v != OTHER)
    out = text.where(~text.isin(rare), OTHER)
    shown = ", ".join(merged[:8]) + (f" and {len(merged) - 8} more" if len(merged) > 8 else "")
    return out, f"{len(merged)} rare values into {OTHER!r} ({shown})"


def k_anonymize(
    table: pd.DataFrame,
    columns: Sequence[str],
    k: int = 5,
    *,
    bands: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Return a copy of a per-person table in which every published combination is shared by k.

    The ``columns`` are the quasi-identifiers: attributes an outsider may know.
    They are made k-anonymous (Sweeney 2002) the way sdcMicro does it (Templ et al.
    2015): global recoding first, then local suppression.

    1. **Global recoding.** A number (a date: its year) is published in bands, at
       least ``bands[column]`` wide (default :data:`DEFAULT_BANDS`, else 1); the thin
       ends are bottom- and top-coded (``<=1999``, ``>=2025``) so that each end
       holds ``k`` rows. Text (a list: its ``;``-joined items) keeps its values, but
       a value held by fewer than ``k`` rows becomes :data:`OTHER`, and when
       ``other`` itself is thinner than ``k`` the next smallest values join it. A
       numeric band is then doubled, the one that helps most first, as long as that
       saves at least a quarter of the values step 2 would suppress.
    2. **Local suppression.** In the rows whose combination is still held by fewer
       than ``k`` rows, the column with most distinct values (sdcMicro's default
       importance: least important first) is set to :data:`SUPPRESSED`; then the
       next, until none is left. If the fully suppressed rows are fewer than ``k``,
       rows of the largest combinations (which keep at least ``k``) join them.

    A suppressed value is a category of its own here (sdcMicro's ``alpha = 0``,
    stricter than its default of letting it match anything): afterwards *every*
    combination of published values -- missing and suppressed included -- is held
    by at least ``k`` rows, unless the table has fewer than ``k`` rows (then all is
    suppressed). Other columns are left as they are.

    Parameters
    ----------
    table
        One row per person.
    columns
        The quasi-identifiers.
    k
        The smallest group that may be visible; 0 or 1 only normalises values.
    bands
        Narrowest band per numeric column.

    Returns
    -------
    pandas.DataFrame
        The generalised copy (quasi-identifier columns as text, missing stays
        missing), with ``attrs["k"]``, ``attrs["suppressed_cells"]`` and
        ``attrs["audit"]`` (an :class:`Audit`).

    Raises
    ------
    NetgraphError
        If a column is not in the table or ``k`` is negative.

    References
    ----------
    L. Sweeney, "k-anonymity: a model for protecting privacy", *International Journal
    of Uncertainty, Fuzziness and Knowledge-Based Systems* 10(5), 2002.
    M. Templ, A. Kowarik and B. Meindl, "Statistical Disclosure Control for
    Micro-Data Using the R Package sdcMicro", *Journal of Statistical Software*
    67(4), 2015.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"major": ["Math"] * 5 + ["Art"] * 3 + ["Dance"],
    ...                   "grad_year": [2010, 2011, 2012, 2013, 2014, 2016, 2017, 2019, 2016]})
    >>> out = k_anonymize(t, ["major", "grad_year"], k=3)
    >>> out.drop_duplicates().values.tolist()
    [['Math', '2010-2014'], ['other', '2015-2019']]
    >>> out.attrs["audit"].unique_before, out.attrs["audit"].unique_after
    (9, 0)
    """
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 0:
        raise NetgraphError(f"k must be 0 or more, got {k!r}")
    cols = [str(c) for c in dict.fromkeys(columns)]
    missing = [c for c in cols if c not in table.columns]
    if missing:
        raise NetgraphError(f"no column {missing[0]!r} in the table")
    widths = {**DEFAULT_BANDS, **dict(bands or {})}
    out = table.copy()
    n = len(out)
    raw = pd.DataFrame({c: _raw_values(out[c]) for c in cols}, index=out.index)
    unique_before, rare_before = _unique_and_rare(raw, max(k, 1))
    how: dict[str, str] = {}
    numeric = {c: _numeric(out[c]) for c in cols}
    numeric = {c: v for c, v in numeric.items() if v is not None}
    width = {c: float(widths.get(c, 1)) for c in numeric}
    eff_k = max(k, 1)

    def recode(c: str) -> tuple[pd.Series, str | None]:
        if c in numeric:
            labels, what = _band_labels(numeric[c], width[c], eff_k)
            return labels, (None if width[c] == 1 and "coded" not in what else what)
        return _merge_rare(raw[c], eff_k) if k > 1 else (raw[c].map(_text_or_none), None)

    pub = pd.DataFrame(index=out.index)
    for c in cols:
        pub[c], what = recode(c)
        if what:
            how[c] = what
    if k > 1 and n:
        span = {c: float(v.max() - v.min()) if v.notna().any() else 0.0 for c, v in numeric.items()}
        cost = _suppression_cost(pub, k)
        while cost:
            best = None
            for c in numeric:
                if width[c] > span[c]:
                    continue
                width[c] *= 2
                trial, what = recode(c)
                width[c] /= 2
                trial_cost = _suppression_cost(pub.assign(**{c: trial}), k)
                if best is None or trial_cost < best[0]:
                    best = (trial_cost, c, trial, what)
            if best is None or best[0] > (1 - _RECODE_GAIN) * cost:
                break
            cost, c, pub[c], what = best
            width[c] *= 2
            how[c] = what or f"{_number(width[c])}-wide bands"
        _suppress_locally(pub, k)
    suppressed = pub.eq(SUPPRESSED)
    sizes = _group_sizes(pub)
    for c in cols:
        out[c] = pub[c]
    unique_after, rare_after = _unique_and_rare(pub, eff_k)
    audit = Audit(
        k=int(k),
        columns=tuple(cols),
        people=n,
        unique_before=unique_before,
        unique_after=unique_after,
        below_k_before=rare_before,
        below_k_after=rare_after,
        smallest_group=int(sizes.min()) if n else 0,
        suppressed_records=int(suppressed.any(axis=1).sum()) if cols else 0,
        suppressed_values=int(suppressed.to_numpy().sum()),
        generalised=how,
    )
    out.attrs = {
        **table.attrs,
        "k": k,
        "suppressed_cells": audit.suppressed_values,
        "audit": audit,
    }
    return out


_RECODE_GAIN = 0.25  # widen a band only when that saves a quarter of the suppressions


def _suppression_cost(pub: pd.DataFrame, k: int) -> int:
    """How many values local suppression would set to :data:`SUPPRESSED`."""
    trial = pub.copy()
    _suppress_locally(trial, k)
    return int(trial.eq(SUPPRESSED).to_numpy().sum() - pub.eq(SUPPRESSED).to_numpy().sum())


def _text_or_none(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _suppress_locally(pub: pd.DataFrame, k: int) -> None:
    """Suppress values in place until every combination is held by >= k rows."""
    cols = list(pub.columns)
    if not cols:
        return
    order = sorted(cols, key=lambda c: (-pub[c].nunique(dropna=False), cols.index(c)))
    for c in order:
        rare = _group_sizes(pub) < k
        if not rare.any():
            return
        pub.loc[rare, c] = SUPPRESSED
    # Every row still rare is now fully suppressed; make that group k strong too.
    while True:
        all_out = pub.eq(SUPPRESSED).all(axis=1).to_numpy()
        m = int(all_out.sum())
        if m == 0 or m >= k or m == len(pub):
            return
        need = k - m
        codes = (
            pub.astype(object)
            .where(pub.notna(), _NA)
            .groupby(cols, sort=False, dropna=False)
            .ngroup()
            .to_numpy()
        )
        counts = np.bincount(codes)
        donors = sorted(set(codes[~all_out].tolist()), key=lambda g: (-counts[g], g))
        spare = sum(max(int(counts[g]) - k, 0) for g in donors)
        if spare >= need:
            for g in donors:
                take = min(int(counts[g]) - k, need)
                if take > 0:
                    rows = np.flatnonzero(codes == g)
                    pub.iloc[rows[-take:], :] = SUPPRESSED
                    need -= take
                if need == 0:
                    return
        # not enough to spare: the smallest group joins the suppressed rows whole
        smallest = min(donors, key=lambda g: (counts[g], g))
        pub.iloc[np.flatnonzero(codes == smallest), :] = SUPPRESSED
