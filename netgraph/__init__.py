"""netgraph: graph analysis of informational-interview referral networks.

>>> import netgraph as ng
>>> net = ng.load()                    # the bundled synthetic sample
>>> table = ng.suggest(net, "p001")    # whom to meet next, and who can introduce you

Every analysis is a function over a :class:`ReferralNetwork` returning a pandas
DataFrame with documented columns. Plotting lives in :mod:`netgraph.plot` and is
imported only when drawing.
"""

from netgraph.errors import DataError, NetgraphError, Problem, UnknownPerson
from netgraph.load import load, read_tables, sample_data_path, save
from netgraph.network import ReferralNetwork
from netgraph.privacy import spreadsheet_safe
from netgraph.suggest import suggest

# <<reach exports>>
# isort: split
from netgraph.reach import (
    NoRoute,
    ReachProjection,
    UnknownTarget,
    path_to,
    project_reach,
    reach,
    reach_over_time,
    reach_summary,
    summarize_reach,
)

# <<bridges exports>>
# isort: split
from netgraph.bridges import (
    betweenness,
    bridge_contacts,
    brokerage_roles,
    brokers,
    communities,
    local_bridges,
    structural_holes,
)

# <<suggest exports>>
# isort: split
from netgraph.evaluate import backtest, hidden_edges
from netgraph.followups import followups
from netgraph.suggest import SuggestWeights

# <<research exports>>
# isort: split
from netgraph.privacy import (
    k_anonymize,
    opted_out,
    pseudonym,
    pseudonymize,
    suppress_small_cells,
    without_opted_out,
)
from netgraph.report import export, export_graph, write_report
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

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "NetgraphError",
    "Problem",
    "ReferralNetwork",
    "UnknownPerson",
    "__version__",
    "load",
    "read_tables",
    "sample_data_path",
    "save",
    "spreadsheet_safe",
    "suggest",
]

# reach exports (continued: __all__ must exist before it can be extended)
__all__ += [
    "NoRoute",
    "ReachProjection",
    "UnknownTarget",
    "path_to",
    "project_reach",
    "reach",
    "reach_over_time",
    "reach_summary",
    "summarize_reach",
]

# bridges exports (continued: __all__ must exist before it can be extended)
__all__ += [
    "betweenness",
    "bridge_contacts",
    "brokerage_roles",
    "brokers",
    "communities",
    "local_bridges",
    "structural_holes",
]

# research exports (continued: __all__ must exist before it can be extended)
__all__ += [
    "Mixing",
    "cascade_distribution",
    "cascades",
    "cohort_activity",
    "cohorts",
    "compare_groups",
    "engagement",
    "engagement_distribution",
    "export",
    "export_graph",
    "funnel",
    "k_anonymize",
    "mixing",
    "opted_out",
    "pseudonym",
    "pseudonymize",
    "seeker_outcomes",
    "suppress_small_cells",
    "without_opted_out",
    "write_report",
]

# suggest exports (continued: __all__ must exist before it can be extended)
__all__ += ["SuggestWeights", "backtest", "followups", "hidden_edges"]
