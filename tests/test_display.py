"""readable(): tables written for a person, checked cell by cell on hand-made frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import netgraph as ng
from netgraph.display import readable


def test_a_bridge_table_reads_as_words():
    bridges = pd.DataFrame(
        {
            "name": ["Hana Larsen", "Michael Flores"],
            "exclusive_reach": [9, 7],
            "share": [0.0703125, 0.0546875],
            "strength": [0.5, 0.3456],
            "industries_lost": [(), ("Manufacturing",)],
            "organizations_lost": [("Juniper Press", "Lighthouse Consulting"), ("Redwood Labs",)],
        }
    )
    before = bridges.copy()
    shown = readable(bridges)
    assert list(shown.columns) == [
        "name", "exclusive reach", "share", "strength", "industries lost", "organizations lost"
    ]  # fmt: skip
    assert shown.to_dict("list") == {
        "name": ["Hana Larsen", "Michael Flores"],
        "exclusive reach": ["9", "7"],
        "share": ["7%", "5%"],
        "strength": ["0.50", "0.35"],
        "industries lost": ["—", "Manufacturing"],
        "organizations lost": ["Juniper Press, Lighthouse Consulting", "Redwood Labs"],
    }
    assert list(shown.index) == ["", ""]  # 0, 1 number nothing
    pd.testing.assert_frame_equal(bridges, before)  # the input is untouched


def test_follow_ups_dates_and_missing_values():
    todo = pd.DataFrame(
        {
            "group": ["overdue", "this_week", "losing_touch"],
            "kind": ["follow_up", "referral_not_contacted", "thank_you"],
            "due": pd.to_datetime(["2024-11-29", None, "2025-01-03"]),
            "days": [640, 3, 605],
            "done": [True, False, np.bool_(True)],
        }
    )
    shown = readable(todo)
    assert shown.to_dict("list") == {
        "group": ["overdue", "this week", "losing touch"],
        "kind": ["follow-up", "referral not contacted", "thank-you"],
        "due": ["29 Nov 2024", "—", "3 Jan 2025"],
        "days": ["640", "3", "605"],
        "done": ["yes", "no", "yes"],
    }


def test_a_research_table_keeps_blanked_and_unrecorded_apart():
    cohorts = pd.DataFrame(
        {
            "grad_year": ["2015-2019", None],
            "n_people": pd.array([27, pd.NA], dtype="Int64"),
            "engaged_share": [0.740740, np.nan],
            "response_rate": [0.63, 0.7951],
            "referrals_per_interview": [0.7921, np.nan],
        }
    )
    shown = readable(cohorts, unknown="not recorded")
    assert shown.to_dict("list") == {
        "grad year": ["2015-2019", "not recorded"],
        "people": ["27", "—"],
        "engaged share": ["74%", "—"],
        "response rate": ["63%", "80%"],
        "referrals per interview": ["0.79", "—"],
    }
    # without `unknown`, one marker for every gap
    assert readable(cohorts)["grad year"].tolist() == ["2015-2019", "—"]


def test_whole_numbers_in_a_float_column_and_a_named_index():
    counts = pd.Series([16, 0], index=pd.Index(["overdue", "keep_warm"], name="group"))
    shown = readable(counts.rename("items"))
    assert list(shown.index) == ["overdue", "keep warm"] and shown.index.name == "group"
    assert shown["items"].tolist() == ["16", "0"]
    bins = pd.DataFrame({"low": [0.0, 24.0], "high": [18.0, np.nan], "mean": [1.0, 0.8734]})
    assert readable(bins).to_dict("list") == {
        "low": ["0", "24"], "high": ["18", "—"], "mean": ["1.00", "0.87"]
    }  # fmt: skip


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, ["0.16", "17%"]),  # `strength` is not a share; `share` is
        ({"percent": ["strength"]}, ["16%", "0.17"]),
        ({"digits": 3}, ["0.161", "17%"]),
    ],
)
def test_options(options, expected):
    table = pd.DataFrame({"strength": [0.161017], "share": [0.1666]})
    assert readable(table, **options).iloc[0].tolist() == expected


def test_tiny_shares_and_labels_left_alone():
    table = pd.DataFrame(
        {"share": [0.004, 0.0], "org": ["Acme_Corp", "p001"], "tag": ["digital_health", "ux"]}
    )
    shown = readable(table)
    assert shown["share"].tolist() == ["<1%", "0%"]
    # only lower-case identifiers become words; "Acme_Corp" is somebody's spelling
    assert shown["org"].tolist() == ["Acme_Corp", "p001"]
    assert shown["tag"].tolist() == ["digital health", "ux"]


def test_exported_at_the_top_level():
    assert ng.readable is readable


@given(
    st.lists(
        st.one_of(
            st.none(),
            st.floats(allow_nan=True, allow_infinity=False, width=32),
            st.integers(-(10**6), 10**6),
            st.text(alphabet="ab_ ", max_size=8),
            st.tuples(st.text(alphabet="xy", max_size=4)),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_no_python_reprs_ever_shown(values):
    shown = readable(pd.DataFrame({"value": pd.Series(values, dtype=object)}))
    assert len(shown) == len(values)
    for cell in shown["value"]:
        assert isinstance(cell, str)
        assert cell not in ("nan", "NaN", "None", "<NA>", "NaT", "()")
        assert not (cell.startswith("(") and cell.endswith(",)"))
    for value, cell in zip(values, shown["value"], strict=True):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            assert cell == "—"
