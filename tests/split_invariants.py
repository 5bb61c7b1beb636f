"""Checks every split must pass, shared by the splitter's tests: nothing lost, nothing doubled, exact spans."""

from __future__ import annotations

from collections import Counter

from dubao.core.models import Issue


def assert_split_invariants(issue: Issue, source: str) -> None:
    covered: list[tuple[int, int]] = []
    for item in issue.page_items:
        assert item.text.replace("\n", "") == "".join(source[s:e] for s, e in item.source_spans)
        covered.extend(item.source_spans)
    for number, article in enumerate(issue.articles, start=1):
        assert article.index == number
        assert article.text == "\n".join(block.text for block in article.blocks)
        for block in article.blocks:
            assert article.text[block.start : block.end] == block.text
            assert block.text == "".join(source[s:e] for s, e in block.source_spans), block
            covered.extend(block.source_spans)
    covered.sort()
    for (_, end), (start, _) in zip(covered, covered[1:]):
        assert end <= start, "two blocks claim the same source characters"
    in_blocks = Counter(ch for s, e in covered for ch in source[s:e] if not ch.isspace())
    in_source = Counter(ch for ch in source if not ch.isspace())
    assert in_blocks == in_source
