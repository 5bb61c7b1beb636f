"""One definition of a Han character, for every CJK block and plane."""

from dubao.core.text import has_han, is_han


def test_every_cjk_block_and_plane_counts():
    for character in ("市", "㐀", "𠮷", "𪜀", "𫝀", "𬺰", "𰀀", "〇", "丽"):  # basic, ext A, B, C, D, F, G, 〇, compat
        assert is_han(character), character


def test_symbols_letters_digits_and_punctuation_do_not():
    for character in ("，", "a", "2", "２", "䷀", "○", "□", "あ", "한", ""):
        assert not is_han(character), character
    assert not is_han("市长")  # one character at a time


def test_has_han_finds_one_anywhere():
    assert has_han("G20峰会") and has_han("abc𠮷") and not has_han("2023 ‘OK’")
