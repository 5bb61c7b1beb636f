"""Names looked up in one pass over a text: the same occurrences as searching for each name on its own."""

from __future__ import annotations

import random

from dubao.core.entities.occurrences import occurrences


def _one_by_one(text, name):
    starts, start = [], text.find(name)
    while start != -1:
        starts.append(start)
        start = text.find(name, start + len(name))
    return starts


def test_each_name_is_found_where_searching_for_it_alone_finds_it():
    randomly = random.Random(18)
    alphabet = "吕梁市委孙大军哈"
    for _ in range(200):
        text = "".join(randomly.choice(alphabet) for _ in range(randomly.randrange(0, 60)))
        names = {"".join(randomly.choice(alphabet) for _ in range(randomly.randrange(1, 4))) for _ in range(6)}
        found = occurrences(text, names)
        for name in names:
            assert found.get(name, []) == _one_by_one(text, name)
            assert len(found.get(name, [])) == text.count(name)


def test_overlapping_repeats_of_a_name_count_as_str_count_does():
    assert occurrences("哈哈哈哈哈", ["哈哈"]) == {"哈哈": [0, 2]}
    assert occurrences("吕梁市吕梁", ["吕梁", "吕梁市", "孙大军", ""]) == {"吕梁": [0, 3], "吕梁市": [0]}
