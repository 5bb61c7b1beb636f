"""Can a page's text layer be read? A scan has no text; a font without a Unicode map gives mojibake.

Mojibake from such fonts comes out as private-use code points, control characters, U+FFFD, or runs of
Latin-1/rare-script letters where a Chinese page has Han characters — or as Han characters that are the
wrong ones. The share of characters that are none of Han, ASCII, CJK/full-width punctuation and the usual
symbols, and the share of Han characters in neither GB2312 nor Big5, tell them apart: real Chinese text keeps
both near zero even with the odd rare character in a name.
"""

from __future__ import annotations

from collections.abc import Iterable

from dubao.core.text import is_han

MIN_CHARS = 20  # fewer characters than this on a page: no text layer worth reading
NO_TEXT = "has no text layer (a scanned image)"
MAX_ODD_SHARE = 0.2
MAX_RARE_HAN_SHARE = 0.1

# ranges of characters that real newspaper text is made of (beyond Han characters)
_ORDINARY = (
    (0x20, 0x7E),  # ASCII
    (0xB7, 0xB7), (0xD7, 0xD7), (0xF7, 0xF7),  # · × ÷
    (0x2010, 0x206F),  # general punctuation: — ‘ ’ “ ” … ‰
    (0x2100, 0x218F),  # letterlike symbols, roman numerals: ℃ Ⅲ
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # circled numbers ①
    (0x2500, 0x25FF),  # box drawing, geometric shapes ■ ● ▲
    (0x2600, 0x26FF),  # ★ ☆
    (0x3000, 0x303F),  # CJK punctuation 、。《》【】
    (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility (㈠ ㎡)
    (0xFE10, 0xFE1F), (0xFE30, 0xFE4F),  # vertical forms ﹃ ﹄
    (0xFF00, 0xFFEF),  # full-width forms ，：（）
)


def _ordinary(char: str) -> bool:
    code = ord(char)
    if is_han(char):
        return True
    return any(low <= code <= high for low, high in _ORDINARY)


def odd_share(chars: Iterable[str]) -> float:
    """The share of characters that are no ordinary Chinese-newspaper text."""
    total = odd = 0
    for char in chars:
        if char.isspace():
            continue
        total += 1
        odd += not _ordinary(char)
    return odd / total if total else 0.0


def _everyday(char: str) -> bool:
    """In GB2312 or Big5: the characters everyday simplified or traditional text is written in."""
    for encoding in ("gb2312", "big5"):
        try:
            char.encode(encoding)
            return True
        except UnicodeEncodeError:
            pass
    return False


def rare_han_share(chars: list[str]) -> float:
    """The share of Han characters outside GB2312 and Big5. Real text: about 0; a font whose glyphs are mapped
    to the wrong code points gives Han characters spread over the whole block: about a quarter are rare."""
    han = [char for char in chars if is_han(char)]
    return sum(1 for char in han if not _everyday(char)) / len(han) if han else 0.0


def text_layer_problem(chars: list[str]) -> str | None:
    """None when the page's text layer reads as text; else why not, in words for the user."""
    visible = [char for char in chars if not char.isspace()]
    if len(visible) < MIN_CHARS:
        return NO_TEXT
    han = sum(1 for char in visible if is_han(char))
    if odd_share(visible) > MAX_ODD_SHARE or han < len(visible) * 0.05 \
            or (han >= 50 and rare_han_share(visible) > MAX_RARE_HAN_SHARE):
        return "has a text layer that does not read as Chinese (fonts without a Unicode map)"
    return None
