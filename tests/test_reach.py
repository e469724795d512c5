"""Reach: hand-made graphs with answers worked out by hand, the sample, the CLI, plots."""

from __future__ import annotations

import csv
import functools
import itertools
import json
import math
import re
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from conftest import people, ties, write_folder
from hypothesis import given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import NetgraphError, UnknownPerson
from netgraph.reach import PATH_COLUMNS, REACH_COLUMNS, NoRoute, UnknownTarget

# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def warm_detour(build):
    """S knows T only coldly (0.2); a warm three-step detour S-A-B-T (0.9 each) and a
    two-step one S-C-T (0.5 each).

    Warmest path to T: max_hops=1 -> S-T 0.2; 2 -> S-C-T 0.25; 3 -> S-A-B-T 0.729.
    T is always 1 hop away; B is 2 hops (S-A-B, 0.81).
    """
    return build(
        people(
            "S",
            "A",
            "B",
            "C",
            "T",
            T={"industry": "Healthcare", "organization": "Clínica São Paulo", "tags": "ux;Data"},
            A={"industry": "Finance"},
            B={"industry": "Finance"},
        ),
        ties(("S", "A", 0.9), ("A", "B", 0.9), ("B", "T", 0.9), ("S", "C", 0.5), ("C", "T", 0.5))
        + ties(("S", "T", 0.2)),
    )


@pytest.fixture(scope="module")
def chain(build):
    """S-A 0.8, A-B 0.5, B-C 0.5: warmest strengths A 0.8, B 0.4, C 0.2 (hops 1, 2, 3)."""
    return build(
        people("S", "A", "B", "C"), ties(("S", "A", 0.8), ("A", "B", 0.5), ("B", "C", 0.5))
    )


def _square(make_net, order):
    """Two equally warm ways to T: S-a-T (0.5 * 0.8) and S-b-T (0.8 * 0.5); ties in ``order``."""
    rows = {
        "Sa": ("S", "a", 0.5),
        "aT": ("a", "T", 0.8),
        "Sb": ("S", "b", 0.8),
        "bT": ("b", "T", 0.5),
    }
    return make_net(people("S", "a", "b", "T"), ties(*(rows[k] for k in order)))


@pytest.fixture(scope="module")
def dated(build):
    """S has a friend G (tie without date), a friend F since 2023-06-01, interviewed A on
    2024-03-01 (completed), and A named B on 2024-03-02.
    """
    return build(
        people("S", "A", "B", "F", "G", S={"role": "student"}),
        [
            {"person_a": "S", "person_b": "G", "kind": "friend"},
            {"person_a": "S", "person_b": "F", "kind": "friend", "since": "2023-06-01"},
        ],
        [
            {
                "interview_id": "i1",
                "seeker_id": "S",
                "contact_id": "A",
                "date": "2024-03-01",
                "status": "completed",
            }
        ],
        [
            {
                "referral_id": "r1",
                "interview_id": "i1",
                "referrer_id": "A",
                "seeker_id": "S",
                "referred_id": "B",
                "date": "2024-03-02",
                "status": "named",
            }
        ],
    )


def _strengths(table):
    return dict(zip(table["person_id"], table["strength"], strict=True))


# --------------------------------------------------------------------- reach


def test_reach_lists_hops_and_columns(warm_detour):
    table = ng.reach(warm_detour, "S")
    assert list(table.columns) == REACH_COLUMNS
    assert dict(zip(table["person_id"], table["hops"], strict=True)) == {
        "A": 1,
        "C": 1,
        "T": 1,
        "B": 2,
    }
    # ordered by hops, then strongest first, then id
    assert table["person_id"].tolist() == ["A", "T", "C", "B"]
    assert "S" not in set(table["person_id"])
    b = table.set_index("person_id").loc["B"]
    assert b["strength"] == pytest.approx(0.81)
    assert (b["via_id"], b["via"]) == ("A", "Name A")
    assert b["warm_path"] == ("S", "A", "B")


@pytest.mark.parametrize(
    ("max_hops", "strength", "warm_path"),
    [
        (1, 0.2, ("S", "T")),
        (2, 0.25, ("S", "C", "T")),
        (3, 0.729, ("S", "A", "B", "T")),
        (4, 0.729, ("S", "A", "B", "T")),
    ],
)
def test_warmest_path_differs_from_shortest_and_respects_hop_limit(
    warm_detour, max_hops, strength, warm_path
):
    t = ng.reach(warm_detour, "S", max_hops=max_hops).set_index("person_id").loc["T"]
    assert t["hops"] == 1
    assert t["strength"] == pytest.approx(strength)
    assert t["warm_path"] == warm_path
    assert t["warm_hops"] == len(warm_path) - 1 <= max_hops
    assert t["via_id"] == warm_path[1]
    assert t["shortest_path"] == ("S", "T")
    assert t["shortest_strength"] == pytest.approx(0.2)


def test_max_hops_limits_who_is_reached(chain):
    assert ng.reach(chain, "S", max_hops=1)["person_id"].tolist() == ["A"]
    assert ng.reach(chain, "S", max_hops=2)["person_id"].tolist() == ["A", "B"]
    assert ng.reach(chain, "S", max_hops=3)["hops"].tolist() == [1, 2, 3]


@pytest.mark.parametrize(
    ("min_strength", "expected"),
    [
        (0.0, ["A", "B", "C"]),
        (0.2, ["A", "B", "C"]),  # boundary is inclusive: C is exactly 0.2
        (0.21, ["A", "B"]),
        (0.4, ["A", "B"]),
        (0.5, ["A"]),
        (0.8, ["A"]),
        (0.81, []),
        (1.0, []),
    ],
)
def test_min_strength_threshold(chain, min_strength, expected):
    table = ng.reach(chain, "S", min_strength=min_strength)
    assert table["person_id"].tolist() == expected
    assert list(table.columns) == REACH_COLUMNS


def test_min_strength_keeps_warm_detour_and_plain_distance(warm_detour):
    # T's warmest path (0.729) passes 0.5 although its direct tie (0.2) does not
    table = ng.reach(warm_detour, "S", min_strength=0.5).set_index("person_id")
    assert sorted(table.index) == ["A", "B", "C", "T"]
    assert table.loc["T", "hops"] == 1
    assert table.loc["T", "shortest_path"] == ("S", "T")
    assert list(ng.reach(warm_detour, "S", min_strength=0.75).index) == [0, 1]


@pytest.mark.parametrize(
    "order", [("Sa", "aT", "Sb", "bT"), ("bT", "Sb", "aT", "Sa"), ("Sb", "Sa", "bT", "aT")]
)
def test_equal_paths_break_ties_by_person_id(make_net, order):
    table = ng.reach(_square(make_net, order), "S").set_index("person_id")
    t = table.loc["T"]
    assert t["strength"] == pytest.approx(0.4)
    assert t["warm_path"] == ("S", "a", "T")  # "a" < "b"
    assert t["shortest_path"] == ("S", "a", "T")
    assert (t["via_id"], t["warm_hops"]) == ("a", 2)
    assert table.index.tolist() == ["b", "a", "T"]  # hop 1 strongest first, then hop 2


def test_equal_strength_prefers_fewer_hops(make_net):
    # S-T 0.25 directly, or S-X-T 0.5 * 0.5 = 0.25: the one-hop path wins the tie
    net = make_net(people("S", "T", "X"), ties(("S", "X", 0.5), ("X", "T", 0.5), ("S", "T", 0.25)))
    t = ng.reach(net, "S").set_index("person_id").loc["T"]
    assert t["warm_path"] == ("S", "T")
    assert t["strength"] == pytest.approx(0.25)


def test_disconnected_seeker_reaches_nobody(make_net):
    net = make_net(people("S", "A", "B"), ties(("A", "B", 0.9)))
    table = ng.reach(net, "S")
    assert table.empty
    assert list(table.columns) == REACH_COLUMNS
    summary = ng.reach_summary(net, "S")
    assert summary["hops"].tolist() == [1]  # nobody at hop 1: nobody further either
    assert summary[["reached", "warm", "cumulative_reached"]].to_numpy().sum() == 0
    assert ng.reach_summary(net, "S", by="industry").empty
    with pytest.raises(
        NoRoute, match=r"Name B\): Name S has no contacts yet, so nobody is within 3 hops"
    ):
        ng.path_to(net, "S", "B")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2022-12-31", {"G": 1}),  # before the first interview: only the undated tie
        ("2023-06-01", {"F": 1, "G": 1}),
        ("2024-03-01", {"A": 1, "F": 1, "G": 1}),  # the interview, not yet the referral
        ("2024-03-02", {"A": 1, "B": 2, "F": 1, "G": 1}),
    ],
)
def test_as_of_reach(dated, day, expected):
    table = ng.reach(dated, "S", as_of=day)
    assert dict(zip(table["person_id"], table["hops"], strict=True)) == expected
    # the local as_of view equals the whole network's as_of
    whole = ng.reach(dated.as_of(day), "S")
    pd.testing.assert_frame_equal(table, whole)


def test_as_of_interview_strength_uses_that_day(dated):
    # on the interview day recency is 1: strength 0.5; one referral day later, B is
    # reached through A at 0.5 * recency(1 day) times 0.4
    a = ng.reach(dated, "S", as_of="2024-03-01").set_index("person_id").loc["A"]
    assert a["strength"] == pytest.approx(0.5)
    b = ng.reach(dated, "S", as_of="2024-03-02").set_index("person_id").loc["B"]
    r = float(ng.network.recency(1))
    assert b["strength"] == pytest.approx(0.5 * r * 0.4)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_hops": 0}, "max_hops must be a whole number >= 1"),
        ({"max_hops": 1.5}, "max_hops must be a whole number >= 1"),
        ({"max_hops": True}, "max_hops must be a whole number >= 1"),
        ({"min_strength": -0.1}, "min_strength must be between 0 and 1"),
        ({"min_strength": 1.5}, "min_strength must be between 0 and 1"),
        ({"min_strength": "warm"}, "min_strength must be a number"),
    ],
)
def test_bad_options_raise_clear_errors(chain, kwargs, message):
    with pytest.raises(NetgraphError, match=message):
        ng.reach(chain, "S", **kwargs)


def test_unknown_seeker_suggests_close_names(chain):
    with pytest.raises(UnknownPerson, match="Name A"):
        ng.reach(chain, "Name Z")


# ------------------------------------------------------------------- summary


def test_summary_by_hop_counts_warm_and_cumulative(chain):
    s = ng.reach_summary(chain, "S", warm_at=0.4)
    assert list(s.columns) == [
        "hops",
        "reached",
        "warm",
        "share",
        "cumulative_reached",
        "cumulative_warm",
    ]
    assert s["reached"].tolist() == [1, 1, 1]
    assert s["warm"].tolist() == [1, 1, 0]  # C (0.2) is not warm at 0.4
    assert s["cumulative_reached"].tolist() == [1, 2, 3]
    assert s["cumulative_warm"].tolist() == [1, 2, 2]
    assert s["share"].tolist() == pytest.approx([1 / 3] * 3)
    # the first hop with nobody still has its row; the table stops there
    assert ng.reach_summary(chain, "S", max_hops=5)["reached"].tolist() == [1, 1, 1, 0]
    huge = ng.reach_summary(chain, "S", max_hops=10**9)
    pd.testing.assert_frame_equal(huge, ng.reach_summary(chain, "S", max_hops=5))


def test_summary_by_attribute_orders_groups_and_puts_unknown_last(warm_detour):
    s = ng.reach_summary(warm_detour, "S", by="industry", warm_at=0.75)
    assert s["industry"].tolist() == ["Finance", "Healthcare", "(unknown)"]
    assert s["reached"].tolist() == [2, 1, 1]
    assert s["warm"].tolist() == [2, 0, 0]  # A 0.9, B 0.81; T 0.729; C 0.5
    assert s["cumulative_reached"].tolist() == [2, 3, 4]
    by_role = ng.reach_summary(warm_detour, "S", by="role")
    assert by_role.to_dict("records")[0] == {
        "role": "alum",
        "reached": 4,
        "warm": 4,
        "share": 1.0,
        "cumulative_reached": 4,
        "cumulative_warm": 4,
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"by": "colour"}, "by must be hops, industry"), ({"warm_at": 2}, "warm_at must be")],
)
def test_summary_rejects_bad_options(chain, kwargs, message):
    with pytest.raises(NetgraphError, match=message):
        ng.reach_summary(chain, "S", **kwargs)


# ------------------------------------------------------------------- path_to


def test_path_to_category_gives_warmest_and_shortest_with_introducers(warm_detour):
    routes = ng.path_to(warm_detour, "S", "industry=Healthcare")
    assert list(routes.columns) == PATH_COLUMNS
    warm = routes[routes["route"].eq("warmest")]
    assert warm["person_id"].tolist() == ["A", "B", "T"]
    assert warm["introducer_id"].tolist() == ["S", "A", "B"]
    assert warm["strength"].tolist() == pytest.approx([0.9, 0.81, 0.729])
    assert warm["tie_strength"].tolist() == pytest.approx([0.9, 0.9, 0.9])
    assert warm["action"].iloc[0] == "Contact Name A directly: you know each other (friend)"
    assert warm["action"].iloc[2] == (
        "Ask Name B to introduce you to Name T: they know each other (friend)"
    )
    short = routes[routes["route"].eq("shortest")]
    assert short["person_id"].tolist() == ["T"]
    assert short["strength"].tolist() == pytest.approx([0.2])


@pytest.mark.parametrize(
    "target",
    [
        "industry=healthcare",
        " Industry = HEALTHCARE ",
        {"industry": "Healthcare"},
        "organization=clinica sao paulo",  # accents and case ignored
        "org=CLÍNICA SÃO PAULO",
        "tag=data",
        {"industry": "healthcare", "tag": "UX"},
        "T",
        "Name T",
    ],
)
def test_path_to_target_forms(warm_detour, target):
    routes = ng.path_to(warm_detour, "S", target)
    ends = routes.groupby("route", sort=False)["person_id"].last()
    assert ends.to_dict() == {"warmest": "T", "shortest": "T"}


def test_path_to_hop_limit_changes_the_warmest_route(warm_detour):
    routes = ng.path_to(warm_detour, "S", "T", max_hops=2)
    assert routes.loc[routes["route"].eq("warmest"), "person_id"].tolist() == ["C", "T"]


def test_path_to_min_hops_asks_for_an_introduction(warm_detour):
    # Finance: A is a direct contact; with min_hops=2 the target is B, introduced by A
    routes = ng.path_to(warm_detour, "S", {"industry": "Finance"}, min_hops=2)
    assert routes["person_id"].tolist() == ["A", "B", "A", "B"]
    assert routes["introducer_id"].tolist() == ["S", "A", "S", "A"]
    with pytest.raises(NoRoute, match="at least 2 hops away: the 1 matching within 3 hops is"):
        ng.path_to(warm_detour, "S", "A", min_hops=2)
    for bad in (0, 4, True):
        with pytest.raises(NetgraphError, match="min_hops must be a whole number"):
            ng.path_to(warm_detour, "S", "A", min_hops=bad)


def test_path_to_picks_among_several_matches(warm_detour):
    # Finance: A (1 hop, 0.9) is both the warmest and the nearest
    routes = ng.path_to(warm_detour, "S", "industry=finance")
    assert routes["person_id"].tolist() == ["A", "A"]
    assert routes["route"].tolist() == ["warmest", "shortest"]


@pytest.mark.parametrize(
    ("target", "error", "fragments"),
    [
        (
            "industry=Helthcare",
            UnknownTarget,
            [
                "industry 'Helthcare'",
                "did you mean 'Healthcare'",
                "industries that exist: Finance, Healthcare",
            ],
        ),
        ("organization=Acme", UnknownTarget, ["organizations that exist: Clínica São Paulo"]),
        ("tag=finance", UnknownTarget, ["tags that exist: Data, ux"]),
        ("role=faculty", UnknownTarget, ["roles that exist: alum"]),
        ("colour=red", UnknownTarget, ["unknown target key 'colour'", "industry, organization"]),
        ("industry=", UnknownTarget, ["needs a value"]),
        ("", UnknownTarget, ["target is empty"]),
        ({}, UnknownTarget, ["target is empty"]),
        ("Nobody Here", UnknownPerson, ["no person 'Nobody Here'"]),
        ("S", NetgraphError, ["is the seeker"]),
        ({"person": "T", "industry": "Finance"}, UnknownTarget, ["either a person"]),
    ],
)
def test_unknown_targets_say_what_exists(warm_detour, target, error, fragments):
    with pytest.raises(error) as info:
        ng.path_to(warm_detour, "S", target)
    for fragment in fragments:
        assert fragment in str(info.value)


def test_no_route_when_matches_are_beyond_reach(make_net):
    net = make_net(
        people("S", "A", "B", "C", C={"industry": "Energy"}),
        ties(("S", "A", 0.8), ("A", "B", 0.5), ("B", "C", 0.5)),
    )
    with pytest.raises(NoRoute, match="1 person matches, but none is within 2 hops"):
        ng.path_to(net, "S", "industry=energy", max_hops=2)
    assert ng.path_to(net, "S", "industry=energy", max_hops=3)["step"].max() == 3
    only_seeker = make_net(people("S", "A", S={"industry": "Energy"}), ties(("S", "A", 0.5)))
    with pytest.raises(NoRoute, match="nobody other than the seeker matches"):
        ng.path_to(only_seeker, "S", "industry=Energy")


def test_path_to_as_of(dated):
    with pytest.raises(NoRoute, match="as of 2024-03-01"):
        ng.path_to(dated, "S", "B", as_of="2024-03-01")
    routes = ng.path_to(dated, "S", "B", as_of="2024-03-02")
    assert routes.loc[routes["route"].eq("warmest"), "introducer_id"].tolist() == ["S", "A"]
    assert routes["kinds"].tolist()[:2] == ["interview", "referral"]


# --------------------------------------------------------------- over time


def test_reach_over_time_grows_with_the_record(dated):
    t = ng.reach_over_time(dated, "S", ["2024-03-02", "2022-01-01", "2024-03-01"], max_hops=2)
    assert list(t.columns) == [
        "date",
        "hops",
        "reached",
        "warm",
        "cumulative_reached",
        "cumulative_warm",
    ]
    assert t["date"].dt.strftime("%Y-%m-%d").unique().tolist() == [
        "2022-01-01",
        "2024-03-01",
        "2024-03-02",
    ]
    total = t[t["hops"].eq(2)]["cumulative_reached"].tolist()
    assert total == [1, 3, 4]  # G; G, F (friends since 2023) and A; then B too
    assert t[t["hops"].eq(1)]["reached"].tolist() == [1, 3, 3]


def test_reach_over_time_with_huge_max_hops_lists_the_same_hops_every_date(dated):
    t = ng.reach_over_time(dated, "S", ["2022-01-01", "2024-03-02"], max_hops=10**9)
    hops = t.groupby("date")["hops"].apply(list).tolist()
    assert hops == [[1, 2, 3], [1, 2, 3]]  # B is two hops away on the later date
    assert t["reached"].tolist() == [1, 0, 0, 3, 1, 0]


def test_reach_over_time_default_dates_are_month_ends(dated):
    # S's first event is 2024-03-01 and the data end on 2024-03-02: no month end between
    t = ng.reach_over_time(dated, "S", max_hops=1)
    assert t["date"].tolist() == [pd.Timestamp("2024-03-02")] == [dated.reference_date]
    later = ng.reach_over_time(dated.as_of("2024-05-15"), "S", max_hops=1)
    assert later["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-31",
        "2024-04-30",
        "2024-05-15",
    ]
    with pytest.raises(NetgraphError, match=r"dates: got 'not a day'; expected a date"):
        ng.reach_over_time(dated, "S", ["not a day"])


# ---------------------------------------------------------------- projection


@pytest.fixture(scope="module")
def yield_net(build):
    """Four completed interviews of S, yielding 2, 1, 0 and 1 referrals (4 in all), two
    of them interviewed; one declined interview (ignored); one referral outside any
    interview (ignored). So λ = 4 / 4 = 1 and p = 2 / 4 = 0.5.
    """
    ids = ["S", "A", "B", "C", "D", "E", "R1", "R2", "R3", "R4", "X"]
    iv = [
        {
            "interview_id": f"i{k}",
            "seeker_id": "S",
            "contact_id": c,
            "date": "2024-01-0" + str(k),
            "status": "completed",
        }
        for k, c in enumerate(["A", "B", "C", "D"], start=1)
    ]
    iv.append(
        {
            "interview_id": "i5",
            "seeker_id": "S",
            "contact_id": "E",
            "date": "2024-01-05",
            "status": "declined",
        }
    )
    ref = [
        ("i1", "A", "R1", "interviewed"),
        ("i1", "A", "R2", "named"),
        ("i2", "B", "R3", "interviewed"),
        ("i4", "D", "R4", "declined"),
        ("", "E", "X", "interviewed"),
    ]
    refs = [
        {
            "referral_id": f"r{k}",
            "interview_id": i,
            "referrer_id": r,
            "seeker_id": "S",
            "referred_id": t,
            "date": "2024-02-01",
            "status": st,
        }
        for k, (i, r, t, st) in enumerate(ref)
    ]
    return build(people(*ids), (), iv, refs)


def test_projection_fits_rates_and_closed_form_by_hand(yield_net):
    p = ng.project_reach(yield_net, "S", 10, generations=2, n_sims=4000, seed=3)
    assert (p.completed_interviews, p.referrals, p.converted) == (4, 4, 2)
    assert p.referrals_per_interview == pytest.approx(1.0)
    assert p.conversion_rate == pytest.approx(0.5)
    assert p.offspring_mean == pytest.approx(0.5)
    assert p.current_contacts == 4
    # E[met] = 10 (1 + 0.5 + 0.25) = 17.5; E[named] = 1 * 17.5; E[reached] = 10 + 17.5
    summary = p.summary.set_index("quantity")
    assert summary["expected"].tolist() == pytest.approx([17.5, 17.5, 27.5])
    assert p.expected_reach == pytest.approx(27.5)
    for q in ("met", "named", "reached"):
        row = summary.loc[q]
        assert abs(row["simulated_mean"] - row["expected"]) <= 4 * row["standard_error"]
    assert p.interval[0] <= p.simulated_mean <= p.interval[1]
    assert p.by_generation["expected_met"].tolist() == pytest.approx([10, 5, 2.5])
    assert p.by_generation["simulated_met"].iloc[0] == 10
    again = ng.project_reach(yield_net, "S", 10, generations=2, n_sims=4000, seed=3)
    assert again.simulated_mean == p.simulated_mean  # same seed, same answer


def test_projection_options_and_errors(yield_net):
    zero = ng.project_reach(yield_net, "S", 0)
    assert zero.expected_reach == 0 == zero.simulated_mean
    own = ng.project_reach(yield_net, "S", 3, fit_to="seeker")
    assert own.referrals_per_interview == pytest.approx(1.0)
    with pytest.raises(NetgraphError, match=r"no completed interviews.*fit_to='all'"):
        ng.project_reach(yield_net, "A", 3, fit_to="seeker")
    with pytest.raises(NetgraphError, match="no completed interviews"):
        ng.project_reach(yield_net, "S", 3, as_of="2023-12-31")
    for kwargs, message in [
        ({"n_interviews": -1}, "n_interviews must be >= 0"),
        ({"n_interviews": 2.5}, "n_interviews must be a whole number"),
        ({"generations": 11}, "generations must be between 0 and 10"),
        ({"n_sims": 1}, "n_sims must be a whole number >= 2"),
        ({"level": 1.0}, "level must be between 0 and 1"),
        ({"fit_to": "me"}, "fit_to must be"),
    ]:
        args = {"n_interviews": 3, **kwargs}
        with pytest.raises(NetgraphError, match=message):
            ng.project_reach(yield_net, "S", **args)


# -------------------------------------------------------------------- sample


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (ng.sample_data_path() / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_projection_rates_equal_observed_sample_rates(sample):
    completed = {
        r["interview_id"].strip()
        for r in _csv_rows("interviews.csv")
        if r["status"].strip().lower() == "completed"
    }
    from_interviews = [
        r for r in _csv_rows("referrals.csv") if r["interview_id"].strip() in completed
    ]
    converted = sum(r["status"].strip().lower() == "interviewed" for r in from_interviews)
    p = ng.project_reach(sample, "p001", 10, n_sims=2000, seed=0)
    assert p.completed_interviews == len(completed)
    assert p.referrals == len(from_interviews)
    assert p.referrals_per_interview == pytest.approx(len(from_interviews) / len(completed))
    assert p.conversion_rate == pytest.approx(converted / len(from_interviews))
    assert abs(p.simulated_mean - p.expected_reach) <= 4 * p.standard_error
    m = p.offspring_mean
    met = 10 * sum(m**g for g in range(4))
    assert p.expected_reach == pytest.approx(10 + p.referrals_per_interview * met)


def test_sample_reach_is_consistent(sample):
    table = ng.reach(sample, "p001")
    assert len(table) > 10
    assert table["hops"].between(1, 3).all()
    assert (table["strength"] >= table["shortest_strength"] - 1e-12).all()
    assert (table["warm_hops"] >= table["hops"]).all()
    g = sample.acquaintance
    assert set(table.loc[table["hops"].eq(1), "person_id"]) == set(g.adj["p001"])
    # the local as_of view equals the whole network's as_of
    day = sample.interviews["date"].sort_values().iloc[len(sample.interviews) // 2]
    pd.testing.assert_frame_equal(
        ng.reach(sample, "p001", as_of=day), ng.reach(sample.as_of(day), "p001")
    )


def test_sample_path_to_healthcare(sample):
    routes = ng.path_to(sample, "p001", "industry=Healthcare")
    for _, steps in routes.groupby("route"):
        assert steps["step"].tolist() == list(range(1, len(steps) + 1))
        assert steps["introducer_id"].iloc[0] == "p001"
        assert steps["industry"].iloc[-1] == "Healthcare"
        assert steps["introducer_id"].iloc[1:].tolist() == steps["person_id"].iloc[:-1].tolist()


# ------------------------------------------------------------------------ CLI


def test_cli_reach_prints_hops_and_top_industries(capsys):
    assert main(["reach"]) == 0
    out = capsys.readouterr().out
    assert "By hop:" in out
    assert "Top industries:" in out
    hop_lines = out.split("By hop:")[1].split("Top industries:")[0].strip().splitlines()
    assert hop_lines[0].split()[:3] == ["hops", "reached", "warm"]
    assert [line.split()[0] for line in hop_lines[1:]] == ["1", "2", "3"]
    assert "Healthcare" in out.split("Top industries:")[1]


def test_cli_reach_target_prints_route_with_introducers(capsys):
    assert main(["reach", "--target", "industry=Healthcare"]) == 0
    out = capsys.readouterr().out
    assert "Warmest: to " in out
    assert "Shortest: " in out
    assert "Contact " in out
    assert "directly" in out
    # the warmest route, or the introduction shown when that is a direct contact
    assert "to introduce you to Name" not in out  # names are real names on the sample
    assert re.search(r"\n  2\. Ask (.+) to introduce you to (.+): they know each other", out)
    assert main(["reach", "--target", "industry=Healthcare", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["route"] for r in rows} == {"warmest", "shortest"}
    assert all(
        r["industry"] == "Healthcare"
        for r in rows
        if r["step"] == max(q["step"] for q in rows if q["route"] == r["route"])
    )


def test_cli_reach_target_route_with_introducer_on_sample(capsys, sample):
    table = ng.reach(sample, "p001")
    far = table[table["hops"].ge(2)].iloc[0]
    assert main(["reach", "--target", far["person_id"]]) == 0
    out = capsys.readouterr().out
    assert f"Ask {far['via']} to introduce you to" in out


@pytest.mark.parametrize(
    ("argv", "check"),
    [
        (["--format", "json"], lambda rows: [r["hops"] for r in rows] == [1, 2, 3]),
        (["--format", "json", "--by", "role"], lambda rows: "role" in rows[0]),
        (
            ["--format", "json", "--list", "--hops", "1"],
            lambda rows: {r["hops"] for r in rows} == {1},
        ),
    ],
)
def test_cli_reach_json(capsys, argv, check):
    assert main(["reach", *argv]) == 0
    assert check(json.loads(capsys.readouterr().out))


def test_cli_reach_csv_list_and_options(capsys, sample):
    assert main(["reach", "--format", "csv", "--list", "--min-strength", "0.3"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split(",")[:2] == ["person_id", "name"]
    assert len(lines) - 1 == len(ng.reach(sample, "p001", min_strength=0.3))
    assert main(["reach", "--list", "--hops", "1"]) == 0
    assert "warm_path" in capsys.readouterr().out
    assert main(["reach", "--by", "organization", "--top", "3", "--as-of", "2025-01-01"]) == 0
    out = capsys.readouterr().out
    assert "as of 2025-01-01" in out
    assert "Top organizations:" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--min-strength", "2"], "expected a number from 0 to 1"),
        (["--hops", "0"], "expected a number >= 1"),
        (["--target", "colour=red"], "unknown target key 'colour'"),
        (["--target", "industry=Helthcare"], "did you mean 'Healthcare'"),
        (["--seeker", "Nobody At All"], "no person 'Nobody At All'"),
        (["--by", "colour"], "invalid choice"),
    ],
)
def test_cli_reach_bad_input_exits_2(capsys, argv, message):
    assert main(["reach", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_cli_reach_on_own_data(tmp_path, capsys):
    folder = write_folder(
        tmp_path / "d", people("S", "A", "B"), ties(("S", "A", 0.5), ("A", "B", 0.5))
    )
    assert main(["reach", "--data", str(folder), "--seeker", "S", "--target", "B"]) == 0
    out = capsys.readouterr().out
    assert "2. Ask Name A to introduce you to Name B" in out
    assert "Shortest: the same route as the warmest" in out


# ---------------------------------------------------------------------- plots


@pytest.fixture
def plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def test_plots_draw_bars_and_lines(plt, chain, dated):
    from netgraph.plot import plot_reach, plot_reach_over_time

    ax = plot_reach(chain, "S")
    assert ax.get_title() == "Reach by hop of Name S"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("hops from the seeker", "people reached")
    assert len(ax.patches) == 6  # reached and warm for hops 1..3
    _, ax2 = plt.subplots()
    summary = ng.reach_summary(chain, "S", by="industry")
    assert plot_reach(summary, ax=ax2) is ax2
    assert ax2.get_title() == "Reach by industry"
    ax3 = plot_reach(ng.reach(chain, "S"), by="role")
    assert ax3.get_ylabel() == "role"
    ax4 = plot_reach_over_time(dated, "S", ["2023-01-01", "2024-03-02"], max_hops=2)
    assert ax4.get_title() == "Reach over time of Name S"
    assert len(ax4.get_lines()) == 3  # within 1 hop, within 2 hops, warm
    assert ax4.get_lines()[1].get_ydata().tolist() == [1, 4]
    with pytest.raises(NetgraphError, match="needs a seeker"):
        plot_reach(chain)


# ----------------------------------------------------------------- properties


@functools.cache
def _empty_tables() -> dict[str, pd.DataFrame]:
    folder = write_folder(Path(tempfile.mkdtemp()) / "empty", people("x"))
    return ng.read_tables(folder)


def _network(n: int, edges: list[tuple[int, int, float]]) -> ng.ReferralNetwork:
    tables = dict(_empty_tables())
    ids = [f"p{i}" for i in range(n)]
    tables["people"] = pd.DataFrame(
        {
            "person_id": ids,
            "name": [f"Person {i}" for i in ids],
            "role": "alum",
            "organization": "",
            "industry": ["Finance" if i % 2 else "Energy" for i in range(n)],
            "tags": [()] * n,
        }
    )
    tables["ties"] = pd.DataFrame(
        {
            "person_a": [ids[a] for a, _, _ in edges],
            "person_b": [ids[b] for _, b, _ in edges],
            "kind": "friend",
            "strength": [s for _, _, s in edges],
            "since": pd.Series(pd.NaT, index=range(len(edges)), dtype="datetime64[ns]"),
        }
    )
    return ng.ReferralNetwork.from_tables(tables)


@st.composite
def graphs(draw):
    n = draw(st.integers(2, 8))
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    # few distinct strengths, so equal paths (ties) are common
    strengths = draw(
        st.lists(st.sampled_from([0.3, 0.5, 0.8, 1.0]), min_size=len(chosen), max_size=len(chosen))
    )
    return n, [(a, b, s) for (a, b), s in zip(chosen, strengths, strict=True)]


def _oracle(g: nx.Graph, s: str, k: int):
    """Brute force: every simple path of <= k edges, best by (cost, hops, ids)."""
    warm, short = {}, {}
    for t in g:
        if t == s:
            continue
        paths = [tuple(p) for p in nx.all_simple_paths(g, s, t, cutoff=k)]
        if not paths:
            continue

        def cost(p):
            c = 0.0
            for u, v in itertools.pairwise(p):
                c += g.edges[u, v]["cost"]
            return round(c, 12)

        warm[t] = min(paths, key=lambda p: (cost(p), len(p), p))
        fewest = min(len(p) for p in paths)
        short[t] = min((p for p in paths if len(p) == fewest), key=lambda p: (cost(p), p))
    return warm, short


@settings(max_examples=50, deadline=None)
@given(graph=graphs(), k=st.integers(1, 4))
def test_reach_matches_brute_force_and_grows_with_hops(graph, k):
    n, edges = graph
    net = _network(n, edges)
    g = net.acquaintance
    table = ng.reach(net, "p0", max_hops=k).set_index("person_id")
    warm, short = _oracle(g, "p0", k)
    assert set(table.index) == set(warm)
    for t, row in table.iterrows():
        assert row["warm_path"] == warm[t]  # including the tie rule
        assert row["shortest_path"] == short[t]
        assert row["hops"] == nx.shortest_path_length(g, "p0", t) == len(short[t]) - 1
        assert 0.0 < row["strength"] <= 1.0
        product = math.prod(g.edges[u, v]["strength"] for u, v in itertools.pairwise(warm[t]))
        assert row["strength"] == pytest.approx(product)
        assert row["shortest_strength"] <= row["strength"] + 1e-12
        assert row["hops"] <= row["warm_hops"] <= k
        # a person is never warmer than the one before them on their warmest path
        before = row["warm_path"][-2]
        if before != "p0":
            assert table.loc[before, "strength"] >= row["strength"] - 1e-12
    wider = ng.reach(net, "p0", max_hops=k + 1).set_index("person_id")
    assert set(table.index) <= set(wider.index)  # reach never shrinks as hops grow
    assert (wider.loc[table.index, "strength"] >= table["strength"] - 1e-12).all()
    summary = ng.reach_summary(net, "p0", max_hops=k)
    assert summary["cumulative_reached"].is_monotonic_increasing
    assert summary["cumulative_reached"].iloc[-1] == len(table)


@settings(max_examples=30, deadline=None)
@given(graph=graphs(), floor=st.sampled_from([0.0, 0.09, 0.24, 0.3, 0.5, 0.64, 0.8, 1.0]))
def test_min_strength_is_a_filter_on_warmest_strength(graph, floor):
    n, edges = graph
    net = _network(n, edges)
    everyone = ng.reach(net, "p0")
    kept = ng.reach(net, "p0", min_strength=floor)
    expected = everyone[everyone["strength"] >= floor - 1e-12].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, expected)
    # listing the ties in another order changes nothing
    shuffled = _network(n, list(reversed(edges)))
    pd.testing.assert_frame_equal(ng.reach(shuffled, "p0", min_strength=floor), kept)
