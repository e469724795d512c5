"""netgraph: graph analysis of informational-interview referral networks.

>>> import netgraph as ng
>>> net = ng.load()                    # the bundled synthetic sample
>>> table = ng.suggest(net, "p001")    # whom to meet next, and who can introduce you

Every analysis is a function over a :class:`ReferralNetwork` returning a pandas
DataFrame with documented columns. Plotting lives in :mod:`netgraph.plot` and is
imported only when drawing.
"""

from netgraph.errors import DataError, NetgraphError, Problem, UnknownPerson
from netgraph.load import load, read_tables, sample_data_path
from netgraph.network import ReferralNetwork
from netgraph.privacy import spreadsheet_safe
from netgraph.suggest import suggest

# <<reach exports>>
# <<bridges exports>>
# <<suggest exports>>
# <<research exports>>

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
    "spreadsheet_safe",
    "suggest",
]
