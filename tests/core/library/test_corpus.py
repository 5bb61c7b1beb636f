"""The workbench over a small library: concordance, trends, keyness and profiles, checked against plain scans."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from store_helpers import make_issue

from dubao.core.library.corpus import CorpusQueryError, Part, han_count, parse_part, periods_between
from dubao.core.library.corpus_keyness import log_likelihood, log_ratio
from dubao.core.library.store import Store
from dubao.core.models import Entity, Mention

# three papers' worth of invented articles: (paper, date, [(headline, paragraphs)])
ISSUES = [
    ("晋中日报", "2021-01-05", [("推动高质量发展", ["全市上下推动高质量发展，高质量发展是首要任务。", "图为会场。"]),
                               ("乡村振兴见实效", ["乡村振兴稳步推进，农民收入持续增长。"])]),
    ("晋中日报", "2021-03-09", [("春耕备耕忙", ["各地抓紧春耕，确保粮食安全。高质量发展离不开农业。"])]),
    ("太行晚报", "2021-03-20", [("高质量发展看太行", ["太行山区依托资源推动高质量发展。"])]),
    ("太行晚报", "2022-02-11", [("冬奥会开幕", ["冬奥会在北京开幕，冰雪运动热潮涌动。冰雪运动走进校园。"])]),
]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("corpus") / "library.sqlite")
    for number, (paper, date, articles) in enumerate(ISSUES):
        source, issue = make_issue(articles, f"/papers/{paper}-{date}-第{number + 1}版.txt", salt=str(number))
        store.save_issue(issue, source, paper=paper, date=date)
    yield store
    store.close()


def _scan(store, term, part=Part()):
    """(article id, start) of every occurrence, by reading every article of the part."""
    found = []
    for issue in sorted(store.list_issues(paper=part.paper), key=lambda issue: (issue.date, issue.id)):
        if part.date_from and issue.date < part.date_from or part.date_to and issue.date > part.date_to:
            continue
        for article in store.articles(issue.id):
            position = article.text.find(term)
            while position >= 0:
                found.append((article.id, position))
                position = article.text.find(term, position + len(term))
    return found


@pytest.mark.parametrize("term", ["高质量发展", "发展", "冰雪运动", "的", "太行"])
def test_concordance_finds_every_occurrence_with_exact_context(library, term):
    result = library.kwic(term, limit=1000)
    truth = _scan(library, term)
    assert result.total == len(truth)
    assert [(hit.article, hit.start) for hit in result.hits] == truth  # oldest first, then page and position
    for hit in result.hits:
        text = library.get_article(hit.article).text
        assert text[hit.start:hit.end] == hit.match == term
        assert text[:hit.start].replace("\n", " ").endswith(hit.left)
        assert text[hit.end:].replace("\n", " ").startswith(hit.right)


def test_concordance_pages_add_up_to_the_whole_list(library):
    whole = library.kwic("高质量发展", limit=1000).hits
    pages = [library.kwic("高质量发展", limit=2, offset=offset) for offset in range(0, len(whole), 2)]
    assert all(page.total == len(whole) for page in pages)
    assert [hit for page in pages for hit in page.hits] == list(whole)


def test_concordance_hits_name_paper_date_page_and_headline(library):
    hit = library.kwic("冰雪运动").hits[0]
    assert (hit.paper, hit.date, hit.page, hit.headline) == ("太行晚报", "2022-02-11", "4", "冬奥会开幕")


def test_concordance_filters_by_paper_dates_and_block_kind(library):
    by_paper = library.kwic("高质量发展", parse_part("paper=太行晚报"), limit=100)
    assert by_paper.total == len(_scan(library, "高质量发展", Part(paper="太行晚报"))) == 2
    assert {hit.paper for hit in by_paper.hits} == {"太行晚报"}
    in_march = library.kwic("高质量发展", parse_part("2021-03"), limit=100)
    assert {hit.date for hit in in_march.hits} == {"2021-03-09", "2021-03-20"}
    headlines = library.kwic("高质量发展", kind="headline", limit=100)
    assert headlines.total == 2 and all(hit.kind == "headline" for hit in headlines.hits)
    body = library.kwic("高质量发展", kind="body", limit=100)
    assert body.total + headlines.total == library.kwic("高质量发展").total


def test_concordance_sorts_by_the_word_before_and_after(library):
    left = library.kwic("高质量发展", sort="left", limit=100).hits
    assert [hit.left[::-1] for hit in left] == sorted(hit.left[::-1] for hit in left)
    right = library.kwic("高质量发展", sort="right", limit=100).hits
    assert [hit.right for hit in right] == sorted(hit.right for hit in right)
    assert sorted((hit.article, hit.start) for hit in left) == sorted((hit.article, hit.start) for hit in right)


def test_concordance_refuses_what_it_cannot_do(library):
    with pytest.raises(CorpusQueryError):
        library.kwic("  ")
    with pytest.raises(CorpusQueryError):
        library.kwic("发展", sort="loudness")
    with pytest.raises(CorpusQueryError):
        library.kwic("发展", kind="advert")


def test_trend_counts_per_period_and_leaves_gaps_where_there_is_no_text(library):
    series = library.trend(["高质量发展", "冰雪运动"], "month")
    months = [point.period for point in series["高质量发展"]]
    assert months == periods_between("2021-01-05", "2022-02-11", "month") and len(months) == 14
    points = {point.period: point for point in series["高质量发展"]}
    assert points["2021-01"].count == len(_scan(library, "高质量发展", parse_part("2021-01"))) == 3
    assert points["2021-03"].count == len(_scan(library, "高质量发展", parse_part("2021-03"))) == 3
    assert points["2021-02"].count is None and points["2021-02"].per_10k is None  # no issue that month
    assert points["2022-02"].count == 0  # text, but not the term: a real zero
    january_chars = sum(han_count(article.text) for issue in library.list_issues()
                        if issue.date.startswith("2021-01") for article in library.articles(issue.id))
    assert points["2021-01"].chars == january_chars
    assert points["2021-01"].per_10k == pytest.approx(3 * 10000 / january_chars, abs=1e-3)
    assert [point.count for point in series["冰雪运动"]][-1] == 2


def test_trend_by_week_uses_iso_weeks(library):
    weeks = [point.period for point in library.trend(["发展"], "week", parse_part("2021-01"))["发展"]]
    assert weeks == ["2021-W01"]


def test_trend_follows_deleted_issues(tmp_path):
    with Store.open(tmp_path / "library.sqlite") as store:
        ids = []
        for number, (paper, date, articles) in enumerate(ISSUES[:2]):
            source, issue = make_issue(articles, salt=str(number))
            ids.append(store.save_issue(issue, source, paper=paper, date=date).issue_id)
        assert [p.count for p in store.trend(["发展"], "year")["发展"]] == [len(_scan(store, "发展"))]
        store.delete_issue(ids[1])
        (point,) = store.trend(["发展"], "year")["发展"]
        assert point.count == len(_scan(store, "发展")) == 3 and point.chars == sum(han_count(a.text) for a in store.articles(ids[0]))


def test_parts_are_read_as_a_researcher_writes_them():
    assert parse_part("2016") == Part(None, "2016-01-01", "2016-12-31", "2016")
    assert parse_part("2016-02") == Part(None, "2016-02-01", "2016-02-29", "2016-02")
    assert parse_part("paper=人民日报,2016-01-01..2016-06-30") == Part(
        "人民日报", "2016-01-01", "2016-06-30", "paper=人民日报,2016-01-01..2016-06-30")
    for wrong in ("last year", "2016-13", "2016-02-30"):
        with pytest.raises(CorpusQueryError):
            parse_part(wrong)


def test_log_likelihood_and_log_ratio_match_hand_computed_values():
    # 10 in 1,000 words against 0 in 1,000: expected 5 and 5, G² = 2·10·ln 2
    assert log_likelihood(10, 0, 1000, 1000) == pytest.approx(20 * math.log(2))
    assert log_ratio(10, 0, 1000, 1000) == pytest.approx(math.log2(10 / 0.5))
    assert log_likelihood(5, 5, 1000, 1000) == pytest.approx(0)


def test_keyness_ranks_the_words_of_each_part_and_counts_words_once(library):
    a, b = parse_part("2021"), parse_part("2022")
    result = library.keyness(a, b, min_freq=2, min_ll=0)
    words = {keyword.word: keyword for keyword in result.keywords}
    assert words["冰雪"].key_in == "b" and words["冰雪"].freq_a == 0 and words["冰雪"].freq_b >= 2
    assert words["高质量"].key_in == "a" if "高质量" in words else words["高质量发展"].key_in == "a"
    assert [k.log_likelihood for k in result.keywords] == sorted((k.log_likelihood for k in result.keywords),
                                                                 reverse=True)
    assert library.fill_word_counts(Part()) == 0  # counted once, kept in the library


def test_profile_gathers_titles_over_time_and_co_mentions(tmp_path):
    with Store.open(tmp_path / "library.sqlite") as store:
        dates = ["2020-05-01", "2021-06-01", "2022-07-01"]
        titles = ["市长", "市委书记", "市委书记"]
        for number, (date, title) in enumerate(zip(dates, titles)):
            text = f"{title}王明远出席会议。"
            source, issue = make_issue([(f"会议{number}", [text])], salt=str(number))
            issue_id = store.save_issue(issue, source, paper="晋中日报", date=date).issue_id
            start = len(f"会议{number}\n") + len(title)
            others = [Entity("王明远", "person", aliases=("明远",), titles=(title,),
                             mentions=(Mention(1, start, start + 3, "王明远"),))]
            if number:
                others.append(Entity("晋中市委", "organization", mentions=(Mention(1, 0, 2, "会议"),)))
            store.save_entities(issue_id, others)
        profile = store.profile("明远")  # an alias finds the person
        assert profile.kinds == ("person",) and profile.issues == 3
        assert (profile.first.date, profile.last.date) == ("2020-05-01", "2022-07-01")
        spans = {span.title: span for span in profile.titles}
        assert (spans["市长"].first.date, spans["市长"].last.date) == ("2020-05-01", "2020-05-01")
        assert (spans["市委书记"].first.date, spans["市委书记"].last.date, spans["市委书记"].issues) == (
            "2021-06-01", "2022-07-01", 2)
        assert store.get_article(spans["市委书记"].first.article).headline == "会议1"
        assert [(other.name, other.articles) for other in profile.co_mentions] == [("晋中市委", 2)]
        assert profile.timeline == (("2020-05", 1), ("2021-06", 1), ("2022-07", 1))
        with pytest.raises(KeyError):
            store.profile("无此人")
        for name in ("王明远", "明远"):  # by name, and by alias
            series = store.trend([name], "year", entities=True)[name]
            assert [(point.period, point.count) for point in series] == [("2020", 1), ("2021", 1), ("2022", 1)]


def test_keyness_agrees_with_a_plain_computation_over_segmented_text(library):
    from dubao.core.library.corpus_keyness import word_counts

    a, b = parse_part("paper=晋中日报"), parse_part("paper=太行晚报")
    counts = {}
    for part in (a, b):
        counted = Counter()
        for issue in library.list_issues(paper=part.paper):
            for article in library.articles(issue.id):
                counted.update(word_counts(article.text))
        counts[part.label] = counted
    freq_a, freq_b = counts[a.label], counts[b.label]
    total_a, total_b = sum(freq_a.values()), sum(freq_b.values())
    expected = sorted(((round(log_likelihood(freq_a[w], freq_b[w], total_a, total_b), 3), w)
                       for w in freq_a.keys() | freq_b.keys() if freq_a[w] + freq_b[w] >= 2), key=lambda x: (-x[0], x[1]))
    result = library.keyness(a, b, min_freq=2, limit=10, min_ll=0)
    assert all(k.log_likelihood >= 3.84 for k in library.keyness(a, b, min_freq=2).keywords)
    assert (result.words_a, result.words_b) == (total_a, total_b)
    assert [(k.log_likelihood, k.word) for k in result.keywords] == expected[:10]
    assert library.word_frequencies(a)[0] == freq_a


@pytest.mark.parametrize("term", ["发展", "高质量发展", "运动", "的"])
def test_both_ways_to_a_first_page_give_the_same_hits_and_total(library, monkeypatch, term):
    import dubao.core.library.corpus_kwic as kwic

    pages = []
    for share in (0.0, 1.0):  # every term common (read in date order) / none (the index lists candidates)
        monkeypatch.setattr(kwic, "COMMON_SHARE", share)
        pages.append([library.kwic(term, limit=3, offset=offset) for offset in (0, 2, 5)])
    assert pages[0] == pages[1]
    assert pages[0][0].total == library.kwic_total(term) == len(_scan(library, term))
    quick = library.kwic(term, limit=3, count_total=False)
    assert quick.hits == pages[0][0].hits and quick.total in (None, pages[0][0].total)


@pytest.mark.parametrize("spec", ["", "paper=太行晚报", "2021", "paper=晋中日报,2021-03"])
def test_a_pair_counted_from_the_index_agrees_with_the_text(library, spec):
    part = parse_part(spec) if spec else Part()
    truth = _scan(library, "发展", part)
    assert library.kwic_total("发展", part) == len(truth)
    by_month = {point.period: point.count for point in library.trend(["发展"], "month", part)["发展"]}
    for period, count in by_month.items():
        if count is not None:
            assert count == len(_scan(library, "发展", parse_part(",".join(filter(None, [spec.split(",")[0]
                                                                                        if "paper" in spec else "",
                                                                                        period])))))
