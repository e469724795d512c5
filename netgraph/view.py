"""An interactive view of the network: one HTML file that works offline.

Two views share one page design:

* **A student's own network** (:func:`network_view` with a ``seeker``): the seeker,
  every direct contact and the people they lead to within ``hops`` steps, with names
  (it is the student's own network). Clicking a contact lights up its *exclusive
  reach* (:func:`netgraph.bridge_contacts`): the people the seeker would no longer
  reach without them.
* **The whole network, pseudonymous** (``seeker=None``): every person (up to
  ``max_people``, a seeded sample above that) labelled only by a keyed pseudonym
  (:func:`netgraph.privacy.pseudonym`), with role and industry on hover, made
  k-anonymous over the people drawn (:func:`netgraph.privacy.k_anonymize`), and no
  organization, name or any other column; opted-out people are left out. Clicking a
  person lights up their direct contacts.

Either way: hover for a person's details, a legend entry per industry that shows or
hides that industry (the filter), zoom and pan with the mouse. The page is a Plotly
figure with plotly.js bundled inside the file, so it needs no network at view time.
The layout is a seeded spring layout over the nodes and edges in sorted order, so
the same data always gives the same picture (independent of ``PYTHONHASHSEED``).
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from netgraph.bridges import bridge_contacts, share_room
from netgraph.errors import NetgraphError
from netgraph.network import ReferralNetwork

__all__ = ["NetworkView", "network_view"]

#: Colour per industry, in order of size; "(none)" is grey.
_PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31",
)  # fmt: skip
_NONE = "(no industry)"
_DIV_ID = "netgraph-view"


@dataclass(frozen=True)
class NetworkView:
    """A rendered interactive view.

    Attributes
    ----------
    html
        A complete, self-contained HTML page (plotly.js inlined).
    fragment
        The same view as an HTML fragment for a notebook cell.
    people
        The ``person_id`` of every person drawn, the seeker first (in a pseudonymous
        view, their pseudonyms instead).
    hidden
        How many people within reach were left out to respect ``max_people``.
    title
        The heading shown above the figure.
    """

    html: str
    fragment: str
    people: tuple[str, ...]
    hidden: int
    title: str

    def save(self, path: str | Path, *, force: bool = False) -> Path:
        """Write the page to ``path`` atomically and return the path.

        An existing file is replaced only with ``force=True``, and never one that is
        not an HTML file (``.html`` or ``.htm``).
        """
        path = Path(path)
        if path.suffix.lower() not in (".html", ".htm"):
            raise NetgraphError(f"{path}: expected a file name ending in .html")
        if path.exists() and not force:
            raise NetgraphError(f"{path} exists; pass --force to replace it")
        if path.exists() and not path.is_file():
            raise NetgraphError(f"{path} is not a file")
        if not path.parent.is_dir():
            raise NetgraphError(f"{path.parent}: expected an existing folder")
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(self.html, encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise NetgraphError(f"{path}: cannot write ({exc.strerror})") from exc
        return path

    def _repr_html_(self) -> str:
        return self.fragment


def _text(value: object) -> str:
    """Return ``value`` as display text ('' for missing values)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _ego_people(
    net: ReferralNetwork, seeker: str, hops: int, max_people: int
) -> tuple[list[str], dict[str, tuple[str, ...]], int]:
    """Choose whom a seeker's view draws.

    The seeker, every contact, then the rest of the ``hops`` ball: people exclusive to
    a contact first (each contact's share of the room in proportion to its exclusive
    reach, at least one each), then the others by id, up to ``max_people``.
    """
    table = bridge_contacts(net, seeker, max_hops=hops)
    contacts = [str(c) for c in table["contact_id"]]
    exclusive = {
        str(c): tuple(str(x) for x in ex)
        for c, ex in zip(table["contact_id"], table["exclusive_ids"], strict=True)
    }
    csr = net.csr
    ids = csr.ids
    start = csr.index[seeker]
    seen = {start}
    frontier = [start]
    for _ in range(hops):
        nxt = []
        for row in frontier:
            for v in csr.neighbors(row).tolist():
                if v not in seen:
                    seen.add(v)
                    nxt.append(v)
        frontier = nxt
    ball = {str(ids[r]) for r in seen} - {seeker}
    base = [seeker, *contacts]
    room = max(max_people - len(base), 0)
    # every bridge contact keeps at least one of its exclusive people when there is
    # room, the rest of the room shared in proportion to exclusive reach
    bridges = sorted((c for c in contacts if exclusive[c]), key=lambda c: -len(exclusive[c]))
    quota = dict(zip(bridges, share_room([len(exclusive[c]) for c in bridges], room), strict=True))
    chosen = [p for c in bridges for p in exclusive[c][: quota[c]]]
    taken = set(base) | set(chosen)
    rest = sorted(p for p in ball if p not in taken)
    chosen += rest[: max(room - len(chosen), 0)]
    people = base[:max_people] + chosen
    return people, exclusive, len(ball) + 1 - len(people)


def _edges(net: ReferralNetwork, people: list[str]) -> list[tuple[str, str]]:
    from netgraph.bridges import _edges_among

    return _edges_among(net, people)


def _layout(
    people: list[str],
    edges: list[tuple[str, str]],
    seed: int,
    ring: list[str] | None = None,
) -> dict:
    """Return a seeded spring layout; with ``ring``, a radial one around ``people[0]``.

    For a seeker's view the seeker sits at the centre and ``ring`` (the contacts) on
    the unit circle, held fixed; everyone else starts on an outer ring beside the
    contact that leads to them and the spring layout settles them from there.
    """
    g = nx.Graph()
    g.add_nodes_from(sorted(people))
    g.add_edges_from(sorted(edges))
    k = 1.5 / max(np.sqrt(max(len(people), 1)), 1.0)
    if not ring:
        return nx.spring_layout(g, seed=seed, k=k, iterations=80)
    centre = people[0]
    angle = {c: np.pi / 2 - 2 * np.pi * i / len(ring) for i, c in enumerate(ring)}
    start = {centre: (0.0, 0.0)}
    start.update({c: (float(np.cos(a)), float(np.sin(a))) for c, a in angle.items()})
    rng = np.random.default_rng(seed)
    for p in sorted(set(people) - set(start)):
        near = [angle[c] for c in sorted(g[p]) if c in angle]
        a = near[0] if near else rng.uniform(0, 2 * np.pi)
        r = 2.0 + rng.uniform(-0.3, 0.3)
        start[p] = (r * float(np.cos(a + rng.uniform(-0.2, 0.2))), r * float(np.sin(a)))
    fixed = [centre, *ring]
    pos = nx.spring_layout(
        g, pos=start, fixed=fixed, seed=seed, k=2.0 / np.sqrt(len(ring) + 1), iterations=60
    )
    # keep everyone beyond the contacts outside their ring
    for p in set(people) - set(fixed):
        x, y = pos[p]
        r = float(np.hypot(x, y))
        if r < 1.4:
            a = float(np.arctan2(y, x)) if r > 0 else angle.get(p, 0.0)
            pos[p] = np.array([1.4 * np.cos(a), 1.4 * np.sin(a)])
    return pos


def network_view(
    net: ReferralNetwork,
    seeker: str | None = None,
    *,
    hops: int = 2,
    max_people: int = 400,
    key: str | bytes | None = None,
    k: int = 5,
    seed: int = 7,
) -> NetworkView:
    """Build an interactive, offline HTML view of a seeker's network or of everyone.

    Parameters
    ----------
    net
        The network.
    seeker
        A ``person_id`` or unambiguous name: their own network, with names. ``None``:
        the whole network, pseudonymous, opted-out people left out.
    hops
        With a seeker, how far from them to draw (1 or 2).
    max_people
        At most this many people are drawn; the rest are counted in
        :attr:`NetworkView.hidden` and said in the title.
    key
        The pseudonym key for the network-wide view (see
        :func:`netgraph.privacy.pseudonym`); ignored with a seeker.
    k
        In the network-wide view, role and industry are generalised or suppressed
        (:func:`netgraph.privacy.k_anonymize`) until every combination shown is
        shared by at least ``k`` of the people drawn.
    seed
        Seed of the layout.

    Returns
    -------
    NetworkView
        The page, its notebook fragment, who was drawn and how many were not.

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.
    NetgraphError
        If ``hops`` is not 1 or 2, or ``max_people`` is below 2.

    Examples
    --------
    >>> import netgraph as ng
    >>> view = ng.network_view(ng.load(), "p001", max_people=60)
    >>> view.people[0], len(view.people), "plotly" in view.html
    ('p001', 60, True)

    References
    ----------
    .. [1] Granovetter, M. S. (1973). The strength of weak ties. *American Journal of
       Sociology* 78(6), 1360–1380.
    """
    if hops not in (1, 2):
        raise NetgraphError(f"the view draws 1 or 2 hops, got {hops!r}")
    if isinstance(max_people, bool) or not isinstance(max_people, int) or max_people < 2:
        raise NetgraphError(f"max_people must be a whole number of at least 2, got {max_people!r}")
    people_table = net.people
    if seeker is not None:
        seeker = net.resolve(seeker)
        people, exclusive, hidden = _ego_people(net, seeker, hops, max_people)
        name = _text(people_table.at[seeker, "name"]) if "name" in people_table else seeker
        title = f"{name}'s network: you, your {len(exclusive)} contacts and whom they lead to"
        label = {p: _text(people_table.at[p, "name"]) or p for p in people}
        detail_cols = ("role", "title", "organization", "industry")
        highlight = {c: list(ex) for c, ex in exclusive.items()}
        shown = label
        ident = {p: p for p in people}
    else:
        from netgraph.privacy import k_anonymize, pseudonym, without_opted_out

        net = without_opted_out(net)
        people_table = net.people
        everyone = sorted(str(p) for p in people_table.index)
        if len(everyone) > max_people:
            rng = np.random.default_rng(seed)
            people = sorted(rng.choice(everyone, size=max_people, replace=False).tolist())
        else:
            people = everyone
        hidden = len(everyone) - len(people)
        shown = {p: pseudonym(p, key) for p in people}
        label = shown
        ident = shown
        detail_cols = tuple(c for c in ("role", "industry") if c in people_table.columns)
        # what hover and colour publish is k-anonymous over the people drawn
        people_table = k_anonymize(people_table.loc[people, list(detail_cols)], detail_cols, k=k)
        title = f"The whole network, pseudonymous: {len(people):,} people"
        highlight = None
    if hidden:
        title += f" (+{hidden:,} more not drawn)"
    edges = _edges(net, people)
    ring = None
    if seeker is not None:
        # contacts round the circle grouped by industry, so colours form arcs
        ind = people_table.get("industry")
        ring = sorted(exclusive, key=lambda c: (_text(ind.at[c]) if ind is not None else "", c))
    pos = _layout(people, edges, seed, ring)
    if highlight is None:
        nbrs: dict[str, list[str]] = {p: [] for p in people}
        for u, v in edges:
            nbrs[u].append(shown[v])
            nbrs[v].append(shown[u])
        highlight = {shown[p]: sorted(n) for p, n in nbrs.items()}
    else:
        highlight = {c: [p for p in ex if p in pos] for c, ex in highlight.items()}
    return _render(
        people_table, people, edges, pos, shown, ident, detail_cols, highlight, title, hidden,
        seeker, exclusive if seeker is not None else None,
    )  # fmt: skip


def _render(
    table: pd.DataFrame,
    people: list[str],
    edges: list[tuple[str, str]],
    pos: dict,
    shown: dict[str, str],
    ident: dict[str, str],
    detail_cols: tuple[str, ...],
    highlight: dict[str, list[str]],
    title: str,
    hidden: int,
    seeker: str | None,
    exclusive: dict[str, tuple[str, ...]] | None,
) -> NetworkView:
    import plotly.graph_objects as go
    import plotly.io as pio

    industry = {
        p: (_text(table.at[p, "industry"]) if "industry" in table else "") or _NONE for p in people
    }
    groups = pd.Series(industry).value_counts()
    order = sorted(groups.index, key=lambda g: (g == _NONE, -groups[g], g))
    colour = {g: ("#9e9e9e" if g == _NONE else _PALETTE[i % len(_PALETTE)]) for i, g in
              enumerate(order)}  # fmt: skip
    ex_x: list[float | None] = []
    ex_y: list[float | None] = []
    for u, v in edges:
        ex_x += [pos[u][0], pos[v][0], None]
        ex_y += [pos[u][1], pos[v][1], None]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=ex_x, y=ex_y, mode="lines", hoverinfo="skip", showlegend=False,
            line={"width": 0.6, "color": "rgba(120,120,120,0.35)"}, name="ties",
        )
    )  # fmt: skip
    contacts = set(exclusive) if exclusive else set()
    # names on the picture: the seeker and the 12 largest bridges; the rest on hover
    top = sorted(contacts, key=lambda c: (-len(exclusive[c]), c))[:12] if exclusive else []
    labelled = {seeker, *top} if seeker else set()
    for g in order:
        members = [p for p in people if industry[p] == g]
        hover = []
        for p in members:
            lines = [f"<b>{html.escape(shown[p])}</b>"]
            for col in detail_cols:
                value = _text(table.at[p, col]) if col in table else ""
                if value:
                    lines.append(f"{col.capitalize()}: {html.escape(value)}")
            if exclusive is not None and p in contacts:
                lines.append(f"Only through them: {len(exclusive[p])} people (click)")
            hover.append("<br>".join(lines))
        size = [22 if p == seeker else 13 if p in contacts else 8 for p in members]
        fig.add_trace(
            go.Scatter(
                x=[pos[p][0] for p in members], y=[pos[p][1] for p in members],
                mode="markers+text" if seeker is not None else "markers",
                text=[shown[p] if p in labelled else "" for p in members],
                textposition="top center", textfont={"size": 10},
                customdata=[ident[p] for p in members],
                hovertext=hover, hoverinfo="text", name=f"{g} ({len(members)})",
                marker={"size": size, "color": colour[g], "line": {"width": 1, "color": "white"}},
            )
        )  # fmt: skip
    fig.update_layout(
        title={"text": html.escape(title), "x": 0.01},
        showlegend=True,
        legend={
            "title": {"text": "Industry (click to show or hide):", "side": "top"},
            "orientation": "h",
            "x": 0,
            "y": -0.02,
            "yanchor": "top",
        },
        hovermode="closest",
        clickmode="event",
        dragmode="pan",
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        xaxis={"visible": False},
        yaxis={"visible": False, "scaleanchor": "x"},
        height=720,
    )
    data = {
        "highlight": highlight,
        "seeker": seeker,
        "names": {ident[p]: shown[p] for p in people},
        "noun": "only through them" if exclusive is not None else "in direct contact with them",
    }
    script = _SCRIPT.replace("__DATA__", json.dumps(data, sort_keys=True))
    config = {"scrollZoom": True, "displaylogo": False, "responsive": True}
    fragment = pio.to_html(
        fig, full_html=False, include_plotlyjs=True, div_id=_DIV_ID, config=config,
        post_script=script,
    )  # fmt: skip
    page = _PAGE.format(title=html.escape(title), body=fragment)
    return NetworkView(page, fragment, tuple(ident[p] for p in people), hidden, title)


#: Runs after the figure is drawn: a click on a person lights up their set (exclusive
#: reach, or direct contacts) and dims everyone else; a click on empty space resets.
_SCRIPT = """
(function () {
  var data = __DATA__;
  var gd = document.getElementById('{plot_id}');
  var info = document.createElement('p');
  info.id = 'netgraph-info';
  info.style.font = '14px sans-serif';
  info.style.margin = '4px 12px';
  info.textContent = 'Click a person to light up the people ' + data.noun + '.';
  gd.parentNode.insertBefore(info, gd);
  function paint(who) {
    var lit = who ? new Set(data.highlight[who] || []) : null;
    var update = {'marker.opacity': [], 'marker.line.color': [], 'marker.line.width': []};
    var traces = [];
    for (var i = 1; i < gd.data.length; i++) {
      var ids = gd.data[i].customdata || [];
      update['marker.opacity'].push(ids.map(function (p) {
        return !lit || p === who || lit.has(p) || p === data.seeker ? 1 : 0.12; }));
      update['marker.line.color'].push(ids.map(function (p) {
        return lit && lit.has(p) ? '#000' : 'white'; }));
      update['marker.line.width'].push(ids.map(function (p) {
        return lit && lit.has(p) ? 2 : 1; }));
      traces.push(i);
    }
    Plotly.restyle(gd, update, traces);
    gd.setAttribute('data-lit', lit ? String(lit.size) : '');
    gd.setAttribute('data-selected', who || '');
    info.textContent = who
      ? (data.names[who] || who) + ': ' + (data.highlight[who] || []).length +
        ' people ' + data.noun + ' (double-click to reset)'
      : 'Click a person to light up the people ' + data.noun + '.';
  }
  window.netgraphSelect = paint;
  gd.on('plotly_click', function (ev) {
    var p = ev.points && ev.points[0];
    if (p && p.customdata !== undefined) { paint(p.customdata); }
  });
  gd.on('plotly_doubleclick', function () { paint(null); });
  gd.setAttribute('data-ready', '1');
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body {{ font-family: sans-serif; margin: 0; }}
header {{ padding: 8px 12px; color: #444; font-size: 13px; }}</style>
</head><body>
<header>netgraph interactive view. Hover for details, scroll to zoom, drag to pan,
click a legend entry to show or hide an industry; double-click to reset.</header>
{body}
</body></html>
"""
