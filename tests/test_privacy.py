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
KEY = "a test key of more than sixteen bytes"
ONE, TWO = "key number one, long enough", "key number two, long enough"


def test_pseudonyms_are_stable_per_key_and_differ_across_keys():
    assert ng.pseudonym("p001", ONE) == ng.pseudonym("p001", ONE)
    assert ng.pseudonym("p001", ONE) == ng.pseudonym("p001", ONE.encode())
    assert ng.pseudonym("p001", ONE) != ng.pseudonym("p001", TWO)
    assert ng.pseudonym("p001", ONE) != ng.pseudonym("p002", ONE)
    assert ng.pseudonym("p001", KEY).startswith("anon-")
    assert ng.pseudonym("p001", KEY, kind="interview").startswith("iv-")
    assert ng.pseudonym("p001", KEY)[5:] != ng.pseudonym("p001", KEY, kind="interview")[3:]
    assert ng.pseudonym("p001") == ng.pseudonym("p001")  # the session key is stable


def test_pseudonym_is_hmac_sha256_and_not_a_plain_hash():
    import hashlib
    import hmac

    digest = hmac.new(KEY.encode(), b"person:p001", hashlib.sha256).hexdigest()
    assert ng.pseudonym("p001", KEY) == "anon-" + digest[:16]
    assert digest[:16] not in hashlib.sha256(b"p001").hexdigest()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ng.pseudonym("p1", ""), "must not be empty"),
        (lambda: ng.pseudonym("p1", "career-secret"), "13 bytes long; use at least 16"),
        (lambda: ng.pseudonym("p1", b"x" * 15), "15 bytes long"),
        (lambda: ng.pseudonym("p1", KEY, kind="pet"), "unknown kind 'pet'"),
    ],
)
def test_pseudonym_errors(call, message):
    with pytest.raises(NetgraphError, match=message):
        call()


def test_pseudonymize_drops_names_emails_notes_and_opted_out(four_deep):
    anon = ng.pseudonymize(four_deep, KEY)
    assert set(anon.people.index) == {ng.pseudonym(p, KEY) for p in NAMES if p != "x"}
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
    anon = ng.pseudonymize(four_deep, KEY)
    key = KEY
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


def test_pseudonymize_keeps_only_the_allow_list(make_net):
    extras = {"Phone": "555-0100", "LinkedIn URL": "x", "club": "c", "first_name": "Ada"}
    extras |= {"Full Name": "Ada Q", "student_id": "S1", "dob": "2000-01-01", "cell": "555"}
    extras |= {"comments": "lives at 1 Elm St", "e_mail": "ada@example.org", "id": "42"}
    rows = people(
        "a",
        "b",
        a={"research_consent": "no", "organization": "Acme", **extras},
        b={"research_consent": "yes"},
    )
    net = make_net(rows)
    anon = ng.pseudonymize(net, KEY, exclude_opted_out=False)
    assert len(anon.people) == 2
    assert set(anon.people.columns) <= {"name", "email", "role", "industry", "grad_year"} | {
        "research_consent"
    }
    assert "club" in ng.pseudonymize(net, KEY, columns=["club"]).people.columns
    assert len(ng.pseudonymize(net, KEY).people) == 1
    for col in extras.keys() - {"club"}:
        with pytest.raises(NetgraphError, match="identifies people"):
            ng.pseudonymize(net, KEY, columns=[col])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.one_of(st.text(min_size=16, max_size=40), st.binary(min_size=16, max_size=40)))
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
def _in_band(label: str, year: int) -> bool:
    """Whether a published class-year label (``2010-2014``, ``<=1989``, ``>=2025``) holds year."""
    if label.startswith("<="):
        return year <= int(label[2:])
    if label.startswith(">="):
        return year >= int(label[2:])
    lo, _, hi = label.partition("-")
    return int(lo) <= year <= int(hi or lo)


_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d", "e", None]),
        st.sampled_from(["x", "y", None]),
        st.one_of(st.none(), st.integers(1980, 2030)),
    ),
    max_size=60,
)


@settings(max_examples=80, deadline=None)
@given(rows=_ROWS, k=st.integers(0, 7))
def test_k_anonymize_every_published_combination_is_shared_by_k(rows, k):
    cols = ["x", "y", "grad_year"]
    table = pd.DataFrame(rows, columns=cols, dtype=object).astype({"grad_year": "Int64"})
    out = ng.k_anonymize(table, cols, k)
    audit = out.attrs["audit"]
    sizes = out[cols].astype(object).fillna("<missing>").value_counts()
    if k > 1 and len(table) >= k:
        assert sizes.min() >= k  # suppressed and missing values are categories too
        assert audit.unique_after == 0 and audit.below_k_after == 0
        assert audit.smallest_group == sizes.min()
    if k > 1 and 0 < len(table) < k:  # too few people to publish anything
        assert out[cols].eq(ng.privacy.SUPPRESSED).all().all()
    # truthful: a published value is suppressed, "other", or holds the original value
    for (_, raw), (_, pub) in zip(table.iterrows(), out.iterrows(), strict=True):
        for col in cols:
            value = pub[col]
            if value == ng.privacy.SUPPRESSED:
                continue
            if pd.isna(raw[col]):
                assert pd.isna(value)
            elif col == "grad_year":
                assert _in_band(value, int(raw[col]))
            else:
                assert value in (raw[col], ng.privacy.OTHER)
    assert audit.people == len(table)
    assert audit.suppressed_values == int(out[cols].eq(ng.privacy.SUPPRESSED).sum().sum())


def test_k_anonymize_by_hand_bands_top_coding_and_other():
    """Five-year bands; 1985 alone is bottom-coded with 1990-1994 (<=1994); Art (2) and
    Dance (1) are rare at k=3 and merge into "other" (3 people)."""
    table = pd.DataFrame(
        {
            "major": ["Math"] * 6 + ["Art", "Art", "Dance"],
            "grad_year": [1985, 1990, 1991, 2011, 2012, 2013, 2011, 2012, 2014],
        }
    )
    out = ng.k_anonymize(table, ["major", "grad_year"], k=3)
    assert out["grad_year"].tolist() == ["<=1994"] * 3 + ["2010-2014"] * 6
    assert out["major"].tolist() == ["Math"] * 6 + ["other"] * 3
    audit = out.attrs["audit"]
    assert (audit.unique_before, audit.unique_after, audit.suppressed_records) == (9, 0, 0)
    assert "bottom-coded at <=1994" in audit.generalised["grad_year"]
    assert "Art, Dance" in audit.generalised["major"]
    assert any("unique on these attributes: 9 before, 0 after" in x for x in audit.lines())


def test_k_anonymize_suppresses_what_generalising_cannot_fix():
    """Every value is common (town A 6, B 4; club c 7, d 3) but (B, c) is one person:
    both its values are suppressed, and since one fully suppressed record would still be
    unique, two of the six (A, c) join it: (A, c) 4, (B, d) 3, (*, *) 3."""
    table = pd.DataFrame({"town": ["A"] * 6 + ["B"] * 4, "club": ["c"] * 6 + ["c"] + ["d"] * 3})
    out = ng.k_anonymize(table, ["town", "club"], k=3)
    sizes = out.value_counts()
    assert sizes.to_dict() == {("A", "c"): 4, ("B", "d"): 3, ("*", "*"): 3}
    assert out.iloc[6].tolist() == ["*", "*"]
    audit = out.attrs["audit"]
    assert (audit.suppressed_records, audit.suppressed_values, audit.generalised) == (3, 6, {})


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
    path = ng.export(sample, tmp_path / "net.graphml", include_identities=True).path
    text = path.read_text(encoding="utf-8")
    assert "p001" in text
    assert _leaks(sample, text) == []


@pytest.mark.parametrize(
    ("column", "identifying"),
    [
        ("first_name", True),
        ("last_name", True),
        ("Full Name", True),
        ("student_id", True),
        ("StudentID", True),
        ("dob", True),
        ("date_of_birth", True),
        ("e_mail", True),
        ("E-Mail", True),
        ("cell", True),
        ("comments", True),
        ("notes", True),
        ("id", True),
        ("name", True),
        ("role", False),
        ("industry", False),
        ("grad_year", False),
        ("major", False),
        ("first_generation", False),
        ("location", False),
    ],
)
def test_is_identifying(column, identifying):
    assert ng.privacy.is_identifying(column) is identifying


# ------------------------------------------------------------------- keys
def test_pseudonym_key_sources_and_order(tmp_path):
    from netgraph.privacy import pseudonym_key

    file_key, env_file_key, env_key = ("f" * 20, "g" * 24, "e" * 32)
    (tmp_path / "k1").write_text(file_key + "\n", encoding="utf-8")
    (tmp_path / "k2").write_text(env_file_key, encoding="utf-8")
    env = {"NETGRAPH_KEY_FILE": str(tmp_path / "k2"), "NETGRAPH_PSEUDONYM_KEY": env_key}
    assert pseudonym_key(tmp_path / "k1", environ=env) == file_key.encode()
    assert pseudonym_key(environ=env) == env_file_key.encode()
    assert pseudonym_key(environ={"NETGRAPH_PSEUDONYM_KEY": env_key}) == env_key.encode()
    assert pseudonym_key(environ={}) is None


@pytest.mark.parametrize(
    ("content", "env", "message"),
    [
        ("short\n", None, r"key file .*k: the pseudonym key is 5 bytes long"),
        ("\n", None, "is empty"),
        (None, {"NETGRAPH_PSEUDONYM_KEY": "career-center-secret"[:12]}, r"\$NETGRAPH_PSEUDONYM"),
        (None, {"NETGRAPH_KEY_FILE": "/nonexistent/key"}, r"from \$NETGRAPH_KEY_FILE"),
    ],
)
def test_pseudonym_key_refuses_short_empty_and_missing(tmp_path, content, env, message):
    from netgraph.privacy import pseudonym_key

    if content is not None:
        (tmp_path / "k").write_text(content, encoding="utf-8")
    with pytest.raises(NetgraphError, match=message):
        pseudonym_key(tmp_path / "k" if content is not None else None, environ=env or {})


def _dictionary_attack(pseudonyms: set[str], guessed_key: bytes) -> set[str]:
    """Hash p001..p999 with a guessed key, as netgraph would, and return the ids found."""
    import hashlib
    import hmac

    ids = [f"p{i:03d}" for i in range(1, 1000)]
    found = set()
    for pid in ids:
        digest = hmac.new(guessed_key, f"person:{pid}".encode(), hashlib.sha256).hexdigest()
        if "anon-" + digest[:16] in pseudonyms:
            found.add(pid)
    return found


def test_dictionary_attack_fails_when_the_key_comes_from_the_environment(sample, monkeypatch):
    import hashlib
    import json
    import secrets
    from pathlib import Path

    monkeypatch.setenv("NETGRAPH_PSEUDONYM_KEY", secrets.token_hex(32))
    key = ng.pseudonym_key()
    pseudonyms = set(ng.export_graph(sample, key=key).graph)
    notebook = Path(__file__).parents[1] / "notebooks" / "02_alumni_engagement.ipynb"
    shipped = [  # every key an attacker can find in the project, and the usual guesses
        b"career-center-secret",
        b"a long and secret key",
        b"secret",
        b"password",
        b"netgraph",
        b"",
        *(bytes(m, "utf-8") for m in _string_literals(json.loads(notebook.read_text()))),
    ]
    for guess in shipped:
        assert _dictionary_attack(pseudonyms, guess) == set(), guess
    plain = {"anon-" + hashlib.sha256(f"p{i:03d}".encode()).hexdigest()[:16] for i in range(999)}
    assert not plain & pseudonyms
    # the attack is real: whoever holds the key re-identifies everyone exported
    assert len(_dictionary_attack(pseudonyms, key)) == len(pseudonyms)
    # and without any key set, the random session key defeats it the same way
    monkeypatch.delenv("NETGRAPH_PSEUDONYM_KEY")
    assert ng.pseudonym_key() is None
    session = set(ng.export_graph(sample).graph)
    assert all(_dictionary_attack(session, guess) == set() for guess in shipped)


def _string_literals(notebook: dict) -> list[str]:
    import ast

    out = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            tree = ast.parse("".join(cell["source"]))
            out += [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    return [v for v in out if isinstance(v, str)]


def test_notebook_two_holds_no_key():
    import json
    from pathlib import Path

    path = Path(__file__).parents[1] / "notebooks" / "02_alumni_engagement.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    assert "career-center-secret" not in code
    assert "pseudonym_key()" in code  # read from the environment
    for literal in _string_literals(notebook):  # no literal is usable as a key
        assert "key=" + repr(literal) not in code.replace(" ", "")
        assert f"KEY = {literal!r}" not in code and f'KEY = "{literal}"' not in code


# -------------------------------------------------------------------- CSV
ATTACKS = ["x\r=1+1", "y\n@SUM(1)", 'q"uote,comma', "\r", "=cmd|' /C calc'!A0", "-2+3", "\t=x"]


def test_csv_text_rows_never_split_and_no_cell_runs_as_a_formula():
    import csv
    import io

    from netgraph.privacy import csv_text

    table = pd.DataFrame(
        {
            "name": ATTACKS,
            "lists": [("+cmd|x", "ok")] + [()] * (len(ATTACKS) - 1),
            "n": range(-3, len(ATTACKS) - 3),
        }
    )
    text = csv_text(table)
    back = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert len(back) == len(table)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(table) + 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or cell.lstrip("-").isdigit()  # numbers stay
    assert back["name"].tolist() == ["'" + v if v[0] in "=+-@\t\r" else v for v in ATTACKS]
    assert back.loc[0, "lists"] == "'+cmd|x;ok"  # joined first, then neutralised
    assert back["n"].tolist() == list(range(-3, len(ATTACKS) - 3))


def test_cli_csv_joins_lists_before_neutralising(make_net, capsys):
    from netgraph.cli import main

    evil = "+cmd|' /C calc'!A0"
    net_people = people("s", "c", "d", s={"role": "student"}, d={"organization": evil})
    ties = [{"person_a": "s", "person_b": "c"}, {"person_a": "c", "person_b": "d"}]
    net = make_net(net_people, ties)
    assert main(["bridges", "--data", str(net.source), "--seeker", "s", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "'" + evil in out
    import csv
    import io

    cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_a_report_on_data_without_consent_column_says_everyone_is_included(make_net, tmp_path):
    from conftest import four_deep_rows

    rows = four_deep_rows()
    for row in rows["people"]:
        row.pop("research_consent")
    net = make_net(**rows)
    folder = ng.write_report(net, tmp_path / "report", k=2, n_boot=20)
    text = (folder / "index.html").read_text(encoding="utf-8")
    assert "records no consent decisions" in text and "0 people opted out" in text
    with_consent = ng.write_report(make_net(**four_deep_rows()), tmp_path / "r2", k=2, n_boot=20)
    assert "records no consent" not in (with_consent / "index.html").read_text(encoding="utf-8")
