"""Analysed issues as Parquet datasets, and back: what `dubao batch` writes and `import --from-parquet` reads.

Four datasets, one folder each under the output folder, one part file per batch task (part-00012.parquet):

    issues/           one row per issue: paper, date, source file and its sha256, versions, the source text,
                      and the split issue and its entities as JSON (what a library needs to hold it again)
    articles/         one row per article: issue sha256, paper, date, index, headline, byline, text
    entity_mentions/  one row per mention: issue sha256, paper, date, entity name and kind, article, offsets
    formulations/     one row per formulation per issue: name, explanation, where it was put forward, mentions

DuckDB, pandas, Polars or Spark read any folder as one table (`read_parquet('out/articles/*.parquet')`).
Offsets are code points into the article's text, as everywhere in the core. pyarrow is imported only here,
on use: it is part of the optional `batch` extra.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from pathlib import Path

from dubao.core.models import Article, Block, Entity, Issue, Mention, PageItem, SourceInfo, to_jsonable

DATASETS = ("issues", "articles", "entity_mentions", "formulations")
FORMAT_VERSION = 1  # of the JSON columns; raised when a reader of older files would misread newer ones


# ---- the split issue and its entities as JSON ------------------------------------------------------


def _spans(data) -> tuple[tuple[int, int], ...]:
    return tuple((int(start), int(end)) for start, end in data)


def _placed(data: dict) -> dict:
    """The fields blocks and page items share: source spans, page, bbox and OCR confidence."""
    bbox = data.get("bbox")
    return {"source_spans": _spans(data["source_spans"]), "page": data.get("page"),
            "bbox": tuple(bbox) if bbox is not None else None, "ocr_confidence": data.get("ocr_confidence")}


def _article(data: dict) -> Article:
    blocks = tuple(Block(kind=b["kind"], text=b["text"], start=b["start"], end=b["end"], **_placed(b))
                   for b in data["blocks"])
    plain = {key: data[key] for key in ("index", "headline", "kicker", "subheadline", "column", "dateline", "text")}
    return Article(**plain, reporters=tuple(data["reporters"]), photographers=tuple(data["photographers"]),
                   blocks=blocks)


def issue_to_json(issue: Issue) -> str:
    return json.dumps({"format": FORMAT_VERSION, "issue": to_jsonable(dataclasses.replace(issue, id=None))},
                      ensure_ascii=False)


def issue_from_json(text: str) -> Issue:
    data = json.loads(text)
    if data.get("format") != FORMAT_VERSION:
        raise ValueError(f"issue data of format {data.get('format')}; this Dubao reads format {FORMAT_VERSION}")
    issue = data["issue"]
    items = tuple(PageItem(kind=item["kind"], text=item["text"], **_placed(item)) for item in issue["page_items"])
    fields = {key: issue[key] for key in ("paper", "date", "page", "importer_version", "splitter_version",
                                          "analyser_version", "imported")}
    return Issue(source=SourceInfo(**issue["source"]), page_items=items,
                 articles=tuple(_article(article) for article in issue["articles"]), **fields)


def entities_to_json(entities: list[Entity] | None) -> str | None:
    return None if entities is None else json.dumps([to_jsonable(entity) for entity in entities], ensure_ascii=False)


def entities_from_json(text: str | None) -> list[Entity] | None:
    if text is None:
        return None
    found = []
    for data in json.loads(text):
        lists = {key: tuple(data[key]) for key in ("aliases", "titles", "roles", "expansion")}
        mentions = tuple(Mention(**mention) for mention in data["mentions"])
        rest = {key: data[key] for key in ("name", "kind", "explanation", "value", "context", "source")}
        found.append(Entity(**rest, **lists, mentions=mentions))
    return found


# ---- rows of the four datasets ---------------------------------------------------------------------


def table_rows(issue: Issue, source_text: str, entities: list[Entity] | None) -> dict[str, list[dict]]:
    """The rows one analysed issue adds to each dataset."""
    key = {"sha256": issue.source.sha256, "paper": issue.paper, "date": issue.date}
    rows: dict[str, list[dict]] = {name: [] for name in DATASETS}
    rows["issues"].append({
        **key, "source_path": issue.source.path, "encoding": issue.source.encoding, "chars": len(source_text),
        "articles": len(issue.articles), "splitter_version": issue.splitter_version,
        "analyser_version": issue.analyser_version, "source_text": source_text,
        "issue_json": issue_to_json(issue), "entities_json": entities_to_json(entities)})
    for article in issue.articles:
        rows["articles"].append({
            **key, "article": article.index, "headline": article.headline, "kicker": article.kicker,
            "subheadline": article.subheadline, "column": article.column, "reporters": list(article.reporters),
            "photographers": list(article.photographers), "dateline": article.dateline, "text": article.text,
            "chars": len(article.text)})
    for entity in entities or ():
        for mention in entity.mentions:
            rows["entity_mentions"].append({
                **key, "name": entity.name, "kind": entity.kind, "article": mention.article,
                "start": mention.start, "end": mention.end, "text": mention.text})
        if entity.kind == "formulation":
            rows["formulations"].append({
                **key, "name": entity.name, "explanation": entity.explanation, "source": entity.source,
                "expansion": list(entity.expansion), "mentions": len(entity.mentions)})
    return rows


def _schemas():
    import pyarrow as pa

    key = [("sha256", pa.string()), ("paper", pa.string()), ("date", pa.string())]
    names = pa.list_(pa.string())
    return {
        "issues": pa.schema(key + [
            ("source_path", pa.string()), ("encoding", pa.string()), ("chars", pa.int64()),
            ("articles", pa.int32()), ("splitter_version", pa.string()), ("analyser_version", pa.string()),
            ("source_text", pa.large_string()), ("issue_json", pa.large_string()),
            ("entities_json", pa.large_string())]),
        "articles": pa.schema(key + [
            ("article", pa.int32()), ("headline", pa.string()), ("kicker", pa.string()),
            ("subheadline", pa.string()), ("column", pa.string()), ("reporters", names),
            ("photographers", names), ("dateline", pa.string()), ("text", pa.large_string()),
            ("chars", pa.int32())]),
        "entity_mentions": pa.schema(key + [
            ("name", pa.string()), ("kind", pa.string()), ("article", pa.int32()), ("start", pa.int32()),
            ("end", pa.int32()), ("text", pa.string())]),
        "formulations": pa.schema(key + [
            ("name", pa.string()), ("explanation", pa.string()), ("source", pa.string()), ("expansion", names),
            ("mentions", pa.int32())]),
    }


def write_part(out_dir: str | os.PathLike[str], part: int, rows: dict[str, list[dict]]) -> None:
    """Write one part file per dataset. Each file appears whole or not at all (written aside, then renamed),
    so a task run again after its worker died replaces its part instead of adding a second one."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name, schema in _schemas().items():
        folder = Path(out_dir) / name
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"part-{part:05d}.parquet"
        partial = folder / f".part-{part:05d}.{os.getpid()}.tmp"
        pq.write_table(pa.Table.from_pylist(rows.get(name, []), schema=schema), partial, compression="zstd")
        os.replace(partial, target)


def merged_rows(per_issue: list[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    merged: dict[str, list[dict]] = {name: [] for name in DATASETS}
    for rows in per_issue:
        for name in DATASETS:
            merged[name] += rows[name]
    return merged


def read_issues(out_dir: str | os.PathLike[str]) -> Iterator[tuple[Issue, str, list[Entity] | None]]:
    """Every issue of a `dubao batch` output folder, ready for Store.save_issue, part by part (a part's
    rows at a time in memory, never the whole archive). Raises FileNotFoundError for a folder without them."""
    import pyarrow.parquet as pq

    parts = sorted((Path(out_dir) / "issues").glob("part-*.parquet"))
    if not parts:
        raise FileNotFoundError(f"{out_dir}: no issues/part-*.parquet here (write them with `dubao batch`)")
    columns = ["source_text", "issue_json", "entities_json"]
    for part in parts:
        for batch in pq.ParquetFile(part).iter_batches(batch_size=64, columns=columns):
            for row in batch.to_pylist():
                yield issue_from_json(row["issue_json"]), row["source_text"], entities_from_json(row["entities_json"])
