"""Follow-ups: every kind on a hand-made history with days counted by hand, the CLI."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import people, write_folder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import NetgraphError, UnknownPerson
from netgraph.followups import FOLLOWUP_COLUMNS, FOLLOWUP_KINDS, followups

TODAY = "2025-03-01"


def iv(iid, seeker, contact, date, status="completed", thanks="", due=""):
    return {
        "interview_id": iid,
        "seeker_id": seeker,
        "contact_id": contact,
        "date": date,
        "status": status,
        "thank_you_sent": thanks,
        "follow_up_due": due,
    }


def ref(rid, iid, referrer, seeker, referred, date, status):
    return {
        "referral_id": rid,
        "interview_id": iid,
        "referrer_id": referrer,
        "seeker_id": seeker,
        "referred_id": referred,
        "date": date,
        "status": status,
    }


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """Seeker s's two years of conversations; days are counted to 1 Mar 2025.

    a: met 10 Jan, no thank-you, follow-up due 20 Jan (40 days overdue), named x on 12 Jan.
    b: met 20 Feb, thanked, follow-up due 5 Mar (in 4 days), introduced y on 21 Feb.
    c: met 1 Oct 2024, named z, whom s met on 1 Feb: a note to c is owed (28 days).
    f: met 5 Jan, follow-up due 15 Jan, but s asked f again on 10 Feb: followed up.
    k: met 1 Sep 2024, thanked 2 Sep: not in touch for 180 days.
    e: declined: nothing owed. s2, another seeker, owes a a thank-you.
    """
    ppl = people("s", "s2", "a", "b", "c", "e", "f", "k", "x", "y", "z")
    interviews = [
        iv("i1", "s", "a", "2025-01-10", due="2025-01-20"),
        iv("i2", "s", "b", "2025-02-20", thanks="2025-02-21", due="2025-03-05"),
        iv("i3", "s", "c", "2024-10-01", thanks="2024-10-02"),
        iv("i4", "s", "z", "2025-02-01", thanks="2025-02-01"),
        iv("i5", "s", "e", "2025-01-05", status="declined"),
        iv("i6", "s", "f", "2025-01-05", thanks="2025-01-06", due="2025-01-15"),
        iv("i7", "s", "f", "2025-02-10", status="requested"),
        iv("i8", "s", "k", "2024-09-01", thanks="2024-09-02"),
        iv("i9", "s2", "a", "2025-02-11"),
    ]
    referrals = [
        ref("r1", "i1", "a", "s", "x", "2025-01-12", "named"),
        ref("r2", "i2", "b", "s", "y", "2025-02-21", "introduced"),
        ref("r3", "i3", "c", "s", "z", "2024-10-03", "interviewed"),
    ]
    folder = tmp_path_factory.mktemp("followups") / "data"
    return ng.load(write_folder(folder, ppl, (), interviews, referrals))


def test_every_kind_with_its_days(history):
    todo = followups(history, "s", today=TODAY)
    assert list(todo.columns) == FOLLOWUP_COLUMNS
    got = todo[["kind", "person_id", "days"]].values.tolist()
    assert got == [
        ["thank_you", "a", 50],
        ["follow_up_overdue", "a", 40],
        ["follow_up_due", "b", -4],
        ["referral_not_contacted", "x", 48],
        ["referral_not_contacted", "y", 8],
        ["close_the_loop", "c", 28],
        ["keep_in_touch", "k", 180],
    ]


def test_actions_are_plain_words(history):
    todo = followups(history, "s", today=TODAY).set_index(["kind", "person_id"])["action"]
    assert todo["thank_you", "a"] == (
        "Send Name a a thank-you for your conversation on 10 Jan 2025 (50 days ago)"
    )
    assert (
        todo["follow_up_overdue", "a"] == "Follow up with Name a: due 20 Jan 2025, 40 days overdue"
    )
    assert todo["follow_up_due", "b"] == "Follow up with Name b by 5 Mar 2025 (in 4 days)"
    assert todo["referral_not_contacted", "x"] == (
        "Contact Name x, named by Name a on 12 Jan 2025 (48 days ago)"
    )
    assert todo["referral_not_contacted", "y"] == (
        "Reply to Name b's introduction to Name y on 21 Feb 2025 (8 days ago)"
    )
    assert todo["close_the_loop", "c"] == (
        "Tell Name c you met Name z on 1 Feb 2025, thanks to them"
    )
    assert todo["keep_in_touch", "k"] == (
        "Check in with Name k: last in touch 2 Sep 2024 (180 days ago)"
    )


def test_ids_and_dates_point_at_the_records(history):
    todo = followups(history, "s", today=TODAY).set_index(["kind", "person_id"])
    assert todo.loc[("thank_you", "a"), "interview_id"] == "i1"
    assert todo.loc[("referral_not_contacted", "x"), "referral_id"] == "r1"
    assert todo.loc[("follow_up_overdue", "a"), "due"] == pd.Timestamp("2025-01-20")
    assert todo.loc[("close_the_loop", "c"), "date"] == pd.Timestamp("2025-02-01")
    assert pd.isna(todo.loc[("thank_you", "a"), "due"])


@pytest.mark.parametrize(
    ("keep", "expected"),
    [(90, {"k"}), (179, {"k"}), (180, set()), (20, {"k", "z", "c"})],
)
def test_keep_in_touch_interval(history, keep, expected):
    todo = followups(history, "s", today=TODAY, keep_in_touch_days=keep)
    assert set(todo.loc[todo["kind"].eq("keep_in_touch"), "person_id"]) == expected


def test_close_the_loop_only_within_the_interval(history):
    todo = followups(history, "s", today=TODAY, keep_in_touch_days=20)
    assert "close_the_loop" not in set(todo["kind"])
    # c falls back to a keep-in-touch reminder (last in touch 3 Oct 2024, 149 days)
    row = todo[todo["kind"].eq("keep_in_touch") & todo["person_id"].eq("c")]
    assert row["days"].tolist() == [149]


def test_due_within_days(history):
    soon = followups(history, "s", today=TODAY, due_within_days=3)
    assert "follow_up_due" not in set(soon["kind"])


def test_today_earlier_ignores_later_events(history):
    todo = followups(history, "s", today="2025-02-15")
    assert "b" not in set(todo["person_id"])  # met on 20 Feb
    assert "y" not in set(todo["person_id"])  # introduced on 21 Feb
    assert todo.loc[todo["kind"].eq("thank_you"), "days"].tolist() == [36]


def test_every_seeker_when_none_given(history):
    todo = followups(history, today=TODAY)
    assert set(todo["seeker_id"]) == {"s", "s2"}
    theirs = todo[todo["seeker_id"].eq("s2")]
    assert theirs[["kind", "person_id", "days"]].values.tolist() == [["thank_you", "a", 18]]
    assert (todo["seeker_id"].tolist()) == sorted(todo["seeker_id"])


def test_seeker_by_name_and_unknown(history):
    assert len(followups(history, "Name s", today=TODAY)) == 7
    with pytest.raises(UnknownPerson, match="no person 'Nobody'"):
        followups(history, "Nobody")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"keep_in_touch_days": 0}, "keep_in_touch_days must be a whole number >= 1"),
        ({"due_within_days": -1}, "due_within_days must be a whole number >= 0"),
    ],
)
def test_bad_options(history, options, message):
    with pytest.raises(NetgraphError, match=message):
        followups(history, "s", **options)


def test_nothing_owed_gives_an_empty_typed_table(tmp_path):
    net = ng.load(
        write_folder(
            tmp_path / "d",
            people("s", "a"),
            (),
            [iv("i1", "s", "a", "2025-01-01", thanks="2025-01-01")],
        )
    )
    todo = followups(net, "s")
    assert todo.empty
    assert list(todo.columns) == FOLLOWUP_COLUMNS


# ------------------------------------------------------------ properties

STATUSES = ["requested", "scheduled", "completed", "declined", "no_show"]


@st.composite
def histories(draw):
    n = draw(st.integers(0, 8))
    rows = []
    for k in range(n):
        day = draw(st.integers(1, 300))
        date = pd.Timestamp("2024-06-01") + pd.Timedelta(days=day)
        status = draw(st.sampled_from(STATUSES))
        thanks = draw(st.sampled_from([None, 0, 3])) if status == "completed" else None
        due = draw(st.sampled_from([None, 5, 20, 400]))
        rows.append(
            iv(
                f"i{k}",
                "s",
                draw(st.sampled_from(["a", "b", "c", "d"])),
                f"{date:%Y-%m-%d}",
                status=status,
                thanks="" if thanks is None else f"{date + pd.Timedelta(days=thanks):%Y-%m-%d}",
                due="" if due is None else f"{date + pd.Timedelta(days=due):%Y-%m-%d}",
            )
        )
    return rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=histories())
def test_kinds_are_ordered_and_days_have_the_documented_sign(rows):
    with tempfile.TemporaryDirectory() as tmp:
        net = ng.load(write_folder(Path(tmp), people("s", "a", "b", "c", "d"), (), rows))
    todo = followups(net, "s", today="2025-06-01")
    order = todo["kind"].map(FOLLOWUP_KINDS.index)
    assert order.is_monotonic_increasing
    due = todo["kind"].eq("follow_up_due")
    assert (todo.loc[due, "days"] <= 0).all() and (todo.loc[due, "days"] >= -7).all()
    assert (todo.loc[~due, "days"] >= 0).all()
    done = {
        r["interview_id"] for r in rows if r["status"] == "completed" and not r["thank_you_sent"]
    }
    assert set(todo.loc[todo["kind"].eq("thank_you"), "interview_id"]) == done


# ------------------------------------------------------------ the sample / CLI


def test_sample_featured_student_owes_thanks_and_follow_ups(sample):
    todo = followups(sample, "p001")
    kinds = set(todo["kind"])
    assert {"thank_you", "follow_up_overdue", "referral_not_contacted"} <= kinds
    assert todo["action"].str.len().gt(0).all()


def test_cli_followups_table_and_json(capsys):
    assert main(["followups"]) == 0
    out = capsys.readouterr().out
    today = pd.Timestamp.today()
    assert out.splitlines()[0] == (
        f"Follow-ups of p001 (Maya Okonkwo-Reyes) on {today:%a %d %b %Y} (today):"
    )
    assert out.splitlines()[1].split() == ["kind", "name", "days", "action"]
    assert main(["followups", "--as-of", "2025-06-01"]) == 0
    assert "on Sun 01 Jun 2025 (the date given):" in capsys.readouterr().out
    assert "thank-you" in out
    assert main(["followups", "--format", "json", "--keep-in-touch-days", "30"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert list(rows[0]) == FOLLOWUP_COLUMNS
    assert {r["seeker_id"] for r in rows} == {"p001"}


def test_cli_followups_all_seekers(capsys):
    assert main(["followups", "--all", "--format", "csv"]) == 0
    frame = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert frame["seeker_id"].nunique() > 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["followups", "--today", "soon"], "expected a date"),
        (["followups", "--keep-in-touch-days", "0"], "expected a number >= 1"),
        (["followups", "--due-within-days", "-2"], "due_within_days must be a whole number >= 0"),
        (["followups", "--seeker", "nobody at all"], "no person 'nobody at all'"),
    ],
)
def test_cli_followups_bad_input(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err
