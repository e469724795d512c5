"""Small cells under attack: thresholds on people, differencing, mean x n, derivable cells.

Each test plays the reader who wants a hidden value back. The generic attack
(:func:`attack`) is linear programming over the inner cells the reader can imagine:
given the published cells and totals as equations and counts as non-negative
unknowns, it computes the smallest and largest value a hidden cell can take. A hidden
cell is protected when that range is not a single number.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from conftest import people
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import netgraph as ng
from netgraph import research
from netgraph.disclosure import Count, TableSpec, check_grouping_key, protect, units_frame
from netgraph.errors import NetgraphError


# ------------------------------------------------------------------ the attack
def attack(n_inner: int, equations: list[tuple[list[int], float]], target: list[int]):
    """Bounds of ``sum(x[i] for i in target)`` given ``sum(x[j] for j in eq) = value``.

    The unknowns ``x`` are the inner cells (non-negative); each equation is a
    published cell or total, as the inner cells it adds up and its value.
    """
    a = np.zeros((len(equations), n_inner))
    b = np.zeros(len(equations))
    for r, (cells, value) in enumerate(equations):
        a[r, cells] = 1.0
        b[r] = value
    c = np.zeros(n_inner)
    c[target] = 1.0
    lo = linprog(c, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
    hi = linprog(-c, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
    assert lo.status == 0, "the published values must be consistent"
    return lo.fun, (np.inf if hi.status == 3 else -hi.fun)


def one_way_attack(published: pd.Series, truth: pd.Series) -> dict:
    """Attack one count column of a table whose column total the reader knows."""
    n = len(published)
    eqs = [([i], float(v)) for i, v in enumerate(published) if pd.notna(v)]
    eqs.append((list(range(n)), float(truth.sum())))
    return {i: attack(n, eqs, [i]) for i, v in enumerate(published) if pd.isna(v)}


def assert_protected(bounds: dict) -> None:
    for cell, (lo, hi) in bounds.items():
        assert hi - lo >= 1 - 1e-9, f"hidden cell {cell} pinned to [{lo}, {hi}]"


def test_the_attack_recovers_a_lone_hidden_cell():
    """The helper is a real attack: primary suppression alone gives the cell away."""
    truth = pd.Series([12, 9, 6, 3])
    lone = truth.astype("Int64").mask(truth < 5)
    ((lo, hi),) = one_way_attack(lone, truth).values()
    assert lo == hi == 3


# ----------------------------------------------------- differencing of totals
@pytest.mark.parametrize(
    "sizes",
    [
        [12, 9, 6, 3],
        [20, 4, 4, 30],
        [7, 0, 8, 9],
        [5, 5, 1],
        [40, 2, 0, 0, 6],
        [40, 20, 0, 0, 6],  # two hidden zeros: their known sum 0 would pin both
        [3, 3],
    ],
)
def test_no_hidden_cell_is_a_total_minus_the_visible_ones(sizes):
    out = _one_way(sizes, 5)
    assert (out["n"].dropna() >= 5).all()
    assert out["n"].isna().sum() != 1
    assert_protected(one_way_attack(out["n"], pd.Series(sizes)))


def _one_way(sizes: list[int], k: int) -> pd.DataFrame:
    units = units_frame(
        range(sum(sizes)), [r for r, n in enumerate(sizes) for _ in range(n)], range(sum(sizes))
    )
    table = pd.DataFrame({"g": range(len(sizes)), "n": sizes})
    (out,) = protect([TableSpec("t", table, {"n": Count("person", units)})], k=k)
    return out


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=2, max_size=7), st.integers(1, 6))
def test_no_one_way_table_leaves_a_small_or_pinned_cell(sizes, k):
    out = _one_way(sizes, k)
    assert (out["n"].dropna() >= k).all()
    hidden = out["n"].isna()
    assert (hidden | out["n"].eq(pd.Series(sizes))).all()  # visible cells are the truth
    if hidden.any() and sum(sizes) > 0:
        bounds = one_way_attack(out["n"], pd.Series(sizes))
        if sum(x for x, h in zip(sizes, hidden, strict=True) if h) > 0:
            assert_protected(bounds)


def test_two_tables_over_the_same_people_are_protected_together():
    """A cohort hidden in one grouping must not come back from another grouping."""
    rng = np.random.default_rng(3)
    role = rng.choice(["alum", "family", "staff"], size=60, p=[0.8, 0.15, 0.05])
    band = rng.choice(["2000s", "2010s"], size=60)
    frame = pd.DataFrame({"role": role, "band": band})
    specs = []
    for col in ("role", "band"):
        labels = sorted(set(frame[col]))
        table = pd.DataFrame({col: labels, "n": [int((frame[col] == v).sum()) for v in labels]})
        units = units_frame(frame.index, frame[col].map(labels.index), frame.index)
        specs.append(TableSpec(col, table, {"n": Count("person", units)}))
    by_role, by_band = protect(specs, k=5)
    # the reader's inner cells: every (role, band) pair, empty or not
    roles, bands = list(by_role["role"]), list(by_band["band"])
    inner = list(itertools.product(range(len(roles)), range(len(bands))))
    eqs = [
        ([j for j, (r, _) in enumerate(inner) if r == i], v)
        for i, v in by_role["n"].items()
        if pd.notna(v)
    ]
    eqs += [
        ([j for j, (_, b) in enumerate(inner) if b == i], v)
        for i, v in by_band["n"].items()
        if pd.notna(v)
    ]
    eqs.append((list(range(len(inner))), 60.0))
    hidden = [i for i, v in by_role["n"].items() if pd.isna(v)]
    assert hidden  # staff (about 3 people) is small
    for i in hidden:
        lo, hi = attack(len(inner), eqs, [j for j, (r, _) in enumerate(inner) if r == i])
        assert hi - lo >= 1


# ------------------------------------------------------------ people, not rows
def test_a_one_person_group_is_hidden_however_many_interviews(make_net):
    ppl = people(
        "s1",
        "s2",
        "s3",
        "s4",
        "s5",
        "solo",
        "a1",
        "a2",
        "a3",
        "a4",
        "a5",
        **{f"s{i}": {"role": "student"} for i in range(1, 6)},
        solo={"role": "family"},
    )
    iv = [
        {
            "interview_id": f"i{s}{c}",
            "seeker_id": s,
            "contact_id": c,
            "date": "2025-01-02",
            "status": "completed",
        }
        for s in ("s1", "s2", "s3", "s4", "s5")
        for c in ("solo", "a1", "a2", "a3", "a4", "a5")
    ]
    net = make_net(ppl, (), iv)
    table = ng.cohorts(net, "role").set_index("role")
    # "solo" gave five interviews to five seekers: five rows, one person
    assert table.loc["family"].isna().all()
    # and the alumni, the other cohort, must hide too: the total would give solo back
    assert pd.isna(table.loc["alum", "interviews_given"])
    assert pd.isna(table.loc["alum", "n_people"])


def test_a_group_of_four_seekers_is_hidden_in_the_funnel(make_net):
    """funnel_by_international published a group of 4 seekers; with 20 interviews."""
    seekers = [f"s{i}" for i in range(12)]
    ppl = people(
        *seekers,
        *[f"c{i}" for i in range(6)],
        **{
            s: {"role": "student", "international": "yes" if i < 4 else "no"}
            for i, s in enumerate(seekers)
        },
    )
    iv = [
        {
            "interview_id": f"{s}-{c}",
            "seeker_id": s,
            "contact_id": f"c{c}",
            "date": "2025-02-01",
            "status": "completed" if c % 2 else "requested",
        }
        for s in seekers
        for c in range(5)
    ]
    net = make_net(ppl, (), iv)
    overall = ng.funnel(net)
    table = ng.funnel(net, "international").set_index("international")
    assert table.loc["yes", "requested"] is pd.NA or pd.isna(table.loc["yes", "requested"])
    assert table.loc["yes"].isna().all()  # 20 interviews, 4 seekers
    # the overall funnel minus "no" would give "yes" back: "no" hides as well
    assert overall.loc[0, "requested"] == 60
    assert table.loc["no"].isna().all()


def test_mixing_cells_need_k_people_at_each_end(make_net):
    # 3 students from 2020 each met the same 4 alumni from 2000: 12 edges, 3 + 4 people
    students = [f"s{i}" for i in range(3)]
    alumni = [f"a{i}" for i in range(4)]
    others = [f"o{i}" for i in range(6)]
    ppl = people(
        *students,
        *alumni,
        *others,
        **{s: {"role": "student", "grad_year": 2020} for s in students},
        **{a: {"grad_year": 2000} for a in alumni},
        **{o: {"role": "student", "grad_year": 2021} for o in others},
    )
    iv = [
        {
            "interview_id": f"{s}{a}",
            "seeker_id": s,
            "contact_id": a,
            "date": "2025-01-03",
            "status": "completed",
        }
        for s in [*students, *others]
        for a in alumni
    ]
    net = make_net(ppl, (), iv)
    m = ng.mixing(net, "grad_year", graphs=["interviews"], k=5).matrix
    cell = m[m["source_value"].eq(2020)].iloc[0]
    assert pd.isna(cell["edges"]) and pd.isna(cell["share"])
    assert ng.mixing(net, "grad_year", graphs=["interviews"], k=0).matrix["edges"].max() == 24
    # 6 seekers and 4 alumni: the 2021 cell (24 edges) needs 5 alumni too, so it hides
    assert m["edges"].isna().all()
    # with k=4 the 2021 cell (6 and 4 people) passes, but the total (36 interviews,
    # known from the summary) minus it would give the 2020 cell back: it hides too
    four = ng.mixing(net, "grad_year", graphs=["interviews"], k=4)
    assert four.matrix["edges"].isna().all()
    assert four.summary.loc[0, "edges_used"] == 36


# ------------------------------------------------------------------ mean x n
def test_a_mean_or_a_rate_never_gives_back_a_hidden_count(sample):
    """cohorts_role.csv: family 0.875 x 8 = 7 interviews given (4 people gave them)."""
    table = ng.cohorts(sample, "role").set_index("role")
    family = table.loc["family"]
    assert pd.isna(family["interviews_given"]) and pd.isna(family["response_rate"])
    for _, row in table.iterrows():
        if pd.notna(row["response_rate"]):
            assert pd.notna(row["interviews_given"]) and pd.notna(row["interviews_requested"])
        if pd.notna(row["mean_engagement_score"]):
            needed = [
                "n_people",
                "interviews_given",
                "referrals_given",
                "referrals_converted",
                "downstream_reach",
            ]
            assert row[needed].notna().all()
        if pd.notna(row["engaged_share"]):
            assert pd.notna(row["n_people"]) and pd.notna(row["n_engaged"])


def test_a_difference_from_a_hidden_reference_group_is_hidden():
    table = pd.DataFrame(
        {"g": ["a", "b"], "n": [3, 9], "mean": [1.0, 2.0], "difference": [-1.0, 0.0]}
    )
    units = units_frame(range(12), [0] * 3 + [1] * 9, range(12))
    spec = TableSpec(
        "t",
        table,
        {"n": Count("seeker", units)},
        derived={"mean": ["n"], "difference": ["n"]},
        depends_on_row={"difference": (0, "n")},
    )
    (out,) = protect([spec], k=5)
    assert out["difference"].isna().all()  # b's difference + its mean would give a's mean


# ----------------------------------------------------------- identifying keys
@pytest.mark.parametrize(
    "key", ["name", "email", "person_id", "first_name", "Full Name", "student_id", "notes"]
)
def test_identifying_columns_are_refused_as_grouping_keys(sample, key):
    with pytest.raises(NetgraphError, match="identifies people"):
        ng.cohorts(sample, key)
    with pytest.raises(NetgraphError, match="identifies people"):
        ng.funnel(sample, key)


def test_a_column_unique_to_each_person_is_refused(sample):
    people_table = sample.people.assign(badge=[f"b{i}" for i in range(len(sample.people))])
    with pytest.raises(NetgraphError, match="every person has a value of their own"):
        check_grouping_key(people_table, "badge", k=5)
    check_grouping_key(people_table, "industry", k=5)


# ------------------------------------------------------------------ the report
COUNT_COLUMNS = {
    "n_people",
    "n_engaged",
    "interviews_requested",
    "interviews_given",
    "seekers_helped",
    "referrals_given",
    "referrals_converted",
    "downstream_reach",
    "active_people",
    "requested",
    "completed",
    "with_referral",
    "referral_interviewed",
    "n_cascades",
    "n",
}


@pytest.fixture(scope="module")
def report_tables(sample):
    rnet, _ = research._research_net(sample, None)
    protected, _ = ng.report._report_tables(rnet, k=5, n_boot=50, seed=0)
    raw, _ = ng.report._report_tables(rnet, k=0, n_boot=50, seed=0)
    return rnet, protected, raw


def test_report_has_no_visible_cell_of_fewer_than_five_people(report_tables):
    rnet, protected, _ = report_tables
    # cohorts by role, recomputed from the interviews: distinct contacts per role
    done = rnet.interviews[rnet.interviews["status"].eq("completed")]
    role = done["contact_id"].map(rnet.people["role"])
    givers = done.groupby(role)["contact_id"].nunique()
    table = protected["cohorts_role"].set_index("role")
    for value, row in table.iterrows():
        if pd.notna(row["interviews_given"]):
            assert givers.get(value, 0) >= 5
    # funnels by group: distinct seekers per group
    for col in ("international", "first_generation"):
        seekers = rnet.interviews["seeker_id"]
        groups = seekers.map(rnet.people[col]).replace("", np.nan)
        per = seekers.groupby(groups.fillna("\0")).nunique()
        for _, row in protected[f"funnel_by_{col}"].iterrows():
            label = "\0" if pd.isna(row[col]) else row[col]
            if pd.notna(row["requested"]):
                assert per[label] >= 5
    # mixing by class year: distinct people at each end of every visible cell
    ref = rnet.referrals
    for _, cell in protected["mixing_grad_year"].dropna(subset=["edges"]).iterrows():
        if cell["graph"] != "referrals":
            continue
        band = lambda s: s.map(rnet.people["grad_year"]).map(  # noqa: E731
            lambda y: pd.NA if pd.isna(y) else f"{y // 5 * 5}-{y // 5 * 5 + 4}"
        )
        sel = (band(ref["referrer_id"]) == cell["source_value"]) & (
            band(ref["referred_id"]) == cell["target_value"]
        )
        assert ref.loc[sel.fillna(False), "referrer_id"].nunique() >= 5
        assert ref.loc[sel.fillna(False), "referred_id"].nunique() >= 5


def test_report_hides_no_cell_a_reader_can_derive_from_a_table_and_its_total(report_tables):
    _, protected, raw = report_tables
    attacked = 0
    for name, table in protected.items():
        counts = [c for c in table.columns if c in COUNT_COLUMNS]
        if len(table) < 2:
            continue
        for col in counts:
            if name == "mixing" or name.startswith("mixing_"):
                continue  # several graphs in one column: attacked per graph below
            bounds = one_way_attack(table[col], raw[name][col])
            assert_protected(bounds)
            attacked += len(bounds)
    for name in ("mixing_grad_year", "mixing_major", "mixing_industry"):
        table, truth = protected[name], raw[name]
        for graph in ("acquaintance", "interviews", "referrals"):
            sel = table["graph"].eq(graph).to_numpy()
            bounds = one_way_attack(table.loc[sel, "edges"], truth.loc[sel, "edges"])
            assert_protected(bounds)
            attacked += len(bounds)
    assert attacked > 50  # there is something to attack


def test_report_overall_funnel_does_not_give_back_a_hidden_group(report_tables):
    _, protected, _ = report_tables
    overall = protected["funnel"].iloc[0]
    for col in ("international", "first_generation"):
        by = protected[f"funnel_by_{col}"]
        for count in ("requested", "completed", "with_referral", "referral_interviewed"):
            eqs = [([i], float(v)) for i, v in enumerate(by[count]) if pd.notna(v)]
            total = overall[count] if pd.notna(overall[count]) else None
            if total is None:
                continue
            eqs.append((list(range(len(by))), float(total)))
            for i, v in enumerate(by[count]):
                if pd.isna(v):
                    lo, hi = attack(len(by), eqs, [i])
                    assert hi - lo >= 1


def test_report_decades_over_time_do_not_give_back_a_five_year_cohort(report_tables):
    """cohorts_over_time (decades) adds up to two five-year cohorts of cohorts_grad_year."""
    _, protected, raw = report_tables
    cohorts, activity = protected["cohorts_grad_year"], protected["cohorts_over_time"]
    bands = list(cohorts["grad_year"])
    for count in ("interviews_given", "referrals_given"):
        eqs = [([i], float(v)) for i, v in enumerate(cohorts[count]) if pd.notna(v)]
        eqs.append((list(range(len(bands))), float(raw["cohorts_grad_year"][count].sum())))
        for decade, rows in activity.groupby(activity["grad_year"].fillna("none")):
            if rows[count].notna().all() and decade != "none":
                start = int(str(decade)[:4])
                members = [
                    i
                    for i, b in enumerate(bands)
                    if isinstance(b, str) and start <= int(b[:4]) < start + 10
                ]
                eqs.append((members, float(rows[count].sum())))
        for i, v in enumerate(cohorts[count]):
            if pd.isna(v):
                lo, hi = attack(len(bands), eqs, [i])
                assert hi - lo >= 1, (count, bands[i], lo, hi)


def test_the_written_report_holds_exactly_the_protected_tables(sample, report_tables, tmp_path):
    _, protected, _ = report_tables
    folder = ng.write_report(sample, tmp_path / "report", n_boot=50)
    for name, table in protected.items():
        written = pd.read_csv(folder / f"{name}.csv", keep_default_na=True)
        for col in [c for c in table.columns if c in COUNT_COLUMNS | {"edges", "edges_used"}]:
            assert written[col].isna().tolist() == table[col].isna().tolist(), (name, col)
    family = pd.read_csv(folder / "cohorts_role.csv").set_index("role").loc["family"]
    assert pd.isna(family["interviews_given"]) and pd.isna(family["response_rate"])


def test_readme_states_the_sample_audit_figures(report_tables):
    from pathlib import Path

    _, protected, _ = report_tables
    primary = sum(t.attrs.get("primary_cells", 0) for t in protected.values())
    secondary = sum(t.attrs.get("secondary_cells", 0) for t in protected.values())
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"{primary} count cells are hidden because fewer than" in readme
    assert f"5 people make them and {secondary} more" in readme
