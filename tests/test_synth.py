"""Tests for netgraph.synth: determinism, integrity rules and realism of the sample."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from netgraph.synth import generate, write_dataset

START = pd.Timestamp("2024-09-01")
END = pd.Timestamp("2026-09-01")  # start + 24 months
FILES = ("people", "ties", "interviews", "referrals")
COLUMNS = {
    "people": [
        "person_id", "name", "role", "organization", "industry", "title", "seniority",
        "grad_year", "major", "location", "tags", "email", "first_generation",
        "international", "research_consent",
    ],
    "ties": ["person_a", "person_b", "kind", "strength", "since"],
    "interviews": [
        "interview_id", "seeker_id", "contact_id", "date", "channel", "status",
        "thank_you_sent", "follow_up_due", "notes",
    ],
    "referrals": [
        "referral_id", "interview_id", "referrer_id", "seeker_id", "referred_id",
        "date", "status",
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    """The default sample (what ships in netgraph/sample_data), generated once."""
    return generate()


@pytest.fixture(scope="module")
def other_size() -> dict[str, pd.DataFrame]:
    """A different size, seed and window, to check the rules are not sample-specific."""
    return generate(1500, seed=3, start="2023-01-15", months=18)


def _cascade_depth(tables: dict[str, pd.DataFrame], seeker: str) -> int:
    """Longest chain interview -> referral -> interview of the referred -> referral ...

    Counted independently of the generator: the number of referrals (hand-offs) in the
    chain, where each referral but the last was followed by an interview of the
    seeker with the referred person on or after the referral date.
    """
    iv = tables["interviews"]
    iv = iv[iv["seeker_id"] == seeker]
    rf = tables["referrals"]
    rf = rf[(rf["seeker_id"] == seeker) & rf["interview_id"].notna()]
    refs_of = rf.groupby("interview_id")
    by_interview = {k: list(g.itertuples()) for k, g in refs_of}
    memo: dict[str, int] = {}

    def depth(ref: tuple) -> int:
        if ref.referral_id in memo:
            return memo[ref.referral_id]
        memo[ref.referral_id] = 1  # guards against cycles
        nxt = iv[(iv["contact_id"] == ref.referred_id) & (iv["date"] >= ref.date)]
        best = 1
        for j in nxt["interview_id"]:
            for r2 in by_interview.get(j, []):
                best = max(best, 1 + depth(r2))
        memo[ref.referral_id] = best
        return best

    return max((depth(r) for rs in by_interview.values() for r in rs), default=0)


# ------------------------------------------------------------------ determinism


def test_same_seed_same_tables(sample: dict[str, pd.DataFrame]) -> None:
    again = generate()
    for name in FILES:
        pd.testing.assert_frame_equal(sample[name], again[name])


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    small = {"n_people": 200, "seed": 11}
    write_dataset(generate(**small), tmp_path / "a")
    write_dataset(generate(**small), tmp_path / "b")
    for name in FILES:
        a = (tmp_path / "a" / f"{name}.csv").read_bytes()
        assert a == (tmp_path / "b" / f"{name}.csv").read_bytes()
        assert a.decode("utf-8").splitlines()[0] == ",".join(COLUMNS[name])
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(
        f"{name}.csv" for name in FILES
    )  # no temporary files left behind


def test_different_seeds_differ(sample: dict[str, pd.DataFrame]) -> None:
    other = generate(seed=8)
    for name in FILES:
        assert not sample[name].equals(other[name])


def test_round_trip_through_csv(tmp_path: Path, sample: dict[str, pd.DataFrame]) -> None:
    write_dataset(sample, tmp_path)
    people = pd.read_csv(tmp_path / "people.csv", dtype=str, keep_default_na=False)
    assert people["person_id"].tolist() == sample["people"]["person_id"].tolist()
    ties = pd.read_csv(tmp_path / "ties.csv", dtype=str, keep_default_na=False)
    assert (ties["strength"] == "").mean() == pytest.approx(0.5, abs=0.1)
    filled = ties.loc[ties["strength"] != "", "strength"]
    assert filled.str.fullmatch(r"(0\.\d{1,2}|1\.0)").all()
    iv = pd.read_csv(tmp_path / "interviews.csv", dtype=str, keep_default_na=False)
    assert iv["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert set(iv["thank_you_sent"].str.len()) <= {0, 10}


def test_write_dataset_requires_all_tables(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="referrals"):
        write_dataset({"people": pd.DataFrame()}, tmp_path)


@pytest.mark.parametrize(
    "kwargs",
    [{"n_people": 10}, {"months": 2}, {"seed": -1}, {"start": "2024-13-01"}],
)
def test_bad_arguments(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        generate(**kwargs)


# ---------------------------------------------------------------- integrity rules


@pytest.fixture(params=["sample", "other_size"])
def tables(request: pytest.FixtureRequest) -> dict[str, pd.DataFrame]:
    return request.getfixturevalue(request.param)


def test_columns(tables: dict[str, pd.DataFrame]) -> None:
    for name in FILES:
        assert list(tables[name].columns) == COLUMNS[name]


def test_people_values(tables: dict[str, pd.DataFrame]) -> None:
    p = tables["people"]
    assert p["person_id"].is_unique
    assert p["person_id"].str.len().nunique() == 1
    assert p["name"].notna().all()
    assert set(p["role"]) <= {
        "student", "alum", "faculty", "staff", "employer", "family", "friend", "other"
    }  # fmt: skip
    assert set(p["seniority"].dropna()) <= {"student", "entry", "mid", "senior", "executive"}
    assert p["tags"].dropna().str.fullmatch(r"[a-z\-]+(;[a-z\-]+)*").all()
    assert p["email"].dropna().str.fullmatch(r"[a-z0-9.]+@example\.(org|com)").all()
    assert p["email"].dropna().is_unique
    school = p["role"].isin(["student", "alum"])
    for col in ("first_generation", "international"):
        assert set(p.loc[school, col]) <= {"yes", "no"}
        assert p.loc[~school, col].isna().all()
    assert set(p["research_consent"]) == {"yes", "no"}
    assert 0.005 < (p["research_consent"] == "no").mean() < 0.05
    assert p.loc[~school, "grad_year"].isna().all()
    assert p.loc[school, "grad_year"].notna().all()
    # an organization belongs to one industry
    assert (p.dropna(subset=["organization", "industry"]).groupby("organization")["industry"]
            .nunique().max() == 1)  # fmt: skip


def test_ties_rules(tables: dict[str, pd.DataFrame]) -> None:
    t, ids = tables["ties"], set(tables["people"]["person_id"])
    assert set(t["person_a"]) | set(t["person_b"]) <= ids
    assert (t["person_a"] != t["person_b"]).all()
    pair = t[["person_a", "person_b"]].apply(lambda r: tuple(sorted(r)), axis=1)
    assert pair.is_unique
    assert set(t["kind"]) == {"family", "friend", "classmate", "coworker", "mentor", "professor"}
    s = t["strength"].dropna()
    assert ((s > 0) & (s <= 1)).all()
    assert np.allclose(s, s.round(2))
    assert (t["since"].dropna() < END).all()


def test_interview_rules(tables: dict[str, pd.DataFrame]) -> None:
    iv, ids = tables["interviews"], set(tables["people"]["person_id"])
    assert iv["interview_id"].is_unique
    assert set(iv["seeker_id"]) | set(iv["contact_id"]) <= ids
    assert (iv["seeker_id"] != iv["contact_id"]).all()
    assert set(iv["channel"]) <= {"video", "phone", "in_person", "coffee", "email"}
    assert set(iv["status"]) <= {"requested", "scheduled", "completed", "declined", "no_show"}
    ty = iv["thank_you_sent"]
    assert (iv.loc[ty.notna(), "status"] == "completed").all()
    assert (ty.dropna() >= iv.loc[ty.notna(), "date"]).all()
    assert (iv["follow_up_due"].dropna() >= iv.loc[iv["follow_up_due"].notna(), "date"]).all()
    assert iv["notes"].notna().mean() > 0.8


def test_referral_rules(tables: dict[str, pd.DataFrame]) -> None:
    rf, iv = tables["referrals"], tables["interviews"]
    ids = set(tables["people"]["person_id"])
    assert rf["referral_id"].is_unique
    assert set(rf["referrer_id"]) | set(rf["seeker_id"]) | set(rf["referred_id"]) <= ids
    assert (rf["referred_id"] != rf["seeker_id"]).all()
    assert (rf["referred_id"] != rf["referrer_id"]).all()
    assert set(rf["status"]) <= {"named", "introduced", "contacted", "interviewed", "declined"}
    with_iv = rf.dropna(subset=["interview_id"])
    assert 0 < len(rf) - len(with_iv) < 0.15 * len(rf)  # a few outside interviews
    m = with_iv.merge(iv, on="interview_id", suffixes=("", "_iv"), validate="many_to_one")
    assert len(m) == len(with_iv)
    assert (m["referrer_id"] == m["contact_id"]).all()
    assert (m["seeker_id"] == m["seeker_id_iv"]).all()
    assert (m["status_iv"] == "completed").all()
    assert (m["date"] >= m["date_iv"]).all()


def test_referral_status_consistency(tables: dict[str, pd.DataFrame]) -> None:
    rf, iv = tables["referrals"], tables["interviews"]
    m = rf.merge(
        iv[["seeker_id", "contact_id", "date"]],
        left_on=["seeker_id", "referred_id"],
        right_on=["seeker_id", "contact_id"],
        how="left",
        suffixes=("", "_iv"),
    )
    later = m["date_iv"] >= m["date"]
    interviewed = m["status"] == "interviewed"
    ok = later[interviewed].groupby(m.loc[interviewed, "referral_id"]).any()
    assert len(ok) > 0
    assert ok.all()
    named = m[m["status"] == "named"]
    assert named["date_iv"].isna().all()  # never interviewed by that seeker


def test_no_date_after_end(sample: dict[str, pd.DataFrame]) -> None:
    dates = [
        sample["ties"]["since"],
        sample["interviews"]["date"],
        sample["interviews"]["thank_you_sent"],
        sample["referrals"]["date"],
    ]
    for col in dates:
        assert (col.dropna() < END).all()
    assert (sample["interviews"]["date"] >= START).all()
    # a follow-up is a plan: only the featured seeker's last conversations plan one
    # after the end, a week after them
    iv = sample["interviews"]
    later = iv[iv["follow_up_due"] >= END]
    assert set(later["seeker_id"]) <= {"p001"}
    assert ((later["follow_up_due"] - later["date"]).dt.days == 7).all()


def test_other_window_respected(other_size: dict[str, pd.DataFrame]) -> None:
    start, end = pd.Timestamp("2023-01-15"), pd.Timestamp("2024-07-15")
    iv = other_size["interviews"]
    assert iv["date"].min() >= start
    for col in ("date", "thank_you_sent"):
        assert (iv[col].dropna() < end).all()
    featured = other_size["people"]["person_id"].iloc[0]
    later = iv[iv["follow_up_due"] >= end]  # plans: only the featured seeker's last talks
    assert set(later["seeker_id"]) <= {featured}
    assert ((later["follow_up_due"] - later["date"]).dt.days == 7).all()
    assert (other_size["referrals"]["date"] < end).all()


# ----------------------------------------------------------------------- realism


def test_population(sample: dict[str, pd.DataFrame]) -> None:
    p = sample["people"]
    roles = p["role"].value_counts()
    assert set(roles.index) == {
        "student", "alum", "faculty", "staff", "employer", "family", "friend", "other"
    }  # fmt: skip
    alumni = p[p["role"] == "alum"]
    assert alumni["industry"].nunique() >= 8
    assert alumni["organization"].nunique() >= 40
    assert alumni["grad_year"].max() - alumni["grad_year"].min() >= 15
    # seniority follows years since graduation
    recent = alumni[alumni["grad_year"] >= 2023]
    old = alumni[alumni["grad_year"] <= 2008]
    assert (recent["seniority"] == "entry").all()
    assert old["seniority"].isin(["senior", "executive"]).all()
    assert alumni["title"].notna().all()


def test_activity_volume(sample: dict[str, pd.DataFrame]) -> None:
    iv = sample["interviews"]
    assert len(iv) >= 200
    assert iv["date"].max() - iv["date"].min() >= pd.Timedelta(days=18 * 30)
    share = iv["status"].value_counts(normalize=True)
    assert share["completed"] > 0.6
    assert {"requested", "scheduled", "declined", "no_show"} <= set(share.index)
    recent = iv["date"] >= END - pd.Timedelta(days=45)
    assert (iv.loc[iv["status"] == "scheduled", "date"] >= END - pd.Timedelta(days=60)).all()
    assert iv.loc[recent, "status"].isin(["requested", "scheduled"]).sum() >= 5


def test_seekers(sample: dict[str, pd.DataFrame]) -> None:
    p = sample["people"].set_index("person_id")
    iv = sample["interviews"]
    per = iv["seeker_id"].value_counts()
    roles = p.loc[per.index, "role"]
    assert 35 <= (roles == "student").sum() <= 45
    assert (roles == "alum").sum() >= 2  # career changers
    students = per[roles == "student"].drop("p001")
    assert (students <= 1).sum() >= 2  # some barely start
    assert (students >= 10).sum() >= 2  # a few are very active
    assert per["p001"] > students.max()  # the featured seeker is the most active


def test_featured_seeker(sample: dict[str, pd.DataFrame]) -> None:
    p = sample["people"].set_index("person_id")
    assert p.loc["p001", "role"] == "student"
    t = sample["ties"]
    mine = t[(t["person_a"] == "p001") | (t["person_b"] == "p001")]
    kinds = mine["kind"].value_counts()
    assert kinds["family"] >= 2
    assert kinds["friend"] >= 2
    assert kinds["professor"] == 2
    assert kinds["classmate"] >= 2
    assert kinds["coworker"] >= 1
    iv = sample["interviews"]
    mine_iv = iv[iv["seeker_id"] == "p001"]
    assert 15 <= len(mine_iv) <= 25
    assert _cascade_depth(sample, "p001") >= 4
    rf = sample["referrals"]
    assert ((rf["seeker_id"] == "p001") & (rf["status"] == "named")).sum() >= 3
    done = mine_iv[mine_iv["status"] == "completed"]
    assert done["thank_you_sent"].isna().sum() >= 2
    overdue = 0
    for row in done[done["follow_up_due"] < END].itertuples():
        later = mine_iv[(mine_iv["contact_id"] == row.contact_id) & (mine_iv["date"] > row.date)]
        overdue += later.empty
    assert overdue >= 2


def test_featured_seeker_is_active_to_the_end(sample: dict[str, pd.DataFrame]) -> None:
    import netgraph as ng

    net = ng.load()
    assert net.reference_date == END - pd.Timedelta(days=1)
    todo = ng.followups(net, "p001")  # on the data's last day
    groups = set(todo["group"])
    assert {"today", "this_week"} <= groups
    week = todo[todo["group"].isin(["today", "this_week"])]
    assert {"thank_you", "nudge", "follow_up"} <= set(week["kind"])


@pytest.mark.parametrize("column", ["international", "first_generation"])
def test_group_comparisons_are_not_suppressed(column: str) -> None:
    import netgraph as ng

    net = ng.load()
    table = ng.compare_groups(net, column, "referrals_per_interview", k=5)
    assert table[column].tolist() == ["no", "yes"]
    assert (table["n"] >= 5).all() and table["mean"].notna().all()


def test_cascades_exist_beyond_featured(sample: dict[str, pd.DataFrame]) -> None:
    seekers = sample["interviews"]["seeker_id"].value_counts().index[:10]
    depths = [_cascade_depth(sample, s) for s in seekers if s != "p001"]
    assert max(depths) >= 2


def test_engagement_heavy_tailed(sample: dict[str, pd.DataFrame]) -> None:
    counts = sample["referrals"]["referrer_id"].value_counts()
    top = math.ceil(0.1 * len(counts))
    assert counts.iloc[:top].sum() >= 0.4 * counts.sum()
    alumni = sample["people"].loc[sample["people"]["role"] == "alum", "person_id"]
    given = counts.reindex(alumni, fill_value=0)
    assert (given <= 1).mean() > 0.75


def test_referral_homophily(sample: dict[str, pd.DataFrame]) -> None:
    ind = sample["people"].set_index("person_id")["industry"]
    rf = sample["referrals"]
    a, b = ind.reindex(rf["referrer_id"]).to_numpy(), ind.reindex(rf["referred_id"]).to_numpy()
    known = pd.notna(a) & pd.notna(b)
    same = (a[known] == b[known]).mean()
    assert 0.6 < same < 1.0  # mostly within an industry, sometimes across


def test_ties_follow_communities(sample: dict[str, pd.DataFrame]) -> None:
    p = sample["people"].set_index("person_id")
    t = sample["ties"]
    co = t[t["kind"] == "coworker"]
    org_a = p.loc[co["person_a"], "organization"].to_numpy()
    org_b = p.loc[co["person_b"], "organization"].to_numpy()
    assert (org_a == org_b).mean() > 0.9
    cl = t[t["kind"] == "classmate"]
    assert (p.loc[cl["person_a"], "grad_year"].to_numpy()
            == p.loc[cl["person_b"], "grad_year"].to_numpy()).all()  # fmt: skip
