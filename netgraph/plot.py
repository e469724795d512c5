r"""Pictures of referral networks and their analyses.

Every function takes ``ax=None`` (a new figure when omitted), returns the matplotlib
``Axes`` it drew on, and imports matplotlib inside, so ``import netgraph`` and the
CLI never load it.

Text from the data (names, organizations, industries) is drawn literally: a ``$`` in
a name is never read as the start of a matplotlib mathtext formula (``Ke$ha $mith``
or ``$\frac`` used to crash the drawing), and the texts never go through LaTeX even
when ``text.usetex`` is on (see :func:`_literal_text`).
"""

from __future__ import annotations

import functools
import inspect
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    import pandas as pd
    from matplotlib.axes import Axes

    from netgraph.network import ReferralNetwork

__all__: list[str] = []


def _axes(ax: Axes | None, *, figsize: tuple[float, float] = (7, 4.5)) -> Axes:
    """Return ``ax``, or the axes of a new figure (pyplot is imported only for that)."""
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _escape_dollars(text: str) -> str:
    """Escape each ``$`` that is not escaped yet, so mathtext draws it as a dollar."""
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def _make_literal(axes: Iterable[Axes]) -> None:
    """Draw every text of ``axes`` literally, and none of them through LaTeX.

    Titles, labels, legends and annotations stop parsing mathtext (their text is
    unchanged). Tick labels are made again each time the figure is drawn, from the
    axis's formatter, so the formatters of label lists escape their ``$`` instead.
    """
    from matplotlib.text import Text
    from matplotlib.ticker import FixedFormatter, FuncFormatter

    def escaped(func):
        return lambda x, pos=None: _escape_dollars(str(func(x, pos)))

    for ax in axes:
        ticks: set[int] = set()
        for axis in (ax.xaxis, ax.yaxis):
            for fmt in (axis.get_major_formatter(), axis.get_minor_formatter()):
                if isinstance(fmt, FixedFormatter):
                    fmt.seq = [_escape_dollars(str(x)) for x in fmt.seq]
                elif isinstance(fmt, FuncFormatter) and not getattr(fmt, "_literal", False):
                    fmt.func, fmt._literal = escaped(fmt.func), True
            for tick in [*axis.majorTicks, *axis.minorTicks]:
                ticks.update((id(tick.label1), id(tick.label2)))
        for text in ax.findobj(Text):
            text.set_usetex(False)
            if id(text) not in ticks:
                text.set_parse_math(False)


def _literal_text(func):
    """Wrap a plot function so that the texts it draws are drawn literally.

    netgraph never means a formula: names, organizations and industries come from
    the user's data. The returned axes and any axes the call added to its figure
    (a twin axis) are processed; axes of the figure that existed before are not.
    """
    signature = inspect.signature(func)

    @functools.wraps(func)
    def draw(*args, **kwargs):
        given = signature.bind_partial(*args, **kwargs).arguments.get("ax")
        before = set(given.figure.axes) if given is not None else set()
        ax = func(*args, **kwargs)
        _make_literal([ax, *(a for a in ax.figure.axes if a is not ax and a not in before)])
        return ax

    return draw


def _from_network(data: object, seeker: str | None, caller: str) -> bool:
    """Return whether ``data`` is a network; a network needs a ``seeker``."""
    from netgraph.errors import NetgraphError
    from netgraph.network import ReferralNetwork

    if not isinstance(data, ReferralNetwork):
        return False
    if seeker is None:
        raise NetgraphError(f"{caller} needs a seeker when given a network")
    return True


# <<reach plots>>
__all__ += ["plot_reach", "plot_reach_over_time"]


def _reach_title(data: object, seeker: str | None) -> str:
    from netgraph.network import ReferralNetwork

    if isinstance(data, ReferralNetwork) and seeker is not None:
        return f" of {data.name(data.resolve(seeker))}"
    return ""


def plot_reach(
    data: pd.DataFrame | ReferralNetwork,
    seeker: str | None = None,
    *,
    by: str = "hops",
    top: int = 10,
    max_hops: int = 3,
    warm_at: float = 0.25,
    as_of: str | pd.Timestamp | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw reach by hop (grouped bars) or by industry, organization or role (top groups).

    Plain reach and warm reach (warmest path strength at least ``warm_at``) side by
    side; see :func:`netgraph.reach.reach_summary`.

    Parameters
    ----------
    data
        A network (then ``seeker`` is required), a :func:`~netgraph.reach.reach`
        table, or a :func:`~netgraph.reach.reach_summary` table (whose first column
        says what it is grouped by; ``by`` is then ignored).
    seeker
        The seeker, when ``data`` is a network.
    by
        ``"hops"``, ``"industry"``, ``"organization"`` or ``"role"``.
    top
        How many groups to draw when grouping by an attribute.
    max_hops, warm_at, as_of
        As in :func:`~netgraph.reach.reach_summary` (``max_hops`` and ``as_of`` only
        when ``data`` is a network).
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Examples
    --------
    >>> import netgraph as ng
    >>> from netgraph.plot import plot_reach
    >>> ax = plot_reach(ng.load(), "p001", by="industry")
    >>> ax.get_xlabel()
    'people reached'
    """
    import numpy as np

    from netgraph.reach import reach_summary, summarize_reach

    if _from_network(data, seeker, "plot_reach"):
        summary = reach_summary(
            data, seeker, by=by, max_hops=max_hops, warm_at=warm_at, as_of=as_of
        )  # type: ignore[arg-type]
    elif "strength" in data.columns:
        summary = summarize_reach(data, by=by, warm_at=warm_at)  # type: ignore[arg-type]
    else:
        summary = data
    key = str(summary.columns[0])
    ax = _axes(ax)
    warm_label = f"warm (path strength ≥ {warm_at:g})"
    title = _reach_title(data, seeker)
    if key == "hops":
        x = np.asarray(summary["hops"], dtype=float)
        ax.bar(x - 0.2, summary["reached"], width=0.4, label="reached", color="#8fb3d9")
        ax.bar(x + 0.2, summary["warm"], width=0.4, label=warm_label, color="#c0504d")
        ax.set_xticks(x, [str(int(h)) for h in summary["hops"]])
        ax.set_xlabel("hops from the seeker")
        ax.set_ylabel("people reached")
        ax.set_title(f"Reach by hop{title}")
    else:
        shown = summary.head(top).iloc[::-1]
        y = np.arange(len(shown))
        labels = [str(v) for v in shown[key]]
        ax.barh(y, shown["reached"], color="#8fb3d9", label="reached")
        ax.barh(y, shown["warm"], height=0.4, color="#c0504d", label=warm_label)
        ax.set_yticks(y, labels)
        ax.set_xlabel("people reached")
        ax.set_ylabel(key)
        ax.set_title(f"Reach by {key}{title}")
    ax.legend(loc="best", frameon=False)
    return ax


def plot_reach_over_time(
    data: pd.DataFrame | ReferralNetwork,
    seeker: str | None = None,
    dates: Iterable[str | pd.Timestamp] | None = None,
    *,
    max_hops: int = 3,
    warm_at: float = 0.25,
    ax: Axes | None = None,
) -> Axes:
    """Draw how many people a seeker reached within 1, 2, ... hops at each date.

    One line per hop count (everyone within that many hops) and a dashed line for
    warm reach within the largest hop count; see
    :func:`netgraph.reach.reach_over_time`.

    Parameters
    ----------
    data
        A :func:`~netgraph.reach.reach_over_time` table, or a network (then
        ``seeker`` is required and ``dates``, ``max_hops`` and ``warm_at`` are
        passed on).
    seeker, dates, max_hops, warm_at
        As in :func:`~netgraph.reach.reach_over_time`.
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Examples
    --------
    >>> import netgraph as ng
    >>> from netgraph.plot import plot_reach_over_time
    >>> ax = plot_reach_over_time(ng.load(), "p001", max_hops=2)
    >>> ax.get_ylabel()
    'people reached'
    """
    from netgraph.reach import reach_over_time

    if _from_network(data, seeker, "plot_reach_over_time"):
        table = reach_over_time(data, seeker, dates, max_hops=max_hops, warm_at=warm_at)
    else:
        table = data
    ax = _axes(ax)
    hops = sorted(int(h) for h in table["hops"].unique())
    for h in hops:
        rows = table[table["hops"].eq(h)]
        ax.plot(
            rows["date"],
            rows["cumulative_reached"],
            marker="o",
            markersize=3,
            label=f"within {h} hop{'s' if h != 1 else ''}",
        )
    if hops:
        rows = table[table["hops"].eq(hops[-1])]
        ax.plot(
            rows["date"],
            rows["cumulative_warm"],
            linestyle="--",
            color="black",
            label=f"warm, within {hops[-1]} hops",
        )
    ax.set_xlabel("date")
    ax.set_ylabel("people reached")
    ax.set_title(f"Reach over time{_reach_title(data, seeker)}")
    ax.tick_params(axis="x", labelrotation=30)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return ax


# <<bridges plots>>
def plot_ego_bridges(
    net,
    seeker: str,
    ax: Axes | None = None,
    *,
    hops: int = 2,
    max_people: int = 80,
    max_labels: int = 16,
    max_clusters: int = 8,
) -> Axes:
    """Draw a seeker's ego network with bridge contacts and the clusters they open.

    The seeker sits at the centre, direct contacts on the inner ring, second-hop
    people on the outer ring (``hops=2``), at most ``max_people`` people in all (the
    people in bridge clusters first; how many more there are is in the title). A
    *bridge contact* leads to people the seeker reaches within ``hops`` only through
    them (see :func:`netgraph.bridges.bridge_contacts`). The ``max_clusters`` largest
    bridges get a colour each, shared by the people only they lead to, and their
    names; other bridges are dark grey, everyone else light grey. Every contact is
    named when there are at most ``max_labels`` of them.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    ax
        Axes to draw on (default: a new figure).
    hops
        1 (contacts only) or 2 (contacts and their contacts).
    max_people
        Most people drawn.
    max_labels
        Name every contact up to this many contacts; else only the coloured bridges.
    max_clusters
        Bridge clusters coloured individually.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Examples
    --------
    >>> import netgraph as ng
    >>> from netgraph.plot import plot_ego_bridges
    >>> ax = plot_ego_bridges(ng.load(), "p001")
    >>> "bridge contacts within 2 hops" in ax.get_title()
    True
    """
    import matplotlib as mpl
    import networkx as nx
    from matplotlib.lines import Line2D

    from netgraph.bridges import _ego_drawing

    ax = _axes(ax, figsize=(11, 8))
    d = _ego_drawing(net, seeker, hops=hops, max_people=max_people, max_clusters=max_clusters)
    pos, cluster, me = d["pos"], d["cluster"], d["seeker"]
    palette = [c for i, c in enumerate(mpl.colormaps["tab10"].colors) if i != 7]  # no grey
    colour = {c: palette[i % len(palette)] for i, c in enumerate(d["featured"])}
    grey, dark = "#cfcfcf", "#555555"
    crowded = len(d["contacts"]) > max_labels

    def fill(v: str):
        if v == me:
            return "black"
        owner = cluster.get(v)
        return grey if owner is None else colour.get(owner, dark)

    def size(v: str) -> float:
        if v == me:
            return 300
        if v in colour:
            return 170
        if v in cluster and cluster[v] == v:
            return 80 if crowded else 130
        return (55 if crowded else 100) if v in d["contacts"] else 28

    nodes = [me, *d["contacts"], *d["outer"]]
    nx.draw_networkx_edges(
        nx.Graph(d["edges"]), pos, ax=ax, edge_color="#b5b5b5", width=0.5, alpha=0.6
    )
    nx.draw_networkx_nodes(
        nx.Graph(),
        pos,
        nodelist=nodes,
        node_color=[fill(v) for v in nodes],
        node_size=[size(v) for v in nodes],
        edgecolors=["black" if v in d["bridges"] else "white" for v in nodes],
        linewidths=1.0,
        ax=ax,
    )
    named = [c for c in d["contacts"] if not crowded or c in colour]
    box = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
    for v in named:
        x, y = pos[v]  # on the unit circle: the label grows outwards from the contact
        ax.text(
            x * 1.13,
            y * 1.13,
            net.name(v),
            fontsize=8.5,
            ha="left" if x > 0.35 else "right" if x < -0.35 else "center",
            va="bottom" if y > 0.35 else "top" if y < -0.35 else "center",
            fontweight="bold" if v in colour else "normal",
            bbox=box,
            zorder=5,
        )
    for c in d["featured"]:
        if d["more"][c] and c in pos:
            x, y = pos[c]
            ax.text(
                x * 2.6,
                y * 2.6,
                f"+{d['more'][c]} more",
                fontsize=7.5,
                ha="center",
                va="center",
                color="white",
                bbox={"boxstyle": "round,pad=0.25", "fc": colour[c], "ec": "none"},
                zorder=6,
            )
    ax.text(
        0,
        -0.14,
        net.name(me),
        fontsize=9.5,
        ha="center",
        va="top",
        fontweight="bold",
        bbox=box,
        zorder=5,
    )

    handles = [
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            color=colour[c],
            markeredgecolor="black",
            label=f"{net.name(c)}: {d['exclusive'][c]} reached only through them"
            + (f" ({d['exclusive'][c] - d['more'][c]} drawn)" if d["more"][c] else ""),
        )
        for c in d["featured"]
    ]
    if len(d["bridges"]) > len(d["featured"]):
        handles.append(Line2D([], [], marker="o", ls="", color=dark, label="other bridges"))
    handles.append(Line2D([], [], marker="o", ls="", color=grey, label="reachable other ways"))
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        title="bridge contacts",
        title_fontsize=9,
        frameon=False,
    )
    n_b = len(d["bridges"])
    hidden = f"\n({d['hidden']} more second-hop people not drawn)" if d["hidden"] else ""
    ax.set_title(
        f"{net.name(me)}: {len(d['contacts'])} contacts, {n_b} bridge "
        f"contact{'s' if n_b != 1 else ''} within {hops} hop{'s' if hops > 1 else ''}"
        f"{hidden}",
        fontsize=10,
    )
    ax.set_xlabel("inner ring: direct contacts; outer ring: their contacts")
    ax.set_ylabel("")
    ax.set_aspect("equal")
    ax.set_anchor("W")  # spare width goes to the legend on the right
    ax.margins(0.06)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    return ax


__all__ += ["plot_ego_bridges"]
# <<suggest plots>>
__all__ += ["plot_suggestions"]


def plot_suggestions(
    data: pd.DataFrame | ReferralNetwork,
    seeker: str | None = None,
    *,
    top: int = 8,
    goals: Mapping[str, str | Iterable[str]] | None = None,
    as_of: str | pd.Timestamp | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the top suggestions and whom to ask: seeker, introducers, and the people.

    Columns from left to right: the seeker, the introducers (marker size grows with
    how many people they introduce), the middle person of three-step paths, and the
    suggestions by rank (best at the top, labelled with rank, name and industry).
    Lines follow each suggestion's path; a dashed red line marks a pending referral.

    Parameters
    ----------
    data
        A network (then ``seeker`` is required) or a :func:`~netgraph.suggest` table.
    seeker
        The seeker, when ``data`` is a network.
    top
        How many suggestions to draw.
    goals, as_of
        As in :func:`~netgraph.suggest` (only when ``data`` is a network).
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    NetgraphError
        If ``data`` is a network and no seeker is given.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import netgraph as ng
    >>> from netgraph.plot import plot_suggestions
    >>> ax = plot_suggestions(ng.load(), "p001", top=5)
    >>> ax.get_title().startswith("Top")
    True
    """
    if _from_network(data, seeker, "plot_suggestions"):
        from netgraph.suggest import suggest

        table = suggest(data, seeker, top=top, goals=goals, as_of=as_of)
    else:
        table = data.head(top)
    ax = _axes(ax, figsize=(9, 0.55 * max(len(table), 4) + 1.5))
    ax.set_xlabel("steps from you")
    ax.set_ylabel("rank (best at the top)")
    ax.set_xticks([0, 1, 2, 3], ["you", "whom to ask", "through", "suggested"])
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    if table.empty:
        ax.set_title("No suggestions")
        return ax
    names: dict[str, str] = {}
    for ids, text in zip(table["path_ids"], table["path"], strict=True):
        names.update(zip(ids, text.split(" → "), strict=False))
    ys = {pid: -float(r) for pid, r in zip(table["person_id"], table["rank"], strict=True)}
    groups: dict[tuple[int, str], list[float]] = {}
    for ids in table["path_ids"]:
        for x, pid in ((1, ids[1]), (2, ids[2])) if len(ids) == 4 else ((1, ids[1]),):
            groups.setdefault((x, pid), []).append(ys[ids[-1]])
    pos: dict[tuple[int, str], tuple[float, float]] = {}
    for x in (1, 2):
        keys = sorted((k for k in groups if k[0] == x), key=lambda k: (-max(groups[k]), k[1]))
        last = 1.0
        for k in keys:
            y = min(sum(groups[k]) / len(groups[k]), last - 0.9)
            pos[k] = (float(x), y)
            last = y
    first = table["path_ids"].iloc[0][0]
    you = (0.0, sum(ys.values()) / len(ys))
    pending_of = dict(zip(table["person_id"], table["signal_pending"] > 0, strict=True))
    for ids, pid in zip(table["path_ids"], table["person_id"], strict=True):
        pts = [you, pos[(1, ids[1])]]
        if len(ids) == 4:
            pts.append(pos[(2, ids[2])])
        pts.append((3.0, ys[pid]))
        pending = pending_of[pid]
        xs, yv = zip(*pts, strict=True)
        ax.plot(xs[:-1], yv[:-1], color="0.6", lw=1.2, zorder=1)
        ax.plot(
            xs[-2:],
            yv[-2:],
            color="tab:red" if pending else "0.6",
            ls="--" if pending else "-",
            lw=1.5 if pending else 1.2,
            zorder=1,
        )
    ax.scatter([you[0]], [you[1]], s=260, marker="*", color="black", zorder=3)
    ax.annotate(
        names.get(first, first),
        you,
        xytext=(0, 12),
        textcoords="offset points",
        ha="center",
        fontsize=9,
        weight="bold",
    )
    for (x, pid), (px, py) in pos.items():
        n = len(groups[(x, pid)])
        ax.scatter(
            [px],
            [py],
            s=60 + 50 * n,
            color="tab:blue" if x == 1 else "tab:cyan",
            edgecolor="white",
            zorder=3,
        )
        ax.annotate(
            names.get(pid, pid),
            (px, py),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            fontsize=8,
        )
    for r in table.itertuples(index=False):
        pending = pending_of[r.person_id]
        ax.scatter(
            [3.0],
            [ys[r.person_id]],
            s=80,
            marker="s",
            zorder=3,
            color="tab:red" if pending else "tab:orange",
            edgecolor="white",
        )
        label = f"{r.rank}. {r.name}" + (f" ({r.industry})" if r.industry else "")
        ax.annotate(
            label,
            (3.0, ys[r.person_id]),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], color="tab:red", ls="--", marker="s", label="named to you, pending"),
        Line2D([], [], color="0.6", marker="s", mfc="tab:orange", label="suggested introduction"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    ax.set_xlim(-0.4, 4.4)
    ax.set_ylim(min(ys.values()) - 0.8, 0.2)
    who = names.get(first, first)
    ax.set_title(f"Top {len(table)} suggestions for {who}, and whom to ask")
    return ax


# <<research plots>>
__all__ += [
    "plot_cascade_depth",
    "plot_cohorts_over_time",
    "plot_engagement_distribution",
    "plot_funnel",
]


def _research_table(data: object, make: str, **options: object) -> pd.DataFrame:
    """Return ``data`` when it is a table, else the research table ``make`` of the network."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data
    from netgraph import research

    return getattr(research, make)(data, **options)


def _bin_bars(ax: Axes, table: pd.DataFrame, count: str, color: str) -> None:
    """Draw one bar per bin of a ``*_distribution`` table (hidden counts as 0)."""
    counts = table[count].astype("Float64").fillna(0).to_numpy(dtype=float)
    ax.bar(range(len(table)), counts, color=color)
    ax.set_xticks(range(len(table)), table["bin"].astype(str).tolist())


def _suppressed_note(ax: Axes, n_blank: int, k: object) -> None:
    if n_blank:
        low, high = ax.get_ylim()  # headroom, so the note never sits on the data
        ax.set_ylim(low, high + 0.1 * (high - low))
        ax.text(
            0.99,
            0.98,
            f"{n_blank} value(s) hidden: fewer than {k} people",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=8,
            color="0.4",
        )


def plot_engagement_distribution(
    data: pd.DataFrame | ReferralNetwork, *, ax: Axes | None = None
) -> Axes:
    """Draw how engagement is spread over the people approached (bars of at least k people).

    Parameters
    ----------
    data
        A :func:`~netgraph.research.engagement_distribution` table, or a network
        (drawn with its defaults).
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.
    """
    table = _research_table(data, "engagement_distribution")
    ax = _axes(ax)
    _bin_bars(ax, table, "n_people", "#4C72B0")
    metric = str(table.attrs.get("metric", "engagement_score")).replace("_", " ")
    k = table.attrs.get("k", 5)
    ax.set_xlabel(f"{metric} (bins merged to hold at least {k} people)")
    ax.set_ylabel("people approached (per bin)")
    ax.set_title(f"Distribution of the {metric}")
    _suppressed_note(ax, int(table["n_people"].isna().sum()), k)
    return ax


def plot_funnel(data: pd.DataFrame | ReferralNetwork, *, ax: Axes | None = None) -> Axes:
    """Draw the interview funnel: requested, completed, with a referral, referral interviewed.

    One group: the number of interviews at each stage, labelled with the share of
    the previous stage and the share of requests. Several groups: the share of
    requests reaching each stage, per group, with each group's number of requests.

    Parameters
    ----------
    data
        A :func:`~netgraph.research.funnel` table, or a network.
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.
    """
    import numpy as np

    table = _research_table(data, "funnel")
    ax = _axes(ax)
    stages = ["requested", "completed", "with_referral", "referral_interviewed"]
    names = ["requested", "completed", "with a referral", "a referral\ninterviewed"]
    group_col = table.columns[0]
    counts = table[stages].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    x = np.arange(len(stages))
    if len(table) == 1:
        heights = np.nan_to_num(counts[0])
        bars = ax.bar(x, heights, color="#55A868")
        for j, (bar, c) in enumerate(zip(bars, counts[0], strict=True)):
            first, prev = counts[0][0], counts[0][j - 1] if j else np.nan
            if np.isnan(c):
                text = "hidden"
            elif j == 0:
                text = f"{int(c)}"
            else:
                of_prev = f"{c / prev:.0%} of previous" if prev and not np.isnan(prev) else ""
                of_all = f"{c / first:.0%} of requests" if first and not np.isnan(first) else ""
                text = "\n".join(t for t in (f"{int(c)}", of_prev, of_all) if t)
            ax.annotate(
                text,
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=8.5,
            )
        ax.set_ylabel("interviews")
        ax.margins(y=0.25)
    else:
        width = 0.8 / len(table)
        for i, (label, row) in enumerate(zip(table[group_col], counts, strict=True)):
            shares = row / row[0] if row[0] else np.full(len(stages), np.nan)
            n = "hidden" if np.isnan(row[0]) else f"{int(row[0])} requests"
            ax.bar(
                x + i * width - 0.4 + width / 2,
                np.nan_to_num(shares),
                width,
                label=f"{label} (n = {n})",
            )
        ax.set_ylabel("% of requested interviews")
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        ax.legend(title=str(group_col).replace("_", " "), fontsize=8)
    ax.set_xticks(x, names)
    ax.set_xlabel("stage an interview reached")
    by = f" by {str(group_col).replace('_', ' ')}" if len(table) > 1 else ""
    ax.set_title(f"Interview funnel{by}")
    _suppressed_note(ax, int(np.isnan(counts).sum()), table.attrs.get("k", 5))
    return ax


def plot_cascade_depth(data: pd.DataFrame | ReferralNetwork, *, ax: Axes | None = None) -> Axes:
    """Draw how deep (or how large) the seekers' referral cascades go.

    Parameters
    ----------
    data
        A :func:`~netgraph.research.cascade_distribution` table, or a network (depth
        of the seekers' cascades).
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.
    """
    table = _research_table(data, "cascade_distribution")
    ax = _axes(ax)
    _bin_bars(ax, table, "n_cascades", "#C44E52")
    of = table.attrs.get("of", "depth")
    what = "hand-offs (referrals in a row)" if of == "depth" else "people in the cascade"
    ax.set_xlabel(what)
    ax.set_ylabel("cascades")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"Referral cascade {of}")
    _suppressed_note(ax, int(table["n_cascades"].isna().sum()), table.attrs.get("k", 5))
    return ax


def plot_cohorts_over_time(data: pd.DataFrame | ReferralNetwork, *, ax: Axes | None = None) -> Axes:
    """Draw, per period, how many people of each cohort were active (gave help).

    With a ``months_observed`` column (how many months of each period the data
    covers), the count is drawn per observed month, and partly observed periods
    (the first and last, usually) get hollow markers and a "(partial)" label, so a
    short period does not look like a fall in activity.

    Parameters
    ----------
    data
        A :func:`~netgraph.research.cohort_activity` table, or a network (class-year
        decades by quarter).
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on. Hidden (suppressed) values leave gaps in the lines.
    """
    import numpy as np

    table = _research_table(data, "cohort_activity", band=10)
    ax = _axes(ax)
    by = table.columns[1]
    work = table.assign(_c=table[by].astype(object).where(table[by].notna(), "(unknown)"))
    wide = work.pivot_table(
        index="period", columns="_c", values="active_people", aggfunc="first", dropna=False
    )
    periods = sorted(work["period"].unique())
    wide = wide.reindex(periods)
    months = table.drop_duplicates("period").set_index("period").get("months_observed")
    per_month = months is not None
    if per_month:
        months = months.reindex(periods).astype(float)
        full = 3.0 if "Q" in str(periods[0]) else 12.0
        partial = [bool(m < full) for m in months]
    drawn = 0
    for col in wide.columns:
        y = wide[col].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        if np.isnan(y).all():  # every value hidden: nothing to draw
            continue
        if per_month:
            y = y / months.to_numpy()
        (line,) = ax.plot(range(len(periods)), y, marker="o", label=str(col))
        if per_month:  # hollow markers where the period is only partly observed
            idx = [i for i, p in enumerate(partial) if p and not np.isnan(y[i])]
            ax.plot(idx, y[idx], ls="", marker="o", mfc="white", mec=line.get_color(), ms=8)
        drawn += 1
    labels = list(map(str, periods))
    if per_month:
        labels = [f"{p}\n(partial)" if part else p for p, part in zip(labels, partial, strict=True)]
    ax.set_xticks(range(len(periods)), labels, rotation=0 if per_month else 45,
                  ha="center" if per_month else "right")  # fmt: skip
    ax.set_ylim(bottom=0)
    ax.set_xlabel("period (hollow: only part of it is in the data)" if per_month else "period")
    ax.set_ylabel("active people per month" if per_month else
                  "people active (interviews or referrals given)")  # fmt: skip
    ax.set_title(f"Cohorts over time, by {str(by).replace('_', ' ')}")
    if drawn:
        ax.legend(title=str(by).replace("_", " "), fontsize=8)
    _suppressed_note(ax, int(table["active_people"].isna().sum()), table.attrs.get("k", 5))
    return ax


# <<a student's journey>>
__all__ += ["plot_path_card", "plot_referral_tree", "plot_timeline"]


def _person_lines(net: ReferralNetwork, pid: str, me: str) -> str:
    """Three lines about a person for a card: name; title or role; organization, industry."""
    if pid == me:
        return f"You\n{net.name(pid)}\n"

    def cell(col: str) -> str:
        value = net.people.at[pid, col] if col in net.people.columns else None
        return value.strip() if isinstance(value, str) else ""

    def cut(text: str, n: int = 36) -> str:
        return text if len(text) <= n else text[: n - 1] + "…"

    second = cell("title") or cell("role").capitalize()
    third = ", ".join(x for x in (cell("organization"), cell("industry")) if x)
    return f"{cut(net.name(pid))}\n{cut(second)}\n{cut(third)}"


def plot_path_card(
    net: ReferralNetwork,
    seeker: str,
    target: str | Mapping[str, str],
    *,
    route: str = "warmest",
    max_hops: int = 3,
    ax: Axes | None = None,
) -> Axes:
    """Draw "how you're connected": the route to a target as a row of cards.

    One card per person on the route (:func:`netgraph.path_to`), the seeker first,
    each arrow labelled with how the two know each other and the tie's strength, and
    under each arrow who asks whom ("you contact", "they introduce you").

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    target
        A person or criteria, as for :func:`netgraph.path_to` (``"industry=Finance"``).
    route
        ``"warmest"`` or ``"shortest"``.
    max_hops
        Longest route considered.
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    NoRoute, UnknownTarget
        As :func:`netgraph.path_to`.

    Examples
    --------
    >>> import netgraph as ng
    >>> from netgraph.plot import plot_path_card
    >>> ax = plot_path_card(ng.load(), "p001", "industry=Finance")
    >>> ax.get_title()
    'How you are connected to Finance (industry) (warmest route, 3 steps)'
    """
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    from netgraph.errors import NetgraphError
    from netgraph.reach import path_to

    if route not in ("warmest", "shortest"):
        raise NetgraphError(f"route must be 'warmest' or 'shortest', got {route!r}")
    me = net.resolve(seeker)
    table = path_to(net, me, target, max_hops=max_hops)
    steps = table[table["route"] == route].sort_values("step")
    people = [me, *steps["person_id"].astype(str)]
    n = len(people)
    ax = _axes(ax, figsize=(max(3.2 * n, 6.5), 2.6))
    width, height, gap = 3.0, 1.3, 1.4
    for i, pid in enumerate(people):
        x = i * (width + gap)
        ax.add_patch(
            FancyBboxPatch(
                (x, 0), width, height, boxstyle="round,pad=0.05,rounding_size=0.15",
                fc="#1f3b57" if pid == me else "#eef3f8", ec="#1f3b57", lw=1.2,
            )
        )  # fmt: skip
        ax.text(
            x + width / 2, height / 2, _person_lines(net, pid, me), ha="center", va="center",
            fontsize=9, color="white" if pid == me else "#1f3b57", linespacing=1.5,
            parse_math=False,
        )  # fmt: skip
    for i, (_, step) in enumerate(steps.iterrows()):
        x0 = i * (width + gap) + width
        ax.add_patch(
            FancyArrowPatch(
                (x0 + 0.05, height / 2), (x0 + gap - 0.05, height / 2),
                arrowstyle="-|>", mutation_scale=14, color="#1f3b57", lw=1.4,
            )
        )  # fmt: skip
        kinds = str(step["kinds"]).replace(";", ", ")
        ax.text(x0 + gap / 2, height / 2 + 0.12, f"{kinds}\n{step['tie_strength']:.2f}",
                ha="center", va="bottom", fontsize=7.5, color="#444", parse_math=False)  # fmt: skip
        who = "you contact" if i == 0 else "introduces you"
        ax.text(x0 + gap / 2, height / 2 - 0.12, who, ha="center", va="top", fontsize=7,
                color="#777", style="italic")  # fmt: skip
    crit = target.split("=", 1) if isinstance(target, str) and "=" in target else None
    if isinstance(target, str):
        what = f"{crit[1].strip()} ({crit[0].strip()})" if crit else net.name(people[-1])
    else:
        what = ", ".join(f"{v} ({k})" for k, v in target.items())
    hops = n - 1
    ax.set_title(
        f"How you are connected to {what} ({route} route, {hops} step{'s' if hops != 1 else ''})",
        fontsize=10,
    )
    ax.set_xlim(-0.2, n * (width + gap) - gap + 0.2)
    ax.set_ylim(-0.5, height + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def plot_timeline(net: ReferralNetwork, seeker: str, *, ax: Axes | None = None) -> Axes:
    """Draw a seeker's timeline: interviews and referrals, and how their reach grew.

    Top band: each interview on its date, coloured by status (completed, scheduled,
    requested, declined, no show), and each referral the seeker received (a name
    passed on). Line (right axis): people within 2 hops at the end of each month
    (:func:`netgraph.reach_over_time`).

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes with the events (the reach line is on its twin).

    Examples
    --------
    >>> import netgraph as ng
    >>> from netgraph.plot import plot_timeline
    >>> ax = plot_timeline(ng.load(), "p001")
    >>> ax.get_ylabel()
    'people within 2 hops'
    """
    import matplotlib.dates as mdates
    import pandas as pd

    from netgraph.reach import reach_over_time

    me = net.resolve(seeker)
    ax = _axes(ax, figsize=(9, 4))
    iv = net.interviews[net.interviews["seeker_id"] == me]
    rf = net.referrals[net.referrals["seeker_id"] == me]
    growth = reach_over_time(net, me, max_hops=2) if len(iv) or len(rf) else pd.DataFrame()
    if len(growth):
        last = growth[growth["hops"] == growth["hops"].max()]
        ax.plot(pd.to_datetime(last["date"]), last["cumulative_reached"], color="#1f3b57",
                lw=2, label="people within 2 hops")  # fmt: skip
        top = float(last["cumulative_reached"].max())
    else:
        top = 1.0
    ax.set_ylabel("people within 2 hops")
    ax.set_ylim(0, top * 1.35 + 1)
    band = ax.twinx()
    band.set_ylim(0, 1)
    band.set_yticks([])
    colours = {"completed": "#2ca02c", "scheduled": "#1f77b4", "requested": "#ff7f0e",
               "declined": "#d62728", "no_show": "#7f7f7f"}  # fmt: skip
    for status, colour in colours.items():
        dates = pd.to_datetime(iv.loc[iv["status"] == status, "date"]).dropna()
        if len(dates):
            band.scatter(dates, [0.9] * len(dates), s=40, color=colour, marker="o",
                         label=f"interview {status.replace('_', ' ')} ({len(dates)})",
                         edgecolors="white", zorder=3)  # fmt: skip
    dates = pd.to_datetime(rf["date"]).dropna()
    if len(dates):
        band.scatter(dates, [0.8] * len(dates), s=45, color="#9467bd", marker="v",
                     label=f"name passed on to you ({len(dates)})", zorder=3)  # fmt: skip
    handles = ax.get_legend_handles_labels()[0] + band.get_legend_handles_labels()[0]
    if handles:
        band.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                    fontsize=8, frameon=False)  # fmt: skip
    else:
        ax.text(0.5, 0.5, "No interviews or referrals logged yet", transform=ax.transAxes,
                ha="center", va="center", color="#777")  # fmt: skip
    ax.set_title(f"{net.name(me)}: conversations, names passed on and reach over time",
                 fontsize=10)  # fmt: skip
    ax.set_xlabel("date")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    for side in ("top",):
        ax.spines[side].set_visible(False)
    return ax


def plot_referral_tree(
    net: ReferralNetwork, seeker: str, *, max_people: int = 60, ax: Axes | None = None
) -> Axes:
    """Draw a seeker's referral cascade as a tree: who led to whom, by generation.

    The seeker at the top; below, the people they interviewed without a referral
    (generation 1), then the people named to them, under the person who named them,
    and so on: each person under the first person who led the seeker to them
    (``net.referral_graph``, earliest first). Solid nodes were interviewed; hollow ones
    were named but not interviewed yet.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    max_people
        Most people drawn (breadth first); how many more is in the title.
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Examples
    --------
    >>> import netgraph as ng
    >>> from netgraph.plot import plot_referral_tree
    >>> ax = plot_referral_tree(ng.load(), "p001")
    >>> "referral cascade" in ax.get_title()
    True
    """
    import networkx as nx

    me = net.resolve(seeker)
    iv = net.interviews[net.interviews["seeker_id"] == me]
    rf = net.referrals[net.referrals["seeker_id"] == me]
    met = set(iv.loc[iv["status"] == "completed", "contact_id"].astype(str))
    named_by: dict[str, str] = {}
    for _, r in rf.sort_values(["date", "referral_id"]).iterrows():
        named_by.setdefault(str(r["referred_id"]), str(r["referrer_id"]))
    parent: dict[str, str] = {}
    for c in sorted(set(iv["contact_id"].astype(str))):
        parent[c] = named_by.get(c, me)
    for p, by in named_by.items():
        parent.setdefault(p, by)
    tree = nx.DiGraph()
    tree.add_node(me)
    # attach breadth first from the seeker; people whose referrer is not in the tree
    # hang under the seeker
    children: dict[str, list[str]] = {}
    for p in sorted(parent):
        if p != me:
            by = parent[p] if parent[p] in parent or parent[p] == me else me
            children.setdefault(by, []).append(p)
    order, queue = [me], [me]
    while queue and len(order) < max_people:
        u = queue.pop(0)
        for v in children.get(u, []):
            if v not in tree and len(order) < max_people:
                tree.add_edge(u, v)
                order.append(v)
                queue.append(v)
    total = 1 + len([p for p in parent if p != me])
    depth = nx.shortest_path_length(tree, me)
    # a tidy tree: leaves side by side in depth-first order, parents over their children
    pos: dict[str, tuple[float, float]] = {}
    leaf = iter(range(len(tree)))

    def place(u: str) -> float:
        kids = list(tree.successors(u))
        x = sum(place(v) for v in kids) / len(kids) if kids else float(next(leaf))
        pos[u] = (x, -float(depth[u]))
        return x

    place(me)
    rows = max(depth.values()) + 1
    ax = _axes(ax, figsize=(max(6.0, 0.45 * len(tree)), 1.6 + 1.1 * rows))
    nx.draw_networkx_edges(tree, pos, ax=ax, edge_color="#999", arrows=True, arrowsize=8,
                           node_size=120)  # fmt: skip
    solid = [v for v in tree if v == me or v in met]
    hollow = [v for v in tree if v not in solid]
    nx.draw_networkx_nodes(tree, pos, nodelist=solid, node_color="#1f3b57", node_size=120,
                           ax=ax)  # fmt: skip
    nx.draw_networkx_nodes(tree, pos, nodelist=hollow, node_color="white", edgecolors="#1f3b57",
                           node_size=120, ax=ax)  # fmt: skip
    if len(tree) <= 30:
        for v, (x, y) in pos.items():
            ax.text(x, y - 0.12, net.name(v), ha="right" if len(tree) > 12 else "center",
                    va="top", fontsize=7, rotation=35 if len(tree) > 12 else 0,
                    rotation_mode="anchor", parse_math=False)  # fmt: skip
    more = total - len(tree)
    ax.set_title(
        f"{net.name(me)}'s referral cascade: {len(tree) - 1} people, "
        f"{rows - 1} generation{'s' if rows != 2 else ''}"
        + (f" (+{more} more not drawn)" if more else ""),
        fontsize=10,
    )
    ax.set_xlabel("solid: interviewed; hollow: named, not interviewed yet")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    return ax


# <<report figures>>
__all__ += ["plot_group_comparison", "plot_mixing", "plot_response_rates"]


def plot_group_comparison(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw a :func:`~netgraph.research.compare_groups` table: means with their intervals.

    Parameters
    ----------
    table
        One row per group: the group column first, then ``n``, ``mean``, ``ci_low``
        and ``ci_high``; hidden groups are listed as hidden.
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.
    """
    import numpy as np

    ax = _axes(ax, figsize=(7, 2.8))
    group = table.columns[0]
    mean = table["mean"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    low = table["ci_low"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    high = table["ci_high"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    n = table["n"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    labels = [
        f"{g} (n = {int(c)})" if not np.isnan(c) else f"{g} (hidden)"
        for g, c in zip(table[group].astype(str), n, strict=True)
    ]
    y = np.arange(len(table))
    shown = ~np.isnan(mean)
    ax.errorbar(mean[shown], y[shown], xerr=[mean[shown] - low[shown], high[shown] - mean[shown]],
                fmt="o", capsize=4, color="#4C72B0")  # fmt: skip
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.7, len(table) - 0.3)
    what = str(table.attrs.get("measure", "referrals_per_interview")).replace("_", " ")
    ax.set_xlabel(f"mean {what} (95% bootstrap interval)")
    ax.set_title(f"{what.capitalize()}, by {str(group).replace('_', ' ')}")
    if not shown.all():
        ax.text(
            0.99,
            0.02,
            f"{int((~shown).sum())} group(s) hidden: too few seekers",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=8,
            color="0.4",
        )
    return ax


def plot_mixing(
    table: pd.DataFrame, *, graph: str = "acquaintance", ax: Axes | None = None
) -> Axes:
    """Draw a mixing matrix (:func:`~netgraph.research.mixing`) as a heatmap.

    Each cell is the share of the ``graph``'s edges from a group (row) to a group
    (column); hidden cells are hatched grey.

    Parameters
    ----------
    table
        Rows ``graph``, ``source_value``, ``target_value``, ``edges``, ``share``.
    graph
        Which graph's edges: ``"acquaintance"``, ``"interviews"`` or ``"referrals"``.
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.
    """
    import numpy as np

    part = table[table["graph"] == graph]
    values = sorted(set(part["source_value"].astype(str)) | set(part["target_value"].astype(str)))
    where = {v: i for i, v in enumerate(values)}
    grid = np.full((len(values), len(values)), np.nan)
    shares = part["share"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    for s_, t_, share in zip(part["source_value"].astype(str), part["target_value"].astype(str),
                             shares, strict=True):  # fmt: skip
        grid[where[s_], where[t_]] = share
    ax = _axes(ax, figsize=(7.5, 6))
    ax.set_facecolor("#e6e6e6")
    image = ax.imshow(np.ma.masked_invalid(grid), cmap="Blues", vmin=0)
    ax.set_xticks(range(len(values)), values, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(values)), values, fontsize=8)
    ax.set_xlabel("to")
    ax.set_ylabel("from")
    ax.figure.colorbar(image, ax=ax, label=f"share of {graph} edges", shrink=0.8)
    column = str(table.attrs.get("attribute", "group")).replace("_", " ")
    ax.set_title(f"Who connects with whom ({graph} edges, by {column}); grey: hidden or none")
    return ax


def plot_response_rates(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw the response rate of each cohort (:func:`~netgraph.research.cohorts`).

    The share of requested interviews given, one bar per cohort with its number of
    requests; hidden cohorts are left out and counted in a note.

    Parameters
    ----------
    table
        A cohorts table: the cohort column first, ``interviews_requested`` and
        ``response_rate``.
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.
    """
    import numpy as np

    group = table.columns[0]
    rate = table["response_rate"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    shown = table[~np.isnan(rate)].assign(_rate=rate[~np.isnan(rate)]).sort_values("_rate")
    ax = _axes(ax, figsize=(7, 0.9 + 0.35 * max(len(shown), 1)))
    labels = [
        f"{g} ({int(r)} requests)"
        for g, r in zip(shown[group].astype(str), shown["interviews_requested"], strict=True)
    ]
    ax.barh(labels, shown["_rate"], color="#4C72B0")
    for i, v in enumerate(shown["_rate"]):
        ax.text(v + 0.01, i, f"{v:.0%}", va="center", fontsize=8)
    ax.set_xlim(0, 1.1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel("share of requested interviews that were given")
    ax.set_title(f"Response rate by {str(group).replace('_', ' ')}")
    hidden = int(np.isnan(rate).sum())
    if hidden:
        ax.text(0.99, 0.02, f"{hidden} group(s) hidden: too few people", transform=ax.transAxes,
                ha="right", va="bottom", fontsize=8, color="0.4")  # fmt: skip
    return ax


# Every public plot function draws the data's texts literally (keep this at the end of
# the module, after the last function: tests/test_plot.py checks each is wrapped).
for _name in __all__:
    globals()[_name] = _literal_text(globals()[_name])
del _name
