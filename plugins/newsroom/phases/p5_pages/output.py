"""What a template writes out: `{{ value }}` escaped straight to text.

Jinja's compiled templates escape each output value with markupsafe's
`escape`, which wraps every result in a new Markup only for Jinja to join
it into the page: some 140 values per page, the largest single cost of
rendering one. An output value needs the escaped text alone, so the
templates' module namespace gets an escape that returns it (the same
characters: markupsafe's own escaping, or its Markup's `__html__`).
"""

from __future__ import annotations

import markupsafe
from jinja2 import Template

# markupsafe's C escaper; its public `escape` is a wrapper around it
_escaped_text = getattr(markupsafe, "_escape_inner", None)


def escape_output(value) -> str:
    """The HTML text of a template's output value, as `escape` writes it."""
    if value.__class__ is str:
        return _escaped_text(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return html()
    return _escaped_text(str(value))


class OutputTemplate(Template):
    """A template whose `{{ value }}` outputs are escaped by escape_output.
    Jinja writes `escape(...)` only around output values (their result is
    joined into the page, never used as a value): a Markup is not needed."""

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        template = super().from_code(environment, code, globals, uptodate)
        if _escaped_text is not None:   # else markupsafe's escape stays
            # the namespace the compiled module ran in, shared by its
            # root, blocks and macros
            template.root_render_func.__globals__["escape"] = escape_output
        return template
