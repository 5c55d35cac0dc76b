"""Benchmark harness: synthetic corpora, a query set, peers and Stenogram measured on the same data."""
