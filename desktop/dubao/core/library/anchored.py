"""Store: adding annotations whose place was found by re-anchoring — one at a time or many in one transaction.

`dubao import-annotations` (and anything else that brings annotations in from outside) re-anchors each one
before it reaches the library, and the outcome has to be kept honestly:

- exact / moved: the passage is in the article; quote, prefix and suffix are read from the article text;
- fuzzy: the same, and the match's score (0..1) is stored with it so the reader can see how sure it is;
- orphaned: the passage is not in the article. The annotation is kept — never dropped — the way
  `import --replace` keeps its orphans: the original quote, prefix and suffix, a position that is only a
  hint (the old one, clipped to the article), no source-file offsets and no score. Lists show it with
  status "orphaned"; the reader does not paint it.

`add_annotations` writes a whole batch in one `BEGIN IMMEDIATE` transaction: a bad item or a crash half-way
leaves the library exactly as it was, and 10,000 annotations cost one commit instead of 10,000.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from dubao.core.models import ANCHOR_STATUSES, Annotation
from dubao.core.library.annotations import ANNOTATION_SELECT, check_color, clean_tags, row_to_annotation, source_offset
from dubao.core.library.rows import utc_now


def _checked_score(item: Annotation) -> float | None:
    if item.status not in ANCHOR_STATUSES:
        raise ValueError(f"status must be one of {', '.join(ANCHOR_STATUSES)}, not {item.status!r}")
    if item.status == "orphaned":
        return None  # nothing was matched, so there is no score to give
    if item.score is None:
        if item.status == "fuzzy":
            raise ValueError("a fuzzy annotation needs the score of its match")
        return None
    score = float(item.score)
    if not 0.0 <= score <= 1.0:
        raise ValueError(f"a match score is between 0 and 1, not {item.score!r}")
    return score


def annotation_row(article, item: Annotation, now: str) -> dict:
    """The `annotations` row for `item` on `article` (an Article). Raises ValueError for a bad item."""
    score = _checked_score(item)
    length = len(article.text)
    if item.status == "orphaned":
        # the position is only a hint of where it was: clipped into the article, it never points past its end
        start = min(max(0, item.start), length)
        end = min(max(item.end, start), length)
        quote, prefix, suffix = str(item.quote or ""), str(item.prefix or ""), str(item.suffix or "")
        source_start = source_end = None
    else:
        from dubao.core.library.anchoring import anchor_context  # with difflib and diff-match-patch: not to read

        start, end = item.start, item.end
        if not 0 <= start < end <= length:
            raise ValueError(f"range [{start}, {end}) is not a non-empty part of article {article.id} "
                             f"({length} characters)")
        quote, prefix, suffix = anchor_context(article.text, start, end)
        source_start = source_offset(article.blocks, start, at_end=False)
        source_end = source_offset(article.blocks, end, at_end=True)
    return {
        "article_id": article.id, "start": start, "end": end, "quote": quote, "prefix": prefix, "suffix": suffix,
        "source_start": source_start, "source_end": source_end, "color": check_color(item.color),
        "note": str(item.note or ""), "status": item.status, "score": score, "created": now, "updated": now,
        "deleted": None,
    }


class AnchoredAnnotationsMixin:
    def add_annotation(self, article_id: int, start: int, end: int, color: str = "yellow", note: str = "",
                       tags=()) -> Annotation:
        """Highlight [start, end) of an article's text (code points), with an optional note and tags."""
        return self.add_anchored_annotation(Annotation(
            article_id, start, end, color=color, note=note, tags=clean_tags(tags)))

    def add_anchored_annotation(self, item: Annotation) -> Annotation:
        """Add one annotation with its anchoring outcome (see the module docstring)."""
        return self.add_annotations([item])[0]

    def add_annotations(self, items: Iterable[Annotation]) -> list[Annotation]:
        """Add many annotations in one transaction, all or none: a bad item (unknown article, empty range,
        unknown colour or status) raises and nothing of the batch is kept. Returns them in the given order."""
        items = list(items)
        if not items:
            return []
        now = utc_now()
        articles: dict[int, object] = {}
        tag_ids: dict[str, int] = {}
        ids = []
        with self._write():
            for item in items:
                if item.article_id not in articles:
                    articles[item.article_id] = self.get_article(item.article_id)
                row = annotation_row(articles[item.article_id], item, now)
                annotation_id = self.conn.execute(
                    'INSERT INTO annotations (article_id, start, "end", quote, prefix, suffix, source_start, '
                    "source_end, color, note, status, score, created, updated, deleted) "
                    "VALUES (:article_id, :start, :end, :quote, :prefix, :suffix, :source_start, :source_end, "
                    ":color, :note, :status, :score, :created, :updated, :deleted)", row).lastrowid
                self._set_tags(annotation_id, clean_tags(item.tags), tag_ids)
                ids.append(annotation_id)
        return self._annotations_by_ids(ids)

    def _annotations_by_ids(self, ids: list[int]) -> list[Annotation]:
        """The annotations with these ids, in that order, in one query."""
        rows = self._query(ANNOTATION_SELECT + " WHERE an.id IN (SELECT value FROM json_each(?))", [json.dumps(ids)])
        found = {annotation.id: annotation for annotation in map(row_to_annotation, rows)}
        return [found[annotation_id] for annotation_id in ids]
