"""Suggested next introductions: whom a seeker should meet next, and who should introduce them.

:func:`suggest` ranks the people a seeker has not met yet, each with *whom to ask*
(the introducer), the path, a score, one contribution per signal and the reasons in
plain words.

**What the seeker's suggestions may use.** Only what the seeker may know: ties
(``ties.csv``), the seeker's own interviews and referrals, and any record the seeker
took part in (an interview or referral where the seeker is one of the two people).
Evidence that comes only from *another* seeker's interviews or referrals (Bo
interviewed Cy; Dee named Eve to Bo) is invisible, so one seeker's job search never
shapes, or shows up in, another seeker's suggestions. :func:`visible_graph` returns
this view around a seeker.

**Candidates** are the people two or three hops from the seeker in that view, plus
the people named to the seeker in a referral that is still pending; minus the people
the seeker already knows or approached (:func:`already_met`) and the people who
declined a referral.

**Signals.** Each signal is a small function below, with values in [0, 1]:

==============  ======================================================================
pending         1 for someone named to the seeker (status named, introduced or
                contacted) and not interviewed yet (:func:`pending_signal`).
fit             the ranking fitted to this network (:mod:`netgraph._ranker`): the
                probability, learned from the network's own hidden ties, that the two
                would be tied, from common contacts, Adamic–Adar, resource allocation,
                Jaccard, local paths, warmth, degree, shared attributes and seniority.
warmth          the warmest path's product of tie strengths (:func:`warmth_signal`).
structural      Adamic–Adar plus a small local-path term for three-step paths,
                saturating: ``raw / (raw + 1)`` (:func:`structural_signal`).
goal            share of the seeker's goals the person matches; with no goals, the
                fit to the industries the seeker has been asking about
                (:func:`goal_signal`).
novelty         opens an industry none of the seeker's contacts is in, and a part of
                the network (community of the shared tie graph) none of them belongs to
                (:func:`novelty_signal`).
seniority       how close the person is to the hiring the seeker aims for: recent
                graduates for students, one or two levels up otherwise
                (:func:`seniority_signal`).
load            a penalty ``1 - 2**-n`` for an introducer already asked ``n`` times
                higher up the list (:func:`load_penalty`).
==============  ======================================================================

The score is ``sum(weight * signal)`` with the load term subtracted; the defaults are
:class:`SuggestWeights`: pending first, then the fitted ranking and goals, with warmth,
novelty and load as a light re-ranking (measured to cost at most 2% of recall@10 on
real networks; ``explore=True`` weighs novelty and load :data:`EXPLORE`). The hand-set
structural and seniority signals weigh 0 by default (the fit has them as features).
Candidates, paths and signals are computed as numpy arrays over the seeker's view
(:class:`netgraph._ranker.SeekerWalk`), giving the same values as the functions
below. The list is built greedily: at each rank the person with the
best score given the introducers used so far is taken, trying each of their possible
introducers (so a person reachable through two contacts goes through the less-asked
one). Ties are broken by ``person_id``.

**The weak-tie sweet spot.** A large experiment on job mobility (Rajkumar et al.
2022) found that moderately weak ties, those with some but not many mutual contacts,
help job seekers most; the strongest ties bring little new. The fitted signal is a
probability, so it saturates too: many mutual contacts cannot outweigh a goal match
(0.6) or a pending referral, and ``explore=True`` lets people who open a new industry
or circle rise further.

References
----------
.. [1] Adamic, L. A., and Adar, E. (2003). Friends and neighbors on the Web.
   Social Networks 25(3), 211-230.
.. [2] Zhou, T., Lü, L., and Zhang, Y.-C. (2009). Predicting missing links via local
   information. European Physical Journal B 71, 623-630.
.. [3] Lü, L., Jin, C.-H., and Zhou, T. (2009). Similarity index based on local paths
   for link prediction of complex networks. Physical Review E 80, 046122.
.. [4] Granovetter, M. (1973). The strength of weak ties. American Journal of
   Sociology 78(6), 1360-1380.
.. [5] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E., and Aral, S.
   (2022). A causal test of the strength of weak ties. Science 377(6612), 1304-1310.
.. [6] Traag, V. A., Waltman, L., and van Eck, N. J. (2019). From Louvain to Leiden:
   guaranteeing well-connected communities. Scientific Reports 9, 5233.
.. [7] Lichtenwalter, R. N., Lussier, J. T., and Chawla, N. V. (2010). New perspectives
   and methods in link prediction. KDD '10, 243-252.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from netgraph._memo import memo
from netgraph._text import positions
from netgraph.errors import NetgraphError
from netgraph.network import ReferralNetwork
from netgraph.people import check_goals

__all__ = [
    "EXPLORE",
    "GOAL_KEYS",
    "SIGNALS",
    "SUGGEST_COLUMNS",
    "LocalPaths",
    "Pending",
    "SeekerView",
    "SuggestWeights",
    "already_met",
    "excluded",
    "goal_signal",
    "load_penalty",
    "local_paths",
    "novelty_signal",
    "parse_goals",
    "pending_signal",
    "seniority_signal",
    "structural_signal",
    "suggest",
    "tie_communities",
    "visible_graph",
    "warmth_signal",
]

SIGNALS = ("pending", "fit", "warmth", "structural", "goal", "novelty", "seniority", "load")

SUGGEST_COLUMNS = [
    "rank",
    "person_id",
    "name",
    "role",
    "organization",
    "industry",
    "title",
    "seniority",
    "grad_year",
    "location",
    "hops",
    "common_contacts",
    "score",
    *(f"signal_{s}" for s in SIGNALS),
    "introducer_id",
    "introducer",
    "path",
    "path_ids",
    "reasons",
]

#: Goal keys and the people column each is matched against (``tag`` matches any tag).
GOAL_KEYS: dict[str, str] = {
    "industry": "industry",
    "organization": "organization",
    "role": "role",
    "tag": "tags",
    "title": "title",
    "location": "location",
    "major": "major",
    "seniority": "seniority",
}
_GOAL_ALIASES = {"tags": "tag", "org": "organization", "company": "organization"}

#: Weight of a three-step path relative to a two-step one in the structural signal.
LOCAL_PATH_EPSILON = 0.01
#: The raw structural score (Adamic–Adar units) at which the structural signal is 0.5.
STRUCTURAL_HALF = 1.0

_PENDING_STATUSES = ("named", "introduced", "contacted")
_LEVELS = {"student": 0, "entry": 1, "mid": 2, "senior": 3, "executive": 4}


# ------------------------------------------------------------------ weights
#: Weights ``suggest(..., explore=True)`` uses for novelty and introducer load.
EXPLORE: dict[str, float] = {"novelty": 0.3, "load": 0.3}


@dataclass(frozen=True)
class SuggestWeights:
    """Weights of the suggestion signals (each signal lies in [0, 1]).

    The defaults put pending referrals first (their weight exceeds the sum of all
    the others), then rank by the ranking fitted to the network
    (:func:`netgraph._ranker.fitted_ranker`) and goals, with warmth, novelty and
    introducer load as small nudges, small enough to cost at most 2% of recall@10 on
    the dev networks (measured by ``benchmarks/quality.py``). The hand-set
    structural and seniority signals of earlier versions are kept at weight 0 (the
    fitted ranking has both among its features); give them a weight to use them.

    Attributes
    ----------
    pending
        A referral named to the seeker and not yet followed up.
    fit
        The fitted ranking's probability that the two would be tied.
    warmth
        Warmth of the best path through the chosen introducer.
    structural
        Common contacts (Adamic–Adar with a local-path term), saturating.
    goal
        Fit to the seeker's goals (or, with none given, to the industries the
        seeker has been asking about).
    novelty
        Opens an industry or a part of the network the seeker does not reach yet.
    seniority
        Closeness to the hiring the seeker aims for.
    load
        Penalty for an introducer who already introduces someone higher up.

    Examples
    --------
    >>> SuggestWeights().pending
    3.0
    >>> SuggestWeights(novelty=0.5).novelty
    0.5
    """

    pending: float = 3.0
    fit: float = 1.0
    warmth: float = 0.05
    structural: float = 0.0
    goal: float = 0.6
    novelty: float = 0.02
    seniority: float = 0.0
    load: float = 0.02

    def __post_init__(self) -> None:
        """Check every weight is a finite number >= 0."""
        for f in fields(self):
            value = getattr(self, f.name)
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            if not ok or not math.isfinite(value) or value < 0:
                raise NetgraphError(
                    f"weight {f.name!r} must be a finite number >= 0, got {value!r}"
                )

    @classmethod
    def only(cls, signal: str) -> SuggestWeights:
        """Weights that rank by one signal alone (weight 1, every other weight 0).

        Examples
        --------
        >>> SuggestWeights.only("structural").structural
        1.0
        """
        _check_names([signal])
        return cls(**{s: (1.0 if s == signal else 0.0) for s in SIGNALS})


def _check_names(names: Iterable[str]) -> None:
    unknown = [n for n in names if n not in SIGNALS]
    if unknown:
        raise NetgraphError(
            f"unknown signal weight {unknown[0]!r}; use one of {', '.join(SIGNALS)}"
        )


def _weights(weights: SuggestWeights | Mapping[str, float] | None) -> SuggestWeights:
    if weights is None:
        return SuggestWeights()
    if isinstance(weights, SuggestWeights):
        return weights
    if not isinstance(weights, Mapping):
        raise NetgraphError(
            f"weights must be a SuggestWeights or a dict of signal to weight, "
            f"got {type(weights).__name__}"
        )
    _check_names(weights)
    return replace(SuggestWeights(), **dict(weights))


# ------------------------------------------------------ a seeker's records
class _Interview(NamedTuple):
    interview_id: str
    contact_id: str
    date: pd.Timestamp
    status: str


class _Referral(NamedTuple):
    referral_id: str
    referrer_id: str
    referred_id: str
    date: pd.Timestamp
    status: str


def _record_rows(table: pd.DataFrame, seekers: np.ndarray, key: str, n: int) -> dict:
    """Rows of ``table`` grouped by seeker code, each group sorted by date then ``key``.

    A seeker code of -1 (a seeker missing from the ids) falls in a last group.
    """
    flat = table[["date", key]].reset_index(drop=True)
    order = flat.sort_values(["date", key]).index.to_numpy(dtype=np.int64)
    seekers = np.where(seekers < 0, n, seekers)
    by_seeker = order[np.argsort(seekers[order], kind="stable")]
    starts = np.zeros(n + 2, dtype=np.int64)
    np.cumsum(np.bincount(seekers, minlength=n + 1), out=starts[1:])
    return {"rows": by_seeker, "starts": starts}


def _record_index(net: ReferralNetwork) -> dict:
    """Per network: each seeker's interview and referral rows (see :func:`_records`)."""

    def make() -> dict:
        ids, index, codes = net._codes
        n = len(ids)
        ref_seekers = positions(index, net.referrals["seeker_id"])
        return {
            "interviews": _record_rows(net.interviews, codes["seeker_id"], "interview_id", n),
            "referrals": _record_rows(net.referrals, ref_seekers, "referral_id", n),
        }

    return memo(net, "suggest.records", make)


def _records(net: ReferralNetwork, seeker: str) -> tuple[list[_Interview], list[_Referral]]:
    """Return a seeker's own interviews and referrals, each sorted by date then id.

    The rows of every seeker are found once per network (a network is immutable),
    as integer arrays; a seeker's records are read from the tables on first use.
    """
    found = memo(net, "suggest.records_by_seeker", dict, persist=False)
    out = found.get(seeker)
    if out is not None:
        return out
    index = _record_index(net)
    i = net._codes[1].get_indexer([seeker])[0]
    parts = []
    for table, record, name in (
        (net.interviews, _Interview, "interviews"),
        (net.referrals, _Referral, "referrals"),
    ):
        if i < 0:
            parts.append([])
            continue
        part = index[name]
        rows = part["rows"][part["starts"][i] : part["starts"][i + 1]]
        # a record's fields are column names of its table
        columns = [table[c].iloc[rows].tolist() for c in record._fields]
        parts.append([record(*r) for r in zip(*columns, strict=True)])
    out = found[seeker] = (parts[0], parts[1])
    return out


# --------------------------------------------------------------- the view
class _EvidenceIndex:
    """Per-network lookup of an edge's evidence, over the CSR view (no networkx graph).

    ``mixed[e]`` says whether edge row ``e`` of :attr:`ReferralNetwork.edges` has any
    evidence other than a tie (only those can look different to different seekers);
    :meth:`evidence` returns an edge's evidence rows in :attr:`ReferralNetwork.evidence`
    order, as the acquaintance graph's ``evidence`` attribute lists them. Built from
    the network's integer evidence codes (the rows list the ties first, then the
    completed interviews, then the referrals), never from the evidence table.
    """

    def __init__(self, net: ReferralNetwork) -> None:
        arrays = memo(net, "suggest.evidence_index", lambda: self._arrays(net))
        self.order, self.keys, self.mixed = arrays["order"], arrays["keys"], arrays["mixed"]
        self.tie_miss, self.edge_of = arrays["tie_miss"], arrays["edge_of"]
        self.n = max(len(net.csr), 1)
        self._columns: dict[str, np.ndarray] | None = None

    @staticmethod
    def _arrays(net: ReferralNetwork) -> dict[str, np.ndarray]:
        codes = net._evidence_codes
        n = max(len(net.csr), 1)
        order = net._edge_codes["evidence_order"]  # rows by (u, v), stably
        keys = (codes["u"].astype(np.int64) * n + codes["v"])[order]
        other = order >= len(net.ties)  # not a tie
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        starts = np.flatnonzero(first)
        # edges are the distinct pairs in key order (see ReferralNetwork.edges)
        mixed = np.logical_or.reduceat(other, starts) if len(starts) else np.zeros(0, bool)
        # per edge, the product of (1 - weight) over its ties, in evidence order (what a
        # seeker sees of an edge whose other evidence is not theirs); 1.0 without ties
        weight = np.minimum(codes["weight"][order], 1.0)
        factor = np.where(other, 1.0, 1.0 - weight)
        tie_miss = np.multiply.reduceat(factor, starts) if len(starts) else np.zeros(0)
        edge_of = np.empty(len(order), dtype=np.int64)  # evidence row -> edge row
        edge_of[order] = np.cumsum(first) - 1
        return {
            "order": order,
            "keys": keys,
            "mixed": mixed,
            "tie_miss": tie_miss,
            "edge_of": edge_of,
        }

    @staticmethod
    def _evidence_columns(net: ReferralNetwork) -> dict[str, np.ndarray]:
        """Return the ``source``, ``kind``, ``id`` and ``weight`` of every evidence row."""
        codes = net._evidence_codes
        n_ties = len(net.ties)
        done = net.interviews["status"].eq("completed").to_numpy(dtype=bool)
        iv_ids = net.interviews["interview_id"].to_numpy(dtype=object)[done]
        ref_ids = net.referrals["referral_id"].to_numpy(dtype=object)
        total = len(codes["u"])
        source = np.empty(total, dtype=object)
        ids = np.empty(total, dtype=object)
        source[:n_ties], ids[:n_ties] = "tie", ""
        source[n_ties : n_ties + len(iv_ids)], ids[n_ties : n_ties + len(iv_ids)] = (
            "interview",
            iv_ids,
        )
        source[n_ties + len(iv_ids) :], ids[n_ties + len(iv_ids) :] = "referral", ref_ids
        return {
            "source": source,
            "kind": codes["kinds"][codes["kind"]],
            "id": ids,
            "weight": codes["weight"],
        }

    def evidence(self, net: ReferralNetwork, u: str, v: str) -> tuple[dict, ...]:
        csr = net.csr
        i, j = csr.index[u], csr.index[v]
        key = min(i, j) * self.n + max(i, j)
        lo = int(np.searchsorted(self.keys, key, side="left"))
        hi = int(np.searchsorted(self.keys, key, side="right"))
        if self._columns is None:
            self._columns = memo(
                net, "suggest.evidence_columns", lambda: self._evidence_columns(net), persist=False
            )
        cols = self._columns
        return tuple(
            {
                "source": cols["source"][r],
                "kind": cols["kind"][r],
                "id": cols["id"][r],
                "weight": float(cols["weight"][r]),
            }
            for r in self.order[lo:hi].tolist()
        )


def _evidence_index(net: ReferralNetwork) -> _EvidenceIndex:
    return memo(net, "suggest.evidence_index_object", lambda: _EvidenceIndex(net), persist=False)


class _Column:
    """One column of the people table, read item by item until many items are read.

    A command reads the attributes of a few dozen people; an evaluation reads most of
    them. Items come from ``Series.tolist`` either way (the same Python values), a
    row at a time at first and the whole column once :data:`_WHOLE_AFTER` were read.
    """

    __slots__ = ("_list", "_seen", "_series")

    def __init__(self, series: pd.Series) -> None:
        self._series, self._list, self._seen = series, None, {}

    def __getitem__(self, i: int) -> object:
        if self._list is not None:
            return self._list[i]
        value = self._seen.get(i, _UNSEEN)
        if value is _UNSEEN:
            if len(self._seen) >= _WHOLE_AFTER:
                self._list = self._series.tolist()
                return self._list[i]
            value = self._seen[i] = self._series.iloc[i : i + 1].tolist()[0]
        return value


_UNSEEN = object()
#: After this many distinct rows of a column were read, the whole column is converted.
_WHOLE_AFTER = 2_000


class _Columns:
    """The people table's columns, each read lazily (:class:`_Column`)."""

    __slots__ = ("_columns", "_people")

    def __init__(self, people: pd.DataFrame) -> None:
        self._people = people
        self._columns: list[_Column | None] = [None] * people.shape[1]

    def __getitem__(self, k: int) -> _Column:
        column = self._columns[k]
        if column is None:
            column = self._columns[k] = _Column(self._people.iloc[:, k])
        return column


class _Person(Mapping):
    """One person's attributes, read column by column from the people table on use."""

    __slots__ = ("_cols", "_i", "_values")

    def __init__(self, cols: dict[str, int], values: list[list], i: int) -> None:
        self._cols, self._values, self._i = cols, values, i

    def __getitem__(self, col: str) -> object:
        return self._values[self._cols[col]][self._i]

    def get(self, col: str, default: object = None) -> object:
        """Return the value of ``col``, or ``default`` when there is no such column."""
        k = self._cols.get(col)
        return default if k is None else self._values[k][self._i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._cols)

    def __len__(self) -> int:
        return len(self._cols)


class _Attrs(Mapping):
    """``{person_id: {column: value}}`` from the people table, as ``acquaintance.nodes``.

    The columns are listed once per network (iterated as ``itertuples`` iterates
    them, so the values are the graph's node attributes); a person's mapping reads
    only the columns asked for, so scoring many candidates converts little.
    """

    def __init__(self, net: ReferralNetwork) -> None:
        self._net = net
        people = net.people

        def make() -> tuple[dict, dict[str, int], _Columns]:
            return (
                dict(zip(people.index.tolist(), range(len(people)), strict=True)),
                {c: k for k, c in enumerate(people.columns)},
                _Columns(people),
            )

        self._pos, self._cols, self._values = memo(net, "suggest.people", make, persist=False)

    def __getitem__(self, pid: str) -> Mapping:
        i = self._pos.get(pid)
        if i is None:
            if pid not in self._net.csr.index:
                raise KeyError(pid)
            return {}  # on an edge only: a graph node without attributes
        return _Person(self._cols, self._values, i)

    def __iter__(self) -> Iterator[str]:
        return iter(self._pos)

    def __len__(self) -> int:
        return len(self._pos)


def _completed_count(net: ReferralNetwork) -> int:
    """How many interviews are completed (per network: the evidence rows before referrals)."""
    return memo(
        net,
        "suggest.completed",
        lambda: int(net.interviews["status"].eq("completed").sum()),
        persist=False,
    )


class SeekerView:
    """The acquaintance graph as one seeker may see it (see the module docstring).

    An edge's evidence is visible to the seeker when it is a tie, when the seeker is
    one of the edge's two people, or when it is a referral made to the seeker. The
    strength of an edge is recomputed from its visible evidence (noisy-OR, as in
    :mod:`netgraph.network`); an edge with no visible evidence is absent. Adjacency
    is computed lazily, node by node, so work stays local.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id``; ``None`` sees every edge (plain graphs).
    """

    def __init__(self, net: ReferralNetwork, seeker: str | None) -> None:
        self.net = net
        self._index = _evidence_index(net)
        self.seeker = seeker
        self._own = (
            frozenset(r.referral_id for r in _records(net, seeker)[1])
            if seeker is not None
            else frozenset()
        )
        self._adj: dict[str, dict[str, float]] = {}
        self._own_edges: set[int] = set()
        if seeker is not None:  # the edges carrying a referral made to the seeker
            i = net._codes[1].get_indexer([seeker])[0]
            part = _record_index(net)["referrals"]
            rows = part["rows"][part["starts"][i] : part["starts"][i + 1]] if i >= 0 else []
            first = len(net.ties) + _completed_count(net)
            self._own_edges = set(self._index.edge_of[first + np.asarray(rows, int)].tolist())

    def _visible(self, ev: dict) -> bool:
        src = ev["source"]
        return src == "tie" or (src == "referral" and ev["id"] in self._own)

    def adj(self, u: str) -> dict[str, float]:
        """Return ``{neighbour: strength}`` of ``u`` in the seeker's view, by neighbour id."""
        out = self._adj.get(u)
        if out is not None:
            return out
        out = {}
        me = self.seeker
        csr = self.net.csr
        i = csr.index[u]
        lo, hi = int(csr.indptr[i]), int(csr.indptr[i + 1])
        nbrs = csr.indices[lo:hi]
        ids = csr.ids[nbrs].tolist()  # ascending rows: person_id order
        if me is None or u == me:
            out = dict(zip(ids, csr.strength[lo:hi].tolist(), strict=True))
            self._adj[u] = out
            return out
        edges = csr.edge[lo:hi]
        # an edge with evidence beyond ties, not the seeker's: only its ties are seen
        hidden = self._index.mixed[edges] & (nbrs != csr.index[me])
        tie_miss = self._index.tie_miss[edges]
        full = csr.strength[lo:hi]
        strengths = np.where(hidden, 1.0 - tie_miss, full).tolist()
        seen = (~hidden | (tie_miss < 1.0)).tolist()
        own = self._own_edges
        slow = [e in own for e in edges.tolist()] if own else [False] * len(ids)
        for v, seen_strength, strength, has_other, show, mine in zip(
            ids, strengths, full.tolist(), hidden.tolist(), seen, slow, strict=True
        ):
            if not mine:
                if show:
                    out[v] = seen_strength
                continue
            if not has_other:
                out[v] = strength
                continue
            ev = self.evidence(u, v)
            if all(self._visible(e) for e in ev):
                out[v] = strength
                continue
            miss = 1.0
            for e in ev:
                if self._visible(e):
                    miss *= 1.0 - min(e["weight"], 1.0)
            if miss < 1.0:
                out[v] = 1.0 - miss
        self._adj[u] = out
        return out

    def evidence(self, u: str, v: str) -> tuple[dict, ...]:
        """Return the evidence of the edge ``u``--``v``, as the acquaintance graph lists it."""
        return self._index.evidence(self.net, u, v)

    def degree(self, u: str) -> int:
        """Return the number of neighbours of ``u`` in the seeker's view."""
        return len(self.adj(u))

    def ball(self, radius: int) -> dict[str, int]:
        """Return ``{person: hops}`` for everyone within ``radius`` hops of the seeker."""
        dist = {self.seeker: 0}
        frontier = [self.seeker]
        for d in range(1, radius + 1):
            nxt = []
            for u in frontier:
                for v in self.adj(u):
                    if v not in dist:
                        dist[v] = d
                        nxt.append(v)
            frontier = nxt
        return dist


def visible_graph(net: ReferralNetwork, seeker: str, *, hops: int = 3) -> nx.Graph:
    """Return the part of the acquaintance graph a seeker's suggestions are made from.

    The nodes within ``hops`` of the seeker in the seeker's view (see
    :class:`SeekerView`) with *all* their visible edges, so the degree of every node
    within ``hops`` is its degree in the view. Node attribute ``hops``; edge
    attribute ``strength`` (visible evidence only).

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    hops
        Radius of the neighbourhood.

    Returns
    -------
    networkx.Graph
        A new graph.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> g = visible_graph(net, "p001", hops=1)
    >>> g.nodes["p001"]["hops"]
    0
    """
    seeker = net.resolve(seeker)
    view = SeekerView(net, seeker)
    dist = view.ball(hops)
    g = nx.Graph()
    for u in sorted(dist):
        g.add_node(u, hops=dist[u])
    for u in sorted(dist):
        for v, s in view.adj(u).items():
            g.add_edge(u, v, strength=s)
    return g


# ------------------------------------------------------------- exclusions
def already_met(net: ReferralNetwork, seeker: str) -> set[str]:
    """Return the people a seeker should not be suggested: known or already approached.

    That is the seeker, everyone adjacent to the seeker in the acquaintance graph,
    and everyone the seeker has an interview row with, whatever its status
    (requested, scheduled, completed, declined or no-show).

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> "p001" in already_met(net, "p001")
    True
    """
    approached = {r.contact_id for r in _records(net, seeker)[0]}
    csr = net.csr
    i = csr.index[seeker]
    contacts = csr.ids[csr.indices[csr.indptr[i] : csr.indptr[i + 1]]].tolist()
    return {seeker, *contacts, *approached}


def excluded(net: ReferralNetwork, seeker: str) -> set[str]:
    """Return everyone :func:`suggest` leaves out for a seeker.

    :func:`already_met`, plus anyone named to the seeker whose referral ended
    ``declined`` or ``interviewed``.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> already_met(net, "p001") <= excluded(net, "p001")
    True
    """
    done = {
        r.referred_id for r in _records(net, seeker)[1] if r.status in ("declined", "interviewed")
    }
    return already_met(net, seeker) | done


# ---------------------------------------------------------------- signals
class Pending(NamedTuple):
    """A pending referral: who named the person, when, its status and how many named them."""

    referrer_id: str
    date: pd.Timestamp
    status: str
    n_named: int


def pending_signal(
    net: ReferralNetwork, seeker: str, *, exclude: set[str] | frozenset[str] = frozenset()
) -> dict[str, Pending]:
    """Return the seeker's pending referrals: people named and not followed up yet.

    A referral is pending when it was made to this seeker, its status is named,
    introduced or contacted, and the person is not in ``exclude`` (normally
    :func:`excluded`: known, approached, interviewed or declined). When several
    referrals name the same person, the earliest one is kept (``n_named`` counts
    them). The signal's value is 1 for every key.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id``.
    exclude
        People to leave out.

    Returns
    -------
    dict of str to Pending
        ``{person_id: Pending(referrer_id, date, status, n_named)}``.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> all(p.status in ("named", "introduced", "contacted")
    ...     for p in pending_signal(net, "p001").values())
    True
    """
    mine = [
        r
        for r in _records(net, seeker)[1]
        if r.status in _PENDING_STATUSES
        and r.referred_id not in exclude
        and r.referred_id != seeker
    ]
    counts = Counter(r.referred_id for r in mine)
    out: dict[str, Pending] = {}
    for r in mine:  # sorted by date, then referral_id
        if r.referred_id not in out:
            out[r.referred_id] = Pending(r.referrer_id, r.date, r.status, counts[r.referred_id])
    return out


@dataclass
class LocalPaths:
    """Paths of two and three steps from a seeker to candidates, summarized.

    Attributes
    ----------
    options
        ``{candidate: [(warmth, introducer, path), ...]}``: for each first-hop
        contact (introducer) the warmest path of at most three steps through them,
        warmest first, then by introducer id.
    common
        ``{candidate: [contacts the candidate knows]}`` (sorted).
    adamic_adar
        ``{candidate: sum over common contacts z of 1 / ln(deg z)}``.
    resource_allocation
        ``{candidate: sum over common contacts z of 1 / deg z}``.
    local_path
        ``{candidate: sum over three-step paths s-a-b-c of 1 / (ln deg a · ln deg b)}``.
    """

    options: dict[str, list[tuple[float, str, tuple[str, ...]]]] = field(default_factory=dict)
    common: dict[str, list[str]] = field(default_factory=dict)
    adamic_adar: dict[str, float] = field(default_factory=dict)
    resource_allocation: dict[str, float] = field(default_factory=dict)
    local_path: dict[str, float] = field(default_factory=dict)


def local_paths(view: SeekerView, seeker: str, candidates: Iterable[str]) -> LocalPaths:
    """Walk every path of two and three steps from the seeker to the candidates.

    One pass over the seeker's contacts ``a``, their neighbours ``b`` and the
    neighbours ``c`` of those collects, per candidate, the common contacts, the
    Adamic–Adar and resource-allocation indices, the weighted count of three-step
    paths (the local-path index with Adamic–Adar weights) and, per first-hop
    contact, the warmest path (largest product of strengths) of at most three steps.
    Degrees are degrees in the seeker's view. The work is bounded by the seeker's
    three-hop neighbourhood.

    Parameters
    ----------
    view
        The seeker's view of the acquaintance graph.
    seeker
        The seeker's ``person_id``.
    candidates
        The people to collect paths to.

    Returns
    -------
    LocalPaths

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> paths = local_paths(SeekerView(net, "p001"), "p001", [])
    >>> paths.options
    {}
    """
    cand = set(candidates)
    best: dict[str, dict[str, tuple[float, tuple[str, ...]]]] = {}
    out = LocalPaths()
    log_deg: dict[str, float] = {}

    def ln_deg(u: str) -> float:
        x = log_deg.get(u)
        if x is None:
            x = log_deg[u] = math.log(max(view.degree(u), 2))
        return x

    def offer(c: str, a: str, w: float, path: tuple[str, ...]) -> None:
        per = best.get(c)
        if per is None:
            best[c] = {a: (w, path)}
            return
        old = per.get(a)
        if old is None or w > old[0] or (w == old[0] and path < old[1]):
            per[a] = (w, path)

    local = out.local_path
    for a, w1 in view.adj(seeker).items():
        la = ln_deg(a)
        deg_a = view.degree(a)
        for b, w2 in view.adj(a).items():
            if b == seeker:
                continue
            p2 = w1 * w2
            if b in cand:
                out.common.setdefault(b, []).append(a)
                out.adamic_adar[b] = out.adamic_adar.get(b, 0.0) + 1.0 / la
                out.resource_allocation[b] = out.resource_allocation.get(b, 0.0) + 1.0 / deg_a
                offer(b, a, p2, (seeker, a, b))
            step = 1.0 / (la * ln_deg(b))
            for c, w3 in view.adj(b).items():
                if c not in cand or c == a:
                    continue
                local[c] = local.get(c, 0.0) + step
                # offer(c, a, p2 * w3, (seeker, a, b, c)), inlined: the innermost loop
                w = p2 * w3
                per = best.get(c)
                if per is None:
                    best[c] = {a: (w, (seeker, a, b, c))}
                    continue
                old = per.get(a)
                if old is None or w > old[0] or (w == old[0] and (seeker, a, b, c) < old[1]):
                    per[a] = (w, (seeker, a, b, c))
    for c, per in best.items():
        out.options[c] = sorted(
            ((w, a, path) for a, (w, path) in per.items()), key=lambda t: (-t[0], t[1])
        )
    for c in out.common:
        out.common[c].sort()
    return out


def warmth_signal(paths: LocalPaths) -> dict[str, float]:
    """Return each candidate's warmest path: the largest product of tie strengths.

    Over paths of two or three steps from the seeker (strengths are in (0, 1], so
    the value is too, and a longer path is never warmer than its steps). A
    candidate with no path scores 0.

    Examples
    --------
    >>> p = LocalPaths(options={"x": [(0.4, "a", ("s", "a", "x"))], "y": []})
    >>> warmth_signal(p)
    {'x': 0.4, 'y': 0.0}
    """
    return {c: (opts[0][0] if opts else 0.0) for c, opts in paths.options.items()}


def structural_signal(
    paths: LocalPaths,
    *,
    epsilon: float = LOCAL_PATH_EPSILON,
    half: float = STRUCTURAL_HALF,
) -> dict[str, float]:
    """Return structural fit: Adamic–Adar plus a local-path term, saturating.

    ``raw = AA + epsilon * LP3``, where ``AA`` is the Adamic–Adar index of the
    seeker and the candidate (common contacts weighted ``1 / ln degree``) and
    ``LP3`` counts three-step paths (each weighted ``1 / (ln deg a · ln deg b)``), so
    people three steps away, whom no common-contact index can tell apart, are
    ordered too (the local-path index of Lü, Jin and Zhou 2009). The value is
    ``raw / (raw + half)``: it grows with ``raw`` (ranking by this signal alone is
    ranking by ``raw``), but saturates, so many mutual contacts cannot outweigh
    everything else (the weak-tie sweet spot, Rajkumar et al. 2022). With the
    default ``half = 1``, two common contacts who each know about seven people
    (``2 / ln 7.4 = 1``) give half the signal.

    Parameters
    ----------
    paths
        From :func:`local_paths`.
    epsilon
        Weight of a three-step path relative to a two-step one.
    half
        The raw score that gives 0.5.

    Returns
    -------
    dict of str to float
        ``{candidate: value in [0, 1)}``.

    Examples
    --------
    >>> p = LocalPaths(options={"x": [], "y": [], "z": []},
    ...                adamic_adar={"x": 3.0, "y": 1.0}, local_path={"z": 1.0})
    >>> {c: round(v, 3) for c, v in structural_signal(p).items()}
    {'x': 0.75, 'y': 0.5, 'z': 0.01}
    """
    out = {}
    for c in paths.options:
        raw = paths.adamic_adar.get(c, 0.0) + epsilon * paths.local_path.get(c, 0.0)
        out[c] = raw / (raw + half)
    return out


def _fold(text: object) -> str:
    """Return the case- and accent-insensitive words of a text ("Santé" -> "sante")."""
    if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
        return ""
    return _fold_text(str(text))


@functools.lru_cache(maxsize=2**16)
def _fold_text(text: str) -> str:
    # few distinct values (industries, organizations) are folded again and again
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def parse_goals(goals: Mapping[str, str | Iterable[str]] | None) -> dict[str, tuple[str, ...]]:
    """Check and normalize goals: ``{"industry": "Healthcare", "tag": ["ux", "data"]}``.

    Keys are those of :data:`GOAL_KEYS` (``tags``, ``org`` and ``company`` are
    accepted as aliases); values are a text or several. Values are folded (case,
    accents and punctuation ignored).

    Raises
    ------
    NetgraphError
        For goals that are not a mapping of texts, an unknown key or an empty value.

    Examples
    --------
    >>> parse_goals({"Industry": "Santé", "tags": ["UX", "data"]})
    {'industry': ('sante',), 'tag': ('ux', 'data')}
    """
    if goals is not None and not isinstance(goals, Mapping):
        raise NetgraphError(
            f"goals must be a mapping such as {{'industry': 'Healthcare'}}, got {goals!r}"
        )
    out: dict[str, tuple[str, ...]] = {}
    for key, value in (goals or {}).items():
        if not isinstance(key, str):
            raise NetgraphError(f"goal names must be text such as 'industry', got {key!r}")
        values = [value] if isinstance(value, str) else value
        values = list(values) if isinstance(values, Iterable) else [values]
        if not all(isinstance(v, str) for v in values):
            raise NetgraphError(f"goal {key!r} must be a text or a list of texts, got {value!r}")
        k = _fold(key).replace(" ", "_")
        k = _GOAL_ALIASES.get(k, k)
        if k not in GOAL_KEYS:
            raise NetgraphError(f"unknown goal {key!r}; use one of {', '.join(GOAL_KEYS)}")
        folded = tuple(f for f in (_fold(v) for v in values) if f)
        if not folded:
            raise NetgraphError(f"goal {key!r} has no value; write it as {k}=VALUE")
        out[k] = out.get(k, ()) + folded
    return out


def _matches(goal: str, value: object) -> bool:
    """Return whether the folded goal equals the value or appears in it as whole words."""
    text = _fold(value)
    return bool(text) and f" {goal} " in f" {text} "


def goal_signal(
    attrs: Mapping[str, Mapping[str, object]],
    candidates: Iterable[str],
    goals: Mapping[str, tuple[str, ...]],
) -> dict[str, tuple[float, list[tuple[str, str]]]]:
    """Return the share of the seeker's goals each candidate matches, and which.

    Each goal key (industry, organization, role, tag, title, location, major,
    seniority) counts once; it is matched when any of its values equals the
    person's value, or appears in it as whole words, ignoring case, accents and
    punctuation (``product manager`` matches the title "Senior Product Manager";
    ``tag`` matches any of the person's tags).

    Parameters
    ----------
    attrs
        ``{person_id: {column: value}}``, e.g. ``net.acquaintance.nodes``.
    candidates
        The people to score.
    goals
        As returned by :func:`parse_goals`.

    Returns
    -------
    dict
        ``{candidate: (value in [0, 1], [(key, the person's matching value), ...])}``.

    Examples
    --------
    >>> attrs = {"a": {"industry": "Healthcare", "tags": ("UX",)},
    ...          "b": {"industry": "Finance", "tags": ()}}
    >>> goal_signal(attrs, ["a", "b"], {"industry": ("healthcare",), "tag": ("ux",)})
    {'a': (1.0, [('industry', 'Healthcare'), ('tag', 'UX')]), 'b': (0.0, [])}
    """
    out: dict[str, tuple[float, list[tuple[str, str]]]] = {}
    n = len(goals)
    for c in candidates:
        hits: list[tuple[str, str]] = []
        for key, values in goals.items():
            col = GOAL_KEYS[key]
            raw = attrs[c].get(col, "")
            items = raw if isinstance(raw, tuple) else (raw,)
            found = next((str(x) for x in items for g in values if _matches(g, x)), None)
            if found is not None:
                hits.append((key, found))
        out[c] = (len(hits) / n if n else 0.0, hits)
    return out


def _interest_signal(
    net: ReferralNetwork, seeker: str, candidates: Iterable[str]
) -> dict[str, tuple[float, list[tuple[str, str]]]]:
    """Fit to the industries the seeker has been asking about (when no goals are given).

    The seeker's own interview requests (any status) reveal their interests: the
    value for a candidate is the share of those requests in the candidate's industry,
    over the largest share, so the seeker's most-asked industry scores 1.
    """
    contacts = [r.contact_id for r in _records(net, seeker)[0]]
    attrs = _Attrs(net)
    asked = Counter(f for f in (_fold(attrs[x].get("industry")) for x in contacts) if f)
    top = max(asked.values(), default=0)
    out: dict[str, tuple[float, list[tuple[str, str]]]] = {}
    for c in candidates:
        ind = attrs[c].get("industry", "")
        share = asked.get(_fold(ind), 0) / top if top else 0.0
        out[c] = (share, [("interest", str(ind))] if share > 0 else [])
    return out


#: Seed of the community detection behind the novelty signal.
COMMUNITY_SEED = 0
#: Up to this many people the tie-graph communities come from networkx's Louvain;
#: above, from igraph's Leiden (much faster at scale, but importing igraph costs
#: half a second, as it imports matplotlib).
COMMUNITY_NX_MAX = 5_000


def tie_communities(net: ReferralNetwork, *, progress: bool | None = None) -> pd.Series:
    """Return the communities of the shared tie graph, found once per network and kept.

    The *tie graph* has everyone in the network and the standing ties of
    ``ties.csv`` only (weighted by their strength; a repeated tie adds its weight):
    what every seeker may see, so the communities never carry one seeker's
    interviews or referrals into another's suggestions. Communities maximize
    modularity, found with a fixed seed (:data:`COMMUNITY_SEED`): by the Louvain
    method (Blondel et al. 2008; networkx) up to :data:`COMMUNITY_NX_MAX` people,
    and above that by its refinement, the Leiden algorithm (Traag, Waltman and
    van Eck 2019; igraph, two iterations), which is far faster at scale. The two
    give similar but not identical partitions of the same graph. Communities are
    numbered by falling size (ties by the smallest ``person_id`` in them) and kept
    per network and in its snapshot (:mod:`netgraph.cache`), so the cost is paid once
    per data set, not per call or per process (timings: ``benchmarks/results.md``).

    Parameters
    ----------
    net
        The network.
    progress
        Show a progress bar while the communities are found (``None``: when
        :func:`netgraph._progress.progress_enabled` says so).

    Returns
    -------
    pandas.Series
        Community number (int) by ``person_id``, in ``person_id`` order.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> labels = tie_communities(net)
    >>> int(labels.min()), bool(labels.value_counts().is_monotonic_decreasing)
    (0, True)

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R., and Lefebvre, E. (2008).
       Fast unfolding of communities in large networks. Journal of Statistical
       Mechanics, P10008.
    .. [2] Traag, V. A., Waltman, L., and van Eck, N. J. (2019). From Louvain to
       Leiden: guaranteeing well-connected communities. Scientific Reports 9, 5233.
    """
    labels = _tie_community_codes(net, progress)
    return pd.Series(labels, index=pd.Index(net.csr.ids, name="person_id"), name="community")


def _louvain(n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Seeded Louvain (networkx) on ``n`` people and weighted ties; a label per person."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for a, b, x in zip(u.tolist(), v.tolist(), w.tolist(), strict=True):
        if g.has_edge(a, b):  # a repeated tie adds its weight, as igraph counts it
            g[a][b]["weight"] += x
        else:
            g.add_edge(a, b, weight=x)
    raw = np.zeros(n, dtype=np.int64)
    parts = nx.community.louvain_communities(g, weight="weight", seed=COMMUNITY_SEED)
    for k, part in enumerate(parts):
        raw[list(part)] = k
    return raw


def _leiden(n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Seeded Leiden (igraph, modularity, two iterations); a label per person."""
    import random

    import igraph  # imports matplotlib.pyplot when installed: only for large networks

    graph = igraph.Graph(n=n)
    graph.add_edges(np.column_stack([u, v]))  # far faster than Graph(edges=...) from arrays
    igraph.set_random_number_generator(random.Random(COMMUNITY_SEED))
    try:
        found = graph.community_leiden(objective_function="modularity", weights=w, n_iterations=2)
    finally:
        igraph.set_random_number_generator(random)
    return np.asarray(found.membership, dtype=np.int64)


def _tie_community_codes(net: ReferralNetwork, progress: bool | None = None) -> np.ndarray:
    return memo(net, "suggest.communities", lambda: _find_tie_communities(net, progress))


def _find_tie_communities(net: ReferralNetwork, progress: bool | None) -> np.ndarray:
    from netgraph._progress import progress as bar

    n = len(net.csr)
    with bar(total=2, desc="communities of the tie graph", unit="step", progress=progress) as b:
        ev = net._evidence_codes
        ties = len(net.ties)  # the evidence lists the ties first
        u, v, w = ev["u"][:ties], ev["v"][:ties], ev["weight"][:ties]
        if len(w) and w.max() < 2.0**-16:
            # modularity ignores the scale of the weights, but sums of tiny ones squared
            # underflow to 0 (networkx then divides by zero): scale by a power of two,
            # exactly, so the largest is in [0.5, 1)
            w = np.ldexp(w, -int(np.frexp(w.max())[1]))
        b.update()
        raw = _louvain(n, u, v, w) if n <= COMMUNITY_NX_MAX else _leiden(n, u, v, w)
        b.update()
    # number by falling size, then by the smallest member (rows are person_id order)
    sizes = np.bincount(raw, minlength=raw.max(initial=-1) + 1)
    first = np.full(len(sizes), n, dtype=np.int64)
    np.minimum.at(first, raw, np.arange(n))
    rank = np.empty(len(sizes), dtype=np.int64)
    rank[np.lexsort((first, -sizes))] = np.arange(len(sizes))
    labels = rank[raw]
    labels.setflags(write=False)
    return labels


def novelty_signal(
    view: SeekerView,
    seeker: str,
    attrs: Mapping[str, Mapping[str, object]],
    candidates: Iterable[str],
) -> dict[str, tuple[float, str | None, bool]]:
    """Return how much each candidate opens up: a new industry, a new part of the network.

    *New industry*: the candidate's industry is given and neither the seeker nor any
    of the seeker's contacts works in it. *New community*: the candidate's
    community in the shared tie graph (:func:`tie_communities`: seeded modularity
    communities of the ties every seeker may see) contains neither the seeker nor any of the
    seeker's contacts. The value is ``0.5 * new_industry + 0.5 * new_community``.
    Weak ties are valuable because they lead where one's own circle does not
    (Granovetter 1973).

    Parameters
    ----------
    view
        The seeker's view.
    seeker
        The seeker's ``person_id``.
    attrs
        ``{person_id: {column: value}}``, e.g. ``net.acquaintance.nodes``.
    candidates
        The people to score.

    Returns
    -------
    dict
        ``{candidate: (value, the new industry or None, new community?)}``.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> novelty_signal(SeekerView(net, "p001"), "p001", net.acquaintance.nodes, [])
    {}
    """
    cands = list(candidates)
    contacts = list(view.adj(seeker))
    reached = {_fold(attrs[p].get("industry")) for p in [seeker, *contacts]} - {""}
    codes = _tie_community_codes(view.net)
    index = view.net.csr.index
    own = {int(codes[index[p]]) for p in [seeker, *contacts]}
    out: dict[str, tuple[float, str | None, bool]] = {}
    for c in cands:
        ind = attrs[c].get("industry")
        new_ind = str(ind) if _fold(ind) and _fold(ind) not in reached else None
        new_comm = int(codes[index[c]]) not in own
        out[c] = (0.5 * (new_ind is not None) + 0.5 * new_comm, new_ind, new_comm)
    return out


def _level(person: Mapping[str, object], year: int) -> int | None:
    sen = person.get("seniority", "")
    if sen in _LEVELS:
        return _LEVELS[sen]
    if person.get("role") == "student":
        return 0
    grad = person.get("grad_year", pd.NA)
    if pd.notna(grad):
        return 0 if grad > year else 1 if year - grad <= 3 else 2
    return None


def seniority_signal(
    attrs: Mapping[str, Mapping[str, object]],
    seeker: str,
    candidates: Iterable[str],
    *,
    year: int,
) -> dict[str, tuple[float, str]]:
    """Return how close each candidate is to the hiring the seeker aims for.

    Levels: student 0, entry 1, mid 2, senior 3, executive 4 (from ``seniority``,
    else a student role, else the graduation year). By level gap (candidate minus
    seeker): 1 -> 1.0, 2 -> 0.8, 3 -> 0.6, 0 -> 0.4, 4 -> 0.4, below 0 -> 0.2. For a
    seeker who is a student or entry level, recent graduates know entry-level hiring
    best: graduated 1-5 years before ``year`` -> 1.0, that year -> 0.8, 6-10 years ->
    0.6, longer -> 0.4, not yet -> 0.2. The value is the larger of the two; 0 when
    nothing is known.

    Parameters
    ----------
    attrs
        ``{person_id: {column: value}}``, e.g. ``net.acquaintance.nodes``.
    seeker
        The seeker's ``person_id``.
    candidates
        The people to score.
    year
        The current year (the network's reference date).

    Returns
    -------
    dict
        ``{candidate: (value, reason in plain words or "")}``.

    Examples
    --------
    >>> attrs = {"s": {"role": "student", "seniority": "student", "grad_year": 2026},
    ...          "a": {"role": "alum", "seniority": "entry", "grad_year": 2023},
    ...          "b": {"role": "alum", "seniority": "executive", "grad_year": 1990}}
    >>> seniority_signal(attrs, "s", ["a", "b"], year=2025)
    {'a': (1.0, 'Graduated 2 years ago: close to entry-level hiring'), 'b': (0.4, '')}
    """
    mine = _level(attrs[seeker], year)
    early = mine is not None and mine <= 1
    gap_value = {1: 1.0, 2: 0.8, 3: 0.6, 0: 0.4, 4: 0.4}
    names = {1: "Entry", 2: "Mid", 3: "Senior", 4: "Executive"}
    out: dict[str, tuple[float, str]] = {}
    for c in candidates:
        value, why = 0.0, ""
        lvl = _level(attrs[c], year)
        if mine is not None and lvl is not None:
            gap = lvl - mine
            value = gap_value.get(gap, 0.2 if gap < 0 else 0.4)
            if gap in (1, 2):
                step = "one level" if gap == 1 else "two levels"
                why = f"{names[lvl]}-level: {step} ahead of you, close to hiring"
        grad = attrs[c].get("grad_year", pd.NA)
        if early and pd.notna(grad):
            y = year - int(grad)
            g = 1.0 if 1 <= y <= 5 else 0.8 if y == 0 else 0.6 if 6 <= y <= 10 else 0.2
            g = 0.4 if y > 10 else g
            if g > value or (g == value and g >= 0.8):
                value = g
                if g >= 0.8:
                    ago = "this year" if y == 0 else f"{y} year{'s' if y > 1 else ''} ago"
                    why = f"Graduated {ago}: close to entry-level hiring"
        out[c] = (value, why)
    return out


def load_penalty(load: int) -> float:
    """Return the penalty ``1 - 2**-load`` for an introducer already asked ``load`` times.

    0 for a fresh introducer, 0.5 for the second ask, 0.75 for the third: the
    penalty grows but never passes 1.

    Examples
    --------
    >>> [load_penalty(n) for n in range(4)]
    [0.0, 0.5, 0.75, 0.875]
    """
    return 1.0 - 2.0 ** (-load)


# ------------------------------------------------------------------ ranking
@dataclass
class _Cand:
    pid: str
    base: float  # weighted signals other than warmth and load
    contrib: dict[str, float]
    options: list[tuple[float, str, tuple[str, ...]]]  # (warmth_norm, introducer, path)


def suggest(
    net: ReferralNetwork,
    seeker: str,
    *,
    goals: Mapping[str, str | Iterable[str]] | None = None,
    top: int | None = 10,
    as_of: str | pd.Timestamp | None = None,
    weights: SuggestWeights | Mapping[str, float] | None = None,
    explore: bool = False,
) -> pd.DataFrame:
    """Rank the people a seeker has not met yet, each with whom to ask and why.

    Candidates, signals, weights and the greedy introducer-aware ranking are
    described in the module docstring (:mod:`netgraph.suggest`). In short: people two
    or three hops away in the seeker's own view of the network and people named in
    a pending referral, minus people already known, approached, interviewed or who
    declined; each scored ``sum(weight * signal)`` over pending referral, warmth,
    structural fit, goal fit, novelty and seniority, minus a penalty for reusing an
    introducer; ties broken by ``person_id``.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    goals
        What the seeker is aiming for, e.g. ``{"industry": "Healthcare",
        "tag": ["ux", "data"]}`` (keys in :data:`GOAL_KEYS`). With none, the
        industries of the seeker's own interview requests stand in.
    top
        How many suggestions to return (``None``: all candidates).
    as_of
        Suggest from the network as it stood on this day.
    weights
        A :class:`SuggestWeights`, or a dict overriding some defaults
        (``{"novelty": 0.5}``).
    explore
        Trade some accuracy for wider reach: novelty and introducer load weigh
        :data:`EXPLORE` (unless ``weights`` sets them). The measured cost is in the
        README's quality section.

    Returns
    -------
    pandas.DataFrame
        One row per suggestion, best first, with columns ``rank`` (1 = best),
        ``person_id``, ``name``, ``role``, ``organization``, ``industry``,
        ``title``, ``seniority``, ``grad_year``, ``location``, ``hops`` (steps from
        the seeker in the seeker's view; the referral's two steps for a pending
        referral beyond three), ``common_contacts``, ``score`` (the sum of the
        ``signal_*`` columns), ``signal_pending``, ``signal_warmth``,
        ``signal_structural``, ``signal_goal``, ``signal_novelty``,
        ``signal_seniority``, ``signal_load`` (each signal's weighted contribution;
        load is zero or negative), ``introducer_id`` and ``introducer`` (whom to
        ask), ``path`` (names from the seeker to the person, joined by " → "),
        ``path_ids`` (the same as a tuple of ids) and ``reasons`` (plain words,
        joined by "; ").

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.
    UnknownTarget
        If a goal value matches nobody in the network (a typo: goals boost, they do
        not filter), with the closest values that exist (:func:`~netgraph.people.check_goals`).
    NetgraphError
        For an unknown goal key or signal weight, a negative weight, or ``top < 1``.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> table = ng.suggest(net, "p001", top=3)
    >>> table["rank"].tolist()
    [1, 2, 3]
    >>> bool(table["score"].is_monotonic_decreasing)
    True

    References
    ----------
    See the module docstring: Adamic and Adar 2003; Zhou, Lü and Zhang 2009; Lü, Jin
    and Zhou 2009; Granovetter 1973; Rajkumar et al. 2022.
    """
    w = _weights(weights)
    if explore:
        given = set(weights) if isinstance(weights, Mapping) else set()
        if not isinstance(weights, SuggestWeights):
            w = replace(w, **{k: v for k, v in EXPLORE.items() if k not in given})
    goal_map = parse_goals(goals)
    if goal_map:
        check_goals(net, goals)  # a goal nobody matches is a typo, not a boost
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise NetgraphError(f"top must be a whole number >= 1 (or None for all), got {top!r}")
    if as_of is not None:
        net = net.as_of(as_of)
    r = _rank(net, net.resolve(seeker), goal_map, w, top)
    seeker = r.seeker
    rows = []
    for rank, (cand, score, cw, cl, i) in enumerate(r.ranked, start=1):
        c = cand.pid
        intro, path = (cand.options[i][1], cand.options[i][2]) if i >= 0 else ("", (seeker, c))
        first_choice = cand.options[0][1] if cand.options else ""
        reasons = _reasons(
            net,
            r.view,
            seeker,
            c,
            pending=r.pending.get(c),
            common=r.paths.common.get(c, []),
            hops=r.ball.get(c),
            goal=r.goal[c][1],
            explicit_goals=bool(goal_map),
            novelty=r.novelty[c],
            senior=r.senior[c][1],
            intro=intro,
            path=path,
            passed_over=first_choice if first_choice != intro else "",
            features=r.features.get(c),
        )
        rows.append(
            {
                "rank": rank,
                "person_id": c,
                "hops": r.ball.get(c, len(path) - 1),
                "common_contacts": len(r.paths.common.get(c, [])),
                "score": score,
                **{f"signal_{k}": v for k, v in cand.contrib.items()},
                "signal_warmth": cw,
                "signal_load": cl,
                "introducer_id": intro,
                "path_ids": path,
                "reasons": "; ".join(reasons),
            }
        )
    return _frame(net, rows)


@dataclass
class _Ranking:
    seeker: str
    view: SeekerView
    ball: dict[str, int]
    pending: dict[str, Pending]
    paths: LocalPaths
    goal: dict[str, tuple[float, list[tuple[str, str]]]]
    novelty: dict[str, tuple[float, str | None, bool]]
    senior: dict[str, tuple[float, str]]
    features: dict[str, np.ndarray]
    ranked: list[tuple[_Cand, float, float, float, int]]


def _rank(
    net: ReferralNetwork,
    seeker: str,
    goal_map: Mapping[str, tuple[str, ...]],
    w: SuggestWeights,
    top: int | None,
    stop: Callable[[int, str], bool] | None = None,
) -> _Ranking:
    """Compute every signal and the greedy ranking; signals weighted 0 are skipped.

    ``stop(rank, person_id)``, when given, ends the greedy list after the first pick
    it returns true for (see :func:`_rerank_lazy`).

    Candidates, paths and signals are numpy arrays over the seeker's view
    (:class:`netgraph._ranker.SeekerWalk`); the introducer options of a candidate are
    walked only when the greedy ranking reaches it.
    """
    from netgraph import _ranker

    attrs = _Attrs(net)
    csr = net.csr
    ids = csr.ids
    exclude = excluded(net, seeker)
    pending = pending_signal(net, seeker, exclude=exclude)
    own = [(r.referrer_id, r.referred_id) for r in _records(net, seeker)[1]]
    walk = _ranker.SeekerWalk(net, seeker, own)
    view = walk.view
    bad = np.array([csr.index[p] for p in exclude], dtype=np.int64)
    pending_rows = np.array([csr.index[p] for p in pending], dtype=np.int64)
    rows = walk.candidates(bad, pending_rows)
    n = len(rows)
    cand_ids = ids[rows].tolist()
    hops = walk.hops(rows)
    raw = walk.raw(rows)
    zero = np.zeros(n)
    # structural: Adamic-Adar plus the local-path term, saturating
    struct_raw = raw["adamic_adar"] + LOCAL_PATH_EPSILON * raw["local_path"]
    structural = struct_raw / (struct_raw + STRUCTURAL_HALF)
    fit, parts = zero, None
    if w.fit != 0 and n:
        model = _ranker.fitted_ranker(net)
        x = walk.features(rows, hops, raw)
        contributions = model.contributions(x)
        fit = 1.0 / (1.0 + np.exp(-(contributions.sum(axis=1) + model.intercept)))
        parts = np.where(x > 0, contributions, 0.0)
    people = _ranker._people(net)
    if w.goal == 0 or not n:
        goal_value = zero
    elif goal_map:
        goal = goal_signal(attrs, cand_ids, goal_map)
        goal_value = np.array([goal[c][0] for c in cand_ids])
    else:
        goal_value = _interest_values(net, seeker, people, rows)
    novelty_value = zero
    if w.novelty != 0 and n:
        novelty_value = _novelty_values(net, walk, people, rows)
    senior_value = zero
    if w.seniority != 0 and n:
        senior_value = _ranker.seniority_values(people, walk.s, rows)
    is_pending = np.isin(rows, pending_rows)
    contrib = {
        "pending": w.pending * is_pending,
        "fit": w.fit * fit,
        "structural": w.structural * structural,
        "goal": w.goal * goal_value,
        "novelty": w.novelty * novelty_value,
        "seniority": w.seniority * senior_value,
    }
    base = sum(contrib.values()) if n else zero

    def options(j: int) -> list[tuple[float, str, tuple[str, ...]]]:
        c = cand_ids[j]
        p = pending.get(c)
        if p is not None:  # a pending referral goes through its referrer
            s1 = view.adj(seeker).get(p.referrer_id, 0.0)
            s2 = view.adj(p.referrer_id).get(c, 0.0)
            return [(s1 * s2, p.referrer_id, (seeker, p.referrer_id, c))]
        return [
            (warm, ids[a], tuple(ids[list(path)].tolist()))
            for warm, a, path in walk.options(int(rows[j]))
        ]

    upper = base + w.warmth * raw["warmth"] if n else zero
    for j in np.flatnonzero(is_pending).tolist():  # their warmth is the referrer route's
        upper[j] = base[j] + w.warmth * options(j)[0][0]
    chosen = _rerank_lazy(cand_ids, upper, base, options, w, top, stop)
    ranked, out = [], _Ranking(seeker, view, {}, pending, LocalPaths(), {}, {}, {}, {}, [])
    for j, val, cw, cl, i, opts in chosen:
        c = cand_ids[j]
        cand = _Cand(c, float(base[j]), {k: float(v[j]) for k, v in contrib.items()}, opts)
        ranked.append((cand, val, cw, cl, i))
        if hops[j]:
            out.ball[c] = int(hops[j])
        out.paths.common[c] = ids[walk.common_of(int(rows[j]))].tolist()
        out.paths.options[c] = opts
        out.goal[c] = (float(goal_value[j]), [])
        if parts is not None:
            out.features[c] = parts[j]
    out.ranked = ranked
    shown = [cand.pid for cand, *_ in ranked]
    if shown and w.goal != 0:
        if goal_map:
            out.goal.update(goal_signal(attrs, shown, goal_map))
        else:
            out.goal.update(_interest_signal(net, seeker, shown))
    if shown:
        out.novelty.update(
            novelty_signal(view, seeker, attrs, shown)
            if w.novelty != 0
            else dict.fromkeys(shown, (0.0, None, False))
        )
        out.senior.update(
            seniority_signal(attrs, seeker, shown, year=net.reference_date.year)
            if w.seniority != 0
            else dict.fromkeys(shown, (0.0, ""))
        )
    return out


def _interest_values(net: ReferralNetwork, seeker: str, people, rows: np.ndarray) -> np.ndarray:
    """:func:`_interest_signal`'s values, over the industry codes (no reasons)."""
    codes = people.codes["industry"]
    csr = net.csr
    asked = [codes[csr.index[r.contact_id]] for r in _records(net, seeker)[0]]
    asked = np.array([a for a in asked if a >= 0], dtype=np.int64)
    if not len(asked):
        return np.zeros(len(rows))
    counts = np.bincount(asked, minlength=int(codes.max()) + 1).astype(float)
    cand = codes[rows]
    return np.where(cand >= 0, counts[np.maximum(cand, 0)] / counts.max(), 0.0)


def _novelty_values(net: ReferralNetwork, walk, people, rows: np.ndarray) -> np.ndarray:
    """:func:`novelty_signal`'s values, over industry and community codes."""
    mine = np.append(walk.contacts, walk.s)
    ind = people.codes["industry"]
    reached = ind[mine]
    new_ind = (ind[rows] >= 0) & ~np.isin(ind[rows], reached[reached >= 0])
    comm = _tie_community_codes(net)
    new_comm = ~np.isin(comm[rows], comm[mine])
    return 0.5 * new_ind + 0.5 * new_comm


class _BoundOrder:
    """Rows by descending bound, then ascending row, handed out a block at a time.

    Sorting every candidate costs more than the ranking needs (it usually stops within
    the first block), so the first block comes from a partial sort and the full order
    is computed only when a second block is asked for.
    """

    def __init__(self, upper: np.ndarray, block: int) -> None:
        self.upper, self.block, self.given = upper, block, 0
        n = len(upper)
        self.order: np.ndarray | None = None
        if n > 2 * block:
            first = np.argpartition(-upper, block)[:block]
            first = first[np.lexsort((first, -upper[first]))]
            rest = float(np.partition(upper, n - block - 1)[n - block - 1])
            if upper[first[-1]] > rest:  # no tie across the cut: the block is exact
                self.first, self.rest = first, rest
                return
        self.order = np.lexsort((np.arange(n), -upper))
        self.first = self.order[:block]
        self.rest = float(upper[self.order[block]]) if n > block else -np.inf

    @property
    def left(self) -> bool:
        return self.given < len(self.upper)

    @property
    def next_bound(self) -> float:
        """The largest bound of the rows not handed out yet."""
        if self.given == 0:
            return float(self.upper[self.first[0]]) if len(self.first) else -np.inf
        if self.given == len(self.first) and self.order is None:
            return self.rest
        return float(self.upper[self.order[self.given]])

    def take(self) -> list[int]:
        if self.given == 0:
            part = self.first
        else:
            if self.order is None:
                self.order = np.lexsort((np.arange(len(self.upper)), -self.upper))
            part = self.order[self.given : self.given + self.block]
        self.given += len(part)
        return part.tolist()


def _rerank_lazy(
    pids: list[str],
    upper: np.ndarray,
    base: np.ndarray,
    options,
    w: SuggestWeights,
    top: int | None,
    stop: Callable[[int, str], bool] | None = None,
) -> list[tuple[int, float, float, float, int, list]]:
    """Build the greedy list, walking a candidate's introducers only when needed.

    ``upper`` bounds each candidate's score (its warmest path, no load penalty);
    candidates are taken from a heap of these bounds and their exact score (given
    the introducers used so far) computed when they come up, so the result equals the
    greedy list over every candidate: each rank takes the best score given the
    introducers used so far (ties by ``person_id``). The list ends after ``top``
    picks, or after the first pick ``stop(rank, person_id)`` is true for: either way a
    prefix of the full list. Returns
    ``(index, score, warmth part, load part, option index, options)``.
    """
    load: Counter[str] = Counter()
    opts: dict[int, list] = {}

    def best(j: int) -> tuple[float, float, float, int]:
        b = float(base[j])
        out = (b, 0.0, 0.0, -1)
        for i, (warm, intro, _) in enumerate(opts[j]):
            cw = w.warmth * warm
            cl = -w.load * load_penalty(load[intro])
            val = b + cw + cl
            if i == 0 or val > out[0]:
                out = (val, cw, cl, i)
        return out

    # candidates enter the heap in blocks, by descending bound (ties by person_id, which
    # is row order), a block once the heap's best falls to the bound of the next one out
    heap: list[tuple[float, str, int]] = []
    order = _BoundOrder(upper, 64 if top is None else max(64, 4 * top))
    chosen: list[tuple[int, float, float, float, int, list]] = []
    limit = len(pids) if top is None else min(top, len(pids))
    while len(chosen) < limit:
        while order.left and (not heap or -heap[0][0] <= order.next_bound):
            for j in order.take():
                heapq.heappush(heap, (-float(upper[j]), pids[j], j))
        if not heap:
            break
        neg, pid, j = heapq.heappop(heap)
        if j not in opts:
            opts[j] = options(j)
        val, cw, cl, i = best(j)
        if val < -neg:
            heapq.heappush(heap, (-val, pid, j))
            continue
        chosen.append((j, val, cw, cl, i, opts[j]))
        if i >= 0:
            load[opts[j][i][1]] += 1
        if stop is not None and stop(len(chosen), pid):
            break
    return chosen


def _scores(
    net: ReferralNetwork,
    seeker: str,
    weights: SuggestWeights | None = None,
    *,
    explore: bool = False,
    top: int | None = None,
    stop: Callable[[int, str], bool] | None = None,
) -> list[tuple[str, float]]:
    """Return the ranking of a seeker's candidates as ``(person_id, score)``, best first.

    What :func:`suggest` ranks with no goals, without building the table and reasons
    (for evaluations): every candidate, or a prefix of that list: the first ``top``,
    or down to the first pick ``stop(rank, person_id)`` is true for (the greedy list is
    built rank by rank, so a prefix is exact).
    """
    w = _weights(weights)
    if explore:
        w = replace(w, **EXPLORE)
    r = _rank(net, net.resolve(seeker), {}, w, top, stop)
    return [(cand.pid, score) for cand, score, *_ in r.ranked]


def _frame(net: ReferralNetwork, rows: list[dict]) -> pd.DataFrame:
    attrs = _Attrs(net)
    data: dict[str, list] = {c: [] for c in SUGGEST_COLUMNS}
    for row in rows:
        person = attrs[row["person_id"]]
        for col in SUGGEST_COLUMNS:
            if col in row:
                data[col].append(row[col])
            elif col == "introducer":
                intro = row["introducer_id"]
                data[col].append(str(attrs[intro]["name"]) if intro else "")
            elif col == "path":
                data[col].append(" → ".join(str(attrs[x]["name"]) for x in row["path_ids"]))
            else:
                value = person.get(col, "")
                data[col].append(pd.NA if col == "grad_year" and pd.isna(value) else value)
    columns: dict[str, object] = dict(data)
    columns["grad_year"] = pd.array(data["grad_year"], dtype="Int64")
    for col in ["score", *(f"signal_{s}" for s in SIGNALS)]:
        columns[col] = np.round(np.asarray(data[col], dtype=float), 4) + 0.0
    for col in ("rank", "hops", "common_contacts"):
        columns[col] = np.asarray(data[col], dtype=np.int64)
    return pd.DataFrame(columns, columns=SUGGEST_COLUMNS)


# ----------------------------------------------------------------- reasons
def _name(net: ReferralNetwork, pid: str) -> str:
    return str(_Attrs(net)[pid]["name"])


def _day(date: pd.Timestamp, today: pd.Timestamp) -> str:
    return f"{date.day} {date:%b}" if date.year == today.year else f"{date.day} {date:%b %Y}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _relation(view: SeekerView, seeker: str, other: str) -> str:
    """Describe how the seeker knows ``other`` ("your friend"), from the strongest evidence."""
    evidence = view.evidence(seeker, other)
    if not evidence:
        return ""
    ev = max(evidence, key=lambda e: (e["weight"], e["kind"]))
    if ev["source"] == "interview":
        return "whom you interviewed"
    if ev["source"] == "referral":
        return "who was named to you" if ev["kind"] == "referral" else ""
    return f"your {ev['kind']}"


#: A feature's contribution (log-odds over the average candidate's) that earns a reason.
REASON_MIN = 0.05
#: Features whose contributions together make the common-contacts reason.
_STRUCTURAL = ("common", "adamic_adar", "resource_allocation", "jaccard", "ra_share")
_SAME = {
    "same_organization": ("organization", "Same organization as you ({})"),
    "same_industry": ("industry", "Also works in {}"),
    "same_major": ("major", "Same major as you ({})"),
    "same_location": ("location", "Also in {}"),
}


def _feature_reasons(
    net: ReferralNetwork,
    seeker: str,
    c: str,
    features: np.ndarray | None,
    *,
    common: list[str],
    hops: int | None,
    path: tuple[str, ...],
) -> list[tuple[float, str]]:
    """Plain-words reasons from the fitted ranking's feature contributions.

    Returns ``(contribution, text)`` pairs: the common contacts (always said when
    there are some, as they explain the path), three steps away, and each
    attribute, seniority or connectedness feature that adds at least
    :data:`REASON_MIN` log-odds over the average candidate.
    """
    from netgraph._ranker import FEATURES

    part = dict(zip(FEATURES, features.tolist(), strict=True)) if features is not None else {}
    out: list[tuple[float, str]] = []
    if common:
        names = [_name(net, x) for x in common]
        weight = sum(part.get(f, 0.0) for f in _STRUCTURAL)
        if len(common) <= 2:
            out.append((weight, f"Knows {len(common)} of your contacts ({_and(names)})"))
        else:
            out.append((weight, f"Knows {len(common)} of your contacts"))
    elif hops == 3 and len(path) == 4:
        out.append(
            (
                part.get("local_path", 0.0),
                f"Three steps away, through {_name(net, path[1])} and {_name(net, path[2])}",
            )
        )
    if not part:
        return out
    attrs = _Attrs(net)
    me, them = attrs[seeker], attrs[c]
    for f, (col, text) in _SAME.items():
        if part[f] >= REASON_MIN:
            out.append((part[f], text.format(them.get(col, ""))))
    if part["same_grad_year"] >= REASON_MIN:
        year = them["grad_year"]
        out.append((part["same_grad_year"], f"Graduated the same year as you ({year})"))
    if part["near_grad_year"] >= REASON_MIN:
        gap = abs(int(them["grad_year"]) - int(me["grad_year"]))
        out.append((part["near_grad_year"], f"Graduated {gap} year{'s' * (gap > 1)} from you"))
    if part["shared_tags"] >= REASON_MIN:
        mine = {_fold(t) for t in (me.get("tags") or ())}
        shared = [str(t) for t in (them.get("tags") or ()) if _fold(t) in mine]
        if shared:
            out.append((part["shared_tags"], "Shares your interests: " + ", ".join(shared)))
    if part["seniority"] >= REASON_MIN:
        year = net.reference_date.year
        why = seniority_signal(attrs, seeker, [c], year=year)[c][1]
        if why:
            out.append((part["seniority"], why))
    n = int(net.csr.degree[net.csr.index[c]])
    if part["degree"] >= REASON_MIN and n >= 10:
        out.append((part["degree"], f"Well connected: knows {n} people"))
    return out


def _reasons(
    net: ReferralNetwork,
    view: SeekerView,
    seeker: str,
    c: str,
    *,
    pending: Pending | None,
    common: list[str],
    hops: int | None,
    goal: list[tuple[str, str]],
    explicit_goals: bool,
    novelty: tuple[float, str | None, bool],
    senior: str,
    intro: str,
    path: tuple[str, ...],
    passed_over: str,
    features: np.ndarray | None = None,
) -> list[str]:
    today = net.reference_date
    out: list[str] = []
    if pending is not None:
        who, when = _name(net, pending.referrer_id), _day(pending.date, today)
        if pending.status == "named":
            out.append(f"Named by {who} on {when}, not contacted yet")
        elif pending.status == "introduced":
            out.append(f"Introduced by {who} on {when}, no interview yet")
        else:
            out.append(f"Named by {who} on {when}, contacted, no interview yet")
        if pending.n_named > 1:
            out.append(f"Named to you {pending.n_named} times")
    if goal and explicit_goals:
        out.append("Fits your goals: " + ", ".join(f"{v} ({k})" for k, v in goal))
    elif goal:
        out.append(f"Works in {goal[0][1]}, where you have been asking")
    found = _feature_reasons(net, seeker, c, features, common=common, hops=hops, path=path)
    if senior and not any(text == senior for _, text in found):
        found.append((-math.inf, senior))
    out += [text for _, text in sorted(found, key=lambda t: -t[0])]
    _, new_ind, new_comm = novelty
    if new_ind:
        out.append(f"Opens {new_ind}, an industry you don't reach yet")
    if new_comm:
        out.append("In a circle none of your contacts belongs to")
    if intro and pending is None:
        rel = _relation(view, seeker, intro)
        ask = f"Ask {_name(net, intro)}" + (f" ({rel})" if rel else "")
        if passed_over:
            ask += f", since {_name(net, passed_over)} already introduces someone above"
        out.append(ask)
    return out
