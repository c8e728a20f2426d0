"""newsroom: the engine that builds every locale of the site in one run.

`pipeline.run` reads content/ through `plugins.content` (checked before
anything is written), renders each source once, computes every page's view,
and writes pages, feeds, the sitemap and robots.txt through a writer that
stays inside the output folder; `phases/` holds one module per phase, in
data-flow order. `register()` is the Pelican entry point (generator.py).
"""

from pelican import signals


def get_generators(pelican):
    """Pelican's hook: the one generator that builds every locale."""
    from .generator import NewsroomGenerator
    return NewsroomGenerator


def register():
    """Pelican's plugin entry point."""
    signals.get_generators.connect(get_generators)
