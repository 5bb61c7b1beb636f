"""Which legacy double-byte encoding a text file that is not UTF-8 is in: GBK/GB18030 (mainland papers) or
Big5 (Taiwan and Hong Kong) — and refusing Japanese (Shift-JIS) and Korean (EUC-KR) files, which are not
Chinese newspapers however they decode.

The byte ranges of these encodings overlap, so Big5 bytes usually "decode" as GBK too — into mojibake
(市委召開 → 穦某璶…). What tells them apart is which characters come out: real text is made mostly of
common characters. Each encoding ranks its own characters, most common first: GB2312's level 1
(the 3,755 commonest simplified characters, lead bytes 0xB0–0xD7) and Big5's level 1 (the 5,401 common
traditional ones, lead bytes 0xA4–0xC6). Text decoded with the wrong table scatters over rare characters
and scores low in both.
"""

from __future__ import annotations

from dubao.core.errors import IngestError
from dubao.core.text import is_han

SAMPLE_CHARS = 20000
# below this share of common characters no Chinese decoding is believed: the file is something else
COMMON_SHARE = 0.6


def _common_share(text: str, codec: str, lead_bytes: range) -> float:
    """Of the Han characters in (a sample of) `text`, the share that `codec` counts as common."""
    han = [ch for ch in text[:SAMPLE_CHARS] if is_han(ch)]
    if not han:
        return 0.0
    common = 0
    for ch in han:
        try:
            encoded = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        common += len(encoded) == 2 and encoded[0] in lead_bytes
    return common / len(han)


def _share_of(text: str, low: int, high: int) -> float:
    letters = [ch for ch in text[:SAMPLE_CHARS] if not ch.isascii() and ch.isalpha()]
    return sum(1 for ch in letters if low <= ord(ch) <= high) / len(letters) if letters else 0.0


def _other_language(data: bytes) -> str | None:
    """'Japanese (Shift-JIS)' or 'Korean (EUC-KR)' when the bytes read as such text, else None."""
    for codec, name, low, high in (("shift_jis", "Japanese (Shift-JIS)", 0x3040, 0x30FF),
                                   ("euc_kr", "Korean (EUC-KR)", 0xAC00, 0xD7AF)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _share_of(text, low, high) >= 0.2:  # kana or hangul: no Chinese text has them this often
            return name
    return None


def _spaced_words(text: str) -> bool:
    """Han characters separated by spaces every few characters: how Korean read as GBK looks (EUC-KR's
    hangul share GB2312's common-character bytes), while Chinese is written without spaces."""
    sample = text[:SAMPLE_CHARS]
    han = sum(1 for ch in sample if is_han(ch))
    gaps = sum(1 for before, space, after in zip(sample, sample[1:], sample[2:])
               if space == " " and is_han(before) and is_han(after))
    # a space after every character is a PDF extraction's spacing, not words
    return han > 0 and 0.1 * han <= gaps <= 0.5 * han


def decode_legacy(data: bytes) -> tuple[str, str]:
    """(text, encoding label) for bytes that are not UTF-8. Raises IngestError for Japanese or Korean text
    and for bytes no Chinese encoding reads as Chinese."""
    candidates = []
    for codec, label, lead_bytes in (("gbk", "gbk", range(0xB0, 0xD8)), ("gb18030", "gb18030", range(0xB0, 0xD8)),
                                     ("big5hkscs", "big5", range(0xA4, 0xC7))):
        if label == "gb18030" and candidates and candidates[-1][2] == "gbk":
            continue  # GB18030 only adds what GBK cannot hold: it reads GBK's text the same
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        measure = "gb2312" if codec.startswith("gb") else "big5"
        candidates.append((_common_share(text, measure, lead_bytes), text, label))
    best = max(candidates, key=lambda item: item[0], default=None)
    if best is not None and best[0] >= COMMON_SHARE and not _spaced_words(best[1]):
        return best[1], best[2]
    language = _other_language(data)
    if language:
        raise IngestError(f"this is {language} text, not a Chinese newspaper")
    if best is not None and best[0] > 0:
        raise IngestError("the text decodes only into rare characters (mojibake): its encoding is none of "
                          "UTF-8, GB18030/GBK or Big5 — save it as UTF-8 first")
    if best is not None:
        return best[1], best[2]  # no Han characters at all: _check_text and the splitter judge the rest
    raise IngestError("cannot decode the text: not UTF-8, GB18030/GBK, Big5 or UTF-16 with a byte-order mark")
