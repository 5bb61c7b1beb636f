"""analyse(article): words with readings in context and entities, as code-point offsets — pure and thread-safe."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from dubao.core.analysis import Analysis, analyse, article_entities, sentence_around
from dubao.core.text import is_han
from dubao.core.models import Article, Block, Entity, Mention, Token


def make_article(text: str, index: int = 2) -> Article:
    return Article(index, text.split("\n")[0], None, None, None, (), (), None, text,
                   (Block("paragraph", text, 0, len(text), ()),))


def test_tokens_cover_the_text_with_readings_in_context():
    text = "吉𠮷野家的市长说：银行行长要抓好工作。"
    analysis = analyse(make_article(text), entities=[])
    assert "".join(token.text for token in analysis.tokens) == text
    for token in analysis.tokens:
        assert text[token.start:token.end] == token.text
    mayor = analysis.token_at(text.index("市长") + 1)
    assert (mayor.text, mayor.pinyin) == ("市长", "shì zhǎng")
    # 行 read two ways side by side: the reading follows the word, not the character
    assert analysis.token_at(text.index("银行")).pinyin.startswith("yín háng")
    assert analysis.token_at(text.index("行长")).pinyin.endswith("háng zhǎng")
    assert analysis.token_at(text.index("𠮷")).start <= text.index("𠮷")


def test_entities_are_cut_to_the_article_and_found_under_a_character():
    text = "市长张广勇会见客人。"
    person = Entity("张广勇", "person", titles=("市长",),
                    mentions=(Mention(2, 2, 5, "张广勇"), Mention(3, 0, 3, "张广勇")))
    elsewhere = Entity("孙大军", "person", mentions=(Mention(1, 0, 3, "孙大军"),))
    analysis = analyse(make_article(text), entities=[person, elsewhere])
    assert [e.name for e in analysis.entities] == ["张广勇"]
    assert analysis.entities[0].mentions == (Mention(2, 2, 5, "张广勇"),)
    [(found, mention)] = analysis.entities_at(3)
    assert (found.name, mention.start, mention.end) == ("张广勇", 2, 5)
    assert analysis.entities_at(1) == [] and analysis.entities_at(5) == []
    assert article_entities(make_article(text, index=9), [person]) == ()


def test_analysis_is_the_same_from_many_threads():
    article = make_article("全市各级领导干部要严于律己、严负其责、严管所辖，带头增强历史主动。")
    expected = analyse(article, entities=[])
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: analyse(article, entities=[]), range(8)))
    assert all(result.tokens == expected.tokens for result in results)


def test_sentence_around_a_word():
    text = "第一句。市长说，要抓好工作！第三句"
    start = text.index("市长")
    assert sentence_around(text, start, start + 2) == "市长说，要抓好工作！"
    assert sentence_around(text, text.index("第三"), text.index("第三") + 2) == "第三句"


def test_han_characters_include_the_supplementary_planes():
    assert is_han("市") and is_han("𠮷") and not is_han("，") and not is_han("a") and not is_han("2")


def test_empty_analysis_answers_nothing():
    empty = Analysis.build("", [])
    assert empty.token_at(0) is None and empty.entities_at(0) == []
    single = Analysis.build("说", [Token("说", 0, 1, "shuō", ("shuo1",))])
    assert single.token_at(-1) is None


def test_without_the_issue_entities_the_article_finds_its_own():
    text = "市委书记孙大军在吕梁市主持会议，深入学习“两个确立”。"
    analysis = analyse(make_article(text, index=1))
    found = {(e.name, e.kind) for e in analysis.entities}
    assert ("孙大军", "person") in found and ("两个确立", "formulation") in found
    [(person, mention)] = [pair for pair in analysis.entities_at(text.index("大军")) if pair[0].kind == "person"]
    assert text[mention.start:mention.end] == "孙大军"


def test_a_huge_article_is_analysed_with_progress_to_the_end():
    text = "市委书记孙大军在吕梁市主持会议，深入学习“两个确立”。" * 500  # 13,000 characters: several windows
    calls = []
    analysis = analyse(make_article(text, index=1), progress=lambda done, total: calls.append((done, total)))
    assert "".join(token.text for token in analysis.tokens) == text
    person = next(entity for entity in analysis.entities if entity.name == "孙大军")
    assert len(person.mentions) == 500 and all(text[m.start:m.end] == "孙大军" for m in person.mentions)
    assert calls[-1] == (2 * len(text), 2 * len(text)) and len(calls) > 2
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
