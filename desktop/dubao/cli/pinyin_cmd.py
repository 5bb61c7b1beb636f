"""`dubao pinyin`: print text with its readings in context.

    dubao pinyin 银行行长                      银行[yín háng] 行长[háng zhǎng]
    dubao pinyin --plain article.txt --json    one JSON object per input line (JSON Lines)

JSON per line: {"tokens": [{"text", "start", "end", "pinyin", "numbers", "spoken"}]}; offsets are
code-point indices into that line; `numbers` has one entry per character (a non-Han character gives
itself); `spoken` is the 一/不 tone-sandhi form or null.
"""

from __future__ import annotations

import sys

from dubao.cli.common import CliError, print_json
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


def _input_lines(args) -> list[str]:
    if args.plain and args.text:
        raise CliError("give either TEXT or --plain FILE, not both")
    if args.plain == "-":
        return sys.stdin.read().splitlines()
    if args.plain:
        from dubao.core.ingest.decode import IngestError, decode_file

        try:
            return decode_file(args.plain).text.splitlines()
        except IngestError as error:
            raise CliError(str(error)) from None
    if not args.text:
        raise CliError("nothing to read: give TEXT or --plain FILE")
    return [" ".join(args.text)]


def format_token(token) -> str:
    """银行[yín háng], 不是[bù shì, said bú shì]; a token without Han characters is printed as is."""
    if not token.pinyin:
        return token.text
    if token.spoken:
        return f"{token.text}[{token.pinyin}, said {token.spoken}]"
    return f"{token.text}[{token.pinyin}]"


def run(args) -> int:
    from dubao.core.language import readings as pinyin

    lines = _input_lines(args)
    for line in lines:
        tokens = pinyin.read(line, neutral_tones=args.neutral_tones)
        if args.json:
            print_json({"tokens": to_jsonable(tokens)}, lines=True)
        else:
            sys.stdout.write(" ".join(format_token(t) for t in tokens if not t.text.isspace()) + "\n")
    return 0
