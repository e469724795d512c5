"""Privacy protections for research outputs and exports.

Four protections, applied by default to everything netgraph publishes for research
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
  al. 1997): the same id and key always give the same pseudonym, different keys give
  unrelated ones, and without the key nobody can recompute them from a list of
  likely ids (:func:`pseudonymize`). Names, e-mails and interview notes are dropped.
* **Small cells.** The research tables go through
  :func:`netgraph.disclosure.protect`: a count of fewer than ``k`` distinct people
  (default 5) is hidden with every number computed from it, and further cells are
  hidden until no hidden value can be derived from totals, other cells or a mean
  times its n (secondary suppression). :func:`suppress_small_cells` is the plain
  primary rule on one table whose counts already count people. In per-person
  tables, attribute values shared by fewer than ``k`` people are blanked
  (:func:`k_anonymize`, Sweeney 2002).
* **No formulas.** Exports never carry formulas: a spreadsheet runs a cell that starts
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV
  injection, OWASP), so such text cells are prefixed with a single quote, which
  spreadsheets show as text (:func:`spreadsheet_safe`).

What these protections do **not** do: organization, title, location and the other
descriptive columns stay in a pseudonymous network, and together they can point to
one person; the limits of cell suppression are listed in :mod:`netgraph.disclosure`.
Treat pseudonymous data as personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import weakref
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from netgraph.errors import NetgraphError
from netgraph.load import CONSENT_COLUMN, CONSENT_GIVEN, CONSENT_REFUSED
from netgraph.network import ReferralNetwork

__all__ = [
    "FORMULA_PREFIXES",
    "IDENTIFYING_COLUMN_PATTERN",
    "OPT_OUT_VALUES",
    "consent_recorded",
    "k_anonymize",
    "opted_out",
    "pseudonym",
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
_PSEUDONYM_HEX = 16  # 64 bits: a collision among a million people has odds ~3e-8
_SESSION_KEY = secrets.token_bytes(32)


def _neutralize(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``table`` whose text cells a spreadsheet will not run as formulas.

    Text cells (and column names) starting with ``=``, ``+``, ``-``, ``@``, tab or
    carriage return get a leading ``'``. Numbers are left alone, so a negative
    number stays a number.

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
    >>> spreadsheet_safe(pd.DataFrame({"note": ["=1+2", "ok"], "n": [-1, 2]}))
        note  n
    0  '=1+2 -1
    1     ok  2
    """
    out = table.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_neutralize)
    out.columns = [_neutralize(str(c)) for c in out.columns]
    return out


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
        If the key is empty or ``kind`` is unknown.

    References
    ----------
    H. Krawczyk, M. Bellare and R. Canetti, "HMAC: Keyed-Hashing for Message
    Authentication", RFC 2104, 1997.

    Examples
    --------
    >>> pseudonym("p001", "secret").startswith("anon-")
    True
    >>> pseudonym("p001", "secret") == pseudonym("p001", "secret")
    True
    >>> pseudonym("p001", "secret") == pseudonym("p001", "other key")
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


def pseudonymize(
    net: ReferralNetwork, key: str | bytes | None, *, exclude_opted_out: bool = True
) -> ReferralNetwork:
    """Return a copy of the network with pseudonyms for ids and no names, e-mails or notes.

    Every ``person_id`` (in every table), ``interview_id`` and ``referral_id`` is
    replaced by its keyed-hash :func:`pseudonym`; the ``name`` column holds the
    person's pseudonym (so the network still works as a network), ``email`` and
    interview ``notes`` are emptied, and extra people columns whose name looks
    identifying (e-mail, phone, LinkedIn, address, URL, birth date...; see
    :data:`IDENTIFYING_COLUMN_PATTERN`) are dropped. Other columns (organization,
    title, industry, ...) are kept: they are what researchers analyse, but together
    they can still point to one person.

    Parameters
    ----------
    net
        The network.
    key
        The secret key (see :func:`pseudonym`); the same key gives the same
        pseudonyms, so tables made with one key can be joined.
    exclude_opted_out
        Leave out the people who opted out of research (:func:`without_opted_out`).

    Returns
    -------
    ReferralNetwork
        A new network; ``net`` is unchanged. Its ``source`` is ``None``.

    Raises
    ------
    NetgraphError
        If the key is empty.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> anon = pseudonymize(net, "secret")
    >>> anon.people.index[0].startswith("anon-"), bool(anon.people["email"].eq("").all())
    (True, True)
    """
    k = _key_bytes(key)
    if exclude_opted_out:
        net = without_opted_out(net)
    people = net.people
    pid = _mapping(people.index, k, "person")
    iid = _mapping(net.interviews["interview_id"], k, "interview")
    rid = _mapping(net.referrals["referral_id"], k, "referral")

    drop = [
        c
        for c in people.columns
        if c not in ("name", "email") and IDENTIFYING_COLUMN_PATTERN.search(str(c))
    ]
    new_people = people.drop(columns=drop).reset_index()
    new_people["person_id"] = new_people["person_id"].map(pid)
    new_people["name"] = new_people["person_id"]
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


def k_anonymize(table: pd.DataFrame, columns: Sequence[str], k: int = 5) -> pd.DataFrame:
    """Return a copy of a per-person table where no visible attribute combination is rarer than k.

    First every value of each column in ``columns`` held by fewer than ``k`` rows is
    blanked; then, column by column (the one with most distinct values first), the
    column is blanked in every row whose combination of those columns is still held
    by fewer than ``k`` rows. Afterwards every combination that shows at least one
    value is shared by at least ``k`` rows (k-anonymity over ``columns``); fully
    blanked rows reveal none of them.

    Parameters
    ----------
    table
        One row per person.
    columns
        The quasi-identifiers: attributes an outsider might know (role, class year,
        industry, major...).
    k
        The smallest group that may be visible; 0 or 1 leaves the table as it is.

    Returns
    -------
    pandas.DataFrame
        The generalized copy, with ``attrs["k"]`` and ``attrs["suppressed_cells"]``.

    Raises
    ------
    NetgraphError
        If a column is not in the table or ``k`` is negative.

    References
    ----------
    L. Sweeney, "k-anonymity: a model for protecting privacy", *International Journal
    of Uncertainty, Fuzziness and Knowledge-Based Systems* 10(5), 2002.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"major": ["Math"] * 5 + ["Art"], "score": range(6)})
    >>> k_anonymize(t, ["major"], k=5)["major"].tolist()
    ['Math', 'Math', 'Math', 'Math', 'Math', None]
    """
    if k < 0:
        raise NetgraphError(f"k must be 0 or more, got {k}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise NetgraphError(f"no column {missing[0]!r} in the table")
    out = table.copy()
    n_before = int(out[list(columns)].notna().sum().sum()) if columns else 0
    if k <= 1 or not columns or out.empty:
        out.attrs = {**table.attrs, "k": k, "suppressed_cells": 0}
        return out
    cols = list(columns)
    for col in cols:
        out[col] = out[col].astype(object).where(out[col].notna(), None)
        freq = out[col].map(out[col].value_counts(dropna=True))
        out[col] = out[col].mask(freq.fillna(0).lt(k) & out[col].notna(), None)
    # Blank the most varied column first in the rows whose combination is still rare;
    # rows in common combinations are never touched, so they stay common.
    order = sorted(cols, key=lambda c: (-out[c].nunique(dropna=True), cols.index(c)))
    for col in order:
        combo = out.groupby(cols, dropna=False, sort=False).ngroup()
        rare = combo.map(combo.value_counts()).lt(k)
        out.loc[rare, col] = None
    n_after = int(out[cols].notna().sum().sum())
    out.attrs = {**table.attrs, "k": k, "suppressed_cells": n_before - n_after}
    return out
