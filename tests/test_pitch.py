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
