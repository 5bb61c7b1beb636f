"""Export speed: one article carrying 10,000 annotations, timed per format.

    python -m benchmarks.export_speed [N_ANNOTATIONS]

The article is the sample issue's text repeated to 150,000 characters; the annotations are spread over it
with notes, tags and all five colours (a heavily worked article, well past what a reader produces by hand).
Printed: the time to read the annotations from the library (the baseline every export pays), the time to
gather the export data, then per format the render time, its ratio to the baseline, and the output size;
last, the W3C import (`dubao import-annotations`): the export imported into a fresh on-disk library (WAL,
synchronous=FULL, as users have it) holding the same article, in one transaction; importing it again
(every annotation a duplicate); and, as the baseline measured in the same run, the old way of adding
them — one `add_annotation` transaction each, without the re-anchoring — timed on the first 1,000 and
scaled to the whole file (the import itself, before it became one batch, measured 18.2 s in memory).
A second, 100-annotation run shows how the cost scales.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from tests.export_samples import build_issue

from dubao.core.export import FORMATS, collect, render
from dubao.core.export.w3c_import import import_annotations
from dubao.core.models import ANNOTATION_COLORS
from dubao.core.library.store import Store
from dubao.core.models import Annotation

TAGS = ("理论", "经济", "人事", "政治 话语", "民生", "生态")


def _empty_library(path=":memory:") -> tuple[Store, int]:
    """A library holding one issue with one 150,000-character article."""
    sample = (REPO / "seeds" / "lvliang-ribao-2023-02-18-p1.txt").read_text("utf-8")
    # 20 long paragraphs (few blocks: adding an annotation reads the article's blocks)
    page = "".join(line for line in sample.splitlines() if len(line) > 30)
    body = tuple((page * (1 + 150_000 // len(page)))[i * 7_500:(i + 1) * 7_500] for i in range(20))
    source, issue = build_issue((("压力测试文章", None, ("李雅萍",), body),))
    store = Store.open(path)
    return store, store.save_issue(issue, source, paper="吕梁日报", date="2023-02-18").issue_id


def _library(count: int) -> tuple[Store, int, int]:
    store, issue_id = _empty_library()
    article = store.articles(issue_id)[0]
    rng = random.Random(7)
    items = []
    for number in range(count):
        start = rng.randrange(0, len(article.text) - 40)
        items.append(Annotation(
            article.id, start, start + rng.randint(2, 30), ANNOTATION_COLORS[number % 5],
            f"笔记 {number}: 注意“提法”的变化\n第二行" if number % 3 == 0 else "", tuple(rng.sample(TAGS, rng.randint(0, 2)))))
        if number % 50 == 0:
            store.add_vocab(f"词{number}", "cí", "word", 4, article.text[start:start + 30], article.id, start, start + 1)
    store.add_annotations(items)
    return store, issue_id, article.id


def _best_of(repeats: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def run(count: int) -> None:
    started = time.perf_counter()
    store, _, article_id = _library(count)
    print(f"\n{count} annotations on one article (library built in {time.perf_counter() - started:.1f} s)")
    baseline, _ = _best_of(3, lambda: store.annotations(article_id=article_id))
    gather, data = _best_of(3, lambda: collect(store, article_id=article_id))
    print(f"  read annotations (baseline)   {baseline * 1000:8.1f} ms")
    print(f"  gather export data            {gather * 1000:8.1f} ms   {gather / baseline:5.1f}× baseline")
    for name in FORMATS:
        seconds, output = _best_of(3, lambda: render(name, data))
        size = len(output.encode("utf-8") if isinstance(output, str) else output)
        print(f"  {name:<10} render             {seconds * 1000:8.1f} ms   {seconds / baseline:5.1f}× baseline"
              f"   {size / 1024:9.1f} KiB")
    document = render("w3c", data)
    annotations = list(data.annotations)
    store.close()
    with tempfile.TemporaryDirectory(prefix="dubao-bench-") as folder:
        _import_figures(Path(folder), document, annotations, count)


def _import_figures(folder: Path, document: str, annotations: list, count: int) -> None:
    fresh, _ = _empty_library(folder / "student.sqlite")
    started = time.perf_counter()
    report = import_annotations(fresh, document)
    batch = time.perf_counter() - started
    print(f"  import the W3C file, on disk  {batch:8.2f} s    ({report.summary()})")
    started = time.perf_counter()
    again = import_annotations(fresh, document)
    print(f"  import it again               {time.perf_counter() - started:8.2f} s    ({again.summary()})")
    fresh.close()
    # baseline: the old import added each annotation in its own transaction
    sample = annotations[:1000]
    old, _ = _empty_library(folder / "one-by-one.sqlite")
    article_id = old.articles(old.list_issues()[0].id)[0].id
    started = time.perf_counter()
    for a in sample:
        old.add_annotation(article_id, a.start, a.end, a.color, a.note, a.tags)
    per_item = (time.perf_counter() - started) / max(1, len(sample))
    old.close()
    print(f"  baseline, one transaction per annotation: {per_item * 1000:.2f} ms each "
          f"(timed on {len(sample)}) → {per_item * count:.1f} s for {count}; "
          f"the batch import is {per_item * count / batch:.0f}× faster")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
    run(100)
