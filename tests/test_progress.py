"""Progress bars: on in a terminal or notebook, silent in pipes and CI, or as asked."""

from __future__ import annotations

import io
import sys

import pandas as pd
import pytest

from netgraph import _progress
from netgraph._progress import ENV_VAR, progress, progress_enabled


class _Stream(io.StringIO):
    """A text stream that says whether it is a terminal."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.fixture
def terminal(monkeypatch) -> None:
    """Standard error is a terminal; no environment override; not in Jupyter."""
    monkeypatch.setattr(_progress, "_stderr_is_terminal", lambda: True)
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr(_progress, "_in_jupyter_kernel", lambda: False)


@pytest.fixture
def pipe(monkeypatch) -> None:
    """Standard error is a pipe or a log file (CI); no environment override."""
    monkeypatch.setattr(_progress, "_stderr_is_terminal", lambda: False)
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr(_progress, "_in_jupyter_kernel", lambda: False)


def test_on_in_a_terminal(terminal):
    assert progress_enabled() is True


def test_off_in_a_pipe(pipe):
    assert progress_enabled() is False


def test_on_in_a_notebook(pipe, monkeypatch):
    monkeypatch.setattr(_progress, "_in_jupyter_kernel", lambda: True)
    assert progress_enabled() is True


def test_jupyter_kernel_detected_from_loaded_modules(monkeypatch):
    monkeypatch.delitem(sys.modules, "ipykernel.zmqshell", raising=False)
    monkeypatch.delitem(sys.modules, "IPython.utils._process_emscripten", raising=False)
    assert _progress._in_jupyter_kernel() is False
    monkeypatch.setitem(sys.modules, "ipykernel.zmqshell", object())
    assert _progress._in_jupyter_kernel() is True


@pytest.mark.parametrize("value", ["0", "false", "No", " off "])
def test_environment_turns_bars_off_even_in_a_terminal(terminal, monkeypatch, value):
    monkeypatch.setenv(ENV_VAR, value)
    assert progress_enabled() is False


@pytest.mark.parametrize("value", ["1", "true", "YES", "on"])
def test_environment_forces_bars_on_in_a_pipe(pipe, monkeypatch, value):
    monkeypatch.setenv(ENV_VAR, value)
    assert progress_enabled() is True


@pytest.mark.parametrize("value", ["", "maybe"])
def test_unknown_environment_values_are_ignored(terminal, monkeypatch, value):
    monkeypatch.setenv(ENV_VAR, value)
    assert progress_enabled() is True  # the terminal decides


@pytest.mark.parametrize(
    ("env", "argument", "expected"), [("1", False, False), ("0", True, True), (None, True, True)]
)
def test_argument_beats_environment(pipe, monkeypatch, env, argument, expected):
    if env is not None:
        monkeypatch.setenv(ENV_VAR, env)
    assert progress_enabled(argument) is expected


@pytest.mark.parametrize(
    ("stream", "expected"),
    [(_Stream(tty=True), True), (_Stream(tty=False), False), (object(), False), (None, False)],
)
def test_terminal_detection(monkeypatch, stream, expected):
    monkeypatch.setattr(sys, "stderr", stream)
    got = _progress._stderr_is_terminal()
    monkeypatch.undo()
    assert got is expected


def test_silent_bar_passes_items_through_and_writes_nothing(pipe, capsys):
    assert list(progress(range(5), desc="counting")) == [0, 1, 2, 3, 4]
    with progress(total=3, desc="manual") as bar:
        bar.update(3)
        bar.set_postfix_str("done")
    out = capsys.readouterr()
    assert out.err == ""
    assert out.out == ""


def test_forced_bar_draws_on_stderr(pipe, capsys):
    assert list(progress(range(3), desc="counting", unit="rows", progress=True)) == [0, 1, 2]
    out = capsys.readouterr()
    assert "counting" in out.err
    assert "/3 " in out.err  # the total, whatever the bar had time to draw
    assert out.out == ""


def test_terminal_bar_draws_by_default(terminal, capsys):
    with progress(total=10, desc="writing") as bar:
        bar.update(10)
    err = capsys.readouterr().err
    assert "writing" in err
    assert "/10 " in err


# ------------------------------------------------------- long work that shows a bar
def test_backtest_shows_seekers_done_when_asked_and_is_silent_in_a_pipe(pipe, capsys):
    import netgraph as ng
    from netgraph.evaluate import backtest_runs

    net = ng.load()
    quiet = backtest_runs(net, methods=["random"], seekers=["p001", "p002"])
    assert capsys.readouterr().err == ""
    loud = backtest_runs(net, methods=["random"], seekers=["p001", "p002"], progress=True)
    err = capsys.readouterr().err
    assert "backtest" in err and "seekers" in err
    pd.testing.assert_frame_equal(quiet, loud)  # the bar changes nothing else


def test_tie_communities_show_their_steps_when_asked(pipe, capsys):
    import netgraph as ng
    from netgraph.load import read_tables, sample_data_path
    from netgraph.network import ReferralNetwork

    # a fresh network built from the tables (not read from a snapshot, nor an object an
    # earlier test already asked): its communities are not found yet
    tables = read_tables(sample_data_path())
    tables["ties"] = tables["ties"].iloc[1:].reset_index(drop=True)  # content no test shares
    net = ReferralNetwork.from_tables(tables)
    labels = ng.tie_communities(net, progress=True)
    assert len(labels) > 0
    assert "communities of the tie graph" in capsys.readouterr().err
