"""Row ↔ dataclass conversion and small helpers shared by the store modules."""

from __future__ import annotations

import datetime as _dt
import json

from dubao.core.errors import LibraryError
from dubao.core.models import Article, Block, Issue, SourceInfo


def utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


# the blocks table's columns in the order of Block's fields, for `blocks_from_tuples`
BLOCK_COLUMNS = 'kind, text, start, "end", source_spans, page, bbox, ocr_confidence'


def blocks_from_tuples(text: str, block_rows) -> tuple[Block, ...]:
    """Blocks from plain rows of BLOCK_COLUMNS: no dict per row (an article of a whole book has ten thousand
    blocks, read when it is opened)."""
    loads = json.loads
    return tuple(
        Block(kind, block_text if block_text is not None else text[start:end], start, end,
              tuple(tuple(span) for span in loads(spans)), page, tuple(loads(bbox)) if bbox else None, confidence)
        for kind, block_text, start, end, spans, page, bbox, confidence in block_rows
    )


def row_to_article(row, block_rows) -> Article:
    """An Article from its row and its blocks' rows (dicts, or BLOCK_COLUMNS tuples)."""
    text = row["text"]
    if isinstance(block_rows, tuple):
        blocks = block_rows
    else:
        blocks = tuple(
            Block(
                kind=block["kind"],
                text=block["text"] if block["text"] is not None else text[block["start"]:block["end"]],
                start=block["start"],
                end=block["end"],
                source_spans=tuple(tuple(span) for span in json.loads(block["source_spans"])),
                page=block.get("page"),
                bbox=tuple(json.loads(block["bbox"])) if block.get("bbox") else None,
                ocr_confidence=block.get("ocr_confidence"),
            )
            for block in block_rows
        )
    return Article(
        id=row["id"], issue_id=row["issue_id"], index=row["idx"], headline=row["headline"],
        kicker=row["kicker"], subheadline=row["subheadline"], column=row["column_name"],
        reporters=tuple(json.loads(row["reporters"])), photographers=tuple(json.loads(row["photographers"])),
        dateline=row["dateline"], text=text, blocks=blocks,
    )


def row_to_issue(row) -> Issue:
    """An issue as the library lists it: without its articles (`article_count` says how many)."""
    return Issue(
        source=SourceInfo(row["source_path"], row["sha256"], row["encoding"], 0),
        id=row["id"], paper=row["paper"], date=row["date"], importer_version=row["importer_version"],
        imported=row["imported"], splitter_version=row["splitter_version"],
        analyser_version=row["analyser_version"], article_count=row["article_count"], page=row["page"],
        url=row["url"],
    )
