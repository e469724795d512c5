import json
import subprocess
import sys

import networkx as nx
import numpy as np
import pytest
from conftest import people, ties

import netgraph as ng
from netgraph import _ranker as rk
from netgraph.errors import NetgraphError
from netgraph.evaluate import benchmark_graphs, hidden_edges, network_from_graph


def plain(graph: nx.Graph) -> ng.ReferralNetwork:
    return network_from_graph(nx.relabel_nodes(graph, {u: f"p{u:03d}" for u in graph}))


@pytest.fixture(scope="module")
def lesmis():
    return nx.convert_node_labels_to_integers(nx.les_miserables_graph())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_candidate_features_match_networkx_indices(seed):
    g = nx.gnm_random_graph(60, 180, seed=seed)
    net = plain(g)
    graph, people_ = rk._tie_graph(net), rk._people(net)
    for u in (0, 7, 33):
        s = net.csr.index[f"p{u:03d}"]
        rows, hops, x = rk.candidate_features(graph, people_, s)
        ids = [int(p[1:]) for p in net.csr.ids[rows]]
        want = {v for v, d in nx.single_source_shortest_path_length(g, u, cutoff=3).items()}
        assert set(ids) == want - set(g[u]) - {u}
        col = {f: x[:, rk.FEATURES.index(f)] for f in rk.FEATURES}
        for i, v in enumerate(ids):
            cn = len(list(nx.common_neighbors(g, u, v)))
            assert hops[i] == nx.shortest_path_length(g, u, v)
            assert col["common"][i] == pytest.approx(np.log1p(cn))
            if cn:
                ((_, _, aa),) = nx.adamic_adar_index(g, [(u, v)])
                ((_, _, ra),) = nx.resource_allocation_index(g, [(u, v)])
                ((_, _, jac),) = nx.jaccard_coefficient(g, [(u, v)])
                assert col["adamic_adar"][i] == pytest.approx(np.log1p(aa))
                assert col["resource_allocation"][i] == pytest.approx(np.log1p(10 * ra))
                assert col["jaccard"][i] == pytest.approx(jac)
            # every path here has strength 0.5 per step (the default tie strength)
            assert col["warmth"][i] == pytest.approx(0.25 if hops[i] == 2 else 0.125)


@pytest.mark.parametrize("seeker", ["p001", "p002", "p010", "p023", "p119"])
def test_seeker_walk_equals_the_seekers_view(sample, seeker):
    """The vectorised walk sees what SeekerView and local_paths see (own records too)."""
    from netgraph.suggest import SeekerView, _records, local_paths

    own = [(r.referrer_id, r.referred_id) for r in _records(sample, seeker)[1]]
    walk = rk.SeekerWalk(sample, seeker, own)
    view = SeekerView(sample, seeker)
    ids = sample.csr.ids
    rows = walk.candidates(np.zeros(0, dtype=np.int64))
    cand = ids[rows].tolist()
    ball = view.ball(3)
    assert cand == sorted(p for p, d in ball.items() if d >= 2)
    assert walk.hops(rows).tolist() == [ball[c] for c in cand]
    paths = local_paths(view, seeker, cand)
    raw = walk.raw(rows)
    assert raw["common"].tolist() == [len(paths.common.get(c, [])) for c in cand]
    assert raw["adamic_adar"] == pytest.approx([paths.adamic_adar.get(c, 0) for c in cand])
    assert raw["resource_allocation"] == pytest.approx(
        [paths.resource_allocation.get(c, 0) for c in cand]
    )
    assert raw["local_path"] == pytest.approx([paths.local_path.get(c, 0) for c in cand])
    assert walk.deg[rows].tolist() == [view.degree(c) for c in cand]
    for j in range(0, len(cand), 7):
        got = [(w, ids[a], tuple(ids[list(p)])) for w, a, p in walk.options(int(rows[j]))]
        assert got == paths.options[cand[j]]
        assert raw["warmth"][j] == pytest.approx(paths.options[cand[j]][0][0])


def test_fitted_ranker_beats_adamic_adar_on_les_miserables():
    graphs = {"lesmis": benchmark_graphs()["lesmis"]}
    table = hidden_edges(graphs, seeds=range(3), methods=["suggest", "adamic_adar"])
    got = table.set_index("method")["recall_at_k"]
    assert got["suggest"] > got["adamic_adar"]


def test_the_fit_is_seeded_kept_and_independent_of_row_order(tmp_path, lesmis):
    from conftest import write_folder

    edges = [(f"p{u:03d}", f"p{v:03d}") for u, v in lesmis.edges]
    ppl = people(*(f"p{u:03d}" for u in lesmis))
    a = ng.load(write_folder(tmp_path / "a", ppl, ties(*edges)))
    b = ng.load(write_folder(tmp_path / "b", ppl[::-1], ties(*[(v, u) for u, v in edges[::-1]])))
    ma = rk.fitted_ranker(a)
    assert ma.source == "fitted"
    assert ma.positives >= rk.MIN_POSITIVES
    assert rk.fitted_ranker(a) is ma  # kept on the network
    assert rk.fitted_ranker(b).coef == pytest.approx(ma.coef)
    assert rk.fitted_ranker(a, seed=1).coef != pytest.approx(ma.coef)


def test_small_networks_use_the_documented_prior(build):
    net = build(people("s", "a", "b", "c"), ties(("s", "a"), ("a", "b"), ("b", "c")))
    model = rk.fitted_ranker(net)
    assert model.source == "prior"
    assert model.weights["resource_allocation"] == rk.PRIOR["resource_allocation"]
    assert model == rk.RankerModel.prior()


def test_model_round_trips_through_plain_data(lesmis):
    model = rk.fitted_ranker(plain(lesmis))
    data = json.loads(json.dumps(model.to_dict()))
    assert rk.RankerModel.from_dict(data) == model
    with pytest.raises(NetgraphError, match="other features"):
        rk.RankerModel.from_dict({**data, "features": ["common"]})


def test_a_set_model_is_used_by_suggest(lesmis):
    net = plain(lesmis)
    only_degree = rk.RankerModel(
        features=rk.FEATURES,
        mean=(0.0,) * len(rk.FEATURES),
        scale=(1.0,) * len(rk.FEATURES),
        coef=tuple(1.0 if f == "degree" else 0.0 for f in rk.FEATURES),
        intercept=0.0,
        source="fitted",
    )
    rk.set_ranker(net, only_degree)
    table = ng.suggest(net, "p000", top=None, weights={"novelty": 0, "load": 0, "warmth": 0})
    degree = net.csr.degree[[net.csr.index[p] for p in table["person_id"]]]
    assert list(degree) == sorted(degree, reverse=True)


def test_reasons_name_the_shared_attributes(build):
    # a chain of cliques big enough to fit, where same-major people are the ones tied
    rng = np.random.default_rng(0)
    ids = [f"p{i:03d}" for i in range(120)]
    major = {p: f"M{i % 6}" for i, p in enumerate(ids)}
    pairs = set()
    while len(pairs) < 600:
        a, b = sorted(rng.choice(120, size=2, replace=False).tolist())
        same = major[ids[a]] == major[ids[b]]
        if same or rng.random() < 0.15:
            pairs.add((ids[a], ids[b]))
    net = build(people(*ids, **{p: {"major": major[p]} for p in ids}), ties(*sorted(pairs)))
    model = rk.fitted_ranker(net)
    assert model.weights["same_major"] > 0
    table = ng.suggest(net, "p000", top=5)
    same = table[table["person_id"].map(major.get) == major["p000"]]
    assert len(same)
    assert all("Same major as you (M0)" in r for r in same["reasons"])


def test_importing_netgraph_does_not_load_sklearn():
    code = "import sys, netgraph, netgraph.cli, netgraph.suggest; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_large_neighbourhoods_sample_negatives_with_exact_features(monkeypatch, lesmis):
    net = plain(lesmis)
    graph, people_ = rk._tie_graph(net), rk._people(net)
    s = net.csr.index["p011"]
    rows, _, full = rk.candidate_features(graph, people_, s)
    monkeypatch.setattr(rk, "WALK_LIMIT", 0)
    x, is_pos = rk._sampled_rows(graph, people_, s, rows[:2], np.random.default_rng(0))
    assert is_pos[:2].all() and not is_pos[2:].any()
    # every sampled row is a real candidate's feature row (ra_share aside)
    keep = [i for i, f in enumerate(rk.FEATURES) if f != "ra_share"]
    exact = {tuple(np.round(r[keep], 9)) for r in full}
    assert all(tuple(np.round(r[keep], 9)) in exact for r in x)
    model = rk._fit(net, seed=0, progress=False)
    assert model.source == "fitted"
