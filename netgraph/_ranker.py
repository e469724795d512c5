"""The suggestion ranking fitted to the network it runs on (supervised link prediction).

:func:`fitted_ranker` learns, from the network itself, how much each signal of a
candidate introduction predicts a tie: it hides a seeded sample of the existing ties,
takes the people who lost one as seekers, scores every person two or three hops away
from each of them in the remaining graph, and fits a logistic regression
(scikit-learn) that tells the hidden ties (positives) from the other candidates
(negatives), the protocol of supervised link prediction (Lichtenwalter, Lussier and
Chawla 2010; Backstrom and Leskovec 2011). The fit is seeded, shown with a progress
bar, and kept on the network (a network is immutable), so it is paid once.

**Features** of a seeker ``s`` and a candidate ``c`` (:data:`FEATURES`), in the graph
the ranking sees (degrees and paths of the seeker's view):

====================  ==============================================================
common                number of common contacts, ``log(1 + n)``
adamic_adar           ``log(1 + Σ 1 / ln deg z)`` over common contacts ``z``
resource_allocation   ``log(1 + 10 Σ 1 / deg z)``
jaccard               common contacts over the union of both contact lists
ra_share              resource allocation over the seeker's best candidate's
local_path            ``log(1 + Σ 1 / (ln deg a · ln deg b))`` over paths s-a-b-c
warmth                largest product of tie strengths over paths of 2 or 3 steps
degree                ``log(1 + deg c)``
three_steps           1 when ``c`` is three steps away
same_organization,    1 when both have the attribute and it is equal (folded text)
same_industry,
same_major,
same_location
same_grad_year        1 when both graduation years are given and equal
near_grad_year        1 when they differ by one or two years
shared_tags           number of tags in common, ``log(1 + n)``
seniority             the seniority fit of :func:`netgraph.suggest.seniority_signal`
====================  ==============================================================

Features are standardised over the training rows before the fit, so each weight says
how many log-odds one standard deviation of that feature is worth. A feature that does
not vary in the training rows (an attribute the data lacks) gets weight 0.

**Small networks.** With fewer than :data:`MIN_TIES` ties, or fewer than
:data:`MIN_POSITIVES` hidden ties that are candidates at all (after up to
:data:`MAX_ROUNDS` rounds of hiding), the fit would learn noise; the :data:`PRIOR`
weights are used instead and the model says so (``source == "prior"``).

References
----------
.. [1] Lichtenwalter, R. N., Lussier, J. T., and Chawla, N. V. (2010). New perspectives
   and methods in link prediction. KDD '10, 243-252.
.. [2] Backstrom, L., and Leskovec, J. (2011). Supervised random walks: predicting and
   recommending links in social networks. WSDM '11, 635-644.
.. [3] Zhou, T., Lü, L., and Zhang, Y.-C. (2009). Predicting missing links via local
   information. European Physical Journal B 71, 623-630.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from netgraph.errors import NetgraphError
from netgraph.network import ReferralNetwork

__all__ = [
    "FEATURES",
    "MIN_POSITIVES",
    "PRIOR",
    "RankerModel",
    "candidate_features",
    "fitted_ranker",
    "set_ranker",
]

FEATURES = (
    "common",
    "adamic_adar",
    "resource_allocation",
    "jaccard",
    "ra_share",
    "local_path",
    "warmth",
    "degree",
    "three_steps",
    "same_organization",
    "same_industry",
    "same_major",
    "same_location",
    "same_grad_year",
    "near_grad_year",
    "shared_tags",
    "seniority",
)
_ATTRS = ("organization", "industry", "major", "location")

#: Share of ties hidden per round of the fit.
HIDE_SHARE = 0.1
#: Seekers (people who lost a hidden tie) sampled per round, at most.
FIT_SEEKERS = 600
#: Negatives (candidates not hidden ties) sampled per seeker, at most.
NEGATIVES_PER_SEEKER = 100
#: Below this many positives the documented prior is used instead of a fit.
MIN_POSITIVES = 30
#: Below this many ties in the shared tie graph the documented prior is used.
MIN_TIES = 100
#: Rounds of hiding, at most (small networks need several to collect positives).
MAX_ROUNDS = 10
#: Positives wanted: hiding repeats (with new seeds) until this many are collected.
TARGET_POSITIVES = 3000
#: Inverse regularisation strength of the logistic regression.
C = 1.0

#: Weights used when the network is too small to fit (per unit of the raw feature).
PRIOR: dict[str, float] = {
    "resource_allocation": 2.0,
    "adamic_adar": 1.0,
    "local_path": 0.1,
    "warmth": 0.5,
    "three_steps": -1.0,
    "same_organization": 0.3,
    "same_industry": 0.3,
    "same_major": 0.2,
    "same_location": 0.1,
    "same_grad_year": 0.2,
    "near_grad_year": 0.1,
    "shared_tags": 0.2,
    "seniority": 0.3,
}


# ------------------------------------------------------------------ model
@dataclass(frozen=True)
class RankerModel:
    """Fitted weights of the suggestion ranking, as plain data (see the module docstring).

    ``score(X) = ((X - mean) / scale) @ coef + intercept``, a log-odds. Save it with
    :meth:`to_dict` (plain lists and numbers) and restore it with :meth:`from_dict`.

    Attributes
    ----------
    features
        Feature names, in column order (:data:`FEATURES`).
    mean, scale
        Standardisation of each feature (training rows' mean and standard deviation).
    coef
        Weight of each standardised feature.
    intercept
        The intercept.
    source
        ``"fitted"`` or ``"prior"`` (too few hidden ties to learn from).
    positives, negatives
        Training rows of each class (0 for the prior).
    seed
        The seed of the fit.
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    source: str
    positives: int = 0
    negatives: int = 0
    seed: int = 0

    def score(self, x: np.ndarray) -> np.ndarray:
        """Return the log-odds of each row of the feature matrix ``x``."""
        return self.contributions(x).sum(axis=1) + self.intercept

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Return each feature's part of each row's score (relative to the mean row)."""
        x = np.asarray(x, dtype=float).reshape(-1, len(self.features))
        return (x - np.asarray(self.mean)) / np.asarray(self.scale) * np.asarray(self.coef)

    @property
    def weights(self) -> dict[str, float]:
        """``{feature: weight per standard deviation}``."""
        return dict(zip(self.features, self.coef, strict=True))

    def to_dict(self) -> dict:
        """Return the model as a dict of plain lists and numbers (JSON-ready)."""
        out = asdict(self)
        for k in ("features", "mean", "scale", "coef"):
            out[k] = list(out[k])
        return out

    @classmethod
    def from_dict(cls, data: Mapping) -> RankerModel:
        """Rebuild a model saved with :meth:`to_dict`.

        Raises
        ------
        NetgraphError
            When the features are not :data:`FEATURES` (a model of another version).
        """
        if tuple(data.get("features", ())) != FEATURES:
            raise NetgraphError("the saved ranking model has other features; refit it")
        kw = {k: data[k] for k in ("mean", "scale", "coef")}
        return cls(
            features=FEATURES,
            **{k: tuple(float(v) for v in kw[k]) for k in kw},
            intercept=float(data["intercept"]),
            source=str(data["source"]),
            positives=int(data.get("positives", 0)),
            negatives=int(data.get("negatives", 0)),
            seed=int(data.get("seed", 0)),
        )

    @classmethod
    def prior(cls) -> RankerModel:
        """Return the documented prior (:data:`PRIOR`): raw features, no standardisation."""
        n = len(FEATURES)
        return cls(
            features=FEATURES,
            mean=(0.0,) * n,
            scale=(1.0,) * n,
            coef=tuple(PRIOR.get(f, 0.0) for f in FEATURES),
            intercept=-3.0,
            source="prior",
        )


# ---------------------------------------------------------- the graph side
class _Graph(NamedTuple):
    """Symmetric CSR arrays: neighbours of ``i`` are ``indices[indptr[i]:indptr[i+1]]``."""

    indptr: np.ndarray
    indices: np.ndarray
    strength: np.ndarray
    degree: np.ndarray


def _build(n: int, u: np.ndarray, v: np.ndarray, strength: np.ndarray) -> _Graph:
    """Symmetric CSR arrays of ``n`` rows from undirected edges (``u < v``, no repeats)."""
    row = np.concatenate([u, v])
    col = np.concatenate([v, u])
    order = np.argsort(row * max(n, 1) + col, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n), out=indptr[1:])
    both = np.concatenate([strength, strength])
    return _Graph(indptr, col[order].astype(np.int64), both[order], np.diff(indptr))


_TIES: weakref.WeakKeyDictionary[ReferralNetwork, tuple] = weakref.WeakKeyDictionary()


def _tie_edges(net: ReferralNetwork) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the shared tie graph's edges: ``(u, v, strength)``, ``u < v``, sorted.

    Only ``ties.csv`` (what every seeker may see): repeated ties combine by noisy-OR,
    as in :mod:`netgraph.network`; the order of the table's rows does not matter.
    """
    got = _TIES.get(net)
    if got is not None:
        return got
    from netgraph._memo import memo

    got = _TIES[net] = memo(net, "ranker.tie_edges", lambda: _make_tie_edges(net))
    return got


def _make_tie_edges(net: ReferralNetwork) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ev = net._evidence_codes
    t = len(net.ties)  # the evidence lists the ties first
    u, v, w = ev["u"][:t], ev["v"][:t], np.minimum(ev["weight"][:t], 1.0)
    ok = u != v
    u, v, w = u[ok], v[ok], w[ok]
    n = max(len(net.csr), 1)
    key = u.astype(np.int64) * n + v
    order = np.lexsort((w, key))
    key, w = key[order], w[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    starts = np.flatnonzero(first)
    miss = np.multiply.reduceat(1.0 - w, starts) if len(starts) else np.zeros(0)
    uk = key[starts]
    return (uk // n, uk % n, 1.0 - miss)


def _tie_graph(net: ReferralNetwork, keep: np.ndarray | None = None) -> _Graph:
    """Return the shared tie graph as CSR arrays (only the edges where ``keep`` is true)."""
    u, v, w = _tie_edges(net)
    if keep is not None:
        u, v, w = u[keep], v[keep], w[keep]
    return _build(len(net.csr), u, v, w)


def _expand(g: _Graph, frontier: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions in ``frontier`` and CSR slots of every edge leaving it."""
    starts = g.indptr[frontier]
    lens = g.indptr[frontier + 1] - starts
    src = np.repeat(np.arange(len(frontier)), lens)
    slots = np.arange(int(lens.sum())) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
    return src, slots


class _People:
    """Per-network attribute codes aligned with the CSR rows (person_id order)."""

    def __init__(self, net: ReferralNetwork) -> None:
        from netgraph.suggest import _LEVELS, _fold

        ids = net.csr.ids
        people = net.people.reindex(pd.Index(ids))
        self.codes: dict[str, np.ndarray] = {}
        for col in _ATTRS:
            if col not in people.columns:
                self.codes[col] = np.full(len(ids), -1, dtype=np.int64)
                continue
            folded = people[col].map(_fold)
            codes, _ = pd.factorize(folded.where(folded.ne(""), None))
            self.codes[col] = codes.astype(np.int64)
        grad = people["grad_year"] if "grad_year" in people.columns else pd.Series(pd.NA)
        self.grad = pd.to_numeric(grad, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        if len(self.grad) != len(ids):
            self.grad = np.full(len(ids), np.nan)
        year = net.reference_date.year
        sen = people.get("seniority", pd.Series("", index=people.index)).fillna("")
        role = people.get("role", pd.Series("", index=people.index)).fillna("")
        level = sen.map(_LEVELS).to_numpy(dtype=float, na_value=np.nan).copy()
        student = role.eq("student").to_numpy() & np.isnan(level)
        level[student] = 0
        gap = np.isnan(level) & ~np.isnan(self.grad)
        level[gap] = np.where(self.grad[gap] > year, 0, np.where(year - self.grad[gap] <= 3, 1, 2))
        self.level = level
        self.year = year
        tags = people["tags"] if "tags" in people.columns else pd.Series([()] * len(ids))
        lists = [tuple(t) if isinstance(t, tuple) else () for t in tags.tolist()]
        flat = [_fold(t) for ts in lists for t in ts]
        codes, _ = pd.factorize(pd.Series(flat, dtype=object)) if flat else (np.zeros(0), None)
        self.tag_ptr = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum([len(ts) for ts in lists], out=self.tag_ptr[1:])
        self.tag_codes = np.asarray(codes, dtype=np.int64)

    def tags_of(self, i: int) -> np.ndarray:
        return self.tag_codes[self.tag_ptr[i] : self.tag_ptr[i + 1]]


_PEOPLE: weakref.WeakKeyDictionary[ReferralNetwork, _People] = weakref.WeakKeyDictionary()


def _people(net: ReferralNetwork) -> _People:
    p = _PEOPLE.get(net)
    if p is None:
        from netgraph._memo import memo

        # its arrays are kept per network and in the snapshot (netgraph.cache)
        state = memo(net, "ranker.people", lambda: dict(vars(_People(net))))
        p = _People.__new__(_People)
        p.__dict__.update(state)
        _PEOPLE[net] = p
    return p


def seniority_values(people: _People, s: int, cand: np.ndarray) -> np.ndarray:
    """Vectorised value of :func:`netgraph.suggest.seniority_signal` (no reasons)."""
    mine = people.level[s]
    lvl = people.level[cand]
    value = np.zeros(len(cand))
    if not np.isnan(mine):
        gap = lvl - mine
        table = np.where(gap < 0, 0.2, 0.4)
        for g, v in ((1, 1.0), (2, 0.8), (3, 0.6), (0, 0.4), (4, 0.4)):
            table = np.where(gap == g, v, table)
        value = np.where(np.isnan(lvl), 0.0, table)
        if mine <= 1:
            y = people.year - people.grad[cand]
            gv = np.select(
                [(y >= 1) & (y <= 5), y == 0, (y >= 6) & (y <= 10), y > 10],
                [1.0, 0.8, 0.6, 0.4],
                0.2,
            )
            gv = np.where(np.isnan(y), 0.0, gv)
            value = np.maximum(value, gv)
    return value


def _attribute_features(people: _People, s: int, cand: np.ndarray) -> dict[str, np.ndarray]:
    out = {}
    for col in _ATTRS:
        code = people.codes[col]
        out[f"same_{col}"] = ((code[cand] == code[s]) & (code[s] >= 0)).astype(float)
    gy = people.grad[cand] - people.grad[s]
    with np.errstate(invalid="ignore"):
        out["same_grad_year"] = (gy == 0).astype(float)
        out["near_grad_year"] = ((np.abs(gy) >= 1) & (np.abs(gy) <= 2)).astype(float)
    mine = people.tags_of(s)
    if len(mine) and len(people.tag_codes):
        starts, ends = people.tag_ptr[cand], people.tag_ptr[cand + 1]
        lens = ends - starts
        idx = np.arange(int(lens.sum())) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
        hit = np.isin(people.tag_codes[idx], mine).astype(float)
        shared = np.bincount(
            np.repeat(np.arange(len(cand)), lens), weights=hit, minlength=len(cand)
        )
        out["shared_tags"] = np.log1p(shared)
    else:
        out["shared_tags"] = np.zeros(len(cand))
    out["seniority"] = seniority_values(people, s, cand)
    return out


def _group(values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` for rows in ``range(n)``.

    A boolean mark over the ``n`` rows instead of a sort when ``values`` is not much
    shorter than ``n`` (the walks of a seeker's neighbourhood): linear, not n log n.
    """
    if 16 * len(values) < n:
        return np.unique(values, return_inverse=True)
    mark = np.zeros(n, dtype=bool)
    mark[values] = True
    uniq = np.flatnonzero(mark)
    pos = np.empty(n, dtype=np.int64)
    pos[uniq] = np.arange(len(uniq))
    return uniq, pos[values]


def _log_degree(deg: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``log(max(degree, 2))`` of ``rows`` (Adamic-Adar's weight; computed for these rows only)."""
    return np.log(np.maximum(deg[rows], 2).astype(float))


def _lookup(keys: np.ndarray, rows: np.ndarray, *values: np.ndarray):
    """``(rows in keys, [v[row] or 0 for each v])`` for sorted unique ``keys``."""
    if not len(keys):
        return np.zeros(len(rows), dtype=bool), [np.zeros(len(rows)) for _ in values]
    pos = np.minimum(np.searchsorted(keys, rows), len(keys) - 1)
    found = keys[pos] == rows
    return found, [np.where(found, v[pos], 0.0) for v in values]


def _two_steps(g: _Graph, s: int):
    """``s``'s contacts and tie strengths, and every step from a contact to someone else.

    Returns ``(contacts, w1, src, slots, b)``: for each step, the position of its contact
    in ``contacts`` (``src``), its CSR slot and the person reached (``b != s``).
    """
    contacts = g.indices[g.indptr[s] : g.indptr[s + 1]]
    w1 = g.strength[g.indptr[s] : g.indptr[s + 1]]
    src, slots = _expand(g, contacts)
    b = g.indices[slots]
    keep = b != s
    return contacts, w1, src[keep], slots[keep], b[keep]


def candidate_paths(
    g: _Graph, s: int, *, exclude: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Return the candidates two or three steps from ``s``, their hops and path counts.

    ``(rows ascending, hops, raw)`` with ``raw`` the untransformed ``common``,
    ``adamic_adar``, ``resource_allocation``, ``local_path`` and ``warmth``.
    """
    n = len(g.degree)
    deg = g.degree
    contacts, w1, src, slots, b = _two_steps(g, s)
    a = contacts[src]
    p2 = w1[src] * g.strength[slots]
    # every b two steps away (contacts included) with its AA weight and warmest 2-path
    ub, inv = _group(b, len(g.degree))
    x_aa = np.bincount(inv, weights=1.0 / _log_degree(deg, a), minlength=len(ub))
    warm2 = np.zeros(len(ub))
    np.maximum.at(warm2, inv, p2)
    common = np.bincount(inv, minlength=len(ub)).astype(float)
    ra = np.bincount(inv, weights=1.0 / deg[a], minlength=len(ub))
    # three-step paths s-a-b-c
    src3, slots3 = _expand(g, ub)
    c3 = g.indices[slots3]
    k3 = c3 != s
    src3, c3 = src3[k3], c3[k3]
    uc, inv3 = _group(c3, n)
    lp = np.bincount(inv3, weights=(x_aa / _log_degree(deg, ub))[src3], minlength=len(uc))
    warm3 = np.zeros(len(uc))
    np.maximum.at(warm3, inv3, warm2[src3] * g.strength[slots3][k3])
    # candidates: within three steps, not the seeker, not a contact, not excluded
    mark = np.zeros(n, dtype=bool)
    mark[ub] = True
    mark[uc] = True
    mark[s] = False
    mark[contacts] = False
    if exclude is not None and len(exclude):
        mark[exclude] = False
    rows = np.flatnonzero(mark)
    two, (cn, aa, r_a, w2) = _lookup(ub, rows, common, x_aa, ra, warm2)
    _, (lp_c, w3) = _lookup(uc, rows, lp, warm3)
    hops = np.where(two, 2, 3)
    raw = {
        "common": cn,
        "adamic_adar": aa,
        "resource_allocation": r_a,
        "local_path": lp_c,
        "warmth": np.maximum(w2, w3),
    }
    return rows, hops, raw


def candidate_features(
    g: _Graph, people: _People, s: int, *, exclude: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the candidates two or three steps from ``s``, their hops and features.

    Parameters
    ----------
    g
        The graph (CSR arrays).
    people
        Attribute codes of the same rows.
    s
        The seeker's row.
    exclude
        Rows that are never candidates (besides ``s`` and its contacts).

    Returns
    -------
    tuple
        ``(rows ascending, hops (2 or 3), features (len(rows) x len(FEATURES)))``.
    """
    rows, hops, raw = candidate_paths(g, s, exclude=exclude)
    x = feature_matrix(
        people,
        s,
        rows,
        **raw,
        degree=g.degree[rows].astype(float),
        seeker_degree=int(g.degree[s]),
        three_steps=hops == 3,
    )
    return rows, hops, x


def feature_matrix(
    people: _People,
    s: int,
    rows: np.ndarray,
    *,
    common: np.ndarray,
    adamic_adar: np.ndarray,
    resource_allocation: np.ndarray,
    local_path: np.ndarray,
    warmth: np.ndarray,
    degree: np.ndarray,
    seeker_degree: int,
    three_steps: np.ndarray,
    best_ra: float | None = None,
) -> np.ndarray:
    """Return the :data:`FEATURES` matrix from the raw path counts (module docstring).

    ``common``, ``adamic_adar`` and ``resource_allocation`` are the raw indices,
    ``local_path`` the weighted count of three-step paths, ``warmth`` the warmest
    path, ``degree`` the candidates' degrees; the transforms are applied here.
    ``best_ra`` is the seeker's best resource allocation (default: over ``rows``).
    """
    cn = np.asarray(common, dtype=float)
    ra = np.asarray(resource_allocation, dtype=float)
    if best_ra is None:
        best_ra = ra.max(initial=0.0)
    feats = {
        "common": np.log1p(cn),
        "adamic_adar": np.log1p(np.asarray(adamic_adar, dtype=float)),
        "resource_allocation": np.log1p(10.0 * ra),
        "jaccard": cn / np.maximum(seeker_degree + np.asarray(degree) - cn, 1),
        "ra_share": ra / best_ra if best_ra > 0 else np.zeros(len(rows)),
        "local_path": np.log1p(np.asarray(local_path, dtype=float)),
        "warmth": np.asarray(warmth, dtype=float),
        "degree": np.log1p(np.asarray(degree, dtype=float)),
        "three_steps": np.asarray(three_steps, dtype=float),
        **_attribute_features(people, s, np.asarray(rows, dtype=np.int64)),
    }
    if not len(rows):
        return np.zeros((0, len(FEATURES)))
    return np.column_stack([feats[f] for f in FEATURES])


# ------------------------------------------------------------------- fit
_MODELS: weakref.WeakKeyDictionary[ReferralNetwork, RankerModel] = weakref.WeakKeyDictionary()


def set_ranker(net: ReferralNetwork, model: RankerModel) -> None:
    """Keep ``model`` as the network's ranking (e.g. one restored from a saved snapshot)."""
    _MODELS[net] = model


def fitted_ranker(
    net: ReferralNetwork, *, seed: int = 0, progress: bool | None = None
) -> RankerModel:
    """Return the ranking fitted to ``net`` (fitted on first use, then kept on the network).

    See the module docstring for the protocol, the features and the prior used for
    small networks.

    Parameters
    ----------
    net
        The network.
    seed
        Seed of the hidden ties, seekers and negatives sampled.
    progress
        Show a progress bar (``None``: as :func:`netgraph._progress.progress_enabled`).

    Returns
    -------
    RankerModel

    Examples
    --------
    >>> import netgraph as ng
    >>> model = fitted_ranker(ng.load())
    >>> model.source, len(model.coef) == len(FEATURES)
    ('fitted', True)
    """
    model = _MODELS.get(net)
    if model is not None and model.seed == seed:
        return model
    from netgraph._memo import memo

    # kept per network and in its snapshot (netgraph.cache), as plain data
    data = memo(
        net, f"ranker.model.seed={seed}", lambda: _fit(net, seed=seed, progress=progress).to_dict()
    )
    model = RankerModel.from_dict(data)
    _MODELS[net] = model
    return model


def _training_rows(
    net: ReferralNetwork, seed: int, progress: bool | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and seeker group of the training rows (module docstring)."""
    from netgraph._progress import progress as bar

    people = _people(net)
    eu, ev, _ = _tie_edges(net)
    m = len(eu)
    rng = np.random.default_rng(seed)
    xs, ys, gs = [], [], []
    n_pos = 0
    group = 0
    rounds = MAX_ROUNDS if m else 0
    with bar(total=rounds, desc="fitting the ranking", unit="rounds", progress=progress) as pb:
        for _ in range(rounds):
            pb.update()
            hidden = np.zeros(m, dtype=bool)
            size = max(1, round(HIDE_SHARE * m))
            hidden[rng.choice(m, size=size, replace=False)] = True
            g = _tie_graph(net, ~hidden)
            # the hidden edges, by endpoint (sorted by endpoint)
            ends = np.concatenate([eu[hidden], ev[hidden]])
            others = np.concatenate([ev[hidden], eu[hidden]])
            order = np.argsort(ends, kind="stable")
            rows, other = ends[order], others[order]
            lost = np.unique(rows)
            if len(lost) > FIT_SEEKERS:
                lost = np.sort(rng.choice(lost, size=FIT_SEEKERS, replace=False))
            for s in lost.tolist():
                targets = other[slice(*np.searchsorted(rows, [s, s + 1]))]
                sampled = _sampled_rows(g, people, s, targets, rng)
                if sampled is not None:
                    x, y = sampled
                    if not len(y):
                        continue
                else:
                    cand, hops, raw = candidate_paths(g, s)
                    if not len(cand):
                        continue
                    y = np.isin(cand, targets)
                    neg = np.flatnonzero(~y)
                    if len(neg) > NEGATIVES_PER_SEEKER:
                        neg = rng.choice(neg, size=NEGATIVES_PER_SEEKER, replace=False)
                    pick = np.concatenate([np.flatnonzero(y), neg])
                    # features of the picked rows only (ra_share: over every candidate)
                    best = float(raw["resource_allocation"].max(initial=0.0))
                    x = feature_matrix(
                        people,
                        s,
                        cand[pick],
                        **{k: v[pick] for k, v in raw.items()},
                        degree=g.degree[cand[pick]].astype(float),
                        seeker_degree=int(g.degree[s]),
                        three_steps=hops[pick] == 3,
                        best_ra=best,
                    )
                    y = y[pick]
                xs.append(x)
                ys.append(y)
                gs.append(np.full(len(y), group))
                group += 1
                n_pos += int(y.sum())
            if n_pos >= TARGET_POSITIVES:
                break
    if not xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=bool), np.zeros(0, dtype=int)
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(gs)


#: Above this many three-step path ends, a training seeker's candidates are sampled
#: (:func:`_sampled_rows`) instead of enumerated.
WALK_LIMIT = 200_000


def _sampled_rows(
    g: _Graph, people: _People, s: int, targets: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray] | None:
    """Training rows of one seeker without walking every three-step path, or ``None``.

    When the seeker's three-step paths number at most :data:`WALK_LIMIT`, returns
    ``None`` (the caller enumerates every candidate). Otherwise: every two-step
    candidate is known exactly; three-step ones are drawn by a step from a random
    two-step person; the positives (hidden ties among the candidates) and up to
    :data:`NEGATIVES_PER_SEEKER` negatives, half two steps away and half three, get
    their exact features (local paths and warmth summed over each one's own
    neighbours).
    """
    deg = g.degree
    contacts, w1, src, slots, b = _two_steps(g, s)
    ub, inv = _group(b, len(g.degree))
    if int(deg[ub].sum()) <= WALK_LIMIT:
        return None
    a = contacts[src]
    p2 = w1[src] * g.strength[slots]
    x_aa = np.bincount(inv, weights=1.0 / _log_degree(deg, a), minlength=len(ub))
    warm2 = np.zeros(len(ub))
    np.maximum.at(warm2, inv, p2)
    common = np.bincount(inv, minlength=len(ub)).astype(float)
    ra = np.bincount(inv, weights=1.0 / deg[a], minlength=len(ub))
    bad = np.zeros(len(deg), dtype=bool)
    bad[s] = True
    bad[contacts] = True
    two = ub[~bad[ub]]
    # three steps away: a neighbour of a random two-step person, not two steps away
    starts = rng.choice(ub, size=min(len(ub), 4 * NEGATIVES_PER_SEEKER))
    lo, hi = g.indptr[starts], g.indptr[starts + 1]
    has = hi > lo
    steps = g.indices[lo[has] + (rng.random(int(has.sum())) * (hi - lo)[has]).astype(np.int64)]
    three = np.unique(steps[~bad[steps] & ~np.isin(steps, ub)])
    half = NEGATIVES_PER_SEEKER // 2
    pos = np.unique(targets[~bad[targets]])
    neg2 = np.setdiff1d(two, pos)
    neg3 = np.setdiff1d(three, pos)
    neg2 = rng.choice(neg2, size=min(half, len(neg2)), replace=False) if len(neg2) else neg2
    neg3 = rng.choice(neg3, size=min(half, len(neg3)), replace=False) if len(neg3) else neg3
    rows = np.concatenate([pos, neg2, neg3]).astype(np.int64)
    is_pos = np.zeros(len(rows), dtype=bool)
    is_pos[: len(pos)] = True
    # exact local paths and warmth of the chosen rows, from their own neighbours
    src3, slots3 = _expand(g, rows)
    nb = g.indices[slots3]
    inb, (xb, wb) = _lookup(ub, nb, x_aa / _log_degree(deg, ub), warm2)
    lp = np.bincount(src3, weights=xb, minlength=len(rows))
    warm3 = np.zeros(len(rows))
    np.maximum.at(warm3, src3, np.where(inb, wb * g.strength[slots3], 0.0))
    in2, (cn, aa, r_a, w2) = _lookup(ub, rows, common, x_aa, ra, warm2)
    reach = in2 | (lp > 0)
    rows, is_pos, in2 = rows[reach], is_pos[reach], in2[reach]
    x = feature_matrix(
        people,
        s,
        rows,
        common=cn[reach],
        adamic_adar=aa[reach],
        resource_allocation=r_a[reach],
        local_path=lp[reach],
        warmth=np.maximum(w2[reach], warm3[reach]),
        degree=deg[rows].astype(float),
        seeker_degree=len(contacts),
        three_steps=~in2,
        best_ra=float(ra[~bad[ub]].max(initial=0.0)),
    )
    return x, is_pos


def _fit(net: ReferralNetwork, *, seed: int, progress: bool | None) -> RankerModel:
    if len(_tie_edges(net)[0]) < MIN_TIES:
        return RankerModel.prior()
    x, y, _ = _training_rows(net, seed, progress)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos < MIN_POSITIVES or n_neg < MIN_POSITIVES:
        return RankerModel.prior()
    from sklearn.linear_model import LogisticRegression  # heavy: only when fitting

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    flat = scale < 1e-12
    scale[flat] = 1.0
    z = (x - mean) / scale
    z[:, flat] = 0.0
    clf = LogisticRegression(C=C, class_weight="balanced", solver="newton-cholesky", max_iter=200)
    clf.fit(z, y)
    coef = clf.coef_[0].copy()
    coef[flat] = 0.0
    return RankerModel(
        features=FEATURES,
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in coef),
        # classes were weighted equally: shift back to the sampled share of positives
        intercept=float(clf.intercept_[0] + math.log(n_pos / n_neg)),
        source="fitted",
        positives=n_pos,
        negatives=n_neg,
        seed=seed,
    )


def rank_rows(net: ReferralNetwork, seeker: str, model: RankerModel | None = None) -> list[str]:
    """Return a seeker's candidates ranked by the model alone (for evaluations)."""
    model = model or fitted_ranker(net)
    g = _tie_graph(net)
    s = net.csr.index[seeker]
    rows, _, x = candidate_features(g, _people(net), s)
    score = model.score(x)
    order = np.lexsort((rows, -score))
    return net.csr.ids[rows[order]].tolist()


# ------------------------------------------------------- a seeker's view, vectorised
class _Public(NamedTuple):
    """Per network: the edges every seeker sees."""

    graph: _Graph  # slots with a visible-to-all strength > 0 (ties; evidence-only edges out)


_PUBLIC: weakref.WeakKeyDictionary[ReferralNetwork, _Public] = weakref.WeakKeyDictionary()


def _public(net: ReferralNetwork) -> _Public:
    """Edges as any seeker sees them when neither end is the seeker (module docstring).

    An edge whose evidence is ties only is seen with its strength; one with other
    evidence (an interview, a referral) is seen with the strength of its ties alone
    (:class:`netgraph.suggest.SeekerView`), or not at all when it has none.
    """
    got = _PUBLIC.get(net)
    if got is not None:
        return got
    from netgraph._memo import memo

    arrays = memo(net, "ranker.public", lambda: _make_public(net))  # kept in the snapshot
    got = _Public(_Graph(arrays["indptr"], arrays["indices"], arrays["strength"],
                         np.diff(arrays["indptr"])))  # fmt: skip
    _PUBLIC[net] = got
    return got


def _make_public(net: ReferralNetwork) -> dict[str, np.ndarray]:
    from netgraph.suggest import _evidence_index

    csr = net.csr
    n = max(len(csr), 1)
    mixed = _evidence_index(net).mixed[csr.edge] if len(csr.edge) else np.zeros(0, bool)
    rows = np.repeat(np.arange(len(csr), dtype=np.int64), np.diff(csr.indptr))
    cols = csr.indices.astype(np.int64)
    strength = csr.strength.astype(float).copy()
    if mixed.any():
        tu, tv, tw = _tie_edges(net)
        tkey = tu * n + tv
        lo, hi = np.minimum(rows, cols)[mixed], np.maximum(rows, cols)[mixed]
        key = lo * n + hi
        pos = np.minimum(np.searchsorted(tkey, key), max(len(tkey) - 1, 0))
        found = (tkey[pos] == key) if len(tkey) else np.zeros(len(key), dtype=bool)
        strength[mixed] = np.where(found, tw[pos] if len(tkey) else 0.0, 0.0)
    keep = strength > 0
    indptr = np.zeros(len(csr) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows[keep], minlength=len(csr)), out=indptr[1:])
    return {"indptr": indptr, "indices": cols[keep], "strength": strength[keep]}


class SeekerWalk:
    """Every path of two and three steps from a seeker, in the seeker's view, as arrays.

    The same view as :class:`netgraph.suggest.SeekerView` (ties seen by everyone, the
    seeker's own edges whole, referrals made to the seeker), computed from the
    per-network public graph plus the seeker's own edges, so the work is numpy over
    the seeker's three-hop neighbourhood.
    """

    def __init__(self, net: ReferralNetwork, seeker: str, own_pairs=()) -> None:
        from netgraph.suggest import SeekerView

        csr = net.csr
        pub = _public(net)
        g = pub.graph
        self.net, self.csr, self.g = net, csr, g
        n = len(csr)
        self.n = n
        s = self.s = csr.index[seeker]
        self.view = SeekerView(net, seeker)
        lo, hi = int(csr.indptr[s]), int(csr.indptr[s + 1])
        self.contacts = csr.indices[lo:hi].astype(np.int64)
        self.w1 = csr.strength[lo:hi].astype(float)
        deg = g.degree
        # a contact whose edge to the seeker is not public counts the seeker too
        plo, phi = int(g.indptr[s]), int(g.indptr[s + 1])
        public_contacts = g.indices[plo:phi]
        extra_deg = self.contacts[~np.isin(self.contacts, public_contacts)]
        # edges between two others that the seeker's own referrals make visible
        ex_u, ex_v, ex_w, over = [], [], [], {}
        for a, b in own_pairs:
            if a == seeker or b == seeker:
                continue
            ia, ib = csr.index[a], csr.index[b]
            q = self.view.adj(a).get(b)
            if q is None:
                continue
            gl, gh = int(g.indptr[ia]), int(g.indptr[ia + 1])
            k = np.searchsorted(g.indices[gl:gh], ib)
            if k < gh - gl and g.indices[gl + k] == ib:
                if g.strength[gl + k] != q:
                    over[ia * n + ib] = q
                    over[ib * n + ia] = q
            elif ia * n + ib not in over:
                over[ia * n + ib] = over[ib * n + ia] = q
                ex_u += [ia, ib]
                ex_v += [ib, ia]
                ex_w += [q, q]
        self.ex_u = np.array(ex_u, dtype=np.int64)
        self.ex_v = np.array(ex_v, dtype=np.int64)
        self.ex_w = np.array(ex_w, dtype=float)
        self.over = over
        if len(extra_deg) or len(ex_u):
            deg = deg.copy()
            np.add.at(deg, extra_deg, 1)
            np.add.at(deg, self.ex_u, 1)
        deg = deg.copy() if deg is g.degree else deg
        deg[s] = len(self.contacts)
        self.deg = deg
        self._walk()

    def neighbours(self, frontier: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(position in frontier, neighbour, strength)`` of every visible edge leaving it."""
        g = self.g
        src, slots = _expand(g, frontier)
        nb, w = g.indices[slots], g.strength[slots]
        if self.over:
            n = self.n
            keys = frontier[src] * n + nb
            hit = np.flatnonzero(np.isin(keys, np.fromiter(self.over, dtype=np.int64)))
            if len(hit):
                w = w.copy()
                w[hit] = [self.over[k] for k in keys[hit].tolist()]
        if len(self.ex_u) and len(frontier):
            # frontiers are sorted (a CSR row, np.unique output or one person)
            pos = np.minimum(np.searchsorted(frontier, self.ex_u), len(frontier) - 1)
            j = np.flatnonzero(frontier[pos] == self.ex_u)
            if len(j):
                p = pos[j]
                src = np.concatenate([src, p])
                nb = np.concatenate([nb, self.ex_v[j]])
                w = np.concatenate([w, self.ex_w[j]])
        return src, nb, w

    def _walk(self) -> None:
        s, deg = self.s, self.deg

        src, b, w2 = self.neighbours(self.contacts)
        keep = b != s
        src, b, w2 = src[keep], b[keep], w2[keep]
        a = self.contacts[src]
        p2 = self.w1[src] * w2
        order = np.argsort(b, kind="stable")  # a ascends within each b
        self.e2 = (a[order], b[order], p2[order])
        a, b, p2 = self.e2
        ub, start = np.unique(b, return_index=True)
        inv = np.repeat(np.arange(len(ub)), np.diff(np.append(start, len(b))))
        self.ub = ub
        self.common = np.bincount(inv, minlength=len(ub)).astype(float)
        self.aa = np.bincount(inv, weights=1.0 / _log_degree(deg, a), minlength=len(ub))
        self.ra = np.bincount(inv, weights=1.0 / deg[a], minlength=len(ub))
        self.warm2 = np.zeros(len(ub))
        np.maximum.at(self.warm2, inv, p2)
        src3, c3, w3 = self.neighbours(ub)
        k3 = c3 != s
        src3, c3, w3 = src3[k3], c3[k3], w3[k3]
        uc, inv3 = _group(c3, self.n)
        self.uc = uc
        self.lp = np.bincount(
            inv3, weights=(self.aa / _log_degree(deg, ub))[src3], minlength=len(uc)
        )
        self.warm3 = np.zeros(len(uc))
        np.maximum.at(self.warm3, inv3, self.warm2[src3] * w3)

    def hops(self, rows: np.ndarray) -> np.ndarray:
        """2 or 3 for people two or three steps away, 0 for anyone else."""
        two, _ = _lookup(self.ub, rows)
        three, _ = _lookup(self.uc, rows)
        return np.where(two, 2, np.where(three, 3, 0))

    def candidates(self, exclude: np.ndarray, extra: np.ndarray | None = None) -> np.ndarray:
        """Rows two or three steps away or in ``extra``, ascending.

        The seeker, the seeker's contacts and ``exclude`` are left out.
        """
        mark = np.zeros(self.n, dtype=bool)
        mark[self.ub] = True
        mark[self.uc] = True
        if extra is not None:
            mark[extra] = True
        mark[self.s] = False
        mark[self.contacts] = False
        mark[exclude] = False
        return np.flatnonzero(mark)

    def raw(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Return common contacts, Adamic–Adar, resource allocation, local paths, warmth."""
        _, (cn, aa, ra, w2) = _lookup(self.ub, rows, self.common, self.aa, self.ra, self.warm2)
        _, (lp, w3) = _lookup(self.uc, rows, self.lp, self.warm3)
        return {
            "common": cn,
            "adamic_adar": aa,
            "resource_allocation": ra,
            "local_path": lp,
            "warmth": np.maximum(w2, w3),
        }

    def features(self, rows: np.ndarray, hops: np.ndarray, raw: dict) -> np.ndarray:
        return feature_matrix(
            _people(self.net),
            self.s,
            rows,
            common=raw["common"],
            adamic_adar=raw["adamic_adar"],
            resource_allocation=raw["resource_allocation"],
            local_path=raw["local_path"],
            warmth=raw["warmth"],
            degree=self.deg[rows].astype(float),
            seeker_degree=len(self.contacts),
            three_steps=hops != 2,
        )

    def common_of(self, c: int) -> np.ndarray:
        """Rows of the seeker's contacts who know ``c`` (ascending)."""
        a, b, _ = self.e2
        lo, hi = np.searchsorted(b, [c, c + 1])
        return a[lo:hi]

    def options(self, c: int) -> list[tuple[float, int, tuple[int, ...]]]:
        """Per first-hop contact, the warmest path of two or three steps to ``c``.

        ``[(warmth, contact row, path rows)]``, warmest first, then by contact; a
        contact's paths of equal warmth are told apart by the path's ids (as
        :func:`netgraph.suggest.local_paths` does).
        """
        a, b, p2 = self.e2
        s = self.s
        best: dict[int, tuple[float, tuple[int, ...]]] = {}
        lo, hi = np.searchsorted(b, [c, c + 1])
        for aa, w in zip(a[lo:hi].tolist(), p2[lo:hi].tolist(), strict=True):
            best[aa] = (w, (s, aa, c))
        _, nb, w3 = self.neighbours(np.array([c], dtype=np.int64))
        keep = nb != s
        nb, w3 = nb[keep], w3[keep]
        starts, ends = np.searchsorted(b, nb), np.searchsorted(b, nb, side="right")
        lens = ends - starts
        idx = np.arange(int(lens.sum())) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
        bb = np.repeat(nb, lens)
        ww = p2[idx] * np.repeat(w3, lens)
        for aa, bx, w in zip(a[idx].tolist(), bb.tolist(), ww.tolist(), strict=True):
            if aa == c:
                continue
            path = (s, aa, bx, c)
            old = best.get(aa)
            if old is None or w > old[0] or (w == old[0] and path < old[1]):
                best[aa] = (w, path)
        return sorted(((w, aa, p) for aa, (w, p) in best.items()), key=lambda t: (-t[0], t[1]))
