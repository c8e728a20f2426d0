"""What every package shares: the error hierarchy, problem lists, worker pools, progress."""
