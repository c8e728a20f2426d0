"""Pelican's entry point, a thin shim: `pelican` with PLUGINS =
["plugins.newsroom"] runs the same pipeline as `invoke build` (which calls
plugins.newsroom.pipeline.run itself, through plugins.publishing)."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from . import pipeline


class NewsroomGenerator(Generator):
    """The one generator: every locale's pages, in one run."""

    def generate_context(self):
        """Nothing: the pipeline reads content/ as it writes the site."""

    def generate_output(self, writer):
        """Run the whole build into Pelican's output folder."""
        from plugins.search import FOLDER, page_data   # the search page's data
        self.build = pipeline.run({**self.settings, "THEME": self.theme},
                                  Path(self.output_path), search_page=page_data,
                                  reserved=frozenset({FOLDER}))
