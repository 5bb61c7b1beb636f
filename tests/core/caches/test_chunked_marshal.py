"""The sliced cache format behind jieba's, the readings' and the dictionary's caches."""

from __future__ import annotations

import marshal

from dubao.core.caches import chunked_marshal


def test_round_trip_keeps_every_part_and_slices_big_dictionaries():
    big = {f"词{i}": i for i in range(10_000)}
    parts = (big, 42, {"小": "xiao3"}, ("a", "b"))
    data = chunked_marshal.dumps(parts, slice_items=1000)
    assert chunked_marshal.loads(data) == parts
    # written as many small blobs, not as one: no single marshal call holds the GIL for the whole table
    assert len(data) > len(marshal.dumps(parts)) and data.startswith(chunked_marshal.MAGIC)


def test_damaged_or_foreign_files_read_as_missing(tmp_path):
    path = tmp_path / "cache.chunks"
    assert chunked_marshal.read(path) is None  # missing
    good = chunked_marshal.dumps(({i: i for i in range(5000)},), slice_items=100)
    path.write_bytes(good[: len(good) // 2])  # truncated by a crash or a full disk
    assert chunked_marshal.read(path) is None
    path.write_bytes(marshal.dumps({"old": "format"}))  # a cache from an earlier version
    assert chunked_marshal.read(path) is None
    path.write_bytes(good + b"junk")
    assert chunked_marshal.read(path) is None


def test_writing_a_new_cache_removes_the_stale_ones(tmp_path):
    stale = tmp_path / "readings-old.chunks"
    stale.write_bytes(b"x")
    other = tmp_path / "entities-keep.marshal"
    other.write_bytes(b"y")
    fresh = tmp_path / "readings-new.chunks"
    chunked_marshal.write(fresh, ({"a": 1},), stale_glob="readings-*")
    assert chunked_marshal.read(fresh) == ({"a": 1},)
    assert not stale.exists() and other.exists()
