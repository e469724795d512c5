"""Career-center research on alumni engagement, pooled over many seekers and contacts.

Definitions used throughout (notebook 2, ``notebooks/02_alumni_engagement.ipynb``, walks
through them on the sample):

**Approached.** A person is *approached* when they are the contact of at least one
interview row (any status) or the referrer of at least one referral.

**Converted referral.** A referral *became an interview* when its status is
``interviewed`` or the seeker has a completed interview with the referred person on
or after the referral's date.

**Referral cascade.** A seeker's cascade is the tree of people reached for that
seeker, built in time order (events on one day: referrals before interviews, then by
id). A completed interview with someone not yet in the tree adds them as a *first
contact* (depth 0). A referral adds the referred person, if not yet in the tree,
as a child of the referrer, one *hand-off* deeper; a referrer not yet in the tree is
added first as a first contact (they spoke with the seeker). Everyone named counts,
whether or not the name was ever followed up. The cascade's *depth* is its largest
number of hand-offs; its *size* the number of people in it (the seeker excluded). A
first contact's cascade is their subtree (size counting themselves). A person's
*downstream reach* is the number of people below them in the cascades they belong
to, summed over seekers.

**Privacy defaults.** Every function works on the people who did not opt out of
research (:func:`netgraph.privacy.without_opted_out`) and reports how many were left
out in ``DataFrame.attrs["opted_out"]``. Per-person tables carry keyed-hash
pseudonyms unless ``identities=True``. Aggregate tables go through
:func:`netgraph.disclosure.protect`: every count that describes fewer than ``k``
distinct people (default 5; not rows: twenty interviews by three people are hidden)
is hidden with every number derived from it, and further cells are hidden until no
hidden value can be worked out from the column totals, the other cells or a mean
times its n; ``k=0`` switches that off. Grouping by a column that identifies people
(``name``, ``email``, ``person_id``...) is refused
(:func:`netgraph.disclosure.check_grouping_key`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from netgraph.disclosure import Count, TableSpec, check_grouping_key, protect, units_frame
from netgraph.errors import NetgraphError
from netgraph.network import ReferralNetwork
from netgraph.privacy import (
    DEFAULT_COLUMNS,
    _check_columns,
    k_anonymize,
    opted_out,
    pseudonym,
    without_opted_out,
)

__all__ = [
    "ENGAGEMENT_METRICS",
    "ENGAGEMENT_WEIGHTS",
    "SEEKER_METRICS",
    "Mixing",
    "cascade_distribution",
    "cascades",
    "cohort_activity",
    "cohorts",
    "compare_groups",
    "engagement",
    "engagement_distribution",
    "funnel",
    "mixing",
    "seeker_outcomes",
]

#: Weights of the engagement score (see :func:`engagement`).
ENGAGEMENT_WEIGHTS: dict[str, float] = {
    "interviews_given": 1.0,
    "referrals_given": 1.0,
    "referrals_converted": 2.0,
    "downstream_reach": 0.5,
}
#: Per-contact metrics of :func:`engagement` that :func:`compare_groups` accepts.
ENGAGEMENT_METRICS = (
    "interviews_requested",
    "interviews_given",
    "response_rate",
    "seekers_helped",
    "referrals_given",
    "referrals_converted",
    "downstream_reach",
    "engagement_score",
)
#: Per-seeker metrics of :func:`seeker_outcomes` that :func:`compare_groups` accepts.
SEEKER_METRICS = (
    "interviews_requested",
    "interviews_completed",
    "completion_rate",
    "referrals_received",
    "referrals_converted",
    "referrals_per_interview",
    "conversion_rate",
    "cascade_size",
    "cascade_depth",
)
#: Per-contact counts of :func:`engagement`, summed per cohort by :func:`cohorts`.
_ENGAGEMENT_COUNTS = [
    "interviews_requested",
    "interviews_given",
    "seekers_helped",
    "referrals_given",
    "referrals_converted",
    "downstream_reach",
]
_GRAPHS = ("acquaintance", "interviews", "referrals")


# ------------------------------------------------------------------ helpers
_MEMO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _memo(net: ReferralNetwork, name: str, make: Callable[[], object]) -> object:
    """Compute ``make()`` once per (immutable) network; callers must not modify it."""
    cache = _MEMO.setdefault(net, {})
    if name not in cache:
        cache[name] = make()
    return cache[name]


def _research_net(net: ReferralNetwork, as_of: str | pd.Timestamp | None):
    """Return the network (as of a day) without opted-out people, and how many left."""
    if as_of is not None:
        net = net.as_of(as_of)

    def make() -> tuple[ReferralNetwork | None, int]:
        rnet = without_opted_out(net)
        # never cache ``net`` itself as a value: its weak key would then never expire
        return (None if rnet is net else rnet), len(opted_out(net))

    rnet, n_out = _memo(net, "research", make)
    return (net if rnet is None else rnet), n_out


def _check_k(k: int) -> None:
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 0:
        raise NetgraphError(f"k must be a whole number 0 or more, got {k!r}")


def _finish(frame: pd.DataFrame, **attrs: object) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    frame.attrs = {**frame.attrs, **attrs}
    return frame


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    num = num.astype(float)
    den = den.astype(float)
    return (num / den).where(den > 0)


def _lookup(keys: pd.Series, table: pd.Series) -> pd.Series:
    """``keys.map(table)`` for a uniquely indexed ``table``, keeping its dtype when empty."""
    return pd.Series(table.reindex(keys.to_numpy()).to_numpy(), index=keys.index, dtype=table.dtype)


def _pseudonyms(ids: pd.Series, key: str | bytes | None) -> pd.Series:
    cache = {v: pseudonym(v, key) for v in pd.unique(ids.dropna())}
    return ids.map(cache)


def _labels(
    people: pd.DataFrame, column: str, *, band: int | None = None, what: str = "column"
) -> pd.Series:
    """Group labels from a people column: missing (NA, empty text, empty tuple) as NA."""
    if column not in people.columns:
        raise NetgraphError(
            f"no {what} {column!r} in the people table (columns: {', '.join(people.columns)})"
        )
    s = people[column]
    if band is not None:
        if band < 1:
            raise NetgraphError(f"band must be 1 or more, got {band}")
        num = pd.to_numeric(s, errors="coerce")
        if s.notna().any() and num.isna().all():
            raise NetgraphError(f"column {column!r} is not numeric, so it cannot be banded")
        lo = (num // band) * band
        return lo.map(lambda x: pd.NA if pd.isna(x) else f"{int(x)}-{int(x) + band - 1}").astype(
            object
        )
    if s.dtype == object:
        s = s.map(lambda v: ";".join(map(str, v)) if isinstance(v, tuple) else v)
    if s.dtype == object or pd.api.types.is_string_dtype(s):
        s = s.astype(object).map(lambda v: v.strip() if isinstance(v, str) else v)
        s = s.mask(s.isna() | s.eq(""), pd.NA)
    return s


def _referral_facts(net: ReferralNetwork) -> pd.DataFrame:
    """One row per referral with ``converted`` and the two delays in days."""
    return _memo(net, "facts", lambda: _make_referral_facts(net))


def _make_referral_facts(net: ReferralNetwork) -> pd.DataFrame:
    ref = net.referrals[
        ["referral_id", "interview_id", "referrer_id", "seeker_id", "referred_id", "date", "status"]
    ].copy()
    iv = net.interviews
    done = iv.loc[iv["status"].eq("completed"), ["seeker_id", "contact_id", "date"]]
    after = ref[["referral_id", "seeker_id", "referred_id", "date"]].merge(
        done.rename(columns={"contact_id": "referred_id", "date": "iv_date"}),
        on=["seeker_id", "referred_id"],
    )
    after = after[after["iv_date"] >= after["date"]]
    first_after = after.groupby("referral_id")["iv_date"].min()
    iv_after = pd.to_datetime(_lookup(ref["referral_id"], first_after))
    ref["converted"] = (ref["status"].eq("interviewed") | iv_after.notna()).astype(bool)
    ref["days_referral_to_interview"] = (iv_after - ref["date"]).dt.days.astype(float)

    by_id = iv.set_index("interview_id")["date"]
    linked = _lookup(ref["interview_id"].astype(str).str.strip(), by_id)
    before = ref[["referral_id", "seeker_id", "referrer_id", "date"]].merge(
        done.rename(columns={"contact_id": "referrer_id", "date": "iv_date"}),
        on=["seeker_id", "referrer_id"],
    )
    before = before[before["iv_date"] <= before["date"]]
    last_before = _lookup(ref["referral_id"], before.groupby("referral_id")["iv_date"].max())
    source = pd.to_datetime(linked.where(linked.notna(), last_before))
    ref["days_interview_to_referral"] = (ref["date"] - source).dt.days.astype(float)
    return ref


def _cascade_nodes(net: ReferralNetwork) -> pd.DataFrame:
    """Return the cascade trees of every seeker (cached; see :func:`_make_cascade_nodes`)."""
    return _memo(net, "nodes", lambda: _make_cascade_nodes(net))


def _make_cascade_nodes(net: ReferralNetwork) -> pd.DataFrame:
    """Build the cascade trees of every seeker (see the module docstring), one row per node.

    Columns: ``seeker``, ``person``, ``parent`` ("" for first contacts), ``depth``
    (hand-offs from the first contact), ``first_contact`` and ``subtree`` (people in
    the node's subtree, itself included).
    """
    iv = net.interviews
    done = iv[iv["status"].eq("completed")]
    ref = net.referrals
    events = pd.concat(
        [
            pd.DataFrame(
                {
                    "seeker": ref["seeker_id"].astype(str),
                    "a": ref["referrer_id"].astype(str),
                    "b": ref["referred_id"].astype(str),
                    "date": ref["date"],
                    "order": 0,
                    "id": ref["referral_id"].astype(str),
                }
            ),
            pd.DataFrame(
                {
                    "seeker": done["seeker_id"].astype(str),
                    "a": "",
                    "b": done["contact_id"].astype(str),
                    "date": done["date"],
                    "order": 1,
                    "id": done["interview_id"].astype(str),
                }
            ),
        ],
        ignore_index=True,
    ).sort_values(["seeker", "date", "order", "id"], kind="stable")

    seeker_col: list[str] = []
    person: list[str] = []
    parent: list[int] = []
    depth: list[int] = []
    root: list[str] = []
    index: dict[str, int] = {}
    current = None

    def add(s: str, p: str, par: int) -> None:
        index[p] = len(person)
        seeker_col.append(s)
        person.append(p)
        parent.append(par)
        depth.append(0 if par < 0 else depth[par] + 1)
        root.append(p if par < 0 else root[par])

    for s, a, b in zip(
        events["seeker"].tolist(), events["a"].tolist(), events["b"].tolist(), strict=True
    ):
        if s != current:
            current, index = s, {}
        by_other = bool(a) and a != s
        if by_other and a not in index:
            add(s, a, -1)
        if b == s or b in index:
            continue
        add(s, b, index[a] if by_other else -1)

    sub = [1] * len(person)
    for i in range(len(person) - 1, -1, -1):
        if parent[i] >= 0:
            sub[parent[i]] += sub[i]
    return pd.DataFrame(
        {
            "seeker": pd.Series(seeker_col, dtype=object),
            "person": pd.Series(person, dtype=object),
            "parent": pd.Series([person[i] if i >= 0 else "" for i in parent], dtype=object),
            "depth": pd.Series(depth, dtype="int64"),
            "first_contact": pd.Series(root, dtype=object),
            "subtree": pd.Series(sub, dtype="int64"),
        }
    )


def _engagement_raw(net: ReferralNetwork, weights: Mapping[str, float] | None = None):
    """Per approached person (index ``person_id``) metrics, and the (person, seeker) pairs."""
    if weights is None:
        return _memo(net, "engagement", lambda: _make_engagement_raw(net, None))
    return _make_engagement_raw(net, weights)


def _make_engagement_raw(net: ReferralNetwork, weights: Mapping[str, float] | None):
    w = dict(ENGAGEMENT_WEIGHTS)
    if weights is not None:
        unknown = sorted(set(weights) - set(ENGAGEMENT_WEIGHTS))
        if unknown:
            raise NetgraphError(
                f"unknown engagement weight {unknown[0]!r}; expected some of "
                + ", ".join(ENGAGEMENT_WEIGHTS)
            )
        w.update(weights)
    iv = net.interviews
    facts = _referral_facts(net)
    done = iv[iv["status"].eq("completed")]
    people = sorted(set(iv["contact_id"]) | set(facts["referrer_id"]))
    out = pd.DataFrame(index=pd.Index(people, name="person_id", dtype=object))
    out["interviews_requested"] = iv.groupby("contact_id").size()
    out["interviews_given"] = done.groupby("contact_id").size()
    pairs = pd.concat(
        [
            done[["contact_id", "seeker_id"]].rename(columns={"contact_id": "person"}),
            facts[["referrer_id", "seeker_id"]].rename(columns={"referrer_id": "person"}),
        ],
        ignore_index=True,
    ).drop_duplicates()
    out["seekers_helped"] = pairs.groupby("person")["seeker_id"].nunique()
    out["referrals_given"] = facts.groupby("referrer_id").size()
    out["referrals_converted"] = facts.groupby("referrer_id")["converted"].sum()
    nodes = _cascade_nodes(net)
    out["downstream_reach"] = (nodes["subtree"] - 1).groupby(nodes["person"]).sum()
    out[_ENGAGEMENT_COUNTS] = out[_ENGAGEMENT_COUNTS].fillna(0).astype("int64")
    out["response_rate"] = _ratio(out["interviews_given"], out["interviews_requested"])
    acts = pd.concat(
        [
            done[["contact_id", "date"]].rename(columns={"contact_id": "person"}),
            facts[["referrer_id", "date"]].rename(columns={"referrer_id": "person"}),
        ],
        ignore_index=True,
    )
    g = acts.groupby("person")["date"]
    out["first_activity"] = pd.to_datetime(g.min().reindex(out.index))
    out["last_activity"] = pd.to_datetime(g.max().reindex(out.index))
    score = pd.Series(0.0, index=out.index)
    for col, weight in w.items():
        score += weight * out[col].astype(float)
    out["engagement_score"] = score
    return out, pairs, facts, nodes


# --------------------------------------------------------------- engagement
def engagement(
    net: ReferralNetwork,
    *,
    as_of: str | pd.Timestamp | None = None,
    identities: bool = False,
    k: int = 5,
    key: str | bytes | None = None,
    columns: Sequence[str] = (),
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Return how much each alum or other contact who was approached has engaged.

    One row per person approached (the contact of an interview, whatever its status,
    or the referrer of a referral). *Interviews requested* counts their interview
    rows, *interviews given* the completed ones; the *response rate* is given /
    requested. *Seekers helped* counts distinct seekers they gave a completed
    interview or a referral. A referral *converted* when it became an interview (see
    the module docstring); *downstream reach* counts the people below them in the
    seekers' referral cascades. *Activity* is a completed interview given or a
    referral made. The **engagement score** is
    ``1·interviews_given + 1·referrals_given + 2·referrals_converted
    + 0.5·downstream_reach`` (:data:`ENGAGEMENT_WEIGHTS`): an hour of conversation
    counts one, a name passed on one more, a name that turned into a conversation two
    more, and each person further down the cascade a half.

    Parameters
    ----------
    net
        The network.
    as_of
        Measure the network as it stood on this day.
    identities
        Show ``person_id``, name, organization, title, exact class year and major,
        and activity dates to the day. By default people are shown by pseudonym with
        only the allow-listed attributes -- role, industry and class year in
        five-year bands (:data:`netgraph.privacy.DEFAULT_COLUMNS`) plus ``columns``
        -- generalised and suppressed until every combination of them is shared by
        at least ``k`` of the people listed (:func:`netgraph.privacy.k_anonymize`),
        and first and last activity as months (``YYYY-MM``).
    k
        Smallest group any combination of shown attributes may describe (ignored
        with identities).
    key
        Pseudonym key (:func:`netgraph.privacy.pseudonym_key`); ``None`` uses this
        session's random key.
    columns
        More people columns to show (e.g. ``["major"]``); identifying columns are
        refused.
    weights
        Override some of :data:`ENGAGEMENT_WEIGHTS`.

    Returns
    -------
    pandas.DataFrame
        Sorted by score (highest first, then by identifier), with columns ``person``
        (pseudonym), ``role``, ``industry``, ``grad_year`` (a band such as
        ``"2020-2024"``), then ``columns``; with identities instead ``person_id``,
        ``name``, ``role``, ``organization``, ``title``, ``grad_year``, ``industry``,
        ``major``; then ``interviews_requested``, ``interviews_given``,
        ``response_rate``, ``seekers_helped``, ``referrals_given``,
        ``referrals_converted``, ``downstream_reach``, ``first_activity``,
        ``last_activity`` (``YYYY-MM`` text; with identities dates),
        ``engagement_score``. ``attrs``: ``opted_out`` (people left out), ``k``,
        ``pseudonymous``, ``audit`` (:class:`netgraph.privacy.Audit`).

    Raises
    ------
    NetgraphError
        If ``k`` is negative, a weight name is unknown, or a column is missing or
        identifying.

    References
    ----------
    M. S. Granovetter, *Getting a Job*, Harvard University Press, 1974 (jobs found
    through contacts, and through contacts of contacts).

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> table = ng.engagement(net, key="a long and secret key")
    >>> bool(table["person"].str.startswith("anon-").all())
    True
    >>> bool(table["engagement_score"].is_monotonic_decreasing)
    True
    """
    _check_k(k)
    rnet, n_out = _research_net(net, as_of)
    raw, *_ = _engagement_raw(rnet, weights)
    people = rnet.people
    metrics = [
        "interviews_requested",
        "interviews_given",
        "response_rate",
        "seekers_helped",
        "referrals_given",
        "referrals_converted",
        "downstream_reach",
        "first_activity",
        "last_activity",
        "engagement_score",
    ]
    frame = raw.reset_index()
    if identities:
        attrs = ["name", "role", "organization", "title", "grad_year", "industry", "major"]
        for col in attrs:
            frame[col] = frame["person_id"].map(people[col]) if col in people else pd.NA
        frame = frame.sort_values(["engagement_score", "person_id"], ascending=[False, True])
        return _finish(
            frame[["person_id", *attrs, *metrics]],
            opted_out=n_out,
            k=0,
            pseudonymous=False,
        )
    shown = [c for c in DEFAULT_COLUMNS if c in people.columns]
    shown += [c for c in _check_columns(people, columns, what="shown") if c not in shown]
    frame.insert(0, "person", _pseudonyms(frame["person_id"], key))
    for col in shown:
        frame[col] = _lookup(frame["person_id"], people[col])
    for col in ("first_activity", "last_activity"):  # months at most: days single people out
        frame[col] = frame[col].dt.strftime("%Y-%m").astype(object).where(frame[col].notna())
    frame = frame.sort_values(["engagement_score", "person"], ascending=[False, True])
    frame = k_anonymize(frame[["person", *shown, *metrics]], shown, k)
    audit = frame.attrs["audit"]
    return _finish(frame, opted_out=n_out, k=k, pseudonymous=True, audit=audit)


def _k_bins(values: pd.Series, k: int, people: pd.DataFrame | None = None):
    """Bins of whole numbers, merged from the low end until each holds >= k distinct people.

    ``people`` (aligned with ``values``) holds the person ids each value describes, one
    column per kind of person; without it each value is a different person. Returns
    the bins and, for each value, the number of its bin.
    """
    ints = values.astype("int64")
    who = (
        pd.DataFrame({"who": np.arange(len(ints))}, index=ints.index) if people is None else people
    )
    order = np.sort(ints.unique())
    bins: list[list[int]] = []  # [low, high, n]
    seen: list[set] = [set() for _ in who.columns]
    low, n, of_value = None, 0, {}
    for value in order:
        low = int(value) if low is None else low
        here = ints.to_numpy() == value
        n += int(here.sum())
        for s_, col in zip(seen, who.columns, strict=True):
            s_.update(who.loc[here, col].tolist())
        of_value[int(value)] = len(bins)
        if min(len(s_) for s_ in seen) >= max(k, 1):
            bins.append([low, int(value), n])
            low, n, seen = None, 0, [set() for _ in who.columns]
    if n:
        if bins:
            bins[-1][1], bins[-1][2] = int(order[-1]), bins[-1][2] + n
            for v in of_value:
                of_value[v] = min(of_value[v], len(bins) - 1)
        else:
            bins.append([low, int(order[-1]), n])
    rows = []
    for i, (lo, hi, c) in enumerate(bins):
        last = i == len(bins) - 1
        label = str(lo) if lo == hi else (f"{lo}+" if last else f"{lo}-{hi}")
        rows.append({"bin": label, "low": lo, "high": pd.NA if last and lo != hi else hi, "n": c})
    out = pd.DataFrame(rows, columns=["bin", "low", "high", "n"])
    bin_of = ints.map(of_value)
    return out.astype({"low": "int64", "high": "Int64", "n": "int64"}), bin_of


def _distribution_spec(
    name: str,
    values: pd.Series,
    k: int,
    count: str,
    measure: str,
    people: pd.DataFrame | None = None,
) -> TableSpec:
    """:func:`_k_bins` as a table spec: the count named ``count`` and its ``share``."""
    bins, bin_of = _k_bins(values, k, people)
    bins = bins.rename(columns={"n": count})
    bins["share"] = _ratio(bins[count], pd.Series(float(len(values)), index=bins.index))
    who = values.index.to_series() if people is None else people.iloc[:, 0]
    who2 = None if people is None or people.shape[1] < 2 else people.iloc[:, 1]
    units = units_frame(
        values.index.astype(str),
        bin_of.to_numpy(),
        who.to_numpy(),
        who2=None if who2 is None else who2.to_numpy(),
    )
    kinds = ("who",) if who2 is None else ("who", "who2")
    return TableSpec(name, bins, {count: Count(measure, units, kinds)}, derived={"share": [count]})


def _protect1(spec: TableSpec, k: int) -> pd.DataFrame:
    """Protect one table on its own (see :func:`netgraph.disclosure.protect`)."""
    (out,) = protect([spec], k)
    return out


def engagement_distribution(
    net: ReferralNetwork,
    *,
    metric: str = "engagement_score",
    as_of: str | pd.Timestamp | None = None,
    k: int = 5,
) -> pd.DataFrame:
    """Return the distribution of an engagement metric over the people approached.

    Values are rounded down to whole numbers and counted; neighbouring values are
    merged into one bin, from the low end, until every bin holds at least ``k``
    people (the last bin, open-ended, takes the rest), so no bin singles anyone out.

    Parameters
    ----------
    net
        The network.
    metric
        A column of :func:`engagement` (:data:`ENGAGEMENT_METRICS`).
    as_of
        Measure the network as it stood on this day.
    k
        Smallest number of people per bin (0: one bin per value).

    Returns
    -------
    pandas.DataFrame
        One row per bin: ``bin`` (label such as ``"3"``, ``"4-6"``, ``"7+"``),
        ``low``, ``high`` (missing for an open-ended last bin), ``n_people`` and
        ``share`` (of everyone approached). With fewer than ``k`` people in all the
        single bin's count is blanked. ``attrs``: ``metric``, ``opted_out``, ``k``.

    Raises
    ------
    NetgraphError
        If the metric is unknown or ``k`` is negative.

    Examples
    --------
    >>> import netgraph as ng
    >>> dist = ng.engagement_distribution(ng.load())
    >>> bool((dist["n_people"] >= 5).all())
    True
    """
    _check_k(k)
    if metric not in ENGAGEMENT_METRICS:
        raise NetgraphError(
            f"unknown metric {metric!r}; expected one of {', '.join(ENGAGEMENT_METRICS)}"
        )
    rnet, n_out = _research_net(net, as_of)
    bins = _protect1(_engagement_distribution_spec(rnet, metric, k), k)
    return _finish(bins, metric=metric, opted_out=n_out, k=k)


def _engagement_distribution_spec(rnet: ReferralNetwork, metric: str, k: int) -> TableSpec:
    raw, *_ = _engagement_raw(rnet)
    values = np.floor(raw[metric].dropna().astype(float))
    return _distribution_spec(f"engagement_distribution_{metric}", values, k, "n_people", "person")


def _group_rows(keys: pd.DataFrame, table: pd.DataFrame, on: list[str]) -> np.ndarray:
    """Row position in ``table`` of each row of ``keys`` (matched on ``on``; NA matches NA)."""

    def key(frame: pd.DataFrame) -> pd.Series:
        parts = [
            frame[c].map(lambda v: "\x00NA" if pd.isna(v) else f"{type(v).__name__}:{v}")
            for c in on
        ]
        out = parts[0].astype(str)
        for part in parts[1:]:
            out = out + "\x1f" + part.astype(str)
        return out

    position = pd.Series(np.arange(len(table)), index=key(table.reset_index(drop=True)).to_numpy())
    found = key(keys).map(position)
    return found.to_numpy(dtype=float)


def _cohort_spec(rnet: ReferralNetwork, labels: pd.Series, by: str) -> TableSpec:
    raw, pairs, facts, _ = _engagement_raw(rnet)
    work = raw.assign(_g=raw.index.map(labels))
    work["_engaged"] = (work["interviews_given"] + work["referrals_given"]) > 0
    g = work.groupby("_g", dropna=False, sort=False)
    out = pd.DataFrame(
        {
            "n_people": g.size(),
            "n_engaged": g["_engaged"].sum(),
            "interviews_requested": g["interviews_requested"].sum(),
            "interviews_given": g["interviews_given"].sum(),
            "seekers_helped": pairs.assign(_g=pairs["person"].map(labels))
            .groupby("_g", dropna=False)["seeker_id"]
            .nunique(),
            "referrals_given": g["referrals_given"].sum(),
            "referrals_converted": g["referrals_converted"].sum(),
            "downstream_reach": g["downstream_reach"].sum(),
            "mean_engagement_score": g["engagement_score"].mean(),
        }
    )
    counts = ["n_people", "n_engaged", *_ENGAGEMENT_COUNTS]
    out[counts] = out[counts].fillna(0).astype("int64")
    out["engaged_share"] = _ratio(out["n_engaged"], out["n_people"])
    out["response_rate"] = _ratio(out["interviews_given"], out["interviews_requested"])
    out["conversion_rate"] = _ratio(out["referrals_converted"], out["referrals_given"])
    out.index.name = by
    out = out.reset_index()
    out = out.sort_values(by, na_position="last", key=lambda s: s.map(_sort_key))
    cols = [
        by,
        "n_people",
        "n_engaged",
        "engaged_share",
        "interviews_requested",
        "interviews_given",
        "response_rate",
        "seekers_helped",
        "referrals_given",
        "referrals_converted",
        "conversion_rate",
        "downstream_reach",
        "mean_engagement_score",
    ]
    table = out[cols].reset_index(drop=True)

    def rows_of(person_ids: pd.Series) -> np.ndarray:
        return _group_rows(pd.DataFrame({by: person_ids.map(labels)}), table, [by])

    people = raw.index.to_series()
    engaged = people[work["_engaged"].to_numpy()]
    iv = rnet.interviews
    iv = iv[iv["contact_id"].isin(raw.index)]
    done = iv[iv["status"].eq("completed")]
    conv = facts[facts["converted"]]
    helped = pairs.assign(_g=pairs["person"].map(labels)).drop_duplicates(["_g", "seeker_id"])
    unit = lambda frame, ids, who, **kw: units_frame(ids, rows_of(frame), who, **kw)  # noqa: E731
    spec_counts = {
        "n_people": Count("person", unit(people, people, people)),
        "n_engaged": Count("person", unit(engaged, engaged, engaged)),
        "interviews_requested": Count(
            "interview", unit(iv["contact_id"], iv["interview_id"], iv["contact_id"])
        ),
        "interviews_given": Count(
            "interview", unit(done["contact_id"], done["interview_id"], done["contact_id"])
        ),
        "seekers_helped": Count(
            f"seekers helped by {by}",
            units_frame(
                helped["_g"].astype(str) + "\x1f" + helped["seeker_id"].astype(str),
                _group_rows(helped.rename(columns={"_g": by}), table, [by]),
                helped["seeker_id"],
            ),
        ),
        "referrals_given": Count(
            "referral", unit(facts["referrer_id"], facts["referral_id"], facts["referrer_id"])
        ),
        "referrals_converted": Count(
            "referral", unit(conv["referrer_id"], conv["referral_id"], conv["referrer_id"])
        ),
        "downstream_reach": Count(
            "downstream reach",
            unit(people, people, people, value=raw["downstream_reach"].to_numpy()),
        ),
    }
    derived = {
        "engaged_share": ["n_people", "n_engaged"],
        "response_rate": ["interviews_given", "interviews_requested"],
        "conversion_rate": ["referrals_converted", "referrals_given"],
        "mean_engagement_score": [
            "n_people",
            "interviews_given",
            "referrals_given",
            "referrals_converted",
            "downstream_reach",
        ],
        "seekers_helped": ["n_people"],
    }
    nested = [
        ("n_engaged", "n_people"),
        ("interviews_given", "interviews_requested"),
        ("referrals_converted", "referrals_given"),
    ]
    return TableSpec(f"cohorts_{by}", table, spec_counts, derived=derived, nested=nested)


def _sort_key(value: object) -> tuple:
    """Sort group labels: missing last, numbers by value, the rest as text."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return (2, 0, "")
    if isinstance(value, (int, float, np.integer, np.floating)):
        return (0, float(value), "")
    return (1, 0, str(value))


def cohorts(
    net: ReferralNetwork,
    by: str = "grad_year",
    *,
    band: int | None = None,
    as_of: str | pd.Timestamp | None = None,
    k: int = 5,
) -> pd.DataFrame:
    """Return engagement (see :func:`engagement`) summed over cohorts of the people approached.

    A cohort is the set of approached people sharing a value of a people column
    (``grad_year``, ``industry``, ``major``, ``role`` or any other); people with no
    value form one cohort with a missing label. *Engaged* people gave at least one
    interview or referral. Rates are pooled (total given / total requested, total
    converted / total referrals); *seekers helped* counts distinct seekers over the
    cohort. A cohort of fewer than ``k`` people is blanked entirely, and so is any
    count below ``k`` with the rates built from it.

    Parameters
    ----------
    net
        The network.
    by
        The people column to group by.
    band
        Group a numeric column into bands this wide (``band=5`` on ``grad_year``
        gives ``"2015-2019"``).
    as_of
        Measure the network as it stood on this day.
    k
        Smallest count shown (0: no suppression).

    Returns
    -------
    pandas.DataFrame
        One row per cohort: the ``by`` column, ``n_people``, ``n_engaged``,
        ``engaged_share``, ``interviews_requested``, ``interviews_given``,
        ``response_rate``, ``seekers_helped``, ``referrals_given``,
        ``referrals_converted``, ``conversion_rate``, ``downstream_reach``,
        ``mean_engagement_score``. ``attrs``: ``opted_out``, ``k``,
        ``suppressed_cells``.

    Raises
    ------
    NetgraphError
        If ``by`` is not a people column, ``band`` is used on text, or ``k < 0``.

    Examples
    --------
    >>> import netgraph as ng
    >>> table = ng.cohorts(ng.load(), by="industry")
    >>> list(table.columns[:3])
    ['industry', 'n_people', 'n_engaged']
    """
    _check_k(k)
    rnet, n_out = _research_net(net, as_of)
    labels = _key_labels(rnet, by, band=band, k=k)
    table = _protect1(_cohort_spec(rnet, labels, by), k)
    return _finish(table, opted_out=n_out, by=by)


def _key_labels(
    rnet: ReferralNetwork, column: str, *, band: int | None, k: int, what: str = "column"
) -> pd.Series:
    """Group labels of a people column, refusing columns that identify people."""
    check_grouping_key(rnet.people, column, k=k)
    return _labels(rnet.people, column, band=band, what=what)


def cohort_activity(
    net: ReferralNetwork,
    by: str = "grad_year",
    *,
    freq: str = "quarter",
    band: int | None = None,
    as_of: str | pd.Timestamp | None = None,
    k: int = 5,
) -> pd.DataFrame:
    """Return cohort engagement over time: who was active in each period, by cohort.

    An activity is a completed interview given or a referral made (dated by the
    interview or referral). For each period and cohort (a value of the people
    column ``by``; see :func:`cohorts`) the table counts the distinct people active,
    the interviews they gave and the referrals they made. Counts below ``k`` are
    blanked, and a row with fewer than ``k`` active people is blanked entirely.

    Parameters
    ----------
    net
        The network.
    by
        The people column defining cohorts.
    freq
        ``"year"``, ``"quarter"`` or ``"month"``.
    band
        Band width for a numeric ``by`` (see :func:`cohorts`).
    as_of
        Measure the network as it stood on this day.
    k
        Smallest count shown (0: no suppression).

    Returns
    -------
    pandas.DataFrame
        One row per (period, cohort) with activity: ``period`` (``"2025"``,
        ``"2025Q1"`` or ``"2025-01"``), the ``by`` column, ``active_people``,
        ``interviews_given``, ``referrals_given``; sorted by period then cohort.

    Raises
    ------
    NetgraphError
        If ``freq`` or ``by`` is unknown, or ``k < 0``.

    Examples
    --------
    >>> import netgraph as ng
    >>> table = ng.cohort_activity(ng.load(), by="role", freq="year")
    >>> list(table.columns)
    ['period', 'role', 'active_people', 'interviews_given', 'referrals_given']
    """
    _check_k(k)
    codes = {"year": "Y", "quarter": "Q", "month": "M"}
    if freq not in codes:
        raise NetgraphError(f"unknown freq {freq!r}; expected one of {', '.join(codes)}")
    rnet, n_out = _research_net(net, as_of)
    labels = _key_labels(rnet, by, band=band, k=k)
    out = _protect1(_activity_spec(rnet, labels, by, codes[freq]), k)
    return _finish(out, opted_out=n_out, by=by, freq=freq)


def _activity_spec(rnet: ReferralNetwork, labels: pd.Series, by: str, code: str) -> TableSpec:
    iv = rnet.interviews
    done = iv[iv["status"].eq("completed")]
    ref = rnet.referrals
    acts = pd.concat(
        [
            pd.DataFrame(
                {
                    "person": done["contact_id"],
                    "date": done["date"],
                    "iv": 1,
                    "rf": 0,
                    "id": done["interview_id"],
                }
            ),
            pd.DataFrame(
                {
                    "person": ref["referrer_id"],
                    "date": ref["date"],
                    "iv": 0,
                    "rf": 1,
                    "id": ref["referral_id"],
                }
            ),
        ],
        ignore_index=True,
    )
    acts["period"] = pd.to_datetime(acts["date"]).dt.to_period(code).astype(str)
    acts[by] = acts["person"].map(labels)
    g = acts.groupby(["period", by], dropna=False, sort=False)
    out = pd.DataFrame(
        {
            "active_people": g["person"].nunique(),
            "interviews_given": g["iv"].sum(),
            "referrals_given": g["rf"].sum(),
        }
    ).reset_index()
    out = out.astype(
        {"active_people": "int64", "interviews_given": "int64", "referrals_given": "int64"}
    )
    out = out.sort_values(["period", by], key=lambda s: s.map(_sort_key), na_position="last")
    out = out.reset_index(drop=True)
    acts["_row"] = _group_rows(acts, out, ["period", by])
    active = acts.drop_duplicates(["period", "person"])
    ivs, rfs = acts[acts["iv"].eq(1)], acts[acts["rf"].eq(1)]
    counts = {
        "active_people": Count(
            f"active people by {code}",
            units_frame(
                active["period"] + "\x1f" + active["person"].astype(str),
                active["_row"],
                active["person"],
            ),
        ),
        "interviews_given": Count("interview", units_frame(ivs["id"], ivs["_row"], ivs["person"])),
        "referrals_given": Count("referral", units_frame(rfs["id"], rfs["_row"], rfs["person"])),
    }
    return TableSpec(f"activity_{by}_{code}", out, counts)


# ------------------------------------------------------------------- funnel
_FUNNEL_COUNTS = ["requested", "completed", "with_referral", "referral_interviewed"]


def funnel(
    net: ReferralNetwork,
    by: str | None = None,
    *,
    side: str = "seeker",
    band: int | None = None,
    as_of: str | pd.Timestamp | None = None,
    k: int = 5,
) -> pd.DataFrame:
    """Return the interview funnel: requested → completed → a referral → a referral interviewed.

    Units are interviews. *Requested* counts every interview row (any status),
    *completed* those completed, *with referral* the completed interviews that
    yielded at least one referral (linked by ``interview_id``), and *referral
    interviewed* those at least one of whose referrals became an interview (see the
    module docstring). Referrals with no ``interview_id`` are not in the funnel.
    Shares: completed / requested, with referral / completed, referral interviewed /
    with referral, and overall (referral interviewed / requested). Counts below
    ``k`` are blanked with the shares built from them; a group with fewer than ``k``
    requests is blanked entirely.

    Parameters
    ----------
    net
        The network.
    by
        A people column to group by (``None``: one row, group ``"all"``).
    side
        Group by the seeker's value (``"seeker"``) or the contact's (``"contact"``).
    band
        Band width for a numeric ``by`` (see :func:`cohorts`).
    as_of
        Measure the network as it stood on this day.
    k
        Smallest count shown (0: no suppression).

    Returns
    -------
    pandas.DataFrame
        One row per group: the group column (``by``, or ``group``), ``requested``,
        ``completed``, ``with_referral``, ``referral_interviewed``,
        ``completed_share``, ``referral_share``, ``interviewed_share``,
        ``overall_share``.

    Raises
    ------
    NetgraphError
        If ``by`` is not a people column, ``side`` is unknown or ``k < 0``.

    Examples
    --------
    >>> import netgraph as ng
    >>> table = ng.funnel(ng.load())
    >>> int(table.loc[0, "requested"]) >= int(table.loc[0, "completed"])
    True
    """
    _check_k(k)
    if side not in ("seeker", "contact"):
        raise NetgraphError(f"unknown side {side!r}; expected 'seeker' or 'contact'")
    rnet, n_out = _research_net(net, as_of)
    out = _protect1(_funnel_spec(rnet, by, side, band, k), k)
    return _finish(out, opted_out=n_out, by=by, side=side)


def _funnel_spec(
    rnet: ReferralNetwork, by: str | None, side: str, band: int | None, k: int
) -> TableSpec:
    iv = rnet.interviews
    facts = _referral_facts(rnet)
    linked = facts.assign(_iid=facts["interview_id"].astype(str).str.strip())
    has_ref = set(linked.loc[linked["_iid"].ne(""), "_iid"])
    has_conv = set(linked.loc[linked["_iid"].ne("") & linked["converted"], "_iid"])
    done = iv["status"].eq("completed")
    work = pd.DataFrame(
        {
            "requested": 1,
            "completed": done.astype("int64"),
            "with_referral": (done & iv["interview_id"].isin(has_ref)).astype("int64"),
            "referral_interviewed": (done & iv["interview_id"].isin(has_conv)).astype("int64"),
        }
    )
    col = by or "group"
    if by is None:
        work[col] = "all"
    else:
        labels = _key_labels(rnet, by, band=band, k=k)
        work[col] = iv["seeker_id" if side == "seeker" else "contact_id"].map(labels).to_numpy()
    out = work.groupby(col, dropna=False, sort=False)[_FUNNEL_COUNTS].sum().reset_index()
    if by is None and out.empty:
        out = pd.DataFrame({col: ["all"], **{c: [0] for c in _FUNNEL_COUNTS}})
    out = out.astype(dict.fromkeys(_FUNNEL_COUNTS, "int64"))
    out = out.sort_values(col, key=lambda s: s.map(_sort_key)).reset_index(drop=True)
    out["completed_share"] = _ratio(out["completed"], out["requested"])
    out["referral_share"] = _ratio(out["with_referral"], out["completed"])
    out["interviewed_share"] = _ratio(out["referral_interviewed"], out["with_referral"])
    out["overall_share"] = _ratio(out["referral_interviewed"], out["requested"])
    derived = {
        "completed_share": ["completed", "requested"],
        "referral_share": ["with_referral", "completed"],
        "interviewed_share": ["referral_interviewed", "with_referral"],
        "overall_share": ["referral_interviewed", "requested"],
    }
    rows = _group_rows(work, out, [col])
    who = iv["seeker_id" if side == "seeker" else "contact_id"].to_numpy()
    counts = {}
    for c in _FUNNEL_COUNTS:
        sel = work[c].to_numpy() == 1
        counts[c] = Count(
            "interview", units_frame(iv["interview_id"].to_numpy()[sel], rows[sel], who[sel])
        )
    nested = [
        ("completed", "requested"),
        ("with_referral", "completed"),
        ("referral_interviewed", "with_referral"),
    ]
    return TableSpec(f"funnel_{col}_{side}", out, counts, derived=derived, nested=nested)


# ----------------------------------------------------------------- cascades
def _cascade_tables(rnet: ReferralNetwork) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-seeker and per-first-contact cascade rows, with real ids (fresh copies)."""
    per_seeker, per_first = _memo(rnet, "cascades", lambda: _make_cascade_tables(rnet))
    return per_seeker.copy(), per_first.copy()


def _make_cascade_tables(rnet: ReferralNetwork) -> tuple[pd.DataFrame, pd.DataFrame]:
    nodes = _cascade_nodes(rnet)
    facts = _referral_facts(rnet)
    iv = rnet.interviews
    done = iv[iv["status"].eq("completed")]
    root_of = nodes.set_index(["seeker", "person"])["first_contact"]

    def roots(seekers: pd.Series, persons: pd.Series) -> pd.Series:
        idx = pd.MultiIndex.from_arrays([seekers.astype(str), persons.astype(str)])
        return pd.Series(root_of.reindex(idx).to_numpy(), index=seekers.index, dtype=object)

    f_root = roots(facts["seeker_id"], facts["referrer_id"])
    f_root = f_root.where(
        facts["referrer_id"].ne(facts["seeker_id"]),
        roots(facts["seeker_id"], facts["referred_id"]),
    )
    facts = facts.assign(first_contact=f_root)
    done = done.assign(first_contact=roots(done["seeker_id"], done["contact_id"]))

    def summarize(keys_nodes: list[str], keys_facts: list[str], keys_iv: list[str]):
        gn = nodes.groupby(keys_nodes)
        gf = facts.groupby(keys_facts)
        out = pd.DataFrame({"size": gn.size(), "depth": gn["depth"].max()})
        out.index.names = ["seeker", "first_contact"][: len(keys_nodes)]
        for name, series in (
            ("interviews", done.groupby(keys_iv).size()),
            ("referrals", gf.size()),
            ("referrals_converted", gf["converted"].sum()),
            ("median_days_interview_to_referral", gf["days_interview_to_referral"].median()),
            ("median_days_referral_to_interview", gf["days_referral_to_interview"].median()),
        ):
            series.index.names = out.index.names
            out[name] = series
        return out

    per_seeker = summarize(["seeker"], ["seeker_id"], ["seeker_id"])
    per_seeker = per_seeker.reindex(pd.Index(rnet.seekers, name="seeker"))
    per_first = summarize(
        ["seeker", "first_contact"], ["seeker_id", "first_contact"], ["seeker_id", "first_contact"]
    ).reindex(pd.MultiIndex.from_frame(nodes.loc[nodes["depth"].eq(0), ["seeker", "person"]]))
    per_first.index.names = ["seeker", "first_contact"]
    for tab in (per_seeker, per_first):
        for c in ("size", "interviews", "referrals", "referrals_converted"):
            tab[c] = tab[c].fillna(0).astype("int64")
        tab["depth"] = tab["depth"].astype("Int64")
        tab["referrals_per_interview"] = _ratio(tab["referrals"], tab["interviews"])
    return per_seeker.reset_index(), per_first.reset_index()


_CASCADE_COLUMNS = [
    "size",
    "depth",
    "interviews",
    "referrals",
    "referrals_converted",
    "referrals_per_interview",
    "median_days_interview_to_referral",
    "median_days_referral_to_interview",
]


def cascades(
    net: ReferralNetwork,
    *,
    as_of: str | pd.Timestamp | None = None,
    identities: bool = False,
    key: str | bytes | None = None,
) -> pd.DataFrame:
    """Return each seeker's referral cascade and each first contact's share of it.

    The cascade is the tree of people reached for a seeker (module docstring): its
    *size* counts the people in it, its *depth* the most hand-offs (referrals) on a
    path from a first contact. A first contact's row describes their subtree: size
    counting themselves, depth below them. *Interviews* are the seeker's completed
    interviews with people in the (sub)tree; *referrals* the referrals made for the
    seeker by people in it; *referrals per interview* their ratio. The delays, in
    days, are medians over those referrals: from the interview that yielded a
    referral (its ``interview_id``, else the latest completed interview of the
    seeker with the referrer up to that day) to the referral, and from the referral
    to the first completed interview with the referred person.

    Parameters
    ----------
    net
        The network.
    as_of
        Measure the network as it stood on this day.
    identities
        Show ``person_id`` values (and names) instead of pseudonyms.
    key
        Pseudonym key (see :func:`netgraph.privacy.pseudonym`).

    Returns
    -------
    pandas.DataFrame
        Rows with ``level`` ``"seeker"`` (one per seeker, ``first_contact``
        missing; an empty cascade has size 0 and missing depth) then
        ``"first_contact"``; columns ``level``, ``seeker``, ``first_contact``
        (pseudonyms, or ids followed by ``seeker_name`` and ``first_contact_name``
        with identities), ``size``, ``depth``, ``interviews``, ``referrals``,
        ``referrals_converted``, ``referrals_per_interview``,
        ``median_days_interview_to_referral``,
        ``median_days_referral_to_interview``. ``attrs``: ``opted_out``,
        ``pseudonymous``.

    Examples
    --------
    >>> import netgraph as ng
    >>> table = ng.cascades(ng.load(), key="a long and secret key")
    >>> sorted(table["level"].unique())
    ['first_contact', 'seeker']
    """
    rnet, n_out = _research_net(net, as_of)
    per_seeker, per_first = _cascade_tables(rnet)
    per_seeker.insert(0, "level", "seeker")
    per_seeker.insert(2, "first_contact", pd.Series([pd.NA] * len(per_seeker), dtype=object))
    per_first.insert(0, "level", "first_contact")
    frame = pd.concat([per_seeker, per_first], ignore_index=True)
    frame = frame[["level", "seeker", "first_contact", *_CASCADE_COLUMNS]]
    frame = frame.astype(dict.fromkeys(("size", "interviews", "referrals"), "int64"))
    if identities:
        names = rnet.people["name"]
        frame.insert(3, "seeker_name", frame["seeker"].map(names))
        frame.insert(4, "first_contact_name", frame["first_contact"].map(names))
    else:
        frame["seeker"] = _pseudonyms(frame["seeker"], key)
        frame["first_contact"] = _pseudonyms(frame["first_contact"], key)
    order = frame["level"].eq("first_contact")
    frame = frame.assign(_o=order).sort_values(
        ["_o", "seeker", "size", "first_contact"], ascending=[True, True, False, True]
    )
    return _finish(frame.drop(columns="_o"), opted_out=n_out, pseudonymous=not identities)


def cascade_distribution(
    net: ReferralNetwork,
    *,
    of: str = "depth",
    level: str = "seeker",
    as_of: str | pd.Timestamp | None = None,
    k: int = 5,
) -> pd.DataFrame:
    """Return the distribution of cascade depth or size, in bins of at least ``k`` cascades.

    Empty cascades (seekers with no completed interview or referral) are left out.
    Neighbouring values are merged, from the low end, until every bin holds at least
    ``k`` cascades; the last bin is open-ended (``"4+"``).

    Parameters
    ----------
    net
        The network.
    of
        ``"depth"`` (hand-offs) or ``"size"`` (people).
    level
        ``"seeker"`` (whole cascades) or ``"first_contact"`` (subtrees).
    as_of
        Measure the network as it stood on this day.
    k
        Smallest number of cascades per bin (0: one bin per value).

    Returns
    -------
    pandas.DataFrame
        One row per bin: ``bin``, ``low``, ``high`` (missing when open-ended),
        ``n_cascades`` and ``share``.

    Raises
    ------
    NetgraphError
        If ``of`` or ``level`` is unknown or ``k < 0``.

    Examples
    --------
    >>> import netgraph as ng
    >>> dist = ng.cascade_distribution(ng.load())
    >>> int(dist["n_cascades"].sum()) > 0
    True
    """
    _check_k(k)
    if of not in ("depth", "size"):
        raise NetgraphError(f"unknown measure {of!r}; expected 'depth' or 'size'")
    if level not in ("seeker", "first_contact"):
        raise NetgraphError(f"unknown level {level!r}; expected 'seeker' or 'first_contact'")
    rnet, n_out = _research_net(net, as_of)
    bins = _protect1(_cascade_distribution_spec(rnet, of, level, k), k)
    return _finish(bins, of=of, level=level, opted_out=n_out, k=k)


def _cascade_distribution_spec(rnet: ReferralNetwork, of: str, level: str, k: int) -> TableSpec:
    per_seeker, per_first = _cascade_tables(rnet)
    tab = per_seeker if level == "seeker" else per_first
    tab = tab[tab["size"] > 0]
    if level == "seeker":
        values = pd.Series(tab[of].astype("int64").to_numpy(), index=tab["seeker"].to_numpy())
        return _distribution_spec(f"cascade_{of}", values, k, "n_cascades", "seeker")
    ids = (tab["seeker"].astype(str) + "\x1f" + tab["first_contact"].astype(str)).to_numpy()
    values = pd.Series(tab[of].astype("int64").to_numpy(), index=ids)
    people = pd.DataFrame(
        {"seeker": tab["seeker"].to_numpy(), "first": tab["first_contact"].to_numpy()}, index=ids
    )
    return _distribution_spec(f"cascade_{of}_first", values, k, "n_cascades", "subtree", people)


# ----------------------------------------------------------- seeker outcomes
def seeker_outcomes(
    net: ReferralNetwork,
    *,
    as_of: str | pd.Timestamp | None = None,
    identities: bool = False,
    key: str | bytes | None = None,
) -> pd.DataFrame:
    """Return what each seeker got out of their interviews.

    *Completion rate* is completed / requested interviews; *referrals received*
    counts referrals made for the seeker, *converted* those that became interviews,
    *referrals per interview* is referrals received / completed interviews and
    *conversion rate* converted / received; cascade size and depth as in
    :func:`cascades`.

    Parameters
    ----------
    net
        The network.
    as_of
        Measure the network as it stood on this day.
    identities
        Show ``person_id`` values instead of pseudonyms.
    key
        Pseudonym key (see :func:`netgraph.privacy.pseudonym`).

    Returns
    -------
    pandas.DataFrame
        One row per seeker (by id with identities, else by pseudonym):
        ``seeker``, then :data:`SEEKER_METRICS`
        (``interviews_requested``, ``interviews_completed``, ``completion_rate``,
        ``referrals_received``, ``referrals_converted``,
        ``referrals_per_interview``, ``conversion_rate``, ``cascade_size``,
        ``cascade_depth``).

    Examples
    --------
    >>> import netgraph as ng
    >>> table = ng.seeker_outcomes(ng.load(), identities=True)
    >>> "p001" in set(table["seeker"])
    True
    """
    rnet, n_out = _research_net(net, as_of)
    out = _seeker_raw(rnet).reset_index()
    if not identities:
        out["seeker"] = _pseudonyms(out["seeker"], key)
        out = out.sort_values("seeker")  # not in id order, which would leak the ids' order
    return _finish(out, opted_out=n_out, pseudonymous=not identities)


def _seeker_raw(rnet: ReferralNetwork) -> pd.DataFrame:
    iv = rnet.interviews
    facts = _referral_facts(rnet)
    per_seeker, _ = _cascade_tables(rnet)
    out = pd.DataFrame(index=pd.Index(rnet.seekers, name="seeker", dtype=object))
    out["interviews_requested"] = iv.groupby("seeker_id").size()
    out["interviews_completed"] = iv[iv["status"].eq("completed")].groupby("seeker_id").size()
    out["referrals_received"] = facts.groupby("seeker_id").size()
    out["referrals_converted"] = facts.groupby("seeker_id")["converted"].sum()
    counts = ["interviews_requested", "interviews_completed", "referrals_received"]
    counts.append("referrals_converted")
    out[counts] = out[counts].fillna(0).astype("int64")
    out["completion_rate"] = _ratio(out["interviews_completed"], out["interviews_requested"])
    out["referrals_per_interview"] = _ratio(out["referrals_received"], out["interviews_completed"])
    out["conversion_rate"] = _ratio(out["referrals_converted"], out["referrals_received"])
    cas = per_seeker.set_index("seeker")
    out["cascade_size"] = cas["size"].reindex(out.index).fillna(0).astype("int64")
    out["cascade_depth"] = cas["depth"].reindex(out.index).astype("Int64")
    return out[list(SEEKER_METRICS)]


# ------------------------------------------------------------------- mixing
@dataclass(frozen=True)
class Mixing:
    """Attribute mixing of a network (see :func:`mixing`).

    Attributes
    ----------
    attribute
        The people column.
    summary
        One row per graph: ``graph``, ``assortativity``, ``edges_used``,
        ``edges_excluded``, ``categories``.
    matrix
        The mixing matrix in long form: ``graph``, ``source_value``,
        ``target_value``, ``edges``, ``share``.
    """

    attribute: str
    summary: pd.DataFrame
    matrix: pd.DataFrame


def _edge_lists(rnet: ReferralNetwork) -> dict[str, tuple[pd.Series, pd.Series, bool, pd.Series]]:
    iv = rnet.interviews
    done = iv[iv["status"].eq("completed")]
    ref = rnet.referrals
    # The acquaintance graph has one edge per pair with evidence; the pairs come straight
    # from the evidence table (``rnet.edges`` would also aggregate strengths: slow at scale).
    edges = rnet.evidence[["u", "v"]].drop_duplicates()
    return {
        "acquaintance": (
            edges["u"],
            edges["v"],
            False,
            edges["u"].astype(str) + "\x1f" + edges["v"].astype(str),
        ),
        "interviews": (done["seeker_id"], done["contact_id"], True, done["interview_id"]),
        "referrals": (ref["referrer_id"], ref["referred_id"], True, ref["referral_id"]),
    }


def _assortativity(a: pd.Series, b: pd.Series) -> float:
    """Newman's r from paired category values (each pair one entry of the matrix)."""
    if len(a) == 0:
        return float("nan")
    m = pd.crosstab(a.astype(str).to_numpy(), b.astype(str).to_numpy())
    cats = sorted(set(m.index) | set(m.columns))
    e = m.reindex(index=cats, columns=cats, fill_value=0).to_numpy(dtype=float)
    e = e / e.sum()
    s = float((e.sum(axis=1) * e.sum(axis=0)).sum())
    if np.isclose(1.0 - s, 0.0):
        return float("nan")
    return float((np.trace(e) - s) / (1.0 - s))


def mixing(
    net: ReferralNetwork,
    attribute: str,
    *,
    graphs: Sequence[str] = _GRAPHS,
    band: int | None = None,
    as_of: str | pd.Timestamp | None = None,
    k: int = 5,
) -> Mixing:
    """Return how people connect across the values of an attribute: assortativity and mixing.

    For each graph, every edge gives a pair of attribute values (one per end):
    ``"acquaintance"`` uses the acquaintance graph (undirected: each edge counts
    both ways, as networkx does), ``"interviews"`` each completed interview seeker →
    contact, ``"referrals"`` each referral referrer → referred. **Missing values are
    excluded**: an edge with a person lacking the value at either end is left out
    (counted in ``edges_excluded``). Newman's attribute assortativity
    ``r = (Σ e_ii − Σ a_i b_i) / (1 − Σ a_i b_i)`` over the normalized mixing
    matrix ``e`` is 1 when people only connect within their group, 0 when they mix
    at random, negative when they prefer other groups; it equals
    ``networkx.attribute_assortativity_coefficient`` on the graph restricted to the
    people who have a value (NaN when only one value occurs). Ask, for instance,
    whether alumni help students of their own major (``"interviews"``,
    ``"major"``).

    Parameters
    ----------
    net
        The network.
    attribute
        A people column (``major``, ``industry``, ``grad_year``...).
    graphs
        Some of ``"acquaintance"``, ``"interviews"``, ``"referrals"``.
    band
        Band width for a numeric attribute (``band=5`` on ``grad_year``).
    as_of
        Measure the network as it stood on this day.
    k
        Matrix cells with fewer than ``k`` edges are blanked (0: none).

    Returns
    -------
    Mixing
        ``summary`` (``graph``, ``assortativity``, ``edges_used``,
        ``edges_excluded``, ``categories``) and ``matrix`` (``graph``,
        ``source_value``, ``target_value``, ``edges``, ``share``; acquaintance
        pairs unordered with the smaller value first, the others directed).

    Raises
    ------
    NetgraphError
        If the attribute is not a people column, a graph name is unknown, or
        ``k < 0``.

    References
    ----------
    M. E. J. Newman, "Mixing patterns in networks", *Physical Review E* 67, 026126,
    2003.

    Examples
    --------
    >>> import netgraph as ng
    >>> mx = ng.mixing(ng.load(), "industry")
    >>> list(mx.summary["graph"])
    ['acquaintance', 'interviews', 'referrals']
    """
    _check_k(k)
    unknown = [g for g in graphs if g not in _GRAPHS]
    if unknown:
        raise NetgraphError(f"unknown graph {unknown[0]!r}; expected some of {', '.join(_GRAPHS)}")
    rnet, n_out = _research_net(net, as_of)
    labels = _key_labels(rnet, attribute, band=band, k=k, what="attribute")
    summary_spec, matrix_spec = _mixing_specs(rnet, labels, attribute, graphs)
    summary, matrix = protect([summary_spec, matrix_spec], k)
    people_missing = int(labels.isna().sum())
    summary = _finish(summary, opted_out=n_out, attribute=attribute, people_missing=people_missing)
    matrix = _finish(matrix, opted_out=n_out, attribute=attribute, people_missing=people_missing)
    return Mixing(attribute=attribute, summary=summary, matrix=matrix)


def _mixing_specs(
    rnet: ReferralNetwork, labels: pd.Series, attribute: str, graphs: Sequence[str]
) -> tuple[TableSpec, TableSpec]:
    edge_lists = _edge_lists(rnet)
    summary_rows, parts, used_units, excluded_units = [], [], [], []
    for gi, graph in enumerate(graphs):
        src, dst, directed, ids = edge_lists[graph]
        a = src.map(labels).reset_index(drop=True)
        b = dst.map(labels).reset_index(drop=True)
        src, dst = src.reset_index(drop=True), dst.reset_index(drop=True)
        ids = ids.reset_index(drop=True)
        keep = a.notna() & b.notna()
        excluded_units.append(
            pd.DataFrame({"unit": ids[~keep], "row": gi, "who": src[~keep], "who2": dst[~keep]})
        )
        a, b, src, dst, ids = a[keep], b[keep], src[keep], dst[keep], ids[keep]
        if directed:
            r = _assortativity(a, b)
            pair = pd.DataFrame({"source_value": a, "target_value": b})
        else:
            r = _assortativity(pd.concat([a, b]), pd.concat([b, a]))
            swap = a.astype(str) > b.astype(str)
            pair = pd.DataFrame(
                {"source_value": a.where(~swap, b), "target_value": b.where(~swap, a)}
            )
            src, dst = src.where(~swap, dst), dst.where(~swap, src)
        pair = pair.assign(graph=graph, _id=ids, _src=src, _dst=dst)
        used_units.append(pd.DataFrame({"unit": ids, "row": gi, "who": src, "who2": dst}))
        summary_rows.append(
            {
                "graph": graph,
                "assortativity": r,
                "edges_used": int(keep.sum()),
                "edges_excluded": int((~keep).sum()),
                "categories": len(set(a) | set(b)),
            }
        )
        counts = pair.groupby(["source_value", "target_value"]).size().rename("edges")
        counts = counts.reset_index()
        counts.insert(0, "graph", graph)
        counts["share"] = _ratio(counts["edges"], pd.Series(float(keep.sum()), index=counts.index))
        parts.append((counts, pair))
    summary = pd.DataFrame(
        summary_rows,
        columns=["graph", "assortativity", "edges_used", "edges_excluded", "categories"],
    ).astype({"edges_used": "int64", "edges_excluded": "int64", "categories": "int64"})
    cols = ["graph", "source_value", "target_value", "edges", "share"]
    matrix = (
        pd.concat([c for c, _ in parts if len(c)], ignore_index=True)
        if any(len(c) for c, _ in parts)
        else pd.DataFrame(columns=cols)
    )
    matrix = matrix[cols].astype({"edges": "int64"}).reset_index(drop=True)
    measure = {
        "acquaintance": "acquaintance edge",
        "interviews": "interview",
        "referrals": "referral",
    }
    pairs = pd.concat([p_ for _, p_ in parts], ignore_index=True)
    pairs["_row"] = _group_rows(pairs, matrix, ["graph", "source_value", "target_value"])
    # each graph's edges are units of their own measure (an interview, a referral...)
    matrix_units = pd.DataFrame(
        {
            "unit": pairs["_id"],
            "row": pairs["_row"].astype("int64"),
            "who": pairs["_src"],
            "who2": pairs["_dst"],
            "measure": pairs["graph"].map(measure),
        }
    )

    def with_measure(frames: list[pd.DataFrame]) -> pd.DataFrame:
        out = pd.concat(frames, ignore_index=True)
        return out.assign(measure=out["row"].map(lambda r: measure[graphs[r]]))

    people = ("who", "who2")
    summary_spec = TableSpec(
        "mixing_summary",
        summary,
        {
            "edges_used": Count("edge", with_measure(used_units), people),
            "edges_excluded": Count("edge", with_measure(excluded_units), people),
        },
        derived={"assortativity": ["edges_used"], "categories": ["edges_used"]},
    )
    matrix_spec = TableSpec(
        f"mixing_{attribute}",
        matrix,
        {"edges": Count("edge", matrix_units, people)},
        derived={"share": ["edges"]},
    )
    return summary_spec, matrix_spec


# ----------------------------------------------------------- group compare
def _bootstrap_means(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    n = len(values)
    out = np.empty(n_boot)
    step = max(1, 2_000_000 // max(n, 1))
    for start in range(0, n_boot, step):
        stop = min(n_boot, start + step)
        idx = rng.integers(0, n, size=(stop - start, n))
        out[start:stop] = values[idx].mean(axis=1)
    return out


def compare_groups(
    net: ReferralNetwork,
    group_column: str,
    metric: str,
    *,
    n_boot: int = 2000,
    seed: int = 0,
    confidence: float = 0.95,
    as_of: str | pd.Timestamp | None = None,
    k: int = 5,
) -> pd.DataFrame:
    """Compare a metric between groups of people, with bootstrap confidence intervals.

    The unit is a seeker when ``metric`` is one of :data:`SEEKER_METRICS` (see
    :func:`seeker_outcomes`), otherwise an approached contact
    (:data:`ENGAGEMENT_METRICS`, see :func:`engagement`); a unit's group is its value
    in the people column ``group_column`` (for example ``international`` or
    ``first_generation``). Units with no group value, or no metric value (a rate
    with a zero denominator), are left out and counted in ``attrs``. For each group
    the table gives the mean, and the difference from the *reference group* (the
    largest; ties by label). Intervals are percentile bootstrap intervals: units are
    resampled with replacement within each group ``n_boot`` times, independently
    across groups, with a seeded generator, so results are reproducible. Groups of
    fewer than ``k`` units are blanked.

    Parameters
    ----------
    net
        The network.
    group_column
        People column defining the groups.
    metric
        The metric to compare.
    n_boot
        Bootstrap resamples.
    seed
        Seed of the generator.
    confidence
        Level of the intervals, in (0, 1).
    as_of
        Measure the network as it stood on this day.
    k
        Smallest group shown (0: no suppression).

    Returns
    -------
    pandas.DataFrame
        One row per group: the group column, ``n``, ``mean``, ``ci_low``,
        ``ci_high``, ``is_reference``, ``difference`` (mean minus the reference
        group's mean; 0 for the reference), ``difference_ci_low``,
        ``difference_ci_high``. ``attrs``: ``metric``, ``unit``, ``reference``,
        ``n_boot``, ``seed``, ``confidence``, ``missing_group``,
        ``missing_metric``, ``opted_out``, ``k``.

    Raises
    ------
    NetgraphError
        If the column or metric is unknown, or an option is out of range.

    References
    ----------
    B. Efron and R. J. Tibshirani, *An Introduction to the Bootstrap*, Chapman &
    Hall, 1993, ch. 13 (percentile intervals).

    Examples
    --------
    >>> import netgraph as ng
    >>> table = ng.compare_groups(ng.load(), "first_generation", "referrals_per_interview",
    ...                           n_boot=200)
    >>> list(table.columns[:3])
    ['first_generation', 'n', 'mean']
    """
    _check_k(k)
    if n_boot < 1:
        raise NetgraphError(f"n_boot must be 1 or more, got {n_boot}")
    if not 0 < confidence < 1:
        raise NetgraphError(f"confidence must be between 0 and 1, got {confidence}")
    if metric in SEEKER_METRICS:
        unit = "seeker"
    elif metric in ENGAGEMENT_METRICS:
        unit = "contact"
    else:
        raise NetgraphError(
            f"unknown metric {metric!r}; expected a seeker metric ("
            + ", ".join(SEEKER_METRICS)
            + ") or a contact metric ("
            + ", ".join(ENGAGEMENT_METRICS)
            + ")"
        )
    rnet, n_out = _research_net(net, as_of)
    spec, info = _compare_spec(rnet, group_column, metric, unit, n_boot, seed, confidence, k)
    out = _protect1(spec, k)
    return _finish(
        out,
        metric=metric,
        unit=unit,
        n_boot=n_boot,
        seed=seed,
        confidence=confidence,
        **info,
        opted_out=n_out,
    )


def _compare_spec(
    rnet: ReferralNetwork,
    group_column: str,
    metric: str,
    unit: str,
    n_boot: int,
    seed: int,
    confidence: float,
    k: int,
) -> tuple[TableSpec, dict]:
    labels = _key_labels(rnet, group_column, band=None, k=k)
    raw = _seeker_raw(rnet) if unit == "seeker" else _engagement_raw(rnet)[0]
    values = raw[metric].astype(float)
    groups = pd.Series(raw.index.map(labels), index=raw.index)
    missing_group = int(groups.isna().sum())
    missing_metric = int((groups.notna() & values.isna()).sum())
    keep = groups.notna() & values.notna()
    values, groups = values[keep], groups[keep]

    rng = np.random.default_rng(seed)
    alpha = (1 - confidence) / 2
    labels_sorted = sorted(pd.unique(groups), key=_sort_key)
    data = {g: values[groups == g].to_numpy() for g in labels_sorted}
    boots = {g: _bootstrap_means(v, n_boot, rng) for g, v in data.items()}
    reference = (
        max(labels_sorted, key=lambda g: (len(data[g]), -labels_sorted.index(g)))
        if labels_sorted
        else None
    )
    rows = []
    for g in labels_sorted:
        lo, hi = np.quantile(boots[g], [alpha, 1 - alpha])
        row = {
            group_column: g,
            "n": len(data[g]),
            "mean": float(data[g].mean()),
            "ci_low": float(lo),
            "ci_high": float(hi),
            "is_reference": g == reference,
        }
        if g == reference:
            row.update(difference=0.0, difference_ci_low=np.nan, difference_ci_high=np.nan)
        else:
            diff = boots[g] - boots[reference]
            dlo, dhi = np.quantile(diff, [alpha, 1 - alpha])
            row.update(
                difference=float(data[g].mean() - data[reference].mean()),
                difference_ci_low=float(dlo),
                difference_ci_high=float(dhi),
            )
        rows.append(row)
    cols = [
        group_column,
        "n",
        "mean",
        "ci_low",
        "ci_high",
        "is_reference",
        "difference",
        "difference_ci_low",
        "difference_ci_high",
    ]
    out = pd.DataFrame(rows, columns=cols).astype({"n": "int64"})
    spec = TableSpec(
        f"compare_{group_column}_{metric}",
        out,
        {
            "n": Count(
                "seeker" if unit == "seeker" else "person",
                units_frame(
                    groups.index.astype(str),
                    [labels_sorted.index(g) for g in groups],
                    groups.index.astype(str),
                ),
            )
        },
        derived={c: ["n"] for c in cols[2:] if c != "is_reference"},
        depends_on_row=(
            {}
            if reference is None
            else {
                c: (labels_sorted.index(reference), "n")
                for c in ("difference", "difference_ci_low", "difference_ci_high")
            }
        ),
    )
    info = {
        "reference": reference,
        "missing_group": missing_group,
        "missing_metric": missing_metric,
    }
    return spec, info
