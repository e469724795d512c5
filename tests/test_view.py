"""The interactive view: what it draws, what it hides, and how it behaves in a real browser."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import netgraph as ng
from netgraph.cli import main
from netgraph.privacy import opted_out
from netgraph.view import network_view

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample():
    return ng.load()


@pytest.fixture(scope="module")
def ego(sample):
    return network_view(sample, "p001")


def test_ego_view_draws_seeker_every_contact_and_their_exclusive_people(sample, ego):
    table = ng.bridge_contacts(sample, "p001", max_hops=2)
    assert ego.people[0] == "p001"
    drawn = set(ego.people)
    assert set(table["contact_id"]) <= drawn
    assert len(ego.people) == len(set(ego.people)) <= 400
    # everyone in the 2-hop ball fits at 400, so nobody is hidden and all exclusive
    # people are drawn
    assert ego.hidden == 0
    for ex in table["exclusive_ids"]:
        assert set(ex) <= drawn
    assert "Maya Okonkwo-Reyes" in ego.html


def test_cap_counts_who_is_not_drawn(sample):
    view = network_view(sample, "p001", max_people=40)
    total = len(ng.reach(sample, "p001", max_hops=2)) + 1
    assert len(view.people) == 40
    assert view.hidden == total - 40
    assert f"+{total - 40} more not drawn" in view.title


def test_cap_keeps_some_exclusive_people_of_each_bridge(sample):
    view = network_view(sample, "p001", max_people=60)
    table = ng.bridge_contacts(sample, "p001", max_hops=2)
    drawn = set(view.people)
    for ex in table["exclusive_ids"]:
        if ex:
            assert drawn & set(ex)


def _page_data(page_html: str) -> dict:
    match = re.search(r"var data = (\{.*?\});\n", page_html)
    assert match
    return json.loads(match.group(1))


def test_click_data_is_the_exclusive_reach(sample, ego):
    data = _page_data(ego.html)
    table = ng.bridge_contacts(sample, "p001", max_hops=2)
    for c, ex in zip(table["contact_id"], table["exclusive_ids"], strict=True):
        assert sorted(data["highlight"][c]) == sorted(ex)


def test_network_view_is_pseudonymous_attack_by_search(sample, monkeypatch):
    """Search the page for every name, e-mail, organization and id: none may appear."""
    monkeypatch.setenv("NETGRAPH_PSEUDONYM_KEY", "a-long-enough-test-key-0123456789")
    view = network_view(sample, None, key="a-long-enough-test-key-0123456789")
    people = sample.people
    scripts = re.findall(r"<script[^>]*>.*?</script>", view.html, flags=re.S)
    library = max(scripts, key=len)  # plotly.js itself
    assert "plotly.js" in library[:300]
    page = view.html.replace(library, "")
    leaked = []
    for pid, row in people.iterrows():
        for value in (pid, row.get("name"), row.get("email"), row.get("organization")):
            if isinstance(value, str) and len(value) > 3 and f'"{value}' in page:
                leaked.append(value)
            if isinstance(value, str) and len(value) > 3 and f">{value}<" in page:
                leaked.append(value)
    assert leaked == []
    assert all(p.startswith("anon-") for p in view.people)


def test_network_view_leaves_out_opted_out_people(sample):
    out = opted_out(sample)
    view = network_view(sample, None, key="a-long-enough-test-key-0123456789")
    from netgraph.privacy import pseudonym

    hidden = {pseudonym(p, "a-long-enough-test-key-0123456789") for p in out}
    assert not hidden & set(view.people)
    assert len(view.people) == len(sample.people) - len(out)


def test_same_data_same_page(sample, ego):
    assert network_view(sample, "p001").html == ego.html


def test_layout_does_not_depend_on_hash_seed():
    code = (
        "import hashlib, netgraph as ng;"
        "v = ng.network_view(ng.load(), 'p001', max_people=80);"
        "print(hashlib.sha256(v.html.encode()).hexdigest())"
    )
    digests = set()
    for seed in ("0", "1", "31"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [({"hops": 3}, "1 or 2 hops"), ({"max_people": 1}, "at least 2")],
)
def test_bad_options(sample, options, message):
    with pytest.raises(ng.NetgraphError, match=message):
        network_view(sample, "p001", **options)


def test_save_never_replaces_without_force(tmp_path, ego):
    target = tmp_path / "mine.html"
    target.write_text("my own page")
    with pytest.raises(ng.NetgraphError, match="--force"):
        ego.save(target)
    assert target.read_text() == "my own page"
    with pytest.raises(ng.NetgraphError, match=r"\.html"):
        ego.save(tmp_path / "thesis.docx")
    ego.save(target, force=True)
    assert target.read_text().startswith("<!DOCTYPE html>")


def test_cli_view(tmp_path, capsys):
    out = tmp_path / "net.html"
    assert main(["view", "--seeker", "p001", "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert out.stat().st_size > 1_000_000  # plotly.js is inside
    assert "cdn" not in re.sub(r"<script[^>]*>.*?</script>", "", out.read_text(), flags=re.S)
    assert main(["view", "--seeker", "p001", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["view", "--network", "--seeker", "p001", "--out", str(out)]) == 2


# ------------------------------------------------------------ in a real browser
def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_selector("#netgraph-view[data-ready='1']", timeout=30_000)
    return page, errors, requests


def test_view_in_browser_click_lights_up_exclusive_reach(browser_page, sample, tmp_path):
    view = network_view(sample, "p001")
    path = view.save(tmp_path / "ego.html")
    page, errors, requests = _open(browser_page, path)
    points = page.locator("#netgraph-view .scatterlayer .trace path.point")
    assert points.count() == len(view.people)
    # click the biggest bridge contact's own dot, with the mouse
    table = ng.bridge_contacts(sample, "p001", max_hops=2)
    contact, n_ex = table["contact_id"].iloc[0], table["exclusive_reach"].iloc[0]
    assert n_ex > 0
    where = page.evaluate(
        """(who) => { const gd = document.getElementById('netgraph-view');
          for (let i = 1; i < gd.data.length; i++) {
            const j = (gd.data[i].customdata || []).indexOf(who);
            if (j >= 0) {
              const el = gd.querySelectorAll('.scatterlayer .trace')[i]
                .querySelectorAll('path.point')[j];
              const b = el.getBoundingClientRect();
              return [b.x + b.width / 2, b.y + b.height / 2]; } }
          return null; }""",
        contact,
    )
    assert where is not None
    page.mouse.click(*where)
    page.wait_for_function(
        "document.getElementById('netgraph-view').getAttribute('data-selected') !== ''"
    )
    selected = page.get_attribute("#netgraph-view", "data-selected")
    assert selected == contact
    assert page.get_attribute("#netgraph-view", "data-lit") == str(n_ex)
    assert f"{n_ex} people only through them" in page.inner_text("#netgraph-info")
    # dimmed: everyone except the contact, the seeker and the lit people
    opacities = page.evaluate(
        "() => [].concat(...document.getElementById('netgraph-view').data.slice(1)"
        ".map(t => t.marker.opacity))"
    )
    assert sum(o == 1 for o in opacities) == n_ex + 2
    shot = tmp_path / "ego.png"
    page.screenshot(path=str(shot))
    import matplotlib.image as mpimg

    pixels = mpimg.imread(shot)
    assert pixels.std() > 0.05  # not a blank page
    assert errors == []
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests)  # offline
    page.close()


def test_network_view_in_browser_legend_filters_industry(browser_page, sample, tmp_path):
    view = network_view(sample, None, key="a-long-enough-test-key-0123456789")
    path = view.save(tmp_path / "all.html")
    page, errors, _ = _open(browser_page, path)
    points = page.locator("#netgraph-view .scatterlayer .trace path.point")
    assert points.count() == len(view.people)
    hint = page.inner_text("#netgraph-info")
    assert hint == "Click a person to light up the people in direct contact with them."
    first = page.locator("#netgraph-view .legend .traces").first
    hidden = page.evaluate("() => document.getElementById('netgraph-view').data[1].x.length")
    first.click()
    page.wait_for_function(
        "document.getElementById('netgraph-view').data[1].visible === 'legendonly'"
    )
    assert points.count() == len(view.people) - hidden
    assert errors == []
    page.close()


def test_network_view_hover_is_k_anonymous(sample):
    """Attack: count people sharing each published (role, industry) pair: none below k."""
    view = network_view(sample, None, key="a-long-enough-test-key-0123456789", k=5)
    data = json.loads(re.search(r"Plotly\.newPlot\([^,]+,\s*(\[.*?\]),\s*\{", view.html,
                                flags=re.S).group(1))  # fmt: skip
    combos: dict[tuple[str, str], int] = {}
    for trace in data[1:]:
        for text in trace["hovertext"]:
            role = re.search(r"Role: ([^<]*)", text)
            industry = re.search(r"Industry: ([^<]*)", text)
            pair = (role.group(1) if role else "", industry.group(1) if industry else "")
            combos[pair] = combos.get(pair, 0) + 1
    assert sum(combos.values()) == len(view.people)
    assert min(combos.values()) >= 5
