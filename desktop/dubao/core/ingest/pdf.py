"""Reading page PDFs: bytes → pages of positioned characters (the text layer), with clear errors.

E-paper sites serve one PDF per printed page. This module opens such a PDF with pypdfium2 (Apache-2.0/BSD)
and, for every page, returns its size and each character of its text layer with its box in PDF points
(origin at the top left, as `dubao.core.models.BBox`), its printed size, its font and whether that font is
bold, plus the boxes of the page's images (photos, logos, ads). Grouping characters into lines and boxes is
`pdf_lines`; judging whether the text layer can be read at all is `pdf_quality`.

Refused with one `IngestError` line: encrypted, corrupt or truncated files, more than `MAX_PAGES` pages.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from dubao.core.errors import IngestError
from dubao.core.models import BBox

MAX_PAGES = 300
# PDFium is not safe to call from two threads at once (the window renders a page while an import reads PDFs on a
# worker thread): every use of it in Dubao holds this lock. Re-entrant: a holder may call code that takes it again.
PDFIUM_LOCK = threading.RLock()
MAX_BYTES = 200 * 1024 * 1024
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag
_BOLD_NAME_WORDS = ("bold", "heavy", "black", "demi", "semibold")


@dataclass(frozen=True, slots=True)
class PdfChar:
    text: str
    bbox: BBox
    size: float  # printed size in points (font size × text matrix scale)
    font: str  # font name without the subset prefix (ABCDEF+)
    bold: bool
    confidence: float | None = None  # 0..1 when read by OCR


@dataclass(slots=True)
class PdfPage:
    number: int  # 1-based, within the issue
    width: float
    height: float
    chars: list[PdfChar] = field(default_factory=list)
    images: list[BBox] = field(default_factory=list)
    label: str | None = None  # the file (or file:page) the page came from, for messages
    ocr: bool = False  # the characters were read by OCR (the text layer was missing or unreadable)
    printed: str | None = None  # the page number printed on the page or named by its file ("8"), if known


@dataclass(frozen=True, slots=True)
class PdfSource:
    """One PDF file as read: its bytes, digest and pages."""

    data: bytes
    sha256: str
    path: str | None
    pages: list[PdfPage]


def _pdfium():
    try:
        import pypdfium2
        import pypdfium2.raw
    except ImportError as error:  # a broken install, not the user's file
        raise IngestError("reading PDFs needs the pypdfium2 package (pip install pypdfium2)") from error
    return pypdfium2, pypdfium2.raw


def _normalise(char: str) -> str:
    """Kangxi radicals and compatibility ideographs that some fonts map their glyphs to → the ordinary
    character (⽇ → 日). One character stays one character, so positions keep matching."""
    code = ord(char)
    if 0x2F00 <= code <= 0x2FDF or 0x2E80 <= code <= 0x2EFF or 0xF900 <= code <= 0xFAFF:
        folded = unicodedata.normalize("NFKC", char)
        if len(folded) == 1:
            return folded
    return char


_SPACES = frozenset((0x20, 0x3000, 0xA0, 0x0D, 0x0A, 0x09))
_FOLDED = (0x2E80, 0x2FDF, 0xF900, 0xFAFF)  # radicals and compatibility ideographs: see _normalise


def _style(raw, textpage, index: int) -> tuple[str, bool, float]:
    """(font name, bold, printed size) of a character."""
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(textpage, index, buffer, 256, ctypes.byref(flags))
    name = buffer.value.decode("latin-1").split("+", 1)[-1]
    weight = raw.FPDFText_GetFontWeight(textpage, index)
    lowered = name.lower()
    bold = weight >= 600 or bool(flags.value & _FORCE_BOLD) or any(word in lowered for word in _BOLD_NAME_WORDS)
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
    scale = max(abs(matrix.d), abs(matrix.b), abs(matrix.a), abs(matrix.c)) or 1.0
    return name, bold, round(raw.FPDFText_GetFontSize(textpage, index) * scale, 2)


def _page_chars(raw, textpage, height: float) -> list[PdfChar]:
    """The page's characters with their boxes; font, weight and size are asked once per text object (a run
    of characters in one font and size) — the text layer of a page has thousands of characters."""
    chars = []
    styles: dict[int, tuple[str, bool, float]] = {}
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    get_unicode, get_box, get_object = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox, \
        raw.FPDFText_GetTextObject
    for index in range(raw.FPDFText_CountChars(textpage)):
        code = get_unicode(textpage, index)
        # spaces (and the line breaks pdfium adds) are placement, not text: lines are rebuilt from positions
        if code in _SPACES or not get_box(textpage, index, rect_ref):
            continue
        handle = ctypes.cast(get_object(textpage, index), ctypes.c_void_p).value or -index
        style = styles.get(handle)
        if style is None:
            style = styles[handle] = _style(raw, textpage, index)
        if code >= 0x110000:
            text = "\ufffd"
        elif _FOLDED[0] <= code <= _FOLDED[1] or _FOLDED[2] <= code <= _FOLDED[3]:
            text = _normalise(chr(code))
        else:
            text = chr(code)
        chars.append(PdfChar(text, (rect.left, height - rect.top, rect.right, height - rect.bottom),
                             style[2], style[0], style[1]))
    return chars


def _clip_bounds(raw, obj) -> tuple[float, float, float, float] | None:
    """(left, bottom, right, top) of an object's clip path in page space, or None when it has none."""
    clip = raw.FPDFPageObj_GetClipPath(obj.raw)
    if not clip:
        return None
    xs, ys = [], []
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(raw.FPDFClipPath_CountPaths(clip)):
        for index in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
            segment = raw.FPDFClipPath_GetPathSegment(clip, path, index)
            if segment and raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _page_images(raw, page, height: float) -> list[BBox]:
    """The visible boxes of the page's images: a photo is often placed larger than shown and clipped."""
    images = []
    for obj in page.get_objects(max_depth=4):
        if obj.type != raw.FPDF_PAGEOBJ_IMAGE:
            continue
        left, bottom, right, top = obj.get_bounds()
        clip = _clip_bounds(raw, obj)
        if clip is not None:
            left, bottom = max(left, clip[0]), max(bottom, clip[1])
            right, top = min(right, clip[2]), min(top, clip[3])
        if right > left and top > bottom:
            images.append((left, height - top, right, height - bottom))
    return images


def _open(pdfium, data: bytes, label: str):
    if not data.startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise IngestError(f"{label}: not a PDF file")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message:
            raise IngestError(f"{label}: the PDF is encrypted (password-protected); save an unprotected copy") from None
        if "format" in message or "file" in message:
            raise IngestError(f"{label}: the PDF is damaged or truncated and cannot be read") from None
        raise IngestError(f"{label}: the PDF cannot be read ({error})") from None


def holding_pdfium_lock(function):
    """Run `function` holding PDFIUM_LOCK."""
    @functools.wraps(function)
    def locked(*args, **kwargs):
        with PDFIUM_LOCK:
            return function(*args, **kwargs)
    return locked


@holding_pdfium_lock
def read_pdf(data: bytes, path: str | Path | None = None, first_page: int = 1) -> PdfSource:
    """Every page of a PDF with its text layer and image boxes; pages numbered from `first_page`."""
    label = str(path) if path is not None else "PDF"
    if len(data) > MAX_BYTES:
        raise IngestError(f"{label}: the PDF is {len(data) / 1048576:.0f} MB; Dubao reads PDFs up to "
                          f"{MAX_BYTES // 1048576} MB")
    pdfium, raw = _pdfium()
    document = _open(pdfium, data, label)
    try:
        count = len(document)
        if count == 0:
            raise IngestError(f"{label}: the PDF has no pages")
        if count > MAX_PAGES:
            raise IngestError(f"{label}: the PDF has {count} pages; Dubao reads up to {MAX_PAGES} pages of "
                              "one issue at a time")
        pages = []
        for index in range(count):
            try:
                page = document[index]
                width, height = page.get_size()
                textpage = page.get_textpage()
                chars = _page_chars(raw, textpage, height)
                images = _page_images(raw, page, height)
            except pdfium.PdfiumError as error:
                raise IngestError(f"{label}: page {index + 1} of the PDF is damaged ({error})") from None
            pages.append(PdfPage(first_page + index, width, height, chars, images,
                                 f"{label}, page {index + 1}" if count > 1 else label))
    finally:
        document.close()
    return PdfSource(data, hashlib.sha256(data).hexdigest(), str(path) if path is not None else None, pages)


def read_pdf_file(path: str | Path, first_page: int = 1) -> PdfSource:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"{path}: cannot be read ({error.strerror or error})") from None
    if not data:
        raise IngestError(f"{path}: the file is empty")
    return read_pdf(data, path, first_page)


def is_pdf(path: str | Path) -> bool:
    """Does the file start like a PDF (whatever its name)?"""
    try:
        with open(path, "rb") as handle:
            return b"%PDF-" in handle.read(1024)
    except OSError:
        return False


@holding_pdfium_lock
def single_page_pdfs(data: bytes) -> list[tuple[bytes, float, float]]:
    """The PDF cut into one small PDF per page, (bytes, width, height): what the library keeps so the
    window can render a printed page without holding the whole file per page."""
    import io

    pdfium, _ = _pdfium()
    document = pdfium.PdfDocument(data)
    try:
        if len(document) == 1:
            width, height = document.get_page_size(0)
            return [(data, width, height)]
        result = []
        for index in range(len(document)):
            single = pdfium.PdfDocument.new()
            single.import_pages(document, [index])
            buffer = io.BytesIO()
            single.save(buffer)
            width, height = single[0].get_size()
            single.close()
            result.append((buffer.getvalue(), width, height))
        return result
    finally:
        document.close()
