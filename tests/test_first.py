"""First conversations for a student starting out: people they know, not interviewed yet."""

from __future__ import annotations

import pytest
from conftest import write_folder

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import UnknownTarget
from netgraph.first import FIRST_COLUMNS, first_conversations

# A fresh import: s knows m (mid-level, Healthcare, knows three people s does not),
# f (a friend, a student, shares the ux tag), e (an executive in Finance, family),
# and has interviewed k already. x, y, z are m's contacts; w is f's.
PEOPLE = [
    {"person_id": "s", "name": "Sam Start", "role": "student", "tags": "ux;health"},
    {
        "person_id": "m",
        "name": "Mia Mid",
        "role": "alum",
        "industry": "Healthcare",
        "seniority": "mid",
        "organization": "CareCo",
    },
    {
        "person_id": "f",
        "name": "Fay Friend",
        "role": "student",
        "seniority": "student",
        "tags": "ux;music",
    },
    {
        "person_id": "e",
        "name": "Eli Exec",
        "role": "family",
        "industry": "Finance",
        "seniority": "executive",
    },
    {"person_id": "k", "name": "Kim Known", "role": "alum", "industry": "Healthcare"},
    {"person_id": "x", "name": "X", "industry": "Healthcare"},
    {"person_id": "y", "name": "Y", "industry": "Biotech"},
    {"person_id": "z", "name": "Z"},
    {"person_id": "w", "name": "W", "industry": "Media"},
]
TIES = [
    {"person_a": "s", "person_b": "m", "kind": "classmate"},
    {"person_a": "s", "person_b": "f", "kind": "friend"},
    {"person_a": "s", "person_b": "e", "kind": "family"},
    {"person_a": "m", "person_b": "x", "kind": "coworker"},
    {"person_a": "m", "person_b": "y", "kind": "coworker"},
    {"person_a": "m", "person_b": "z", "kind": "coworker"},
    {"person_a": "f", "person_b": "w", "kind": "friend"},
    {"person_a": "f", "person_b": "m", "kind": "friend"},
]
INTERVIEWS = [
    {
        "interview_id": "i1",
        "seeker_id": "s",
        "contact_id": "k",
        "date": "2025-03-01",
        "status": "completed",
    },
]


@pytest.fixture
def folder(tmp_path):
    return write_folder(tmp_path / "d", PEOPLE, TIES, INTERVIEWS)


def test_ranked_with_reasons(folder):
    table = first_conversations(ng.load(folder), "s", as_of="2025-03-02")
    assert list(table.columns) == FIRST_COLUMNS
    assert table["person_id"].tolist() == ["m", "f", "e"]  # k is interviewed already
    m = table.iloc[0]
    # m: fit 0.5 (Healthcare, asked about via k), level 1.0, opens log(4)/log(4) = 1
    # (x, y, z; f is known), warmth 0.5 (classmate)
    assert m["fit"] == pytest.approx(0.5)
    assert m["opens"] == pytest.approx(1.0)
    assert m["score"] == pytest.approx(0.5 + 0.5 * 1.0 + 1.0 + 0.5 * 0.5)
    assert m["new_people"] == 3
    assert m["new_industries"] == ("Biotech", "Healthcare")
    assert m["reasons"] == (
        "Works in Healthcare, where you have been asking; Mid-level: knows how hiring "
        "works on a team now; Knows 3 people you do not, in Biotech, Healthcare"
    )
    f = table.iloc[1]
    assert f["reasons"].startswith("Shares your interests: ux; Knows 1 person you do not, in Media")
    e = table.iloc[2]
    assert e["reasons"] == "An executive: sees the whole industry; A close tie (family)"


def test_goals_change_the_order_and_typos_are_caught(folder):
    net = ng.load(folder)
    table = first_conversations(net, "s", goals={"industry": "Finance"})
    assert table["person_id"].iloc[0] == "e"
    assert table["reasons"].iloc[0].startswith("Fits your goals: Finance (industry)")
    with pytest.raises(UnknownTarget, match="did you mean 'Finance'"):
        first_conversations(net, "s", goals={"industry": "Finanse"})


def test_top_and_nobody(folder, make_net):
    assert len(first_conversations(ng.load(folder), "s", top=1)) == 1
    lonely = make_net([{"person_id": "s", "name": "S"}])
    table = first_conversations(lonely, "s")
    assert table.empty and list(table.columns) == FIRST_COLUMNS


def test_fresh_folder_suggest_shows_first_conversations(tmp_path, capsys):
    fresh = write_folder(tmp_path / "fresh", PEOPLE, TIES)  # no interviews at all
    assert main(["suggest", "--data", str(fresh)]) == 0  # the first person is the user
    out = capsys.readouterr().out
    assert out.startswith("Suggested next introductions for s (Sam Start)")
    assert "First conversations for s (Sam Start): people you know, not interviewed yet" in out
    assert " 1. Mia Mid (m), CareCo, Healthcare" in out
    assert main(["suggest", "--data", str(fresh), "--first", "--format", "json"]) == 0
    assert '"person_id":"m"' in capsys.readouterr().out.replace(" ", "")


def test_sample_suggest_first(capsys):
    assert main(["suggest", "--first", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("First conversations for p001 (Maya Okonkwo-Reyes)")
    assert out.count("    why:  ") == 3


def test_matches_the_acquaintance_graph_on_the_sample():
    """Neighbourhoods, strengths and kinds read from the CSR view equal the networkx graph's."""
    net = ng.load()
    g = net.acquaintance
    for seeker in net.seekers:
        table = first_conversations(net, seeker, top=None)
        talked = set(net.interviews.loc[net.interviews["seeker_id"].eq(seeker), "contact_id"])
        assert list(table["person_id"].sort_values()) == sorted(set(g[seeker]) - talked - {seeker})
        known = set(g[seeker]) | {seeker}
        for row in table.itertuples():
            assert row.warmth == g.edges[seeker, row.person_id]["strength"]
            assert row.new_people == len(set(g[row.person_id]) - known)
            kinds = g.edges[seeker, row.person_id]["kinds"]
            if row.warmth >= 0.75 and kinds:
                assert f"A close tie ({kinds.replace(';', ', ')})" in row.reasons
