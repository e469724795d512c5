"""Strict dates: one parser for the loader, the library's ``as_of`` and the CLI."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from conftest import people, write_folder

import netgraph as ng
from netgraph._dates import parse_date, parse_dates
from netgraph.errors import BadDate, DataError, NetgraphError


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025-03-14", "2025-03-14"),
        (" 2025-03-14 ", "2025-03-14"),
        ("2025-3-4", "2025-03-04"),
        ("2025-03-14T09:30", "2025-03-14"),
        ("2025-03-14 23:59:59", "2025-03-14"),
        ("2025-03-14T00:00:00.123456Z", "2025-03-14"),
        ("2025-03-14T09:30+01:00", "2025-03-14"),
        ("2025-03-14T09:30-0500", "2025-03-14"),
        ("2025/03/14", "2025-03-14"),
        ("14/03/2025", "2025-03-14"),
        ("3/14/2025", "2025-03-14"),
        ("05/05/2025", "2025-05-05"),  # both readings are the same day
        ("14 Mar 2025", "2025-03-14"),
        ("March 14, 2025", "2025-03-14"),
        ("45730", "2025-03-14"),  # an Excel day number
        ("1900-01-01", "1900-01-01"),
        ("2200-12-31", "2200-12-31"),
        (dt.date(2025, 3, 14), "2025-03-14"),
        (dt.datetime(2025, 3, 14, 23, 59), "2025-03-14"),
        (np.datetime64("2025-03-14T12:00"), "2025-03-14"),
        (pd.Timestamp("2025-03-14 22:00", tz="America/New_York"), "2025-03-14"),
    ],
)
def test_real_days_parse_to_midnight(value, day):
    got = parse_date(value)
    assert got == pd.Timestamp(day)
    assert got.unit == "ns" and got.tz is None


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2024-01-01T25:99", "a real time of day (HH:MM or HH:MM:SS, 00:00-23:59)"),
        ("2024-01-01T24:00", "a real time of day"),
        ("2024-01-01T12:60", "a real time of day"),
        ("2024-01-01T12:00:61", "a real time of day"),
        ("2024-01-01T12", "a real time of day"),
        ("2024-01-01T12:00+25:00", "a real time of day"),
        ("2024-01-01 tea time", "a real time of day"),
        ("2025-02-30", "a real calendar date as YYYY-MM-DD"),
        ("2025-13-01", "a real calendar date"),
        ("01/03/2025", "an unambiguous date: this could be 1 March or 3 January"),
        ("1066-10-14", "a date between 1900 and 2200"),
        ("2999-01-01", "a date between 1900 and 2200"),
        ("99999", "an Excel day number 20000-80000"),
        ("next tuesday", "a date as YYYY-MM-DD"),
        ("", "a date as YYYY-MM-DD"),
        (dt.date(1066, 10, 14), "a date between 1900 and 2200"),
        (pd.Timestamp("2262-04-11"), "a date between 1900 and 2200"),
        (pd.NaT, "a date as YYYY-MM-DD"),
        (None, "a date as YYYY-MM-DD"),
        (45730, "a date as YYYY-MM-DD"),  # a bare number is not a day
        (["2025-03-14"], "a date as YYYY-MM-DD"),
    ],
)
def test_bad_days_are_refused_with_what_was_expected(value, words):
    with pytest.raises(BadDate) as info:
        parse_date(value, name="as_of")
    assert str(info.value).startswith("as_of: got ")
    assert words in str(info.value)
    assert isinstance(info.value, NetgraphError) and isinstance(info.value, ValueError)


def test_the_column_parser_and_the_one_value_parser_agree():
    values = ["2025-03-14", "2024-01-01T25:99", "01/03/2025", "14 Mar 2025", "1066-10-14"]
    days, why = parse_dates(pd.Series(values))
    for value, day, reason in zip(values, days, why, strict=True):
        if reason:
            with pytest.raises(BadDate, match=reason[:20]):
                parse_date(value)
        else:
            assert parse_date(value) == day


@pytest.mark.parametrize(
    ("value", "ok"),
    [("2024-01-01T25:99", False), ("2024-01-01T23:59", True), ("2024-01-01 10:00:00", True)],
)
def test_the_loader_refuses_impossible_times(tmp_path, value, ok):
    folder = write_folder(
        tmp_path / "d",
        people("s1", "a1"),
        interviews=[
            {
                "interview_id": "i1",
                "seeker_id": "s1",
                "contact_id": "a1",
                "date": value,
                "status": "completed",
            }
        ],
    )
    if ok:
        assert ng.load(folder).interviews.loc[0, "date"] == pd.Timestamp("2024-01-01")
        return
    with pytest.raises(DataError) as info:
        ng.load(folder)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == ("interviews.csv", 2, "date")
    assert "a real time of day" in problem.expected


@pytest.mark.parametrize(
    "call",
    [
        lambda net: net.as_of("garbage"),
        lambda net: net.as_of("1066-10-14"),
        lambda net: ng.reach(net, "p001", as_of="2999-01-01"),
        lambda net: ng.suggest(net, "p001", as_of="01/03/2025"),
        lambda net: ng.bridge_contacts(net, "p001", as_of="2024-01-01T25:99"),
        lambda net: ng.followups(net, "p001", today="2999-01-01"),
        lambda net: ng.reach_over_time(net, "p001", ["2025-01-01", "soon"]),
        lambda net: ng.pitch(net, "p001", today="garbage"),
        lambda net: ng.followups_calendar(ng.followups(net, "p001"), "x.ics", today="1066-1-1"),
    ],
    ids=[
        "as_of",
        "as_of-1066",
        "reach",
        "suggest",
        "bridges",
        "followups",
        "over-time",
        "pitch",
        "calendar",
    ],
)
def test_library_dates_raise_bad_date(sample, call):
    with pytest.raises(BadDate):
        call(sample)
