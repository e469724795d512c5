"""Benchmarks of netgraph at scale (run: python -m benchmarks.run --help)."""
