"""Does :func:`~netgraph.suggest` help? Backtests against classic link-prediction baselines.

Two protocols, each comparing the suggestion engine with the same baselines on the
same candidates:

**Backtest by date** (:func:`backtest`). For each seeker, cut at the date of their
``fraction``-th completed interview, suggest from the network as it stood then
(:meth:`~netgraph.ReferralNetwork.as_of`: nothing after the cut is seen), and score the
ranking against the people the seeker actually interviewed (completed interviews)
after the cut and had not met by then.

*What is shared between cuts.* Every seeker is ranked on the network as of their own
cut, but two things are computed once, on the network as of the **earliest** cut, so
no seeker's future is seen and neither is paid once per cut date: the fitted ranking
(:func:`netgraph._ranker.fitted_ranker`) and the tie communities behind the novelty
signal (:func:`netgraph.suggest.tie_communities`). A seeker cut later is therefore
ranked with a fit and communities a little older than their network (on the bundled
sample this moves the engine's MRR by about 0.005 and nothing else; on a generated
5,000-person network the table is unchanged). The people's attribute codes, a
function of the people table (which has no dates) and the reference year, are shared
between cuts of the same year. *How it is computed* (the same numbers as ranking with
:func:`rank_candidates`): each seeker's view is walked once
(:class:`netgraph._ranker.SeekerWalk`) and the networkx indices are read from those
arrays (scores equal to nine decimals tie, broken by ``person_id``: sums of the same
terms in another order differ in the last bits); ``structural``, with every other
weight 0, is a sort by that signal; and the engine's greedy list is built only down to
the seeker's first target and at least ``k`` deep (every measure needs no more, and
the greedy list's prefix is exact). ``evaluate --mode backtest`` on 5,000 generated
people: ``benchmarks/results.md``.

**Hidden edges** (:func:`hidden_edges`), for plain graphs with no dates. Hide a seeded
random ``share`` of the edges, rank each node's candidates in the remaining graph,
and score how well the hidden neighbours are ranked (recall@k per node with a hidden
edge); also the AUC of held-out edges against an equal number of sampled non-edges,
the protocol of the link-prediction literature (Lü and Zhou 2011), so the
baselines' numbers can be compared with published ones.

**Methods.** ``suggest`` (default weights), ``explore`` (``suggest(...,
explore=True)``: more weight on novelty and introducer load), ``structural`` (the
hand-set structural signal alone: Adamic–Adar plus local paths), ``random``
(random order of the two-hop candidates; its expected value is computed exactly),
and the networkx link-prediction indices ``common_neighbors``,
``jaccard``, ``adamic_adar``, ``resource_allocation`` and
``preferential_attachment``, computed with networkx on the seeker's local graph
(:func:`~netgraph.suggest.visible_graph`: the same view of the network the engine
sees) for the seeker's candidate pairs only. Every method ranks the same candidates
(two and three hops away, minus people already met); ties are broken by
``person_id``.

**Metrics** (means over seekers). ``hit_at_k``: share of seekers with at least one
target in their top ``k``. ``recall_at_k``: share of a seeker's targets in the top
``k``. ``mrr``: mean reciprocal rank of the first target (0 when none is ranked).
``coverage``: share of targets that are candidates at all. ``lift``: ``hit_at_k``
over the random baseline's. ``auc`` (hidden edges): probability that a held-out edge
scores above a sampled non-edge (ties count half).

References
----------
.. [1] Liben-Nowell, D., and Kleinberg, J. (2007). The link-prediction problem for
   social networks. JASIST 58(7), 1019-1031.
.. [2] Lü, L., and Zhou, T. (2011). Link prediction in complex networks: a survey.
   Physica A 390(6), 1150-1170.
.. [3] Adamic, L. A., and Adar, E. (2003). Friends and neighbors on the Web.
   Social Networks 25(3), 211-230.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from networkx.algorithms import bipartite

from netgraph._progress import progress as _progress
from netgraph._ranker import fitted_ranker, set_ranker
from netgraph.errors import NetgraphError
from netgraph.network import ReferralNetwork
from netgraph.suggest import (
    SeekerView,
    SuggestWeights,
    _scores,
    excluded,
    visible_graph,
)

__all__ = [
    "BASELINES",
    "METHODS",
    "backtest",
    "backtest_runs",
    "benchmark_graphs",
    "hidden_edge_runs",
    "hidden_edges",
    "network_from_edge_list",
    "network_from_graph",
    "network_hidden_edge_runs",
    "network_hidden_edges",
    "rank_candidates",
]

BASELINES = (
    "random",
    "common_neighbors",
    "jaccard",
    "adamic_adar",
    "resource_allocation",
    "preferential_attachment",
)
METHODS = ("suggest", "explore", "structural", *BASELINES)

_NX_INDEX: dict[str, Callable] = {
    "jaccard": nx.jaccard_coefficient,
    "adamic_adar": nx.adamic_adar_index,
    "resource_allocation": nx.resource_allocation_index,
    "preferential_attachment": nx.preferential_attachment,
}


def _check_methods(methods: Iterable[str] | None) -> tuple[str, ...]:
    if methods is None:
        return METHODS
    out = tuple(methods)
    bad = [m for m in out if m not in METHODS]
    if bad:
        raise NetgraphError(f"unknown method {bad[0]!r}; use one of {', '.join(METHODS)}")
    if not out:
        raise NetgraphError("give at least one method")
    return out


def _check_options(
    methods: Iterable[str] | None, k: int, name: str, value: float
) -> tuple[str, ...]:
    """Check the options every protocol shares; ``value`` (named ``name``) is in (0, 1)."""
    methods = _check_methods(methods)
    _check_k(k)
    if not 0 < value < 1:
        raise NetgraphError(f"{name} must be between 0 and 1, got {value}")
    return methods


def _check_k(k: int) -> None:
    if not isinstance(k, int) or k < 1:
        raise NetgraphError(f"k must be a whole number >= 1, got {k!r}")


# -------------------------------------------------------------- rankings
def _baseline_scores(g: nx.Graph, seeker: str, candidates: Sequence[str], method: str) -> dict:
    """Score ``(seeker, c)`` for each candidate with a networkx link-prediction index."""
    if method == "common_neighbors":
        return {c: float(sum(1 for _ in nx.common_neighbors(g, seeker, c))) for c in candidates}
    pairs = [(seeker, c) for c in candidates]
    return {v: float(p) for _, v, p in _NX_INDEX[method](g, pairs)}


def rank_candidates(
    net: ReferralNetwork,
    seeker: str,
    method: str,
    *,
    weights: SuggestWeights | None = None,
) -> tuple[list[str], dict[str, float]]:
    """Return a method's full ranking of a seeker's candidates, best first, and the scores.

    ``suggest`` and ``structural`` rank with :func:`~netgraph.suggest` (all
    candidates, no goals); the networkx indices rank the candidates two and three
    hops away in the seeker's view, by score then ``person_id``; ``random`` returns
    the two-hop candidates by ``person_id`` (its expected metrics are computed
    exactly by the callers).

    Parameters
    ----------
    net
        The network (already cut at the backtest date, if any).
    seeker
        The seeker's ``person_id``.
    method
        One of :data:`METHODS`.
    weights
        Weights for ``suggest`` (default :class:`~netgraph.suggest.SuggestWeights`).

    Returns
    -------
    tuple
        ``(ranking, scores)``: the candidate ids best first, and ``{id: score}``.

    Examples
    --------
    >>> import networkx as nx
    >>> net = network_from_graph(nx.path_graph(4))
    >>> rank_candidates(net, "0", "common_neighbors")
    (['2', '3'], {'2': 1.0, '3': 0.0})
    """
    _check_methods([method])
    if method in ("suggest", "explore", "structural"):
        w = SuggestWeights.only("structural") if method == "structural" else weights
        ranked = _scores(net, seeker, w, explore=method == "explore")
        return [p for p, _ in ranked], dict(ranked)
    ball = SeekerView(net, seeker).ball(3)
    exclude = excluded(net, seeker)
    if method == "random":
        two = sorted(p for p, d in ball.items() if d == 2 and p not in exclude)
        return two, dict.fromkeys(two, 0.0)
    cands = sorted(p for p, d in ball.items() if d >= 2 and p not in exclude)
    g = visible_graph(net, seeker, hops=3)
    scores = _baseline_scores(g, seeker, cands, method)
    order = sorted(cands, key=lambda c: (-scores[c], c))
    return order, scores


def _random_expectations(n: int, m: int, k: int) -> tuple[float, float, float]:
    """Return expected hit@k, top-k share and first reciprocal rank under random order.

    ``m`` targets among ``n`` randomly ordered candidates; the top-k share is
    ``min(k, n) / n``, the chance a given target lands in the top ``k``.
    """
    if n == 0 or m == 0:
        return 0.0, 0.0, 0.0
    kk = min(k, n)
    hit = 1.0 - math.comb(n - m, kk) / math.comb(n, kk)
    total = math.comb(n, m)
    rr = sum(math.comb(n - r, m - 1) / total / r for r in range(1, n - m + 2))
    return hit, kk / n, rr


# -------------------------------------------------------------- backtest
def _cuts(net: ReferralNetwork, fraction: float, seekers: Iterable[str] | None) -> dict:
    iv = net.interviews
    done = iv[iv["status"].eq("completed")].sort_values(["date", "interview_id"])
    wanted = None if seekers is None else {net.resolve(s) for s in seekers}
    out = {}
    for seeker, rows in done.groupby("seeker_id", sort=True):
        if wanted is not None and seeker not in wanted:
            continue
        n = len(rows)
        if n < 2:
            continue
        m = min(max(1, math.floor(fraction * n)), n - 1)
        cut = rows["date"].iloc[m - 1]
        later = rows[rows["date"] > cut]
        if len(later):
            out[seeker] = (cut, list(dict.fromkeys(later["contact_id"])))
    return out


def backtest_runs(
    net: ReferralNetwork,
    *,
    k: int = 10,
    fraction: float = 0.5,
    seekers: Iterable[str] | None = None,
    methods: Iterable[str] | None = None,
    weights: SuggestWeights | None = None,
    progress: bool | None = None,
    max_seekers: int | None = None,
) -> pd.DataFrame:
    """Return one row per seeker and method of the backtest by date (module docstring).

    Parameters
    ----------
    net
        The network with its full history.
    k
        The cut-off of hit@k and recall@k.
    fraction
        Where to cut each seeker's history: after their ``floor(fraction * n)``-th
        completed interview (at least the first, at most all but the last).
    seekers
        The seekers to test (default: every seeker with two completed interviews or
        more and a new person interviewed after the cut).
    methods
        Methods to compare (default :data:`METHODS`).
    weights
        Weights for ``suggest``.
    progress
        Show a progress bar over the seekers (``None``: in a terminal or notebook,
        unless ``NETGRAPH_PROGRESS=0``).
    max_seekers
        Test at most this many of the seekers, sampled with a fixed seed (0); ``None``
        for all.

    Returns
    -------
    pandas.DataFrame
        Columns ``seeker_id``, ``cut`` (date), ``method``, ``candidates``,
        ``targets`` (new people interviewed after the cut), ``covered`` (targets
        among the candidates), ``first_rank`` (rank of the best-ranked target, 0
        when none), ``hit_at_k``, ``recall_at_k``, ``rr`` (reciprocal rank).

    Raises
    ------
    NetgraphError
        For an unknown method, ``k < 1`` or ``fraction`` outside (0, 1).

    Examples
    --------
    >>> import netgraph as ng
    >>> runs = backtest_runs(ng.load(), methods=["adamic_adar"], seekers=["p001"])
    >>> runs["method"].tolist()
    ['adamic_adar']
    """
    methods = _check_options(methods, k, "fraction", fraction)
    rows = []
    cuts = _cuts(net, fraction, seekers)
    if max_seekers is not None and len(cuts) > max_seekers:
        keep = np.random.default_rng(0).choice(len(cuts), size=max_seekers, replace=False)
        names = sorted(cuts)
        cuts = {names[i]: cuts[names[i]] for i in sorted(keep.tolist())}
    by_date: dict[pd.Timestamp, list[str]] = {}
    for seeker, (cut, _) in cuts.items():
        by_date.setdefault(cut, []).append(seeker)
    bar = _progress(total=len(cuts), desc="backtest", unit="seekers", progress=progress)
    model = communities = first = None
    engine = "suggest" in methods or "explore" in methods
    with bar:
        for cut in sorted(by_date):
            past = net.as_of(cut)
            if engine:
                # one fit and one set of tie communities, on the network as of the
                # earliest cut: no seeker's future is seen, and each is paid once, not
                # once per cut date (module docstring)
                model = model or fitted_ranker(past, progress=False)
                set_ranker(past, model)
                communities = _share_communities(past, communities)
            first = _share_people(past, first)
            for seeker in by_date[cut]:
                bar.update()
                gone = excluded(past, seeker)
                targets = [t for t in cuts[seeker][1] if t not in gone]
                if not targets:
                    continue
                scored = _SeekerCut(past, seeker, gone, weights).scores(methods, targets, k)
                for method in methods:
                    key = {"seeker_id": seeker, "cut": cut, "method": method}
                    rows.append(key | scored[method])
    cols = [
        "seeker_id",
        "cut",
        "method",
        "candidates",
        "targets",
        "covered",
        "first_rank",
        "hit_at_k",
        "recall_at_k",
        "rr",
    ]
    return pd.DataFrame(rows, columns=cols)


def _share_communities(past: ReferralNetwork, first: np.ndarray | None) -> np.ndarray:
    """Give ``past`` the tie communities ``first`` (found on an earlier cut), or find them."""
    from netgraph._memo import memo
    from netgraph.suggest import _tie_community_codes

    if first is None:
        return _tie_community_codes(past)
    if len(first) != len(past.csr):  # people carry no dates: never, but do not guess
        raise NetgraphError("the backtest's networks differ in their people")
    return memo(past, "suggest.communities", lambda: first, persist=False)


def _share_people(past: ReferralNetwork, first: ReferralNetwork | None) -> ReferralNetwork:
    """Give ``past`` the attribute codes of ``first``, an earlier cut, when they are equal.

    They are a function of the people table (which carries no dates, so every cut has
    the same) and the year of the network's reference date.
    """
    from netgraph._memo import memo
    from netgraph._ranker import _people

    if first is None or first.reference_date.year != past.reference_date.year:
        return past
    memo(past, "ranker.people", lambda: dict(vars(_people(first))), persist=False)
    return first


class _SeekerCut:
    """Every method's ranking of one seeker's candidates at the seeker's cut (fast path).

    Equal to :func:`rank_candidates` for each method, computed once per seeker from
    :class:`netgraph._ranker.SeekerWalk` (the seeker's view as arrays) instead of a
    networkx graph per baseline, and with the engine's greedy list built only as deep
    as the scores need (module docstring).
    """

    def __init__(
        self, net: ReferralNetwork, seeker: str, gone: set[str], weights: SuggestWeights | None
    ) -> None:
        from netgraph._ranker import SeekerWalk
        from netgraph.suggest import _records, pending_signal

        self.net, self.seeker, self.weights = net, seeker, weights
        csr = net.csr
        own = [(r.referrer_id, r.referred_id) for r in _records(net, seeker)[1]]
        self.walk = walk = SeekerWalk(net, seeker, own)
        bad = np.array([csr.index[p] for p in gone], dtype=np.int64)
        pending = pending_signal(net, seeker, exclude=gone)
        extra = np.array([csr.index[p] for p in pending], dtype=np.int64)
        # the baselines rank people two and three hops away; the engine adds the
        # pending referrals (anywhere); both in person_id (row) order
        self.rows = walk.candidates(bad)
        self.engine_rows = walk.candidates(bad, extra)
        self.engine_pool = set(csr.ids[self.engine_rows].tolist())
        self.ids = csr.ids[self.rows].tolist()

    def _engine(self, method: str, pool: set[str], targets: list[str], k: int) -> list[str]:
        """Return the greedy list, as deep as needed: at least ``k``, and to the first target."""
        from netgraph.suggest import _scores

        if method == "structural":
            return self._structural()
        wanted = {t for t in targets if t in pool}
        found = False

        def stop(rank: int, pid: str) -> bool:
            nonlocal found
            found = found or pid in wanted
            return rank >= k and (found or not wanted)

        ranked = _scores(
            self.net, self.seeker, self.weights, explore=method == "explore", stop=stop
        )
        return [p for p, _ in ranked]

    def _structural(self) -> list[str]:
        """Return the engine's ranking by the structural signal alone.

        With every other weight 0 (no warmth, no introducer load) the greedy list is
        the candidates by that signal, ties by ``person_id``: sorted directly.
        """
        from netgraph.suggest import LOCAL_PATH_EPSILON, STRUCTURAL_HALF

        rows = self.engine_rows
        raw = self.walk.raw(rows)
        value = raw["adamic_adar"] + LOCAL_PATH_EPSILON * raw["local_path"]
        value = value / (value + STRUCTURAL_HALF)
        ids = self.net.csr.ids
        return ids[rows[np.lexsort((rows, -value))]].tolist()

    def _baseline(self, method: str) -> list[str]:
        walk, rows = self.walk, self.rows
        if method == "random":
            return [p for p, two in zip(self.ids, walk.hops(rows) == 2, strict=True) if two]
        raw = walk.raw(rows)
        common = raw["common"]
        deg_s, deg_c = float(len(walk.contacts)), walk.deg[rows].astype(float)
        if method == "common_neighbors":
            score = common
        elif method == "jaccard":
            union = deg_s + deg_c - common
            score = np.divide(common, union, out=np.zeros(len(rows)), where=union > 0)
        elif method == "preferential_attachment":
            score = deg_s * deg_c
        else:
            score = raw[method]
        # equal to 9 decimals is a tie, broken by person_id (sums of the same terms in
        # another order differ in the last bits)
        order = np.lexsort((np.arange(len(rows)), -np.round(score, SCORE_DIGITS)))
        return [self.ids[i] for i in order.tolist()]

    def scores(self, methods: Sequence[str], targets: list[str], k: int) -> dict[str, dict]:
        """Return ``{method: the run's measures}`` (the columns of :func:`backtest_runs`)."""
        out = {}
        for method in methods:
            if method in ("suggest", "explore", "structural"):
                prefix = self._engine(method, self.engine_pool, targets, k)
                out[method] = _score(prefix, self.engine_pool, targets, k, random=False)
            else:
                ranking = self._baseline(method)
                out[method] = _score(ranking, set(ranking), targets, k, random=method == "random")
        return out


def _score(prefix: list[str], pool: set[str], targets: list[str], k: int, *, random: bool) -> dict:
    """Measures of one ranking of the candidates ``pool``.

    ``prefix`` is the ranking, at least its first ``k`` and down to its first target
    in ``pool`` (or all of it).
    """
    pos = {p: i for i, p in enumerate(prefix, start=1)}
    covered = sum(t in pool for t in targets)
    ranks = sorted(pos[t] for t in targets if t in pos)
    counts = {"candidates": len(pool), "targets": len(targets), "covered": covered}
    if random:
        hit, share, rr = _random_expectations(len(pool), covered, k)
        return counts | {
            "first_rank": 0,
            "hit_at_k": hit,
            "recall_at_k": covered * share / len(targets),
            "rr": rr,
        }
    return counts | {
        "first_rank": ranks[0] if ranks else 0,
        "hit_at_k": float(bool(ranks) and ranks[0] <= k),
        "recall_at_k": sum(r <= k for r in ranks) / len(targets),
        "rr": 1.0 / ranks[0] if ranks else 0.0,
    }


def _summarize(runs: pd.DataFrame, methods: Sequence[str], k: int) -> pd.DataFrame:
    if runs.empty:
        return pd.DataFrame(
            columns=[
                "method",
                "k",
                "seekers",
                "targets",
                "hit_at_k",
                "recall_at_k",
                "mrr",
                "coverage",
                "lift",
            ]
        )
    g = runs.groupby("method", sort=False)
    out = pd.DataFrame(
        {
            "seekers": g.size(),
            "targets": g["targets"].sum(),
            "hit_at_k": g["hit_at_k"].mean(),
            "recall_at_k": g["recall_at_k"].mean(),
            "mrr": g["rr"].mean(),
            "coverage": g["covered"].sum() / g["targets"].sum(),
        }
    ).reindex([m for m in methods if m in g.groups])
    base = out["hit_at_k"].get("random", np.nan) if "random" in out.index else np.nan
    out["lift"] = out["hit_at_k"] / base if base and not np.isnan(base) else np.nan
    out.insert(0, "k", k)
    return out.rename_axis("method").reset_index()


def backtest(
    net: ReferralNetwork,
    *,
    k: int = 10,
    fraction: float = 0.5,
    seekers: Iterable[str] | None = None,
    methods: Iterable[str] | None = None,
    weights: SuggestWeights | None = None,
    progress: bool | None = None,
    max_seekers: int | None = None,
) -> pd.DataFrame:
    """Return the backtest-by-date comparison table (see the module docstring).

    Each seeker is cut at their ``fraction``-th completed interview; every method
    ranks the seeker's candidates in the network as it stood on that day; the
    targets are the new people the seeker interviewed afterwards.

    Parameters
    ----------
    net
        The network with its full history.
    k, fraction, seekers, methods, weights, progress, max_seekers
        As in :func:`backtest_runs`.

    Returns
    -------
    pandas.DataFrame
        One row per method with columns ``method``, ``k``, ``seekers``, ``targets``,
        ``hit_at_k``, ``recall_at_k``, ``mrr``, ``coverage`` and ``lift``
        (``hit_at_k`` over the random baseline's; NaN without it).

    Raises
    ------
    NetgraphError
        As :func:`backtest_runs`.

    Examples
    --------
    >>> import netgraph as ng
    >>> table = backtest(ng.load(), seekers=["p001"], methods=["random", "adamic_adar"])
    >>> table["method"].tolist()
    ['random', 'adamic_adar']
    """
    methods = _check_methods(methods)
    runs = backtest_runs(
        net,
        k=k,
        fraction=fraction,
        seekers=seekers,
        methods=methods,
        weights=weights,
        progress=progress,
        max_seekers=max_seekers,
    )
    return _summarize(runs, methods, k)


# --------------------------------------------------------- hidden edges
def network_from_graph(graph: nx.Graph) -> ReferralNetwork:
    """Return a plain graph as a :class:`~netgraph.ReferralNetwork` of ties.

    Every node becomes a person (``person_id`` and ``name`` are ``str(node)``, no
    other attributes); every edge a tie of kind ``acquaintance`` with the default
    strength. There are no interviews or referrals.

    Raises
    ------
    NetgraphError
        If two nodes have the same text form, or the graph is directed.

    Examples
    --------
    >>> import networkx as nx
    >>> network_from_graph(nx.path_graph(3))
    <ReferralNetwork 3 people, 2 ties, 0 interviews, 0 referrals>
    """
    if graph.is_directed():
        raise NetgraphError("hidden-edge evaluation needs an undirected graph")
    ids = [str(u) for u in graph.nodes]
    if len(set(ids)) != len(ids):
        raise NetgraphError("two nodes of the graph have the same text form; relabel them")
    n = len(ids)
    empty = [""] * n
    people = pd.DataFrame(
        {
            "person_id": ids,
            "name": ids,
            "role": empty,
            "organization": empty,
            "industry": empty,
            "title": empty,
            "seniority": empty,
            "grad_year": pd.array([pd.NA] * n, dtype="Int64"),
            "major": empty,
            "location": empty,
            "tags": pd.Series([()] * n, dtype=object),
            "email": empty,
        }
    )
    pairs = [(str(u), str(v)) for u, v in graph.edges if u != v]
    ties = pd.DataFrame(
        {
            "person_a": [a for a, _ in pairs],
            "person_b": [b for _, b in pairs],
            "kind": ["acquaintance"] * len(pairs),
            "strength": np.full(len(pairs), np.nan),
            "since": pd.Series(pd.NaT, index=range(len(pairs)), dtype="datetime64[ns]"),
        }
    )
    date = pd.Series([], dtype="datetime64[ns]")
    text = pd.Series([], dtype=str)
    interviews = pd.DataFrame(
        {
            "interview_id": text,
            "seeker_id": text,
            "contact_id": text,
            "date": date,
            "channel": text,
            "status": text,
            "thank_you_sent": date,
            "follow_up_due": date,
            "notes": text,
        }
    )
    referrals = pd.DataFrame(
        {
            "referral_id": text,
            "interview_id": text,
            "referrer_id": text,
            "seeker_id": text,
            "referred_id": text,
            "date": date,
            "status": text,
        }
    )
    return ReferralNetwork.from_tables(
        {"people": people, "ties": ties, "interviews": interviews, "referrals": referrals}
    )


def benchmark_graphs() -> dict[str, nx.Graph]:
    """Return the real social networks networkx ships, as used by :func:`hidden_edges`.

    ``karate`` (Zachary's karate club), ``lesmis`` (Les Misérables co-appearances),
    ``florentine`` (Florentine families' marriages) and ``davis`` (Davis's southern
    women, projected onto the women: two women are linked when they attended an
    event together).

    Examples
    --------
    >>> {k: g.number_of_nodes() for k, g in benchmark_graphs().items()}
    {'karate': 34, 'lesmis': 77, 'florentine': 15, 'davis': 18}
    """
    davis = nx.davis_southern_women_graph()
    women = bipartite.projected_graph(davis, davis.graph["top"])
    return {
        "karate": nx.Graph(nx.karate_club_graph().edges),
        "lesmis": nx.Graph(nx.les_miserables_graph().edges),
        "florentine": nx.Graph(nx.florentine_families_graph().edges),
        "davis": nx.Graph(women.edges),
    }


def _split(graph: nx.Graph, share: float, seed: int) -> tuple[nx.Graph, list, list]:
    """Hide a seeded random share of edges; sample as many non-edges of the full graph."""
    rng = np.random.default_rng(seed)
    edges = sorted((min(a, b), max(a, b)) for a, b in ((str(u), str(v)) for u, v in graph.edges))
    m = max(1, round(share * len(edges)))
    hidden = [edges[i] for i in sorted(rng.choice(len(edges), size=m, replace=False))]
    train = nx.Graph()
    train.add_nodes_from(sorted(str(u) for u in graph.nodes))
    gone = set(hidden)
    train.add_edges_from(e for e in edges if e not in gone)
    nodes = sorted(train.nodes)
    present = set(edges)
    possible = len(nodes) * (len(nodes) - 1) // 2 - len(edges)
    if possible < m:
        raise NetgraphError("the graph has fewer non-edges than edges to hide")
    non: set[tuple[str, str]] = set()
    while len(non) < m:
        i, j = rng.choice(len(nodes), size=2, replace=False)
        a, b = sorted((nodes[i], nodes[j]))
        if (a, b) not in present:
            non.add((a, b))
    return train, hidden, sorted(non)


#: Scores are compared rounded to this many decimals, so that sums whose order follows
#: a set's (networkx adds common neighbours in set order, which PYTHONHASHSEED changes)
#: tie exactly instead of differing in the last bit.
SCORE_DIGITS = 9


def _auc(pos: list[float], neg: list[float]) -> float:
    """Rank-based AUC (Mann-Whitney U over average ranks: a tie counts half).

    Examples
    --------
    >>> _auc([3.0, 2.0], [2.0, 1.0])
    0.875
    """
    from scipy.stats import rankdata

    p, n = np.asarray(pos, dtype=float), np.asarray(neg, dtype=float)
    if not len(p) or not len(n):
        return math.nan
    both = np.concatenate([p, n])
    finite = np.isfinite(both)
    both[finite] = np.round(both[finite], SCORE_DIGITS)
    ranks = rankdata(both, method="average")
    u = ranks[: len(p)].sum() - len(p) * (len(p) + 1) / 2
    return float(u / (len(p) * len(n)))


def _sample_non_neighbours(
    rng: np.random.Generator, everyone: np.ndarray, near: set, count: int
) -> list:
    """Draw ``count`` people of ``everyone`` outside ``near``, uniformly, with replacement.

    The negatives of a seeker's hidden-edge AUC: ``near`` is the seeker and their
    neighbours in the full network. Below 5,000 people the draw is from the list of
    everyone else (none when it is empty), above by rejection sampling.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> sorted(set(_sample_non_neighbours(rng, np.arange(5), {0, 1, 2}, 6)))
    [3, 4]
    """
    if len(everyone) < 5000:
        pool = [p for p in everyone.tolist() if p not in near]
        return [pool[int(rng.integers(len(pool)))] for _ in range(count)] if pool else []
    picks = []
    for _ in range(count):
        while True:  # rejection sampling on large networks
            p = everyone[int(rng.integers(len(everyone)))]
            if p not in near:
                picks.append(p)
                break
    return picks


def hidden_edge_runs(
    graph: nx.Graph,
    *,
    share: float = 0.1,
    seeds: Iterable[int] = range(5),
    k: int = 10,
    methods: Iterable[str] | None = None,
    weights: SuggestWeights | None = None,
) -> pd.DataFrame:
    """Return one row per seed and method of the hidden-edge evaluation.

    For each seed: hide ``round(share * edges)`` edges chosen at random, sample as
    many non-edges, rank every node's candidates in the remaining graph (see
    :func:`rank_candidates`), then compute recall@k over the nodes with a hidden
    edge and the AUC of the hidden edges against the non-edges. A pair's score is
    the larger of its two endpoints' scores for each other; a pair outside both
    endpoints' candidates scores below every candidate (for ``random``: two-hop
    pairs above the rest, in random order).

    Parameters
    ----------
    graph
        An undirected graph (its nodes become ``str`` ids).
    share
        Share of edges to hide, in (0, 1).
    seeds
        Random seeds, one split each.
    k
        Cut-off of recall@k.
    methods
        Methods (default :data:`METHODS`).
    weights
        Weights for ``suggest``.

    Returns
    -------
    pandas.DataFrame
        Columns ``seed``, ``method``, ``seekers`` (nodes with a hidden edge),
        ``hidden``, ``recall_at_k`` (mean over those nodes) and ``auc``.

    Raises
    ------
    NetgraphError
        For an unknown method, ``k < 1`` or ``share`` outside (0, 1).

    Examples
    --------
    >>> import networkx as nx
    >>> runs = hidden_edge_runs(nx.karate_club_graph(), seeds=[0], methods=["adamic_adar"])
    >>> runs[["seed", "method", "hidden"]].values.tolist()
    [[0, 'adamic_adar', 8]]
    """
    methods = _check_options(methods, k, "share", share)
    rows = []
    for seed in seeds:
        train, hidden, non = _split(graph, share, seed)
        net = network_from_graph(train)
        lost: dict[str, set[str]] = {}
        for a, b in hidden:
            lost.setdefault(a, set()).add(b)
            lost.setdefault(b, set()).add(a)
        nodes = sorted({x for pair in [*hidden, *non] for x in pair} | set(lost))
        for method in methods:
            rankings = {u: rank_candidates(net, u, method, weights=weights) for u in nodes}
            recalls = []
            for u in sorted(lost):
                order = rankings[u][0]
                if method == "random":
                    _, share_k, _ = _random_expectations(len(order), 1, k)
                    got = sum(1 for t in lost[u] if t in set(order)) * share_k
                else:
                    got = len(lost[u] & set(order[:k]))
                recalls.append(got / len(lost[u]))

            def pair_score(a: str, b: str, method: str = method, rankings=rankings) -> float:
                if method == "random":
                    return float(b in rankings[a][1] or a in rankings[b][1])
                sa, sb = rankings[a][1].get(b), rankings[b][1].get(a)
                vals = [s for s in (sa, sb) if s is not None]
                return max(vals) if vals else -math.inf

            auc = _auc([pair_score(a, b) for a, b in hidden], [pair_score(a, b) for a, b in non])
            rows.append(
                {
                    "seed": seed,
                    "method": method,
                    "seekers": len(lost),
                    "hidden": len(hidden),
                    "recall_at_k": float(np.mean(recalls)) if recalls else 0.0,
                    "auc": auc,
                }
            )
    return pd.DataFrame(rows, columns=["seed", "method", "seekers", "hidden", "recall_at_k", "auc"])


def _summarize_runs(runs: pd.DataFrame, name: str, methods, k: int) -> pd.DataFrame:
    """Mean recall@k, its sd and mean AUC per method over the seeds of one graph's runs."""
    agg = runs.groupby("method", sort=False).agg(
        seeds=("seed", "nunique"),
        recall_at_k=("recall_at_k", "mean"),
        recall_sd=("recall_at_k", "std"),
        auc=("auc", "mean"),
    )
    agg = agg.reindex(list(methods)).rename_axis("method").reset_index()
    agg.insert(0, "graph", name)
    agg.insert(2, "k", k)
    return agg


def hidden_edges(
    graphs: nx.Graph | dict[str, nx.Graph] | None = None,
    *,
    share: float = 0.1,
    seeds: Iterable[int] = range(5),
    k: int = 10,
    methods: Iterable[str] | None = None,
    weights: SuggestWeights | None = None,
) -> pd.DataFrame:
    """Return the hidden-edge comparison table, averaged over seeds (module docstring).

    Parameters
    ----------
    graphs
        A graph, a dict of named graphs, or ``None`` for :func:`benchmark_graphs`.
    share, seeds, k, methods, weights
        As in :func:`hidden_edge_runs`.

    Returns
    -------
    pandas.DataFrame
        One row per graph and method: ``graph``, ``method``, ``k``, ``seeds``,
        ``recall_at_k`` and ``auc`` (means over seeds) and ``recall_sd`` (standard
        deviation over seeds).

    Raises
    ------
    NetgraphError
        As :func:`hidden_edge_runs`.

    Examples
    --------
    >>> import networkx as nx
    >>> t = hidden_edges({"karate": nx.karate_club_graph()}, seeds=[0, 1],
    ...                  methods=["random", "adamic_adar"])
    >>> t[["graph", "method", "seeds"]].values.tolist()
    [['karate', 'random', 2], ['karate', 'adamic_adar', 2]]
    """
    if graphs is None:
        graphs = benchmark_graphs()
    elif isinstance(graphs, nx.Graph):
        graphs = {"graph": graphs}
    methods = _check_methods(methods)
    seeds = list(seeds)
    frames = []
    for name, g in graphs.items():
        runs = hidden_edge_runs(g, share=share, seeds=seeds, k=k, methods=methods, weights=weights)
        frames.append(_summarize_runs(runs, name, methods, k))
    cols = ["graph", "method", "k", "seeds", "recall_at_k", "recall_sd", "auc"]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


# ------------------------------------------------ hidden edges of any network
#: Fewest acquaintance edges a network needs for the hidden-edge evaluation.
MIN_EDGES = 10


def _without_pairs(net: ReferralNetwork, hidden: pd.MultiIndex) -> ReferralNetwork:
    """``net`` with every record of the ``hidden`` pairs removed (ties, interviews, referrals)."""

    def mask(a: pd.Series, b: pd.Series) -> np.ndarray:
        a, b = a.astype(str).to_numpy(), b.astype(str).to_numpy()
        lo, hi = np.where(a < b, a, b), np.where(a < b, b, a)
        return pd.MultiIndex.from_arrays([lo, hi]).isin(hidden)

    ties, iv, ref = net.ties, net.interviews, net.referrals
    tables = {
        "people": net.people.reset_index(),
        "ties": ties[~mask(ties["person_a"], ties["person_b"])].reset_index(drop=True),
        "interviews": iv[~mask(iv["seeker_id"], iv["contact_id"])].reset_index(drop=True),
        "referrals": ref[~mask(ref["referrer_id"], ref["referred_id"])].reset_index(drop=True),
    }
    return ReferralNetwork.from_tables(tables, source=net.source, as_of_date=net.as_of_date)


def network_hidden_edge_runs(
    net: ReferralNetwork,
    *,
    share: float = 0.1,
    seeds: Iterable[int] = range(1),
    k: int = 10,
    seekers: int = 200,
    methods: Iterable[str] | None = None,
    weights: SuggestWeights | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Return one row per seed and method of the hidden-edge evaluation of a network.

    For each seed: hide ``round(share * edges)`` acquaintance edges chosen at random
    (every tie, interview and referral between the two people is removed), sample up
    to ``seekers`` people who lost an edge, rank each one's candidates in the
    remaining network (:func:`rank_candidates`) and score ``recall_at_k``: the hidden
    neighbours in the top ``k`` over ``min(k, hidden neighbours)``, averaged over the
    seekers; and ``auc``: the chance a hidden neighbour scores above a person drawn
    at random among the seeker's non-neighbours (one per hidden neighbour; someone
    who is not a candidate scores below every candidate; ties count half).

    Parameters
    ----------
    net
        The network (its people keep their attributes).
    share
        Share of edges to hide, in (0, 1).
    seeds
        Random seeds, one split each.
    k
        Cut-off of recall@k.
    seekers
        Most seekers sampled per seed (seeded).
    methods
        Methods (default :data:`METHODS`).
    weights
        Weights for ``suggest``.
    progress
        Show a progress bar over the seekers.

    Returns
    -------
    pandas.DataFrame
        Columns ``seed``, ``method``, ``seekers``, ``hidden``, ``recall_at_k`` and ``auc``.

    Raises
    ------
    NetgraphError
        For a network with fewer than :data:`MIN_EDGES` edges (saying so), an unknown
        method, ``k < 1``, ``seekers < 1`` or ``share`` outside (0, 1).

    Examples
    --------
    >>> import networkx as nx
    >>> net = network_from_graph(nx.karate_club_graph())
    >>> runs = network_hidden_edge_runs(net, seekers=5, methods=["adamic_adar"])
    >>> runs[["seed", "method", "seekers", "hidden"]].values.tolist()
    [[0, 'adamic_adar', 5, 8]]
    """
    methods = _check_options(methods, k, "share", share)
    if isinstance(seekers, bool) or not isinstance(seekers, int) or seekers < 1:
        raise NetgraphError(f"seekers must be a whole number >= 1, got {seekers!r}")
    edges = net.edges
    m = len(edges)
    if m < MIN_EDGES:
        raise NetgraphError(
            f"too small to evaluate: {len(net.people)} people and {m} acquaintance edges "
            f"(ties, completed interviews, referrals); hiding {share:.0%} of the edges needs "
            f"at least {MIN_EDGES}"
        )
    u = edges["u"].astype(str).to_numpy()
    v = edges["v"].astype(str).to_numpy()
    everyone = np.sort(net.people.index.to_numpy(dtype=object))
    rows = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        size = max(1, round(share * m))
        pick = np.sort(rng.choice(m, size=size, replace=False))
        hidden = pd.MultiIndex.from_arrays([u[pick], v[pick]])
        train = _without_pairs(net, hidden)
        lost: dict[str, set[str]] = {}
        for a, b in zip(u[pick].tolist(), v[pick].tolist(), strict=True):
            lost.setdefault(a, set()).add(b)
            lost.setdefault(b, set()).add(a)
        people = sorted(lost)
        chosen = sorted(
            people[i]
            for i in rng.choice(len(people), size=min(seekers, len(people)), replace=False)
        )
        known = net.csr
        negatives = {}
        for s in chosen:
            near = set(known.ids[known.neighbors(known.index[s])].tolist()) | {s}
            negatives[s] = _sample_non_neighbours(rng, everyone, near, len(lost[s]))
        bar = _progress(
            total=len(chosen) * len(methods),
            desc=f"hidden edges, seed {seed}",
            unit="rankings",
            progress=progress,
        )
        with bar:
            for method in methods:
                recalls, pos, neg = [], [], []
                for s in chosen:
                    bar.update()
                    order, scores = rank_candidates(train, s, method, weights=weights)
                    targets = lost[s]
                    if method == "random":
                        _, share_k, _ = _random_expectations(len(order), 1, k)
                        got = sum(1 for t in targets if t in scores) * share_k
                        score = dict.fromkeys(order, 1.0)
                    else:
                        got = len(targets & set(order[:k]))
                        score = scores
                    recalls.append(got / min(k, len(targets)))
                    pos += [score.get(t, -math.inf) for t in sorted(targets)]
                    neg += [score.get(p, -math.inf) for p in negatives[s]]
                rows.append(
                    {
                        "seed": seed,
                        "method": method,
                        "seekers": len(chosen),
                        "hidden": size,
                        "recall_at_k": float(np.mean(recalls)) if recalls else 0.0,
                        "auc": _auc(pos, neg),
                    }
                )
    return pd.DataFrame(rows, columns=["seed", "method", "seekers", "hidden", "recall_at_k", "auc"])


def network_hidden_edges(
    net: ReferralNetwork,
    *,
    name: str = "network",
    share: float = 0.1,
    seeds: Iterable[int] = range(1),
    k: int = 10,
    seekers: int = 200,
    methods: Iterable[str] | None = None,
    weights: SuggestWeights | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Return the hidden-edge comparison table of one network, averaged over seeds.

    See :func:`network_hidden_edge_runs`; the columns are those of :func:`hidden_edges`
    (``graph`` is ``name``).

    Examples
    --------
    >>> import networkx as nx
    >>> net = network_from_graph(nx.karate_club_graph())
    >>> t = network_hidden_edges(net, name="karate", seekers=5, methods=["adamic_adar"])
    >>> t[["graph", "method", "seeds"]].values.tolist()
    [['karate', 'adamic_adar', 1]]
    """
    methods = _check_methods(methods)
    runs = network_hidden_edge_runs(
        net,
        share=share,
        seeds=seeds,
        k=k,
        seekers=seekers,
        methods=methods,
        weights=weights,
        progress=progress,
    )
    agg = _summarize_runs(runs, name, methods, k)
    return agg[["graph", "method", "k", "seeds", "recall_at_k", "recall_sd", "auc"]]


def network_from_edge_list(path: str | Path, *, nodes: str | Path | None = None) -> ReferralNetwork:
    r"""Read an edge list (and optionally a node table) as a network of ties.

    ``path`` holds two ids a line (separated by spaces, tabs or a comma; lines
    starting with ``#`` are comments), or a CSV file whose header names ``source``
    and ``target``. ``nodes`` is an optional CSV node table with an ``id`` (or
    ``person_id``) column; its other columns become people attributes (``name``,
    ``organization``, ``industry``, ``major``, ``location``, ``grad_year``, ... as
    in ``people.csv``). Every edge becomes a tie of kind ``acquaintance``.

    Raises
    ------
    DataError
        Listing every bad line at once: a line without two ids, an edge from a person
        to themself, a node table without an id column or with a repeated id, an edge
        naming an id the node table lacks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "e.txt"
    >>> _ = f.write_text("a b\nb c\n")
    >>> network_from_edge_list(f)
    <ReferralNetwork 3 people, 2 ties, 0 interviews, 0 referrals>
    """
    import csv
    import re

    from netgraph.errors import DataError, Problem

    path = Path(path)
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise NetgraphError(f"cannot read edge list {path}: {exc}") from None
    lines = text.splitlines()
    pairs: list[tuple[str, str, int]] = []
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    header = [c.strip().lower() for c in lines[first].split(",")] if first is not None else []
    if "source" in header and "target" in header:
        reader = csv.DictReader(lines[first:])
        reader.fieldnames = [c.strip().lower() for c in reader.fieldnames or []]
        for n, row in enumerate(reader, start=first + 2):
            a, b = (row.get("source") or "").strip(), (row.get("target") or "").strip()
            if not a or not b:
                problems.append(
                    Problem(path.name, n, "source" if not a else "target", "", "a person id")
                )
                continue
            pairs.append((a, b, n))
    else:
        for n, line in enumerate(lines, start=1):
            body = line.strip()
            if not body or body.startswith("#"):
                continue
            parts = [p for p in re.split(r"[\s,]+", body) if p]
            if len(parts) != 2:
                problems.append(Problem(path.name, n, None, body[:60], "two ids (source target)"))
                continue
            pairs.append((parts[0], parts[1], n))
    for a, b, n in pairs:
        if a == b:
            problems.append(Problem(path.name, n, "target", b, "another person than the source"))
    people = None
    if nodes is not None:
        table = pd.read_csv(nodes, dtype=str, keep_default_na=False)
        table.columns = [c.strip() for c in table.columns]
        key = "person_id" if "person_id" in table.columns else "id"
        if key not in table.columns:
            problems.append(
                Problem(Path(nodes).name, 1, None, ",".join(table.columns)[:60], "an id column")
            )
        else:
            ids = table[key].str.strip()
            for line, dup in zip(
                ids.index[ids.duplicated()] + 2, ids[ids.duplicated()], strict=True
            ):
                problems.append(Problem(Path(nodes).name, int(line), key, dup, "a unique id"))
            known = set(ids)
            for a, b, n in pairs:
                for col, x in (("source", a), ("target", b)):
                    if x not in known:
                        problems.append(
                            Problem(path.name, n, col, x, f"an id of {Path(nodes).name}")
                        )
            people = table.rename(columns={key: "person_id"})
    if problems:
        raise DataError(problems)
    ids = sorted(
        {x for a, b, _ in pairs for x in (a, b)}
        | (set(people["person_id"]) if people is not None else set())
    )
    return _tie_network(ids, [(a, b) for a, b, _ in pairs], people)


def _tie_network(ids: list[str], pairs: list[tuple[str, str]], extra) -> ReferralNetwork:
    """Return a network of ``acquaintance`` ties between ``ids`` (attributes from ``extra``)."""
    import tempfile

    from netgraph.load import read_tables

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cols = ["person_id", "name"]
        base = pd.DataFrame({"person_id": ids, "name": ids})
        if extra is not None:
            extra = extra.copy()
            if "name" not in extra.columns:
                extra["name"] = extra["person_id"]
            base = base[["person_id"]].merge(extra, on="person_id", how="left").fillna("")
            base.loc[base["name"].eq(""), "name"] = base["person_id"]
            cols = list(base.columns)
        base[cols].to_csv(folder / "people.csv", index=False)
        pd.DataFrame(
            {
                "person_a": [a for a, _ in pairs],
                "person_b": [b for _, b in pairs],
                "kind": "acquaintance",
            }
        ).to_csv(folder / "ties.csv", index=False)
        return ReferralNetwork.from_tables(read_tables(folder), source=None)
