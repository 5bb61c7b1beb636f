"""Pinyin above the characters: which characters get syllables in each mode, and — in the window — that ruby mode
keeps hover, highlights and offsets exactly as in hover mode (𠮷 included) while drawing syllables above lines."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtGui import QColor

from dubao.core.analysis import analyse
from dubao.core.models import Token
from dubao.gui.ruby import ruby_line_height, ruby_syllables, token_syllables
from window_helpers import library_path, open_window, sample_library_template, settings_for  # noqa: F401

ASTRAL_TEXT = "𠮷祥如意，市长江大桥。\n𠮷市长说：长江大桥很长。"


def test_every_han_character_gets_its_own_syllable_with_tone():
    token = Token("银行", 10, 12, "yín háng", ("yin2", "hang2"))
    assert [(s.offset, s.syllable, s.tone) for s in token_syllables(token)] == [(10, "yín", 2), (11, "háng", 2)]
    neutral = Token("的", 0, 1, "de", ("de5",))
    assert token_syllables(neutral)[0].tone == 5


def test_characters_without_a_reading_and_latin_text_get_nothing():
    mixed = Token("G20峰会", 0, 5, "G 2 0 fēng huì", ("G", "2", "0", "feng1", "hui4"))
    assert [s.offset for s in token_syllables(mixed)] == [3, 4]
    unknown = Token("𠮷", 7, 8, "", ("𠮷",))
    assert token_syllables(unknown) == []


def test_modes_choose_which_words_get_syllables():
    tokens = [Token("我们", 0, 2, "wǒ men", ("wo3", "men5")), Token("发展", 2, 4, "fā zhǎn", ("fa1", "zhan3")),
              Token("高质量", 4, 7, "gāo zhì liàng", ("gao1", "zhi4", "liang4"))]
    levels = {"我们": 1, "发展": 3, "高质量": 6}
    assert ruby_syllables(tokens, "hover") == []
    assert len(ruby_syllables(tokens, "above")) == 7
    unknown = ruby_syllables(tokens, "unknown", hsk_level=4, known=set(), hsk_of=levels.get)
    assert [s.offset for s in unknown] == [4, 5, 6]
    after_marking_known = ruby_syllables(tokens, "unknown", hsk_level=4, known={"高质量"}, hsk_of=levels.get)
    assert after_marking_known == []


def _show_astral_article(window):
    article = SimpleNamespace(id=window.current_article_id, index=1, headline="𠮷", text=ASTRAL_TEXT, blocks=())
    window.reader.show_article(article, analyse(article))


def _ink_above(reader, offset: int) -> int:
    """Dark pixels in the band just above a character (where its syllable is drawn)."""
    rect = reader.char_rect(offset)
    image = reader.viewport().grab().toImage()
    background = QColor(reader.palette().color(reader.viewport().backgroundRole())).lightness()
    count = 0
    for x in range(int(rect.left()) + 1, int(rect.right()) - 1):
        for y in range(max(0, int(rect.top() - rect.height() * 0.3)), int(rect.top() + rect.height() * 0.12)):
            if abs(QColor(image.pixel(x, y)).lightness() - background) > 60:
                count += 1
    return count


def test_ruby_mode_keeps_hit_testing_marks_and_hover_exact_with_astral_characters(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    _show_astral_article(window)
    reader = window.reader
    han = [i for i, ch in enumerate(ASTRAL_TEXT) if ch not in "，。：\n"]
    window.reading.actions["pinyin_above"].trigger()
    assert window.settings.pinyin_mode == "above"
    assert window.reading.actions["pinyin_above"].isChecked()
    qtbot.wait(20)
    for offset in han:  # the character under each box's centre is that character, 𠮷 too
        assert reader.offset_at(reader.char_rect(offset).center()) == offset
    assert [s.offset for s in window.reading.ruby.current_syllables()] == [i for i in han if ASTRAL_TEXT[i] != "𠮷"]
    # a search mark on the second 市长 covers exactly those two characters
    second = ASTRAL_TEXT.index("市长", ASTRAL_TEXT.index("\n"))
    reader.mark_spans([(second, second + 2)])
    selections = reader.extraSelections()
    marked = selections[-1].cursor
    # in Qt's UTF-16 positions the two 𠮷 before it count twice
    assert (marked.selectionStart(), marked.selectionEnd()) == (second + 2, second + 4)
    assert marked.selectedText() == "市长"
    # hovering 长 of 市长 pops up the word 市长 with its reading
    qtbot.waitUntil(lambda: window.hover.show_at(second + 1), timeout=5000)
    assert window.hover.current.token.text == "市长"
    assert window.hover.current.token.pinyin == "shì zhǎng"


def test_syllables_are_painted_above_characters_only_in_ruby_mode(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    _show_astral_article(window)
    reader = window.reader
    offset = ASTRAL_TEXT.index("江")
    qtbot.wait(20)
    assert _ink_above(reader, offset) == 0
    plain_height = reader.char_rect(ASTRAL_TEXT.index("\n") + 2).top() - reader.char_rect(0).top()
    window.reading.set_pinyin_mode("above")
    qtbot.wait(20)
    assert _ink_above(reader, offset) > 10
    ruby_height = reader.char_rect(ASTRAL_TEXT.index("\n") + 2).top() - reader.char_rect(0).top()
    assert ruby_height > plain_height  # lines moved apart to make room for the syllables
    window.reading.set_pinyin_mode("hover")
    qtbot.wait(20)
    assert _ink_above(reader, offset) == 0


def test_unknown_words_mode_follows_level_and_known_words(qtbot, library_path, tmp_path):
    settings = settings_for(tmp_path)
    settings.hsk_level = 3
    window = open_window(qtbot, library_path, tmp_path, settings=settings, article=2)
    window.reading.set_pinyin_mode("above")
    every = len(window.reading.ruby.current_syllables())
    window.reading.set_pinyin_mode("unknown")
    syllables = window.reading.ruby.current_syllables()
    text = window.reader.text()
    assert 0 < len(syllables) < every
    assert "的" in text and all(text[s.offset] != "的" for s in syllables)  # HSK 1: never a syllable
    target = next(t for t in window.reader.analysis.tokens if t.text == "会谈")
    assert target.start in {s.offset for s in syllables}
    window.ops.add_vocab("会谈", status="known")
    assert target.start not in {s.offset for s in window.reading.ruby.current_syllables()}
    # a higher level hides more
    before = len(window.reading.ruby.current_syllables())
    window.ops.apply_settings(window.settings.copy(hsk_level=6))
    assert len(window.reading.ruby.current_syllables()) < before


def test_mode_and_tone_colours_are_remembered(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    window.reading.actions["pinyin_unknown"].trigger()
    window.reading.actions["tone_colors"].trigger()
    assert window.reader._line_height == ruby_line_height(window.settings.line_spacing)
    window.close()
    again = open_window(qtbot, library_path, tmp_path)
    assert again.settings.pinyin_mode == "unknown" and again.settings.tone_colors is False
    assert again.reading.actions["pinyin_unknown"].isChecked()
    assert not again.reading.actions["tone_colors"].isChecked()


def test_unknown_mode_draws_syllables_only_over_the_parts_still_to_learn():
    token = Token("集中学习", 3, 7, "jí zhōng xué xí", ("ji2", "zhong1", "xue2", "xi2"))
    drawn = ruby_syllables([token], "unknown", 4, set(), {"集中": 5, "学习": 1}.get)
    assert [(s.offset, s.syllable) for s in drawn] == [(3, "jí"), (4, "zhōng")]
