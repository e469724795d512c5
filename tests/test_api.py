"""The public API: every export exists and is documented the numpydoc way."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import netgraph as ng

FUNCTIONS = [n for n in ng.__all__ if inspect.isfunction(getattr(ng, n))]


def test_all_names_exist():
    missing = [n for n in ng.__all__ if not hasattr(ng, n)]
    assert missing == []
    assert len(set(ng.__all__)) == len(ng.__all__)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_public_function_docstring(name):
    doc = inspect.getdoc(getattr(ng, name)) or ""
    summary = doc.splitlines()[0] if doc else ""
    assert summary.endswith("."), f"{name}: one-line summary ending with a period"
    for section in ("Returns", "Examples"):
        assert f"\n{section}\n" in doc, f"{name} lacks {section}"


@pytest.mark.parametrize("name", FUNCTIONS)
def test_public_function_is_annotated(name):
    sig = inspect.signature(getattr(ng, name))
    assert sig.return_annotation is not inspect.Signature.empty, name
    for param in sig.parameters.values():
        if param.kind not in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            assert param.annotation is not inspect.Parameter.empty, (name, param.name)


def test_importing_netgraph_and_its_cli_does_not_load_matplotlib():
    code = "import sys, netgraph, netgraph.reach, netgraph.cli; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_errors_form_one_hierarchy():
    for cls in (ng.DataError, ng.UnknownPerson, ng.UnknownTarget, ng.NoRoute):
        assert issubclass(cls, ng.NetgraphError)


def test_functions_named_like_modules_stay_functions():
    import importlib

    modules = {n for n in ng.__all__ if importlib.util.find_spec(f"netgraph.{n}") is not None}
    assert modules == {"followups", "load", "pitch", "reach", "suggest"}
    for name in modules:
        importlib.import_module(f"netgraph.{name}")
        assert callable(getattr(ng, name)), name


def test_lazy_names_resolve_and_unknown_names_fail():
    assert ng.engagement.__module__ == "netgraph.research"
    assert "engagement" in dir(ng)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = ng.nope
    assert ng.research.ENGAGEMENT_WEIGHTS  # submodules stay reachable as attributes
