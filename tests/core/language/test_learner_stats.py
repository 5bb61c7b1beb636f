"""Per-article difficulty figures: what share of the words a learner would need help with, how many are new."""

from __future__ import annotations

from dubao.core.language.learner_stats import ReadingFigures, reading_figures
from dubao.core.text import has_han, is_han

LEVELS = {"我们": 1, "发展": 2, "经济": 3, "高质量": 6, "吕梁": None}


def hsk_of(word):
    return LEVELS.get(word)


WORDS = ["我们", "要", "发展", "经济", "，", "高质量", "发展", "吕梁", "2023", "年", "。"]


def test_counts_only_words_with_han_characters():
    figures = reading_figures(WORDS, hsk_level=7, known=set(WORDS), hsk_of=hsk_of)
    # "，", "2023" and "。" are not words
    assert figures.words == 8
    assert figures.above_level == 0
    assert figures.new_count == 0


def test_words_above_level_and_unlisted_words_count_as_hard():
    figures = reading_figures(WORDS, hsk_level=2, known=set(), hsk_of=hsk_of)
    # 要 and 年 are unlisted in this toy table, so they count as hard too; 经济 (3) and 高质量 (6) are above 2
    assert figures.above_level == 5
    assert figures.new_words == ("要", "经济", "高质量", "吕梁", "年")
    assert abs(figures.share_above - 5 / 8) < 1e-9


def test_known_words_stop_counting_and_saved_words_are_not_new():
    base = reading_figures(WORDS, hsk_level=2, known=set(), hsk_of=hsk_of)
    after = reading_figures(WORDS, hsk_level=2, known={"要", "年"}, hsk_of=hsk_of, saved={"吕梁"})
    assert after.above_level == base.above_level - 2
    assert "吕梁" not in after.new_words and "吕梁" in base.new_words
    assert after.above_level == 3  # 经济, 高质量, 吕梁 (saved words are still above the level)


def test_raising_the_level_lowers_the_share():
    low = reading_figures(WORDS, hsk_level=1, known=set(), hsk_of=hsk_of)
    high = reading_figures(WORDS, hsk_level=6, known=set(), hsk_of=hsk_of)
    assert high.share_above < low.share_above


def test_repeated_words_are_one_new_word_but_count_each_time():
    figures = reading_figures(["发展", "发展", "发展"], hsk_level=1, known=set(), hsk_of=hsk_of)
    assert figures.above_level == 3 and figures.new_words == ("发展",)


def test_accepts_token_triples_and_empty_articles():
    triples = [("经济", 0, 2), ("。", 2, 3)]
    assert reading_figures(triples, 1, set(), hsk_of).above_level == 1
    empty = reading_figures([], 4, set(), hsk_of)
    assert empty.share_above == 0.0 and empty.summary() == "0% above HSK 4 · 0 new"


def test_summary_line():
    figures = ReadingFigures(words=200, above_level=37, new_words=("甲",) * 12, hsk_level=3)
    assert figures.summary() == "18% above HSK 3 · 12 new"


def test_han_detection_includes_supplementary_planes():
    assert is_han("𠮷") and is_han("中") and not is_han("a") and not is_han("，")
    assert has_han("G20峰会") and not has_han("2023")


def test_unlisted_compounds_take_the_level_of_their_parts():
    from dubao.core.language.learner_stats import word_level

    levels = {"经济": 3, "发展": 2, "高": 1, "质量": 4}
    lookup = levels.get
    assert word_level("经济发展", lookup) == 3
    assert word_level("高质量", lookup) == 4
    assert word_level("经济特区", lookup) is None  # 特区 is in no list
    assert word_level("发展", lookup) == 2


def test_names_and_numbers_are_not_words_to_learn():
    from dubao.core.models import Entity, Mention
    from dubao.core.language.learner_stats import name_spans

    text = "张广勇在吕梁说，2023年经济要发展。"
    tokens = [("张广勇", 0, 3), ("在", 3, 4), ("吕梁", 4, 6), ("说", 6, 7), ("，", 7, 8), ("2023年", 8, 13),
              ("经济", 13, 15), ("要", 15, 16), ("发展", 16, 18), ("。", 18, 19)]
    assert "".join(t[0] for t in tokens) == text
    entities = [Entity("张广勇", "person", mentions=(Mention(1, 0, 3, "张广勇"), Mention(2, 5, 8, "张广勇"))),
                Entity("吕梁", "place", mentions=(Mention(1, 4, 6, "吕梁"),)),
                Entity("经济", "formulation", mentions=(Mention(1, 13, 15, "经济"),))]
    spans = name_spans(entities, 1)
    assert spans == [(0, 3), (4, 6)]  # only this article's people and places
    plain = reading_figures(tokens, hsk_level=2, known=set(), hsk_of=hsk_of)
    figures = reading_figures(tokens, hsk_level=2, known=set(), hsk_of=hsk_of, skip_spans=spans)
    assert "张广勇" in plain.new_words and "吕梁" in plain.new_words
    assert "2023年" not in plain.new_words  # a number is never a word to learn
    # the names leave both figures: running words (在 说 经济 要 发展) and new words (在 说 经济 要)
    assert figures.words == 5 and figures.above_level == 4
    assert figures.new_words == ("在", "说", "经济", "要")
    assert figures.words < plain.words and figures.new_count < plain.new_count


COMPOUND_LEVELS = {"集中": 5, "学习": 1, "重要": 3, "讲话": 3, "中国": 1}


def test_a_press_compound_is_known_when_its_parts_are():
    from dubao.core.language.learner_stats import unknown_parts

    lookup = COMPOUND_LEVELS.get
    assert reading_figures(["重要讲话"], hsk_level=4, known=set(), hsk_of=lookup).above_level == 0
    figures = reading_figures(["集中学习"], hsk_level=4, known=set(), hsk_of=lookup)
    assert figures.above_level == 1 and figures.new_words == ("集中",)  # the part to learn, not the compound
    assert unknown_parts("集中学习", 4, set(), lookup) == [(0, 2)]  # ruby over 集中 only, never 学习
    # marking the hard part known makes the compound known
    assert reading_figures(["集中学习"], hsk_level=4, known={"集中"}, hsk_of=lookup).above_level == 0

