"""W3C Web Annotation (JSON-LD) export, and reading such files back for import.

Export: an `AnnotationCollection` whose first page embeds every annotation. Each annotation repeats the
`@context`, so a single item copied out of the file is still a complete Web Annotation.

- target: a `SpecificResource` whose `source` is the article's text, identified as
  `urn:dubao:sha256:<sha256 of the issue file>:article:<n>` (n = 1-based article number on the page),
  with a `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` (start/end in code
  points of the article text — the model defines positions in Unicode characters, as Dubao counts them).
  The source object also carries the paper, date and headline, so a reader of the file knows what it is;
  the headline as `dc:title` (anno.jsonld declares the `dc` prefix; a bare `title` is no term of it, and
  JSON-LD processors would drop it).
- body: the note as a `TextualBody` with purpose `commenting`, each tag as one with purpose `tagging`.
- motivation: `commenting` when there is a note, else `highlighting`. The highlight colour travels as
  `dubao:color`, a compact IRI under the `dubao:` prefix the context declares (JSON-LD processors keep it).
- an annotation that was re-anchored says so in `dubao:status` (moved / fuzzy, with `dubao:score`, /
  orphaned); an orphaned one (its passage is gone from the text) keeps only its quote selector.

Import (`parse_annotations`) accepts a collection, a page, a list or a single annotation, from Dubao or
from another tool, as long as the target has a TextQuoteSelector or a TextPositionSelector.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from dubao import __version__
from dubao.core.export.data import Article, ExportData, stable_uuid
from dubao.core.errors import AnnotationFileError
from dubao.core.models import Annotation

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Dubao's own terms live under a URN prefix: no web domain is claimed, and JSON-LD processors keep them.
DUBAO_TERMS = {"dubao": "urn:dubao:terms:"}
CONTEXT = [ANNO_CONTEXT, DUBAO_TERMS]
GENERATOR = {"type": "Software", "name": f"Dubao 读报 {__version__}"}
_SOURCE_ID = re.compile(r"^urn:dubao:sha256:([0-9a-fA-F]{64}):article:(\d+)$")


def source_id(article: Article) -> str:
    return f"urn:dubao:sha256:{article.issue.sha256}:article:{article.index}"


def annotation_iri(article: Article, annotation: Annotation) -> str:
    return f"urn:uuid:{stable_uuid('annotation', article.issue.sha256, article.index, annotation.id, annotation.created)}"


def _bodies(annotation: Annotation) -> list[dict]:
    bodies = []
    if annotation.note.strip():
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": annotation.note,
                       "format": "text/plain"})
    bodies += [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in annotation.tags]
    return bodies


def to_annotation(article: Article, annotation: Annotation) -> dict:
    """One annotation as a Web Annotation JSON-LD object."""
    issue = article.issue
    source = {"id": source_id(article), "type": "Text", "format": "text/plain", "language": "zh",
              "dc:title": article.headline, "dubao:paper": issue.paper, "dubao:sha256": issue.sha256,
              "dubao:article": article.index}
    if issue.date:
        source["dubao:date"] = issue.date
    item = {
        "@context": CONTEXT,
        "id": annotation_iri(article, annotation),
        "type": "Annotation",
        "motivation": "commenting" if annotation.note.strip() else "highlighting",
        "created": annotation.created,
        "modified": annotation.updated,
        "generator": GENERATOR,
        "dubao:color": annotation.color,
        "target": {
            "type": "SpecificResource",
            "source": source,
            "selector": [
                {"type": "TextQuoteSelector", "exact": annotation.quote,
                 "prefix": annotation.prefix, "suffix": annotation.suffix},
                {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
            ],
        },
    }
    if annotation.status != "exact":
        item["dubao:status"] = annotation.status
    if annotation.status == "fuzzy" and annotation.score is not None:
        item["dubao:score"] = annotation.score
    if annotation.status == "orphaned":
        # the passage is no longer in the text: a position would point at unrelated words
        del item["target"]["selector"][1]
    bodies = _bodies(annotation)
    if bodies:
        item["body"] = bodies if len(bodies) > 1 else bodies[0]
    return item


def to_w3c(data: ExportData) -> str:
    """The JSON-LD text of an AnnotationCollection holding every annotation of `data`."""
    items = [to_annotation(data.article(a.article_id), a) for a in data.annotations if data.article(a.article_id)]
    collection = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{stable_uuid('collection', data.title, *(item['id'] for item in items))}",
        "type": "AnnotationCollection",
        "label": data.title,
        "total": len(items),
    }
    if items:  # the model requires `first` only when there is something in it
        collection["first"] = {"type": "AnnotationPage", "startIndex": 0, "items": items}
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


# ---- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportedAnnotation:
    """One annotation read from a file, before it is anchored in the library. `index` is its 1-based number
    in the file; `problem` says why it cannot be imported ('' when it can)."""

    exact: str | None
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    note: str
    tags: tuple[str, ...]
    color: str | None
    sha256: str | None  # the issue file it was made on, when the source says so
    article_index: int | None
    paper: str | None
    date: str | None
    headline: str | None
    created: str | None
    index: int = 0
    problem: str = ""


class _Rejected(ValueError):
    """One annotation of the file that cannot be imported, and why."""


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _names(value) -> set[str]:
    """The strings of a `type` or `purpose` value (a string or a list; anything else names nothing)."""
    return {name for name in _as_list(value) if isinstance(name, str)}


def _items(document) -> list[dict]:
    """Annotations in a collection, page, list or single-annotation document."""
    if isinstance(document, list):
        return [item for part in document for item in _items(part)]
    if not isinstance(document, dict):
        raise AnnotationFileError("expected a JSON object or list of Web Annotations")
    kinds = _names(document.get("type"))
    if "AnnotationCollection" in kinds:
        first = document.get("first")
        return _items(first) if isinstance(first, dict) else []
    if "AnnotationPage" in kinds:
        return [item for item in _as_list(document.get("items")) if isinstance(item, dict)]
    if "Annotation" in kinds:
        return [document]
    raise AnnotationFileError("no Annotation, AnnotationPage or AnnotationCollection in the file")


def _read_body(item: dict) -> tuple[str, tuple[str, ...]]:
    notes, tags = [], []
    body_value = item.get("bodyValue")
    for body in _as_list(item.get("body")) + ([{"value": body_value}] if isinstance(body_value, str) else []):
        value = body.get("value") if isinstance(body, dict) else None
        if not isinstance(value, str):
            continue  # an external body (a link), or not text: nothing Dubao can show
        (tags if "tagging" in _names(body.get("purpose")) else notes).append(value)
    return "\n\n".join(notes), tuple(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))


def _read_target(target) -> tuple[dict, dict, dict]:
    """(source object, quote selector, position selector) of a target; empty dicts when absent."""
    if not isinstance(target, dict):
        return {}, {}, {}
    source = target.get("source")
    source = source if isinstance(source, dict) else {"id": source} if isinstance(source, str) else {}
    quote, position = {}, {}
    for selector in _as_list(target.get("selector")):
        if not isinstance(selector, dict):
            continue
        kinds = _names(selector.get("type"))
        if "TextQuoteSelector" in kinds and isinstance(selector.get("exact"), str):
            quote = selector
        elif "TextPositionSelector" in kinds:
            position = selector
    return source, quote, position


def _text(mapping: dict, key: str) -> str | None:
    """mapping[key] when it is text, None when absent; _Rejected when it is something else."""
    value = mapping.get(key)
    if value is None or isinstance(value, str):
        return value
    kind = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a JSON object"}
    raise _Rejected(f"{key} is {kind.get(type(value), 'not text')}, not text")


def _positions(position: dict) -> tuple[int | None, int | None]:
    values = []
    for key in ("start", "end"):
        value = position.get(key)
        if value is None:
            values.append(None)
        elif not isinstance(value, int) or isinstance(value, bool):
            raise _Rejected(f"the position {key} is not a whole number")
        elif value < 0:
            raise _Rejected(f"the position {key} ({value}) is negative")
        else:
            values.append(value)
    start, end = values
    if start is not None and end is not None and end < start:
        raise _Rejected(f"the position end ({end}) is before its start ({start})")
    return start, end


def _read_one(item: dict, target, index: int) -> ImportedAnnotation:
    source, quote, position = _read_target(target)
    start, end = _positions(position)
    if not quote and (start is None or end is None):
        raise _Rejected("no TextQuoteSelector and no complete TextPositionSelector: nothing to anchor on")
    sha256 = _text(source, "dubao:sha256")
    match = _SOURCE_ID.match(_text(source, "id") or "")
    article = source.get("dubao:article")
    if article is not None and (not isinstance(article, int) or isinstance(article, bool) or article < 1):
        raise _Rejected("dubao:article is not an article number")
    note, tags = _read_body(item)
    color = item.get("dubao:color")
    return ImportedAnnotation(
        exact=quote.get("exact"), prefix=_text(quote, "prefix") or "", suffix=_text(quote, "suffix") or "",
        start=start, end=end, note=note, tags=tags, color=color if isinstance(color, str) else None,
        sha256=sha256 or (match.group(1) if match else None),
        article_index=article or (int(match.group(2)) if match else None),
        paper=_text(source, "dubao:paper"), date=_text(source, "dubao:date"),
        headline=_text(source, "dc:title") or _text(source, "title"),
        created=item.get("created") if isinstance(item.get("created"), str) else None, index=index)


def _rejected(index: int, reason: str) -> ImportedAnnotation:
    return ImportedAnnotation(None, "", "", None, None, "", (), None, None, None, None, None, None, None,
                              index=index, problem=reason)


def parse_annotations(text: str) -> list[ImportedAnnotation]:
    """Read a Web Annotation JSON(-LD) document: one entry per annotation target, numbered in file order;
    an entry that cannot be imported carries its `problem`. Raises AnnotationFileError when the file as a
    whole is no annotation document."""
    try:
        document = json.loads(text)
        items = _items(document)
    except json.JSONDecodeError as error:
        raise AnnotationFileError(f"not JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except RecursionError:
        raise AnnotationFileError("brackets nested too deeply: not an annotation file") from None
    result = []
    for index, item in enumerate(items, start=1):
        for target in _as_list(item.get("target")) or [None]:
            try:
                result.append(_read_one(item, target, index))
            except _Rejected as problem:
                result.append(_rejected(index, str(problem)))
    return result
