"""The printed page as a picture: a one-page PDF (as the library keeps it) rendered to PNG bytes, cached on disk.

The reader's page view shows these pictures beside the text. Rendering an e-paper page takes a noticeable
fraction of a second, so each picture is kept in the cache folder under the page PDF's SHA-256 and the scale;
the second look at a page is a file read. Scales are points to pixels (1.0 = 72 dpi). The cache is pruned to
`CACHE_LIMIT_BYTES`, oldest pictures first.

PDFium is not safe to call from two threads at once; every call here holds `PDFIUM_LOCK`. The PNG is written
with zlib only (no imaging library at run time). Qt-free: the window turns the bytes into an image.
"""

from __future__ import annotations

import hashlib
import os
import struct
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from dubao.core.errors import IngestError
from dubao.core.ingest.pdf import PDFIUM_LOCK

CACHE_FOLDER = "pages"
CACHE_LIMIT_BYTES = 300 * 1024 * 1024
MIN_SCALE, MAX_SCALE = 0.1, 6.0
PNG_LEVEL = 3  # a page compresses to ~10% at this level in a few tens of ms; higher levels cost more than they save


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """Pixels of a rendered page: `rgb` holds height rows of width × 3 bytes, no padding."""

    width: int
    height: int
    rgb: bytes


def render_rgb(pdf: bytes, scale: float, page_index: int = 0) -> RenderedPage:
    """Render page `page_index` of `pdf` at `scale` (pixels per point) on white. IngestError for a PDF that
    cannot be read."""
    import pypdfium2

    scale = min(max(float(scale), MIN_SCALE), MAX_SCALE)
    with PDFIUM_LOCK:
        try:
            document = pypdfium2.PdfDocument(pdf)
        except pypdfium2.PdfiumError as error:
            raise IngestError(f"the stored page cannot be read as a PDF ({error})") from error
        try:
            if not 0 <= page_index < len(document):
                raise IngestError(f"the stored PDF has no page {page_index + 1}")
            # rev_byteorder: PDFium's native BGR becomes RGB, the order PNG wants
            bitmap = document[page_index].render(scale=scale, rev_byteorder=True)
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
            channels = bitmap.n_channels
            raw = bytes(bitmap.buffer)
        finally:
            document.close()
    return RenderedPage(width, height, _packed_rgb(raw, width, height, stride, channels))


def _packed_rgb(raw: bytes, width: int, height: int, stride: int, channels: int) -> bytes:
    """Rows without the bitmap's padding, three bytes a pixel."""
    row_bytes = width * channels
    if channels == 3 and stride == row_bytes:
        return raw
    rows = (raw[top * stride: top * stride + row_bytes] for top in range(height))
    if channels == 3:
        return b"".join(rows)
    packed = bytearray()
    for row in rows:  # 4 channels (RGBx): keep the first three of each pixel
        view = bytearray(row)
        del view[3::4]
        packed += view
    return bytes(packed)


def encode_png(page: RenderedPage) -> bytes:
    """An 8-bit RGB PNG of `page` (filter 0 on every row)."""
    row_bytes = page.width * 3
    scanlines = b"".join(b"\x00" + page.rgb[top * row_bytes:(top + 1) * row_bytes] for top in range(page.height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", page.width, page.height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(scanlines, PNG_LEVEL))
            + chunk(b"IEND", b""))


def cache_key(pdf: bytes, scale: float, page_index: int = 0) -> str:
    """The picture's file name: the page PDF's digest, the page and the scale (to a thousandth)."""
    return f"{hashlib.sha256(pdf).hexdigest()}-p{page_index + 1}-s{round(scale * 1000)}.png"


def page_png(pdf: bytes, scale: float, cache: Path | None = None, page_index: int = 0) -> bytes:
    """PNG bytes of the page at `scale`: from `cache` (a folder) when rendered before, else rendered and kept
    there. Without `cache` it is rendered every time. A cache that cannot be written is no error."""
    target = Path(cache) / cache_key(pdf, scale, page_index) if cache is not None else None
    if target is not None:
        try:
            data = target.read_bytes()
        except OSError:
            data = b""
        if data.startswith(b"\x89PNG"):
            return data
    data = encode_png(render_rgb(pdf, scale, page_index))
    if target is not None:
        _store(target, data)
    return data


def default_cache() -> Path:
    """The page pictures' folder inside the app's cache folder."""
    from dubao.core.paths import cache_dir

    folder = cache_dir() / CACHE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _store(target: Path, data: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.part")
        partial.write_bytes(data)
        os.replace(partial, target)  # readers never see half a file
        prune(target.parent, CACHE_LIMIT_BYTES)
    except OSError:  # a full disk or a read-only cache: the picture is still shown, just not kept
        pass


def prune(folder: Path, limit: int) -> None:
    """Delete the least recently written pictures until the folder holds at most `limit` bytes."""
    pictures = []
    for path in folder.glob("*.png"):
        try:
            info = path.stat()
        except OSError:
            continue
        pictures.append((info.st_mtime, info.st_size, path))
    total = sum(size for _, size, _ in pictures)
    for _, size, path in sorted(pictures):
        if total <= limit:
            break
        try:
            path.unlink()
            total -= size
        except OSError:
            pass
