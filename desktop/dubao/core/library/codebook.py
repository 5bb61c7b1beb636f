"""The codebook: hierarchical codes on highlights, memos on codes, counts and co-occurrence.

Codes are annotation tags whose names are paths: "经济/增长" is the code 增长 under 经济. A highlight
carries several codes exactly as it carries several tags, so everything that already reads tags (exports,
the notes sidebar, `dubao annotate --tag`) sees codes too, and a library with tags already has a flat
codebook. A code can exist before any highlight carries it (made here, or imported from a REFI-QDA
codebook), and carries a memo (`code_memos`).

Co-occurrence counts, for each pair of codes, the highlights that carry both plus the pairs of distinct
highlights in one article whose ranges overlap, as QDA programs report "codes on overlapping segments".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dubao.core.errors import NotFoundError
from dubao.core.library.corpus import Part, period_of
from dubao.core.library.rows import utc_now

if TYPE_CHECKING:
    from dubao.core.library.corpus_records import Code

SEPARATOR = "/"


def clean_path(path: str) -> str:
    """A code path without blanks around its parts or empty parts; ValueError when nothing is left."""
    parts = [part.strip() for part in str(path).split(SEPARATOR)]
    parts = [part for part in parts if part]
    if not parts:
        raise ValueError("a code needs a name")
    return SEPARATOR.join(parts)


def ancestors(path: str) -> list[str]:
    """'a/b/c' → ['a', 'a/b']."""
    parts = path.split(SEPARATOR)
    return [SEPARATOR.join(parts[:end]) for end in range(1, len(parts))]


class CodebookMixin:
    """Store methods: the codebook."""

    def _tag_id(self, path: str, *, create: bool) -> int | None:
        row = self.conn.execute("SELECT id FROM tags WHERE name = ?", [path]).fetchone()
        if row is None and create:
            return self.conn.execute("INSERT INTO tags (name) VALUES (?)", [path]).lastrowid
        return row[0] if row else None

    def add_code(self, path: str, memo: str | None = None) -> Code:
        """Create a code (and its parents) if absent; set its memo when one is given."""
        path = clean_path(path)
        with self._write():
            for parent in ancestors(path):
                self._tag_id(parent, create=True)
            tag_id = self._tag_id(path, create=True)
            if memo is not None:
                self.conn.execute("INSERT INTO code_memos (tag_id, memo, updated) VALUES (?, ?, ?) "
                                "ON CONFLICT(tag_id) DO UPDATE SET memo = excluded.memo, updated = excluded.updated",
                                [tag_id, str(memo), utc_now()])
        return self.get_code(path)

    def get_code(self, path: str) -> Code:
        path = clean_path(path)
        found = [code for code in self.codes() if code.path == path]
        if not found:
            raise NotFoundError(f"no code {path!r} in the codebook")
        return found[0]

    def codes(self) -> list[Code]:
        """Every code (tags in use and codes made or imported without highlights), parents before children."""
        from dubao.core.library.corpus_records import Code  # at first use: see corpus_records

        rows = self.conn.execute(
            """SELECT t.name, coalesce(m.memo, ''),
                      (SELECT count(*) FROM annotation_tags x JOIN annotations an ON an.id = x.annotation_id
                       WHERE x.tag_id = t.id AND an.deleted IS NULL)
               FROM tags t LEFT JOIN code_memos m ON m.tag_id = t.id""").fetchall()
        paths = {name for name, _, _ in rows}
        codes = [Code(name, memo, count) for name, memo, count in rows]
        # a tag written as "a/b" by hand implies the code "a" even if it was never made
        implied = {parent for code in codes for parent in ancestors(code.path)} - paths
        codes += [Code(parent, "", 0) for parent in implied]
        return sorted(codes, key=lambda code: code.path.split(SEPARATOR))

    def rename_code(self, old: str, new: str) -> int:
        """Rename (or move) a code and everything under it: "经济" → "发展" makes "经济/增长" "发展/增长"; into an
        existing code the highlights merge. Returns how many codes were renamed."""
        old, new = clean_path(old), clean_path(new)
        if new == old or new.startswith(old + SEPARATOR):
            raise ValueError(f"cannot move {old!r} into itself")
        moving = [code.path for code in self.codes() if code.path == old or code.path.startswith(old + SEPARATOR)]
        if old not in moving:
            raise NotFoundError(f"no code {old!r} in the codebook")
        for path in sorted(moving, key=len):
            target = new + path[len(old):]
            if self._tag_id(path, create=False) is None:  # a parent only implied by its children's paths
                continue
            memo = self.get_code(path).memo
            self.rename_tag(path, target)
            if memo and not self.get_code(target).memo:
                self.add_code(target, memo=memo)
        self.add_code(new)  # its parents exist as codes too
        return len(moving)

    def apply_code(self, annotation_id: int, path: str) -> None:
        """Add a code to a highlight, keeping the codes it already has."""
        annotation = self.get_annotation(annotation_id)
        path = clean_path(path)
        if path not in annotation.tags:
            self.add_code(path)
            self.update_annotation(annotation_id, tags=(*annotation.tags, path))

    def remove_code(self, annotation_id: int, path: str) -> None:
        annotation = self.get_annotation(annotation_id)
        path = clean_path(path)
        self.update_annotation(annotation_id, tags=tuple(tag for tag in annotation.tags if tag != path))

    def code_highlights(self, path: str, *, with_children: bool = True) -> list:
        """Live highlights carrying the code (or, `with_children`, any code under it)."""
        path = clean_path(path)
        return [annotation for annotation in self.annotations()
                if any(tag == path or (with_children and tag.startswith(path + SEPARATOR))
                       for tag in annotation.tags)]

    def code_counts(self, by: str = "year", part: Part = Part()) -> list[tuple[str, str | None, str | None, int]]:
        """(code, paper, period, highlights) for every code applied in the part; undated issues get period None."""
        where, params = part.where()
        counts: dict[tuple, int] = {}
        for name, paper, date, count in self.conn.execute(
                f"""SELECT t.name, i.paper, i.date, count(*) FROM annotation_tags x JOIN tags t ON t.id = x.tag_id
                    JOIN annotations an ON an.id = x.annotation_id JOIN articles a ON a.id = an.article_id
                    JOIN issues i ON i.id = a.issue_id WHERE an.deleted IS NULL AND {where}
                    GROUP BY t.name, i.paper, i.date""", params):
            key = (name, paper, period_of(date, by) if date else None)
            counts[key] = counts.get(key, 0) + count
        return sorted(((*key, count) for key, count in counts.items()),
                      key=lambda row: (row[0], row[1] or "", row[2] or ""))

    def code_cooccurrence(self, part: Part = Part()) -> dict[tuple[str, str], int]:
        """{(code, other code): count} with code < other: highlights carrying both, plus pairs of distinct
        overlapping highlights in one article carrying one each."""
        where, params = part.where()
        rows = self.conn.execute(
            f"""SELECT an.id, an.article_id, an.start, an."end", t.name FROM annotation_tags x
                JOIN tags t ON t.id = x.tag_id JOIN annotations an ON an.id = x.annotation_id
                JOIN articles a ON a.id = an.article_id JOIN issues i ON i.id = a.issue_id
                WHERE an.deleted IS NULL AND {where} ORDER BY an.article_id, an.start""", params).fetchall()
        highlights: dict[int, tuple[int, int, int, set]] = {}
        for annotation_id, article_id, start, end, name in rows:
            highlights.setdefault(annotation_id, (article_id, start, end, set()))[3].add(name)
        pairs: dict[tuple[str, str], int] = {}

        def count(first: set, second: set) -> None:
            for code in first:
                for other in second:
                    if code < other:
                        pairs[(code, other)] = pairs.get((code, other), 0) + 1

        items = list(highlights.values())
        for position, (article_id, start, end, codes) in enumerate(items):
            count(codes, codes)
            for other_article, other_start, other_end, other_codes in items[position + 1:]:
                if other_article != article_id or other_start >= end:
                    break  # sorted by article and start: nothing later overlaps
                if other_end > start:
                    count(codes, other_codes - codes)
                    count(other_codes - codes, codes)
        return pairs
