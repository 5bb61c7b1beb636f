"""Text as XML 1.0 can carry it, for every XML Dubao writes (REFI-QDA projects and codebooks).

XML 1.0 allows tab, LF, CR and the characters from U+0020 on, minus the surrogates and U+FFFE/U+FFFF. A note
pasted from Word holds U+000B (its line break): a parser must refuse a whole project over one such character.
"""

from __future__ import annotations

import re

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` as XML 1.0 can carry it: a vertical tab or form feed becomes a line break, other forbidden
    control characters are dropped."""
    return _XML_FORBIDDEN.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", text)
