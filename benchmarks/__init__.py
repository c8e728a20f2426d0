"""Benchmarks: a seeded synthetic corpus and the builds that time it."""
