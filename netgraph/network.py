"""The :class:`ReferralNetwork`: validated tables and the two graphs built from them.

**Acquaintance graph** (``networkx.Graph``): an edge wherever two people know each
other. Each piece of *evidence* gives a weight in (0, 1]:

* a tie (``ties.csv``): its ``strength`` column when given, else by kind:
  family 0.9, friend 0.8, mentor 0.8, professor 0.6, coworker 0.6, classmate 0.5,
  any other kind 0.5. Ties do not fade.
* a completed informational interview (seeker–contact): 0.5 × recency.
* a referral (referrer–referred: whoever names someone knows them): 0.4 × recency.

``recency = 0.5 + 0.5 · 2^(−age / 365 days)``, with the age measured back from the
network's reference date (its ``as_of`` date, or else the latest event in the data),
so a conversation today counts fully and one long ago counts half. The evidence on
an edge combines like independent chances (noisy-OR):
``strength = 1 − ∏(1 − weight)``, so more contact makes a tie stronger, never
weaker, and strength stays in (0, 1]. Each edge carries ``strength``, ``cost``
(``−ln strength``, so the warmest path, the one with the largest product of
strengths, is the shortest path by ``cost``), ``evidence`` (a tuple of dicts with
source, kind, id, date, weight), ``kinds``, ``n_interviews`` and ``last_contact``.

**Referral graph** (``networkx.MultiDiGraph``): who led to whom. One edge
seeker → contact per interview (key ``interview_id``, ``kind="interview"``) and one
edge referrer → referred per referral (key ``referral_id``, ``kind="referral"``),
each with its date and status.

Both graphs are frozen (``networkx.freeze``): a network is an immutable value.

**Compute view.** At a million people the networkx graphs take minutes and gigabytes
to build, so they are built only when asked for. Beside them, :attr:`ReferralNetwork.csr`
is a :class:`CSRView`: integer ids in ``person_id`` order and symmetric CSR arrays of
strengths and costs, built straight from the tables with numpy in seconds. The edge
table (:attr:`ReferralNetwork.edges`) is computed the same way, without per-edge Python
work. :mod:`netgraph._fast` holds the local searches over the view that the analyses'
hot paths use.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from netgraph._dates import parse_date
from netgraph._memo import memo
from netgraph._text import positions
from netgraph.errors import UnknownPerson

if TYPE_CHECKING:
    import scipy.sparse

__all__ = [
    "DEFAULT_TIE_STRENGTH",
    "INTERVIEW_WEIGHT",
    "KIND_STRENGTH",
    "RECENCY_HALF_LIFE_DAYS",
    "REFERRAL_WEIGHT",
    "TIE_KIND_SYNONYMS",
    "CSRView",
    "ReferralNetwork",
    "recency",
    "tie_kind",
    "unknown_tie_kinds",
]

KIND_STRENGTH: dict[str, float] = {
    "family": 0.9,
    "friend": 0.8,
    "mentor": 0.8,
    "professor": 0.6,
    "coworker": 0.6,
    "classmate": 0.5,
}
DEFAULT_TIE_STRENGTH = 0.5
#: Other words for the tie kinds above, read as that kind (case ignored).
TIE_KIND_SYNONYMS: dict[str, str] = {
    "colleague": "coworker",
    "co-worker": "coworker",
    "workmate": "coworker",
    "work": "coworker",
    "relative": "family",
    "parent": "family",
    "sibling": "family",
    "cousin": "family",
    "teacher": "professor",
    "prof": "professor",
    "advisor": "mentor",
    "adviser": "mentor",
    "schoolmate": "classmate",
    "classmates": "classmate",
    "friends": "friend",
}


def tie_kind(kind: object) -> str:
    """Return the tie kind ``kind`` is read as: lower-cased, synonyms mapped.

    Examples
    --------
    >>> tie_kind(" Colleague"), tie_kind("mentor"), tie_kind("buddy")
    ('coworker', 'mentor', 'buddy')
    """
    k = str(kind).strip().lower()
    return TIE_KIND_SYNONYMS.get(k, k)


def unknown_tie_kinds(ties: pd.DataFrame) -> dict[str, int]:
    """Return the tie kinds (as written) that are neither known nor a synonym, with counts.

    Such ties are weighted as :data:`DEFAULT_TIE_STRENGTH` (like ``other``) unless
    they carry their own ``strength``; ``validate`` lists them.

    Examples
    --------
    >>> unknown_tie_kinds(pd.DataFrame({"kind": ["friend", "Colleague", "buddy", "buddy", ""]}))
    {'buddy': 2}
    """
    kinds = ties["kind"].astype(str).str.strip()
    known = set(KIND_STRENGTH) | {"other", ""}
    bad = kinds[~kinds.map(tie_kind).isin(known)]
    return {str(k): int(n) for k, n in bad.value_counts().sort_index().items()}


INTERVIEW_WEIGHT = 0.5
REFERRAL_WEIGHT = 0.4
RECENCY_HALF_LIFE_DAYS = 365.0
_TINY = 2.0**-20  # strengths below this are computed with expm1 (see _edge_codes)


def recency(age_days: np.ndarray | float) -> np.ndarray:
    """Return the recency factor ``0.5 + 0.5 * 2 ** (-age / 365)`` for ages in days.

    Negative ages (events after the reference date) count as age 0.

    Examples
    --------
    >>> float(recency(0)), float(recency(365))
    (1.0, 0.75)
    """
    age = np.clip(np.asarray(age_days, dtype=float), 0.0, None)
    return 0.5 + 0.5 * np.exp2(-age / RECENCY_HALF_LIFE_DAYS)


def _fold(text: str) -> str:
    """Case- and accent-insensitive form of a name."""
    if isinstance(text, str) and text.isascii():  # nothing to decompose: the fast path
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", str(text))
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


def _empty_touches() -> pd.DataFrame:
    """Return a touches table with no rows (a network built without one)."""
    frame = pd.DataFrame(
        {c: pd.Series(dtype="str") for c in ("touch_id", "seeker_id", "contact_id")}
    )
    frame["date"] = pd.Series(dtype="datetime64[ns]")
    frame["channel"] = pd.Series(dtype="str")
    frame["notes"] = pd.Series(dtype="str")
    return frame


def _name_words(text: object) -> list[str]:
    """Return the folded words of a name or organization (``"Okonkwo-Reyes"``: two)."""
    return _fold(str(text)).replace("-", " ").replace(".", " ").split()


def _shared(values: pd.Series) -> list:
    """Return ``list(values)``, with equal values as one shared object.

    For date columns (a few thousand distinct days over millions of rows) this saves a
    ``Timestamp`` object per row in the networkx graphs.
    """
    codes, uniq = pd.factorize(values)
    objects = np.empty(len(uniq) + 1, dtype=object)
    objects[:-1] = list(uniq)
    objects[-1] = values.iloc[np.flatnonzero(codes < 0)[0]] if (codes < 0).any() else None
    return objects[codes].tolist()


def _group_kahan_sum(values: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Sum consecutive runs of ``values`` (run ``g`` starts at ``starts[g]``, ``counts[g]`` long).

    Compensated (Kahan) summation in run order, as ``pandas`` sums a group (a
    compensation that turns NaN, from an infinite value, is reset to 0; NaN values are
    skipped). The loop runs over positions within a run, each step vectorized over the
    runs still that long, so the work is the number of values.
    """
    total = np.zeros(len(starts))
    comp = np.zeros(len(starts))
    active = np.arange(len(starts))
    pos = 0
    while len(active):
        val = values[starts[active] + pos]
        ok = val == val
        if not ok.all():
            active, val = active[ok], val[ok]
        y = val - comp[active]
        t = total[active] + y
        with np.errstate(invalid="ignore"):  # inf - inf: the compensation is reset below
            c = t - total[active] - y
        c[c != c] = 0.0
        comp[active] = c
        total[active] = t
        pos += 1
        active = active[counts[active] > pos]
    return total


def _row_major_order(n: int, row: np.ndarray, col: np.ndarray) -> np.ndarray:
    """Return the permutation that sorts entries by ``(row, col)``, stably.

    A counting sort by row (scipy's COO to CSR conversion, linear in the entries),
    followed by a sort within rows only when a row's columns are not already
    ascending; the same permutation as ``np.argsort(row * n + col, kind="stable")``
    when ``(row, col)`` pairs are distinct, which they are for edges.
    """
    import scipy.sparse as sp

    m = len(row)
    if not m:
        return np.zeros(0, dtype=np.int64)
    # data are the entries' positions + 1 (an explicit 0 would be a valid entry too,
    # but positions stay distinct from any fill value this way)
    mat = sp.coo_array((np.arange(1, m + 1, dtype=np.int64), (row, col)), shape=(n, n)).tocsr()
    if mat.nnz != m:  # repeated (row, col) pairs were summed: keep the exact general sort
        return np.argsort(row.astype(np.int64) * max(n, 1) + col, kind="stable")
    return mat.data - 1


@dataclass(frozen=True, eq=False, repr=False)
class CSRView:
    """The acquaintance graph as symmetric CSR arrays (the compute view).

    Person ``i`` (an integer, ``0 <= i < n``) is ``ids[i]``; ids are sorted, so
    integer order is ``person_id`` order. The neighbours of ``i`` are
    ``indices[indptr[i]:indptr[i + 1]]`` (ascending), with the edge's ``strength`` and
    ``cost`` at the same positions and ``edge`` giving its row in
    :attr:`ReferralNetwork.edges`. Arrays are read-only.

    Attributes
    ----------
    ids
        Person ids by integer (object array of str).
    index
        ``person_id`` to integer.
    indptr, indices, strength, cost, edge
        The CSR arrays (``indptr`` has ``n + 1`` entries; the others one per edge end,
        twice the number of edges).
    """

    ids: np.ndarray
    index: dict[str, int]
    indptr: np.ndarray
    indices: np.ndarray
    strength: np.ndarray
    cost: np.ndarray
    edge: np.ndarray

    @classmethod
    def from_edges(cls, ids: np.ndarray, edges: dict[str, np.ndarray]) -> CSRView:
        """Build the view from person ids and edge arrays ``u``, ``v``, ``strength``, ``cost``."""
        n, m = len(ids), len(edges["u"])
        small = n < 2**31 - 1 and m < 2**31 - 1
        itype = np.int32 if small else np.int64
        # each edge twice, (v, u) first: for edges in (u, v) order with u < v (as
        # _edge_codes gives them) every row then lists its smaller neighbours, ascending,
        # before its larger ones, so the rows come out sorted from a counting sort
        row = np.concatenate([edges["v"], edges["u"]])
        col = np.concatenate([edges["u"], edges["v"]])
        order = _row_major_order(n, row, col)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=n), out=indptr[1:])
        eid = np.concatenate([np.arange(m), np.arange(m)])[order].astype(itype)
        arrays = {
            "indptr": indptr,
            "indices": col[order].astype(itype),
            "strength": np.concatenate([edges["strength"], edges["strength"]])[order],
            "cost": np.concatenate([edges["cost"], edges["cost"]])[order],
            "edge": eid,
        }
        for a in arrays.values():
            a.setflags(write=False)
        ids = np.asarray(ids, dtype=object)
        ids.setflags(write=False)
        index = dict(zip(ids.tolist(), range(n), strict=True))
        return cls(ids=ids, index=index, **arrays)

    def arrays(self) -> dict[str, np.ndarray]:
        """Return the CSR arrays by name (what :meth:`from_arrays` takes back)."""
        names = ("indptr", "indices", "strength", "cost", "edge")
        return {name: getattr(self, name) for name in names}

    @classmethod
    def from_arrays(cls, ids: np.ndarray, arrays: dict[str, np.ndarray]) -> CSRView:
        """Build the view from person ids and the arrays of :meth:`arrays` (not copied)."""
        ids = np.asarray(ids, dtype=object)
        ids.setflags(write=False)
        index = dict(zip(ids.tolist(), range(len(ids)), strict=True))
        return cls(ids=ids, index=index, **arrays)

    def __len__(self) -> int:
        """Return the number of people (rows)."""
        return len(self.ids)

    def __repr__(self) -> str:
        """Summarize the view by its size."""
        return f"<CSRView {len(self.ids)} people, {len(self.indices) // 2} edges>"

    @property
    def degree(self) -> np.ndarray:
        """The number of acquaintances of each person, by integer."""
        return np.diff(self.indptr)

    def neighbors(self, i: int) -> np.ndarray:
        """Return the integers of person ``i``'s acquaintances (ascending)."""
        return self.indices[self.indptr[i] : self.indptr[i + 1]]

    def matrix(self, values: str = "strength") -> scipy.sparse.csr_array:
        """Return the symmetric adjacency as a ``scipy.sparse.csr_array``.

        Parameters
        ----------
        values
            ``"strength"`` (default), ``"cost"`` or ``"ones"``.
        """
        if values not in ("strength", "cost", "ones"):
            raise ValueError(f"values must be 'strength', 'cost' or 'ones', got {values!r}")
        data = np.ones(len(self.indices)) if values == "ones" else getattr(self, values)
        from scipy import sparse  # imported here: the CLI's start-up does not need scipy

        n = len(self.ids)
        return sparse.csr_array((data, self.indices, self.indptr), shape=(n, n))


@dataclass(frozen=True, eq=False, repr=False)
class ReferralNetwork:
    """Validated referral-network tables and the two graphs built from them.

    Build one with :func:`netgraph.load` (or :meth:`from_tables`); treat the tables
    as read-only. The graphs are built on first use and frozen.

    Attributes
    ----------
    people
        One row per person, indexed by ``person_id``.
    ties, interviews, referrals
        The other tables, typed as :func:`netgraph.load.read_tables` describes.
    touches
        Contacts that were not interviews (a message, a call, a coffee): ``touch_id``,
        ``seeker_id``, ``contact_id``, ``date``, ``channel``, ``notes``. They reset
        keep-in-touch reminders and count as nudges (:func:`netgraph.followups`); they
        add no acquaintance edge.
    source
        Where the data came from (a folder path), or ``None``.
    as_of_date
        The day this network stands at, or ``None`` for all the data.
    """

    people: pd.DataFrame
    ties: pd.DataFrame
    interviews: pd.DataFrame
    referrals: pd.DataFrame
    touches: pd.DataFrame = field(default_factory=lambda: _empty_touches())
    source: str | None = None
    as_of_date: pd.Timestamp | None = None
    _name_index: dict[str, list[str]] = field(default_factory=dict, compare=False)
    _memo: dict[str, Any] = field(default_factory=dict, compare=False)
    _snapshot: Any = field(default=None, compare=False)

    @classmethod
    def from_tables(
        cls,
        tables: dict[str, pd.DataFrame],
        *,
        source: str | None = None,
        as_of_date: pd.Timestamp | None = None,
    ) -> ReferralNetwork:
        """Build a network from validated tables (see :func:`netgraph.load.read_tables`)."""
        people = tables["people"].set_index("person_id", drop=True)
        return cls(
            people=people,
            ties=tables["ties"],
            interviews=tables["interviews"],
            referrals=tables["referrals"],
            touches=tables["touches"] if "touches" in tables else _empty_touches(),
            source=source,
            as_of_date=as_of_date,
        )

    @cached_property
    def _names(self) -> dict[str, list[str]]:
        """Folded name to the ids of the people so named (built on the first name lookup)."""
        if self._name_index:
            return self._name_index
        names: dict[str, list[str]] = {}
        people = self.people
        for pid, name in zip(people.index.tolist(), people["name"].tolist(), strict=True):
            names.setdefault(_fold(name), []).append(pid)
        return names

    def __repr__(self) -> str:
        """Summarize the network by its counts."""
        when = "" if self.as_of_date is None else f", as of {self.as_of_date:%Y-%m-%d}"
        return (
            f"<ReferralNetwork {len(self.people)} people, {len(self.ties)} ties, "
            f"{len(self.interviews)} interviews, {len(self.referrals)} referrals{when}>"
        )

    # ------------------------------------------------------------------ dates
    @cached_property
    def reference_date(self) -> pd.Timestamp:
        """The network's "today": its ``as_of`` date, else the latest event in the data.

        Events are interview, thank-you, referral, touch and tie dates (not follow-ups,
        which are plans). With no dates at all, today's date.
        """
        if self.as_of_date is not None:
            return self.as_of_date
        dates = [
            self.interviews["date"].max(),
            self.interviews["thank_you_sent"].max(),
            self.referrals["date"].max(),
            self.ties["since"].max(),
            self.touches["date"].max(),
        ]
        dates = [d for d in dates if pd.notna(d)]
        return max(dates) if dates else pd.Timestamp.today().normalize()

    def as_of(self, date: str | pd.Timestamp) -> ReferralNetwork:
        """Return the network as it stood at the end of ``date``.

        Interviews, referrals and ties dated after ``date`` are left out, thank-yous
        sent later are blank, and a referral marked ``interviewed`` whose interview
        came later is ``named`` again (only the naming is known to have happened).
        People stay: the people table carries no dates.

        Parameters
        ----------
        date
            A day (``"2025-03-01"`` or a timestamp).

        Returns
        -------
        ReferralNetwork
            A new network; this one is unchanged.

        Raises
        ------
        BadDate
            If ``date`` is not a real, unambiguous day from 1900 to 2200 (the
            loader's rules: :func:`netgraph._dates.parse_date`).
        """
        day = parse_date(date, name="as_of")
        iv = self.interviews[self.interviews["date"] <= day].copy()
        iv.loc[iv["thank_you_sent"] > day, "thank_you_sent"] = pd.NaT
        ref = self.referrals[self.referrals["date"] <= day].copy()
        met = set(zip(iv["seeker_id"], iv["contact_id"], strict=True))
        pairs = zip(ref["seeker_id"], ref["referred_id"], strict=True)
        undone = ref["status"].eq("interviewed").to_numpy() & np.array(
            [p not in met for p in pairs], dtype=bool
        )
        ref.loc[undone, "status"] = "named"
        ties = self.ties[self.ties["since"].isna() | (self.ties["since"] <= day)]
        tables = {
            "people": self.people.reset_index(),
            "ties": ties.reset_index(drop=True),
            "interviews": iv.reset_index(drop=True),
            "referrals": ref.reset_index(drop=True),
            "touches": self.touches[self.touches["date"] <= day].reset_index(drop=True),
        }
        return ReferralNetwork.from_tables(tables, source=self.source, as_of_date=day)

    # ----------------------------------------------------------------- people
    def resolve(self, query: str) -> str:
        """Return the ``person_id`` of a person given by id or by unambiguous name.

        Ids match exactly (then case-insensitively); names match ignoring case,
        accents and extra spaces; failing that, a unique partial name (``"Maya"``,
        ``"Das"``: each word begins a word of the name, see :meth:`name_matches`).

        Raises
        ------
        UnknownPerson
            When nobody matches (with close matches) or the name is ambiguous (with the
            candidates).

        Examples
        --------
        >>> import netgraph as ng
        >>> net = ng.load()
        >>> net.resolve("p001")
        'p001'
        """
        q = str(query).strip()
        if q in self.people.index:
            return q
        by_case = [p for p in self.people.index if p.casefold() == q.casefold()]
        if len(by_case) == 1:
            return by_case[0]
        hits = self._names.get(_fold(q), [])
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise UnknownPerson(q, [self.describe(p) for p in hits], ambiguous=True)
        partial = self.name_matches(q)
        if len(partial) == 1:
            return partial[0]
        if partial:
            shown = [self.describe(p) for p in partial[:10]]
            if len(partial) > 10:
                shown.append(f"and {len(partial) - 10} more")
            raise UnknownPerson(q, shown, ambiguous=True)
        close = difflib.get_close_matches(_fold(q), list(self._names), n=5, cutoff=0.6)
        matches = [self.describe(p) for name in close for p in self._names[name]]
        words = _name_words(q)
        if not matches and len(words) == 1:  # a misspelt first name or surname
            vocab = sorted({w for name in self._names for w in _name_words(name)})
            near = difflib.get_close_matches(words[0], vocab, n=3, cutoff=0.75)
            matches = [self.describe(p) for w in near for p in self.name_matches(w)]
        if not matches:
            ids = difflib.get_close_matches(q, list(self.people.index), n=3, cutoff=0.6)
            matches = [self.describe(p) for p in ids]
        raise UnknownPerson(q, matches[:5])

    def name_matches(self, query: str) -> list[str]:
        """Return the ids of people whose name every word of ``query`` begins a word of.

        A partial name: ``"Maya"``, ``"Das"`` or ``"m okon"`` (case and accents
        ignored; hyphens split words). Ids are sorted by name, then id.

        Examples
        --------
        >>> import netgraph as ng
        >>> net = ng.load()
        >>> net.name_matches("maya okonkwo")
        ['p001']
        """
        words = _name_words(query)
        if not words:
            return []
        hits = [
            p
            for name, ids in self._names.items()
            if all(any(w.startswith(q) for w in _name_words(name)) for q in words)
            for p in ids
        ]
        return sorted(hits, key=lambda p: (_fold(self.people.at[p, "name"]), p))

    def describe(self, person_id: str) -> str:
        """Return ``"p004 (Dana Ortiz)"`` for a person id."""
        return f"{person_id} ({self.people.at[person_id, 'name']})"

    def name(self, person_id: str) -> str:
        """Return a person's name."""
        return str(self.people.at[person_id, "name"])

    @cached_property
    def seekers(self) -> list[str]:
        """Ids of people who have held or requested an interview, been given a name or
        logged a touch, sorted."""  # noqa: D205, D209
        return sorted(
            set(self.interviews["seeker_id"])
            | set(self.referrals["seeker_id"])
            | set(self.touches["seeker_id"])
        )

    # ----------------------------------------------------------------- graphs
    @cached_property
    def evidence(self) -> pd.DataFrame:
        """One row per piece of acquaintance evidence (see the module docstring).

        Columns: ``u``, ``v`` (the pair, ``u < v``), ``source`` (tie, interview,
        referral), ``kind``, ``id``, ``date``, ``weight``.
        """
        ref_day = self.reference_date
        ties = self.ties
        kind = ties["kind"].astype(str).map(tie_kind)
        tie_w = ties["strength"].fillna(kind.map(KIND_STRENGTH).fillna(DEFAULT_TIE_STRENGTH))
        parts = [
            pd.DataFrame(
                {
                    "a": ties["person_a"],
                    "b": ties["person_b"],
                    "source": "tie",
                    "kind": kind.where(kind.ne(""), "tie"),
                    "id": "",
                    "date": ties["since"],
                    "weight": tie_w.astype(float),
                }
            )
        ]
        done = self.interviews["status"].eq("completed").to_numpy(dtype=bool)
        iv = self.interviews[done]
        age = (ref_day - iv["date"]).dt.days.to_numpy(dtype=float)
        parts.append(
            pd.DataFrame(
                {
                    "a": iv["seeker_id"],
                    "b": iv["contact_id"],
                    "source": "interview",
                    "kind": "interview",
                    "id": iv["interview_id"],
                    "date": iv["date"],
                    "weight": INTERVIEW_WEIGHT * recency(age),
                }
            )
        )
        ref = self.referrals
        age = (ref_day - ref["date"]).dt.days.to_numpy(dtype=float)
        parts.append(
            pd.DataFrame(
                {
                    "a": ref["referrer_id"],
                    "b": ref["referred_id"],
                    "source": "referral",
                    "kind": "referral",
                    "id": ref["referral_id"],
                    "date": ref["date"],
                    "weight": REFERRAL_WEIGHT * recency(age),
                }
            )
        )
        ev = (
            pd.concat([p for p in parts if len(p)], ignore_index=True)
            if any(len(p) for p in parts)
            else parts[0]
        )
        a, b = ev["a"].astype(str), ev["b"].astype(str)
        ev.insert(0, "u", np.where(a < b, a, b))
        ev.insert(1, "v", np.where(a < b, b, a))
        return ev.drop(columns=["a", "b"]).reset_index(drop=True)

    @cached_property
    def _codes(self) -> tuple[np.ndarray, pd.Index, dict[str, np.ndarray]]:
        """Every person id, sorted (so integer order is ``person_id`` order), its index,
        and the integer codes of the id columns of the other tables.

        Ids that the tables mention but the people table lacks (only possible for
        tables built by hand) are included.
        """  # noqa: D205
        kept = memo(self, "network.codes", self._make_codes)
        return kept["ids"], pd.Index(kept["ids"]), kept["codes"]

    def _make_codes(self) -> dict[str, Any]:
        ids = np.sort(self.people.index.to_numpy(dtype=object))
        refs = {
            "person_a": self.ties["person_a"],
            "person_b": self.ties["person_b"],
            "seeker_id": self.interviews["seeker_id"],
            "contact_id": self.interviews["contact_id"],
            "referrer_id": self.referrals["referrer_id"],
            "referred_id": self.referrals["referred_id"],
        }
        index = pd.Index(ids)
        codes = {k: positions(index, v) for k, v in refs.items()}
        missing = [refs[k][c < 0] for k, c in codes.items() if (c < 0).any()]
        if missing:
            extra = pd.concat(missing).astype(str).unique()
            ids = np.sort(np.concatenate([ids, np.asarray(extra, dtype=object)]))
            index = pd.Index(ids)
            codes = {k: positions(index, v) for k, v in refs.items()}
        return {"ids": ids, "codes": codes}

    @cached_property
    def _evidence_codes(self) -> dict[str, np.ndarray]:
        """The evidence as integer arrays, row for row as :attr:`evidence` lists it.

        ``u``, ``v`` (codes into ``_codes``, ``u < v``), ``weight``, ``is_iv``,
        ``kind`` (codes into ``kinds``, sorted), ``date`` (int64 view of ``dtype``).
        """
        return memo(self, "network.evidence_codes", self._make_evidence_codes)

    def _make_evidence_codes(self) -> dict[str, np.ndarray]:
        codes = self._codes[2]
        ref_day = self.reference_date
        ties = self.ties
        raw = ties["kind"]
        k_codes, k_uniq = pd.factorize(raw, use_na_sentinel=False)
        kind_u = pd.Series(k_uniq, dtype=raw.dtype).astype(str).map(tie_kind)
        tie_w_u = kind_u.map(KIND_STRENGTH).fillna(DEFAULT_TIE_STRENGTH).to_numpy(dtype=float)
        kind_u = kind_u.where(kind_u.ne(""), "tie")
        tie_w = ties["strength"].to_numpy(dtype=float, na_value=np.nan).copy()
        gap = np.isnan(tie_w)
        tie_w[gap] = tie_w_u[k_codes[gap]]
        done = self.interviews["status"].eq("completed").to_numpy(dtype=bool)
        iv = self.interviews[done]
        ref = self.referrals
        age_iv = (ref_day - iv["date"]).dt.days.to_numpy(dtype=float)
        age_ref = (ref_day - ref["date"]).dt.days.to_numpy(dtype=float)
        w_iv, w_ref = INTERVIEW_WEIGHT * recency(age_iv), REFERRAL_WEIGHT * recency(age_ref)
        parts = [
            (ties["person_a"], ties["person_b"], tie_w, ties["since"]),
            (iv["seeker_id"], iv["contact_id"], w_iv, iv["date"]),
            (ref["referrer_id"], ref["referred_id"], w_ref, ref["date"]),
        ]
        used = [p for p in parts if len(p[0])] or parts[:1]
        dtype = pd.concat([p[3].iloc[:0] for p in used]).dtype
        kinds = sorted({*kind_u.tolist(), "interview", "referral"})
        where = {k: i for i, k in enumerate(kinds)}
        kind_code = [
            np.array([where[k] for k in kind_u.tolist()], dtype=np.int64)[k_codes],
            np.full(len(iv), where["interview"], dtype=np.int64),
            np.full(len(ref), where["referral"], dtype=np.int64),
        ]
        a = np.concatenate([codes["person_a"], codes["seeker_id"][done], codes["referrer_id"]])
        b = np.concatenate([codes["person_b"], codes["contact_id"][done], codes["referred_id"]])
        dates = [pd.Series(p[3]).astype(dtype) if len(p[3]) else None for p in parts]
        return {
            "u": np.minimum(a, b),
            "v": np.maximum(a, b),
            "weight": np.concatenate([np.asarray(p[2], dtype=float) for p in parts]),
            "is_iv": np.concatenate(
                [np.zeros(len(ties), bool), np.ones(len(iv), bool), np.zeros(len(ref), bool)]
            ),
            "kind": np.concatenate(kind_code),
            "kinds": np.asarray(kinds, dtype=object),
            "date": np.concatenate(
                [d.to_numpy().view(np.int64) for d in dates if d is not None]
                or [np.zeros(0, np.int64)]
            ),
            "dtype": np.asarray(dtype),
        }

    @cached_property
    def _edge_codes(self) -> dict[str, np.ndarray]:
        """The acquaintance edges as integer arrays (``u``, ``v``, ``strength``, ...).

        One entry per edge, in ``(u, v)`` order, which is the order of :attr:`edges`.
        Strengths combine the evidence as the module docstring says; the sum of
        ``log(1 - weight)`` over an edge's evidence is taken in evidence order the way
        ``pandas`` sums a group (``numpy.add.reduceat`` when the evidence is already
        in edge order, else compensated Kahan summation), so the values are the same,
        bit for bit, as those of a ``groupby``. ``evidence_order`` lists the evidence
        rows grouped by edge (stably, so in evidence order within an edge).
        """
        return memo(self, "network.edge_codes", self._make_edge_codes)

    def _make_edge_codes(self) -> dict[str, np.ndarray]:
        ev = self._evidence_codes
        n = len(self._codes[0])
        key = ev["u"] * n + ev["v"]
        in_order = bool(len(key)) and bool((key[1:] >= key[:-1]).all())
        order = np.arange(len(key)) if in_order else np.argsort(key, kind="stable")
        ks = key[order]
        first = np.ones(len(ks), dtype=bool)
        first[1:] = ks[1:] != ks[:-1]
        starts = np.flatnonzero(first)
        counts = np.diff(np.append(starts, len(ks)))
        with np.errstate(divide="ignore"):
            log_miss = np.log1p(-np.minimum(ev["weight"][order], 1.0))
        if in_order and not np.isnan(log_miss).any():
            # evidence already in (u, v) order: pandas sums such groups with reduceat
            total = np.add.reduceat(log_miss, starts)
        else:
            total = _group_kahan_sum(log_miss, starts, counts)
        strength = 1.0 - np.exp(total)
        # 1 - exp(t) loses every digit for tiny weights (a tie of strength 1e-170 would
        # become 0, outside (0, 1]); expm1 keeps them
        tiny = strength < _TINY
        strength[tiny] = -np.expm1(total[tiny])
        kinds = ev["kinds"]
        if len(starts):
            n_iv = np.add.reduceat(ev["is_iv"][order].astype(np.int64), starts)
            last = np.maximum.reduceat(ev["date"][order], starts)
        else:
            n_iv = last = np.zeros(0, dtype=np.int64)
        if not len(starts):
            text = np.zeros(0, dtype=object)
        elif len(kinds) <= 62:  # a bit per kind: the set of kinds of each edge as a mask
            mask = np.bitwise_or.reduceat(np.left_shift(1, ev["kind"][order]), starts)
            inverse, masks = pd.factorize(mask, sort=True)  # np.unique's, by hashing
            names = [";".join(kinds[[i for i in range(len(kinds)) if m >> i & 1]]) for m in masks]
            text = np.asarray(names, dtype=object)[inverse.reshape(-1)]
        else:  # many custom tie kinds: group the names
            group = np.repeat(np.arange(len(starts)), counts)
            text = (
                pd.Series(kinds[ev["kind"][order]])
                .groupby(group)
                .agg(lambda k: ";".join(sorted(set(k))))
                .to_numpy(dtype=object)
            )
        uk = ks[starts]
        return {
            "u": uk // n if n else uk,
            "v": uk % n if n else uk,
            "strength": strength,
            "cost": -np.log(strength),
            "n_evidence": counts.astype(np.int64),
            "n_interviews": n_iv.astype(np.int64),
            "last_contact": last.view(ev["dtype"].item()),
            "kinds": text,
            "evidence_order": order,
        }

    @cached_property
    def edges(self) -> pd.DataFrame:
        """One row per acquaintance edge: ``u``, ``v``, ``strength``, ``cost``,
        ``n_evidence``, ``n_interviews``, ``last_contact``, ``kinds``.

        Rows are ordered by ``u`` then ``v`` (``u < v``). Computed with integer
        arrays (no per-edge Python work), so it stays fast at millions of edges.
        """  # noqa: D205
        if not len(self._evidence_codes["u"]):
            cols = ["u", "v", "strength", "cost", "n_evidence", "n_interviews", "last_contact"]
            return pd.DataFrame(columns=[*cols, "kinds"])
        e, ids = self._edge_codes, self._codes[0]
        return pd.DataFrame(
            {
                "u": ids[e["u"]],
                "v": ids[e["v"]],
                "strength": e["strength"],
                "cost": e["cost"],
                "n_evidence": e["n_evidence"],
                "n_interviews": e["n_interviews"],
                "last_contact": e["last_contact"],
                "kinds": e["kinds"],
            }
        )

    @cached_property
    def csr(self) -> CSRView:
        """The acquaintance graph as a compressed sparse row (CSR) compute view.

        Built straight from the tables' integer codes (seconds and a fraction of the
        memory of the networkx graph at a million people), beside
        :attr:`acquaintance`, which stays what users see. Every person is a row,
        numbered in ``person_id`` order; see :class:`CSRView` and :mod:`netgraph._fast`
        for the fast local searches over it.
        """
        ids = self._codes[0]
        arrays = memo(
            self, "network.csr", lambda: CSRView.from_edges(ids, self._edge_codes).arrays()
        )
        return CSRView.from_arrays(ids, arrays)

    def _node_attrs(self) -> list[tuple[str, dict]]:
        cols = list(self.people.columns)
        return [
            (pid, dict(zip(cols, row, strict=True)))
            for pid, row in zip(
                self.people.index, self.people.itertuples(index=False, name=None), strict=True
            )
        ]

    @cached_property
    def acquaintance(self) -> nx.Graph:
        """The acquaintance graph (frozen ``networkx.Graph``; see the module docstring).

        Every person is a node with the people table's columns as attributes.
        """
        g = nx.Graph()
        g.add_nodes_from(self._node_attrs())
        evidence: dict[tuple[str, str], list[dict]] = {}
        ev = self.evidence
        for u, v, src, kind, eid, date, w in zip(
            ev["u"].tolist(),
            ev["v"].tolist(),
            ev["source"].tolist(),
            ev["kind"].tolist(),
            ev["id"].tolist(),
            _shared(ev["date"]),
            ev["weight"].tolist(),
            strict=True,
        ):
            evidence.setdefault((u, v), []).append(
                {"source": src, "kind": kind, "id": eid, "date": date, "weight": w}
            )
        e = self.edges
        g.add_edges_from(
            (
                u,
                v,
                {
                    "strength": s,
                    "cost": c,
                    "n_interviews": n_iv,
                    "last_contact": last,
                    "kinds": kinds,
                    "evidence": tuple(evidence.pop((u, v))),
                },
            )
            for u, v, s, c, n_iv, last, kinds in zip(
                e["u"].tolist(),
                e["v"].tolist(),
                e["strength"].astype(float).tolist(),
                e["cost"].astype(float).tolist(),
                e["n_interviews"].astype(int).tolist(),
                _shared(e["last_contact"]),
                e["kinds"].tolist(),
                strict=True,
            )
        )
        return nx.freeze(g)

    @cached_property
    def referral_graph(self) -> nx.MultiDiGraph:
        """The referral graph (frozen ``networkx.MultiDiGraph``; see the module docstring)."""
        g = nx.MultiDiGraph()
        g.add_nodes_from(self._node_attrs())
        iv = self.interviews
        for iid, s, c, d, st in zip(
            iv["interview_id"].tolist(),
            iv["seeker_id"].tolist(),
            iv["contact_id"].tolist(),
            _shared(iv["date"]),
            iv["status"].tolist(),
            strict=True,
        ):
            g.add_edge(s, c, key=iid, kind="interview", date=d, status=st, seeker=s)
        ref = self.referrals
        for rid, r, s, t, d, st, iid in zip(
            ref["referral_id"].tolist(),
            ref["referrer_id"].tolist(),
            ref["seeker_id"].tolist(),
            ref["referred_id"].tolist(),
            _shared(ref["date"]),
            ref["status"].tolist(),
            ref["interview_id"].tolist(),
            strict=True,
        ):
            g.add_edge(
                r, t, key=rid, kind="referral", date=d, status=st, seeker=s, interview_id=iid
            )
        return nx.freeze(g)
