"""The body lines of the splitter's walk: paragraphs (joined where the page's columns broke them), photo
captions and credits, text that goes on with a sentence an earlier article left open (pdftotext's column
runs), and the text of a classified notice. A part of `blocks.Assembler`, kept apart to keep each short."""

from __future__ import annotations

from dubao.core.split.drafts import Draft, DraftBlock, PageDraft, make_block as _block
from dubao.core.split.patterns import is_terminated
from dubao.core.split.people import trailing_credit
from dubao.core.split.source_line import Line

_RESUME_REACH = 5  # how many articles back an unfinished sentence is looked for


class BodyLines:
    """What `Assembler` does with a body line; it provides the state below and `_start`."""

    current: Draft | None
    drafts: list[Draft]
    notice: PageDraft | None
    past_edge: bool
    column_runs: bool

    def _start(self, titled: bool) -> Draft:
        raise NotImplementedError

    # ---- body lines --------------------------------------------------------------------------
    def _body_line(self, line: Line) -> None:
        if self.notice is not None and line.dateline is None:
            self.notice.lines.append(line)
            return
        self.notice = None
        current = self.current
        shape = line.shape
        # text after the page's header or footer is another item (a photo caption), unless a sentence goes on
        past_edge, self.past_edge = self.past_edge, False
        closed = current is not None and current.open_paragraph is None
        # a wide gap, or a page's rare blank line, parts articles (a brief with no headline after the last)
        parted = line.separated and closed and bool(current.body) and current.body[-1].kind != "heading"
        new_item = line.dateline is not None or (past_edge and closed) or parted
        if current is None or (shape == "body" and new_item and current.has_story()):
            previous = current
            current = self._start(titled=False)
            if previous is not None and not any(block.kind == "headline" for block in previous.head):
                current.column_from = previous.column_from or previous
        elif shape == "body" and line.blank_before and self.column_runs and current.open_paragraph is None:
            self._resume_column(line)
        if shape == "caption":
            self._caption(line)
        elif shape == "credit":
            self._credit(line)
        elif shape == "names" or (shape == "title" and current.open_paragraph is None):
            current.body.append(_block("paragraph", line))
            current.open_paragraph = None
        else:
            self._paragraph_line(line)

    def _resume_column(self, line: Line) -> None:
        """pdftotext reads a page column by column: the text after a column's end may go on with a sentence
        left unfinished in an earlier article (its column went on elsewhere); that article becomes current."""
        for draft in reversed(self.drafts[-_RESUME_REACH:-1]):
            if draft.open_paragraph is not None:
                self.current = draft
                return

    def _paragraph_line(self, line: Line) -> None:
        current = self.current
        last = current.body[-1] if current.body else None
        if current.open_paragraph is not None:
            target = current.open_paragraph
        elif line.continues and last is not None and last.kind == "paragraph":
            target = last  # hard-wrapped text: a sentence ended exactly at the end of a printed line
        elif last is not None and last.kind == "caption" and not is_terminated(last.text):
            target = last  # a caption broken over two lines
        else:
            target = None
        if target is None:
            target = _block("paragraph", line)
            current.body.append(target)
        else:
            target.spans.extend(line.spans())
            target.texts.append(line.text)
        if target.kind == "paragraph":
            current.open_paragraph = None if is_terminated(target.text) else target

    def _caption(self, line: Line) -> None:
        credit = trailing_credit(line.text)
        if credit is None or credit.start() == 0:
            self.current.body.append(_block("caption", line))
            return
        caption_end = len(line.text[: credit.start()].rstrip())
        credit_start = credit.start() + (len(credit.group()) - len(credit.group().lstrip()))
        self.current.body.append(_block("caption", line, 0, caption_end))
        self.current.body.append(_block("credit", line, credit_start))

    def _credit(self, line: Line) -> None:
        current = self.current
        last = current.body[-1] if current.body else None
        # the text a credit follows is the photo's caption: a short paragraph in a photo item
        if (
            last is not None and last.kind == "paragraph" and len(last.text) <= 150
            and (len(last.texts) == 1 or self._bare_photo(current))
            and (len(current.paragraphs) == 1 or any("图" in block.text for block in current.head))
        ):
            last.kind = "caption"
            if current.open_paragraph is last:
                current.open_paragraph = None
        elif last is not None and last.kind == "paragraph" and len(last.texts) > 1:
            self._split_off_caption(last)
        current.body.append(_block("credit", line))

    @staticmethod
    def _bare_photo(draft: Draft) -> bool:
        """An item of one text under no headline (a column tag at most): a caption the PDF tool printed on
        several lines is all of it."""
        return len(draft.paragraphs) == 1 and all(block.kind == "column" for block in draft.head)

    def _split_off_caption(self, paragraph: DraftBlock) -> None:
        """A caption without 图为 that fell inside a broken sentence was joined to it; the credit after it
        shows what it was. Take it back out, and leave the sentence open for its continuation."""
        caption = paragraph.texts[-1]
        before = "".join(paragraph.texts[:-1])
        if len(caption) > 150 or not is_terminated(caption) or is_terminated(before):
            return
        spans: list[tuple[int, int]] = []
        while sum(end - start for start, end in spans) < len(caption):  # the last line's slices
            spans.insert(0, paragraph.spans.pop())
        self.current.body.append(DraftBlock("caption", spans, [paragraph.texts.pop()]))
        self.current.open_paragraph = paragraph
