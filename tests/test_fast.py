"""Scale and speed: the CSR compute view, its fast local searches, streaming generation.

Every fast path is checked against the plain networkx (or pandas) computation it
replaces, ties included: hand-made networks whose answers are worked out by hand, the
bundled sample, and random graphs (hypothesis).
"""

from __future__ import annotations

import io
import itertools
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph._fast import (
    DIGITS,
    ego_graph,
    hop_arrays,
    hop_distances,
    link_scores,
    warmest_within,
)
from netgraph.cli import main
from netgraph.errors import NetgraphError, UnknownPerson
from netgraph.network import ReferralNetwork
from netgraph.synth import generate, write_dataset, write_generated

DAY = pd.Timestamp("2025-06-01")
FILES = ("people", "ties", "interviews", "referrals")


# ------------------------------------------------------------------ builders
def _tables(
    ids: list[str],
    ties: list[tuple[str, str, str, float | None]] = (),
    interviews: list[tuple[str, str, str, int]] = (),
    referrals: list[tuple[str, str, str, int]] = (),
) -> dict[str, pd.DataFrame]:
    """Tables as the loader types them, from short tuples (days are before ``DAY``)."""
    people = pd.DataFrame({"person_id": pd.Series(ids, dtype=str), "name": [f"N {p}" for p in ids]})
    t = pd.DataFrame(
        {
            "person_a": pd.Series([x[0] for x in ties], dtype=str),
            "person_b": pd.Series([x[1] for x in ties], dtype=str),
            "kind": pd.Series([x[2] for x in ties], dtype=str),
            "strength": pd.Series([x[3] for x in ties], dtype=float),
            "since": pd.Series(pd.NaT, index=range(len(ties)), dtype="datetime64[ns]"),
        }
    )
    iv = pd.DataFrame(
        {
            "interview_id": pd.Series([f"i{j}" for j in range(len(interviews))], dtype=str),
            "seeker_id": pd.Series([x[0] for x in interviews], dtype=str),
            "contact_id": pd.Series([x[1] for x in interviews], dtype=str),
            "date": pd.Series(
                [DAY - pd.Timedelta(days=x[3]) for x in interviews], dtype="datetime64[ns]"
            ),
            "status": pd.Series([x[2] for x in interviews], dtype=str),
            "thank_you_sent": pd.Series(
                pd.NaT, index=range(len(interviews)), dtype="datetime64[ns]"
            ),
        }
    )
    rf = pd.DataFrame(
        {
            "referral_id": pd.Series([f"r{j}" for j in range(len(referrals))], dtype=str),
            "interview_id": pd.Series([""] * len(referrals), dtype=str),
            "referrer_id": pd.Series([x[0] for x in referrals], dtype=str),
            "seeker_id": pd.Series([x[2] for x in referrals], dtype=str),
            "referred_id": pd.Series([x[1] for x in referrals], dtype=str),
            "date": pd.Series(
                [DAY - pd.Timedelta(days=x[3]) for x in referrals], dtype="datetime64[ns]"
            ),
            "status": pd.Series(["named"] * len(referrals), dtype=str),
        }
    )
    return {"people": people, "ties": t, "interviews": iv, "referrals": rf}


def _net(ids: list[str], edges: list[tuple[str, str, float]]) -> ReferralNetwork:
    """A network of ties with the given strengths, as of ``DAY``."""
    ties = [(a, b, "friend", s) for a, b, s in edges]
    return ReferralNetwork.from_tables(_tables(ids, ties), as_of_date=DAY)


def _old_edges(net: ReferralNetwork) -> pd.DataFrame:
    """The edge table as netgraph computed it before the compute view (pandas groupby)."""
    ev = net.evidence
    with np.errstate(divide="ignore"):
        log_miss = np.log1p(-ev["weight"].clip(upper=1.0).to_numpy())
    work = ev.assign(log_miss=log_miss, is_iv=ev["source"].eq("interview"))
    g = work.groupby(["u", "v"], sort=True)
    out = g.agg(
        log_miss=("log_miss", "sum"),
        n_evidence=("weight", "size"),
        n_interviews=("is_iv", "sum"),
        last_contact=("date", "max"),
    ).reset_index()
    out["strength"] = 1.0 - np.exp(out["log_miss"])
    out["cost"] = -np.log(out["strength"])
    out["kinds"] = g["kind"].agg(lambda s: ";".join(sorted(set(s)))).to_numpy()
    cols = ["u", "v", "strength", "cost", "n_evidence", "n_interviews", "last_contact", "kinds"]
    return out[cols]


# --------------------------------------------------------- brute-force truth
def _brute(g: nx.Graph, s: str, k: int) -> dict[str, dict]:
    """Every simple path of <= k hops; the warmest and the warmest shortest, by the rule.

    Paths compare by cost (summed from the seeker, rounded to DIGITS), then hops, then
    the path's ids in order; among the fewest-hop paths, by cost then ids.
    """
    dist = nx.single_source_shortest_path_length(g, s, cutoff=k)
    out: dict[str, dict] = {}
    for t in dist:
        if t == s:
            continue
        warm = short = None
        for path in nx.all_simple_paths(g, s, t, cutoff=k):
            c = 0.0
            for a, b in itertools.pairwise(path):
                c += g.edges[a, b]["cost"]
            key = (round(c, DIGITS), len(path) - 1, tuple(path))
            warm = key if warm is None or key < warm else warm
            if len(path) - 1 == dist[t]:
                skey = (round(c, DIGITS), tuple(path))
                short = skey if short is None or skey < short else short
        strength = math.prod(g.edges[a, b]["strength"] for a, b in itertools.pairwise(warm[2]))
        out[t] = {"hops": dist[t], "warm_path": warm[2], "strength": strength, "short": short[1]}
    return out


def _check_warm(net: ReferralNetwork, s: str, k: int, search: int | None = None) -> None:
    """Check ``warmest_within(net, s, search)`` (default ``k``) against brute force to k."""
    truth = _brute(net.acquaintance, s, k)
    frame = warmest_within(net, s, k if search is None else search).to_frame()
    assert set(frame["person_id"]) == set(truth)
    for row in frame.itertuples():
        t = truth[row.person_id]
        assert row.warm_path == t["warm_path"]
        assert row.strength == t["strength"]  # the same product, bit for bit
        assert row.hops == t["hops"]
        assert row.warm_hops == len(t["warm_path"]) - 1
        assert row.via_id == t["warm_path"][1]
        assert row.shortest_path == t["short"]
    keys = [(r.hops, -round(r.strength, DIGITS), r.person_id) for r in frame.itertuples()]
    assert keys == sorted(keys)


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def two_routes_equal_warmth() -> ReferralNetwork:
    """s reaches t through a (0.8 then 0.5) and through b (0.5 then 0.8): a tie, 0.4 each.

    The tie goes to the path through the smaller id, a.
    """
    return _net(
        ["s", "a", "b", "t"], [("s", "a", 0.8), ("a", "t", 0.5), ("s", "b", 0.5), ("b", "t", 0.8)]
    )


@pytest.fixture(scope="module")
def warm_detour() -> ReferralNetwork:
    """s knows t coldly (0.3) but s-a-t is warm (0.9 x 0.9 = 0.81).

    s knows u directly at 0.25, and s-c-u gives 0.5 x 0.5 = 0.25 too: equal warmth,
    so the direct path (fewer hops) wins.
    """
    return _net(
        ["s", "a", "c", "t", "u"],
        [
            ("s", "t", 0.3),
            ("s", "a", 0.9),
            ("a", "t", 0.9),
            ("s", "c", 0.5),
            ("c", "u", 0.5),
            ("s", "u", 0.25),
        ],
    )


@pytest.fixture(scope="module")
def bridge_and_clusters() -> ReferralNetwork:
    """s - a - {b, c}; s - d - e; excluding a cuts s off from b and c."""
    edges = [
        ("s", "a", 0.5),
        ("a", "b", 0.5),
        ("a", "c", 0.5),
        ("b", "c", 0.5),
        ("s", "d", 0.5),
        ("d", "e", 0.5),
    ]
    return _net(["s", "a", "b", "c", "d", "e", "z"], edges)


# --------------------------------------------------------------- hand-made
def test_equal_warmth_goes_to_the_smaller_id(two_routes_equal_warmth):
    w = warmest_within(two_routes_equal_warmth, "s", 2).to_frame().set_index("person_id")
    assert w.loc["t", "warm_path"] == ("s", "a", "t")
    assert w.loc["t", "strength"] == pytest.approx(0.4)
    assert w.loc["t", "shortest_path"] == ("s", "a", "t")
    assert w.loc["t", "via_id"] == "a"


def test_warm_detour_beats_cold_direct(warm_detour):
    w = warmest_within(warm_detour, "s", 3)
    f = w.to_frame().set_index("person_id")
    assert f.loc["t", "warm_path"] == ("s", "a", "t")
    assert f.loc["t", "strength"] == pytest.approx(0.81)
    assert f.loc["t", "hops"] == 1
    assert f.loc["t", "shortest_path"] == ("s", "t")
    assert f.loc["t", "shortest_strength"] == pytest.approx(0.3)
    # 0.5 x 0.5 = 0.25 = the direct tie: fewer hops wins
    assert f.loc["u", "warm_path"] == ("s", "u")
    # the predecessor on t's warmest path is a
    i = list(w.ids).index("t")
    assert warm_detour.csr.ids[w.pred[i]] == "a"
    assert warm_detour.csr.ids[w.via[i]] == "a"


def test_hop_limit_is_respected(warm_detour):
    f = warmest_within(warm_detour, "s", 1).to_frame().set_index("person_id")
    assert f.loc["t", "warm_path"] == ("s", "t")
    assert f.loc["t", "strength"] == pytest.approx(0.3)


def test_exclude_a_contact(bridge_and_clusters):
    net = bridge_and_clusters
    rows, hops = hop_arrays(net, "s", 3)
    assert dict(zip(net.csr.ids[rows], hops.tolist(), strict=True)) == {
        "s": 0, "a": 1, "d": 1, "b": 2, "c": 2, "e": 2
    }  # fmt: skip
    rows, _ = hop_arrays(net, "s", 3, exclude=["a"])
    assert set(net.csr.ids[rows]) == {"s", "d", "e"}


def test_isolated_seeker(bridge_and_clusters):
    assert hop_distances(bridge_and_clusters, "z", 3) == {"z": 0}
    assert len(warmest_within(bridge_and_clusters, "z", 3)) == 0
    assert link_scores(bridge_and_clusters, "z").empty
    assert list(ego_graph(bridge_and_clusters, "z", 2).nodes) == ["z"]


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda n: hop_arrays(n, "s", -1), NetgraphError, "at least 0"),
        (lambda n: hop_arrays(n, "s", 1.5), NetgraphError, "whole number"),
        (lambda n: warmest_within(n, "s", 0), NetgraphError, "at least 1"),
        (lambda n: hop_arrays(n, "s", 2, exclude=["s"]), NetgraphError, "cannot exclude"),
        (lambda n: hop_distances(n, "nobody", 2), UnknownPerson, "nobody"),
    ],
)
def test_bad_arguments(bridge_and_clusters, call, error, words):
    with pytest.raises(error, match=words):
        call(bridge_and_clusters)


def test_names_resolve(bridge_and_clusters):
    assert hop_distances(bridge_and_clusters, "N s", 1) == {"s": 0, "a": 1, "d": 1}


# ------------------------------------------------------------------ sample
def test_csr_matches_the_acquaintance_graph(sample):
    csr, g = sample.csr, sample.acquaintance
    assert list(csr.ids) == sorted(g.nodes)
    assert len(csr.indices) == 2 * g.number_of_edges()
    want = nx.to_scipy_sparse_array(g, nodelist=list(csr.ids), weight="strength", format="csr")
    got = csr.matrix()
    assert (got != want).nnz == 0
    assert (csr.matrix("ones") != csr.matrix("ones").T).nnz == 0
    for i in range(len(csr)):
        nb = csr.neighbors(i)
        assert (np.diff(nb) > 0).all()
    e = sample.edges
    assert (e["strength"].to_numpy()[csr.edge] == csr.strength).all()
    with pytest.raises(ValueError, match="values"):
        csr.matrix("weight")
    with pytest.raises(ValueError, match="read-only"):
        csr.indices[0] = 1


def test_edges_table_unchanged(sample):
    pd.testing.assert_frame_equal(sample.edges, _old_edges(sample), check_exact=True)


@pytest.mark.parametrize("k", [0, 1, 2, 3, 4, None])
def test_hop_distances_match_networkx_on_sample(sample, k):
    for s in sample.seekers[:10]:
        want = nx.single_source_shortest_path_length(sample.acquaintance, s, cutoff=k)
        assert hop_distances(sample, s, k) == want


@pytest.mark.parametrize("k", [1, 2, 3])
def test_warmest_matches_brute_force_on_sample(sample, k):
    for s in ["p001", *sample.seekers[1:4]]:
        _check_warm(sample, s, k)


def test_link_scores_match_networkx_on_sample(sample):
    g = sample.acquaintance
    for s in sample.seekers[:5]:
        scores = link_scores(sample, s)
        two = nx.single_source_shortest_path_length(g, s, cutoff=2)
        assert set(scores["person_id"]) == {v for v, d in two.items() if d == 2}
        assert scores["person_id"].is_monotonic_increasing
        pairs = [(s, w) for w in scores["person_id"]]
        aa = [p for _, _, p in nx.adamic_adar_index(g, pairs)]
        ja = [p for _, _, p in nx.jaccard_coefficient(g, pairs)]
        ra = [p for _, _, p in nx.resource_allocation_index(g, pairs)]
        cn = [len(list(nx.common_neighbors(g, s, w))) for _, w in pairs]
        assert scores["adamic_adar"].tolist() == pytest.approx(aa)
        assert scores["jaccard"].tolist() == pytest.approx(ja)
        assert scores["resource_allocation"].tolist() == pytest.approx(ra)
        assert scores["common"].tolist() == cn


@pytest.mark.parametrize("radius", [0, 1, 2])
def test_ego_graph_matches_networkx_on_sample(sample, radius):
    g = sample.acquaintance
    mine = ego_graph(sample, "p001", radius)
    want = nx.ego_graph(g, "p001", radius)
    assert set(mine.nodes) == set(want.nodes)
    assert {frozenset(e) for e in mine.edges} == {frozenset(e) for e in want.edges}
    for a, b, data in mine.edges(data=True):
        ref = want.edges[a, b]
        assert data["strength"] == ref["strength"]
        assert data["cost"] == ref["cost"]
        assert data["kinds"] == ref["kinds"]
        assert data["n_interviews"] == ref["n_interviews"]
    for n, data in mine.nodes(data=True):
        assert data.keys() == want.nodes[n].keys()
    assert not nx.is_frozen(mine)


# ------------------------------------------------------ unbounded max_hops
def test_a_chain_needs_as_many_layers_as_it_is_long():
    net = _net(["s", "a", "b", "c"], [("s", "a", 0.8), ("a", "b", 0.5), ("b", "c", 0.5)])
    w = warmest_within(net, "s", 10**9)
    assert w.layers == 3 and w.max_hops == 10**9
    assert w.to_frame()["warm_hops"].tolist() == [1, 2, 3]


def test_a_warm_detour_needs_one_more_layer_than_the_plain_distance(warm_detour):
    # t is one hop away, but its warmest path has two: layer 2 improves it, layer 3
    # improves nobody, so the search stops there
    assert warmest_within(warm_detour, "s", 10**9).layers == 2


@pytest.mark.parametrize("seeker", ["p001", "p002", "p050", "p200", "p400"])
def test_huge_max_hops_is_as_good_as_the_number_of_people(sample, seeker):
    # the attack: max_hops=10**9 used to allocate a layer per hop (past 23 GB)
    n = len(sample.people)
    huge = warmest_within(sample, seeker, 10**9)
    full = warmest_within(sample, seeker, n)
    pd.testing.assert_frame_equal(huge.to_frame(), full.to_frame(), check_exact=True)
    assert huge.layers == full.layers < 20  # the sample's paths are short
    assert huge.layers == huge.warm_hops.max(initial=0)  # the last layer built mattered
    if huge.layers:
        shorter = warmest_within(sample, seeker, huge.layers).to_frame()
        pd.testing.assert_frame_equal(shorter, huge.to_frame(), check_exact=True)


def test_huge_max_hops_memory_is_bounded_by_the_people(sample):
    import tracemalloc

    tracemalloc.start()
    try:
        w = warmest_within(sample, "p001", 10**9)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # a few arrays of (people reached) x (layers): ~0.5 MB measured on the sample
    assert peak < 200 * len(sample.people) * (w.layers + 1)
    assert peak < 5 * 1024**2


def test_cli_reach_with_huge_hops_prints_the_same_as_the_number_of_people(capsys):
    assert main(["reach", "--hops", "100000", "--format", "json"]) == 0
    huge = capsys.readouterr().out
    assert main(["reach", "--hops", "400", "--format", "json"]) == 0
    assert huge == capsys.readouterr().out
    hops = [row["hops"] for row in pd.read_json(io.StringIO(huge)).to_dict("records")]
    assert hops == list(range(1, len(hops) + 1)) and len(hops) < 20


# -------------------------------------------------------------- hypothesis
STRENGTHS = [0.25, 0.5, 0.8, 0.9, 1.0]


@st.composite
def graphs(draw):
    """Small graphs whose strengths repeat, so that equal-warmth ties are common."""
    n = draw(st.integers(2, 7))
    ids = [f"p{i}" for i in range(n)]
    pairs = list(itertools.combinations(ids, 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=min(12, len(pairs))))
    edges = [(a, b, draw(st.sampled_from(STRENGTHS))) for a, b in chosen]
    return ids, edges, draw(st.sampled_from(ids)), draw(st.integers(1, 4))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_fast_paths_match_networkx_on_random_graphs(case):
    ids, edges, s, k = case
    net = _net(ids, edges)
    g = net.acquaintance
    assert hop_distances(net, s, k) == nx.single_source_shortest_path_length(g, s, cutoff=k)
    _check_warm(net, s, k)
    reach_k = set(hop_distances(net, s, k))
    assert reach_k <= set(hop_distances(net, s, k + 1))  # reach never shrinks with hops
    _check_warm(net, s, len(ids) - 1, search=10**9)  # unbounded: stops by itself
    ego = ego_graph(net, s, k)
    assert {frozenset(e) for e in ego.edges} == {frozenset(e) for e in nx.ego_graph(g, s, k).edges}
    scores = link_scores(net, s)
    pairs = [(s, w) for w in scores["person_id"]]
    assert scores["adamic_adar"].tolist() == pytest.approx(
        [p for _, _, p in nx.adamic_adar_index(g, pairs)]
    )


@st.composite
def evidence_tables(draw):
    """Ties, interviews and referrals with repeated pairs, custom kinds, strength 1."""
    ids = [f"p{i}" for i in range(draw(st.integers(2, 6)))]
    pair = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1])
    kind = st.sampled_from(["family", "friend", "", " Mentor ", "neighbour", "coworker"])
    strength = st.sampled_from([None, 0.3, 0.5, 1.0])
    day = st.integers(0, 900)
    ties = draw(st.lists(st.tuples(pair, kind, strength), max_size=6))
    status = st.sampled_from(["completed", "completed", "requested", "declined"])
    ivs = draw(st.lists(st.tuples(pair, status, day), max_size=8))
    refs = draw(st.lists(st.tuples(pair, st.sampled_from(ids), day), max_size=6))
    return _tables(
        ids,
        [(a, b, k, s) for (a, b), k, s in ties],
        [(a, b, stt, d) for (a, b), stt, d in ivs],
        [(a, b, sk, d) for (a, b), sk, d in refs],
    )


@settings(max_examples=150, deadline=None)
@given(evidence_tables())
def test_edge_table_matches_groupby_on_random_evidence(tables):
    net = ReferralNetwork.from_tables(tables, as_of_date=DAY)
    if net.evidence.empty:
        assert net.edges.empty
        return
    pd.testing.assert_frame_equal(net.edges, _old_edges(net), check_exact=True)
    csr = net.csr
    assert len(csr.indices) == 2 * len(net.edges)
    assert (csr.matrix() != csr.matrix().T).nnz == 0


# -------------------------------------------------------- generating at scale
def test_streamed_files_equal_the_written_tables(tmp_path: Path):
    kwargs = {"seed": 4, "months": 12}
    write_dataset(generate(300, **kwargs), tmp_path / "whole")
    counts = write_generated(tmp_path / "streamed", 300, chunk_rows=37, progress=False, **kwargs)
    for name in FILES:
        whole = (tmp_path / "whole" / f"{name}.csv").read_bytes()
        assert whole == (tmp_path / "streamed" / f"{name}.csv").read_bytes()
        assert counts[name] == whole.count(b"\n") - 1  # no cell holds a line break
    assert sorted(p.name for p in (tmp_path / "streamed").iterdir()) == sorted(
        f"{n}.csv" for n in FILES
    )


@pytest.fixture(scope="module")
def pooled(tmp_path_factory: pytest.TempPathFactory) -> ReferralNetwork:
    """A pooled data set (5,000 people or more: denser, heavy-tailed), loaded."""
    folder = tmp_path_factory.mktemp("pooled")
    write_generated(folder, 6000, seed=2, progress=False)
    return ng.load(folder)


def test_pooled_data_has_about_ten_edges_per_person(pooled):
    per_person = len(pooled.edges) / len(pooled.people)
    assert 8.5 < per_person < 11.5
    degree = pooled.csr.degree
    assert degree.max() > 10 * np.median(degree)  # heavy-tailed
    t = pooled.ties
    pairs = pd.DataFrame(np.sort(t[["person_a", "person_b"]].to_numpy(dtype=str), axis=1))
    assert not pairs.duplicated().any()
    assert set(t["kind"]) == {"family", "friend", "classmate", "coworker", "mentor", "professor"}
    org = pooled.people["organization"]
    co = t[t["kind"] == "coworker"]
    assert (org[co["person_a"]].to_numpy() == org[co["person_b"]].to_numpy()).mean() > 0.9
    # community structure: most edges stay within an industry
    ind = pooled.people["industry"]
    e = pooled.edges
    a, b = ind[e["u"]].to_numpy(), ind[e["v"]].to_numpy()
    known = (a != "") & (b != "")
    assert (a[known] == b[known]).mean() > 0.5


def test_small_data_sets_keep_the_base_model():
    # below 5,000 people the default is the base model alone (the sample's model)
    assert generate(1200, seed=2)["ties"].equals(generate(1200, seed=2, edges_per_person=0)["ties"])
    # a pooled data set keeps every base tie and adds community ties
    base = generate(5000, seed=2, edges_per_person=0)["ties"]
    pooled = generate(5000, seed=2)["ties"]
    assert len(pooled) > 3 * len(base)
    pd.testing.assert_frame_equal(pooled.iloc[: len(base)], base)


def test_pooled_generation_is_seeded(tmp_path: Path):
    write_generated(tmp_path / "a", 5000, seed=9, progress=False)
    write_generated(tmp_path / "b", 5000, seed=9, progress=False, chunk_rows=4000)
    for name in FILES:
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (
            tmp_path / "b" / f"{name}.csv"
        ).read_bytes()


@pytest.mark.parametrize("value", [-1, 5000])
def test_edges_per_person_bounds(value):
    with pytest.raises(ValueError, match="edges_per_person"):
        generate(100, edges_per_person=value)


def test_cli_generate_streams(tmp_path: Path, capsys):
    out = tmp_path / "data"
    args = ["generate", "--people", "150", "--seed", "5", "--out", str(out), "--no-progress"]
    assert main(args) == 0
    text = capsys.readouterr()
    assert text.out.startswith(f"wrote {out}: 150 people, ")
    assert text.err == ""
    write_dataset(generate(150, seed=5), tmp_path / "ref")
    for name in FILES:
        assert (out / f"{name}.csv").read_bytes() == (tmp_path / "ref" / f"{name}.csv").read_bytes()


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--people", "10"], "at least 60"),
        (["--edges-per-person", "-2"], "edges_per_person"),
        (["--start", "2024-13-01"], "month"),
    ],
)
def test_cli_generate_bad_input(tmp_path: Path, capsys, extra, words):
    assert main(["generate", "--out", str(tmp_path / "d"), "--no-progress", *extra]) == 2
    err = capsys.readouterr().err
    assert "netgraph: error:" in err
    assert words in err
    assert "Traceback" not in err
