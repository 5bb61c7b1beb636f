"""Rendering a kept page PDF to a PNG for the page view: the picture shows the page at the asked scale, a second
look comes from the disk cache, a broken PDF is one clear error, and the cache stays within its limit."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdf_fixtures import HEIGHT, WIDTH, sample_page  # noqa: E402

from dubao.core.errors import IngestError  # noqa: E402
from dubao.core.ingest import pdf_render  # noqa: E402


@pytest.fixture(scope="module")
def page():
    return sample_page()


def _darkness(image: Image.Image, box: tuple[float, float, float, float], scale: float) -> float:
    """Share of dark pixels inside `box` (points, top-left origin)."""
    crop = image.convert("L").crop(tuple(int(v * scale) for v in box))
    pixels = crop.tobytes()  # one byte a pixel in mode L
    return sum(1 for value in pixels if value < 128) / len(pixels)


def test_the_picture_is_the_page_at_the_scale_asked(page):
    scale = 0.75
    image = Image.open(io.BytesIO(pdf_render.page_png(page.pdf, scale)))
    assert image.format == "PNG" and image.mode == "RGB"
    assert abs(image.width - WIDTH * scale) <= 1 and abs(image.height - HEIGHT * scale) <= 1
    headline, area = next(iter(page.regions.items()))
    assert _darkness(image, area, scale) > 0.02  # printed text where the lead article is
    assert _darkness(image, (0, 0, 30, HEIGHT), scale) == 0  # the blank left margin stays white


def test_a_second_look_comes_from_the_cache_and_another_scale_is_another_picture(page, tmp_path, monkeypatch):
    first = pdf_render.page_png(page.pdf, 0.5, tmp_path)
    assert len(list(tmp_path.glob("*.png"))) == 1

    def no_rendering(*_args, **_kwargs):
        raise AssertionError("rendered again although the picture was cached")

    monkeypatch.setattr(pdf_render, "render_rgb", no_rendering)
    assert pdf_render.page_png(page.pdf, 0.5, tmp_path) == first
    with pytest.raises(AssertionError):
        pdf_render.page_png(page.pdf, 1.0, tmp_path)


def test_an_unwritable_cache_still_gives_the_picture(page, tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert pdf_render.page_png(page.pdf, 0.5, blocked).startswith(b"\x89PNG")


def test_a_damaged_pdf_is_one_clear_error(page):
    with pytest.raises(IngestError, match="cannot be read"):
        pdf_render.page_png(page.pdf[:4000], 1.0)
    with pytest.raises(IngestError, match="no page 2"):
        pdf_render.render_rgb(page.pdf, 1.0, page_index=1)


def test_prune_deletes_the_oldest_pictures_first(tmp_path):
    for age, name in enumerate(("old", "middle", "new")):
        path = tmp_path / f"{name}.png"
        path.write_bytes(b"\x89PNG" + b"x" * 996)
        os.utime(path, (1000 + age, 1000 + age))
    pdf_render.prune(tmp_path, 2000)
    assert sorted(p.stem for p in tmp_path.glob("*.png")) == ["middle", "new"]


def test_reading_a_pdf_waits_while_another_thread_uses_pdfium():
    """PDFium is not thread-safe: an import reading PDFs on a worker thread must wait for a page render."""
    import threading

    from dubao.core.ingest.pdf import PDFIUM_LOCK, read_pdf

    pdf = sample_page().pdf
    done = threading.Event()
    with PDFIUM_LOCK:  # as a render on the GUI's worker would hold it
        reader = threading.Thread(target=lambda: (read_pdf(pdf), done.set()))
        reader.start()
        assert not done.wait(0.5), "read_pdf ran PDFium while another thread held it"
    reader.join(60)
    assert done.is_set()
