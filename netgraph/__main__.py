"""Run the command-line interface: ``python -m netgraph``."""

import sys

from netgraph.cli import main

if __name__ == "__main__":
    sys.exit(main())
