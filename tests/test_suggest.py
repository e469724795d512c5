"""Suggestions: each signal on hand-made graphs, exclusions, privacy, determinism, reasons, CLI."""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from conftest import people, ties, write_folder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import NetgraphError, UnknownPerson
from netgraph.evaluate import network_from_graph
from netgraph.suggest import (
    SIGNALS,
    SUGGEST_COLUMNS,
    LocalPaths,
    SeekerView,
    SuggestWeights,
    already_met,
    excluded,
    goal_signal,
    load_penalty,
    local_paths,
    novelty_signal,
    parse_goals,
    pending_signal,
    seniority_signal,
    structural_signal,
    visible_graph,
    warmth_signal,
)

# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def star(build):
    """s knows a, b, c; a knows x and y; b knows x; c knows z.

    Degrees: a 3, b 2, c 2. Adamic-Adar: x = 1/ln 3 + 1/ln 2, y = 1/ln 3, z = 1/ln 2.
    """
    return build(
        people("s", "a", "b", "c", "x", "y", "z"),
        ties(("s", "a"), ("s", "b"), ("s", "c"), ("a", "x"), ("a", "y"), ("b", "x"), ("c", "z")),
    )


@pytest.fixture(scope="module")
def warm_routes(build):
    """Two introducers to x (0.9*0.5 = 0.45 via a, 0.5*0.8 = 0.40 via b), and w: two
    steps via b (0.5*0.2 = 0.1) but warmer in three via a and m (0.9**3 = 0.729)."""
    return build(
        people("s", "a", "b", "m", "w", "x"),
        ties(
            ("s", "a", 0.9),
            ("a", "x", 0.5),
            ("s", "b", 0.5),
            ("b", "x", 0.8),
            ("a", "m", 0.9),
            ("m", "w", 0.9),
            ("b", "w", 0.2),
        ),
    )


@pytest.fixture(scope="module")
def one_introducer_three_people(build):
    """s knows a (0.9) and b (0.8); both know x1, x2, x3 (0.5): a is warmer for all."""
    rows = [("s", "a", 0.9), ("s", "b", 0.8)]
    rows += [(i, x, 0.5) for i in "ab" for x in ("x1", "x2", "x3")]
    return build(people("s", "a", "b", "x1", "x2", "x3"), ties(*rows))


def dana_network(build, status: str = "named"):
    """Student s interviewed Dana Ortiz, who named x on 12 Mar 2025; f1-f3 all know y."""
    ppl = people(
        "s",
        "d",
        "x",
        "f1",
        "f2",
        "f3",
        "y",
        s={"role": "student", "seniority": "student", "grad_year": "2026"},
        d={"name": "Dana Ortiz"},
        x={"industry": "Healthcare", "grad_year": "2023", "seniority": "entry"},
    )
    return build(
        ppl,
        ties(("s", "f1"), ("s", "f2"), ("s", "f3"), ("y", "f1"), ("y", "f2"), ("y", "f3")),
        [
            {
                "interview_id": "i1",
                "seeker_id": "s",
                "contact_id": "d",
                "date": "2025-03-01",
                "status": "completed",
            }
        ],
        [
            {
                "referral_id": "r1",
                "interview_id": "i1",
                "referrer_id": "d",
                "seeker_id": "s",
                "referred_id": "x",
                "date": "2025-03-12",
                "status": status,
            }
        ],
    )


@pytest.fixture(scope="module")
def dana(build):
    return dana_network(build)


@pytest.fixture(scope="module")
def two_seekers(build):
    """Classmates s1 and s2. s2 interviewed c, who named x to s2: all of it s2's own."""
    return build(
        people("s1", "s2", "c", "x", "t"),
        ties(("s1", "s2"), ("s1", "t"), kind="classmate"),
        [
            {
                "interview_id": "i1",
                "seeker_id": "s2",
                "contact_id": "c",
                "date": "2025-01-10",
                "status": "completed",
            }
        ],
        [
            {
                "referral_id": "r1",
                "interview_id": "i1",
                "referrer_id": "c",
                "seeker_id": "s2",
                "referred_id": "x",
                "date": "2025-01-11",
                "status": "named",
            }
        ],
    )


def paths_of(net, seeker):
    view = SeekerView(net, seeker)
    cands = sorted(set(view.ball(3)) - already_met(net, seeker))
    return local_paths(view, seeker, cands)


# ------------------------------------------------------------ structural


def test_local_paths_on_star_match_hand_computation(star):
    p = paths_of(star, "s")
    assert p.common == {"x": ["a", "b"], "y": ["a"], "z": ["c"]}
    assert p.adamic_adar["x"] == pytest.approx(1 / math.log(3) + 1 / math.log(2))
    assert p.adamic_adar["y"] == pytest.approx(1 / math.log(3))
    assert p.adamic_adar["z"] == pytest.approx(1 / math.log(2))
    assert p.resource_allocation == pytest.approx({"x": 1 / 3 + 1 / 2, "y": 1 / 3, "z": 1 / 2})
    assert p.local_path == {}


def test_structural_signal_saturates_and_keeps_adamic_adar_order(star):
    sig = structural_signal(paths_of(star, "s"))
    aa = 1 / math.log(3) + 1 / math.log(2)
    assert sig["x"] == pytest.approx(aa / (aa + 1))
    assert sorted(sig, key=sig.get, reverse=True) == ["x", "z", "y"]
    assert all(0 <= v < 1 for v in sig.values())
    alone = ng.suggest(star, "s", weights=SuggestWeights.only("structural"))
    assert alone["person_id"].tolist() == ["x", "z", "y"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_local_path_indices_agree_with_networkx(seed):
    g = nx.gnp_random_graph(30, 0.12, seed=seed)
    net = network_from_graph(g)
    rel = nx.relabel_nodes(g, str)
    p = paths_of(net, "0")
    pairs = [("0", c) for c in p.options]
    aa = {v: s for _, v, s in nx.adamic_adar_index(rel, pairs)}
    ra = {v: s for _, v, s in nx.resource_allocation_index(rel, pairs)}
    for c in p.options:
        assert p.adamic_adar.get(c, 0.0) == pytest.approx(aa[c])
        assert p.resource_allocation.get(c, 0.0) == pytest.approx(ra[c])
        assert len(p.common.get(c, [])) == len(list(nx.common_neighbors(rel, "0", c)))


def test_three_step_people_are_ordered_by_local_paths(build):
    # c is reached by two three-step paths (s-a-b-c, s-a-b2-c), f by one (s-d-e-f).
    net = build(
        people("s", "a", "b", "b2", "c", "d", "e", "f"),
        ties(
            ("s", "a"),
            ("a", "b"),
            ("a", "b2"),
            ("b", "c"),
            ("b2", "c"),
            ("s", "d"),
            ("d", "e"),
            ("e", "f"),
        ),
    )
    p = paths_of(net, "s")
    assert p.local_path["c"] > p.local_path["f"] > 0
    assert "c" not in p.adamic_adar
    sig = structural_signal(p)
    assert sig["c"] > sig["f"] > 0


# ----------------------------------------------------------------- warmth


def test_warmth_prefers_the_warmest_introducer(warm_routes):
    p = paths_of(warm_routes, "s")
    assert [(round(w, 4), a) for w, a, _ in p.options["x"]] == [(0.45, "a"), (0.4, "b")]
    assert warmth_signal(p)["x"] == pytest.approx(0.45)


def test_warmest_path_may_be_longer_than_the_shortest(warm_routes):
    p = paths_of(warm_routes, "s")
    w, intro, path = p.options["w"][0]
    assert (round(w, 3), intro, path) == (0.729, "a", ("s", "a", "m", "w"))
    row = ng.suggest(warm_routes, "s", top=None).set_index("person_id").loc["w"]
    assert row["hops"] == 2
    assert row["introducer_id"] == "a"
    assert row["path"] == "Name s → Name a → Name m → Name w"


# ---------------------------------------------------------------- pending


@pytest.mark.parametrize(
    ("status", "text"),
    [
        ("named", "Named by Dana Ortiz on 12 Mar, not contacted yet"),
        ("introduced", "Introduced by Dana Ortiz on 12 Mar, no interview yet"),
        ("contacted", "Named by Dana Ortiz on 12 Mar, contacted, no interview yet"),
    ],
)
def test_pending_referral_comes_first_with_its_referrer(build, status, text):
    net = dana_network(build, status)
    assert pending_signal(net, "s")["x"].referrer_id == "d"
    table = ng.suggest(net, "s")
    first = table.iloc[0]
    assert (first["person_id"], first["introducer"]) == ("x", "Dana Ortiz")
    assert first["signal_pending"] == SuggestWeights().pending
    assert first["reasons"].startswith(text)


@pytest.mark.parametrize("status", ["interviewed", "declined"])
def test_closed_referrals_are_not_suggested(build, status):
    net = dana_network(build, status)
    assert pending_signal(net, "s") == {}
    assert "x" in excluded(net, "s")
    assert "x" not in set(ng.suggest(net, "s", top=None)["person_id"])


def test_as_of_before_the_referral_forgets_it(dana):
    assert "x" not in set(ng.suggest(dana, "s", top=None, as_of="2025-03-05")["person_id"])


# ------------------------------------------------------------------ goals


def test_parse_goals_folds_case_accents_and_aliases():
    assert parse_goals(
        {"Industry": "SANTÉ  Publique", "tags": ("UX", "Data"), "org": "Fitbit"}
    ) == {
        "industry": ("sante publique",),
        "tag": ("ux", "data"),
        "organization": ("fitbit",),
    }


@pytest.mark.parametrize(
    ("goals", "message"),
    [
        ({"salary": "high"}, "unknown goal 'salary'; use one of industry, organization"),
        ({"industry": "  "}, "goal 'industry' has no value"),
        ({"tag": []}, "goal 'tag' has no value"),
        ("str", "goals must be a mapping such as {'industry': 'Healthcare'}, got 'str'"),
        ([("industry", "Healthcare")], "goals must be a mapping"),
        ({3: "Healthcare"}, "goal names must be text such as 'industry', got 3"),
        ({"industry": 3}, "goal 'industry' must be a text or a list of texts, got 3"),
        ({"tag": ["ux", None]}, "goal 'tag' must be a text or a list of texts"),
    ],
)
def test_bad_goals_are_refused_clearly(star, goals, message):
    with pytest.raises(NetgraphError, match=message):
        ng.suggest(star, "s", goals=goals)


def test_goal_signal_matches_whole_words_ignoring_case_and_accents():
    attrs = {
        "a": {"industry": "Santé", "title": "Senior Product Manager", "tags": ("UX", "data")},
        "b": {"industry": "Healthcare", "title": "Production Lead", "tags": ()},
    }
    goals = parse_goals({"industry": "sante", "title": "product manager", "tag": "ux"})
    got = goal_signal(attrs, ["a", "b"], goals)
    assert got["a"] == (
        1.0,
        [("industry", "Santé"), ("title", "Senior Product Manager"), ("tag", "UX")],
    )
    assert got["b"] == (0.0, [])


def test_goals_lift_a_matching_person_and_say_why(build):
    net = build(
        people("s", "a", "b", "c", "x", "y", "z", y={"industry": "Healthcare"}),
        ties(("s", "a"), ("s", "b"), ("s", "c"), ("a", "x"), ("a", "y"), ("b", "x"), ("c", "z")),
    )
    plain = ng.suggest(net, "s")["person_id"].tolist()
    aimed = ng.suggest(net, "s", goals={"industry": "healthcare"})
    assert plain[0] == "x"
    assert aimed["person_id"].iloc[0] == "y"
    assert "Fits your goals: Healthcare (industry)" in aimed["reasons"].iloc[0]


# ---------------------------------------------------------------- novelty


def test_novelty_flags_an_industry_no_contact_is_in(build):
    net = build(
        people(
            "s",
            "a",
            "b",
            "x",
            "y",
            a={"industry": "Finance"},
            b={"industry": "Finance"},
            x={"industry": "Healthcare"},
            y={"industry": "finance"},
        ),
        ties(("s", "a"), ("s", "b"), ("a", "x"), ("b", "y")),
    )
    got = novelty_signal(SeekerView(net, "s"), "s", net.acquaintance.nodes, ["x", "y"])
    assert got["x"][1] == "Healthcare"
    assert got["y"][1] is None  # "finance" is Finance, ignoring case
    row = ng.suggest(net, "s").set_index("person_id").loc["x"]
    assert "Opens Healthcare, an industry you don't reach yet" in row["reasons"]


def test_novelty_flags_a_community_no_contact_belongs_to(build):
    # s - a, a in the triangle a-a1-a2; a - m; m and the triangle b1-b2-b3 form a clique-ish
    # cluster beyond: m, b1, b2, b3 are in a circle none of s's contacts is in.
    net = build(
        people("s", "a", "a1", "a2", "m", "b1", "b2", "b3"),
        ties(
            ("s", "a"),
            ("a", "a1"),
            ("a", "a2"),
            ("a1", "a2"),
            ("a", "m"),
            ("m", "b1"),
            ("m", "b2"),
            ("m", "b3"),
            ("b1", "b2"),
            ("b1", "b3"),
            ("b2", "b3"),
        ),
    )
    cands = ["a1", "a2", "m", "b1", "b2", "b3"]
    got = novelty_signal(SeekerView(net, "s"), "s", net.acquaintance.nodes, cands)
    assert {c for c in cands if got[c][2]} == {"m", "b1", "b2", "b3"}
    assert got["b1"][0] == 0.5


def _two_cliques(build, interviews=()):
    # a 4-clique and a 3-clique joined by one tie (c3-d1); z knows nobody
    four = [
        (a, b)
        for i, a in enumerate(["c1", "c2", "c3", "c4"])
        for b in ["c1", "c2", "c3", "c4"][i + 1 :]
    ]
    return build(
        people("c1", "c2", "c3", "c4", "d1", "d2", "d3", "z"),
        ties(*four, ("d1", "d2"), ("d1", "d3"), ("d2", "d3"), ("c3", "d1")),
        interviews,
    )


@pytest.mark.parametrize("nx_max", [5_000, 0], ids=["louvain-networkx", "leiden-igraph"])
def test_tie_communities_are_the_cliques_numbered_by_size(build, monkeypatch, nx_max):
    monkeypatch.setattr(sys.modules["netgraph.suggest"], "COMMUNITY_NX_MAX", nx_max)
    labels = ng.tie_communities(_two_cliques(build))
    assert labels.index.tolist() == ["c1", "c2", "c3", "c4", "d1", "d2", "d3", "z"]
    assert labels.name == "community" and labels.index.name == "person_id"
    assert labels.to_dict() == {
        "c1": 0,
        "c2": 0,
        "c3": 0,
        "c4": 0,
        "d1": 1,
        "d2": 1,
        "d3": 1,
        "z": 2,
    }


def test_tie_communities_ignore_interviews_and_are_kept(build):
    # interviews between the two groups are one seeker's record: they must not move
    # anyone's community (every seeker's novelty signal reads these communities)
    ivs = [
        {
            "interview_id": f"i{k}",
            "seeker_id": "d2",
            "contact_id": c,
            "date": "2025-03-01",
            "status": "completed",
        }
        for k, c in enumerate(["c1", "c2", "c4"])
    ]
    plain, busy = _two_cliques(build), _two_cliques(build, ivs)
    assert busy.acquaintance.has_edge("d2", "c1")
    first = ng.tie_communities(busy)
    pd.testing.assert_series_equal(first, ng.tie_communities(plain))
    assert ng.tie_communities(busy) is not first  # a new Series over the kept labels
    suggest_mod = sys.modules["netgraph.suggest"]
    assert suggest_mod._tie_community_codes(busy) is suggest_mod._tie_community_codes(busy)


def test_small_networks_do_not_import_igraph():
    # igraph imports matplotlib.pyplot: half a second the CLI on small data must not pay
    code = (
        "import sys, netgraph as ng; ng.suggest(ng.load(), 'p001');"
        "print('igraph' in sys.modules, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_tie_communities_are_reproducible_on_the_sample(sample):
    again = ng.load()
    pd.testing.assert_series_equal(ng.tie_communities(sample), ng.tie_communities(again))
    sizes = ng.tie_communities(sample).value_counts()
    assert sizes.index.tolist() == sorted(sizes.index)  # numbered by falling size
    assert sizes.is_monotonic_decreasing and sizes.sum() == len(sample.csr)


# -------------------------------------------------------------- seniority


@pytest.mark.parametrize(
    ("seeker", "cand", "value", "reason"),
    [
        (
            {"role": "student"},
            {"seniority": "entry", "grad_year": 2023},
            1.0,
            "Graduated 2 years ago: close to entry-level hiring",
        ),
        (
            {"role": "student"},
            {"grad_year": 2025},  # entry level by graduation year: one level up
            1.0,
            "Entry-level: one level ahead of you, close to hiring",
        ),
        (
            {"role": "student"},
            {"seniority": "mid", "grad_year": 2017},
            0.8,
            "Mid-level: two levels ahead of you, close to hiring",
        ),
        ({"role": "student"}, {"seniority": "executive", "grad_year": 1990}, 0.4, ""),
        ({"role": "student"}, {"role": "student", "grad_year": 2027}, 0.4, ""),
        (
            {"seniority": "mid"},
            {"seniority": "senior"},
            1.0,
            "Senior-level: one level ahead of you, close to hiring",
        ),
        ({"seniority": "senior"}, {"seniority": "entry"}, 0.2, ""),
        ({}, {"seniority": "mid"}, 0.0, ""),
    ],
)
def test_seniority_usefulness(seeker, cand, value, reason):
    got = seniority_signal({"s": seeker, "c": cand}, "s", ["c"], year=2025)
    assert got["c"] == (pytest.approx(value), reason)


# ------------------------------------------------------------------- load


def test_load_penalty_grows_and_saturates():
    assert [load_penalty(n) for n in range(4)] == [0.0, 0.5, 0.75, 0.875]


def test_introducer_load_spreads_the_asks(one_introducer_three_people):
    net = one_introducer_three_people
    quiet = {"novelty": 0.0, "load": 0.25}
    spread = ng.suggest(net, "s", weights=quiet)
    assert spread["introducer_id"].tolist() == ["a", "b", "a"]
    assert spread["signal_load"].tolist() == [0.0, 0.0, -0.125]
    assert (
        "Ask Name b (your friend), since Name a already introduces someone above"
        in (spread["reasons"].iloc[1])
    )
    same = ng.suggest(net, "s", weights={**quiet, "load": 0.0})
    assert same["introducer_id"].tolist() == ["a", "a", "a"]
    assert same["person_id"].tolist() == ["x1", "x2", "x3"]  # equal scores: by id


# ------------------------------------------------------------- exclusions


@pytest.mark.parametrize("status", ["requested", "scheduled", "completed", "declined", "no_show"])
def test_anyone_already_approached_is_excluded(build, status):
    net = build(
        people("s", "a", "p", "q"),
        ties(("s", "a"), ("a", "p"), ("a", "q")),
        [
            {
                "interview_id": "i1",
                "seeker_id": "s",
                "contact_id": "p",
                "date": "2025-02-01",
                "status": status,
            }
        ],
    )
    got = ng.suggest(net, "s", top=None)["person_id"].tolist()
    assert got == ["q"]
    assert {"s", "a", "p"} <= already_met(net, "s")


def test_a_seeker_is_never_suggested_to_themself_nor_their_contacts(star):
    got = set(ng.suggest(star, "s", top=None)["person_id"])
    assert got == {"x", "y", "z"}


def test_candidates_stop_at_three_hops(build):
    net = build(
        people("s", "a", "b", "c", "d"), ties(("s", "a"), ("a", "b"), ("b", "c"), ("c", "d"))
    )
    table = ng.suggest(net, "s", top=None)
    assert table[["person_id", "hops"]].values.tolist() == [["b", 2], ["c", 3]]


# ---------------------------------------------------------------- privacy


def test_another_seekers_records_stay_private(two_seekers, build):
    # s1 cannot see s2's interview with c nor the name c passed to s2.
    mine = ng.suggest(two_seekers, "s1", top=None)
    assert mine.empty
    assert list(mine.columns) == SUGGEST_COLUMNS
    assert set(visible_graph(two_seekers, "s1").nodes) == {"s1", "s2", "t"}
    # s2 sees their own pending referral.
    theirs = ng.suggest(two_seekers, "s2")
    assert theirs["person_id"].tolist() == ["x", "t"]  # t: two hops through s1
    assert theirs["reasons"].iloc[0].startswith("Named by Name c on 11 Jan")


def test_own_referral_is_visible_without_an_interview(build):
    net = build(
        people("s", "c", "x"),
        referrals=[
            {
                "referral_id": "r1",
                "referrer_id": "c",
                "seeker_id": "s",
                "referred_id": "x",
                "date": "2025-01-11",
                "status": "named",
            }
        ],
    )
    table = ng.suggest(net, "s")
    assert table[["person_id", "introducer_id", "hops"]].values.tolist() == [["x", "c", 2]]


# ----------------------------------------------------- output and determinism


def test_columns_scores_and_ranks(dana):
    table = ng.suggest(dana, "s")
    assert list(table.columns) == SUGGEST_COLUMNS
    assert table["rank"].tolist() == list(range(1, len(table) + 1))
    assert table["score"].is_monotonic_decreasing
    signals = table[[f"signal_{s}" for s in SIGNALS]].sum(axis=1)
    assert table["score"].to_numpy() == pytest.approx(signals.to_numpy(), abs=1e-3)
    y = table.set_index("person_id").loc["y"]
    assert y["common_contacts"] == 3
    assert "Knows 3 of your contacts" in y["reasons"]
    x = table.set_index("person_id").loc["x"]
    assert "Graduated 2 years ago: close to entry-level hiring" in x["reasons"]
    assert x["grad_year"] == 2023


def test_same_input_same_ranking_whatever_the_row_order(tmp_path):
    rng = random.Random(3)
    g = nx.connected_watts_strogatz_graph(40, 4, 0.3, seed=3)
    ppl = people(*(f"p{i:02d}" for i in g.nodes))
    rows = [(f"p{u:02d}", f"p{v:02d}", round(rng.uniform(0.2, 1.0), 2)) for u, v in g.edges]
    a = ng.load(write_folder(tmp_path / "a", ppl, ties(*rows)))
    rng.shuffle(rows)
    rng.shuffle(ppl)
    b = ng.load(write_folder(tmp_path / "b", ppl, ties(*[(v, u, s) for u, v, s in rows])))
    first = ng.suggest(a, "p00", top=None)
    pd.testing.assert_frame_equal(first, ng.suggest(a, "p00", top=None))
    pd.testing.assert_frame_equal(first, ng.suggest(b, "p00", top=None))


def test_equal_scores_are_broken_by_person_id(build):
    net = build(
        people("s", "a", "z9", "b1", "m5"), ties(("s", "a"), ("a", "z9"), ("a", "b1"), ("a", "m5"))
    )
    assert ng.suggest(net, "s", weights={"novelty": 0.0})["person_id"].tolist() == [
        "b1",
        "m5",
        "z9",
    ]


# ------------------------------------------------------------------ weights


def test_weights_default_and_override():
    w = SuggestWeights()
    assert w.pending > sum(getattr(w, s) for s in SIGNALS if s not in ("pending", "load"))
    assert SuggestWeights.only("goal") == SuggestWeights(
        pending=0, fit=0, warmth=0, structural=0, goal=1, novelty=0, seniority=0, load=0
    )


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"novelty": -1}, "weight 'novelty' must be a finite number >= 0, got -1"),
        ({"warmth": float("nan")}, "weight 'warmth' must be a finite number >= 0"),
        ({"goal": "high"}, "weight 'goal' must be a finite number >= 0, got 'high'"),
        ({"fame": 1.0}, "unknown signal weight 'fame'; use one of pending, fit, warmth"),
        ([1, 2], "weights must be a SuggestWeights or a dict"),
    ],
)
def test_bad_weights_are_refused_clearly(star, weights, message):
    with pytest.raises(NetgraphError, match=message):
        ng.suggest(star, "s", weights=weights)


@pytest.mark.parametrize("top", [0, -3, 2.5, True])
def test_bad_top_is_refused(star, top):
    with pytest.raises(NetgraphError, match="top must be a whole number >= 1"):
        ng.suggest(star, "s", top=top)


def test_unknown_seeker(star):
    with pytest.raises(UnknownPerson, match="no person 'nobody'"):
        ng.suggest(star, "nobody")


def test_direct_signal_functions_on_empty_input():
    assert warmth_signal(LocalPaths()) == {}
    assert structural_signal(LocalPaths()) == {}


# ------------------------------------------------------------- properties

STATUSES = ["requested", "scheduled", "completed", "declined", "no_show"]
REF_STATUSES = ["named", "introduced", "contacted", "interviewed", "declined"]


@st.composite
def networks(draw):
    n = draw(st.integers(4, 10))
    ids = [f"p{i}" for i in range(n)]
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=18))
    strength = st.sampled_from([0.2, 0.5, 0.8, 1.0])
    tie_rows = [(a, b, draw(strength)) for a, b in edges]
    others = ids[1:]
    ivs = draw(st.lists(st.tuples(st.sampled_from(others), st.sampled_from(STATUSES)), max_size=4))
    refs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(others), st.sampled_from(others), st.sampled_from(REF_STATUSES)
            ),
            max_size=4,
        )
    )
    interviews = [
        {
            "interview_id": f"i{k}",
            "seeker_id": "p0",
            "contact_id": c,
            "date": f"2025-02-{k + 1:02d}",
            "status": s,
        }
        for k, (c, s) in enumerate(ivs)
    ]
    referrals = [
        {
            "referral_id": f"r{k}",
            "referrer_id": a,
            "seeker_id": "p0",
            "referred_id": b,
            "date": f"2025-03-{k + 1:02d}",
            "status": s,
        }
        for k, (a, b, s) in enumerate(refs)
        if a != b
    ]
    return ids, tie_rows, interviews, referrals


def _load(ids, tie_rows, interviews, referrals):
    with tempfile.TemporaryDirectory() as tmp:
        return ng.load(
            write_folder(Path(tmp), people(*ids), ties(*tie_rows), interviews, referrals)
        )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=networks())
def test_suggestions_never_include_the_met_and_are_sorted(data):
    net = _load(*data)
    table = ng.suggest(net, "p0", top=None)
    gone = excluded(net, "p0")
    assert not set(table["person_id"]) & gone
    assert "p0" not in set(table["person_id"])
    assert table["score"].is_monotonic_decreasing
    assert table["rank"].tolist() == list(range(1, len(table) + 1))
    pending = table["signal_pending"] > 0
    assert not (pending & ~pending.cummin()).any()  # every pending referral comes first
    assert table.loc[~pending, "hops"].isin([2, 3]).all()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=networks(), other=st.data())
def test_another_seekers_records_never_change_a_seekers_suggestions(data, other):
    ids, tie_rows, interviews, referrals = data
    others = ids[1:]
    extra_iv = other.draw(
        st.lists(st.tuples(st.sampled_from(others), st.sampled_from(STATUSES)), max_size=4)
    )
    extra_ref = other.draw(
        st.lists(
            st.tuples(
                st.sampled_from(others), st.sampled_from(others), st.sampled_from(REF_STATUSES)
            ),
            max_size=4,
        )
    )
    seeker2 = others[-1]
    more_iv = [
        {
            "interview_id": f"j{k}",
            "seeker_id": seeker2,
            "contact_id": c,
            "date": f"2025-01-{k + 1:02d}",
            "status": s,
        }
        for k, (c, s) in enumerate(extra_iv)
        if c != seeker2
    ]
    more_ref = [
        {
            "referral_id": f"q{k}",
            "referrer_id": a,
            "seeker_id": seeker2,
            "referred_id": b,
            "date": f"2025-01-{k + 10:02d}",
            "status": s,
        }
        for k, (a, b, s) in enumerate(extra_ref)
        if len({a, b, seeker2}) == 3
    ]
    before = _load(ids, tie_rows, interviews, referrals)
    after = _load(ids, tie_rows, interviews + more_iv, referrals + more_ref)
    day = "2025-06-30"  # the same "today" for both, so recency weights agree
    pd.testing.assert_frame_equal(
        ng.suggest(before, "p0", top=None, as_of=day), ng.suggest(after, "p0", top=None, as_of=day)
    )


# -------------------------------------------------------------- the sample


def test_sample_featured_student_gets_pending_referrals_first(sample):
    table = ng.suggest(sample, "p001")
    assert len(table) == 10
    pending = pending_signal(sample, "p001", exclude=excluded(sample, "p001"))
    k = len(pending)
    assert set(table["person_id"].head(k)) == set(pending)
    assert table["reasons"].str.len().gt(0).all()
    assert table["introducer"].ne("").all()


# -------------------------------------------------------------------- CLI


def test_cli_suggest_with_goals_and_explain(capsys):
    code = main(
        ["suggest", "--goal", "industry=Healthcare", "--goal", "tag=ux", "--explain", "--top", "5"]
    )
    out = capsys.readouterr().out
    assert code == 0
    header = out.splitlines()[0].split()
    for col in (
        "pending",
        "warmth",
        "structural",
        "goal",
        "novelty",
        "seniority",
        "load",
        "reasons",
        "introducer",
        "path",
    ):
        assert col in header
    assert len(out.strip().splitlines()) == 6


def test_cli_suggest_json_has_every_column(capsys):
    assert main(["suggest", "--format", "json", "--top", "3", "--weight", "novelty=0.5"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3
    assert list(rows[0]) == SUGGEST_COLUMNS
    assert all(r["reasons"] for r in rows)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["suggest", "--goal", "salary=high"], "unknown goal 'salary'"),
        (["suggest", "--goal", "industry"], "expected KEY=VALUE, got 'industry'"),
        (["suggest", "--weight", "load=lots"], "weight 'load' must be a number, got 'lots'"),
        (["suggest", "--weight", "fame=1"], "unknown signal weight 'fame'"),
        (["suggest", "--weight", "load=-1"], "weight 'load' must be a finite number >= 0"),
    ],
)
def test_cli_suggest_bad_options(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_tiny_tie_strengths_keep_the_communities_defined(make_net):
    # ties of strength 1e-170: sums of squared weights underflowed to 0 and networkx's
    # Louvain divided by zero; the weights are rescaled exactly (a power of two)
    ids = ["s", "a", "b", "c", "d", "e"]
    pairs = [("s", "a"), ("a", "b"), ("b", "c"), ("s", "d"), ("d", "e"), ("c", "e")]
    net = make_net(people(*ids, s={"role": "student"}), ties(*((a, b, 1e-170) for a, b in pairs)))
    assert net.edges["strength"].tolist() == [1e-170] * len(pairs)  # not 0: in (0, 1]
    labels = ng.tie_communities(net)
    assert labels.index.tolist() == sorted(ids)
    table = ng.suggest(net, "s")
    assert set(table["person_id"]) == {"b", "c", "e"}  # everyone not met yet
    assert len(ng.communities(net, weight="strength")) == len(ids)


def _greedy_brute(pids, base, options, w, top):
    """Each rank takes the best score given the introducers used so far (ties by id)."""
    from collections import Counter

    from netgraph.suggest import load_penalty

    load: Counter[str] = Counter()
    left = set(range(len(pids)))
    out = []
    while left and len(out) < top:
        scored = []
        for j in left:
            best = (float(base[j]), -1)
            for i, (warm, intro, _) in enumerate(options(j)):
                val = float(base[j]) + w.warmth * warm - w.load * load_penalty(load[intro])
                if i == 0 or val > best[0]:
                    best = (val, i)
            scored.append((-best[0], pids[j], j, best[1]))
        neg, _, j, i = min(scored)
        out.append((j, -neg, i))
        left.remove(j)
        if i >= 0:
            load[options(j)[i][1]] += 1
    return out


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 400),
    top=st.one_of(st.none(), st.integers(1, 30)),
    seed=st.integers(0, 10**6),
    ties=st.booleans(),
)
def test_lazy_rerank_equals_brute_force_greedy(n, top, seed, ties):
    """The block-wise heap gives the greedy list over every candidate, ties included.

    ``top=None`` ranks everyone, so every block is handed out.
    """
    import numpy as np

    from netgraph.suggest import SuggestWeights, _rerank_lazy

    rng = np.random.default_rng(seed)
    w = SuggestWeights()
    pids = [f"p{j:04d}" for j in range(n)]
    base = rng.integers(0, 4, n) / 4 if ties else rng.random(n)
    intros = [f"i{k}" for k in range(5)]
    opts = {
        j: sorted(
            (
                (
                    float(rng.integers(0, 3)) / 2 if ties else float(rng.random()),
                    str(rng.choice(intros)),
                    (),
                )
                for _ in range(int(rng.integers(0, 4)))
            ),
            key=lambda t: (-t[0], t[1]),
        )
        for j in range(n)
    }
    upper = np.array(
        [base[j] + w.warmth * max((o[0] for o in opts[j]), default=0.0) for j in range(n)]
    )
    got = _rerank_lazy(pids, upper, base, opts.__getitem__, w, top)
    want = _greedy_brute(pids, base, opts.__getitem__, w, n if top is None else top)
    assert [(j, round(v, 12), i) for j, v, _, _, i, _ in got] == [
        (j, round(v, 12), i) for j, v, i in want
    ]


@pytest.mark.parametrize("explore", [False, True])
def test_a_stopped_ranking_is_a_prefix_of_the_full_one(sample, explore):
    import importlib

    scores = importlib.import_module("netgraph.suggest")._scores
    seeker = sample.seekers[0]
    full = [p for p, _ in scores(sample, seeker, explore=explore)]
    assert len(full) > 30
    for depth in (1, 7, 30):
        got = scores(sample, seeker, explore=explore, stop=lambda rank, pid, d=depth: rank >= d)
        assert [p for p, _ in got] == full[:depth]
        assert [p for p, _ in scores(sample, seeker, explore=explore, top=depth)] == full[:depth]
    target = full[17]
    got = scores(sample, seeker, explore=explore, stop=lambda rank, pid: pid == target)
    assert [p for p, _ in got] == full[:18]


@pytest.mark.parametrize("whole_after", [0, 3, 10_000])
def test_people_columns_read_lazily_give_the_tables_values(monkeypatch, whole_after):
    """Row by row or whole, a column's items are those of ``Series.tolist`` (NA included)."""
    import importlib

    sg = importlib.import_module("netgraph.suggest")

    monkeypatch.setattr(sg, "_WHOLE_AFTER", whole_after)
    people = pd.DataFrame(
        {"name": ["A", None, "C", "D"], "grad_year": pd.array([2020, None, 2021, 2022], "Int64")}
    ).astype({"name": "string[pyarrow]"})
    columns = sg._Columns(people)
    for k, col in enumerate(people.columns):
        want = people[col].tolist()
        got = [columns[k][i] for i in (3, 1, 0, 2, 1)]
        assert [repr(x) for x in got] == [repr(want[i]) for i in (3, 1, 0, 2, 1)]
