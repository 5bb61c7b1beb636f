"""Finding an annotation again after the text under it was re-derived (better splitter, corrected source).

An annotation keeps its quote, ~32 characters of context either side, and its old position — the
selectors Hypothesis and the W3C Web Annotation model use. `reanchor` tries, in order:

- exact:    the quote is still at the old position, and its context agrees there;
- moved:    the quote occurs elsewhere and its context agrees there (the best-agreeing occurrence wins, then
            the nearest). "Agrees" means the characters right beside the quote are still the stored ones on
            both sides (CONTEXT_AGREEMENT of them): the same words in a parallel sentence
            (道德模范25个 / 提名奖25个) are not the passage, however well the quote matches;
- fuzzy:    an approximate match, with a score in 0..1 — candidates from diff-match-patch's Bitap
            `match_main` (both ends of the quote) and from the old prefix and suffix (what now lies
            between them), scored by the quote's similarity and, less, by how well the context agrees;
- orphaned: nothing close enough — the annotation is kept with its quote and listed, never dropped.

A quote shorter than SHORT_QUOTE characters is common words more often than a passage: it is only
anchored where its context still fits (so a highlighted 会议 does not jump to another 会议 when its own
paragraph was deleted). `benchmarks/anchoring_accuracy.py` measures all this on realistic edits.

Pure functions, no SQL, no Qt: the store's `--replace` and the W3C import both use them.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from diff_match_patch import diff_match_patch

CONTEXT_CHARS = 32
FUZZY_MIN_SCORE = 0.7  # below this a "match" is more often a different passage than the same one edited:
# benchmarks/anchoring_accuracy.py finds no right fuzzy match under 0.74 and the fewest errors at 0.60–0.73
SHORT_QUOTE = 8  # an edited quote shorter than this is only recognised by its context
CONTEXT_PROBE = 8  # characters of prefix/suffix looked for when the quote itself cannot be found
CONTEXT_AGREEMENT = 4  # characters beside a quote that must still match for "exact" or "moved"
_BITAP_BITS = 32  # match_main cannot search for longer patterns


def anchor_context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(quote, prefix, suffix) of text[start:end]."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"range [{start}, {end}) is outside a text of {len(text)} characters")
    return text[start:end], text[max(0, start - width):start], text[end:end + width]


def _common_suffix_length(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        count += 1
    return count


def _common_prefix_length(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b):
        if x != y:
            break
        count += 1
    return count


def _context_agreement(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored context match around [start, end)."""
    before = text[max(0, start - len(prefix)):start]
    after = text[end:end + len(suffix)]
    return _common_suffix_length(before, prefix) + _common_prefix_length(after, suffix)


def _context_agrees(text: str, start: int, end: int, prefix: str, suffix: str) -> bool:
    """Whether the characters right beside text[start:end] are still the stored context, on both sides:
    CONTEXT_AGREEMENT of them, or all there is when the stored context or the text is shorter (the quote
    began or ended the article, or now does: nothing is left there to disagree). One side is not enough:
    a parallel phrase shares one neighbour (副主席王阳平 / 副主席薛爱平)."""
    before = text[max(0, start - len(prefix)):start]
    after = text[end:end + len(suffix)]
    left = _common_suffix_length(before, prefix) >= min(len(prefix), len(before), CONTEXT_AGREEMENT)
    right = _common_prefix_length(after, suffix) >= min(len(suffix), len(after), CONTEXT_AGREEMENT)
    return left and right


def _similarity(a: str, b: str) -> float:
    if a == b:  # the usual case when nothing changed; SequenceMatcher would take ~0.1 ms to say so
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _matcher(text_length: int) -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.4  # 0 = exact only, 1 = anything; 0.4 tolerates a few wrong characters
    # a re-split may move a passage far (another article order, a caption moved): position counts little
    dmp.Match_Distance = max(1000, 4 * text_length)
    return dmp


def _fuzzy_span(annotation, new_text: str) -> tuple[int, int] | None:
    quote, old_start = annotation.quote, annotation.start
    dmp = _matcher(len(new_text))
    head = quote[:_BITAP_BITS]
    loc = min(max(0, old_start), len(new_text))
    start = dmp.match_main(new_text, head, loc)
    if start < 0:
        return None
    if len(quote) <= _BITAP_BITS:
        low = start + max(1, len(quote) // 2)
        high = min(len(new_text), start + len(quote) * 2)
        # where the old suffix begins again is the end, when it is near …
        head_of_suffix = (annotation.suffix or "")[:8]
        if len(head_of_suffix) >= 4:
            at = new_text.find(head_of_suffix, low, high + len(head_of_suffix))
            if at >= 0:
                return start, at
        # … otherwise the end that makes the span and its surroundings most like the original (cheap: quotes are short)
        best = max(range(low, high + 1), default=None, key=lambda end: (
            _score(annotation, new_text, start, end), -abs(end - start - len(quote))))
        return (start, best) if best is not None else None
    tail = quote[-_BITAP_BITS:]
    tail_start = dmp.match_main(new_text, tail, min(len(new_text), start + len(quote) - len(tail)))
    if tail_start < 0 or tail_start + len(tail) <= start:
        return None
    return start, tail_start + len(tail)


def _context_span(annotation, text: str) -> tuple[int, int] | None:
    """Where the text between the old prefix and suffix now lies: finds a passage whose words changed
    (a corrected typo in a two-character quote defeats any quote matcher; its surroundings do not)."""
    prefix, suffix = annotation.prefix or "", annotation.suffix or ""
    tail, head = prefix[-CONTEXT_PROBE:], suffix[:CONTEXT_PROBE]
    if (tail and len(tail) < 4) or (head and len(head) < 4) or not (tail or head):
        return None
    if tail:
        starts, at = [], text.find(tail)
        while at >= 0:
            starts.append(at + len(tail))
            at = text.find(tail, at + 1)
        if not starts:
            return None
        start = min(starts, key=lambda position: abs(position - annotation.start))
    else:
        start = 0 if annotation.start == 0 else -1
    if start < 0:
        return None
    limit = start + 2 * len(annotation.quote) + 2
    if head:
        end = text.find(head, start, limit + len(head))
        if end < 0:
            return None
    else:
        end = len(text)
    return (start, end) if start < end <= limit else None


def _context_score(annotation, text: str, start: int, end: int) -> float | None:
    """How well the surroundings of [start, end) agree with the stored context, 0..1: half how similar
    they are, half how many of the characters right beside the span are still the stored ones. The second
    half tells a passage from a parallel sentence: its context is the same words shifted, which a plain
    similarity ratio scores almost as high."""
    prefix, suffix = annotation.prefix or "", annotation.suffix or ""
    if not prefix and not suffix:
        return None
    before = text[max(0, start - len(prefix)):start]
    after = text[end:end + len(suffix)]
    similar = (_similarity(prefix, before) * len(prefix) + _similarity(suffix, after) * len(suffix)) \
        / (len(prefix) + len(suffix))
    beside = [min(_common_suffix_length(before, prefix), CONTEXT_PROBE) / min(len(prefix), CONTEXT_PROBE)
              for _ in (0,) if prefix] + \
             [min(_common_prefix_length(after, suffix), CONTEXT_PROBE) / min(len(suffix), CONTEXT_PROBE)
              for _ in (0,) if suffix]
    return 0.5 * similar + 0.5 * sum(beside) / len(beside)


def _score(annotation, text: str, start: int, end: int) -> float:
    """How sure a match is: the quote's similarity and whether its surroundings agree. A short quote
    counts on its context more, and is not trusted where the context does not fit at all."""
    quote_score = _similarity(annotation.quote, text[start:end])
    context = _context_score(annotation, text, start, end)
    if context is None:
        return quote_score
    short = len(annotation.quote) < SHORT_QUOTE
    if short and context < 0.5:
        return 0.0  # a few similar characters somewhere else are not the same passage
    weight = 0.5 if short else 0.25
    return (1 - weight) * quote_score + weight * context


def reanchor(annotation, new_text: str, min_score: float | None = None) -> tuple[int, int, str, float | None]:
    """Where `annotation` (anything with start, end, quote, prefix, suffix) lies in `new_text`:
    (start, end, status, score). An orphan keeps its old position, clipped to the new text. `min_score`
    (default FUZZY_MIN_SCORE) is the weakest fuzzy match kept; the benchmark lowers it to measure."""
    min_score = FUZZY_MIN_SCORE if min_score is None else min_score
    quote, start, end = annotation.quote, annotation.start, annotation.end
    prefix, suffix = annotation.prefix or "", annotation.suffix or ""
    occurrences = []
    if quote:
        position = new_text.find(quote)
        while position >= 0:
            occurrences.append(position)
            position = new_text.find(quote, position + 1)
    # even a long quote needs its context: a headline or a lead repeats whole sentences of the text
    if quote and new_text[start:end] == quote and _context_agrees(new_text, start, end, prefix, suffix):
        return start, end, "exact", 1.0
    moved, outdone = None, False
    between = _context_span(annotation, new_text)  # where the old context now encloses something
    if occurrences:
        best = max(occurrences, key=lambda at: (
            _context_agreement(new_text, at, at + len(quote), prefix, suffix), -abs(at - start)))
        # the same words elsewhere lose to the stored context still standing around an edited quote
        # (a lead repeated in a summary box holds the same words; the passage is where its context is)
        outdone = between is not None and between != (best, best + len(quote)) and \
            _context_agreement(new_text, *between, prefix, suffix) > \
            _context_agreement(new_text, best, best + len(quote), prefix, suffix)
        if not outdone and _context_agrees(new_text, best, best + len(quote), prefix, suffix):
            return best, best + len(quote), "moved", 1.0
        # the same words, but their surroundings changed: a long quote may be its passage with both
        # neighbours edited (a score says how sure); a short one is some other sentence's words
        if len(quote) >= SHORT_QUOTE:
            moved = (best, best + len(quote), _score(annotation, new_text, best, best + len(quote)))
    spans = [span for span in (_fuzzy_span(annotation, new_text) if quote else None, between) if span is not None]
    candidates = [(s, e, _score(annotation, new_text, s, e)) for s, e in spans] + ([moved] if moved else [])
    if outdone:  # the quote's words elsewhere were passed over for the context: so are their fuzzy twins
        candidates = [(s, e, _score(annotation, new_text, s, e)) for s, e in [between]]
    # a candidate whose neighbours are still the stored ones beats a higher-scoring one whose are not: a
    # corrected character inside a short quote lowers its score more than a parallel phrase's context does
    fuzzy = max(candidates, key=lambda item: (
        item[2] >= min_score and _context_agrees(new_text, item[0], item[1], prefix, suffix), item[2]), default=None)
    if fuzzy is not None and fuzzy[2] >= min_score:
        return fuzzy[0], fuzzy[1], "fuzzy", round(fuzzy[2], 3)
    clipped_start = min(start, len(new_text))
    return clipped_start, min(max(end, clipped_start), len(new_text)), "orphaned", None


def reanchor_among(annotation, candidates: list[tuple[int, str]], preferred: list[int] = ()) \
        -> tuple[int, int, int, str, float | None]:
    """Re-anchor into whichever of several texts holds the passage: `candidates` are (id, text),
    `preferred` ids are tried first (the same article after a re-split). Returns
    (id, start, end, status, score); an orphan stays with the first preferred (else first) candidate."""
    if not candidates:
        raise ValueError("no text to anchor into")
    order = sorted(candidates, key=lambda item: (item[0] not in preferred,
                                                 list(preferred).index(item[0]) if item[0] in preferred else 0))
    best = None
    for rank, (candidate_id, text) in enumerate(order):
        start, end, status, score = reanchor(annotation, text)
        if status == "exact" and rank > 0:
            status = "moved"  # same offsets, but in another article
        if status in ("exact", "moved"):
            return candidate_id, start, end, status, score
        if status == "fuzzy" and (best is None or score > best[4]):
            best = (candidate_id, start, end, status, score)
    if best is not None:
        return best
    start, end, status, score = reanchor(annotation, order[0][1])
    return order[0][0], start, end, "orphaned", None
