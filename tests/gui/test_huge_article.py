"""A huge article (a whole book pasted as one line) opens like a normal one: its first part is readable at once,
the rest arrives between paints, offsets stay right past the first display block (𠮷 takes two UTF-16 units),
highlights and selections far into it land on their text, and its words arrive window by window from the part
in view, with progress. Sizes are small and the thresholds are parameters, so this runs in seconds."""

from __future__ import annotations

import pytest

from dubao.core.models import Annotation, Article, Block
from dubao.gui import analysis_work, display_map, reader_document
from dubao.gui.reader import Reader
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401

SENTENCES = ["会议强调，要推动高质量发展。", "吉𠮷野家的市长说：要抓好城市建设,推进改革。", "本报讯 记者李雅萍报道。"]


def huge_text(sentences: int = 240) -> str:
    """A headline and one long line of sentences (𠮷 all along it)."""
    return "市委召开常委会会议\n" + "".join(SENTENCES[i % len(SENTENCES)] for i in range(sentences))


def make_article(text: str, article_id: int = 1) -> Article:
    headline, _, body = text.partition("\n")
    blocks = (Block("headline", headline, 0, len(headline), ()),
              Block("paragraph", body, len(headline) + 1, len(text), ()))
    return Article(1, headline, None, None, None, (), (), None, text, blocks, id=article_id, issue_id=1)


@pytest.fixture
def small_thresholds(monkeypatch):
    """A 'huge' article of a few thousand characters: blocks of at most 200, slices of a few hundred."""
    monkeypatch.setattr(display_map, "MAX_BLOCK", 200)
    monkeypatch.setattr(display_map, "TARGET_BLOCK", 60)
    monkeypatch.setattr(reader_document, "FIRST_SLICE_CHARS", 400)
    monkeypatch.setattr(reader_document, "MIN_SLICE_CHARS", 100)
    monkeypatch.setattr(reader_document, "MAX_SLICE_CHARS", 300)


@pytest.fixture
def reader(qtbot, small_thresholds):
    widget = Reader()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def far_offset(text: str, after: int) -> int:
    """The first 𠮷 at or after code point `after`: a character whose UTF-16 position differs from its offset."""
    return text.index("𠮷", after)


def test_a_huge_line_shows_its_start_at_once_and_the_rest_in_slices(reader, qtbot):
    text = huge_text()
    reader.set_fullwidth_punctuation(False)
    reader.show_article(make_article(text))
    assert not reader.is_complete()  # it did not wait for the whole text
    assert reader.document().toPlainText().startswith("市委召开常委会会议\n会议强调")  # readable already
    with qtbot.waitSignal(reader.document_complete, timeout=10000):
        pass
    document = reader.document()
    assert document.blockCount() > 5  # the long line is shown as several blocks
    assert max(len(document.findBlockByNumber(n).text()) for n in range(document.blockCount())) <= 200
    # nothing lost or changed: the document is the text, cut only between blocks
    assert document.toPlainText().replace("\n", "") == text.replace("\n", "")


def test_offsets_are_right_at_the_qt_boundary_past_the_first_display_block(reader, qtbot):
    text = huge_text()
    reader.show_article(make_article(text))
    qtbot.waitUntil(reader.is_complete, timeout=10000)
    first_block_end = len(reader.document().firstBlock().text()) + len(reader.document().firstBlock().next().text())
    for offset in (far_offset(text, first_block_end + 50), far_offset(text, len(text) // 2),
                   far_offset(text, len(text) - 60)):
        reader.scroll_to(offset)
        rect = reader.char_rect(offset)
        assert not rect.isEmpty()
        assert reader.offset_at(rect.center()) == offset  # the pointer finds the character drawn there
        after = offset + 1  # the character after 𠮷: its UTF-16 position is one more than its offset
        assert reader.offset_at(reader.char_rect(after).center()) == after
        reader.select_span(offset, offset + 4)
        assert reader.selected_span() == (offset, offset + 4)
        assert reader.textCursor().selectedText() == text[offset:offset + 4]  # Qt selected those very characters
        assert reader.createMimeDataFromSelection().text() == text[offset:offset + 4]


def test_a_highlight_far_into_the_text_lands_on_its_text_once_that_arrives(reader, qtbot):
    text = huge_text()
    start = far_offset(text, len(text) * 3 // 4)
    reader.show_article(make_article(text))
    assert not reader.is_complete()
    note = Annotation(article_id=1, start=start, end=start + 5, quote=text[start:start + 5], id=7, color="green")
    reader.set_annotations([note])
    reader.select_span(start, start + 5)  # asked for before the text is there: done when it is
    reader.scroll_to(start)  # a search jump: there once there is room to show it well, not at the bottom edge
    qtbot.waitUntil(reader.is_complete, timeout=10000)
    rect = reader.char_rect(start)
    assert 0 <= rect.top() and rect.bottom() < reader.viewport().height() * 0.6
    highlights = [s for s in reader.extraSelections() if s.cursor.hasSelection()]
    assert [s.cursor.selectedText() for s in highlights] == [text[start:start + 5]]
    assert reader.selected_span() == (start, start + 5)
    assert reader.annotation_at(start + 2).id == 7


def test_many_marks_are_made_only_near_the_view(reader, qtbot, monkeypatch):
    from dubao.gui import reader_highlights

    monkeypatch.setattr(reader_highlights, "MAX_SELECTIONS", 20)
    monkeypatch.setattr(reader_highlights, "SELECTION_MARGIN", 300)
    text = huge_text(600)
    reader.show_article(make_article(text))
    qtbot.waitUntil(reader.is_complete, timeout=10000)
    hits, start = [], text.find("会议")
    while start >= 0:
        hits.append((start, start + 2))
        start = text.find("会议", start + 2)
    assert len(hits) > 100
    reader.mark_spans(hits, scroll=False)
    made = reader.extraSelections()
    assert 0 < len(made) < len(hits)
    assert all(s.cursor.selectedText() == "会议" for s in made)
    last = hits[-1][0]
    reader.scroll_to(last)  # scrolled far: the marks there are made, and still on their text
    marked = {reader._map.to_codepoint(s.cursor.selectionStart()) for s in reader.extraSelections()}
    assert last in marked
    assert all(s.cursor.selectedText() == "会议" for s in reader.extraSelections())


def test_analysis_in_windows_gives_the_same_words_as_one_call_from_the_part_in_view(sample_text, monkeypatch):
    from dubao.core.analysis import read_tokens

    monkeypatch.setattr(analysis_work, "HUGE_CHARS", 500)
    monkeypatch.setattr(analysis_work, "WINDOW_CHARS", 300)
    monkeypatch.setattr(analysis_work, "REPORT_SECONDS", 0.0)  # a report after every window
    text = sample_text.replace("\n", "")  # one long line
    middle = len(text) // 2
    reports = []
    article = Article(1, "标题", None, None, None, (), (), None, text, ())
    analysis = analysis_work.analyse_article(article, [], analysis_work.Focus(middle), reports.append)
    assert list(analysis.tokens) == read_tokens(text)
    words = [report for report in reports if report[0] == "words"]
    assert len(words) > 3 and words[0][1] < len(text)  # progress on the way
    first = words[0][3]
    assert first.token_at(middle) is not None  # the part in view was read first...
    assert first.token_at(0) is None  # ...before the beginning


def test_the_window_opens_a_huge_article_with_progress_and_the_popup_working_far_into_it(
        qtbot, library_path, tmp_path, small_thresholds, monkeypatch):
    import hashlib

    from dubao.core.library.store import Store
    from dubao.core.models import Issue, SourceInfo
    from dubao.gui.screenshot import move_pointer

    monkeypatch.setattr(analysis_work, "HUGE_CHARS", 1000)
    monkeypatch.setattr(analysis_work, "WINDOW_CHARS", 400)
    monkeypatch.setattr(analysis_work, "REPORT_SECONDS", 0.0)
    text = huge_text(300)
    source = text + "\n"
    issue = Issue(SourceInfo(None, hashlib.sha256(source.encode()).hexdigest(), "utf-8", len(source)), (),
                  (make_article(text),), paper="吕梁日报", date="2023-02-17")
    with Store.open(library_path) as store:
        huge_id = store.articles(store.save_issue(issue, source).issue_id)[0].id
    # older than the sample's issue, so the window starts on the sample: the huge article's analysis (and its
    # progress) begins when the user opens it below, not during the start-up before anyone is listening
    window = open_window(qtbot, library_path, tmp_path)
    assert window.current_article_id != huge_id
    # with these small thresholds the sample's article is "huge" too: its reading is done before we listen
    qtbot.waitUntil(lambda: window.session.analysis_complete(window.current_article_id), timeout=60000)
    progress = []
    # the window's own handler runs first (connected first): what it shows is on screen by then
    window.session.analysis_progress.connect(lambda *item: progress.append((item, window.entities_panel.status.text())))
    window.open_article(huge_id)
    reader = window.reader
    assert reader.text() == text
    qtbot.waitUntil(lambda: window.session.analysis_complete(huge_id), timeout=60000)
    (article_id, stage, done, total), shown = progress[0]
    assert (article_id, stage) == (huge_id, "words") and done < total  # reported on the way...
    assert "%" in shown  # ...and shown to the user
    assert window.entities_panel.status.text() == ""  # gone once done
    offset = far_offset(text, len(text) * 2 // 3)
    reader.scroll_to(offset)
    qtbot.waitUntil(lambda: not reader.char_rect(offset).isEmpty(), timeout=10000)
    move_pointer(reader, reader.char_rect(offset).center())
    assert window.hover.current is not None
    assert window.hover.current.token.start <= offset < window.hover.current.token.end


def test_opening_another_article_stops_a_huge_ones_analysis_without_an_error(qtbot, monkeypatch):
    from dubao.gui import workers
    from dubao.gui.session import Session

    monkeypatch.setattr(analysis_work, "HUGE_CHARS", 1000)
    monkeypatch.setattr(analysis_work, "WINDOW_CHARS", 100)
    import gc
    import sys

    python_settings = (sys.getswitchinterval(), gc.get_threshold())
    session = Session()
    failures, ready = [], []
    session.analysis_failed.connect(failures.append)
    session.analysis_ready.connect(ready.append)
    huge, small = make_article(huge_text(300), 1), make_article("标题\n会议强调。", 2)
    session.request_analysis(huge)
    assert session.analysing()
    assert (sys.getswitchinterval(), gc.get_threshold()) != python_settings  # tuned while it runs
    session.request_analysis(small)  # the reader moved on
    assert not session.analysing()
    assert (sys.getswitchinterval(), gc.get_threshold()) == python_settings  # and Python's own again
    qtbot.waitUntil(lambda: 2 in ready, timeout=60000)
    workers.wait_for_all(60000)
    qtbot.wait(50)  # the stopped job's answer, delivered on the event loop
    assert failures == [] and session.analysis_error is None  # stopping is no failure
    assert not session.analysis_complete(1) and 1 not in ready


def test_ruby_syllables_of_a_huge_article_are_made_for_the_part_in_view(reader, qtbot, monkeypatch):
    from types import SimpleNamespace

    from dubao.core.analysis import Analysis, read_tokens
    from dubao.gui import ruby

    monkeypatch.setattr(ruby, "RUBY_ALL_TOKENS", 50)
    monkeypatch.setattr(ruby, "RUBY_MARGIN", 200)
    text = huge_text(400)
    settings = SimpleNamespace(pinyin_mode="above", hsk_level=4, line_spacing=170, tone_colors=False,
                               tone_palette=("#000",) * 5)
    controller = ruby.RubyController(reader, settings, set)
    reader.show_article(make_article(text), Analysis.build(text, read_tokens(text)))
    qtbot.waitUntil(reader.is_complete, timeout=10000)
    top = controller.current_syllables()
    assert top and max(s.offset for s in top) < len(text) // 2  # not the whole article's...
    end = text.rindex("改革")
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().maximum())
    near_end = {s.offset: s.syllable for s in controller.current_syllables()}
    assert near_end.get(end) == "gǎi"  # ...but those in view wherever the reader is


def test_entities_of_a_huge_article_without_stored_ones_are_found_window_by_window(sample_text, monkeypatch):
    from dubao.core.analysis import extract_entities

    monkeypatch.setattr(analysis_work, "ENTITY_WINDOW_CHARS", 1000)
    monkeypatch.setattr(analysis_work, "ENTITY_WINDOW_SIZE", 600)
    text = "市委召开常委会会议\n" + "".join(line.strip() for line in sample_text.splitlines()[:40])
    article = make_article(text)
    windowed = analysis_work._entities(article, None, analysis_work.Focus(), None, [])
    whole = extract_entities(article)
    for entity in windowed:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text  # offsets into the whole article
    names = {(entity.kind, entity.name) for entity in windowed}
    assert ("person", "孙大军") in names
    # the same names as one call over the whole text, give or take a few at the windows' edges
    whole_names = {(entity.kind, entity.name) for entity in whole}
    assert len(names & whole_names) >= 0.8 * len(whole_names)
    assert len({(e.kind, e.name) for e in windowed}) == len(windowed)  # one entity per name, mentions merged
