"""Finding people (search, partial names) and checking goal values."""

from __future__ import annotations

import pytest
from conftest import people

from netgraph.cli import main
from netgraph.errors import NetgraphError, UnknownPerson, UnknownTarget
from netgraph.people import PEOPLE_COLUMNS, check_goals, find_people

ROWS = [
    {"person_id": "s1", "name": "Maya Okonkwo-Reyes", "role": "student", "tags": "ux;data"},
    {
        "person_id": "a1",
        "name": "Arjun Okonkwo-Reyes",
        "organization": "Nimbus Media",
        "industry": "Media",
    },
    {
        "person_id": "d1",
        "name": "Daniel Das",
        "organization": "Larkspur Care",
        "industry": "Healthcare",
    },
    {
        "person_id": "d2",
        "name": "Camila Das",
        "organization": "Larkspur Care",
        "industry": "Healthcare",
    },
    {
        "person_id": "e1",
        "name": "Élodie Márquez",
        "organization": "Acme Health Tech",
        "industry": "Health Technology",
        "location": "Boston, MA",
    },
]


@pytest.fixture
def net(make_net):
    return make_net(people(*(r["person_id"] for r in ROWS), **{r["person_id"]: r for r in ROWS}))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("maya", ["s1"]),
        ("MAYA okonkwo", ["s1"]),
        ("okonkwo", ["a1", "s1"]),  # sorted by name
        ("reyes", ["a1", "s1"]),  # second part of a hyphenated surname
        ("das", ["d2", "d1"]),
        ("elodie", ["e1"]),  # accents ignored
        ("MÁRQ", ["e1"]),  # a prefix, with an accent the name also has
        ("larkspur", ["d2", "d1"]),  # organization
        ("acme tech", ["e1"]),  # every word begins a word of the organization
        ("s1", ["s1"]),  # an id
        ("zed", []),
        ("aya", []),  # words must begin, not merely contain
    ],
)
def test_find_people(net, query, expected):
    table = find_people(net, query)
    assert list(table.columns) == PEOPLE_COLUMNS
    assert table["person_id"].tolist() == expected


def test_find_people_says_what_matched(net):
    table = find_people(net, "larkspur").set_index("person_id")
    assert set(table["matched"]) == {"organization"}
    assert table.at["d1", "industry"] == "Healthcare"
    with pytest.raises(NetgraphError, match="give a name"):
        find_people(net, "  ")


@pytest.mark.parametrize(
    ("query", "expected"), [("Maya", "s1"), ("élodie", "e1"), ("arj ok", "a1")]
)
def test_resolve_accepts_unique_partial_name(net, query, expected):
    assert net.resolve(query) == expected


def test_resolve_lists_candidates_of_an_ambiguous_part(net):
    with pytest.raises(UnknownPerson) as info:
        net.resolve("Das")
    assert info.value.ambiguous
    assert str(info.value) == (
        "'Das' matches several people: d2 (Camila Das), d1 (Daniel Das); "
        "give an id or more of the name"
    )


def test_resolve_misspelt_surname_suggests_it(net):
    with pytest.raises(UnknownPerson, match=r"did you mean: d2 \(Camila Das\), d1 \(Daniel Das\)"):
        net.resolve("Dass")


@pytest.mark.parametrize(
    "goals",
    [
        {"industry": "healthcare"},
        {"industry": "HEALTH"},  # a whole word of "Health Technology"
        {"tag": "UX"},
        {"org": "larkspur care"},
        {"location": "boston"},
        {"industry": ["Media", "Healthcare"]},
    ],
)
def test_check_goals_accepts_values_in_the_data(net, goals):
    out = check_goals(net, goals)
    assert set(out) <= {"industry", "tag", "organization", "location"}


def test_check_goals_names_every_typo_with_did_you_mean(net):
    with pytest.raises(UnknownTarget) as info:
        check_goals(net, {"industry": ["Helthcare", "Media"], "tag": "uxx", "major": "Art"})
    msg = str(info.value)
    assert "industry 'Helthcare' (did you mean 'Healthcare'?)" in msg
    assert "tag 'uxx' (did you mean 'ux'?)" in msg
    assert "major 'Art'; no major is recorded" in msg
    assert "Media" not in msg.split("did you mean")[0]


def test_check_goals_rejects_unknown_key(net):
    with pytest.raises(UnknownTarget, match="unknown goal 'salary'"):
        check_goals(net, {"salary": "high"})


def test_suggest_rejects_a_goal_typo(capsys):
    assert main(["suggest", "--goal", "industry=Helthcare"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'Healthcare'" in err and "Traceback" not in err


def test_people_command(capsys):
    assert main(["people", "das"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 people match 'das':")
    assert "p067" in out and "Camila Das" in out
    assert main(["people", "zzzz"]) == 0
    assert "nobody whose name" in capsys.readouterr().out


def test_seeker_by_first_name_and_ambiguous_surname(capsys):
    assert main(["suggest", "--seeker", "Maya", "--top", "1"]) == 0
    assert "p001 (Maya Okonkwo-Reyes)" in capsys.readouterr().out
    assert main(["suggest", "--seeker", "Das"]) == 2
    err = capsys.readouterr().err
    assert "'Das' matches several people: " in err and "p067 (Camila Das)" in err
