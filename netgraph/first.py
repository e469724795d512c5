"""First conversations: whom you already know to talk with first.

Career-center guides start with the networks a student already has (family, friends,
classmates, coworkers, professors). A student who has just imported their contacts has
many direct contacts and no interviews yet, so there is nobody to be introduced
through: the first step is to talk with the people they know. :func:`first_conversations`
ranks those contacts (anyone the seeker is tied to or has met, with no interview yet)
by three things, each explained in words:

fit
    How well they match the seeker's goals (industry, organization, role, tag, title,
    location, major, seniority); with no goals, the seeker's own interests (tags) and
    the industries the seeker has asked about.
seniority
    What their level lets them tell you: mid-level people know how hiring works now
    (1.0), entry-level and senior people nearly as much (0.8), executives see the
    industry (0.6), students least (0.3); unknown 0.5.
opens
    What they would open up: the people they know whom the seeker does not
    (normalized by the largest such count among the contacts), and which industries
    and organizations come with them.

The score is ``fit + 0.5 * seniority + opens + 0.5 * warmth`` (warmth: the tie's
strength in (0, 1], an easier ask).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from netgraph.network import ReferralNetwork, _fold

__all__ = ["FIRST_COLUMNS", "first_conversations"]

FIRST_COLUMNS = [
    "rank",
    "person_id",
    "name",
    "role",
    "title",
    "organization",
    "industry",
    "seniority",
    "score",
    "fit",
    "level",
    "opens",
    "warmth",
    "new_people",
    "new_industries",
    "reasons",
]

_LEVEL = {"mid": 1.0, "entry": 0.8, "senior": 0.8, "executive": 0.6, "student": 0.3}
_LEVEL_WHY = {
    "mid": "mid-level: knows how hiring works on a team now",
    "entry": "early in their career: remembers how they got in",
    "senior": "senior: sees how the field is changing and who hires",
    "executive": "an executive: sees the whole industry",
}


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def first_conversations(
    net: ReferralNetwork,
    seeker: str,
    *,
    goals: Mapping[str, str | Iterable[str]] | None = None,
    top: int | None = 10,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Rank the seeker's direct contacts not interviewed yet, as first conversations.

    See the module docstring for the three parts of the score.

    Parameters
    ----------
    net
        The network.
    seeker
        By id or unambiguous (partial) name.
    goals
        As in :func:`netgraph.suggest` (checked against the data).
    top
        How many rows (``None``: all).
    as_of
        Rank on the network as it stood that day.

    Returns
    -------
    pandas.DataFrame
        One row per contact, best first, with columns ``rank``, ``person_id``,
        ``name``, ``role``, ``title``, ``organization``, ``industry``, ``seniority``,
        ``score``, ``fit``, ``level``, ``opens`` and ``warmth`` (the parts, each in
        [0, 1]), ``new_people`` (people they know whom the seeker does not),
        ``new_industries`` (their industries, as a tuple) and ``reasons`` (plain
        words, joined by "; ").

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.
    UnknownTarget
        If a goal value matches nobody.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> first = first_conversations(net, "p001", top=3)
    >>> len(first), bool(first["score"].is_monotonic_decreasing)
    (3, True)
    """
    from netgraph.people import _GOAL_COLUMNS, _matches, _plain, check_goals

    goal_map = check_goals(net, goals) if goals else {}
    if as_of is not None:
        net = net.as_of(as_of)
    s = net.resolve(seeker)
    csr = net.csr  # the seeker's neighbourhood only: no network-wide graph is built
    people = net.people
    iv = net.interviews
    talked = set(iv.loc[iv["seeker_id"].eq(s), "contact_id"])

    def known_by(pid: str) -> set[str]:
        i = csr.index.get(pid)
        return set() if i is None else set(csr.ids[csr.neighbors(i)].tolist())

    mine = known_by(s)
    contacts = sorted(mine - talked - {s})
    my_tags = {_plain(t) for t in _tags(people.at[s, "tags"] if "tags" in people else ())}
    asked = {
        _plain(_text(people.at[c, "industry"]))
        for c in talked
        if "industry" in people.columns and _text(people.at[c, "industry"])
    }
    known = mine | {s}
    new = {c: known_by(c) - known for c in contacts}
    most = max((len(v) for v in new.values()), default=0)
    rows = []
    for c in contacts:
        p = people.loc[c]
        reasons: list[str] = []
        if goal_map:
            hits = []
            for key, values in goal_map.items():
                col = _GOAL_COLUMNS[key]
                cell = p.get(col) if col in people.columns else None
                texts = _tags(cell) if col == "tags" else [_text(cell)]
                for v in values:
                    if any(_matches(_plain(v), t) for t in texts if t):
                        hits.append(f"{v} ({key})")
            fit = len(hits) / sum(len(v) for v in goal_map.values())
            if hits:
                reasons.append("Fits your goals: " + ", ".join(hits))
        else:
            shared = [t for t in _tags(p.get("tags")) if _plain(t) in my_tags]
            ind = _text(p.get("industry"))
            in_asked = bool(ind) and _plain(ind) in asked
            fit = min(1.0, 0.5 * len(shared) + (0.5 if in_asked else 0.0))
            if shared:
                reasons.append("Shares your interests: " + ", ".join(shared))
            if in_asked:
                reasons.append(f"Works in {ind}, where you have been asking")
        level_name = _text(p.get("seniority")).casefold()
        level = _LEVEL.get(level_name, 0.5)
        if level_name in _LEVEL_WHY:
            reasons.append(_LEVEL_WHY[level_name].capitalize())
        n_new = len(new[c])
        opens = math.log1p(n_new) / math.log1p(most) if most else 0.0
        inds = sorted(
            {
                _text(people.at[x, "industry"])
                for x in new[c]
                if "industry" in people.columns and _text(people.at[x, "industry"])
            },
            key=_fold,
        )
        if n_new:
            where = f", in {', '.join(inds[:3])}" + (" and more" if len(inds) > 3 else "")
            reasons.append(
                f"Knows {n_new} {'person' if n_new == 1 else 'people'} you do not"
                + (where if inds else "")
            )
        warmth, kinds = _edge(net, s, c)
        if warmth >= 0.75:
            reasons.append("A close tie" + (f" ({kinds.replace(';', ', ')})" if kinds else ""))
        score = fit + 0.5 * level + opens + 0.5 * warmth
        rows.append(
            {
                "person_id": c,
                "name": _text(p.get("name")),
                "role": _text(p.get("role")),
                "title": _text(p.get("title")),
                "organization": _text(p.get("organization")),
                "industry": _text(p.get("industry")),
                "seniority": level_name,
                "score": round(score, 6),
                "fit": fit,
                "level": level,
                "opens": opens,
                "warmth": warmth,
                "new_people": n_new,
                "new_industries": tuple(inds),
                "reasons": "; ".join(reasons) or "Someone you know: ask about their work",
            }
        )
    frame = pd.DataFrame(rows, columns=[c for c in FIRST_COLUMNS if c != "rank"])
    frame = frame.sort_values(["score", "person_id"], ascending=[False, True])
    if top is not None:
        frame = frame.head(top)
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame.reset_index(drop=True).astype({"new_people": "int64", "rank": "int64"})


def _edge(net: ReferralNetwork, a: str, b: str) -> tuple[float, str]:
    """Return the strength and kinds (``"friend;interview"``) of the acquaintance edge a-b."""
    from netgraph.suggest import _evidence_index

    csr = net.csr
    i, j = csr.index[a], csr.index[b]
    k = int(csr.indptr[i]) + int(np.searchsorted(csr.neighbors(i), j))  # rows ascend
    # the edge's kinds from its evidence rows (as ReferralNetwork.edges joins them:
    # sorted, distinct), not from the network-wide column of every edge's kinds
    index, codes = _evidence_index(net), net._evidence_codes
    key = min(i, j) * index.n + max(i, j)
    lo, hi = np.searchsorted(index.keys, [key, key + 1])
    kinds = sorted(set(codes["kinds"][codes["kind"][index.order[lo:hi]]].tolist()))
    return float(csr.strength[k]), ";".join(kinds)


def _tags(value: object) -> list[str]:
    if isinstance(value, tuple):
        return [str(t) for t in value if str(t).strip()]
    text = _text(value)
    return [t.strip() for t in text.split(";") if t.strip()] if text else []
