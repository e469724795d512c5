"""Privacy: consent, keyed-hash pseudonyms, small-cell suppression, k-anonymity, formulas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import NAMES, people
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import pandas as hpd

import netgraph as ng
from netgraph.errors import DataError, NetgraphError
from netgraph.privacy import spreadsheet_safe


# ------------------------------------------------------------------ formulas
def test_spreadsheet_safe_neutralizes_formulas_but_not_numbers():
    table = pd.DataFrame(
        {"text": ["=SUM(A1)", "+1", "-x", "@cmd", "\tx", "ok"], "n": [-1, 2, 3, 4, 5, 6]}
    )
    out = spreadsheet_safe(table)
    assert out["text"].tolist() == ["'=SUM(A1)", "'+1", "'-x", "'@cmd", "'\tx", "ok"]
    assert out["n"].tolist() == [-1, 2, 3, 4, 5, 6]
    assert table.loc[0, "text"] == "=SUM(A1)"  # input unchanged


# ------------------------------------------------------------------- consent
@pytest.mark.parametrize(
    ("value", "out"),
    [
        ("yes", False),
        (" YES ", False),
        ("y", False),
        ("True", False),
        ("1", False),
        ("Granted", False),
        ("opt-in", False),
        ("Opted In", False),
        ("no", True),
        (" No ", True),
        ("FALSE", True),
        ("0", True),
        ("n", True),
        ("refused", True),
        ("withdrawn", True),
        ("Revoked", True),
        ("opt-out", True),
        ("opted  out", True),
        ("Opted_Out", True),
        ("", True),  # fail-closed: an empty cell is no consent
    ],
)
def test_consent_vocabulary(make_net, value, out):
    net = make_net(people("a", "b", a={"research_consent": value}, b={"research_consent": "yes"}))
    assert ng.opted_out(net) == (["a"] if out else [])
    assert net.people.loc["a", "research_consent"] == ("no" if out else "yes") or value == ""


@pytest.mark.parametrize(
    "value", ["do not use", "declined", "maybe", "withdrew", "f", "off", "n/a", "yes please"]
)
def test_unknown_consent_value_is_a_problem_never_consent(make_net, value):
    rows = people("a", "b", a={"research_consent": "yes"}, b={"research_consent": value})
    with pytest.raises(DataError) as err:
        make_net(rows)
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.column) == ("people.csv", 3, "research_consent")
    assert problem.value == value
    assert "yes" in problem.expected and "withdrawn" in problem.expected


@pytest.mark.parametrize("header", ["Research_Consent", "research consent", " RESEARCH-CONSENT "])
def test_consent_header_is_matched_ignoring_case(make_net, header):
    net = make_net(people("a", "b", a={header: "no"}, b={header: "yes"}))
    assert ng.opted_out(net) == ["a"]
    assert "research_consent" in net.people.columns


@pytest.mark.parametrize(
    "header", ["consent", "Consent", "opt_out", "Opted Out", "Research Opt-In"]
)
def test_consent_under_another_header_is_refused(make_net, header):
    """Consent recorded under a name netgraph does not read must not count as consent."""
    with pytest.raises(DataError) as err:
        make_net(people("a", "b", a={header: "no"}, b={header: "yes"}))
    (problem,) = err.value.problems
    assert (problem.line, problem.column) == (1, header.strip())
    assert "research_consent" in problem.expected


def test_two_consent_columns_are_refused(make_net):
    with pytest.raises(DataError, match="one research_consent column"):
        make_net(people("a", a={"research_consent": "yes", "Research Consent": "no"}))


def test_every_bad_consent_cell_is_reported_at_once(make_net):
    rows = people(
        "a",
        "b",
        "c",
        **{
            p: {"research_consent": v}
            for p, v in zip("abc", ["maybe", "yes", "declined"], strict=True)
        },
    )
    with pytest.raises(DataError) as err:
        make_net(rows)
    assert [p.line for p in err.value.problems] == [2, 4]


def test_without_consent_column_nobody_opted_out(make_net):
    net = make_net(people("a", "b"))
    assert ng.opted_out(net) == []
    assert ng.without_opted_out(net) is net
    assert not ng.privacy.consent_recorded(net)


def test_without_opted_out_drops_the_person_and_their_rows(four_deep):
    net = ng.without_opted_out(four_deep)
    assert "x" not in net.people.index and len(net.people) == len(four_deep.people) - 1
    assert "i6" not in set(net.interviews["interview_id"])
    assert "r5" not in set(net.referrals["referral_id"])
    assert "x" not in net.acquaintance and "x" not in net.referral_graph
    assert len(four_deep.interviews) == 8  # the input is unchanged


# ---------------------------------------------------------------- pseudonyms
def test_pseudonyms_are_stable_per_key_and_differ_across_keys():
    assert ng.pseudonym("p001", "key one") == ng.pseudonym("p001", "key one")
    assert ng.pseudonym("p001", "key one") == ng.pseudonym("p001", b"key one")
    assert ng.pseudonym("p001", "key one") != ng.pseudonym("p001", "key two")
    assert ng.pseudonym("p001", "key one") != ng.pseudonym("p002", "key one")
    assert ng.pseudonym("p001", "k").startswith("anon-")
    assert ng.pseudonym("p001", "k", kind="interview").startswith("iv-")
    assert ng.pseudonym("p001", "k")[5:] != ng.pseudonym("p001", "k", kind="interview")[3:]
    assert ng.pseudonym("p001") == ng.pseudonym("p001")  # the session key is stable


def test_pseudonym_is_hmac_sha256_and_not_a_plain_hash():
    import hashlib
    import hmac

    digest = hmac.new(b"k", b"person:p001", hashlib.sha256).hexdigest()
    assert ng.pseudonym("p001", "k") == "anon-" + digest[:16]
    assert digest[:16] not in hashlib.sha256(b"p001").hexdigest()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ng.pseudonym("p1", ""), "must not be empty"),
        (lambda: ng.pseudonym("p1", "k", kind="pet"), "unknown kind 'pet'"),
    ],
)
def test_pseudonym_errors(call, message):
    with pytest.raises(NetgraphError, match=message):
        call()


def test_pseudonymize_drops_names_emails_notes_and_opted_out(four_deep):
    anon = ng.pseudonymize(four_deep, "secret")
    assert set(anon.people.index) == {ng.pseudonym(p, "secret") for p in NAMES if p != "x"}
    assert (anon.people["name"] == anon.people.index).all()
    assert anon.people["email"].eq("").all()
    assert anon.interviews["notes"].eq("").all()
    text = anon.people.to_csv() + anon.interviews.to_csv() + anon.referrals.to_csv()
    text += anon.ties.to_csv()
    for pid, name in NAMES.items():
        assert name not in text and f",{pid}," not in text
    assert "secret@example.org" not in text and "Confidential" not in text
    assert anon.source is None
    assert four_deep.people.loc["a", "name"] == NAMES["a"]  # input unchanged


def test_pseudonymize_keeps_the_structure(four_deep):
    anon = ng.pseudonymize(four_deep, "secret")
    key = "secret"
    rnet = ng.without_opted_out(four_deep)
    assert len(anon.interviews) == len(rnet.interviews)
    assert set(anon.referrals["interview_id"]) <= set(anon.interviews["interview_id"])
    ref = anon.referrals.set_index("referral_id")
    r1 = ref.loc[ng.pseudonym("r1", key, kind="referral")]
    assert (r1["referrer_id"], r1["referred_id"]) == (
        ng.pseudonym("a", key),
        ng.pseudonym("b", key),
    )
    assert r1["interview_id"] == ng.pseudonym("i1", key, kind="interview")
    assert anon.acquaintance.number_of_edges() == rnet.acquaintance.number_of_edges()
    mapped = ng.engagement(anon, identities=True, k=0)["engagement_score"].tolist()
    assert mapped == ng.engagement(four_deep, identities=True, k=0)["engagement_score"].tolist()


def test_pseudonymize_can_keep_opted_out_and_drops_identifying_extras(make_net):
    net = make_net(
        people(
            "a",
            "b",
            a={"research_consent": "no", "Phone": "555-0100", "LinkedIn URL": "x", "club": "c"},
            b={"research_consent": "yes"},
        )
    )
    anon = ng.pseudonymize(net, "k", exclude_opted_out=False)
    assert len(anon.people) == 2
    assert "Phone" not in anon.people.columns and "LinkedIn URL" not in anon.people.columns
    assert "club" in anon.people.columns
    assert len(ng.pseudonymize(net, "k").people) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.one_of(st.text(min_size=1, max_size=40), st.binary(min_size=1, max_size=40)))
def test_pseudonymize_is_injective_on_the_sample(sample, key):
    anon = ng.pseudonymize(sample, key, exclude_opted_out=False)
    assert anon.people.index.is_unique
    assert len(anon.people) == len(sample.people)
    assert not set(anon.people.index) & set(sample.people.index)


# -------------------------------------------------------------- suppression
def test_suppress_small_cells_blanks_counts_and_what_is_derived_from_them():
    table = pd.DataFrame(
        {
            "group": ["a", "b", "c"],
            "n": [10, 3, 8],
            "helped": [6, 5, 0],
            "rate": [0.6, 5 / 3, 0.0],
            "mean": [1.5, 2.5, 3.5],
        }
    )
    out = ng.suppress_small_cells(
        table,
        5,
        count_columns=["n", "helped"],
        derived={"rate": ["helped", "n"], "mean": ["n"], "helped": ["n"]},
    )
    assert out["group"].tolist() == ["a", "b", "c"]
    assert out["n"].tolist() == [10, pd.NA, 8]
    assert out["helped"].tolist() == [6, pd.NA, pd.NA]  # row b via n; row c is a zero
    assert out["rate"].isna().tolist() == [False, True, True]
    assert out["mean"].isna().tolist() == [False, True, False]
    assert out.attrs["k"] == 5 and out.attrs["suppressed_cells"] == 6
    assert table["n"].tolist() == [10, 3, 8]  # input unchanged


def test_suppress_small_cells_defaults_to_integer_columns_and_k0_is_off():
    table = pd.DataFrame({"n": [1, 7], "share": [0.1, 0.9]})
    assert ng.suppress_small_cells(table)["n"].isna().tolist() == [True, False]
    assert ng.suppress_small_cells(table, 0)["n"].tolist() == [1, 7]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"k": -1}, "k must be 0 or more"),
        ({"count_columns": ["people"]}, "no column 'people'"),
        ({"derived": {"share": ["ghost"]}}, "no column 'ghost'"),
    ],
)
def test_suppress_small_cells_errors(kwargs, message):
    with pytest.raises(NetgraphError, match=message):
        ng.suppress_small_cells(pd.DataFrame({"n": [1], "share": [0.5]}), **kwargs)


@given(
    counts=hpd.data_frames(
        [hpd.column(c, dtype=np.int64, elements=st.integers(0, 40)) for c in ("n", "m", "o")]
    ),
    k=st.integers(0, 12),
)
def test_suppression_never_leaves_a_visible_count_below_k(counts, k):
    table = counts.assign(rate=counts["m"] / counts["n"].where(counts["n"] > 0))
    out = ng.suppress_small_cells(
        table, k, count_columns=["n", "m", "o"], derived={"rate": ["m", "n"], "o": ["n"]}
    )
    for col in ("n", "m", "o"):
        visible = out[col].dropna()
        assert (visible >= k).all()
        assert (visible == counts.loc[visible.index, col]).all()  # nothing else changes
    hidden_source = out["m"].isna() | out["n"].isna()
    assert out.loc[hidden_source, "rate"].isna().all()
    assert out.loc[out["n"].isna(), "o"].isna().all()


# ------------------------------------------------------------- k-anonymity
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", None]), st.sampled_from([1, 2, 3])),
        max_size=40,
    ),
    k=st.integers(0, 6),
)
def test_k_anonymize_leaves_no_rare_visible_combination(rows, k):
    table = pd.DataFrame(rows, columns=["x", "y"], dtype=object)
    out = ng.k_anonymize(table, ["x", "y"], k)
    shown = out[out[["x", "y"]].notna().any(axis=1)]
    if k > 1:
        sizes = shown.groupby(["x", "y"], dropna=False).size()
        assert (sizes >= k).all()
    for col in ("x", "y"):  # values are only ever blanked, never changed
        kept = out[col].notna()
        assert (out.loc[kept, col] == table.loc[kept, col]).all()


def test_k_anonymize_errors():
    with pytest.raises(NetgraphError, match="no column 'z'"):
        ng.k_anonymize(pd.DataFrame({"x": [1]}), ["z"])
    with pytest.raises(NetgraphError, match="k must be 0 or more"):
        ng.k_anonymize(pd.DataFrame({"x": [1]}), ["x"], k=-2)


# ------------------------------------- opted-out people in network-wide outputs
def _leaks(sample: ng.ReferralNetwork, text: str) -> list[str]:
    """The ids and names of the sample's people without consent found in ``text``."""
    import re

    out = ng.opted_out(sample)
    assert out, "the sample has people without consent"
    tokens = [*out, *sample.people.loc[out, "name"]]
    return [t for t in tokens if re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", text)]


@pytest.mark.parametrize(
    "call",
    [
        lambda net: ng.brokers(net, progress=False),
        lambda net: ng.brokers(net, group="industry", backend="igraph", progress=False),
        lambda net: ng.communities(net).to_frame(),
        lambda net: ng.communities(net, backend="igraph").to_frame(),
        lambda net: ng.local_bridges(net),
        lambda net: ng.betweenness(net),
        lambda net: ng.structural_holes(net),
        lambda net: ng.brokerage_roles(net, group="industry"),
        lambda net: ng.engagement(net, identities=True),
        lambda net: ng.cascades(net, identities=True),
        lambda net: ng.seeker_outcomes(net, identities=True),
    ],
)
def test_people_without_consent_are_absent_from_network_wide_outputs(sample, call):
    table = call(sample)
    text = table.to_csv() + "\n".join(map(str, table.index))
    assert _leaks(sample, text) == []
    assert len(table) > 0


def test_bridges_network_cli_never_names_people_without_consent(sample, capsys):
    from netgraph.cli import main

    assert main(["bridges", "--network", "--top", "1000"]) == 0
    shown = capsys.readouterr().out
    assert "p001" in shown  # the table is there, and complete
    assert _leaks(sample, shown) == []
    assert main(["bridges", "--network", "--format", "csv"]) == 0
    assert _leaks(sample, capsys.readouterr().out) == []


def test_export_with_identities_never_holds_people_without_consent(sample, tmp_path):
    path = ng.export(sample, tmp_path / "net.graphml", include_identities=True)
    text = path.read_text(encoding="utf-8")
    assert "p001" in text
    assert _leaks(sample, text) == []
