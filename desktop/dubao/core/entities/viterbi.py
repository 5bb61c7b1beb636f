"""Viterbi decoding of the entity tagger's scores (`tagger.Tagger`) for many texts at once.

numpy's cost is per step, whatever the number of texts a step advances, so texts are decoded together. They are
packed one after another into a few rows, longest first into the row with the fewest steps: a hundred short
paragraphs take as many steps as one text of their length over the number of rows (padding every text to the
longest would cost a batch of paragraphs twice what a long text costs a character). A row starts afresh where a
text starts.
"""

from __future__ import annotations

import heapq

import numpy


def best_paths(sequences, transitions: list[list[float]], previous: list[list[int]], start_allowed: list[bool],
               closing: list[bool], rows: int = 16) -> list[list[int]]:
    """The best tag path of each sequence of emission scores (characters × tags). `previous[b]`: the tags that may
    come before tag b; `start_allowed` / `closing`: the tags a sequence may start / end with. Ties go to the lowest
    tag index, as in a loop with a strict `>` over tags in order; every operation is per row and per tag, so each
    sequence's floats, and path, are those it would get alone."""
    size = len(transitions)
    sequences = [numpy.asarray(emissions, dtype=numpy.float64).reshape(-1, size) for emissions in sequences]
    paths: list[list[int]] = [[] for _ in sequences]
    live = sorted((k for k, emissions in enumerate(sequences) if len(emissions)), key=lambda k: -len(sequences[k]))
    if not live:
        return paths
    count, neg = min(len(live), rows), float("-inf")
    placed: dict[int, tuple[int, int]] = {}  # sequence -> (row, its first step)
    filled = [(0, row) for row in range(count)]  # (steps taken, row): the emptiest row first
    for k in live:
        steps, row = heapq.heappop(filled)
        placed[k] = (row, steps)
        heapq.heappush(filled, (steps + len(sequences[k]), row))
    emissions = numpy.zeros((max(steps for steps, _row in filled), count, size))  # steps × rows × tags
    starting: dict[int, list[int]] = {}  # step -> rows where a sequence starts (after the first step)
    ending: dict[int, list[int]] = {}  # step -> sequences that end there
    for k, (row, first) in placed.items():
        emissions[first:first + len(sequences[k]), row] = sequences[k]
        if first:
            starting.setdefault(first, []).append(row)
        ending.setdefault(first + len(sequences[k]) - 1, []).append(k)
    # transitions[a, b], -inf where the tag grammar forbids b after a
    allowed = numpy.full((size, size), neg)
    for b, sources in enumerate(previous):
        for a in sources:
            allowed[a, b] = transitions[a][b]
    score = numpy.where(start_allowed, emissions[0], neg)
    column = score.reshape(count, size, 1)  # the same numbers: score[j, a] + allowed[a, b]
    final = {}
    back = numpy.zeros((len(emissions), count, size), dtype=numpy.intp)
    candidates, best = numpy.empty((count, size, size)), numpy.empty((count, size))
    add, maximum = numpy.add, numpy.maximum.reduce
    for k in ending.get(0, ()):
        final[k] = score[placed[k][0]].copy()
    for t in range(1, len(emissions)):
        add(column, allowed, out=candidates)
        candidates.argmax(axis=1, out=back[t])
        maximum(candidates, axis=1, out=best)
        add(best, emissions[t], out=score)
        for row in starting.get(t, ()):
            score[row] = numpy.where(start_allowed, emissions[t, row], neg)
        for k in ending.get(t, ()):
            final[k] = score[placed[k][0]].copy()
    for k, (row, first) in placed.items():
        path = [int(numpy.argmax(numpy.where(closing, final[k], neg)))]
        pointers = back[first:first + len(sequences[k]), row].tolist()
        for t in range(len(pointers) - 1, 0, -1):
            path.append(pointers[t][path[-1]])
        path.reverse()
        paths[k] = path
    return paths
