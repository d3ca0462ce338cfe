"""Text read from a request, cleaned once: no control or direction-override characters.

A C0 control (NUL and the like) or DEL has no place in a title or a name, and a bidi override
or isolate (U+202A–U+202E, U+2066–U+2069) makes the text display differently from what it says
(a file name or a number shown reversed). They are removed, not stored; tab and line breaks stay
in multi-line text. A value that is empty once cleaned is missing.
"""

from __future__ import annotations

import re

_BIDI = "\u202a-\u202e\u2066-\u2069"
_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_BREAKS = re.compile("[\t\n\r]+")
_MULTI_LINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def clean(value: object, *, multiline: bool = False) -> str:
    """`value` as text without controls or direction overrides, stripped."""
    text = "" if value is None else str(value)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        text = _BREAKS.sub(" ", text)  # a line break in a one-line value separates words
    return (_MULTI_LINE if multiline else _ONE_LINE).sub("", text).strip()
