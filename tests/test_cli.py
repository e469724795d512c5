"""The CLI: in-process through ``main(argv)``, plus one real ``python -m netgraph``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import people, write_folder

from netgraph.cli import build_parser, main


def _subcommands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _subcommands())
def test_every_command_has_help(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"python -m netgraph {command}" in out
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert sub.choices[command].description, f"{command} has no description"


def _all_parsers():
    """(name, parser) of every command and sub-command (``log interview``)."""
    out = []

    def walk(parser, name):
        sub = next((a for a in parser._actions if a.dest in ("command", "what")), None)
        if name:
            out.append((name, parser))
        for child, p in sub.choices.items() if sub else ():
            walk(p, f"{name} {child}".strip())

    walk(build_parser(), "")
    return out


@pytest.mark.parametrize(("name", "parser"), _all_parsers(), ids=lambda x: str(x))
def test_every_command_help_shows_an_example(name, parser):
    text = parser.format_help()
    assert "example" in text
    examples = [line.strip() for line in text.splitlines() if line.startswith("  python -m")]
    assert examples, name
    for example in examples:
        assert example.startswith(f"python -m netgraph {name.split()[0]}")


def test_version(capsys):
    from netgraph import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"netgraph {__version__}"


def test_every_command_is_documented_in_the_readme():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for command in _subcommands():
        assert f"python -m netgraph {command}" in readme, command


def test_suggest_on_sample_prints_ranked_table(capsys):
    assert main(["suggest"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Suggested next introductions for p001 (")
    assert out.count("    ask:  ") >= 5  # at least 5 suggestions, each with an introducer
    assert out.count("    why:  ") == out.count("    ask:  ")
    assert " 1. " in out


def test_suggest_json_is_valid_and_matches_table(capsys):
    assert main(["suggest", "--format", "json", "--top", "7"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 5
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert all(r["introducer"] and r["reasons"] for r in rows)
    assert main(["suggest", "--format", "csv", "--top", "7"]) == 0
    csv_lines = capsys.readouterr().out.strip().splitlines()
    assert len(csv_lines) == len(rows) + 1


def test_validate_sample_prints_summary(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "valid" in out and "people" in out and "interviews" in out and "seekers" in out


def test_validate_bad_folder_lists_every_problem(tmp_path, capsys):
    folder = write_folder(
        tmp_path / "bad",
        [{"person_id": "s1", "name": "Sam"}, {"person_id": "s1", "name": "Dup", "role": "boss"}],
        interviews=[
            {
                "interview_id": "i1",
                "seeker_id": "s1",
                "contact_id": "nobody",
                "date": "31/02/2025",
                "status": "completed",
            }
        ],
    )
    assert main(["validate", "--data", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error: 4 problems in the data:")
    for needle in (
        "people.csv:3: column 'person_id'",
        "people.csv:3: column 'role'",
        "interviews.csv:2: column 'contact_id'",
        "interviews.csv:2: column 'date'",
        "'31/02/2025'",
    ):
        assert needle in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "code", "stderr_has"),
    [
        (["suggest", "--seeker", "nobody at all"], 2, "no person 'nobody at all'"),
        (["suggest", "--top", "0"], 2, "expected a number >= 1"),
        (["suggest", "--as-of", "someday"], 2, "expected a date"),
        (["suggest", "--data", "/no/such/folder"], 2, "a folder holding people.csv"),
        (["frobnicate"], 2, "invalid choice"),
        ([], 2, "required"),
    ],
)
def test_bad_usage_exits_2_with_message(argv, code, stderr_has, capsys):
    assert main(argv) == code
    err = capsys.readouterr().err
    assert stderr_has in err
    assert "Traceback" not in err


def test_several_seekers_need_seeker_option(tmp_path, capsys):
    ivs = [
        {
            "interview_id": f"i{n}",
            "seeker_id": s,
            "contact_id": "a1",
            "date": "2025-01-01",
            "status": "completed",
        }
        for n, s in enumerate(["s1", "s2"])
    ]
    folder = write_folder(tmp_path / "two", people("s1", "s2", "a1"), interviews=ivs)
    assert main(["suggest", "--data", str(folder)]) == 2
    assert "choose one with --seeker" in capsys.readouterr().err
    assert main(["suggest", "--data", str(folder), "--seeker", "Name s2"]) == 0


def test_generate_is_seeded(tmp_path, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["generate", "--people", "120", "--seed", "3", "--out", str(a)]) == 0
    assert main(["generate", "--people", "120", "--seed", "3", "--out", str(b)]) == 0
    for name in ("people.csv", "ties.csv", "interviews.csv", "referrals.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    assert main(["validate", "--data", str(a)]) == 0
    assert main(["generate", "--people", "120", "--out", str(a)]) == 2
    assert "--force" in capsys.readouterr().err


def test_real_subprocess_from_empty_directory(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "netgraph", "suggest", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) >= 5


def test_cli_import_does_not_load_matplotlib_or_jupyter():
    code = (
        "import sys, netgraph.cli, netgraph.__main__; import netgraph as ng;"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('matplotlib', 'IPython', 'ipykernel', 'jupyter_client', 'nbformat')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_validate_notes_unknown_tie_kinds_and_reads_synonyms(tmp_path, capsys):
    rows = [
        {"person_a": "s1", "person_b": "a1", "kind": "Colleague"},
        {"person_a": "s1", "person_b": "b1", "kind": "buddy"},
        {"person_a": "a1", "person_b": "b1", "kind": "buddy"},
    ]
    folder = write_folder(tmp_path / "k", people("s1", "a1", "b1"), rows)
    assert main(["validate", "--data", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "note: ties.csv kind 'buddy' (2 rows) is not a known kind" in out
    assert "Colleague" not in out
    import netgraph as ng
    from netgraph.network import KIND_STRENGTH

    g = ng.load(folder).acquaintance
    assert g.edges["s1", "a1"]["strength"] == pytest.approx(KIND_STRENGTH["coworker"])
    assert g.edges["s1", "a1"]["kinds"] == "coworker"


def test_bridges_top_counts_every_contact(capsys):
    assert main(["bridges"]) == 0
    full = capsys.readouterr().out.splitlines()[0]
    assert main(["bridges", "--top", "5"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert head == full + "; the top 5 shown"
    assert " of 5 contacts" not in head


def test_reach_list_top_and_industry_table_without_running_totals(capsys):
    assert main(["reach", "--list", "--top", "4"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 5  # header and four people
    assert main(["reach"]) == 0
    out = capsys.readouterr().out
    industries = out.split("Top industries:")[1].strip().splitlines()
    assert industries[0].split() == ["industry", "reached", "warm", "share"]
    assert len(industries) == 11


def test_suggest_as_of_in_header_and_csv_arrows(capsys):
    assert main(["suggest", "--as-of", "2025-06-01", "--top", "1"]) == 0
    assert capsys.readouterr().out.startswith(
        "Suggested next introductions for p001 (Maya Okonkwo-Reyes) as of 2025-06-01"
    )
    assert main(["suggest", "--format", "csv", "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "→" not in out and " -> " in out


# ----------------------------------------------------------- strict dates
@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["reach", "--as-of", "1066-10-14"], 2, "got '1066-10-14'; expected a date between 1900"),
        (["followups", "--today", "2999-01-01"], 2, "expected a date between 1900 and 2200"),
        (["reach", "--as-of", "2024-01-01T25:99"], 2, "optionally with a real time of day"),
        (["reach", "--as-of", "01/03/2025"], 2, "could be 1 March or 3 January; write YYYY"),
        (["suggest", "--as-of", "garbage"], 2, "got 'garbage'; expected a date as YYYY-MM-DD"),
        (["bridges", "--as-of", "2025-02-30"], 2, "expected a real calendar date as YYYY-MM-DD"),
        (["report", "--out", "unused", "--as-of", "99999"], 2, "an Excel day number"),
        (["reach", "--as-of", "2025-03-13T10:00"], 0, "as of 2025-03-13"),
        (["reach", "--as-of", "13/03/2025"], 0, "as of 2025-03-13"),
        (["reach", "--as-of", "13 Mar 2025"], 0, "as of 2025-03-13"),
    ],
)
def test_date_options_use_the_loaders_strict_rules(argv, code, words, capsys):
    assert main(argv) == code
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert words in (captured.out if code == 0 else captured.err)
    if code:
        assert "error: argument --" in captured.err


def test_every_date_option_is_strict():
    """Every option of every command that reads a day parses it with the loader's rules."""
    from netgraph.cli import _date

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    dated = {
        (name, a.dest)
        for name, p in sub.choices.items()
        for a in p._actions
        if a.metavar == "DATE" or a.dest in ("as_of", "today")
    }
    assert dated  # --as-of and --today at least
    for name, dest in dated:
        action = next(a for a in sub.choices[name]._actions if a.dest == dest)
        assert action.type is _date, (name, dest)


# ------------------------------------------------------- terminal safety
def test_terminal_escape_codes_in_names_are_shown_not_obeyed(tmp_path, capsys):
    evil = "Eve\x1b]0;owned\x07\x1b[2J\rMallory\u202e"
    folder = write_folder(
        tmp_path / "d",
        [
            {"person_id": "s1", "name": "Sam", "role": "student"},
            {"person_id": "e1", "name": evil, "role": "alum", "organization": "\x1b[31mRed"},
        ],
        ties=[{"person_a": "s1", "person_b": "e1", "kind": "friend"}],
    )
    for argv in (
        ["reach", "--list"],
        ["bridges"],
        ["suggest"],
        ["reach", "--target", "e1"],
    ):
        assert main([*argv, "--data", str(folder), "--seeker", "s1"]) == 0, argv
        out = capsys.readouterr().out
        assert not any(c in out for c in "\x1b\x07\r\u202e"), argv
    assert main(["reach", "--list", "--data", str(folder), "--seeker", "s1"]) == 0
    out = capsys.readouterr().out
    assert "Eve\\x1b]0;owned\\x07\\x1b[2J\\rMallory\\u202e" in out
    # an error message quoting the name is made safe too
    target = "organization=\x1b[31mRedd"
    assert main(["reach", "--data", str(folder), "--seeker", "s1", "--target", target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error: ") and "\x1b" not in err


def test_csv_and_json_into_a_pipe_keep_the_data_byte_for_byte(tmp_path, capsys):
    folder = write_folder(
        tmp_path / "d",
        [{"person_id": "s1", "name": "Sam"}, {"person_id": "e1", "name": "Eve\x1b[1m"}],
        ties=[{"person_a": "s1", "person_b": "e1", "kind": "friend"}],
    )
    assert (
        main(["reach", "--list", "--format", "json", "--data", str(folder), "--seeker", "s1"]) == 0
    )
    assert json.loads(capsys.readouterr().out)[0]["name"] == "Eve\x1b[1m"


# ------------------------------------------------------ numeric extremes
def test_tie_strengths_of_1e_170_run_every_seeker_command(tmp_path, capsys):
    # 1 - exp(log1p(-1e-170)) was 0 (ZeroDivisionError in the communities)
    ids = ["s1", "a1", "b1", "c1", "d1"]
    pairs = [("s1", "a1"), ("a1", "b1"), ("b1", "c1"), ("s1", "d1"), ("c1", "d1")]
    folder = write_folder(
        tmp_path / "d",
        people(*ids, s1={"role": "student"}),
        ties=[{"person_a": a, "person_b": b, "strength": "1e-170"} for a, b in pairs],
    )
    for argv in (["suggest"], ["reach"], ["bridges"], ["bridges", "--network"]):
        assert main([*argv, "--data", str(folder), "--seeker", "s1"]) == 0, argv
        assert "Traceback" not in capsys.readouterr().err
