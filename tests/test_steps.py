"""The student's nine steps end to end, on a folder started with one person (the user)
and two logged interviews, through the CLI as a student would type them."""

from __future__ import annotations

import icalendar
import pytest

from netgraph.cli import main


@pytest.fixture
def mine(tmp_path):
    """A folder started by ``init``, then two interviews and a name logged with ``log``."""
    folder = tmp_path / "mine"
    me = ["--me", "Ana López", "--major", "Biology", "--grad-year", "2027"]
    assert main(["init", str(folder), *me, "--email", "ana@example.org"]) == 0
    base = ["log", "interview", "--data", str(folder), "--seeker", "Ana"]
    assert (
        main(
            [
                *base,
                "--contact",
                "Dana Ortiz",
                "--date",
                "2025-03-01",
                "--notes",
                "Acme hires juniors in spring",
                "--new-contact",
                "role=alum",
                "--new-contact",
                "organization=Acme Health",
                "--new-contact",
                "industry=Healthcare",
                "--new-contact",
                "major=Biology",
                "--new-contact",
                "grad_year=2015",
                "--new-contact",
                "seniority=senior",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                *base,
                "--contact",
                "Eli Park",
                "--date",
                "2025-03-04",
                "--status",
                "requested",
                "--new-contact",
                "role=employer",
                "--new-contact",
                "title=Recruiter",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "log",
                "referral",
                "--data",
                str(folder),
                "--referrer",
                "Dana",
                "--seeker",
                "Ana",
                "--referred",
                "Fay Chen",
                "--date",
                "2025-03-02",
                "--interview",
                "i0001",
                "--new-referred",
                "organization=Acme Health",
                "--new-referred",
                "industry=Healthcare",
                "--new-referred",
                "title=Analyst",
                "--new-referred",
                "seniority=entry",
            ]
        )
        == 0
    )
    return folder


def run(capsys, *argv) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_the_nine_steps(mine, capsys):
    data = ["--data", str(mine)]
    # 1-2 identify and expand: find people, whom to meet next (the user is the seeker)
    assert "p002" in run(capsys, "people", "dana", *data)
    out = run(capsys, "suggest", *data)
    assert out.startswith("Suggested next introductions for p001 (Ana López)")
    assert "1. Fay Chen (p004), Analyst, Acme Health, Healthcare" in out
    assert "Named by Dana Ortiz on 2 Mar" in out and "not contacted yet" in out
    assert "First conversations for p001 (Ana López)" in out  # one completed interview
    # 3 goals are checked against the data
    capsys.readouterr()
    assert main(["suggest", *data, "--goal", "industry=Helthcare"]) == 2
    assert "did you mean 'Healthcare'" in capsys.readouterr().err
    # 4 pitch
    out = run(capsys, "pitch", *data, "--audience", "recruiter")
    assert "Hello, I'm Ana López, a Biology student at [your school], graduating in 2027" in out
    assert "Fill in the [brackets]" in out
    # 5 prepare: the brief names the path, who named her, and the shared attributes
    out = run(capsys, "prep", *data, "--contact", "Fay", "--as-of", "2025-03-10")
    assert "Warmest path (strength" in out and "Ana López → Dana Ortiz → Fay Chen" in out
    assert "Dana Ortiz named them to you on 2 Mar 2025 (status: named), in your " in out
    assert "1 Mar 2025, Dana Ortiz (about Acme Health, their organization): Acme hires" in out
    out = run(capsys, "prep", *data, "--contact", "Dana", "--as-of", "2025-03-10")
    assert "Same major: Biology" in out and "They graduated in 2015, 12 years before you" in out
    html = run(capsys, "prep", *data, "--contact", "Dana", "--format", "html")
    assert html.startswith("<!DOCTYPE html>") and "<h2>What you share</h2>" in html
    # 6 make contact: the draft to the introducer
    out = run(capsys, "suggest", *data, "--draft", "1")
    assert "To: Dana Ortiz" in out and "Subject: Could you introduce me to Fay Chen?" in out
    assert "You can reach Ana at ana@example.org." in " ".join(out.split())
    # 7 follow up: the cadence on the right days, and the calendar
    ics = mine / "followups.ics"
    out = run(capsys, "followups", *data, "--today", "2025-03-10", "--ics", str(ics))
    assert "on Mon 10 Mar 2025 (the date given):" in out
    assert "Send Dana Ortiz a thank-you for your conversation on 1 Mar 2025" in out
    assert "Contact Fay Chen, named by Dana Ortiz on 2 Mar 2025" in out  # due 9 Mar: late
    assert "Nudge Eli Park (nudge 1 of 3)" in out and "[due 11 Mar 2025, 1 day late]" not in out
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == 3 and all(e.walk("VALARM") for e in events)
    # 8 reflect: a touch is logged; it counts as the first nudge
    run(
        capsys,
        "log",
        "touch",
        *data,
        "--seeker",
        "Ana",
        "--contact",
        "Eli",
        "--date",
        "2025-03-11",
        "--channel",
        "email",
    )
    out = run(capsys, "followups", *data, "--today", "2025-03-12")
    assert "Nudge Eli Park (nudge 2 of 3)" in out and "[due Tue 18 Mar]" in out
    # 9 repeat: the names from the conversation are next
    out = run(capsys, "suggest", *data, "--first")
    assert out.startswith("First conversations for p001 (Ana López)")
