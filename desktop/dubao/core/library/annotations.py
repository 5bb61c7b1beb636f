"""Store: annotations (highlights with notes and tags) — editing, soft deletion, listing (adding: store_anchored).

Notes and tags are stored verbatim (any length, any characters: `'); DROP TABLE`, `<script>` …); only
parameters ever carry them into SQL. Deleting sets `deleted`; `restore_annotation` undoes it.
"""

from __future__ import annotations

import json

from dubao.core.errors import NotFoundError
from dubao.core.models import ANCHOR_STATUSES, ANNOTATION_COLORS, Annotation
from dubao.core.library.rows import utc_now

ANNOTATION_SELECT = """SELECT an.*,
    (SELECT json_group_array(name) FROM (
        SELECT t.name FROM annotation_tags x JOIN tags t ON t.id = x.tag_id
        WHERE x.annotation_id = an.id ORDER BY x.position)) AS tag_names
    FROM annotations an JOIN articles a ON a.id = an.article_id JOIN issues i ON i.id = a.issue_id"""
_TEXT_ORDER = " ORDER BY i.date IS NULL, i.date, i.id, a.idx, an.start, an.\"end\", an.id"


def row_to_annotation(row) -> Annotation:
    return Annotation(
        id=row["id"], article_id=row["article_id"], start=row["start"], end=row["end"], quote=row["quote"],
        prefix=row["prefix"], suffix=row["suffix"], color=row["color"], note=row["note"],
        tags=tuple(json.loads(row["tag_names"])), status=row["status"], created=row["created"],
        updated=row["updated"], source_start=row["source_start"], source_end=row["source_end"],
        score=row["score"], deleted=row["deleted"] is not None,
    )


def clean_tags(tags) -> tuple[str, ...]:
    """Tags as given, minus surrounding blanks, empty ones and repeats (first occurrence wins)."""
    if isinstance(tags, str):
        tags = (tags,)
    seen: dict[str, None] = {}
    for tag in tags or ():
        tag = str(tag).strip()
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def source_offset(blocks, position: int, *, at_end: bool) -> int | None:
    """The decoded-source offset of an article-text position, through the blocks' source spans."""
    for block in blocks:
        inside = block.start <= position < block.end or (at_end and block.start < position <= block.end)
        if not inside or not block.source_spans:
            continue
        offset = position - block.start
        for span_start, span_end in block.source_spans:
            length = span_end - span_start
            if offset < length or (at_end and offset == length):
                return span_start + offset
            offset -= length
        # the block text is longer than its spans (joined with something): clamp to the last span
        return block.source_spans[-1][1]
    return None


def check_color(color: str) -> str:
    if color not in ANNOTATION_COLORS:
        raise ValueError(f"colour must be one of {', '.join(ANNOTATION_COLORS)}, not {color!r}")
    return color


class AnnotationsMixin:
    # adding: `store_anchored.AnchoredAnnotationsMixin` (add_annotation, add_anchored_annotation, add_annotations)

    def _set_tags(self, annotation_id: int, tags: tuple[str, ...], tag_ids: dict[str, int] | None = None) -> None:
        """Replace an annotation's tags. `tag_ids`: a name -> id cache, for batches within one transaction."""
        self.conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", [annotation_id])
        for position, tag in enumerate(tags):
            tag_id = tag_ids.get(tag) if tag_ids is not None else None
            if tag_id is None:
                self.conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", [tag])
                tag_id = self.conn.execute("SELECT id FROM tags WHERE name = ?", [tag]).fetchone()[0]
                if tag_ids is not None:
                    tag_ids[tag] = tag_id
            self.conn.execute("INSERT INTO annotation_tags (annotation_id, tag_id, position) VALUES (?, ?, ?)",
                            [annotation_id, tag_id, position])

    def get_annotation(self, annotation_id: int, include_deleted: bool = True) -> Annotation:
        rows = list(self._query(ANNOTATION_SELECT + " WHERE an.id = ?", [annotation_id]))
        if not rows or (rows[0]["deleted"] is not None and not include_deleted):
            raise NotFoundError(f"no annotation {annotation_id} in the library")
        return row_to_annotation(rows[0])

    def update_annotation(self, annotation_id: int, color: str | None = None, note: str | None = None,
                          tags=None) -> Annotation:
        """Change colour, note and/or tags (None leaves a field as it is; tags=() removes them all)."""
        self.get_annotation(annotation_id)
        changes = {}
        if color is not None:
            changes["color"] = check_color(color)
        if note is not None:
            changes["note"] = str(note)
        with self._write():
            if tags is not None:
                self._set_tags(annotation_id, clean_tags(tags))
            if changes or tags is not None:
                changes["updated"] = utc_now()
                self.db["annotations"].update(annotation_id, changes)
        return self.get_annotation(annotation_id)

    def delete_annotation(self, annotation_id: int) -> Annotation:
        """Soft delete: hidden from lists, kept in the file, undone by `restore_annotation`."""
        self.get_annotation(annotation_id)
        now = utc_now()
        with self._write():
            self.conn.execute("UPDATE annotations SET deleted = ?, updated = ? WHERE id = ? AND deleted IS NULL",
                            [now, now, annotation_id])
        return self.get_annotation(annotation_id)

    def restore_annotation(self, annotation_id: int) -> Annotation:
        if not self.get_annotation(annotation_id).deleted:
            raise ValueError(f"annotation {annotation_id} is not deleted: there is nothing to restore")
        with self._write():
            self.conn.execute("UPDATE annotations SET deleted = NULL, updated = ? WHERE id = ? AND deleted IS NOT NULL",
                            [utc_now(), annotation_id])
        return self.get_annotation(annotation_id)

    def annotations(self, article_id: int | None = None, issue_id: int | None = None, tag: str | None = None,
                    color: str | None = None, include_deleted: bool = False, status: str | None = None,
                    only_deleted: bool = False, contains: str | None = None) -> list[Annotation]:
        """Annotations in text order (issue date, article, position), filtered by any of the arguments.
        `contains`: text that the note or the quote contains (literally, case as typed)."""
        where, params = [], []
        if contains:
            where.append("(instr(an.note, ?) > 0 OR instr(an.quote, ?) > 0)")
            params += [contains, contains]
        if article_id is not None:
            where.append("an.article_id = ?")
            params.append(article_id)
        if issue_id is not None:
            where.append("a.issue_id = ?")
            params.append(issue_id)
        if tag is not None:
            where.append("EXISTS (SELECT 1 FROM annotation_tags x JOIN tags t ON t.id = x.tag_id "
                         "WHERE x.annotation_id = an.id AND t.name = ?)")
            params.append(tag)
        if color is not None:
            where.append("an.color = ?")
            params.append(color)
        if status is not None:
            if status not in ANCHOR_STATUSES:
                raise ValueError(f"status must be one of {', '.join(ANCHOR_STATUSES)}")
            where.append("an.status = ?")
            params.append(status)
        if only_deleted:
            where.append("an.deleted IS NOT NULL")
        elif not include_deleted:
            where.append("an.deleted IS NULL")
        sql = ANNOTATION_SELECT + (" WHERE " + " AND ".join(where) if where else "") + _TEXT_ORDER
        return [row_to_annotation(row) for row in self._query(sql, params)]

    def rename_tag(self, old: str, new: str) -> int:
        """Rename a tag everywhere (merging into `new` if it exists); returns how many annotations carry it now."""
        new = new.strip()
        if not new:
            raise ValueError("a tag cannot be renamed to nothing")
        row = self.conn.execute("SELECT id FROM tags WHERE name = ?", [old]).fetchone()
        if row is None:
            raise NotFoundError(f"no tag {old!r}")
        with self._write():
            self.conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", [new])
            new_id = self.conn.execute("SELECT id FROM tags WHERE name = ?", [new]).fetchone()[0]
            if new_id != row[0]:
                # an annotation that has both keeps one; the others move over
                self.conn.execute("DELETE FROM annotation_tags WHERE tag_id = ? AND annotation_id IN "
                                "(SELECT annotation_id FROM annotation_tags WHERE tag_id = ?)", [row[0], new_id])
                self.conn.execute("UPDATE annotation_tags SET tag_id = ? WHERE tag_id = ?", [new_id, row[0]])
                self.conn.execute("DELETE FROM tags WHERE id = ?", [row[0]])
            self.conn.execute("UPDATE annotations SET updated = ? WHERE id IN "
                            "(SELECT annotation_id FROM annotation_tags WHERE tag_id = ?)", [utc_now(), new_id])
        return self.conn.execute("SELECT count(*) FROM annotation_tags WHERE tag_id = ?", [new_id]).fetchone()[0]

    def annotation_counts(self, issue_id: int | None = None) -> dict[int, int]:
        """Live annotations per issue (or, given `issue_id`, per article of that issue), in one query."""
        if issue_id is None:
            sql, params = ("SELECT a.issue_id, count(*) FROM annotations an JOIN articles a ON a.id = an.article_id "
                           "WHERE an.deleted IS NULL GROUP BY a.issue_id"), []
        else:
            sql, params = ("SELECT an.article_id, count(*) FROM annotations an JOIN articles a ON a.id = an.article_id "
                           "WHERE an.deleted IS NULL AND a.issue_id = ? GROUP BY an.article_id"), [issue_id]
        return dict(self.conn.execute(sql, params).fetchall())

    def tags(self) -> list[str]:
        """Tags in use on live annotations, sorted."""
        return [row[0] for row in self.conn.execute(
            "SELECT DISTINCT t.name FROM tags t JOIN annotation_tags x ON x.tag_id = t.id "
            "JOIN annotations an ON an.id = x.annotation_id WHERE an.deleted IS NULL ORDER BY t.name")]
