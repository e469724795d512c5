"""The brief before a conversation, on a hand-checked network of two logged interviews."""

from __future__ import annotations

from html.parser import HTMLParser

import networkx as nx
import pytest
from conftest import write_folder

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import NetgraphError, UnknownTarget
from netgraph.prep import prep_brief, render_brief

# s (a student) talked with alum a at Acme, who named b (also at Acme); s asked the
# recruiter c at Beta (no reply yet); s's friend d works with c.
PEOPLE = [
    {
        "person_id": "s",
        "name": "Sam Student",
        "role": "student",
        "organization": "Lakeside",
        "seniority": "student",
        "grad_year": 2026,
        "major": "Math",
        "location": "Boston, MA",
        "tags": "ux;data",
    },
    {
        "person_id": "a",
        "name": "Ana Alum",
        "role": "alum",
        "organization": "Acme",
        "industry": "Tech",
        "title": "Director",
        "seniority": "senior",
        "grad_year": 2014,
        "major": "Math",
        "location": "boston, ma",
        "tags": "data;cycling",
    },
    {
        "person_id": "b",
        "name": "Bo Builder",
        "role": "alum",
        "organization": "Acme",
        "industry": "Tech",
        "title": "Engineer",
        "seniority": "mid",
        "grad_year": 2020,
        "major": "Math",
        "location": "Austin, TX",
    },
    {
        "person_id": "c",
        "name": "Cy Recruiter",
        "role": "employer",
        "organization": "Beta",
        "industry": "Tech",
        "title": "Technical Recruiter",
        "seniority": "mid",
    },
    {"person_id": "d", "name": "Di Friend", "role": "friend"},
]
TIES = [
    {"person_a": "s", "person_b": "d", "kind": "friend"},
    {"person_a": "d", "person_b": "c", "kind": "coworker"},
]
INTERVIEWS = [
    {
        "interview_id": "i1",
        "seeker_id": "s",
        "contact_id": "a",
        "date": "2025-03-01",
        "status": "completed",
        "notes": "Acme hires juniors in spring",
    },
    {
        "interview_id": "i2",
        "seeker_id": "s",
        "contact_id": "c",
        "date": "2025-03-05",
        "status": "requested",
    },
]
REFERRALS = [
    {
        "referral_id": "r1",
        "interview_id": "i1",
        "referrer_id": "a",
        "seeker_id": "s",
        "referred_id": "b",
        "date": "2025-03-02",
        "status": "named",
    },
]


@pytest.fixture
def folder(tmp_path):
    return write_folder(tmp_path / "data", PEOPLE, TIES, INTERVIEWS, REFERRALS)


@pytest.fixture
def net(folder):
    return ng.load(folder)


def test_brief_on_a_referred_person(net):
    brief = prep_brief(net, "s", "b", today="2025-03-10")
    assert brief.path == ("s", "a", "b")
    assert brief.connection[0].startswith("Warmest path (strength ")
    assert brief.connection[0].endswith("Sam Student → Ana Alum → Bo Builder")
    assert (
        "Ana Alum named them to you on 2 Mar 2025 (status: named), in your conversation "
        "of 1 Mar 2025." in brief.connection
    )
    assert dict(brief.shared) == {
        "major": "Same major: Math",
        "grad_year": "They graduated in 2020, 6 years before you",
        "common_contacts": "You both know Ana Alum",
    }
    assert brief.learned == (
        "1 Mar 2025, Ana Alum (about Acme, their organization): Acme hires juniors in spring",
    )
    assert brief.open_threads == (
        "Contact Bo Builder, named by Ana Alum on 2 Mar 2025 (8 days ago).",
    )
    assert brief.questions[0].startswith("Which skills matter most")  # mid seniority
    assert "How did your time at Lakeside studying Math prepare you" in brief.questions[2]
    assert brief.questions[-1].startswith("Who else would you suggest I talk to")


def test_brief_on_someone_already_met(net):
    brief = prep_brief(net, "Sam", "Ana", today="2025-03-10")
    assert brief.path == ("s", "a")
    assert dict(brief.shared) == {
        "major": "Same major: Math",
        "location": "Same location: boston, ma",
        "grad_year": "They graduated in 2014, 12 years before you",
        "tags": "Shared interests: data",
    }
    assert "You talked with them on 1 Mar 2025." in brief.connection
    assert brief.learned[0].startswith("1 Mar 2025, Ana Alum (about them):")
    assert (
        "They named Bo Builder to you on 2 Mar 2025 (named): tell them where that stands."
        in brief.open_threads
    )
    assert any(t.startswith("Send Ana Alum a thank-you") for t in brief.open_threads)
    assert brief.questions[0] == "Where do you see Tech heading over the next few years?"


def test_brief_on_a_recruiter_with_goals(net):
    brief = prep_brief(net, "s", "c", goals={"industry": "tech"}, today="2025-03-10")
    assert brief.path == ("s", "d", "c")
    assert "Your requested conversation of 5 Mar 2025 is still open." in brief.open_threads
    assert brief.questions[0] == (
        "What does the hiring timeline at Beta look like for entry-level roles?"
    )
    assert "What would you advise someone aiming for tech (industry) to do this year?" in (
        brief.questions
    )
    assert brief.learned == (  # a's note is about Acme; c is not there, but in Tech too
        "1 Mar 2025, Ana Alum (about Tech, their industry): Acme hires juniors in spring",
    )


def test_brief_out_of_reach_and_errors(make_net):
    net = make_net([{"person_id": "s", "name": "S"}, {"person_id": "z", "name": "Z"}])
    brief = prep_brief(net, "s", "z")
    assert brief.path == () and brief.path_strength == 0
    text = render_brief(brief)
    assert "You are not connected yet: no path in the data." in text
    assert "Nothing open with them." in text
    with pytest.raises(NetgraphError, match="same person"):
        prep_brief(net, "s", "s")


def test_goal_typo_is_caught(net):
    with pytest.raises(UnknownTarget, match="did you mean 'Tech'"):
        prep_brief(net, "s", "b", goals={"industry": "Tecj"})


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag

    def handle_data(self, data):
        self.text.append(data)


def test_render_markdown_and_html(net):
    brief = prep_brief(net, "s", "b", today="2025-03-10")
    md = render_brief(brief, "markdown")
    assert md.splitlines()[0] == "# Preparing to meet Bo Builder"
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads == [
        "## Who they are",
        "## How you are connected",
        "## What you share",
        "## What your notes say",
        "## Open threads",
        "## Questions to ask",
    ]
    page = render_brief(brief, "html")
    parser = _Tags()
    parser.feed(page)
    assert parser.stack == []  # every tag closed
    assert "Sam Student → Ana Alum → Bo Builder" in "".join(parser.text)
    with pytest.raises(NetgraphError, match="unknown format"):
        render_brief(brief, "pdf")


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_cli_prep(folder, capsys, fmt):
    argv = ["prep", "--data", str(folder), "--seeker", "Sam", "--contact", "Bo", "--format", fmt]
    assert main([*argv, "--as-of", "2025-03-10"]) == 0
    out = capsys.readouterr().out
    assert "Preparing to meet Bo Builder" in out
    assert "Acme hires juniors in spring" in out


def test_cli_prep_on_the_sample(capsys):
    assert main(["prep", "--contact", "p227"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Preparing to meet Nikhil Silva\nBrief for Maya Okonkwo-Reyes")
    assert "QUESTIONS TO ASK" in out


def test_common_contacts_are_those_of_the_acquaintance_graph():
    """The brief's "You both know" line lists the common neighbours of the networkx graph."""
    net = ng.load()
    g = net.acquaintance
    checked = 0
    for s in net.seekers[:6]:
        for c in sorted(set(nx.single_source_shortest_path_length(g, s, cutoff=2)) - {s})[:8]:
            common = set(g[s]) & set(g[c])
            brief = prep_brief(net, s, c)
            lines = [t for _, t in brief.shared if t.startswith("You both know")]
            if not common:
                assert not lines
                continue
            checked += 1
            names = sorted(net.people.at[p, "name"] for p in common)
            shown = ", ".join(names[:5])
            assert lines and lines[0].startswith(f"You both know {shown}")
    assert checked >= 5
