"""newsroom: the generator that builds every locale of the site in one run.

It reads content/ through `plugins.content` (checked before anything is
written), renders each source once, and writes per-locale pages, feeds, the
sitemap and robots.txt through a writer that stays inside the output folder.
"""

from pelican import signals

from .generator import NewsroomGenerator


def get_generators(pelican):
    return NewsroomGenerator


def register():
    signals.get_generators.connect(get_generators)
