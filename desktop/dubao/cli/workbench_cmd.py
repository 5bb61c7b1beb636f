"""The researcher's workbench on the command line: `dubao kwic`, `dubao trend`, `dubao profile`, `dubao keywords`.

All four read the library (`--library PATH`, default: the one in the user data folder) and print a table,
or JSON with `--json`. Parts of the library are written as in `dubao keywords --a 2016 --b 2017`:
2016, 2016-03, 2016-01-01..2016-06-30, paper=NAME, or several joined by commas (paper=吕梁日报,2016).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from dubao.cli.common import print_json
from dubao.cli.library_cmd import add_library_options, open_library
from dubao.core.library.corpus import PERIODS, Part, parse_part
from dubao.core.library.corpus_kwic import KIND_GROUPS, SORTS


def _part(args) -> Part:
    spec = ",".join(piece for piece in (
        f"paper={args.paper}" if args.paper else "",
        f"{args.date_from or ''}..{args.date_to or ''}" if args.date_from or args.date_to else "") if piece)
    return parse_part(spec) if spec else Part()


def _add_part_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--paper", help="only this paper")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="up to this date, inclusive")


def _kwic(args) -> int:
    with open_library(args) as store:
        result = store.kwic(args.term, _part(args), kind=args.kind, sort=args.sort, limit=args.limit,
                            offset=args.offset)
    if args.json:
        hits = [{key: value for key, value in asdict(hit).items() if key != "kind"} for hit in result.hits]
        print_json({"term": result.term, "total": result.total, "hits": hits})
        return 0
    print(f"{result.total} occurrence(s) of “{result.term}”")
    width = max((len(hit.left) for hit in result.hits), default=0)
    for hit in result.hits:
        where = f"{hit.date or '????-??-??'} {hit.paper or '?'} p.{hit.page or '?'} #{hit.article}"
        print(f"{hit.left:>{width}} 【{hit.match}】 {hit.right}    {where} {hit.headline}")
    if result.total > args.offset + len(result.hits):
        print(f"… more with --offset {args.offset + len(result.hits)}")
    return 0


def _trend(args) -> int:
    with open_library(args) as store:
        series = store.trend(args.terms, args.by, _part(args), entities=args.entities)
    if args.json:
        print_json({"by": args.by, "series": {term: [asdict(point) for point in points]
                                               for term, points in series.items()}})
        return 0
    for term, points in series.items():
        print(f"{term} (per {args.by}; per 10,000 Han characters; — where there is no text)")
        for point in points:
            if point.count is None:
                print(f"  {point.period}  —")
            else:
                print(f"  {point.period}  {point.count:>6}  {point.per_10k:>9.3f}  of {point.chars:,} characters")
    return 0


def _sighting(sighting) -> str:
    return f"{sighting.date or 'undated'} {sighting.paper or ''} #{sighting.article} {sighting.headline}"


def _profile(args) -> int:
    with open_library(args) as store:
        profile = store.profile(args.name, co_mentions=args.co_mentions)
    if args.json:
        print_json(asdict(profile))
        return 0
    print(f"{profile.name} ({', '.join(profile.kinds)}): {profile.mentions} mention(s) in {profile.articles} "
          f"article(s) of {profile.issues} issue(s)")
    if profile.explanation or profile.expansion:
        print(f"  {profile.explanation} {'、'.join(profile.expansion)}".rstrip())
    print(f"  first seen {_sighting(profile.first)}")
    print(f"  last seen  {_sighting(profile.last)}")
    if profile.titles:
        print("Titles printed with the name:")
        for span in profile.titles:
            print(f"  {span.title}  ({span.issues} issue(s)) {span.first.date or '?'} … {span.last.date or '?'}")
            print(f"      first: {_sighting(span.first)}\n      last:  {_sighting(span.last)}")
    if profile.roles:
        print("Roles: " + "、".join(profile.roles))
    if profile.co_mentions:
        print("Mentioned with:")
        for other in profile.co_mentions:
            print(f"  {other.name} ({other.kind}): {other.articles} article(s)")
    if profile.timeline:
        print("Mentions per month:")
        for month, count in profile.timeline:
            print(f"  {month}  {count:>5}  {'▇' * min(count, 60)}")
    return 0


def _keywords(args) -> int:
    def progress(done: int, total: int) -> None:
        print(f"\rsegmenting articles not yet counted: {done}/{total}", end="", file=sys.stderr, flush=True)
        if done == total:
            print(file=sys.stderr)

    with open_library(args) as store:
        result = store.keyness(parse_part(args.a), parse_part(args.b), min_freq=args.min_freq, limit=args.limit,
                               min_ll=args.min_ll, progress=None if args.json else progress)
    if args.json:
        print_json({"a": args.a, "b": args.b, "words_a": result.words_a, "words_b": result.words_b,
                    "keywords": [asdict(keyword) for keyword in result.keywords]})
        return 0
    print(f"A = {args.a}: {result.words_a:,} words · B = {args.b}: {result.words_b:,} words")
    print(f"{'word':<12} {'freq A':>8} {'freq B':>8} {'/10k A':>9} {'/10k B':>9} {'LL':>10} {'log ratio':>9}  key in")
    for keyword in result.keywords:
        print(f"{keyword.word:<12} {keyword.freq_a:>8} {keyword.freq_b:>8} {keyword.per_10k_a:>9.2f} "
              f"{keyword.per_10k_b:>9.2f} {keyword.log_likelihood:>10.2f} {keyword.log_ratio:>9.2f}  "
              f"{keyword.key_in.upper()}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("kwic", help="concordance: every occurrence of a term with its context",
                                   description="Every occurrence of TERM in the library, centred in its context, "
                                   "with paper, date, page and headline.")
    parser.add_argument("term")
    _add_part_options(parser)
    parser.add_argument("--sort", choices=SORTS, default="date",
                        help="date (oldest first), left (word before), right (word after) or paper")
    parser.add_argument("--kind", choices=tuple(KIND_GROUPS), help="only hits in headlines, body text or captions")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--offset", type=int, default=0)
    add_library_options(parser)
    parser.set_defaults(handler=_kwic)

    parser = subparsers.add_parser("trend", help="how often terms occur per day, week, month or year",
                                   description="Counts of each TERM per period, raw and per 10,000 Han characters "
                                   "of the period's text. Periods without text are gaps (null), not zeros.")
    parser.add_argument("terms", nargs="+", metavar="TERM")
    parser.add_argument("--by", choices=PERIODS, default="month")
    parser.add_argument("--entities", action="store_true",
                        help="the terms are names of people, places, organisations or formulations: count their "
                             "mentions (aliases included) instead of the literal text")
    _add_part_options(parser)
    add_library_options(parser)
    parser.set_defaults(handler=_trend)

    parser = subparsers.add_parser("profile", help="a person, place, organisation or formulation across the library",
                                   description="Titles printed with NAME over time, first and last seen, who and "
                                   "what is mentioned with it, and mentions per month.")
    parser.add_argument("name")
    parser.add_argument("--co-mentions", type=int, default=20, metavar="N", help="how many co-mentioned names")
    add_library_options(parser)
    parser.set_defaults(handler=_profile)

    parser = subparsers.add_parser("keywords", help="keyness: words one part of the library uses more than another",
                                   description="Log-likelihood keywords of part A against part B, with frequencies "
                                   "and log ratio. Parts: 2016, 2016-03, 2016-01-01..2016-06-30, paper=NAME, "
                                   "or several joined by commas.")
    parser.add_argument("--a", required=True, metavar="PART")
    parser.add_argument("--b", required=True, metavar="PART")
    parser.add_argument("--min-freq", type=int, default=5, help="leave out words seen fewer times in A and B together")
    parser.add_argument("--min-ll", type=float, default=3.84,
                        help="leave out words below this log-likelihood (3.84: p < 0.05; 0 lists every word)")
    parser.add_argument("--limit", type=int, default=100)
    add_library_options(parser)
    parser.set_defaults(handler=_keywords)
