"""The notebooks run top to bottom on the sample; a failing cell fails the suite.

Each notebook is executed once per session (``executed``), with a prelude cell that
checks every figure a cell leaves open (title, axis labels) and a closing cell that
fails when one lacks them; the notebook's own cells run unchanged between the two.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import netgraph
from netgraph import plot

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
README = ROOT / "README.md"
HAS_WIDGETS = importlib.util.find_spec("ipywidgets") is not None

# Runs in the kernel before the notebook: after every cell (before the inline backend
# closes them) look at each open figure. A chart needs a title and both axis labels; a
# drawing without ticks on either axis or with its axes off (a network picture, a path
# card) needs a title.
FIGURE_CHECK = """
import sys as _sys

_figure_problems, _figures_checked = [], [0]


def _check_figures(*_):
    plt = _sys.modules.get("matplotlib.pyplot")
    if plt is None:
        return
    for number in plt.get_fignums():
        figure = plt.figure(number)
        suptitle = figure._suptitle.get_text() if figure._suptitle else ""
        for i, ax in enumerate(figure.axes):
            if any(ax.get_shared_x_axes().joined(ax, other) for other in figure.axes[:i]):
                continue  # a twin (a second y axis) is labelled with the axes it shares
            _figures_checked[0] += 1
            title = ax.get_title() or ax.get_title("left") or suptitle
            chart = ax.axison and bool(ax.get_xticks().size or ax.get_yticks().size)
            missing = [name for name, text in [
                ("title", title),
                ("x label", ax.get_xlabel() if chart else "-"),
                ("y label", ax.get_ylabel() if chart else "-"),
            ] if not text.strip()]
            if missing:
                _figure_problems.append(f"{title or 'untitled figure'}: no {', '.join(missing)}")


get_ipython().events.register("post_execute", _check_figures)
"""
FIGURE_VERDICT = """
print(f"{_figures_checked[0]} axes checked")
assert not _figure_problems, _figure_problems
"""


def run_notebook(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Execute a notebook in its own folder; raise CellExecutionError on a failing cell."""
    nb = nbformat.read(path, as_version=4)
    return execute(nb, path.parent, timeout=timeout)


def execute(nb: nbformat.NotebookNode, folder: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Execute ``nb`` in place with ``folder`` as working directory and return it."""
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    return nb


def tagged(nb: nbformat.NotebookNode, tag: str) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]


def outputs(cell: nbformat.NotebookNode, kind: str) -> list:
    """The outputs of ``cell`` of a MIME type (``image/png``) or stream (``stdout``)."""
    found = []
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream" and o["name"] == kind:
            found.append(o["text"])
        elif kind in o.get("data", {}):
            found.append(o["data"][kind])
    return found


@pytest.fixture(scope="module")
def executed():
    """Return (executed notebook's own cells, notebook, seconds), running each once."""
    _runs: dict[Path, tuple[nbformat.NotebookNode, float]] = {}

    def run(path: Path) -> tuple[list, nbformat.NotebookNode, float]:
        if path not in _runs:
            nb = nbformat.read(path, as_version=4)
            nb.cells.insert(0, nbformat.v4.new_code_cell(FIGURE_CHECK))
            nb.cells.append(nbformat.v4.new_code_cell(FIGURE_VERDICT))
            start = time.perf_counter()
            execute(nb, path.parent)
            _runs[path] = (nb, time.perf_counter() - start)
        nb, seconds = _runs[path]
        return nb.cells[1:-1], nb, seconds

    return run


def test_there_are_two_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01_my_network.ipynb", "02_alumni_engagement.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path, executed):
    cells, _, seconds = executed(path)
    code = [c for c in cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    warnings = [t for c in code for t in outputs(c, "stderr") if "Warning" in t]
    assert warnings == []
    assert seconds < 60, f"{path.name} took {seconds:.1f} s"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_has_a_title_and_axis_labels(path, executed):
    cells, nb, _ = executed(path)
    verdict = "".join(outputs(nb.cells[-1], "stdout"))
    checked = int(re.search(r"(\d+) axes checked", verdict).group(1))
    # every picture a cell left open was checked (the explorer shows and closes its own)
    pictures = [
        p for c in cells if c not in tagged(nb, "explorer") for p in outputs(c, "image/png")
    ]
    assert len(pictures) >= 7
    assert checked >= len(pictures)


def test_the_interactive_views_are_inline(executed):
    """Notebook 1 shows the student's own view with names; notebook 2 only pseudonyms."""
    _, nb, _ = executed(NOTEBOOKS[0])
    (cell,) = tagged(nb, "view")
    (page,) = outputs(cell, "text/html")
    assert 'id="netgraph-view"' in page and "Maya Okonkwo-Reyes" in page
    _, nb, _ = executed(NOTEBOOKS[1])
    (cell,) = tagged(nb, "view")
    (page,) = outputs(cell, "text/html")
    assert 'id="netgraph-view"' in page and "anon-" in page
    names = netgraph.load().people["name"]
    assert [n for n in names if n in page] == []


def test_the_figure_check_catches_a_missing_label(tmp_path):
    cells = [
        FIGURE_CHECK,
        "import matplotlib.pyplot as plt\nax = plt.subplots()[1]\nax.plot([1, 2])\n"
        "ax.set_title('Unlabelled')\nax.set_xlabel('x')",
        FIGURE_VERDICT,
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    with pytest.raises(CellExecutionError, match="Unlabelled: no y label"):
        execute(nb, tmp_path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert all(
        not c.get("outputs") and not c.get("execution_count")
        for c in nb.cells
        if c.cell_type == "code"
    )
    assert "widgets" not in nb.metadata  # no saved widget state either


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_layout(path):
    """A title cell, an imports cell printing versions, then the settings in one cell."""
    nb = nbformat.read(path, as_version=4)
    title, imports, settings = nb.cells[:3]
    assert title.cell_type == "markdown" and title.source.startswith("# ")
    assert "import netgraph as ng" in imports.source and "ng.__version__" in imports.source
    assert tagged(nb, "parameters") == [settings]
    assert re.search(r"^DATA = None\b", settings.source, re.MULTILINE)
    assert "ng.load(DATA)" in settings.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_use_only_the_public_api(path):
    nb = nbformat.read(path, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import netgraph as ng" in source
    assert not re.search(r"from netgraph\.\w+ import|import netgraph\.", source)
    for name in re.findall(r"(?<![.\w])ng\.(\w+)", source):
        assert name in netgraph.__all__ or importlib.util.find_spec(f"netgraph.{name}"), name
    for name in re.findall(r"(?<![.\w])plot\.(\w+)", source):
        assert name in plot.__all__, name
    assert not re.search(r"(?<![.\w])(ng|plot)(\.\w+)*\._(?!_)", source)  # nothing private


def test_an_error_in_a_cell_fails(tmp_path):
    copy = tmp_path / NOTEBOOKS[0].name
    shutil.copy(NOTEBOOKS[0], copy)
    nb = nbformat.read(copy, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('introduced failure')"))
    nbformat.write(nb, copy)
    with pytest.raises(CellExecutionError, match="introduced failure"):
        run_notebook(copy)


def test_a_library_error_in_the_settings_fails(tmp_path):
    nb = nbformat.read(NOTEBOOKS[1], as_version=4)
    (settings,) = tagged(nb, "parameters")
    settings.source = settings.source.replace("DATA = None", "DATA = 'no/such/folder'")
    with pytest.raises(CellExecutionError, match="no/such/folder"):
        execute(nb, tmp_path)


def test_explorer_falls_back_without_ipywidgets(tmp_path):
    """With ipywidgets unimportable, the explorer shows the top cell's seeker and goals."""
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    (explorer,) = tagged(nb, "explorer")
    hide = nbformat.v4.new_code_cell("import sys\nsys.modules['ipywidgets'] = None")
    nb.cells = [hide, *nb.cells[1:3], explorer]  # imports, settings, explorer
    execute(nb, NOTEBOOKS[0].parent)
    ran = nb.cells[-1]
    assert "ipywidgets is not installed" in "".join(outputs(ran, "stdout"))
    assert any("Nikhil Silva" in text for text in outputs(ran, "text/plain"))  # the table
    assert len(outputs(ran, "image/png")) == 2  # suggestions and the ego drawing


def test_explorer_shows_widgets(executed):
    """The pickers are widgets; the top cell's results are plain outputs beside them."""
    assert HAS_WIDGETS, "ipywidgets is part of the [test] extra"
    _, nb, _ = executed(NOTEBOOKS[0])
    (explorer,) = tagged(nb, "explorer")
    (view,) = outputs(explorer, "application/vnd.jupyter.widget-view+json")
    state = json.dumps(nb.metadata["widgets"])
    assert view["model_id"] in state
    assert "Dropdown" in state and "SelectMultiple" in state and "Maya Okonkwo-Reyes" in state
    assert '"output_type": "error"' not in state
    # the settings' results render without a widget front end (an HTML export, offline)
    assert any("Nikhil Silva" in text for text in outputs(explorer, "text/html"))
    assert len(outputs(explorer, "image/png")) == 2


def test_explorer_updates_when_a_picker_changes(tmp_path):
    assert HAS_WIDGETS, "ipywidgets is part of the [test] extra"
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    (explorer,) = tagged(nb, "explorer")
    pick = nbformat.v4.new_code_cell(
        "pick_seeker.value = 'p130'\n"
        "pick_tags.value = ()\n"
        "best = ng.suggest(net, 'p130', goals={'industry': pick_industry.value}).name.iloc[0]\n"
        "print(len(results.outputs), best in str(results.outputs))"
    )
    nb.cells = [*nb.cells[1:3], explorer, pick]
    execute(nb, NOTEBOOKS[0].parent)
    assert outputs(nb.cells[-1], "stdout") == ["3 True\n"]  # table and two pictures


def _html_command() -> list[str]:
    """The README's command that renders the executed notebooks as HTML."""
    section = README.read_text(encoding="utf-8").split("## Notebooks", 1)[1].split("\n## ")[0]
    (line,) = [s for s in section.splitlines() if s.strip().startswith("jupyter nbconvert")]
    return shlex.split(line.strip())


def test_readme_shows_a_picture_from_each_notebook():
    section = README.read_text(encoding="utf-8").split("## Notebooks", 1)[1].split("\n## ")[0]
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", section)
    assert len(pictures) >= 2
    for picture in pictures:
        assert (ROOT / picture).stat().st_size > 10_000, picture


def test_html_rendering_command(tmp_path):
    assert importlib.util.find_spec("nbconvert"), "nbconvert is part of the [test] extra"
    args = _html_command()
    assert args[:2] == ["jupyter", "nbconvert"] and "--execute" in args
    out = args.index("--output-dir")
    args[out + 1] = str(tmp_path)
    files = [a for a in args[2:] if a.endswith(".ipynb")]
    expanded = [str(p) for f in files for p in sorted(ROOT.glob(f))]
    args = [sys.executable, "-m", "nbconvert", *(a for a in args[2:] if a not in files), *expanded]
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True, timeout=300)
    pages = sorted(p.name for p in tmp_path.glob("*.html"))
    assert pages == [p.stem + ".html" for p in NOTEBOOKS]
    page = (tmp_path / "01_my_network.html").read_text(encoding="utf-8")
    assert "Bridge contacts" in page and "data:image/png;base64" in page
    # the interactive view inline, plotly.js in the page itself (no CDN)
    assert 'id="netgraph-view"' in page and "Plotly.newPlot" in page
    assert not re.search(r"<script[^>]+src=[^>]*plotly", page)
    # tables read as words: no Python tuples, raw labels or missing-value reprs
    tables = re.findall(r"<table.*?</table>", page, flags=re.DOTALL)
    assert len(tables) >= 8
    cells = [re.sub(r"<[^>]+>", "", c).strip() for t in tables for c in re.findall(
        r"<t[dh][^>]*>.*?</t[dh]>", t, flags=re.DOTALL)]  # fmt: skip
    assert "Manufacturing" in cells  # once "(Manufacturing,)"
    shown = [c for c in cells if re.fullmatch(r"\(.*,\)|\(\)|NaN|NaT|None|&lt;NA&gt;|nan", c)]
    assert shown == []
    assert not [c for c in cells if re.fullmatch(r"[a-z]+(_[a-z]+)+", c)]  # follow_up
    assert not [c for c in cells if re.fullmatch(r"0\.\d{3,}", c)]  # 0.161017


DAY_ONE_PEOPLE = [
    {
        "person_id": "me",
        "name": "Ana López",
        "role": "student",
        "organization": "Lakeside",
        "major": "Biology",
        "grad_year": 2027,
        "tags": "health;research",
    },
    {
        "person_id": "b",
        "name": "Ben Cole",
        "role": "friend",
        "organization": "Acme Health",
        "industry": "Healthcare",
        "seniority": "entry",
    },
    {
        "person_id": "c",
        "name": "Cara Díaz",
        "role": "family",
        "organization": "Stone Bank",
        "industry": "Finance",
        "seniority": "senior",
    },
    {"person_id": "d", "name": "Dev Rao", "role": "alum", "industry": "Healthcare"},
]
DAY_ONE_TIES = [
    {"person_a": "me", "person_b": "b", "kind": "friend"},
    {"person_a": "me", "person_b": "c", "kind": "family"},
    {"person_a": "me", "person_b": "d", "kind": "classmate"},
]


@pytest.mark.parametrize("ties", ["some", "none"])
def test_notebook_one_on_day_one(tmp_path, ties):
    """People and ties but no interviews (or not even ties): sentences, no tracebacks."""
    from conftest import write_folder

    folder = write_folder(tmp_path / "mine", DAY_ONE_PEOPLE, DAY_ONE_TIES if ties == "some" else ())
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    (settings,) = tagged(nb, "parameters")
    settings.source = settings.source.replace("DATA = None", f"DATA = {str(folder)!r}")
    execute(nb, NOTEBOOKS[0].parent)
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    text = "\n".join(t for c in code for t in outputs(c, "stdout"))
    shown = "\n".join(str(t) for c in code for t in outputs(c, "text/plain"))
    assert "Empty DataFrame" not in shown  # no empty frame: a sentence instead
    assert "Seeker: me (Ana López) · 0 interviews logged, 0 completed" in text
    assert "Your reach over time starts with your first interview" in text
    assert "Nothing to follow up yet: log your first interview" in text
    assert "The projection learns from completed interviews" in text
    assert "Hi, I'm Ana López, a Biology student at Lakeside" in text
    if ties == "some":
        assert "You have 3 contacts and 0 completed interviews; log your first interview" in text
        assert "Ben Cole" in shown  # a first conversation
        assert "Goal left out: no one in the network has tag 'ux'" in text
    else:
        assert "You have no contacts in the data yet" in text
        assert "No contacts yet, so no bridge contacts" in text
