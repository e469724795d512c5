"""Suggested next introductions: whom a seeker should meet next, and who can introduce them.

This is the first ranking. **Pending referrals** come first: people someone named to
the seeker whom the seeker has not yet interviewed, introduced by the person who
named them. Then **warm second-hop people**: people the seeker's contacts know,
scored by how many of the seeker's contacts know them (common contacts) and by the
warmth of the best introduction path (product of tie strengths).
"""

from __future__ import annotations

import pandas as pd

from netgraph.network import ReferralNetwork

__all__ = ["SUGGEST_COLUMNS", "already_met", "suggest"]

SUGGEST_COLUMNS = [
    "rank",
    "person_id",
    "name",
    "role",
    "organization",
    "industry",
    "title",
    "score",
    "introducer_id",
    "introducer",
    "path",
    "reason",
]


def already_met(net: ReferralNetwork, seeker: str) -> set[str]:
    """Return the people a seeker should not be suggested: known or already approached.

    That is the seeker, everyone adjacent to the seeker in the acquaintance graph,
    and everyone the seeker has an interview row with, whatever its status
    (requested, scheduled, completed, declined or no-show).
    """
    iv = net.interviews
    approached = set(iv.loc[iv["seeker_id"].eq(seeker), "contact_id"])
    return {seeker, *net.acquaintance.adj[seeker], *approached}


def suggest(
    net: ReferralNetwork,
    seeker: str,
    *,
    top: int = 10,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Rank the people a seeker has not met yet, each with whom to ask.

    Score: a pending referral scores ``1 + s``, where ``s`` is the strength of the
    seeker's tie to the referrer; a second-hop person scores
    ``0.5 * c / c_max + 0.5 * w``, where ``c`` counts the seeker's contacts who
    know them, ``c_max`` is the largest such count among the candidates and ``w``
    the warmest two-step path (product of strengths). Ties in score are broken by
    ``person_id``, so the ranking is deterministic.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    top
        How many suggestions to return.
    as_of
        Suggest from the network as it stood on this day.

    Returns
    -------
    pandas.DataFrame
        One row per suggestion with columns ``rank`` (1 = best), ``person_id``,
        ``name``, ``role``, ``organization``, ``industry``, ``title``, ``score``,
        ``introducer_id`` and ``introducer`` (whom to ask), ``path`` (names from the
        seeker to the person, joined by " → ") and ``reason`` (plain words).

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> ng.suggest(net, "p001", top=3)["rank"].tolist()
    [1, 2, 3]
    """
    if as_of is not None:
        net = net.as_of(as_of)
    seeker = net.resolve(seeker)
    g = net.acquaintance
    exclude = already_met(net, seeker)
    rows: dict[str, dict] = {}

    ref = net.referrals
    pending = ref[ref["seeker_id"].eq(seeker) & ~ref["referred_id"].isin(exclude)]
    pending = pending.sort_values(["date", "referral_id"])
    for r in pending.itertuples(index=False):
        if r.referred_id in rows:
            continue
        warmth = (
            g.edges[seeker, r.referrer_id]["strength"] if g.has_edge(seeker, r.referrer_id) else 0.0
        )
        rows[r.referred_id] = {
            "person_id": r.referred_id,
            "score": 1.0 + warmth,
            "introducer_id": r.referrer_id,
            "path": (seeker, r.referrer_id, r.referred_id),
            "reason": (
                f"Named by {net.name(r.referrer_id)} on {r.date:%d %b %Y}, "
                f"{'not contacted yet' if r.status == 'named' else r.status + ', no interview yet'}"
            ),
        }

    common: dict[str, int] = {}
    best: dict[str, tuple[float, str]] = {}
    for contact in sorted(g.adj[seeker]):
        s1 = g.edges[seeker, contact]["strength"]
        for cand, data in g.adj[contact].items():
            if cand in exclude:
                continue
            common[cand] = common.get(cand, 0) + 1
            w = s1 * data["strength"]
            if cand not in best or w > best[cand][0]:
                best[cand] = (w, contact)
    c_max = max(common.values(), default=1)
    for cand, c in common.items():
        if cand in rows:
            continue
        w, intro = best[cand]
        k = "contact" if c == 1 else "contacts"
        rows[cand] = {
            "person_id": cand,
            "score": 0.5 * c / c_max + 0.5 * w,
            "introducer_id": intro,
            "path": (seeker, intro, cand),
            "reason": f"Knows {c} of your {k}; {net.name(intro)} is your warmest way in",
        }

    frame = pd.DataFrame(
        list(rows.values()), columns=["person_id", "score", "introducer_id", "path", "reason"]
    )
    frame = frame.sort_values(["score", "person_id"], ascending=[False, True]).head(top)
    people = net.people
    out = frame.assign(
        rank=range(1, len(frame) + 1),
        name=frame["person_id"].map(people["name"]),
        role=frame["person_id"].map(people["role"]),
        organization=frame["person_id"].map(people["organization"]),
        industry=frame["person_id"].map(people["industry"]),
        title=frame["person_id"].map(people["title"]),
        introducer=frame["introducer_id"].map(people["name"]),
        path=frame["path"].map(lambda p: " → ".join(net.name(x) for x in p)),
        score=frame["score"].round(4),
    )
    return out[SUGGEST_COLUMNS].reset_index(drop=True)
