"""Follow-ups: the cadence on a hand-made history (days counted by hand), calendar, CLI."""

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
from netgraph.followups import (
    FOLLOWUP_COLUMNS,
    FOLLOWUP_GROUPS,
    FOLLOWUP_KINDS,
    Cadence,
    followups,
    followups_calendar,
)

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

    a: met 10 Jan, no thank-you (due 11 Jan: 49 days late), follow-up due 20 Jan (40
       days late), named x on 12 Jan (contact due 19 Jan: 41 days late).
    b: met 20 Feb, thanked, follow-up due 5 Mar (in 4 days: this week), introduced y on
       21 Feb (reply due 28 Feb: 1 day late).
    c: met 1 Oct 2024, named z, whom s met on 1 Feb: a note to c due 8 Feb (21 days late).
    f: met 5 Jan, follow-up due 15 Jan, but s asked f again on 10 Feb (no reply: a nudge
       due 17 Feb, 12 days late): followed up.
    k: met 1 Sep 2024, thanked 2 Sep: 180 days without a touch, the alum window's
       maximum: keep warm (ideal 90 days: due 1 Dec 2024, 90 days ago).
    z: met 1 Feb: 28 days, within the window. e: declined: nothing owed.
    s2, another seeker, owes a a thank-you (met 11 Feb, due 12 Feb: 17 days late).
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


def test_every_item_with_its_group_and_days(history):
    todo = followups(history, "s", today=TODAY)
    assert list(todo.columns) == FOLLOWUP_COLUMNS
    got = todo[["group", "kind", "person_id", "days"]].values.tolist()
    assert got == [
        ["overdue", "thank_you", "a", 49],
        ["overdue", "nudge", "f", 12],
        ["overdue", "follow_up", "a", 40],
        ["overdue", "referral_not_contacted", "x", 41],
        ["overdue", "referral_not_contacted", "y", 1],
        ["overdue", "close_the_loop", "c", 21],
        ["this_week", "follow_up", "b", -4],
        ["keep_warm", "keep_in_touch", "k", 90],
    ]


def test_actions_are_plain_words(history):
    todo = followups(history, "s", today=TODAY).set_index(["kind", "person_id"])["action"]
    assert todo["thank_you", "a"] == (
        "Send Name a a thank-you for your conversation on 10 Jan 2025 (50 days ago)"
    )
    assert todo["nudge", "f"] == (
        "Nudge Name f (nudge 1 of 3): no reply to your request of 10 Feb 2025"
    )
    assert todo["follow_up", "b"] == (
        "Follow up with Name b, as planned after your conversation on 20 Feb 2025"
    )
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
        "Check in with Name k: last in touch 2 Sep 2024 (180 days ago; ideal every 90 days, "
        "at most 180)"
    )


def test_ids_and_dates_point_at_the_records(history):
    todo = followups(history, "s", today=TODAY).set_index(["kind", "person_id"])
    assert todo.loc[("thank_you", "a"), "interview_id"] == "i1"
    assert todo.loc[("thank_you", "a"), "due"] == pd.Timestamp("2025-01-11")
    assert todo.loc[("referral_not_contacted", "x"), "referral_id"] == "r1"
    assert todo.loc[("follow_up", "a"), "due"] == pd.Timestamp("2025-01-20")
    assert todo.loc[("close_the_loop", "c"), "date"] == pd.Timestamp("2025-02-01")
    assert todo.loc[("keep_in_touch", "k"), "due"] == pd.Timestamp("2024-12-01")


def test_today_earlier_ignores_later_events(history):
    todo = followups(history, "s", today="2025-02-15")
    assert "b" not in set(todo["person_id"])  # met on 20 Feb
    assert "y" not in set(todo["person_id"])  # introduced on 21 Feb
    assert todo.loc[todo["kind"].eq("thank_you"), "days"].tolist() == [35]
    nudge = todo[todo["kind"].eq("nudge")]  # asked f on 10 Feb: nudge due 17 Feb
    assert nudge[["group", "days"]].values.tolist() == [["this_week", -2]]


def test_every_seeker_when_none_given(history):
    todo = followups(history, today=TODAY)
    assert set(todo["seeker_id"]) == {"s", "s2"}
    theirs = todo[todo["seeker_id"].eq("s2")]
    assert theirs[["kind", "person_id", "days"]].values.tolist() == [["thank_you", "a", 17]]
    assert (todo["seeker_id"].tolist()) == sorted(todo["seeker_id"])


def test_seeker_by_name_and_unknown(history):
    assert len(followups(history, "Name s", today=TODAY)) == 8
    with pytest.raises(UnknownPerson, match="no person 'Nobody'"):
        followups(history, "Nobody")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"nudge_days": -1}, "nudge_days must be a whole number >= 0"),
        ({"max_nudges": 1.5}, "max_nudges must be a whole number >= 0"),
        ({"windows": {"mentor": (30, 10)}}, "needs 1 <= ideal <= maximum days, got 30/10"),
        ({"windows": {"mentor": "soon"}}, "must be \\(ideal, maximum\\) days"),
    ],
)
def test_bad_cadence(options, message):
    with pytest.raises(NetgraphError, match=message):
        Cadence(**options)


def test_nothing_owed_gives_an_empty_typed_table(tmp_path):
    net = ng.load(
        write_folder(
            tmp_path / "d",
            people("s", "a"),
            (),
            [iv("i1", "s", "a", "2025-01-01", thanks="2025-01-01")],
        )
    )
    todo = followups(net, "s", today="2025-01-05")
    assert todo.empty
    assert list(todo.columns) == FOLLOWUP_COLUMNS


# ------------------------------------------------- the cadence fires on the right days


def _touches(folder: Path, rows: list[tuple[str, str, str]]) -> None:
    lines = ["touch_id,seeker_id,contact_id,date,channel,notes"]
    lines += [f"t{k},{s},{c},{d},email," for k, (s, c, d) in enumerate(rows, start=1)]
    (folder / "touches.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def one_of_each(tmp_path):
    """s thanked nobody yet for m (mentor, met 1 Jan), asked r on 1 Jan (no reply)."""
    return write_folder(
        tmp_path / "d",
        people("s", "m", "r", "p", attrs={}),
        [{"person_a": "s", "person_b": "m", "kind": "mentor"}],
        [
            iv("i1", "s", "m", "2025-01-01"),
            iv("i2", "s", "r", "2025-01-01", status="requested"),
        ],
    )


def _item(net, today, kind, cadence=None):
    todo = followups(net, "s", today=today, cadence=cadence)
    rows = todo[todo["kind"].eq(kind)]
    return rows[["group", "days"]].values.tolist()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2025-01-01", [["today", -1]]),  # the day of the conversation
        ("2025-01-02", [["today", 0]]),  # within 24 hours
        ("2025-01-03", [["overdue", 1]]),
        ("2025-02-01", [["overdue", 30]]),
    ],
)
def test_thank_you_within_a_day(one_of_each, today, expected):
    assert _item(ng.load(one_of_each), today, "thank_you") == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2025-01-01", [["this_week", -7]]),
        ("2025-01-07", [["this_week", -1]]),
        ("2025-01-08", [["today", 0]]),  # 7 days without a reply
        ("2025-01-09", [["overdue", 1]]),
    ],
)
def test_nudge_after_seven_days(one_of_each, today, expected):
    assert _item(ng.load(one_of_each), today, "nudge") == expected


def test_each_logged_touch_is_a_nudge_and_three_stop_them(one_of_each):
    _touches(one_of_each, [("s", "r", "2025-01-08")])
    net = ng.load(one_of_each)
    todo = followups(net, "s", today="2025-01-15").set_index("kind")
    assert todo.at["nudge", "due"] == pd.Timestamp("2025-01-15")
    assert todo.at["nudge", "action"].startswith("Nudge Name r (nudge 2 of 3)")
    _touches(one_of_each, [("s", "r", d) for d in ("2025-01-08", "2025-01-15")])
    assert _item(ng.load(one_of_each), "2025-01-22", "nudge") == [["today", 0]]
    _touches(one_of_each, [("s", "r", d) for d in ("2025-01-08", "2025-01-15", "2025-01-22")])
    net = ng.load(one_of_each)
    assert _item(net, "2025-01-29", "nudge") == []  # three nudges: stop
    assert _item(net, "2025-01-29", "nudge", Cadence(max_nudges=4)) == [["today", 0]]


def test_nudge_days_are_configurable(one_of_each):
    assert _item(ng.load(one_of_each), "2025-01-05", "nudge", Cadence(nudge_days=3)) == [
        ["overdue", 1]
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2025-01-30", []),  # thanked 1 Jan: 29 days, inside the mentor's ideal 30
        ("2025-01-31", [["keep_warm", 0]]),
        ("2025-03-02", [["keep_warm", 30]]),  # 60 days: the maximum
        ("2025-03-03", [["losing_touch", 31]]),
    ],
)
def test_keep_in_touch_window_by_tie_kind(one_of_each, today, expected):
    folder = one_of_each
    rows = (
        (folder / "interviews.csv")
        .read_text(encoding="utf-8")
        .replace("i1,s,m,2025-01-01,,completed,,", "i1,s,m,2025-01-01,,completed,2025-01-01,")
    )
    (folder / "interviews.csv").write_text(rows, encoding="utf-8")
    assert _item(ng.load(folder), today, "keep_in_touch") == expected


def test_a_touch_resets_the_window_and_windows_are_configurable(one_of_each):
    _touches(one_of_each, [("s", "m", "2025-02-20")])
    net = ng.load(one_of_each)
    todo = followups(net, "s", today="2025-03-03")
    assert "keep_in_touch" not in set(todo["kind"])  # the thank-you is still owed
    wide = Cadence(windows={"mentor": (5, 8)})
    todo = followups(net, "s", today="2025-03-03", cadence=wide)
    assert "keep_in_touch" not in set(todo["kind"])
    assert wide.windows["alum"] == (90, 180)  # the other defaults stay


def test_a_touch_contacts_a_name_and_closes_the_loop(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        people("s", "a", "x", "z"),
        (),
        [
            iv("i1", "s", "a", "2025-01-01", thanks="2025-01-01"),
            iv("i2", "s", "z", "2025-01-10", thanks="2025-01-10"),
        ],
        [
            ref("r1", "i1", "a", "s", "x", "2025-01-01", "named"),
            ref("r2", "i1", "a", "s", "z", "2025-01-01", "interviewed"),
        ],
    )
    before = followups(ng.load(folder), "s", today="2025-01-20")
    assert set(zip(before["kind"], before["person_id"], strict=True)) == {
        ("referral_not_contacted", "x"),
        ("close_the_loop", "a"),
    }
    _touches(folder, [("s", "x", "2025-01-12"), ("s", "a", "2025-01-15")])
    after = followups(ng.load(folder), "s", today="2025-01-20")
    assert after.empty


def test_uids_are_stable_and_distinct(history):
    a = followups(history, "s", today=TODAY)
    b = followups(history, "s", today="2025-03-02")
    assert a["uid"].is_unique
    same = a.merge(b, on=["kind", "person_id", "interview_id", "referral_id"])
    assert (same["uid_x"] == same["uid_y"]).all() and len(same) >= 6


# ------------------------------------------------------------------- calendar


def test_ics_parses_back_with_one_event_and_alarm_per_item(history, tmp_path):
    import icalendar

    todo = followups(history, "s", today=TODAY)
    path = followups_calendar(todo, tmp_path / "f.ics", today=TODAY, alarm_minutes=15)
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == len(todo) == 8
    assert [str(e["UID"]) for e in events] == todo["uid"].tolist()
    by_uid = {str(e["UID"]): e for e in events}
    for row in todo.itertuples():
        event = by_uid[row.uid]
        assert str(event["SUMMARY"]) == row.action
        start = event.decoded("DTSTART")
        expected = max(row.due, pd.Timestamp(TODAY)).date()  # overdue items show today
        assert start == expected
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == pd.Timedelta(hours=8, minutes=45)
    b = by_uid[todo.loc[todo["person_id"].eq("b"), "uid"].item()]
    assert b.decoded("DTSTART") == pd.Timestamp("2025-03-05").date()


def test_ics_rewrite_keeps_uids_so_a_reimport_updates(history, tmp_path):
    import icalendar

    first = followups_calendar(followups(history, "s", today=TODAY), tmp_path / "a.ics")
    later = followups(history, "s", today="2025-03-03")
    second = followups_calendar(later, tmp_path / "b.ics")
    uids = [
        {str(e["UID"]) for e in icalendar.Calendar.from_ical(p.read_bytes()).walk("VEVENT")}
        for p in (first, second)
    ]
    assert uids[0] == uids[1]


def test_ics_rejects_other_tables(tmp_path):
    with pytest.raises(NetgraphError, match="not a follow-ups table"):
        followups_calendar(pd.DataFrame({"a": [1]}), tmp_path / "x.ics")


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
def test_groups_and_kinds_are_ordered_and_days_match_the_group(rows):
    with tempfile.TemporaryDirectory() as tmp:
        net = ng.load(write_folder(Path(tmp), people("s", "a", "b", "c", "d"), (), rows))
    todo = followups(net, "s", today="2025-06-01")
    key = todo["group"].map(FOLLOWUP_GROUPS.index) * 10 + todo["kind"].map(FOLLOWUP_KINDS.index)
    assert key.is_monotonic_increasing
    group = todo["group"]
    assert (todo.loc[group.eq("overdue"), "days"] > 0).all()
    assert (todo.loc[group.eq("today"), "days"] <= 0).all()
    week = todo.loc[group.eq("this_week"), "days"]
    assert ((week < 0) & (week >= -7)).all()
    assert todo["uid"].is_unique
    done = {
        r["interview_id"] for r in rows if r["status"] == "completed" and not r["thank_you_sent"]
    }
    assert set(todo.loc[todo["kind"].eq("thank_you"), "interview_id"]) == done


# ------------------------------------------------------------ the sample / CLI


def test_sample_featured_student_owes_thanks_and_follow_ups(sample):
    todo = followups(sample, "p001")
    kinds = set(todo["kind"])
    assert {"thank_you", "follow_up", "referral_not_contacted"} <= kinds
    assert todo["action"].str.len().gt(0).all()


def test_cli_followups_table_and_json(capsys):
    assert main(["followups"]) == 0
    out = capsys.readouterr().out
    today = pd.Timestamp.today()
    assert out.splitlines()[0] == (
        f"Follow-ups of p001 (Maya Okonkwo-Reyes) on {today:%a %d %b %Y} (today):"
    )
    assert out.splitlines()[2].startswith("Overdue (")
    assert main(["followups", "--as-of", "2025-06-01"]) == 0
    assert "on Sun 01 Jun 2025 (the date given):" in capsys.readouterr().out
    assert "thank-you" in out
    assert main(["followups", "--format", "json", "--window", "alum=30/60"]) == 0
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
        (["followups", "--nudge-days", "0"], "expected a number >= 1"),
        (["followups", "--window", "mentor=30"], "expected KIND=IDEAL/MAX"),
        (["followups", "--window", "mentor=60/30"], "needs 1 <= ideal <= maximum"),
        (["followups", "--seeker", "nobody at all"], "no person 'nobody at all'"),
    ],
)
def test_cli_followups_bad_input(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_cli_followups_groups_and_ics(tmp_path, capsys):
    import icalendar

    ics = tmp_path / "f.ics"
    assert main(["followups", "--as-of", "2025-06-01", "--ics", str(ics)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Follow-ups of p001 (Maya Okonkwo-Reyes) on Sun 01 Jun 2025")
    titles = [line for line in out.splitlines() if line and not line.startswith(" ")][1:-1]
    order = ["Overdue", "Today", "This week", "Keep warm", "Losing touch"]
    shown = [t.split(" (")[0] for t in titles]
    assert shown == sorted(shown, key=order.index) and shown
    assert out.rstrip().splitlines()[-1].startswith(f"wrote {ics}: ")
    assert icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")


def test_ics_replaces_only_a_calendar_it_wrote(history, tmp_path, capsys):
    from netgraph.errors import OutputError

    todo = followups(history, "s", today=TODAY)
    mine = tmp_path / "mine.ics"
    mine.write_text("BEGIN:VCALENDAR\r\nPRODID:-//Apple//Calendar//EN\r\n", encoding="utf-8")
    thesis = tmp_path / "thesis.docx"
    thesis.write_text("precious", encoding="utf-8")
    for path in (mine, thesis, tmp_path):
        with pytest.raises(OutputError, match="not a"):
            followups_calendar(todo, path, today=TODAY)
    assert thesis.read_text(encoding="utf-8") == "precious"
    assert "Apple" in mine.read_text(encoding="utf-8")
    ours = followups_calendar(todo, tmp_path / "f.ics", today=TODAY)
    assert followups_calendar(todo, ours, today=TODAY) == ours  # its own calendar: replaced


def test_one_seekers_items_are_that_seekers_rows_of_everyones():
    """Names and roles read person by person (one seeker) match the whole-table read."""
    net = ng.load()
    everyone = followups(net)
    for s in net.seekers:
        mine = everyone[everyone["seeker_id"].eq(s)].reset_index(drop=True)
        pd.testing.assert_frame_equal(followups(net, s), mine, check_dtype=False)
