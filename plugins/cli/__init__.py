"""The command line: what tasks.py's invoke tasks share (console.py)."""
