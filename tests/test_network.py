"""ReferralNetwork: edge strengths and evidence checked by hand, as_of, person lookup."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest
from conftest import people

from netgraph.errors import UnknownPerson
from netgraph.network import recency

IV = {"channel": "video"}


@pytest.fixture
def small(make_net):
    """s1 met a1 twice (a year apart); a1 named c1; s1's family f1 is b1's friend.

    Reference date = the latest event, 2026-01-10.
    """
    return make_net(
        people(
            "s1",
            "a1",
            "b1",
            "c1",
            "f1",
            s1={"name": "Sam Seeker", "role": "student"},
            a1={"name": "Ana Álvarez"},
            b1={"name": "Bo Chen"},
            c1={"name": "Bo Chen"},
        ),
        ties=[
            {"person_a": "s1", "person_b": "f1", "kind": "family"},
            {
                "person_a": "f1",
                "person_b": "b1",
                "kind": "friend",
                "strength": "0.7",
                "since": "2020-01-01",
            },
        ],
        interviews=[
            {
                "interview_id": "i1",
                "seeker_id": "s1",
                "contact_id": "a1",
                "date": "2025-01-10",
                "status": "completed",
                **IV,
            },
            {
                "interview_id": "i2",
                "seeker_id": "s1",
                "contact_id": "b1",
                "date": "2025-02-10",
                "status": "requested",
                **IV,
            },
            {
                "interview_id": "i3",
                "seeker_id": "s1",
                "contact_id": "a1",
                "date": "2026-01-10",
                "status": "completed",
                **IV,
            },
            {
                "interview_id": "i4",
                "seeker_id": "s1",
                "contact_id": "c1",
                "date": "2026-01-05",
                "status": "completed",
                **IV,
            },
        ],
        referrals=[
            {
                "referral_id": "r1",
                "interview_id": "i1",
                "referrer_id": "a1",
                "seeker_id": "s1",
                "referred_id": "c1",
                "date": "2025-01-10",
                "status": "interviewed",
            }
        ],
    )


def test_reference_date_is_latest_event(small):
    assert small.reference_date == pd.Timestamp("2026-01-10")


def test_recency_by_hand():
    assert recency(0) == pytest.approx(1.0)
    assert recency(365) == pytest.approx(0.75)
    assert recency(730) == pytest.approx(0.625)
    assert recency(-10) == pytest.approx(1.0)


def test_edge_strengths_by_hand(small):
    g = small.acquaintance
    # family tie, no strength given: 0.9; friend tie with strength 0.7: 0.7
    assert g.edges["s1", "f1"]["strength"] == pytest.approx(0.9)
    assert g.edges["f1", "b1"]["strength"] == pytest.approx(0.7)
    # two completed interviews: 0.5*0.75 (365 days ago) and 0.5*1.0 (today), noisy-OR
    assert g.edges["s1", "a1"]["strength"] == pytest.approx(1 - (1 - 0.375) * (1 - 0.5))
    assert g.edges["s1", "a1"]["n_interviews"] == 2
    assert g.edges["s1", "a1"]["cost"] == pytest.approx(-math.log(0.6875))
    # a referral: the referrer knows the referred, 0.4 * recency(365)
    s_ref = 0.4 * 0.75
    s_iv = 0.5 * float(recency(5))
    assert g.edges["a1", "c1"]["strength"] == pytest.approx(s_ref)
    assert g.edges["s1", "c1"]["strength"] == pytest.approx(s_iv)
    # a requested interview is no acquaintance
    assert not g.has_edge("s1", "b1")
    assert g.number_of_edges() == 5


def test_edge_evidence_is_kept(small):
    ev = small.acquaintance.edges["s1", "a1"]["evidence"]
    assert sorted(e["id"] for e in ev) == ["i1", "i3"]
    assert {e["source"] for e in ev} == {"interview"}
    assert small.acquaintance.edges["f1", "b1"]["kinds"] == "friend"


def test_node_attributes_come_from_people(small):
    assert small.acquaintance.nodes["a1"]["name"] == "Ana Álvarez"
    assert small.acquaintance.number_of_nodes() == 5


def test_referral_graph(small):
    r = small.referral_graph
    assert r.number_of_edges() == 5
    assert r.edges["s1", "b1", "i2"]["status"] == "requested"
    assert r.edges["a1", "c1", "r1"]["kind"] == "referral"
    assert r.edges["a1", "c1", "r1"]["seeker"] == "s1"


def test_graphs_are_frozen(small):
    assert nx.is_frozen(small.acquaintance) and nx.is_frozen(small.referral_graph)
    with pytest.raises(nx.NetworkXError):
        small.acquaintance.add_edge("x", "y")


def test_as_of_drops_later_events_and_reweights(small):
    past = small.as_of("2025-06-01")
    assert past.reference_date == pd.Timestamp("2025-06-01")
    assert set(past.interviews["interview_id"]) == {"i1", "i2"}
    # r1 says "interviewed" but i4 happened later: only the naming is known by then
    assert past.referrals.loc[0, "status"] == "named"
    age = (pd.Timestamp("2025-06-01") - pd.Timestamp("2025-01-10")).days
    assert past.acquaintance.edges["s1", "a1"]["strength"] == pytest.approx(0.5 * recency(age))
    assert not past.acquaintance.has_edge("s1", "c1")
    # the original is unchanged
    assert len(small.interviews) == 4


def test_as_of_before_everything_keeps_people_and_undated_ties(small):
    empty = small.as_of("2000-01-01")
    assert len(empty.people) == 5 and len(empty.interviews) == 0
    assert set(map(frozenset, empty.acquaintance.edges)) == {frozenset({"s1", "f1"})}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("a1", "a1"),
        ("A1", "a1"),
        ("ana alvarez", "a1"),
        ("  ANA   ÁLVAREZ ", "a1"),
        ("Sam Seeker", "s1"),
    ],
)
def test_resolve(small, query, expected):
    assert small.resolve(query) == expected


def test_resolve_ambiguous_name_lists_both(small):
    with pytest.raises(UnknownPerson) as info:
        small.resolve("bo chen")
    assert info.value.ambiguous
    assert "b1 (Bo Chen)" in str(info.value) and "c1 (Bo Chen)" in str(info.value)


def test_resolve_unknown_suggests_close_matches(small):
    with pytest.raises(UnknownPerson, match=r"did you mean: s1 \(Sam Seeker\)"):
        small.resolve("Sam Seker")


def test_repr_counts(small):
    assert repr(small) == "<ReferralNetwork 5 people, 2 ties, 4 interviews, 1 referrals>"
