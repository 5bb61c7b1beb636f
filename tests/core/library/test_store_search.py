"""Search finds every occurrence with exact offsets and nothing false, checked against a plain scan."""

from __future__ import annotations

import random

import pytest
from store_helpers import SAMPLE_ARTICLES, make_issue

from dubao.core.library.store import Store
from dubao.core.library.search import fold


@pytest.fixture(scope="module")
def library(tmp_path_factory, sample_text):
    """The sample's paragraphs in three issues (one per 'day'), plus the hand-made issue."""
    paragraphs = [line for line in sample_text.splitlines() if len(line.strip()) > 20]
    store = Store.open(tmp_path_factory.mktemp("search") / "library.sqlite")
    rng = random.Random(7)
    for day in range(3):
        rng.shuffle(paragraphs)
        chunks = [paragraphs[i:i + 4] for i in range(0, len(paragraphs), 4)]
        source, issue = make_issue([(chunk[0][:12], chunk) for chunk in chunks], None, salt=str(day))
        store.save_issue(issue, source, paper="吕梁日报", date=f"2023-02-{18 + day}")
    source, issue = make_issue(SAMPLE_ARTICLES + [("ASCII", ["Dubao DUBAO dubao ＤＵＢＡＯ (记者) （记者） 𠮷野家 𠮷野家"])],
                               None)
    store.save_issue(issue, source, paper="测试报", date="2020-01-01")
    yield store
    store.close()


def _scan(store, query):
    """Every (article id, start) of `query`, by reading each article: the truth to compare with."""
    needle = fold(query)
    found = []
    for issue in store.list_issues():
        for article in store.articles(issue.id):
            haystack, position = fold(article.text), fold(article.text).find(needle)
            while position >= 0:
                found.append((article.id, position))
                position = haystack.find(needle, position + len(needle))
    return found


@pytest.mark.parametrize("query", [
    "吕梁",                   # a two-character word
    "中国能源建设集团有限公司",  # a long name
    "书记孙大军",              # crosses word boundaries (书记|孙大军)
    "交出中国式现代",           # a phrase cut mid-word at both ends
    "的",                     # a single character
    "道德模范",
])
def test_search_finds_exactly_what_a_scan_finds(library, query):
    result = library.search(query, limit=10_000)
    assert result.total == len(result.hits) == len(_scan(library, query)) > 0
    assert sorted((h.article_id, h.start) for h in result.hits) == sorted(_scan(library, query))
    for hit in result.hits:
        assert library.get_article(hit.article_id).text[hit.start:hit.end] == query


def test_random_substrings_of_the_library_are_found_and_counted(library):
    rng = random.Random(11)
    articles = [a for issue in library.list_issues() for a in library.articles(issue.id)]
    for _ in range(40):
        text = rng.choice(articles).text
        length = rng.randint(2, 12)
        start = rng.randrange(0, len(text) - length)
        query = text[start:start + length].strip()
        if not query:
            continue
        result = library.search(query, limit=10_000)
        assert result.total == len(_scan(library, query)), query


def test_nothing_false_when_every_pair_occurs_but_not_the_phrase(library):
    # 吕梁 and 梁会 … each pair may occur somewhere, the whole phrase does not
    for query in ("吕梁会议", "孙大军吕梁", "市委吕梁"):
        assert _scan(library, query) == []
        assert library.search(query).total == 0


def test_ascii_case_and_full_width_forms_are_equivalent(library):
    assert library.search("dubao").total == 4
    assert library.search("ＤＵＢＡＯ").total == 4
    assert library.search("(记者)").total == library.search("（记者）").total == 2


def test_offsets_are_code_points_even_after_astral_characters(library):
    result = library.search("野家")
    assert result.total == 2
    for hit in result.hits:
        assert library.get_article(hit.article_id).text[hit.start:hit.end] == "野家"
    assert library.search("𠮷野").total == 2


def test_paging_walks_through_every_occurrence_once(library):
    everything = library.search("吕梁", limit=10_000)
    pages = [library.search("吕梁", limit=7, offset=offset) for offset in range(0, everything.total, 7)]
    assert all(page.total == everything.total for page in pages)
    assert [hit for page in pages for hit in page.hits] == list(everything.hits)


def test_newest_issue_first_and_snippets_show_the_hit(library):
    hits = library.search("吕梁", limit=10_000).hits
    dates = [library.get_issue(hit.issue_id).date for hit in hits]
    assert dates == sorted(dates, reverse=True)
    assert all("吕梁" in hit.snippet and "\n" not in hit.snippet for hit in hits)


def test_empty_and_blank_queries_find_nothing(library):
    assert library.search("").total == 0
    assert library.search("   ").total == 0
    assert library.search('"*:^()').total == 0  # FTS5 syntax characters are searched literally


def test_one_issue_only(library):
    issue = library.list_issues(paper="测试报")[0]
    result = library.search("吕梁", issue_id=issue.id)
    assert result.total == 2 and {hit.issue_id for hit in result.hits} == {issue.id}


def test_a_long_article_indexed_in_pieces_is_found_across_piece_edges(tmp_path, monkeypatch, sample_text):
    """A huge article's index is built a piece at a time (bounded memory); a phrase across a piece edge is found,
    and deleting the issue (which needs the very same tokens) leaves no trace."""
    from dubao.core.library import search

    monkeypatch.setattr(search, "_PIECE", 7)
    paragraph = "".join(line for line in sample_text.splitlines() if len(line.strip()) > 20)[:400]
    source, issue = make_issue([("长文", [paragraph])], None)
    with Store.open(tmp_path / "library.sqlite") as store:
        store.save_issue(issue, source, paper="测试报", date="2020-01-01")
        rng = random.Random(3)
        for _ in range(30):
            start, length = rng.randrange(0, len(paragraph) - 12), rng.randint(2, 12)
            query = paragraph[start:start + length].strip()
            if query:
                assert store.search(query, limit=10_000).total == len(_scan(store, query)) > 0, query
        store.delete_issue(store.list_issues()[0].id)
        assert store.search(paragraph[100:108]).total == 0
