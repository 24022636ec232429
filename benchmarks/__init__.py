"""Benchmarks for psw-tui: a ten-year data set and the measurements run on it.

Run ``python benchmarks/run.py --json benchmarks/out/latest.json`` (see README.md here).
"""
