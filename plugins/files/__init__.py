"""files: which files that content links to may leave content/, and what
they carry.

Only files meant for readers are published: `policy.py` holds the one list
of the endings readers may download and refuses everything else (sources,
settings, hidden files, files that browsers run); `sniff.py` tells a file by
its bytes (a picture renamed `.pdf` is still a picture); `documents.py`
finds the author's name in PDF and Office files and clears it from PDFs.
"""

from . import extra, policy
from .documents import DocumentError, clean_pdf, identity_fields
from .policy import (CONVERTED, PICTURES, READER_FILES, Refusal, published_as_picture,
                     refusal)
from .sniff import picture_format

__all__ = ["CONVERTED", "DocumentError", "extra", "policy", "PICTURES", "READER_FILES", "Refusal", "clean_pdf",
           "identity_fields", "picture_format", "published_as_picture", "refusal"]
