"""The elevator pitch: fixed templates, bracketed prompts for what the data lacks."""

from __future__ import annotations

import json

import pytest

from netgraph.cli import main
from netgraph.errors import NetgraphError
from netgraph.pitch import AUDIENCES, pitch

FULL = {
    "person_id": "s",
    "name": "Sam Student",
    "role": "student",
    "organization": "Lakeside University",
    "grad_year": 2026,
    "major": "Math",
    "tags": "ux;digital-health;data;music",
    "experience": "interned at a clinic, testing a patient app.",
    "skills": "careful user research",
    "looking_for": "a UX research internship",
}


@pytest.fixture
def full(make_net):
    return make_net([FULL, {"person_id": "g", "name": "Gil Grad", "grad_year": 2020}])


@pytest.mark.parametrize("audience", AUDIENCES)
def test_full_profile_has_no_prompts(full, audience):
    p = pitch(full, "s", audience=audience, today="2025-09-01")
    assert p.missing == ()
    assert "[" not in p.text
    assert p.text.endswith("?") and p.text.count("?") == 1
    assert 55 <= p.words <= 95  # about 30 seconds
    assert "Sam Student, a Math student at Lakeside University, graduating in 2026" in p.text
    assert "ux, digital health and data" in p.text  # first three tags, hyphens as spaces
    assert "and I have interned at a clinic, testing a patient app. " in p.text
    assert p.audience == audience


def test_audiences_differ_and_recruiter_names_skills(full):
    texts = {a: pitch(full, "s", audience=a).text for a in AUDIENCES}
    assert len(set(texts.values())) == 3
    assert "I bring careful user research" in texts["recruiter"]
    assert texts["alum"].endswith("What do you wish you had known when you were in my place?")


def test_deterministic(full):
    assert pitch(full, "s") == pitch(full, "s")


def test_missing_fields_become_prompts(full):
    p = pitch(full, "g", audience="recruiter", today="2025-09-01")
    assert p.text.startswith(
        "Hello, I'm Gil Grad, a 2020 [your major] graduate of [your school]. I focus on "
        "[two or three interests], and [one thing you have done: internship, project, job]."
    )
    assert p.missing == ("major", "school", "interests", "experience", "skills", "looking_for")


def test_unknown_audience(full):
    with pytest.raises(NetgraphError, match="unknown audience 'boss'"):
        pitch(full, "s", audience="boss")


def test_cli_pitch_on_the_sample(capsys):
    assert main(["pitch", "--audience", "student"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Elevator pitch of p001 (Maya Okonkwo-Reyes) to a fellow student (")
    assert "Fill in the [brackets]" in out
    assert main(["pitch", "--seeker", "Maya", "--format", "json"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["audience"] == "alum" and row["text"].endswith("?")
    assert row["missing"] == ["experience", "looking_for"]


# ------------------------------------------------------------ the introduction draft
@pytest.fixture
def referred(tmp_path):
    """s met a (alum at Acme) on 1 Mar 2025; a named b (Engineer at Acme) on 2 Mar."""
    from conftest import write_folder

    people = [
        {**FULL, "email": "sam@example.org"},
        {"person_id": "a", "name": "Ana Alum", "email": "ana@example.org"},
        {
            "person_id": "b",
            "name": "Bo Builder",
            "title": "Engineer",
            "organization": "Acme",
            "industry": "Tech",
        },
        {"person_id": "c", "name": "Cy Colleague"},
        {"person_id": "q", "name": "Quinn"},
    ]
    interviews = [
        {
            "interview_id": "i1",
            "seeker_id": "s",
            "contact_id": "a",
            "date": "2025-03-01",
            "status": "completed",
            "thank_you_sent": "2025-03-01",
        },
        {
            "interview_id": "i2",
            "seeker_id": "s",
            "contact_id": "c",
            "date": "2025-03-03",
            "status": "completed",
            "thank_you_sent": "2025-03-03",
        },
    ]
    referrals = [
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
    ties = [{"person_a": "c", "person_b": "b", "kind": "coworker"}]
    return write_folder(tmp_path / "d", people, ties, interviews, referrals)


def test_draft_recalls_the_referral_and_has_a_blurb(referred):
    import netgraph as ng
    from netgraph.pitch import draft_introduction

    net = ng.load(referred)
    d = draft_introduction(net, "s", "b", "a")
    assert d.subject == "Could you introduce me to Bo Builder?"
    lines = d.body.splitlines()
    assert lines[0] == "Hi Ana,"
    assert lines[2] == (
        "I enjoyed our conversation on 1 March, and I have been following up. You kindly "
        "suggested I talk to Bo on 2 March. Would you be willing to introduce us by e-mail?"
    )
    assert lines[-1] == "Sam"
    assert d.blurb == (
        "Sam Student is a Math student at Lakeside University, graduating in 2026, "
        "interested in ux, digital health and data. Sam has interned at a clinic, testing a "
        "patient app. Sam would value 20 minutes with Bo to learn about their work in Tech "
        "at Acme. You can reach Sam at sam@example.org."
    )
    quoted = " ".join(x[2:] for x in lines if x.startswith("> "))
    assert quoted == d.blurb
    assert d.missing == ()


def test_draft_without_a_referral_or_data_leaves_prompts(referred):
    import netgraph as ng
    from netgraph.pitch import draft_introduction

    net = ng.load(referred)
    d = draft_introduction(net, "a", "q", "s")  # a never interviewed s; q has no data
    assert "[a line on how you know each other and when you last spoke]" in d.body
    assert "I noticed that you know Quinn. Would you be comfortable introducing us?" in d.body
    assert d.missing == (
        "how_you_know",
        "industry",
        "major",
        "school",
        "grad_year",
        "interests",
        "experience",
    )
    with pytest.raises(NetgraphError, match="three people"):
        draft_introduction(net, "s", "a", "a")


def test_cli_suggest_draft(referred, capsys):
    argv = ["suggest", "--data", str(referred), "--seeker", "Sam"]
    assert main([*argv, "--draft", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Draft for suggestion 1 (Bo Builder): never sent")
    assert "To: Ana Alum <ana@example.org>" in out
    assert "Subject: Could you introduce me to Bo Builder?" in out
    assert main([*argv, "--draft", "9"]) == 2
    assert "--draft 9: there are" in capsys.readouterr().err


def test_cli_draft_on_the_sample(capsys):
    assert main(["suggest", "--draft", "1"]) == 0
    out = capsys.readouterr().out
    assert "never sent" in out and "Subject: Could you introduce me to " in out
    assert "Fill in the [brackets] before sending: experience" in out
