"""Pictures: titled, labelled, honest about what they leave out, and readable."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from conftest import people, ties, write_folder

import netgraph as ng

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from netgraph.plot import plot_path_card, plot_referral_tree, plot_timeline


def _overlaps(ax) -> list[tuple[str, str]]:
    """Pairs of visible, non-empty texts on ``ax`` whose boxes overlap on the canvas."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [
        (t.get_text(), t.get_window_extent(renderer))
        for t in ax.texts
        if t.get_visible() and t.get_text().strip()
    ]
    return [
        (a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1 :] if ba.overlaps(bb)
    ]


@pytest.fixture(scope="module")
def sample():
    return ng.load()


@pytest.fixture
def chain(tmp_path):
    """s met a (classmate tie); a named b; s met b; b named c, never contacted."""
    folder = write_folder(
        tmp_path / "d",
        people(
            "s",
            "a",
            "b",
            "c",
            a={"title": "Analyst", "organization": "Acme", "industry": "Finance"},
        ),
        ties(("s", "a"), kind="classmate"),
        [
            {
                "interview_id": "i1",
                "seeker_id": "s",
                "contact_id": "a",
                "date": "2025-01-10",
                "status": "completed",
            },
            {
                "interview_id": "i2",
                "seeker_id": "s",
                "contact_id": "b",
                "date": "2025-02-10",
                "status": "completed",
            },
        ],
        [
            {
                "referral_id": "r1",
                "interview_id": "i1",
                "referrer_id": "a",
                "seeker_id": "s",
                "referred_id": "b",
                "date": "2025-01-10",
                "status": "interviewed",
            },
            {
                "referral_id": "r2",
                "interview_id": "i2",
                "referrer_id": "b",
                "seeker_id": "s",
                "referred_id": "c",
                "date": "2025-02-10",
                "status": "named",
            },
        ],
    )
    return ng.load(folder)


def test_path_card_shows_each_step(chain):
    ax = plot_path_card(chain, "s", "industry=Finance")
    texts = [t.get_text() for t in ax.texts]
    assert "You\nName s\n" in texts
    assert "Name a\nAnalyst\nAcme, Finance" in texts
    assert any(t.startswith("classmate") for t in texts)
    assert ax.get_title() == "How you are connected to Finance (industry) (warmest route, 1 step)"
    assert _overlaps(ax) == []
    plt.close(ax.figure)


def test_path_card_on_the_sample_is_readable(sample):
    ax = plot_path_card(sample, "p001", "industry=Finance")
    assert ax.get_title().startswith("How you are connected to Finance")
    assert _overlaps(ax) == []
    plt.close(ax.figure)


def test_path_card_takes_names_with_dollars(make_net):
    net = make_net(people("s", "a", a={"name": "Ca$h $mith"}), ties(("s", "a")))
    ax = plot_path_card(net, "s", "a")
    ax.figure.canvas.draw()  # mathtext would fail on the lone $
    assert "Ca$h $mith\nAlum\n" in [t.get_text() for t in ax.texts]
    plt.close(ax.figure)


def test_timeline_counts_events(chain):
    ax = plot_timeline(chain, "s")
    assert ax.get_ylabel() == "people within 2 hops"
    assert ax.get_xlabel() == "date"
    assert ax.get_title()
    labels = [t.get_text() for t in ax.figure.axes[1].get_legend().get_texts()]
    assert "interview completed (2)" in labels
    assert "name passed on to you (2)" in labels
    plt.close(ax.figure)


def test_timeline_on_day_one_says_so(make_net):
    net = make_net(people("s", "a"), ties(("s", "a")))
    ax = plot_timeline(net, "s")
    assert "No interviews or referrals logged yet" in [t.get_text() for t in ax.texts]
    plt.close(ax.figure)


def test_referral_tree_follows_who_named_whom(chain):
    ax = plot_referral_tree(chain, "s")
    assert ax.get_title() == "Name s's referral cascade: 3 people, 3 generations"
    pos = {t.get_text(): t.get_position() for t in ax.texts}
    # generations go down: a, then b (named by a), then c (named by b)
    assert pos["Name s"][1] > pos["Name a"][1] > pos["Name b"][1] > pos["Name c"][1]
    plt.close(ax.figure)


def test_referral_tree_caps_and_says_how_many_more(sample):
    ax = plot_referral_tree(sample, "p001", max_people=5)
    assert "(+" in ax.get_title() and "more not drawn" in ax.get_title()
    plt.close(ax.figure)


# ------------------------------------------------ mathtext in the data
MATH = r" $\frac$ $^$"  # unbalanced mathtext: matplotlib raised ValueError drawing it


@pytest.fixture(scope="module")
def dollars():
    """The sample with mathtext in every name, organization and industry."""
    from netgraph.load import read_tables, sample_data_path
    from netgraph.network import ReferralNetwork

    tables = read_tables(sample_data_path())
    rows = tables["people"]
    for col in ("name", "organization", "industry"):
        rows[col] = rows[col].where(rows[col].eq(""), rows[col] + MATH)
    return ReferralNetwork.from_tables(tables)


def _calls():
    from netgraph import plot

    return {
        "plot_reach": lambda n: plot.plot_reach(n, "p001"),
        "plot_reach_over_time": lambda n: plot.plot_reach_over_time(n, "p001", max_hops=2),
        "plot_ego_bridges": lambda n: plot.plot_ego_bridges(n, "p001"),
        "plot_suggestions": lambda n: plot.plot_suggestions(n, "p001"),
        "plot_engagement_distribution": lambda n: plot.plot_engagement_distribution(n),
        "plot_funnel": lambda n: plot.plot_funnel(n),
        "plot_cascade_depth": lambda n: plot.plot_cascade_depth(n),
        "plot_cohorts_over_time": lambda n: plot.plot_cohorts_over_time(n),
        "plot_path_card": lambda n: plot.plot_path_card(n, "p001", "industry=Healthcare" + MATH),
        "plot_timeline": lambda n: plot.plot_timeline(n, "p001"),
        "plot_referral_tree": lambda n: plot.plot_referral_tree(n, "p001"),
        "plot_group_comparison": lambda n: plot.plot_group_comparison(
            ng.compare_groups(n, "first_generation", "referrals_per_interview", k=1, n_boot=50)
        ),
        "plot_response_rates": lambda n: plot.plot_response_rates(ng.cohorts(n, "industry", k=1)),
        "plot_mixing": lambda n: plot.plot_mixing(ng.mixing(n, "industry", k=1).matrix),
    }


def test_every_plot_function_draws_its_texts_literally():
    from netgraph import plot

    assert sorted(_calls()) == sorted(plot.__all__)  # a new one: add it to _calls
    for name in plot.__all__:  # wrapped by _literal_text at the end of the module
        assert getattr(plot, name).__wrapped__.__name__ == name


def _draw(ax):
    """Draw the figure (mathtext is parsed then) and return its texts; close it."""
    from matplotlib.text import Text

    try:
        ax.figure.canvas.draw()
        return [t for a in ax.figure.axes for t in a.findobj(Text) if t.get_text()]
    finally:
        plt.close(ax.figure)


@pytest.mark.parametrize(
    "name",
    [
        "plot_reach",
        "plot_reach_over_time",
        "plot_ego_bridges",
        "plot_suggestions",
        "plot_engagement_distribution",
        "plot_funnel",
        "plot_cascade_depth",
        "plot_cohorts_over_time",
        "plot_path_card",
        "plot_timeline",
        "plot_referral_tree",
    ],
)
def test_mathtext_in_names_is_drawn_as_written(dollars, name):
    texts = _draw(_calls()[name](dollars))
    for t in texts:  # nothing is read as a formula
        assert not t._preprocess_math(t.get_text())[1], (name, t.get_text())
    research = ("plot_engagement_distribution", "plot_funnel", "plot_cascade_depth")
    if name not in (*research, "plot_cohorts_over_time"):  # those draw no names
        assert any(MATH.strip() in t.get_text() for t in texts), name


@pytest.mark.parametrize("by", ["industry", "organization"])
def test_tick_labels_from_the_data_are_drawn_as_written(dollars, by):
    from netgraph.plot import plot_reach

    ax = plot_reach(dollars, "p001", by=by)
    labels = [t for t in _draw(ax) if t in ax.get_yticklabels()]
    assert labels and all(t.get_text().endswith(r"\$\frac\$ \$^\$") for t in labels)
    assert all(t._preprocess_math(t.get_text()) == (t.get_text().replace("\\$", "$"), False)
               for t in labels)  # fmt: skip


def test_a_figure_of_the_user_keeps_its_own_formulas(sample):
    from netgraph.plot import plot_reach

    fig, (mine, ours) = plt.subplots(1, 2)
    mine.set_title(r"$\alpha$")
    plot_reach(sample, "p001", ax=ours)
    assert mine.title.get_parse_math() and not ours.title.get_parse_math()
    plt.close(fig)


# ----------------------------------------------------------------- report figures
def test_funnel_says_share_of_previous_step_and_of_requests():
    from netgraph.plot import plot_funnel

    table = pd.DataFrame(
        {
            "group": ["all"],
            "requested": [200],
            "completed": [100],
            "with_referral": [50],
            "referral_interviewed": [10],
        }
    )
    ax = plot_funnel(table)
    texts = [t.get_text() for t in ax.texts]
    assert "50\n50% of previous\n25% of requests" in texts
    assert "10\n20% of previous\n5% of requests" in texts
    plt.close(ax.figure)


def test_funnel_by_group_names_each_groups_requests():
    from netgraph.plot import plot_funnel

    table = pd.DataFrame(
        {
            "international": ["no", "yes"],
            "requested": [40, pd.NA],
            "completed": [20, pd.NA],
            "with_referral": [10, pd.NA],
            "referral_interviewed": [5, pd.NA],
        }
    )
    ax = plot_funnel(table)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["no (n = 40 requests)", "yes (n = hidden)"]
    plt.close(ax.figure)


def test_activity_per_month_marks_partial_periods():
    from netgraph.plot import plot_cohorts_over_time

    table = pd.DataFrame(
        {
            "period": ["2024", "2025", "2026"],
            "grad_year": ["2010-2019"] * 3,
            "active_people": [8, 24, 6],
            "interviews_given": [1, 2, 3],
            "referrals_given": [1, 2, 3],
            "months_observed": [4, 12, 3],
        }
    )
    ax = plot_cohorts_over_time(table)
    line = ax.get_lines()[0]
    assert list(line.get_ydata()) == [2.0, 2.0, 2.0]  # the same rate: no rise and fall
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["2024\n(partial)", "2025", "2026\n(partial)"]
    assert ax.get_ylabel() == "active people per month"
    plt.close(ax.figure)


def test_group_comparison_and_response_rates_and_mixing():
    from netgraph.plot import plot_group_comparison, plot_mixing, plot_response_rates

    comp = pd.DataFrame(
        {
            "first_generation": ["no", "yes"],
            "n": [26, pd.NA],
            "mean": [0.8, None],
            "ci_low": [0.5, None],
            "ci_high": [1.1, None],
        }
    )
    ax = plot_group_comparison(comp)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["no (n = 26)", "yes (hidden)"]
    assert ax.get_xlabel().startswith("mean referrals per interview")
    plt.close(ax.figure)
    rates = pd.DataFrame(
        {
            "industry": ["A", "B", "C"],
            "interviews_requested": [10, 20, pd.NA],
            "response_rate": [0.5, 0.8, None],
        }
    )
    ax = plot_response_rates(rates)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A (10 requests)", "B (20 requests)"]
    assert "1 group(s) hidden" in " ".join(t.get_text() for t in ax.texts)
    plt.close(ax.figure)
    mix = pd.DataFrame(
        {
            "graph": ["acquaintance"] * 3,
            "source_value": ["A", "A", "B"],
            "target_value": ["A", "B", "B"],
            "edges": [5, pd.NA, 7],
            "share": [0.4, None, 0.6],
        }
    )
    ax = plot_mixing(mix)
    grid = ax.images[0].get_array()
    assert grid[0, 0] == pytest.approx(0.4) and grid[1, 1] == pytest.approx(0.6)
    assert bool(grid.mask[0, 1])  # hidden cell drawn as hidden
    plt.close(ax.figure)
