"""Reading a raw issue file: bytes → text, with clear errors for anything that is not a text file.

Detects UTF-8 (with or without BOM), UTF-16/UTF-32 (with BOM), GB18030/GBK and Big5 (`ingest.legacy`
tells the last two apart, and refuses Japanese and Korean files). The decoded text is kept
exactly as decoded — CRLF and CR line ends included — because every block's `source_spans` index into it
and the store keeps that same text. Only the BOM is dropped (it is part of the encoding, not the text).

`fullwidth_display` is the optional display normalisation (half-width punctuation from PDF extraction →
full-width); it maps one character to one character, so offsets stay valid.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from dubao.core.errors import IngestError
from dubao.core.ingest.legacy import decode_legacy
from dubao.core.models import SourceInfo

MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class DecodedSource:
    text: str
    encoding: str
    sha256: str  # of the raw bytes
    path: str | None
    size: int  # bytes


# BOMs, longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)

# Leading bytes of formats people may pick by mistake: name them instead of saying "undecodable".
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (extract its text first, e.g. with pdftotext)"),
    (b"PK\x03\x04", "a zip archive (or a Word/EPUB file)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF media file (WebP/WAV/AVI)"),
    (b"{\\rtf", "an RTF document (save it as plain text)"),
)

# Control characters that never occur in a text file (tab, newlines, form feed and ESC-free text aside).
_BAD_CONTROLS = frozenset(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\f\v") | {"\x7f"}


def _describe_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _looks_like_html(head: str) -> bool:
    start = head.lstrip().lower()
    return start.startswith(("<!doctype html", "<html", "<?xml")) or (
        start.startswith("<") and "<body" in head.lower()
    )


def _plausible_text(text: str) -> bool:
    """Mostly Chinese, ASCII and punctuation, no control characters: what a wrong guess never gives."""
    sample = text[:20000]
    if not sample or any(ch in _BAD_CONTROLS for ch in sample):
        return False
    usual = sum(1 for ch in sample if ch.isascii() or _is_cjk(ch))
    return usual >= 0.97 * len(sample)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark (NUL bytes in every other place for ASCII), or None."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # an issue has line breaks; ASCII pairs alone read as UTF-16 give Chinese-looking nonsense without any
        if ("\n" in text or "\r" in text) and _plausible_text(text):
            return text, codec
    return None


def _decode(data: bytes) -> tuple[str, str]:
    """(text, encoding label) or IngestError."""
    for bom, label, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label
            except UnicodeDecodeError as error:
                raise IngestError(
                    f"starts with a {label.upper()} byte-order mark but byte {error.start} is not valid {label}"
                ) from None
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            raise IngestError(f"this is {name}, not a text file")
    if b"\x00" in data[:65536] or b"\x00" in data[-4096:]:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise IngestError("this is a binary file (it contains NUL bytes), not a text file")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    try:
        return decode_legacy(data)
    except IngestError as error:
        if "cannot decode" not in str(error):
            raise
        raise IngestError(
            f"cannot decode the text: not UTF-8 (invalid byte 0x{data[first_bad]:02x} at offset {first_bad}), "
            "GB18030/GBK, Big5 or UTF-16 with a byte-order mark"
        ) from None


def _check_text(text: str) -> None:
    if not text.strip():
        raise IngestError("the file contains only whitespace, no text")
    sample = text[:65536]
    bad = sum(1 for ch in sample if ch in _BAD_CONTROLS)
    if bad > max(8, len(sample) // 200):
        raise IngestError("this looks like a binary file (many control characters), not a text file")
    if _looks_like_html(sample[:2048]):
        raise IngestError(
            "this is an HTML/XML page, not plain text: save the page as text (or copy the articles' text) first"
        )


def decode_bytes(data: bytes, path: str | None = None) -> DecodedSource:
    """Decode the raw bytes of an issue. Raises IngestError for empty, huge, binary or undecodable data."""
    if not data:
        raise IngestError("the file is empty")
    if len(data) > MAX_BYTES:
        raise IngestError(
            f"the file is too large ({_describe_size(len(data))}; the limit is {_describe_size(MAX_BYTES)})"
        )
    # hashlib (OpenSSL) at use: the window imports this module to display an article's text, not to hash it
    import hashlib

    text, encoding = _decode(data)
    _check_text(text)
    return DecodedSource(
        text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(), path=path, size=len(data)
    )


def decode_file(path: str | os.PathLike[str]) -> DecodedSource:
    """Read and decode an issue file. The file is opened read-only and never modified."""
    name = os.fspath(path)
    try:
        size = os.stat(name).st_size
        if os.path.isdir(name):
            raise IngestError(f"{name} is a folder, not a file")
        if size > MAX_BYTES:
            raise IngestError(
                f"{name} is too large ({_describe_size(size)}; the limit is {_describe_size(MAX_BYTES)})"
            )
        with open(name, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # a file growing while we read still cannot exceed the limit
    except FileNotFoundError:
        raise IngestError(f"{name}: no such file") from None
    except PermissionError:
        raise IngestError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise IngestError(f"{name} is a folder, not a file") from None
    except OSError as error:
        raise IngestError(f"{name}: cannot read the file ({error.strerror or error})") from None
    try:
        return decode_bytes(data, path=name)
    except IngestError as error:
        raise IngestError(f"{name}: {error}") from None


def source_info(decoded: DecodedSource) -> SourceInfo:
    return SourceInfo(path=decoded.path, sha256=decoded.sha256, encoding=decoded.encoding, chars=len(decoded.text))


# ---- display normalisation (1 char → 1 char) ------------------------------------------------------

_FULLWIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_WIDTH = re.compile("[,;:!?()]")


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or 0x2000 <= code <= 0x206F  # general punctuation: “ ” — …
        or 0x25A0 <= code <= 0x25FF  # □ ■ ● ▲ bullets
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or ch in "“”‘’—…·"
    )


def fullwidth_display(text: str) -> str:
    """Half-width punctuation next to Chinese text → its full-width form, for display.

    Only , ; : ! ? ( ) change, and only where a neighbouring character is Chinese, so `10:30`, `1,000` and
    English text stay as they are. `len(result) == len(text)` always: offsets need no map.
    """
    chars = None  # a copy to change, made at the first change
    last = len(text) - 1
    # only those marks are visited (a regular expression finds them): a 5 MB article is read in C, not char by char
    for found in _HALF_WIDTH.finditer(text):
        index = found.start()
        ch = text[index]
        before = text[index - 1] if index > 0 else ""
        after = text[index + 1] if index < last else ""
        if before.isdigit() and after.isdigit():
            continue  # 1,000 and 10:30
        if (before and _is_cjk(before)) or (after and _is_cjk(after)):
            pass
        elif not (ch == ")" and index > 0 and "（" in (text if chars is None else chars)[max(0, index - 40):index]):
            continue
        # else: closes a bracket we already widened: (记者 王涛 2023)
        if chars is None:
            chars = list(text)
        chars[index] = _FULLWIDTH[ch]
    return text if chars is None else "".join(chars)
