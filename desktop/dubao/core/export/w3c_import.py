"""Importing a W3C Web Annotation file into the library: a teacher hands a class a layer of glosses.

Each annotation is placed on the issue it was made on — found by the sha256 of the source file, else by
paper and date — and re-anchored with `dubao.core.library.anchoring` in the article it named (then in the issue's
other articles): exact, moved, fuzzy, or orphaned when the passage is not there at all.
Every annotation whose issue is in the library is kept, with its honest status: exact, moved, fuzzy (with
the match's score) or orphaned — an orphan keeps its quote, context, note and tags without a place in the
text (as `import --replace` keeps its orphans), is listed, and waits in `dubao annotate list --status
orphaned`. An annotation already present (same article, span — for an orphan, same quote — colour, note
and tags) is not added twice, so importing a file again is harmless. Annotations whose issue is not in
the library are reported with their quote and note and not added: the file they came from is untouched.
An annotation that cannot be read (a number where a name belongs, a position outside the article, negative
or reversed) is "rejected": listed by its number in the file with the reason, while the others are added.
The whole file is added in one transaction: all of it or, after an error or a crash, none of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dubao.core.library.anchoring import reanchor_among
from dubao.core.export.w3c import ImportedAnnotation, parse_annotations
from dubao.core.models import ANNOTATION_COLORS, Annotation
from dubao.core.library.anchored import Annotation


KEPT = ("exact", "moved", "fuzzy", "orphaned")  # outcomes that add an annotation to the library


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What happened to one annotation of the file."""

    quote: str
    note: str
    outcome: str  # "exact" | "moved" | "fuzzy" | "orphaned" | "duplicate" | "no-issue" | "rejected"
    issue_id: int | None = None
    article_id: int | None = None
    start: int | None = None
    end: int | None = None
    score: float | None = None
    annotation: Annotation | None = None  # the annotation added to the library
    made_on: str = ""  # the issue the file says it was made on ("吕梁日报 2023-02-18"), for messages
    index: int = 0  # the annotation's number in the file (1-based)
    reason: str = ""  # why a "rejected" one could not be imported


@dataclass(frozen=True, slots=True)
class ImportReport:
    results: tuple[ImportResult, ...] = field(default_factory=tuple)

    def count(self, *outcomes: str) -> int:
        return sum(1 for result in self.results if result.outcome in outcomes)

    @property
    def added(self) -> int:
        return sum(1 for result in self.results if result.annotation is not None)

    def summary(self, dry_run: bool = False) -> str:
        parts = [f"{self.count(*KEPT)} would be added" if dry_run else f"{self.added} added"]
        for outcome in ("exact", "moved", "fuzzy", "duplicate", "orphaned", "no-issue", "rejected"):
            if self.count(outcome):
                parts.append(f"{self.count(outcome)} {outcome}")
        return f"{len(self.results)} annotations: " + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class _Probe:
    """What `reanchor` needs: the quote, its context and its old position."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


def _find_issue(store, item: ImportedAnnotation):
    if item.sha256:
        found = store.find_issue_by_sha256(item.sha256)
        if found is not None:
            return found
    if item.paper and item.date:
        same = [issue for issue in store.list_issues(paper=item.paper) if issue.date == item.date]
        if len(same) == 1:
            return same[0]
    return None


def _place(item: ImportedAnnotation, articles) -> ImportResult:
    preferred = [a.id for a in articles if a.index == item.article_index]
    preferred += [a.id for a in articles if item.headline and a.headline == item.headline and a.id not in preferred]
    quote = item.exact
    if quote is None:  # position-only target: the quote is what the named article holds there
        home = next((a for a in articles if a.id in preferred), None)
        if home is None or item.end > len(home.text):
            length = f"the article's {len(home.text)} characters" if home else "any article of the issue"
            return ImportResult(quote="", note=item.note, outcome="rejected", index=item.index,
                                reason=f"its position {item.start}–{item.end} lies outside {length}")
        quote = home.text[item.start:item.end]
    start = item.start if item.start is not None else 0
    probe = _Probe(quote, item.prefix, item.suffix, start, item.end if item.end is not None else start + len(quote))
    article_id, start, end, status, score = reanchor_among(probe, [(a.id, a.text) for a in articles], preferred)
    return ImportResult(quote=quote, note=item.note, outcome=status, article_id=article_id,
                        start=start, end=end, score=score)


def _signature(article_id: int, start: int, end: int, color: str, note: str, tags: tuple[str, ...],
               status: str, quote: str) -> tuple:
    """What makes two annotations the same for import purposes. An orphan has no real span: its quote counts."""
    if status == "orphaned":
        return article_id, None, None, color, note, tuple(tags), quote
    return article_id, start, end, color, note, tuple(tags), None


def _issue_finder(store):
    """`_find_issue` with one look-up per distinct (sha256, paper, date) of the file, not one per annotation."""
    cache: dict[tuple, object] = {}

    def find(item: ImportedAnnotation):
        key = (item.sha256, item.paper, item.date)
        if key not in cache:
            cache[key] = _find_issue(store, item)
        return cache[key]

    return find


def import_annotations(store, text: str, *, dry_run: bool = False) -> ImportReport:
    """Import every annotation of a W3C Web Annotation document, in one transaction. Raises
    AnnotationFileError for a bad file. `dry_run`: work out where each would go, change nothing (results
    carry no `annotation`)."""
    results: list[ImportResult] = []
    to_add: list[tuple[int, Annotation]] = []  # (index in results, what to add)
    articles_of: dict[int, list] = {}
    present: set[tuple] = set()  # signatures of the annotations already on the issues met so far
    find_issue = _issue_finder(store)
    for item in parse_annotations(text):
        if item.problem:
            results.append(ImportResult(quote="", note="", outcome="rejected", index=item.index, reason=item.problem))
            continue
        issue = find_issue(item)
        if issue is None:
            made_on = " ".join(part for part in (item.paper, item.date) if part) or (item.sha256 or "")[:12]
            results.append(ImportResult(quote=item.exact or "", note=item.note, outcome="no-issue", made_on=made_on))
            continue
        if issue.id not in articles_of:
            articles_of[issue.id] = store.articles(issue.id)
            present.update(_signature(a.article_id, a.start, a.end, a.color, a.note, a.tags, a.status, a.quote)
                           for a in store.annotations(issue_id=issue.id))
        if not articles_of[issue.id]:  # an issue always has articles; without one there is nowhere to keep it
            results.append(ImportResult(quote=item.exact or "", note=item.note, outcome="orphaned", issue_id=issue.id))
            continue
        placed = replace(_place(item, articles_of[issue.id]), issue_id=issue.id, index=item.index)
        if placed.outcome == "rejected":
            results.append(placed)
            continue
        if placed.outcome == "orphaned" or placed.start >= placed.end:
            placed = replace(placed, outcome="orphaned", score=None)
        colour = item.color if item.color in ANNOTATION_COLORS else ANNOTATION_COLORS[0]
        signature = _signature(placed.article_id, placed.start, placed.end, colour, item.note, item.tags,
                               placed.outcome, placed.quote)
        if signature in present:
            results.append(replace(placed, outcome="duplicate"))
            continue
        present.add(signature)
        results.append(placed)
        to_add.append((len(results) - 1, Annotation(
            placed.article_id, placed.start, placed.end, color=colour, note=item.note, tags=item.tags,
            status=placed.outcome, score=placed.score, quote=placed.quote, prefix=item.prefix, suffix=item.suffix)))
    if to_add and not dry_run:
        added = store.add_annotations([anchored for _, anchored in to_add])
        for (index, _), annotation in zip(to_add, added):
            results[index] = replace(results[index], annotation=annotation)
    return ImportReport(tuple(results))
