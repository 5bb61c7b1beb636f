"""Search over a library with many hits per query: the total, the order, every page of hits and their snippets
are what reading every article in library order gives, however the total and the page were reached."""

from __future__ import annotations

import random

import pytest
from store_helpers import make_issue

from dubao.core.library.search import _snippet, fold, match_expression
from dubao.core.library.search_page import page_hits
from dubao.core.library.store import Store

SENTENCES = [
    "吕梁市委召开常委会会议，研究推动高质量发展。", "吕梁发展新能源、新材料。", "哈哈哈哈，记者笑了。",
    "GDP增长6.5%，ＧＤＰ总量创新高。", "（记者）张三 (记者) 李四报道。", "new energy and New Energy in 2023.",
    "２０２３年吕梁的发展成就。", "COVID-19 疫情防控，发展经济。", "哈哈，吕梁吕梁吕梁。", "的的确确，发展是硬道理。",
    "高质量发展是首要任务 发展 发展", "市委书记孙大军主持会议。", "Ａｂｃ abc ABC ａＢｃ。",
]
# every kind of query: 1, 2 and 3+ characters, Han, Latin, digits, punctuation, full width, pairs that overlap
# themselves (哈哈 in 哈哈哈哈), two runs (new energy), and queries found nowhere
QUERIES = ["吕", "的", "，", "a", "6", "吕梁", "发展", "哈哈", "记者", "gd", "ab", "哈哈哈", "吕梁吕梁", "吕梁市",
           "GDP增长", "（记者）", "(记者)", "new energy", "6.5%", "２０２３", "2023", "covid-19", "高质量发展",
           "孙大军主持", "发展 发展", "没有这个词", "吕梁会议"]
# queries without a character that folding touches: the plain scan (count_by_scan, exact characters) agrees
EXACT_QUERIES = ["吕", "的", "吕梁", "发展", "哈哈", "记者", "哈哈哈", "吕梁吕梁", "吕梁市", "高质量发展",
                 "孙大军主持", "没有这个词", "吕梁会议"]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """90 issues of two papers: most dated (some sharing a day), two undated; articles of shuffled sentences."""
    store = Store.open(tmp_path_factory.mktemp("search-scale") / "library.sqlite")
    rng = random.Random(17)
    for number in range(90):
        articles = [(f"标题{number}-{index}", ["".join(rng.choices(SENTENCES, k=rng.randint(1, 6)))
                                              for _ in range(rng.randint(1, 4))])
                    for index in range(rng.randint(2, 6))]
        source, issue = make_issue(articles, None, salt=str(number))
        date = None if number in (5, 60) else f"2020-{1 + number % 12:02d}-{1 + number % 25:02d}"
        store.save_issue(issue, source, paper="甲报" if number % 3 else "乙报", date=date)
    yield store
    store.close()


def _in_library_order(store, paper=None, issue_id=None):
    issues = [issue for issue in store.list_issues() if (paper is None or issue.paper == paper)
              and (issue_id is None or issue.id == issue_id)]
    # newest first: dated issues by date then id, both descending; undated last, newest id first
    dated = sorted((i for i in issues if i.date is not None), key=lambda i: (i.date, i.id), reverse=True)
    undated = sorted((i for i in issues if i.date is None), key=lambda i: i.id, reverse=True)
    return dated + undated


def _read_everything(store, query, paper=None, issue_id=None):
    """Every hit as (issue id, article id, headline, start, end, snippet), reading each article in library order."""
    needle, found = fold(query.strip()), []
    for issue in _in_library_order(store, paper, issue_id):
        for article in sorted(store.articles(issue.id), key=lambda article: article.index):
            haystack = fold(article.text)
            position = haystack.find(needle)
            while position >= 0:
                end = position + len(needle)
                found.append((issue.id, article.id, article.headline, position, end,
                              _snippet(article.text, position, end)))
                position = haystack.find(needle, end)
    return found


def _as_tuples(hits):
    return [(hit.issue_id, hit.article_id, hit.headline, hit.start, hit.end, hit.snippet) for hit in hits]


@pytest.mark.parametrize("query", QUERIES)
def test_total_and_every_page_are_what_reading_every_article_gives(library, query):
    truth = _read_everything(library, query)
    first = library.search(query)
    assert first.total == len(truth)
    assert _as_tuples(first.hits) == truth[:200]
    for offset, limit in ((37, 60), (len(truth) - 5, 10), (len(truth) + 3, 10), (0, 0)):
        page = library.search(query, limit=limit, offset=max(0, offset))
        assert page.total == len(truth)
        assert _as_tuples(page.hits) == truth[max(0, offset):max(0, offset) + limit]


def test_the_library_has_many_hits_for_common_queries(library):
    # the paths that only pay off with many hits (index counts, walking issues) are the ones exercised here
    assert library.search("发展").total > 400 and library.search("的").total > 200
    assert library.search("吕梁吕梁").total > 50


@pytest.mark.parametrize("query", EXACT_QUERIES)
def test_the_total_is_what_the_plain_scan_counts(library, query):
    assert library.search(query).total == library.count_by_scan(query)


@pytest.mark.parametrize("query", ["吕", "发展", "哈哈哈", "GDP增长", "（记者）", "new energy", "没有这个词"])
def test_one_paper_and_one_issue(library, query):
    paper_truth = _read_everything(library, query, paper="乙报")
    result = library.search(query, limit=50, offset=3, paper="乙报")
    assert result.total == len(paper_truth) and _as_tuples(result.hits) == paper_truth[3:53]
    for issue in library.list_issues()[::17]:
        truth = _read_everything(library, query, issue_id=issue.id)
        result = library.search(query, issue_id=issue.id)
        assert result.total == len(truth) and _as_tuples(result.hits) == truth


@pytest.mark.parametrize("query", ["吕", "发展", "哈哈", "吕梁吕梁", "（记者）", "Abc", "new energy"])
def test_walking_the_issues_gathering_the_candidates_or_both_give_the_same_page(library, query):
    needle = fold(query)
    truth = _read_everything(library, query)
    for offset, limit in ((0, 200), (11, 30)):
        gathered = page_hits(library.conn, needle, match_expression(needle), "1", [], offset, limit, walk=None)
        assert _as_tuples(gathered) == truth[offset:offset + limit]
        for budget in (1, 3, 10_000):  # a walk cut short goes on by gathering the issues it did not reach
            walked = page_hits(library.conn, needle, match_expression(needle), "1", [], offset, limit, walk=budget)
            assert _as_tuples(walked) == truth[offset:offset + limit], budget


def test_counts_stay_exact_after_issues_are_deleted_and_replaced(tmp_path):
    with Store.open(tmp_path / "library.sqlite") as store:
        saved = []
        for number in range(6):
            source, issue = make_issue([("吕梁", ["吕梁发展，哈哈哈。" * (number + 1)])], None, salt=str(number))
            saved.append((store.save_issue(issue, source, paper="甲报", date=f"2021-01-0{number + 1}"), issue, source))
        store.delete_issue(saved[2][0].issue_id)
        source, issue = make_issue([("吕梁", ["只剩发展。"])], None, salt="again")
        store.save_issue(issue, source, paper="甲报", date="2021-01-04", replace_id=saved[3][0].issue_id)
        for query in ("吕", "吕梁", "发展", "哈哈", "吕梁发展"):
            truth = _read_everything(store, query)
            result = store.search(query)
            assert result.total == len(truth) == store.count_by_scan(query)
            assert _as_tuples(result.hits) == truth


def test_totals_through_the_rarest_pair_are_what_reading_every_article_gives(library, monkeypatch):
    # a large library counts a phrase by reading only the articles holding its rarest pair twice or more;
    # here every library is "large", so that path answers every query
    from dubao.core.library import search_counts

    monkeypatch.setattr(search_counts, "READ_ALL", 0)
    for query in QUERIES:
        assert library.search(query).total == len(_read_everything(library, query)), query
        assert library.search(query, paper="乙报").total == len(_read_everything(library, query, "乙报")), query
