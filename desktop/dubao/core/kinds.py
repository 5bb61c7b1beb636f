"""Kinds and statuses: the StrEnums the records of `dubao.core.models` use, and their tuples.

Each member is its string ("headline" == BlockKind.HEADLINE), so JSON, SQL and comparisons hold. They live apart
from the dataclasses so that what needs only a list of kinds (the window's toolbar colours, its entity filter,
built before its first paint) does not wait for twenty dataclasses to be made; `dubao.core.models` re-exports
every name here.
"""

from __future__ import annotations

from enum import StrEnum


class BlockKind(StrEnum):
    KICKER = "kicker"  # 引题
    HEADLINE = "headline"  # 主题
    SUBHEADLINE = "subheadline"  # 副题
    COLUMN = "column"  # a column's name (栏目)
    BYLINE = "byline"
    HEADING = "heading"  # a sub-heading inside the body
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    CREDIT = "credit"  # 记者 … 摄, 责编 … at the end of an article


class EntityKind(StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"
    DATE = "date"
    FORMULATION = "formulation"


class AnchorStatus(StrEnum):
    """Where an annotation stands after its text was re-derived (`import --replace`, a W3C import)."""

    EXACT = "exact"  # the quote at its place, with its context
    MOVED = "moved"  # the quote and its context found elsewhere
    FUZZY = "fuzzy"  # a close match, with its score
    ORPHANED = "orphaned"  # not found: kept with its original quote, not painted


class Color(StrEnum):
    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"
    PINK = "pink"
    PURPLE = "purple"


class VocabStatus(StrEnum):
    LEARNING = "learning"
    KNOWN = "known"


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    SKIPPED = "skipped"  # its source is already in the library


BLOCK_KINDS = tuple(BlockKind)
ENTITY_KINDS = tuple(EntityKind)
ANCHOR_STATUSES = tuple(AnchorStatus)
ANNOTATION_COLORS = tuple(Color)
