"""Reading issue files: encodings detected, text kept exactly, bad files refused with one clear line."""

from __future__ import annotations

import hashlib
import os

import pytest

from dubao.core.ingest.decode import MAX_BYTES, IngestError, decode_bytes, decode_file, fullwidth_display, source_info

TEXT = "市委召开常委会会议\n\n本报讯(记者 李雅萍)2月17日,会议强调:𠮷野家。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gb18030"), "gb18030"),  # 𠮷 is outside GBK: only GB18030 can hold it
        (TEXT.replace("𠮷", "吉").encode("gbk"), "gbk"),
    ],
)
def test_detects_the_encoding_and_decodes_exactly(data, encoding):
    decoded = decode_bytes(data, path="x.txt")
    assert decoded.encoding == encoding
    expected = TEXT if encoding != "gbk" else TEXT.replace("𠮷", "吉")
    assert decoded.text == expected  # the BOM is not part of the text
    assert decoded.sha256 == hashlib.sha256(data).hexdigest()
    assert decoded.size == len(data) and decoded.path == "x.txt"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends_are_kept_as_they_are(newline):
    text = TEXT.replace("\n", newline)
    assert decode_bytes(text.encode("utf-8")).text == text


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b" \r\n\t\n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip"),
        (b"hello\x00world\x00", "NUL"),
        (bytes(range(0x80, 0x100)) * 4, "cannot decode"),
        (b"\xff\xfe\x00\xd8", "byte-order mark"),
        ("<!DOCTYPE html><html><body>新闻</body></html>".encode(), "HTML"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 40, "binary"),
    ],
)
def test_bad_data_gets_one_clear_line(data, words):
    with pytest.raises(IngestError) as caught:
        decode_bytes(data)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message


def test_file_is_read_but_never_modified(tmp_path):
    path = tmp_path / "issue.txt"
    raw = TEXT.replace("\n", "\r\n").encode("gb18030")
    path.write_bytes(raw)
    os.chmod(path, 0o444)
    before = os.stat(path)
    decoded = decode_file(path)
    assert decoded.text == TEXT.replace("\n", "\r\n")
    assert path.read_bytes() == raw
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    info = source_info(decoded)
    assert (info.path, info.encoding, info.chars) == (str(path), "gb18030", len(decoded.text))


def test_too_large_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(IngestError, match="too large .*limit is 50.0 MB"):
        decode_file(path)
    with pytest.raises(IngestError, match="too large"):
        decode_bytes(b"a" * (MAX_BYTES + 1))


def test_missing_file_and_folder_name_the_path(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        decode_file(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="is a folder"):
        decode_file(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(IngestError, match=r"empty\.txt: the file is empty"):
        decode_file(tmp_path / "empty.txt")


def test_fullwidth_display_keeps_length_and_only_touches_chinese_punctuation():
    text = "本报讯(记者 李雅萍)2月17日,会议强调:要干!行吗?1,000人10:30到 (see p.2, ok)"
    shown = fullwidth_display(text)
    assert len(shown) == len(text)
    assert shown.startswith("本报讯（记者 李雅萍）2月17日，会议强调：要干！行吗？")
    assert "1,000人10:30到 (see p.2, ok)" in shown
    assert fullwidth_display("") == "" and fullwidth_display("abc") == "abc"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_saved_without_a_byte_order_mark_is_still_read(codec):
    decoded = decode_bytes(TEXT.encode(codec))
    assert (decoded.text, decoded.encoding) == (TEXT, codec)


def test_random_bytes_with_nuls_are_not_mistaken_for_utf16():
    import random

    noise = bytes(random.Random(3).randrange(256) for _ in range(4000)) + b"\x00\x00"
    with pytest.raises(IngestError, match="binary"):
        decode_bytes(noise)


# Issue 18, item 7: Taiwanese and Hong Kong papers come in Big5; Japanese and Korean files are not issues.
TRADITIONAL = ("市委召開常委會會議，研究討論市「兩會」籌備工作。會議指出，習近平總書記的重要講話，深刻闡述了"
               "中國式現代化的一系列重大理論和實踐問題。\n本報記者 李雅萍 攝影報導\n")


def test_big5_is_decoded_as_big5_not_as_gbk_mojibake():
    decoded = decode_bytes(TRADITIONAL.encode("big5"))
    assert decoded.text == TRADITIONAL and decoded.encoding.startswith("big5")


def test_simplified_gbk_is_still_gbk():
    text = "市委召开常委会会议，研究讨论市“两会”筹备工作。会议指出，要深刻领会重要讲话精神。\n"
    decoded = decode_bytes(text.encode("gbk"))
    assert decoded.text == text and decoded.encoding in ("gbk", "gb18030")


@pytest.mark.parametrize("text, codec, language", [
    ("東京都は本日、新しい経済対策を発表しました。市民の生活を支援するための措置です。\n", "shift_jis", "Japanese"),
    ("서울시는 오늘 새로운 경제 대책을 발표했다. 시민들의 생활을 지원하기 위한 조치이다.\n", "euc_kr", "Korean"),
])
def test_japanese_and_korean_files_are_refused_by_name(text, codec, language):
    with pytest.raises(IngestError, match=language):
        decode_bytes(text.encode(codec))


def test_gbk_text_spaced_by_a_pdf_extraction_is_not_taken_for_korean():
    text = " ".join("市委召开常委会会议研究讨论市两会筹备工作") + "\n会议强调要深刻领会重要讲话精神。\n"
    assert decode_bytes(text.encode("gbk")).text == text
