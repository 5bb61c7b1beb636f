"""The fingerprint of an issue's content, so that one issue imported twice is stored once.

The same issue comes as GBK text and as UTF-8, as pdftotext output and as saved web pages: the bytes differ, the
line breaks, the page furniture and the order of articles may differ, what was printed does not. The fingerprint
is a SHA-256 over the sentences of the articles' paragraphs and sub-headings, each reduced to its Han characters,
letters and digits (full-width forms folded to ASCII, case folded), sorted. So it ignores punctuation, spacing,
line breaks, encodings, where a paragraph was broken by the layout, how the articles were ordered and where
one article ends and the next begins; it changes when a sentence does.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from dubao.core.models import BlockKind, Issue

HASHED_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.HEADING})
_SENTENCE_END = re.compile(r"[。！？!?；;…]+")
_MIN_SENTENCE = 4  # shorter remnants (a lone number, an abbreviation) say nothing about the issue


def _normalised(sentence: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", sentence).casefold() if ch.isalnum())


def content_hash_of_blocks(blocks: Iterable[tuple[str, str]]) -> str | None:
    """The fingerprint of (kind, text) blocks of all articles; None when they hold no sentence at all."""
    # a block ends a sentence too: a sub-heading has no full stop, and one format may print it as a paragraph
    pieces = (piece for kind, text in blocks if kind in HASHED_KINDS for piece in _SENTENCE_END.split(text))
    sentences = sorted(s for s in map(_normalised, pieces) if len(s) >= _MIN_SENTENCE)
    if not sentences:
        return None
    return hashlib.sha256("\n".join(sentences).encode("utf-8")).hexdigest()


def content_hash(issue: Issue) -> str | None:
    """The fingerprint of a split issue (see the module's docstring)."""
    return content_hash_of_blocks((block.kind, block.text) for article in issue.articles for block in article.blocks)
