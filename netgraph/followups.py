"""Follow-ups: what a seeker owes the people in their network, and since when.

Career centers teach the same habits after every informational interview: send a
thank-you, follow up when you said you would, act on the names you were given, tell
the person who referred you how it went, and keep in touch. :func:`followups` lists
what is open, oldest first, each with how many days it has been waiting.
"""

from __future__ import annotations

import pandas as pd

from netgraph.errors import NetgraphError
from netgraph.network import ReferralNetwork

__all__ = ["FOLLOWUP_COLUMNS", "FOLLOWUP_KINDS", "followups"]

#: The kinds of follow-up, in the order they are listed.
FOLLOWUP_KINDS = (
    "thank_you",
    "follow_up_overdue",
    "follow_up_due",
    "referral_not_contacted",
    "close_the_loop",
    "keep_in_touch",
)

FOLLOWUP_COLUMNS = [
    "seeker_id",
    "seeker",
    "kind",
    "person_id",
    "name",
    "date",
    "due",
    "days",
    "interview_id",
    "referral_id",
    "action",
]


def _day(d: pd.Timestamp) -> str:
    return f"{d.day} {d:%b %Y}"


def _ago(days: int) -> str:
    return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"


def followups(
    net: ReferralNetwork,
    seeker: str | None = None,
    *,
    today: str | pd.Timestamp | None = None,
    keep_in_touch_days: int = 90,
    due_within_days: int = 7,
) -> pd.DataFrame:
    """List the open follow-ups of one seeker (or of every seeker), each with its days.

    The kinds, in the order listed:

    ``thank_you``
        A completed interview with no thank-you sent; days since the interview.
    ``follow_up_overdue``
        An interview whose ``follow_up_due`` date has passed with no later interview
        of the same seeker and contact; days past the due date.
    ``follow_up_due``
        The same, due today or within ``due_within_days``; days is 0 or negative
        (minus the days still to go).
    ``referral_not_contacted``
        A referral to the seeker still ``named`` or ``introduced``, with no interview
        of the seeker with that person; days since the referral.
    ``close_the_loop``
        The seeker interviewed someone a referrer named, within the last
        ``keep_in_touch_days``, and has had no interview with the referrer since:
        a note to the referrer is owed; days since that interview.
    ``keep_in_touch``
        A person the seeker completed an interview with, or who named someone to the
        seeker, with no interview, thank-you or referral involving them for more
        than ``keep_in_touch_days`` and no other item listed above; days since the
        last of those.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name; ``None`` lists every seeker.
    today
        The day to count from (default: the network's reference date). Events after
        it are ignored, as with :meth:`~netgraph.ReferralNetwork.as_of`.
    keep_in_touch_days
        How long without contact before a keep-in-touch reminder.
    due_within_days
        How far ahead a follow-up counts as due.

    Returns
    -------
    pandas.DataFrame
        One row per item, by seeker, kind (in the order above), days (most waiting
        first) and ``person_id``, with columns ``seeker_id``, ``seeker`` (name),
        ``kind``, ``person_id`` and ``name`` (whom the item is about), ``date`` (the
        event: interview, referral or last contact), ``due`` (follow-up due date, else
        NaT), ``days``, ``interview_id`` and ``referral_id`` (empty when none) and
        ``action`` (what to do, in plain words).

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.
    NetgraphError
        If ``keep_in_touch_days`` < 1 or ``due_within_days`` < 0.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> todo = followups(net, "p001")
    >>> set(todo["kind"]) <= set(FOLLOWUP_KINDS)
    True
    >>> bool(todo["seeker_id"].eq("p001").all())
    True
    """
    if not isinstance(keep_in_touch_days, int) or keep_in_touch_days < 1:
        raise NetgraphError(
            f"keep_in_touch_days must be a whole number >= 1, got {keep_in_touch_days!r}"
        )
    if not isinstance(due_within_days, int) or due_within_days < 0:
        raise NetgraphError(f"due_within_days must be a whole number >= 0, got {due_within_days!r}")
    if today is not None:
        net = net.as_of(today)
    day = net.reference_date.normalize()
    names = net.people["name"].to_dict()
    seekers = net.seekers if seeker is None else [net.resolve(seeker)]
    iv_all = net.interviews
    ref_all = net.referrals
    rows: list[dict] = []
    for s in seekers:
        iv = iv_all[iv_all["seeker_id"].eq(s)].sort_values(["date", "interview_id"])
        ref = ref_all[ref_all["seeker_id"].eq(s)].sort_values(["date", "referral_id"])
        rows.extend(_for_seeker(s, iv, ref, day, names, keep_in_touch_days, due_within_days))
    frame = pd.DataFrame(rows, columns=FOLLOWUP_COLUMNS)
    if frame.empty:
        return frame.astype({"days": "int64", "date": "datetime64[ns]", "due": "datetime64[ns]"})
    frame["order"] = frame["kind"].map({k: i for i, k in enumerate(FOLLOWUP_KINDS)})
    frame = frame.sort_values(
        ["seeker_id", "order", "days", "person_id"], ascending=[True, True, False, True]
    )
    frame = frame.drop(columns="order").reset_index(drop=True)
    frame["days"] = frame["days"].astype("int64")
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["due"] = pd.to_datetime(frame["due"]).astype("datetime64[ns]")
    return frame


def _for_seeker(
    s: str,
    iv: pd.DataFrame,
    ref: pd.DataFrame,
    day: pd.Timestamp,
    names: dict[str, str],
    keep_days: int,
    due_within: int,
) -> list[dict]:
    rows: list[dict] = []

    def add(kind: str, pid: str, date, due, days: int, action: str, iid="", rid="") -> None:
        rows.append(
            {
                "seeker_id": s,
                "seeker": names[s],
                "kind": kind,
                "person_id": pid,
                "name": names[pid],
                "date": date,
                "due": due,
                "days": int(days),
                "interview_id": iid,
                "referral_id": rid,
                "action": action,
            }
        )

    done = iv[iv["status"].eq("completed")]
    for r in done[done["thank_you_sent"].isna()].itertuples(index=False):
        d = (day - r.date).days
        add(
            "thank_you",
            r.contact_id,
            r.date,
            pd.NaT,
            d,
            f"Send {names[r.contact_id]} a thank-you for your conversation on "
            f"{_day(r.date)} ({_ago(d)})",
            iid=r.interview_id,
        )

    last_iv = iv.groupby("contact_id")["date"].max()
    for r in iv[iv["follow_up_due"].notna()].itertuples(index=False):
        if last_iv[r.contact_id] > r.date:  # met or asked again since: followed up
            continue
        late = (day - r.follow_up_due).days
        who = names[r.contact_id]
        if late > 0:
            add(
                "follow_up_overdue",
                r.contact_id,
                r.date,
                r.follow_up_due,
                late,
                f"Follow up with {who}: due {_day(r.follow_up_due)}, {late} days overdue",
                iid=r.interview_id,
            )
        elif -late <= due_within:
            when = "today" if late == 0 else f"in {-late} day{'s' if late != -1 else ''}"
            add(
                "follow_up_due",
                r.contact_id,
                r.date,
                r.follow_up_due,
                late,
                f"Follow up with {who} by {_day(r.follow_up_due)} ({when})",
                iid=r.interview_id,
            )

    asked = set(iv["contact_id"])
    open_ref = ref[ref["status"].isin(["named", "introduced"]) & ~ref["referred_id"].isin(asked)]
    seen: set[str] = set()
    for r in open_ref.itertuples(index=False):
        if r.referred_id in seen:
            continue
        seen.add(r.referred_id)
        d = (day - r.date).days
        who, by = names[r.referred_id], names[r.referrer_id]
        action = (
            f"Contact {who}, named by {by} on {_day(r.date)} ({_ago(d)})"
            if r.status == "named"
            else f"Reply to {by}'s introduction to {who} on {_day(r.date)} ({_ago(d)})"
        )
        add("referral_not_contacted", r.referred_id, r.date, pd.NaT, d, action, rid=r.referral_id)

    first_done = done.groupby("contact_id")["date"].min()
    owed: set[str] = set()
    for r in ref.itertuples(index=False):
        met = first_done.get(r.referred_id)
        if met is None or met < r.date or r.referrer_id in owed:
            continue
        d = (day - met).days
        if d > keep_days or last_iv.get(r.referrer_id, pd.Timestamp.min) > met:
            continue
        owed.add(r.referrer_id)
        add(
            "close_the_loop",
            r.referrer_id,
            met,
            pd.NaT,
            d,
            f"Tell {names[r.referrer_id]} you met {names[r.referred_id]} "
            f"on {_day(met)}, thanks to them",
            rid=r.referral_id,
        )

    listed = {row["person_id"] for row in rows}
    events = pd.concat(
        [
            done[["contact_id", "date"]].rename(columns={"contact_id": "pid"}),
            done[["contact_id", "thank_you_sent"]].rename(
                columns={"contact_id": "pid", "thank_you_sent": "date"}
            ),
            iv[["contact_id", "date"]].rename(columns={"contact_id": "pid"}),
            ref[["referrer_id", "date"]].rename(columns={"referrer_id": "pid"}),
        ]
    ).dropna()
    contacts = set(done["contact_id"]) | set(ref["referrer_id"])
    last = events[events["pid"].isin(contacts)].groupby("pid")["date"].max()
    for pid, when in last.sort_index().items():
        d = (day - when).days
        if d > keep_days and pid not in listed and pid != s:
            add(
                "keep_in_touch",
                pid,
                when,
                pd.NaT,
                d,
                f"Check in with {names[pid]}: last in touch {_day(when)} ({_ago(d)})",
            )
    return rows
