"""Serbian Cyrillic <-> Gaj Latin transliteration and ASCII URL slugs.

Pure Python, stdlib only, no Pelican import. See serbian.py and slugs.py for
the exact rules.
"""

from .serbian import (
    letter_tables,
    BUILTIN_DIGRAPH_EXCEPTIONS,
    DIGRAPH_PREFIX_RULES,
    cyrillic_to_latin,
    latin_to_cyrillic,
    strip_markers,
)
from .slugs import is_valid_slug, slugify

__all__ = [
    "BUILTIN_DIGRAPH_EXCEPTIONS",
    "DIGRAPH_PREFIX_RULES",
    "cyrillic_to_latin",
    "is_valid_slug",
    "latin_to_cyrillic",
    "letter_tables",
    "slugify",
    "strip_markers",
]
