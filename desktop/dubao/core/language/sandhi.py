"""Spoken tones of 一 and 不, which change before the next syllable while dictionaries keep the citation tone.

- 不 bù becomes bú before a fourth tone (不是 bú shì, 不要 bú yào).
- 一 yī becomes yí before a fourth tone (一个 yí gè, 一样 yí yàng) and yì before the other tones
  (一天 yì tiān, 一行 yì xíng); between a repeated verb it is neutral (看一看 kàn yi kàn).
- No change where the character is a number rather than a quantity: after 第 or another numeral
  (第一, 十一, 一一), before a numeral or 月/号 (一九四九年, 一月, 一号), at the end of a word (统一, 唯一,
  要不), or before punctuation and non-Han text.
"""

from __future__ import annotations

_NUMERALS = set("零〇一二三四五六七八九十百千万亿两")
_NO_SANDHI_BEFORE = _NUMERALS | set("月号")
_NO_SANDHI_AFTER = _NUMERALS | set("第初")


def _spoken_syllable(prev: str, char: str, nxt: str, next_syllable: str) -> str | None:
    if not next_syllable or next_syllable == nxt or next_syllable[-1] not in "1234":
        return None  # end of text, punctuation or neutral tone follows
    tone = next_syllable[-1]
    if char == "不":
        return "bu2" if tone == "4" else None
    if prev in _NO_SANDHI_AFTER or nxt in _NO_SANDHI_BEFORE:
        return None
    if prev and prev == nxt:
        return "yi5"
    return "yi2" if tone == "4" else "yi4"


def spoken_forms(words: list[str], readings: list[list[str]]) -> list[list[str] | None]:
    """For each word, its syllables as spoken when 一/不 change tone in it, else None."""
    result: list[list[str] | None] = [None] * len(words)
    for index, (word, syllables) in enumerate(zip(words, readings)):
        if "一" not in word and "不" not in word:
            continue
        changed = None
        for position, char in enumerate(word):
            if not ((char == "一" and syllables[position] == "yi1") or (char == "不" and syllables[position] == "bu4")):
                continue
            if position + 1 < len(word):
                nxt, next_syllable = word[position + 1], syllables[position + 1]
            elif len(word) == 1 and index + 1 < len(words) and words[index + 1]:
                # a lone 一/不 token is bound to the word that follows (不 是, 一 次)
                nxt, next_syllable = words[index + 1][0], readings[index + 1][0]
            else:
                continue  # word-final: 统一, 唯一, 要不
            if position > 0:
                prev = word[position - 1]
            elif index > 0 and words[index - 1]:
                prev = words[index - 1][-1]
            else:
                prev = ""
            spoken = _spoken_syllable(prev, char, nxt, next_syllable)
            if spoken:
                if changed is None:
                    changed = list(syllables)
                changed[position] = spoken
        result[index] = changed
    return result
