"""netgraph: graph analysis of informational-interview referral networks.

>>> import netgraph as ng
>>> net = ng.load()                    # the bundled synthetic sample
>>> table = ng.suggest(net, "p001")    # whom to meet next, and who can introduce you

Every analysis is a function over a :class:`ReferralNetwork` returning a pandas
DataFrame with documented columns. The modules follow the questions:
:mod:`~netgraph.load` (reading, validation, saving), :mod:`~netgraph.network` (the
network and its two graphs), :mod:`~netgraph.reach`, :mod:`~netgraph.bridges`,
:mod:`~netgraph.suggest`, :mod:`~netgraph.followups`, :mod:`~netgraph.people`
(finding people), :mod:`~netgraph.prep` (a brief before a conversation),
:mod:`~netgraph.pitch` (an elevator pitch), :mod:`~netgraph.evaluate`,
:mod:`~netgraph.research`, :mod:`~netgraph.privacy`, :mod:`~netgraph.report`,
:mod:`~netgraph.record` (safe appends) and :mod:`~netgraph.synth` (synthetic data).
Plotting lives in :mod:`netgraph.plot` and is imported only when drawing.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names below are imported on first use (PEP 562), see __getattr__
    from netgraph.bridges import (
        betweenness,
        bridge_contacts,
        brokerage_roles,
        brokers,
        communities,
        local_bridges,
        structural_holes,
    )
    from netgraph.display import readable
    from netgraph.errors import (
        BadDate,
        DataError,
        NetgraphError,
        NoRoute,
        OutputError,
        Problem,
        UnknownPerson,
        UnknownTarget,
    )
    from netgraph.evaluate import backtest, hidden_edges
    from netgraph.first import first_conversations
    from netgraph.followups import Cadence, followups, followups_calendar
    from netgraph.load import load, read_tables, sample_data_path, save
    from netgraph.network import ReferralNetwork
    from netgraph.people import check_goals, find_people
    from netgraph.pitch import Draft, Pitch, draft_introduction, pitch
    from netgraph.prep import Brief, prep_brief, render_brief
    from netgraph.privacy import (
        Audit,
        csv_text,
        k_anonymize,
        opted_out,
        pseudonym,
        pseudonym_key,
        pseudonymize,
        spreadsheet_safe,
        suppress_small_cells,
        without_opted_out,
    )
    from netgraph.reach import (
        ReachProjection,
        path_to,
        project_reach,
        reach,
        reach_over_time,
        reach_summary,
        summarize_reach,
    )
    from netgraph.record import record_interview, record_person, record_referral, record_touch
    from netgraph.report import Export, export, export_graph, write_report
    from netgraph.research import (
        Mixing,
        cascade_distribution,
        cascades,
        cohort_activity,
        cohorts,
        compare_groups,
        engagement,
        engagement_distribution,
        funnel,
        mixing,
        seeker_outcomes,
    )
    from netgraph.suggest import SuggestWeights, suggest
    from netgraph.view import NetworkView, network_view

# Functions named like their module (load, pitch, reach, suggest, followups) are imported now:
# a lazily imported submodule would otherwise shadow the function of the same name.
from netgraph.followups import followups
from netgraph.load import load
from netgraph.pitch import pitch
from netgraph.reach import reach
from netgraph.suggest import suggest

# Public name -> module. Importing netgraph (and so the CLI) loads only what a command
# uses; ``ng.reach`` imports netgraph.reach the first time it is looked up.
_EXPORTS = {
    "Cadence": "netgraph.followups",
    "Draft": "netgraph.pitch",
    "draft_introduction": "netgraph.pitch",
    "first_conversations": "netgraph.first",
    "followups_calendar": "netgraph.followups",
    "Brief": "netgraph.prep",
    "Pitch": "netgraph.pitch",
    "check_goals": "netgraph.people",
    "find_people": "netgraph.people",
    "pitch": "netgraph.pitch",
    "prep_brief": "netgraph.prep",
    "render_brief": "netgraph.prep",
    "BadDate": "netgraph.errors",
    "DataError": "netgraph.errors",
    "Mixing": "netgraph.research",
    "NetgraphError": "netgraph.errors",
    "NoRoute": "netgraph.errors",
    "OutputError": "netgraph.errors",
    "Problem": "netgraph.errors",
    "ReachProjection": "netgraph.reach",
    "ReferralNetwork": "netgraph.network",
    "SuggestWeights": "netgraph.suggest",
    "UnknownPerson": "netgraph.errors",
    "UnknownTarget": "netgraph.errors",
    "backtest": "netgraph.evaluate",
    "betweenness": "netgraph.bridges",
    "bridge_contacts": "netgraph.bridges",
    "brokerage_roles": "netgraph.bridges",
    "brokers": "netgraph.bridges",
    "cascade_distribution": "netgraph.research",
    "cascades": "netgraph.research",
    "cohort_activity": "netgraph.research",
    "cohorts": "netgraph.research",
    "communities": "netgraph.bridges",
    "compare_groups": "netgraph.research",
    "engagement": "netgraph.research",
    "engagement_distribution": "netgraph.research",
    "export": "netgraph.report",
    "export_graph": "netgraph.report",
    "followups": "netgraph.followups",
    "funnel": "netgraph.research",
    "hidden_edges": "netgraph.evaluate",
    "k_anonymize": "netgraph.privacy",
    "Audit": "netgraph.privacy",
    "csv_text": "netgraph.privacy",
    "Export": "netgraph.report",
    "load": "netgraph.load",
    "local_bridges": "netgraph.bridges",
    "mixing": "netgraph.research",
    "opted_out": "netgraph.privacy",
    "path_to": "netgraph.reach",
    "project_reach": "netgraph.reach",
    "pseudonym": "netgraph.privacy",
    "pseudonymize": "netgraph.privacy",
    "pseudonym_key": "netgraph.privacy",
    "reach": "netgraph.reach",
    "reach_over_time": "netgraph.reach",
    "reach_summary": "netgraph.reach",
    "read_tables": "netgraph.load",
    "record_interview": "netgraph.record",
    "record_person": "netgraph.record",
    "record_referral": "netgraph.record",
    "record_touch": "netgraph.record",
    "sample_data_path": "netgraph.load",
    "save": "netgraph.load",
    "seeker_outcomes": "netgraph.research",
    "spreadsheet_safe": "netgraph.privacy",
    "structural_holes": "netgraph.bridges",
    "suggest": "netgraph.suggest",
    "tie_communities": "netgraph.suggest",
    "summarize_reach": "netgraph.reach",
    "suppress_small_cells": "netgraph.privacy",
    "without_opted_out": "netgraph.privacy",
    "write_report": "netgraph.report",
    "NetworkView": "netgraph.view",
    "network_view": "netgraph.view",
    "readable": "netgraph.display",
}


def __getattr__(name: str) -> object:
    """Import a public name from its module on first use."""
    import importlib
    import importlib.util

    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    if not name.startswith("_") and importlib.util.find_spec(f"netgraph.{name}") is not None:
        return importlib.import_module(f"netgraph.{name}")  # ng.research, ng.plot, ...
    raise AttributeError(f"module 'netgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    """List the public API."""
    return sorted(set(globals()) | set(_EXPORTS))


__version__ = "0.1.0"

__all__ = [
    "Audit",
    "BadDate",
    "Brief",
    "Cadence",
    "DataError",
    "Draft",
    "Export",
    "Mixing",
    "NetgraphError",
    "NetworkView",
    "NoRoute",
    "OutputError",
    "Pitch",
    "Problem",
    "ReachProjection",
    "ReferralNetwork",
    "SuggestWeights",
    "UnknownPerson",
    "UnknownTarget",
    "__version__",
    "backtest",
    "betweenness",
    "bridge_contacts",
    "brokerage_roles",
    "brokers",
    "cascade_distribution",
    "cascades",
    "check_goals",
    "cohort_activity",
    "cohorts",
    "communities",
    "compare_groups",
    "csv_text",
    "draft_introduction",
    "engagement",
    "engagement_distribution",
    "export",
    "export_graph",
    "find_people",
    "first_conversations",
    "followups",
    "followups_calendar",
    "funnel",
    "hidden_edges",
    "k_anonymize",
    "load",
    "local_bridges",
    "mixing",
    "network_view",
    "opted_out",
    "path_to",
    "pitch",
    "prep_brief",
    "project_reach",
    "pseudonym",
    "pseudonym_key",
    "pseudonymize",
    "reach",
    "reach_over_time",
    "reach_summary",
    "read_tables",
    "readable",
    "record_interview",
    "record_person",
    "record_referral",
    "record_touch",
    "render_brief",
    "sample_data_path",
    "save",
    "seeker_outcomes",
    "spreadsheet_safe",
    "structural_holes",
    "suggest",
    "summarize_reach",
    "suppress_small_cells",
    "tie_communities",
    "without_opted_out",
    "write_report",
]
