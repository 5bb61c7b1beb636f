"""`dubao pinyin`: print text with its readings in context.

    dubao pinyin 银行行长                      银行[yín háng] 行长[háng zhǎng]
    dubao pinyin --plain article.txt --json    one JSON object per input line (JSON Lines)

JSON per line: {"tokens": [{"text", "start", "end", "pinyin", "numbers", "spoken"}]}; offsets are
code-point indices into that line; `numbers` has one entry per character (a non-Han character gives
itself); `spoken` is the 一/不 tone-sandhi form or null.
"""

from __future__ import annotations

import sys
from typing import Iterable

from dubao.cli.common import CliError, json_line, lines_of, write_joined
from dubao.core.models import to_jsonable


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "pinyin",
        help="print Chinese text with its readings in context",
        description="Print Chinese text word by word with its pinyin, decided in context. "
        "Readings are dictionary (citation) tones; where 一/不 change tone in speech the spoken form follows.",
    )
    parser.add_argument("text", nargs="*", help="the text to read (several arguments are joined by spaces)")
    parser.add_argument("--plain", metavar="FILE", help="read a plain-text file ('-' for standard input), line by line")
    parser.add_argument("--json", action="store_true", help="print JSON: one object per input line (JSON Lines)")
    parser.add_argument("--neutral-tones", action="store_true",
                        help="give a neutral last syllable where the dictionary has one (朋友 péng you), as in speech")
    parser.set_defaults(handler=run)


def _input_lines(args) -> tuple[int, Iterable[tuple[str, int]]]:
    """The lines to read (each with where it ends in the whole input) and the length of the input: the file's or
    standard input's lines, or the arguments joined by spaces as one line."""
    text = _input_text(args)
    return len(text), (lines_of(text) if args.plain else [(text, len(text))])


def _input_text(args) -> str:
    if args.plain and args.text:
        raise CliError("give either TEXT or --plain FILE, not both")
    if args.plain == "-":
        return sys.stdin.read()
    if args.plain:
        from dubao.core.ingest.decode import IngestError, decode_file

        try:
            return decode_file(args.plain).text
        except IngestError as error:
            raise CliError(str(error)) from None
    if not args.text:
        raise CliError("nothing to read: give TEXT or --plain FILE")
    return " ".join(args.text)


def format_token(token) -> str:
    """银行[yín háng], 不是[bù shì, said bú shì]; a token without Han characters is printed as is."""
    if not token.pinyin:
        return token.text
    if token.spoken:
        return f"{token.text}[{token.pinyin}, said {token.spoken}]"
    return f"{token.text}[{token.pinyin}]"


def run(args) -> int:
    from dubao.cli.progress import ProgressLine
    from dubao.core.language.reading_stream import read_stream

    total, lines = _input_lines(args)
    report = ProgressLine("reading pinyin")
    before = 0  # characters of the lines printed before this one

    def progress(done: int, _total: int) -> None:
        report(before + done, total)

    # each line is printed as it is read, token by token: a huge line is never held whole as tokens
    for line, line_end in lines:
        tokens = read_stream(line, neutral_tones=args.neutral_tones, progress=progress)
        if args.json:
            sys.stdout.write('{"tokens":[')
            write_joined((json_line(to_jsonable(token)) for token in tokens), ",")
            sys.stdout.write("]}\n")
        else:
            write_joined((format_token(token) for token in tokens if not token.text.isspace()), " ")
            sys.stdout.write("\n")
        before = line_end
    report.finish()
    return 0
