"""Write files into the output folder, and only there.

Stock Pelican compares string prefixes, so `../output-evil/x` passes its
check; we compare resolved paths.
"""

from __future__ import annotations

from pathlib import Path


class UnsafePath(Exception):
    exitcode = 1


class SafeWriter:
    def __init__(self, output: Path):
        self.output = Path(output).resolve()
        self.written: list[str] = []

    def target(self, relative: str) -> Path:
        path = (self.output / relative).resolve()
        if path != self.output and self.output not in path.parents:
            raise UnsafePath(f"refusing to write {relative!r}: it resolves outside "
                             f"the output folder {self.output}")
        return path

    def write(self, relative: str, text: str) -> None:
        path = self.target(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        self.written.append(relative)
