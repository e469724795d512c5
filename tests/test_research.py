"""Research metrics, checked by hand on small networks."""

from __future__ import annotations

import time
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import NAMES, people
from hypothesis import given
from hypothesis import strategies as st

import netgraph as ng
from netgraph import research
from netgraph.errors import NetgraphError

# Most tests use ``four_deep``, the hand-checked network described in conftest.py.


# ------------------------------------------------------------------- engagement
def test_engagement_by_hand(four_deep):
    table = ng.engagement(four_deep, identities=True, k=0).set_index("person_id")
    assert list(table.index) == ["a", "b", "c", "d", "f"]  # by score; e, g, x never approached
    expected = {
        #    req given seekers refs conv downstream score
        "a": (2, 2, 2, 2, 1, 5, 8.5),
        "b": (1, 1, 1, 1, 1, 3, 5.5),
        "c": (1, 1, 1, 1, 1, 2, 5.0),
        "d": (1, 1, 1, 1, 0, 1, 2.5),
        "f": (2, 0, 0, 0, 0, 0, 0.0),
    }
    cols = [
        "interviews_requested",
        "interviews_given",
        "seekers_helped",
        "referrals_given",
        "referrals_converted",
        "downstream_reach",
        "engagement_score",
    ]
    for pid, values in expected.items():
        assert tuple(table.loc[pid, cols]) == pytest.approx(values), pid
    assert table.loc["a", "response_rate"] == pytest.approx(1.0)
    assert table.loc["f", "response_rate"] == pytest.approx(0.0)
    assert table.loc["a", "first_activity"] == pd.Timestamp("2025-01-01")
    assert table.loc["a", "last_activity"] == pd.Timestamp("2025-03-03")
    assert pd.isna(table.loc["f", "first_activity"])
    assert table.loc["a", "name"] == NAMES["a"]
    assert table.attrs["opted_out"] == 1 and table.attrs["pseudonymous"] is False


KEY = "a test key of more than sixteen bytes"


def test_engagement_is_pseudonymous_by_default(four_deep):
    table = ng.engagement(four_deep, key=KEY, k=0)
    assert "person_id" not in table.columns and "name" not in table.columns
    assert table["person"].tolist()[0] == ng.pseudonym("a", KEY)
    assert set(table["person"]) == {ng.pseudonym(p, KEY) for p in "abcdf"}
    assert table.attrs["pseudonymous"] is True
    # the allow-list: pseudonym, role, industry, class-year band; no major, no title
    assert table.columns[:4].tolist() == ["person", "role", "industry", "grad_year"]
    assert "major" not in table.columns and "organization" not in table.columns


def test_engagement_generalises_until_every_combination_is_shared(four_deep):
    """k=2 by hand: a, b are (alum, Tech, 2010-2014); Finance (f alone) is rare, and the
    thin "other" takes Health, the smallest category (c, d): c, d, f share (alum, other,
    2015-2019)."""
    table = ng.engagement(four_deep, key=KEY, k=2)
    by = {p: tuple(table.set_index("person").loc[ng.pseudonym(p, KEY)].iloc[:3]) for p in "abcdf"}
    assert by["a"] == by["b"] == ("alum", "Tech", "2010-2014")
    assert by["c"] == by["d"] == by["f"] == ("alum", "other", "2015-2019")
    audit = table.attrs["audit"]
    assert (audit.unique_before, audit.unique_after, audit.suppressed_records) == (3, 0, 0)
    five = ng.engagement(four_deep, key=KEY)  # k=5: one group of all five
    assert set(map(tuple, five[["role", "industry", "grad_year"]].values)) == {
        ("alum", "other", "2010-2019")
    }
    major = ng.engagement(four_deep, key=KEY, k=2, columns=["major"])
    assert major.groupby(["role", "industry", "grad_year", "major"], dropna=False).size().min() >= 2


@pytest.mark.parametrize("column", ["name", "email", "person_id", "first_name"])
def test_engagement_refuses_identifying_columns(four_deep, column):
    with pytest.raises(NetgraphError, match=r"identifies people|no column"):
        ng.engagement(four_deep, key=KEY, columns=[column])


def test_engagement_activity_is_months_not_days(sample):
    table = ng.engagement(sample)
    for col in ("first_activity", "last_activity"):
        assert table[col].dropna().str.fullmatch(r"\d{4}-\d{2}").all()
    days = ng.engagement(sample, identities=True, k=0)
    assert pd.api.types.is_datetime64_any_dtype(days["first_activity"])  # the owner's own view


def test_engagement_as_of_undoes_later_events(four_deep):
    """On 15 Jan only i1, i2, r1, r2 had happened; r2's interview (i3) had not."""
    table = ng.engagement(four_deep, as_of="2025-01-15", identities=True, k=0)
    table = table.set_index("person_id")
    assert list(table.index) == ["a", "b"]
    assert table.loc["a", "referrals_converted"] == 1
    assert table.loc["b", "referrals_converted"] == 0
    assert table.loc["a", "downstream_reach"] == 2  # b and c below a


def test_engagement_weights_are_configurable(four_deep):
    table = ng.engagement(four_deep, identities=True, k=0, weights={"downstream_reach": 0})
    assert table.set_index("person_id").loc["a", "engagement_score"] == pytest.approx(6.0)
    with pytest.raises(NetgraphError, match="unknown engagement weight 'hugs'"):
        ng.engagement(four_deep, weights={"hugs": 1.0})


def test_engagement_distribution_bins_hold_k_people(four_deep):
    exact = ng.engagement_distribution(four_deep, k=0)
    assert exact["bin"].tolist() == ["0", "2", "5", "8"]  # scores 0, 2.5, 5, 5.5, 8.5
    assert exact["n_people"].tolist() == [1, 1, 2, 1]
    merged = ng.engagement_distribution(four_deep, k=2)
    assert merged["bin"].tolist() == ["0-2", "5+"]
    assert merged["n_people"].tolist() == [2, 3]
    assert merged["share"].tolist() == pytest.approx([0.4, 0.6])
    hidden = ng.engagement_distribution(four_deep, k=6)  # 5 people in all: nothing shows
    assert hidden["n_people"].isna().all() and hidden["share"].isna().all()


# --------------------------------------------------------------------- cascades
def test_cascades_by_hand(four_deep):
    table = ng.cascades(four_deep, identities=True)
    seekers = table[table["level"].eq("seeker")].set_index("seeker")
    s1, s2 = seekers.loc["s1"], seekers.loc["s2"]
    assert (s1["size"], s1["depth"], s1["interviews"], s1["referrals"]) == (5, 4, 4, 4)
    assert s1["referrals_converted"] == 3
    assert s1["referrals_per_interview"] == pytest.approx(1.0)
    assert s1["median_days_interview_to_referral"] == pytest.approx(1.0)  # 1, 2, 1, 1
    assert s1["median_days_referral_to_interview"] == pytest.approx(8.0)  # 8, 8, 11
    assert (s2["size"], s2["depth"], s2["interviews"], s2["referrals"]) == (2, 1, 1, 1)
    assert s2["referrals_converted"] == 0
    assert pd.isna(s2["median_days_referral_to_interview"])
    assert s2["median_days_interview_to_referral"] == pytest.approx(2.0)
    first = table[table["level"].eq("first_contact")]
    assert list(zip(first["seeker"], first["first_contact"], strict=True)) == [
        ("s1", "a"),
        ("s2", "a"),
    ]
    assert first["size"].tolist() == [5, 2] and first["depth"].tolist() == [4, 1]
    assert first["first_contact_name"].tolist() == [NAMES["a"], NAMES["a"]]
    assert "g" not in set(table["first_contact"].dropna())  # x opted out, so g is unreached
    assert table.attrs["opted_out"] == 1


def test_cascades_pseudonymous_by_default(four_deep):
    table = ng.cascades(four_deep, key=KEY)
    assert set(table["seeker"]) == {ng.pseudonym("s1", KEY), ng.pseudonym("s2", KEY)}
    assert "seeker_name" not in table.columns


def test_cascade_built_in_time_order(make_net):
    """A referral to someone the seeker had already met adds no hand-off; a referrer the
    seeker never interviewed starts a branch of their own; a referral cycle ends."""
    rows = people("s", "a", "b", "c", "d")
    iv = [
        {
            "interview_id": "i1",
            "seeker_id": "s",
            "contact_id": "a",
            "date": "2025-01-01",
            "status": "completed",
        },
        {
            "interview_id": "i2",
            "seeker_id": "s",
            "contact_id": "b",
            "date": "2025-01-02",
            "status": "completed",
        },
    ]
    ref = [
        {
            "referrer_id": "a",
            "seeker_id": "s",
            "referred_id": "b",
            "date": "2025-01-05",
            "status": "named",
        },  # s already knew b
        {
            "referrer_id": "c",
            "seeker_id": "s",
            "referred_id": "d",
            "date": "2025-01-06",
            "status": "named",
        },  # c never interviewed: c is a first contact
        {
            "referrer_id": "d",
            "seeker_id": "s",
            "referred_id": "c",
            "date": "2025-01-07",
            "status": "named",
        },  # cycle back to c: nothing new
    ]
    net = make_net(rows, (), iv, ref)
    table = ng.cascades(net, identities=True).set_index(["level", "first_contact"])
    first = table.loc["first_contact"]
    assert first["size"].to_dict() == {"a": 1, "b": 1, "c": 2}
    assert first["depth"].to_dict() == {"a": 0, "b": 0, "c": 1}
    seeker = table.loc["seeker"].iloc[0]
    assert (seeker["size"], seeker["depth"], seeker["referrals"]) == (4, 1, 3)


def test_cascade_distribution(four_deep):
    exact = ng.cascade_distribution(four_deep, k=0)
    assert exact["bin"].tolist() == ["1", "4"] and exact["n_cascades"].tolist() == [1, 1]
    merged = ng.cascade_distribution(four_deep, k=2)
    assert merged["bin"].tolist() == ["1+"] and merged["n_cascades"].tolist() == [2]
    assert pd.isna(merged.loc[0, "high"])
    sizes = ng.cascade_distribution(four_deep, of="size", level="first_contact", k=0)
    assert sizes["bin"].tolist() == ["2", "5"]
    assert ng.cascade_distribution(four_deep)["n_cascades"].isna().all()  # 2 < 5


@given(st.lists(st.integers(0, 30), max_size=60), st.integers(0, 8))
def test_k_bins_cover_every_value_with_at_least_k_each(values, k):
    series = pd.Series(values, dtype="int64")
    bins, bin_of = research._k_bins(series, k)
    assert bins["n"].sum() == len(values)
    assert (bin_of.value_counts().reindex(range(len(bins)), fill_value=0) == bins["n"]).all()
    if len(values) >= max(k, 1):
        assert (bins["n"] >= k).all()
    assert (bins["low"].diff().dropna() > 0).all()
    for v in values:  # every value falls in exactly one bin
        hits = [
            (lo <= v) and (pd.isna(hi) or v <= hi)
            for lo, hi in zip(bins["low"], bins["high"], strict=True)
        ]
        assert sum(hits) == 1


# ---------------------------------------------------------------------- funnel
def test_funnel_by_hand(four_deep):
    row = ng.funnel(four_deep, k=0).iloc[0]
    assert row["group"] == "all"
    counts = row[["requested", "completed", "with_referral", "referral_interviewed"]]
    assert counts.tolist() == [7, 5, 5, 3]
    assert row["completed_share"] == pytest.approx(5 / 7)
    assert row["referral_share"] == pytest.approx(1.0)
    assert row["interviewed_share"] == pytest.approx(0.6)
    assert row["overall_share"] == pytest.approx(3 / 7)


def test_funnel_thresholds_count_seekers_not_interviews(four_deep):
    # 7 interviews, but only 2 seekers: with k=5 nothing may show
    assert ng.funnel(four_deep).iloc[0, 1:].isna().all()
    row = ng.funnel(four_deep, k=2).iloc[0]
    assert row["requested"] == 7 and row["with_referral"] == 5  # s1 and s2 in each
    # the 3 interviews whose referral became an interview are all s1's: one seeker
    assert pd.isna(row["referral_interviewed"])
    assert pd.isna(row["interviewed_share"]) and pd.isna(row["overall_share"])
    # every completed interview yielded a referral: completed - with_referral = 0
    # would tell that of both seekers, so completed (and its shares) is hidden too
    assert pd.isna(row["completed"]) and pd.isna(row["completed_share"])


def test_funnel_by_group(four_deep):
    table = ng.funnel(four_deep, "first_generation", k=0).set_index("first_generation")
    cols = ["requested", "completed", "with_referral", "referral_interviewed"]
    assert table.loc["yes", cols].tolist() == [5, 4, 4, 3]
    assert table.loc["no", cols].tolist() == [2, 1, 1, 0]
    by_contact = ng.funnel(four_deep, "industry", side="contact", k=0).set_index("industry")
    assert by_contact.loc["Finance", "requested"] == 2
    assert by_contact.loc["Tech", cols].tolist() == [3, 3, 3, 2]  # i1, i7 (a), i2 (b)


# --------------------------------------------------------------------- cohorts
def test_cohorts_by_hand(four_deep):
    table = ng.cohorts(four_deep, "industry", k=0).set_index("industry")
    assert list(table.index) == ["Finance", "Health", "Tech"]
    tech = table.loc["Tech"]
    assert (tech["n_people"], tech["n_engaged"], tech["interviews_requested"]) == (2, 2, 3)
    assert (tech["seekers_helped"], tech["referrals_given"], tech["referrals_converted"]) == (
        2,
        3,
        2,
    )
    assert tech["downstream_reach"] == 8
    assert tech["mean_engagement_score"] == pytest.approx(7.0)
    assert tech["conversion_rate"] == pytest.approx(2 / 3)
    fin = table.loc["Finance"]
    assert (fin["n_people"], fin["n_engaged"], fin["interviews_given"]) == (1, 0, 0)
    assert fin["response_rate"] == pytest.approx(0.0) and pd.isna(fin["conversion_rate"])


def test_cohorts_suppress_small_cohorts_counts_and_what_gives_them_away(four_deep):
    table = ng.cohorts(four_deep, "industry", k=2).set_index("industry")
    assert table.loc["Finance"].isna().all()  # one person: everything hidden
    # Health (c, d) and Tech (a, b) both engaged fully: n_people - n_engaged = 0 would
    # tell it of everyone, so one of the two is hidden (and the share with it)
    for industry in ("Health", "Tech"):
        row = table.loc[industry]
        assert pd.isna(row["n_people"]) or pd.isna(row["n_engaged"])
        assert pd.isna(row["engaged_share"])
    # Tech: 3 referrals by a and b, 2 converted; the unconverted one (r6) is a's alone
    assert table.loc["Tech", "referrals_given"] == 3
    assert pd.isna(table.loc["Tech", "referrals_converted"])
    assert pd.isna(table.loc["Tech", "conversion_rate"])
    # Health's downstream reach (3, by c and d) hides with Finance's zero: the total is
    # known, so a lone hidden zero would be the total minus the others
    assert table.loc["Tech", "downstream_reach"] == 8
    assert pd.isna(table.loc["Health", "downstream_reach"])
    assert table.attrs["k"] == 2 and table.attrs["secondary_cells"] > 0


def test_cohorts_by_banded_class_year(four_deep):
    table = ng.cohorts(four_deep, "grad_year", band=10, k=0)
    assert table["grad_year"].tolist() == ["2010-2019"]
    assert table["n_people"].tolist() == [5]


def test_cohort_activity_by_hand(four_deep):
    table = ng.cohort_activity(four_deep, "industry", freq="month", k=0)
    jan = table[table["period"].eq("2025-01")].set_index("industry")
    assert jan.loc["Tech", ["active_people", "interviews_given", "referrals_given"]].tolist() == [
        2,
        2,
        2,
    ]
    assert jan.loc["Health", "active_people"] == 1
    assert set(table["period"]) == {"2025-01", "2025-02", "2025-03"}
    assert ng.cohort_activity(four_deep, "industry")["active_people"].isna().all()


# ---------------------------------------------------------------------- mixing
def test_mixing_by_hand(four_deep):
    """Interviews by major: (M,M), (M,M), (M,A), (M,B), (A,M): r = (0.4-0.52)/(1-0.52)."""
    mx = ng.mixing(four_deep, "major", k=0)
    summary = mx.summary.set_index("graph")
    assert summary.loc["interviews", "assortativity"] == pytest.approx(-0.25)
    assert summary.loc["interviews", "edges_used"] == 5
    assert summary.loc["acquaintance", "edges_excluded"] == 1  # the a-f tie: f has no major
    matrix = mx.matrix[mx.matrix["graph"].eq("interviews")]
    cells = {(r.source_value, r.target_value): r.edges for r in matrix.itertuples()}
    assert cells == {
        ("Math", "Math"): 2,
        ("Math", "Art"): 1,
        ("Math", "Bio"): 1,
        ("Art", "Math"): 1,
    }


def _nx_r(g: nx.Graph, attribute: str, labels: pd.Series) -> float:
    """networkx's coefficient on the people with a value; NaN where it is undefined."""
    keep = [n for n in g if pd.notna(labels.get(n))]
    sub = g.subgraph(keep).copy()
    if sub.number_of_edges() == 0:
        return float("nan")
    nx.set_node_attributes(sub, labels.reindex(keep).to_dict(), attribute)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # 0/0 when only one value occurs
        return nx.attribute_assortativity_coefficient(sub, attribute)


def _check_against_networkx(net: ng.ReferralNetwork, attribute: str) -> None:
    mx = ng.mixing(net, attribute, k=0).summary.set_index("graph")
    rnet = ng.without_opted_out(net)
    labels = research._labels(rnet.people, attribute)
    rg = rnet.referral_graph
    graphs = {
        "acquaintance": rnet.acquaintance,
        "interviews": rg.edge_subgraph(
            [
                (u, v, k)
                for u, v, k, d in rg.edges(keys=True, data=True)
                if d["kind"] == "interview" and d["status"] == "completed"
            ]
        ),
        "referrals": rg.edge_subgraph(
            [(u, v, k) for u, v, k, d in rg.edges(keys=True, data=True) if d["kind"] == "referral"]
        ),
    }
    for name, g in graphs.items():
        expected = _nx_r(g, attribute, labels)
        assert mx.loc[name, "assortativity"] == pytest.approx(expected, abs=1e-12, nan_ok=True)


@pytest.mark.parametrize("attribute", ["major", "industry", "grad_year", "role"])
def test_mixing_reproduces_networkx_on_hand_network(four_deep, attribute):
    _check_against_networkx(four_deep, attribute)


@pytest.mark.parametrize("attribute", ["major", "industry", "grad_year"])
def test_mixing_reproduces_networkx_on_sample(sample, attribute):
    _check_against_networkx(sample, attribute)


def test_mixing_without_missing_values_matches_networkx_directly(make_net):
    rows = people(
        "p", "q", "r", "s", p={"major": "A"}, q={"major": "A"}, r={"major": "B"}, s={"major": "B"}
    )
    from conftest import ties

    net = make_net(rows, ties(("p", "q"), ("r", "s"), ("p", "r")))
    expected = nx.attribute_assortativity_coefficient(net.acquaintance, "major")
    got = ng.mixing(net, "major", k=0).summary.set_index("graph")
    assert got.loc["acquaintance", "assortativity"] == pytest.approx(expected)
    assert got.loc["acquaintance", "edges_excluded"] == 0


def test_mixing_suppresses_thin_cells(four_deep):
    mx = ng.mixing(four_deep, "major")  # k=5: every cell has fewer than 5 edges
    assert mx.matrix["edges"].isna().all() and mx.matrix["share"].isna().all()
    assert mx.summary["assortativity"].notna().sum() == (mx.summary["edges_used"] >= 5).sum()


# ------------------------------------------------------------------ comparisons
@pytest.fixture
def two_groups(make_net) -> ng.ReferralNetwork:
    """Six international seekers held 1..6 completed interviews; eight others held 2 each."""
    intl = [f"i{n}" for n in range(1, 7)]
    dom = [f"d{n}" for n in range(1, 9)]
    rows = people(
        "c",
        *intl,
        *dom,
        **{p: {"role": "student", "international": "yes"} for p in intl},
        **{p: {"role": "student", "international": "no"} for p in dom},
    )
    held = {s: n for n, s in enumerate(intl, start=1)} | dict.fromkeys(dom, 2)
    iv = [
        {
            "interview_id": f"{s}-{j}",
            "seeker_id": s,
            "contact_id": "c",
            "date": f"2025-01-{j + 1:02d}",
            "status": "completed",
        }
        for s, n in held.items()
        for j in range(n)
    ]
    return make_net(rows, (), iv)


def test_compare_groups_means_sizes_and_intervals(two_groups):
    table = ng.compare_groups(two_groups, "international", "interviews_completed", k=0)
    table = table.set_index("international")
    assert table.loc["yes", "n"] == 6 and table.loc["no", "n"] == 8
    assert table.loc["yes", "mean"] == pytest.approx(3.5)
    assert table.loc["no", "mean"] == pytest.approx(2.0)
    assert table.loc["no", "ci_low"] == table.loc["no", "ci_high"] == pytest.approx(2.0)
    assert table.loc["yes", "ci_low"] < 3.5 < table.loc["yes", "ci_high"]
    assert table.loc["yes", "ci_low"] >= 1 and table.loc["yes", "ci_high"] <= 6
    assert bool(table.loc["no", "is_reference"])  # the larger group
    assert table.loc["yes", "difference"] == pytest.approx(1.5)
    assert table.loc["yes", "difference_ci_low"] < 1.5 < table.loc["yes", "difference_ci_high"]
    assert table.attrs["unit"] == "seeker" and table.attrs["reference"] == "no"


def test_compare_groups_is_reproducible_and_seeded(two_groups):
    one = ng.compare_groups(two_groups, "international", "interviews_completed", k=0, n_boot=300)
    two = ng.compare_groups(two_groups, "international", "interviews_completed", k=0, n_boot=300)
    pd.testing.assert_frame_equal(one, two)
    other = ng.compare_groups(
        two_groups, "international", "interviews_completed", k=0, n_boot=300, seed=1
    )
    assert not np.allclose(one["ci_low"], other["ci_low"])


def test_compare_groups_suppresses_small_groups(two_groups):
    table = ng.compare_groups(two_groups, "international", "interviews_completed", k=6)
    assert table["n"].tolist() == [8, 6]
    table = ng.compare_groups(two_groups, "international", "interviews_completed", k=7)
    table = table.set_index("international")
    # 6 < 7 hides "yes"; the total (14 seekers) minus "no" would give it back: both go
    assert table.loc["yes"].drop("is_reference").isna().all()
    assert table.loc["no"].drop("is_reference").isna().all()


def test_compare_groups_on_contacts_and_missing_groups(four_deep):
    table = ng.compare_groups(four_deep, "industry", "engagement_score", k=0, n_boot=100)
    assert table.attrs["unit"] == "contact"
    assert table.set_index("industry").loc["Tech", "mean"] == pytest.approx(7.0)
    seekers = ng.compare_groups(four_deep, "industry", "cascade_depth", k=0)  # students: none
    assert seekers.empty and seekers.attrs["missing_group"] == 2


# ------------------------------------------------------------ outcomes, errors
def test_seeker_outcomes_by_hand(four_deep):
    table = ng.seeker_outcomes(four_deep, identities=True).set_index("seeker")
    s1 = table.loc["s1"]
    assert (s1["interviews_requested"], s1["interviews_completed"]) == (5, 4)
    assert (s1["referrals_received"], s1["referrals_converted"]) == (4, 3)
    assert (s1["cascade_size"], s1["cascade_depth"]) == (5, 4)
    assert table.loc["s2", "completion_rate"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda n: ng.cohorts(n, "shoe_size"), "no column 'shoe_size' in the people table"),
        (lambda n: ng.cohorts(n, "industry", band=5), "'industry' is not numeric"),
        (lambda n: ng.funnel(n, side="both"), "unknown side 'both'"),
        (lambda n: ng.mixing(n, "major", graphs=["friends"]), "unknown graph 'friends'"),
        (lambda n: ng.mixing(n, "eye_colour"), "no attribute 'eye_colour'"),
        (lambda n: ng.compare_groups(n, "major", "happiness"), "unknown metric 'happiness'"),
        (lambda n: ng.compare_groups(n, "major", "cascade_size", n_boot=0), "n_boot"),
        (lambda n: ng.compare_groups(n, "major", "cascade_size", confidence=1.5), "confidence"),
        (lambda n: ng.engagement(n, k=-1), "k must be a whole number"),
        (lambda n: ng.cascade_distribution(n, of="width"), "unknown measure 'width'"),
        (lambda n: ng.cascade_distribution(n, level="alum"), "unknown level 'alum'"),
        (lambda n: ng.cohort_activity(n, freq="week"), "unknown freq 'week'"),
        (lambda n: ng.engagement_distribution(n, metric="fame"), "unknown metric 'fame'"),
    ],
)
def test_bad_arguments_raise_clear_errors(four_deep, call, message):
    with pytest.raises(NetgraphError, match=message):
        call(four_deep)


@pytest.mark.parametrize(
    "call",
    [
        lambda n: ng.engagement(n),
        lambda n: ng.engagement_distribution(n),
        lambda n: ng.cohorts(n),
        lambda n: ng.cohort_activity(n),
        lambda n: ng.funnel(n),
        lambda n: ng.cascades(n),
        lambda n: ng.cascade_distribution(n),
        lambda n: ng.seeker_outcomes(n),
        lambda n: ng.mixing(n, "major").summary,
        lambda n: ng.compare_groups(n, "major", "cascade_size", n_boot=50),
    ],
)
def test_every_output_reports_and_excludes_opted_out_people(four_deep, call):
    table = call(four_deep)
    assert table.attrs["opted_out"] == 1
    for col in table.columns:
        if table[col].dtype == object:
            assert not table[col].isin(["x", NAMES["x"]]).any()


def test_empty_network_gives_empty_tables(make_net):
    net = make_net(people("a", "b"))
    assert ng.engagement(net).empty
    assert ng.cascades(net).empty
    assert ng.funnel(net, k=0)["requested"].tolist() == [0]
    assert ng.mixing(net, "major").matrix.empty


def test_research_on_the_sample_is_fast_enough(sample):
    start = time.perf_counter()
    ng.engagement(sample)
    ng.cascades(sample)
    ng.cohorts(sample, "industry")
    ng.funnel(sample, "first_generation")
    assert time.perf_counter() - start < 10
