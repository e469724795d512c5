"""Editing the record: --update of interviews and referrals, ties, duplicates refused."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import people, write_folder

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import DataError, NetgraphError
from netgraph.record import record_interview, record_tie, update_interview, update_referral
from netgraph.sources import convert, open_source


@pytest.fixture
def folder(tmp_path) -> Path:
    return write_folder(
        tmp_path / "d",
        people("s1", "a1", "b1"),
        ties=[{"person_a": "s1", "person_b": "a1", "kind": "friend"}],
        interviews=[
            {
                "interview_id": "i1",
                "seeker_id": "s1",
                "contact_id": "a1",
                "date": "2025-01-10",
                "status": "scheduled",
                "notes": 'said "hi",\nleft',
            },
            {
                "interview_id": "i2",
                "seeker_id": "s1",
                "contact_id": "b1",
                "date": "2025-01-12",
                "status": "requested",
            },
        ],
        referrals=[
            {
                "referral_id": "r1",
                "interview_id": "",
                "referrer_id": "a1",
                "seeker_id": "s1",
                "referred_id": "b1",
                "date": "2025-01-11",
                "status": "named",
            },
        ],
    )


def test_update_interview_changes_only_that_row(folder):
    before = (folder / "interviews.csv").read_bytes()
    row = update_interview(folder, "i1", status="completed", thank_you_sent="2025-01-11")
    assert row == {"interview_id": "i1", "status": "completed", "thank_you_sent": "2025-01-11"}
    after = (folder / "interviews.csv").read_bytes()
    header_and_i2 = [line for line in before.splitlines() if not line.startswith((b"i1", b"left"))]
    assert all(line in after.splitlines() for line in header_and_i2)  # other bytes as they were
    iv = ng.load(folder).interviews.set_index("interview_id")
    assert iv.at["i1", "status"] == "completed"
    assert iv.at["i1", "thank_you_sent"] == pd.Timestamp("2025-01-11")
    assert iv.at["i1", "notes"] == 'said "hi",\nleft'  # the multi-line cell survives
    assert iv.at["i2", "status"] == "requested"


def test_update_that_would_not_validate_changes_nothing(folder):
    before = (folder / "interviews.csv").read_bytes()
    with pytest.raises(DataError) as info:
        update_interview(folder, "i1", thank_you_sent="2025-01-01")  # before the interview
    (p,) = info.value.problems
    assert (p.file, p.line, p.column) == ("interviews.csv", 2, "thank_you_sent")
    assert (folder / "interviews.csv").read_bytes() == before


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda f: update_interview(f, "i9", status="completed"), "no interview_id 'i9'"),
        (lambda f: update_interview(f, "i1"), "nothing to change"),
        (lambda f: update_referral(f, "r11", status="contacted"), "did you mean: r1"),
        (lambda f: record_tie(f, "s1", "s1", kind="friend"), "two different people"),
        (lambda f: record_tie(f, "a1", "s1"), "tie already"),
    ],
)
def test_update_mistakes_are_clear(folder, call, message):
    with pytest.raises(NetgraphError, match=message):
        call(folder)


def test_duplicate_interview_is_refused_and_points_to_update(folder, capsys):
    before = (folder / "interviews.csv").read_bytes()
    args = [
        "log",
        "interview",
        "--data",
        str(folder),
        "--seeker",
        "s1",
        "--contact",
        "a1",
        "--date",
        "2025-01-10",
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "recorded already (i1, scheduled)" in err and "--update i1" in err
    assert (folder / "interviews.csv").read_bytes() == before
    assert main([*args[:-1], "2025-01-20"]) == 0  # another day is another interview


def test_new_contact_matching_someone_asks_for_their_id(folder, capsys):
    args = [
        "log",
        "interview",
        "--data",
        str(folder),
        "--seeker",
        "s1",
        "--contact",
        "name a1",
        "--new-contact",
        "role=alum",
        "--date",
        "2025-02-01",
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "a1 (Name a1)" in err and "that is: --contact a1 (without --new-contact)" in err


def test_cli_update_referral_and_tie(folder, capsys):
    assert (
        main(["log", "referral", "--data", str(folder), "--update", "r1", "--status", "contacted"])
        == 0
    )
    assert ng.load(folder).referrals.at[0, "status"] == "contacted"
    ties_before = (folder / "ties.csv").read_bytes()
    assert main(["log", "tie", "--data", str(folder), "s1", "Name b1", "--kind", "mentor"]) == 0
    assert (folder / "ties.csv").read_bytes().startswith(ties_before)  # appended
    assert main(["log", "tie", "--data", str(folder), "a1", "s1", "--kind", "mentor"]) == 0
    assert "changed" in capsys.readouterr().out
    ties = ng.load(folder).ties
    assert ties[["person_a", "person_b", "kind"]].values.tolist() == [
        ["s1", "a1", "mentor"],
        ["s1", "b1", "mentor"],
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["interview", "--seeker", "s1", "--date", "2025-02-01"], "needs --contact"),
        (
            ["interview", "--update", "i1", "--seeker", "s1", "--status", "completed"],
            "leave out --seeker",
        ),
        (["referral", "--referrer", "a1"], "needs --seeker, --referred, --date"),
    ],
)
def test_cli_log_needs_the_right_options(folder, capsys, args, message):
    assert main(["log", args[0], "--data", str(folder), *args[1:]]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["xlsx", "sqlite", "postgresql"])
def test_updates_and_ties_in_every_store(folder, tmp_path, request, kind):
    store = (
        request.getfixturevalue("postgres_url")
        if kind == "postgresql"
        else str(tmp_path / f"n.{kind}")
    )
    convert(folder, store)
    update_interview(store, "i1", status="completed", thank_you_sent="2025-01-11")
    update_referral(store, "r1", status="contacted")
    record_tie(store, "s1", "b1", kind="mentor")
    record_tie(store, "a1", "s1", kind="coworker", strength="0.7")
    net = ng.load(store)
    iv = net.interviews.set_index("interview_id")
    assert (iv.at["i1", "status"], iv.at["i1", "thank_you_sent"]) == (
        "completed",
        pd.Timestamp("2025-01-11"),
    )
    assert iv.at["i2", "status"] == "requested"
    assert net.referrals.at[0, "status"] == "contacted"
    ties = net.ties.set_index("person_b")
    assert (ties.at["a1", "kind"], ties.at["a1", "strength"]) == ("coworker", 0.7)
    assert ties.at["b1", "kind"] == "mentor"
    before = open_source(store).fingerprint()
    with pytest.raises(NetgraphError, match="--update i1"):
        record_interview(store, seeker="s1", contact="a1", date="2025-01-10")
    with pytest.raises(DataError):
        update_interview(store, "i2", status="maybe")
    assert open_source(store).fingerprint() == before
