"""The :class:`ReferralNetwork`: validated tables and the two graphs built from them.

**Acquaintance graph** (``networkx.Graph``): an edge wherever two people know each
other. Each piece of *evidence* gives a weight in (0, 1]:

* a tie (``ties.csv``): its ``strength`` column when given, else by kind:
  family 0.9, friend 0.8, mentor 0.8, professor 0.6, coworker 0.6, classmate 0.5,
  any other kind 0.5. Ties do not fade.
* a completed informational interview (seeker–contact): 0.5 × recency.
* a referral (referrer–referred: whoever names someone knows them): 0.4 × recency.

``recency = 0.5 + 0.5 · 2^(−age / 365 days)``, with the age measured back from the
network's reference date (its ``as_of`` date, or else the latest event in the data),
so a conversation today counts fully and one long ago counts half. The evidence on
an edge combines like independent chances (noisy-OR):
``strength = 1 − ∏(1 − weight)``, so more contact makes a tie stronger, never
weaker, and strength stays in (0, 1]. Each edge carries ``strength``, ``cost``
(``−ln strength``, so the warmest path, the one with the largest product of
strengths, is the shortest path by ``cost``), ``evidence`` (a tuple of dicts with
source, kind, id, date, weight), ``kinds``, ``n_interviews`` and ``last_contact``.

**Referral graph** (``networkx.MultiDiGraph``): who led to whom. One edge
seeker → contact per interview (key ``interview_id``, ``kind="interview"``) and one
edge referrer → referred per referral (key ``referral_id``, ``kind="referral"``),
each with its date and status.

Both graphs are frozen (``networkx.freeze``): a network is an immutable value.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import numpy as np
import pandas as pd

from netgraph.errors import UnknownPerson

__all__ = [
    "DEFAULT_TIE_STRENGTH",
    "INTERVIEW_WEIGHT",
    "KIND_STRENGTH",
    "RECENCY_HALF_LIFE_DAYS",
    "REFERRAL_WEIGHT",
    "ReferralNetwork",
    "recency",
]

KIND_STRENGTH: dict[str, float] = {
    "family": 0.9,
    "friend": 0.8,
    "mentor": 0.8,
    "professor": 0.6,
    "coworker": 0.6,
    "classmate": 0.5,
}
DEFAULT_TIE_STRENGTH = 0.5
INTERVIEW_WEIGHT = 0.5
REFERRAL_WEIGHT = 0.4
RECENCY_HALF_LIFE_DAYS = 365.0


def recency(age_days: np.ndarray | float) -> np.ndarray:
    """Return the recency factor ``0.5 + 0.5 * 2 ** (-age / 365)`` for ages in days.

    Negative ages (events after the reference date) count as age 0.

    Examples
    --------
    >>> float(recency(0)), float(recency(365))
    (1.0, 0.75)
    """
    age = np.clip(np.asarray(age_days, dtype=float), 0.0, None)
    return 0.5 + 0.5 * np.exp2(-age / RECENCY_HALF_LIFE_DAYS)


def _fold(text: str) -> str:
    """Case- and accent-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


@dataclass(frozen=True, eq=False, repr=False)
class ReferralNetwork:
    """Validated referral-network tables and the two graphs built from them.

    Build one with :func:`netgraph.load` (or :meth:`from_tables`); treat the tables
    as read-only. The graphs are built on first use and frozen.

    Attributes
    ----------
    people
        One row per person, indexed by ``person_id``.
    ties, interviews, referrals
        The other tables, typed as :func:`netgraph.load.read_tables` describes.
    source
        Where the data came from (a folder path), or ``None``.
    as_of_date
        The day this network stands at, or ``None`` for all the data.
    """

    people: pd.DataFrame
    ties: pd.DataFrame
    interviews: pd.DataFrame
    referrals: pd.DataFrame
    source: str | None = None
    as_of_date: pd.Timestamp | None = None
    _name_index: dict[str, list[str]] = field(default_factory=dict, compare=False)

    @classmethod
    def from_tables(
        cls,
        tables: dict[str, pd.DataFrame],
        *,
        source: str | None = None,
        as_of_date: pd.Timestamp | None = None,
    ) -> ReferralNetwork:
        """Build a network from validated tables (see :func:`netgraph.load.read_tables`)."""
        people = tables["people"].set_index("person_id", drop=True)
        names: dict[str, list[str]] = {}
        for pid, name in zip(people.index, people["name"], strict=True):
            names.setdefault(_fold(name), []).append(pid)
        return cls(
            people=people,
            ties=tables["ties"],
            interviews=tables["interviews"],
            referrals=tables["referrals"],
            source=source,
            as_of_date=as_of_date,
            _name_index=names,
        )

    def __repr__(self) -> str:
        """Summarize the network by its counts."""
        when = "" if self.as_of_date is None else f", as of {self.as_of_date:%Y-%m-%d}"
        return (
            f"<ReferralNetwork {len(self.people)} people, {len(self.ties)} ties, "
            f"{len(self.interviews)} interviews, {len(self.referrals)} referrals{when}>"
        )

    # ------------------------------------------------------------------ dates
    @cached_property
    def reference_date(self) -> pd.Timestamp:
        """The network's "today": its ``as_of`` date, else the latest event in the data.

        Events are interview, thank-you, referral and tie dates (not follow-ups,
        which are plans). With no dates at all, today's date.
        """
        if self.as_of_date is not None:
            return self.as_of_date
        dates = [
            self.interviews["date"].max(),
            self.interviews["thank_you_sent"].max(),
            self.referrals["date"].max(),
            self.ties["since"].max(),
        ]
        dates = [d for d in dates if pd.notna(d)]
        return max(dates) if dates else pd.Timestamp.today().normalize()

    def as_of(self, date: str | pd.Timestamp) -> ReferralNetwork:
        """Return the network as it stood at the end of ``date``.

        Interviews, referrals and ties dated after ``date`` are left out, thank-yous
        sent later are blank, and a referral marked ``interviewed`` whose interview
        came later is ``named`` again (only the naming is known to have happened).
        People stay: the people table carries no dates.

        Parameters
        ----------
        date
            A day (``"2025-03-01"`` or a timestamp).

        Returns
        -------
        ReferralNetwork
            A new network; this one is unchanged.
        """
        day = pd.Timestamp(date).normalize()
        iv = self.interviews[self.interviews["date"] <= day].copy()
        iv.loc[iv["thank_you_sent"] > day, "thank_you_sent"] = pd.NaT
        ref = self.referrals[self.referrals["date"] <= day].copy()
        met = set(zip(iv["seeker_id"], iv["contact_id"], strict=True))
        pairs = zip(ref["seeker_id"], ref["referred_id"], strict=True)
        undone = ref["status"].eq("interviewed").to_numpy() & np.array(
            [p not in met for p in pairs], dtype=bool
        )
        ref.loc[undone, "status"] = "named"
        ties = self.ties[self.ties["since"].isna() | (self.ties["since"] <= day)]
        tables = {
            "people": self.people.reset_index(),
            "ties": ties.reset_index(drop=True),
            "interviews": iv.reset_index(drop=True),
            "referrals": ref.reset_index(drop=True),
        }
        return ReferralNetwork.from_tables(tables, source=self.source, as_of_date=day)

    # ----------------------------------------------------------------- people
    def resolve(self, query: str) -> str:
        """Return the ``person_id`` of a person given by id or by unambiguous name.

        Ids match exactly (then case-insensitively); names match ignoring case,
        accents and extra spaces.

        Raises
        ------
        UnknownPerson
            When nobody matches (with close matches) or the name is ambiguous.

        Examples
        --------
        >>> import netgraph as ng
        >>> net = ng.load()
        >>> net.resolve("p001")
        'p001'
        """
        q = str(query).strip()
        if q in self.people.index:
            return q
        by_case = [p for p in self.people.index if p.casefold() == q.casefold()]
        if len(by_case) == 1:
            return by_case[0]
        hits = self._name_index.get(_fold(q), [])
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise UnknownPerson(q, [self.describe(p) for p in hits], ambiguous=True)
        close = difflib.get_close_matches(_fold(q), list(self._name_index), n=5, cutoff=0.6)
        matches = [self.describe(p) for name in close for p in self._name_index[name]]
        if not matches:
            ids = difflib.get_close_matches(q, list(self.people.index), n=3, cutoff=0.6)
            matches = [self.describe(p) for p in ids]
        raise UnknownPerson(q, matches[:5])

    def describe(self, person_id: str) -> str:
        """Return ``"p004 (Dana Ortiz)"`` for a person id."""
        return f"{person_id} ({self.people.at[person_id, 'name']})"

    def name(self, person_id: str) -> str:
        """Return a person's name."""
        return str(self.people.at[person_id, "name"])

    @cached_property
    def seekers(self) -> list[str]:
        """Ids of people who have held or requested at least one interview, sorted."""
        return sorted(set(self.interviews["seeker_id"]) | set(self.referrals["seeker_id"]))

    # ----------------------------------------------------------------- graphs
    @cached_property
    def evidence(self) -> pd.DataFrame:
        """One row per piece of acquaintance evidence (see the module docstring).

        Columns: ``u``, ``v`` (the pair, ``u < v``), ``source`` (tie, interview,
        referral), ``kind``, ``id``, ``date``, ``weight``.
        """
        ref_day = self.reference_date
        ties = self.ties
        kind = ties["kind"].astype(str).str.strip().str.lower()
        tie_w = ties["strength"].fillna(kind.map(KIND_STRENGTH).fillna(DEFAULT_TIE_STRENGTH))
        parts = [
            pd.DataFrame(
                {
                    "a": ties["person_a"],
                    "b": ties["person_b"],
                    "source": "tie",
                    "kind": kind.where(kind.ne(""), "tie"),
                    "id": "",
                    "date": ties["since"],
                    "weight": tie_w.astype(float),
                }
            )
        ]
        iv = self.interviews[self.interviews["status"].eq("completed")]
        age = (ref_day - iv["date"]).dt.days.to_numpy(dtype=float)
        parts.append(
            pd.DataFrame(
                {
                    "a": iv["seeker_id"],
                    "b": iv["contact_id"],
                    "source": "interview",
                    "kind": "interview",
                    "id": iv["interview_id"],
                    "date": iv["date"],
                    "weight": INTERVIEW_WEIGHT * recency(age),
                }
            )
        )
        ref = self.referrals
        age = (ref_day - ref["date"]).dt.days.to_numpy(dtype=float)
        parts.append(
            pd.DataFrame(
                {
                    "a": ref["referrer_id"],
                    "b": ref["referred_id"],
                    "source": "referral",
                    "kind": "referral",
                    "id": ref["referral_id"],
                    "date": ref["date"],
                    "weight": REFERRAL_WEIGHT * recency(age),
                }
            )
        )
        ev = (
            pd.concat([p for p in parts if len(p)], ignore_index=True)
            if any(len(p) for p in parts)
            else parts[0]
        )
        a, b = ev["a"].astype(str), ev["b"].astype(str)
        ev.insert(0, "u", np.where(a < b, a, b))
        ev.insert(1, "v", np.where(a < b, b, a))
        return ev.drop(columns=["a", "b"]).reset_index(drop=True)

    @cached_property
    def edges(self) -> pd.DataFrame:
        """One row per acquaintance edge: ``u``, ``v``, ``strength``, ``cost``,
        ``n_evidence``, ``n_interviews``, ``last_contact``, ``kinds``.
        """  # noqa: D205
        ev = self.evidence
        if ev.empty:
            cols = ["u", "v", "strength", "cost", "n_evidence", "n_interviews", "last_contact"]
            return pd.DataFrame(columns=[*cols, "kinds"])
        with np.errstate(divide="ignore"):
            log_miss = np.log1p(-ev["weight"].clip(upper=1.0).to_numpy())
        work = ev.assign(
            log_miss=log_miss,
            is_iv=ev["source"].eq("interview"),
        )
        g = work.groupby(["u", "v"], sort=True)
        out = g.agg(
            log_miss=("log_miss", "sum"),
            n_evidence=("weight", "size"),
            n_interviews=("is_iv", "sum"),
            last_contact=("date", "max"),
        ).reset_index()
        out["strength"] = 1.0 - np.exp(out["log_miss"])
        out["cost"] = -np.log(out["strength"])
        out["kinds"] = g["kind"].agg(lambda s: ";".join(sorted(set(s)))).to_numpy()
        return out[
            ["u", "v", "strength", "cost", "n_evidence", "n_interviews", "last_contact", "kinds"]
        ]

    def _node_attrs(self) -> list[tuple[str, dict]]:
        cols = list(self.people.columns)
        return [
            (pid, dict(zip(cols, row, strict=True)))
            for pid, row in zip(
                self.people.index, self.people.itertuples(index=False, name=None), strict=True
            )
        ]

    @cached_property
    def acquaintance(self) -> nx.Graph:
        """The acquaintance graph (frozen ``networkx.Graph``; see the module docstring).

        Every person is a node with the people table's columns as attributes.
        """
        g = nx.Graph()
        g.add_nodes_from(self._node_attrs())
        evidence: dict[tuple[str, str], list[dict]] = {}
        ev = self.evidence
        for u, v, src, kind, eid, date, w in zip(
            ev["u"],
            ev["v"],
            ev["source"],
            ev["kind"],
            ev["id"],
            ev["date"],
            ev["weight"],
            strict=True,
        ):
            evidence.setdefault((u, v), []).append(
                {"source": src, "kind": kind, "id": eid, "date": date, "weight": float(w)}
            )
        e = self.edges
        for u, v, s, c, n_iv, last, kinds in zip(
            e["u"],
            e["v"],
            e["strength"],
            e["cost"],
            e["n_interviews"],
            e["last_contact"],
            e["kinds"],
            strict=True,
        ):
            g.add_edge(
                u,
                v,
                strength=float(s),
                cost=float(c),
                n_interviews=int(n_iv),
                last_contact=last,
                kinds=kinds,
                evidence=tuple(evidence[(u, v)]),
            )
        return nx.freeze(g)

    @cached_property
    def referral_graph(self) -> nx.MultiDiGraph:
        """The referral graph (frozen ``networkx.MultiDiGraph``; see the module docstring)."""
        g = nx.MultiDiGraph()
        g.add_nodes_from(self._node_attrs())
        iv = self.interviews
        for iid, s, c, d, st in zip(
            iv["interview_id"],
            iv["seeker_id"],
            iv["contact_id"],
            iv["date"],
            iv["status"],
            strict=True,
        ):
            g.add_edge(s, c, key=iid, kind="interview", date=d, status=st, seeker=s)
        ref = self.referrals
        for rid, r, s, t, d, st, iid in zip(
            ref["referral_id"],
            ref["referrer_id"],
            ref["seeker_id"],
            ref["referred_id"],
            ref["date"],
            ref["status"],
            ref["interview_id"],
            strict=True,
        ):
            g.add_edge(
                r, t, key=rid, kind="referral", date=d, status=st, seeker=s, interview_id=iid
            )
        return nx.freeze(g)
