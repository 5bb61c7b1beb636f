"""Vocabulary for Anki: an `.apkg` deck (genanki) and a tab-separated text file Anki imports directly.

Each word becomes one note with the fields Hanzi, Pinyin, Definition, HSK, Sentence (the sentence it was
met in, the word in bold) and Source (paper, date, headline). Identifiers are derived from content, not
clocks: the note type and deck ids are fixed, and each note's GUID comes from the word, so importing a
newer export of the same deck updates the cards instead of duplicating them (and keeps review history).
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import itertools
import re
import sqlite3
import zipfile

from dubao.core.errors import DubaoError
from dubao.core.language.dictionary import hsk_label
from dubao.core.export.data import ExportData, stable_uuid
from dubao.core.models import VocabItem


class NothingToExportError(DubaoError):
    """An export whose scope holds nothing of what the format carries (an empty Anki deck helps nobody)."""

FIELDS = ("Hanzi", "Pinyin", "Definition", "HSK", "Sentence", "Source")
NOTE_TYPE_NAME = "Dubao 读报 vocabulary"
DECK_PREFIX = "Dubao 读报"
# Anki ids are 64-bit ints; genanki's docs suggest a value in [1<<30, 1<<31). Fixed forever: changing it
# would make Anki treat the next export as a different note type.
MODEL_ID = 1_610_241_823
# 2023-01-01T00:00:00Z: the timestamp written into the package, so two exports of one list are identical.
_FIXED_TIMESTAMP = 1_672_531_200.0

_CARD_CSS = """.card { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 22px; text-align: center; color: #222; background: #fff; }
.hanzi { font-size: 48px; }
.sentence { font-size: 20px; margin-top: 1em; }
.sentence b { color: #c92a2a; }
.source, .hsk { font-size: 14px; color: #666; }"""
_FRONT = '<div class="hanzi">{{Hanzi}}</div><div class="sentence">{{Sentence}}</div>'
_BACK = ('{{FrontSide}}<hr id="answer"><div class="pinyin">{{Pinyin}}</div>'
         '<div class="definition">{{Definition}}</div>'
         '{{#HSK}}<div class="hsk">HSK {{HSK}}</div>{{/HSK}}<div class="source">{{Source}}</div>')


def _deck_id(name: str) -> int:
    return (1 << 30) + stable_uuid("anki-deck", name).int % (1 << 30)


def marked_sentence(item: VocabItem) -> str:
    """The context sentence as HTML with the word in <b>; the escaped sentence when the word is not in it."""
    sentence = item.sentence or ""
    at = sentence.find(item.word) if item.word else -1
    if at < 0:
        return html.escape(sentence)
    return (html.escape(sentence[:at]) + "<b>" + html.escape(item.word) + "</b>"
            + html.escape(sentence[at + len(item.word):]))


def _source(data: ExportData, item: VocabItem) -> str:
    article = data.article(item.article_id)
    if article is None:
        return ""
    return f"{article.issue.label} ·《{article.headline}》"


def note_fields(data: ExportData, item: VocabItem) -> list[str]:
    """The six field values (HTML) of one word's note, in FIELDS order."""
    return [
        html.escape(item.word),
        html.escape(item.pinyin),
        html.escape(item.definition).replace("\n", "<br>"),
        hsk_label(item.hsk),
        marked_sentence(item),
        html.escape(_source(data, item)),
    ]


def _anki_tags(data: ExportData, item: VocabItem) -> list[str]:
    tags = ["dubao", f"dubao::{item.status}"]
    if item.hsk:
        tags.append(f"HSK::{hsk_label(item.hsk)}")
    article = data.article(item.article_id)
    if article and article.issue.paper:
        tags.append(re.sub(r"\s+", "_", article.issue.paper))
    return tags


def _deck_name(data: ExportData) -> str:
    return f"{DECK_PREFIX}::{data.title}"


def modified_seconds(item: VocabItem) -> int:
    """When the word last changed, as Unix seconds. Anki replaces a note already in the collection only with
    a newer one, so a word marked known after the last import must carry a later time than it did then."""
    for stamp in (item.updated, item.added):
        try:
            parsed = _dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except (AttributeError, ValueError):
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=_dt.timezone.utc)
        return int(parsed.timestamp())
    return int(_FIXED_TIMESTAMP)


def _words(data: ExportData) -> list[VocabItem]:
    """One item per word (its first sentence); raises NothingToExportError when the list is empty."""
    seen: dict[str, VocabItem] = {}
    for item in data.vocabulary:
        seen.setdefault(item.word, item)
    if not seen:
        raise NothingToExportError("no saved words to export: add words to the vocabulary list first "
                                   "(right-click a word in the reader, or the Vocabulary tab)")
    return list(seen.values())


def to_apkg(data: ExportData) -> bytes:
    """An Anki package (.apkg bytes) with one note per vocabulary item. Raises NothingToExportError
    when there are none."""
    import genanki  # imported here: only this export needs it, and it is slow to import

    model = genanki.Model(
        MODEL_ID, NOTE_TYPE_NAME, fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Recognise", "qfmt": _FRONT, "afmt": _BACK}], css=_CARD_CSS,
    )
    deck = genanki.Deck(_deck_id(_deck_name(data)), _deck_name(data))
    deck.add_model(model)
    words = _words(data)
    for item in words:
        deck.add_note(genanki.Note(model=model, fields=note_fields(data, item),
                                   tags=_anki_tags(data, item), guid=genanki.guid_for("dubao", item.word)))
    # genanki's write_to_file leaves its temporary database behind in the system temp folder; build the
    # collection in memory instead and zip it ourselves (the same layout: collection.anki2 + media).
    connection = sqlite3.connect(":memory:")
    try:
        genanki.Package(deck).write_to_db(connection.cursor(), _FIXED_TIMESTAMP,
                                          itertools.count(int(_FIXED_TIMESTAMP * 1000)))
        # genanki stamps every note with the package time; each gets its word's own instead
        connection.executemany("UPDATE notes SET mod = ? WHERE guid = ?",
                               [(modified_seconds(item), genanki.guid_for("dubao", item.word)) for item in words])
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("collection.anki2", date_time=(2023, 1, 1, 0, 0, 0)), collection)
        package.writestr(zipfile.ZipInfo("media", date_time=(2023, 1, 1, 0, 0, 0)), "{}")
    return buffer.getvalue()


def _tsv_cell(value: str) -> str:
    # a tab or newline would split the note; with #html:true a <br> shows the line break
    return value.replace("\t", " ").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def to_anki_tsv(data: ExportData) -> str:
    """Tab-separated notes with the header lines Anki's text importer (2.1.55+) reads: without #notetype
    and #deck it maps only the first column onto its default "Basic" type. The note type is the one an
    .apkg export of this list brings along (import a deck once, or create a type with these fields)."""
    words = _words(data)
    lines = ["#separator:tab", "#html:true", f"#notetype:{NOTE_TYPE_NAME}", f"#deck:{_deck_name(data)}",
             "#columns:" + "\t".join(FIELDS + ("Tags",)), f"#tags column:{len(FIELDS) + 1}"]
    for item in words:
        cells = note_fields(data, item) + [" ".join(_anki_tags(data, item))]
        lines.append("\t".join(_tsv_cell(cell) for cell in cells))
    return "\n".join(lines) + "\n"
