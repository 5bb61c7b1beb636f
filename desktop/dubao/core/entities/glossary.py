"""The formulations glossary (提法): national formulations shipped with Dubao, plus the user's own entries.

The shipped glossary is one JSON file per category in `resources/data/formulations/` (an array of entries,
schema in `resources/data/formulations.schema.json`). Each entry becomes a `Formulation`; its name and
every variant (abbreviations, other printed forms) are indexed, so 两个确立 and its variants lead to the
same entry.

The user's own entries (a local formulation, a note on a term or a person) live in the library and are laid over the
shipped ones with `use_user_entries`: a user entry with the name of a shipped one replaces it. The active
glossary is process-wide because detection runs deep inside entity extraction; whoever opens a library
(the pipeline, the window, the CLI) hands its entries over.

    >>> table = glossary()
    >>> table.lookup("高质量发展").english
    'high-quality development'
    >>> [(m.form, m.start) for m in table.occurrences("推动高质量发展")]
    [('高质量发展', 2)]
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields

from dubao.core import paths
from dubao.core.errors import DubaoError

GLOSSARY_FOLDER = "formulations"
USER_CATEGORY = "user"  # entries a user added without choosing a category
# a user's note on a person, place or organisation: shown by the popup and lookup, never found as a formulation
NOTE_CATEGORIES = ("person", "place", "organization")


@dataclass(frozen=True, slots=True)
class Formulation:
    """One glossary entry; `origin` is "dubao" for shipped entries, "user" for the user's own."""

    name: str
    explanation: str = ""
    category: str = USER_CATEGORY
    pinyin: str = ""
    english: str = ""
    variants: tuple[str, ...] = ()
    expansion: tuple[str, ...] = ()
    since: str = ""
    source: str = ""
    related: tuple[str, ...] = ()
    origin: str = "dubao"

    @property
    def is_note(self) -> bool:
        return self.category in NOTE_CATEGORIES

    def forms(self) -> tuple[str, ...]:
        """The name first, then the variants: every printed form that means this entry."""
        return (self.name, *(v for v in self.variants if v != self.name))

    def to_json(self) -> dict:
        """The entry as the glossary files and `dubao lookup --json` spell it (empty fields left out)."""
        data = asdict(self)
        data.pop("origin")
        return {key: list(value) if isinstance(value, tuple) else value
                for key, value in data.items() if value not in ("", ())}


_TUPLE_FIELDS = ("variants", "expansion", "related")
_KNOWN_FIELDS = {f.name for f in fields(Formulation)} - {"origin"}


def formulation_from_json(data: Mapping, origin: str = "dubao") -> Formulation:
    """A Formulation from a glossary entry (a dict as in the JSON files); unknown keys are an error."""
    if not isinstance(data, Mapping):
        raise GlossaryError(f"a glossary entry must be an object, not {type(data).__name__}")
    name = str(data.get("name", "")).strip()
    if not name:
        raise GlossaryError("a glossary entry needs a name")
    unknown = set(data) - _KNOWN_FIELDS
    if unknown:
        raise GlossaryError(f"glossary entry {name}: unknown field(s) {', '.join(sorted(unknown))}")
    values = {}
    for key in _KNOWN_FIELDS:
        if key not in data or data[key] is None:
            continue
        value = data[key]
        if key in _TUPLE_FIELDS:
            if isinstance(value, str):
                value = [part.strip() for part in value.replace("；", ";").split(";")]
            values[key] = tuple(str(part).strip() for part in value if str(part).strip())
        else:
            values[key] = str(value).strip()
    values["name"] = name
    if not values.get("category"):
        values["category"] = USER_CATEGORY
    return Formulation(origin=origin, **values)


class GlossaryError(DubaoError):
    """A glossary file or entry that cannot be read."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A printed form of a glossary entry at [start, end) of a text."""

    form: str
    start: int
    end: int
    entry: Formulation


@dataclass
class Glossary:
    """Entries indexed by every printed form. Read-only once built; safe to share between threads."""

    entries: tuple[Formulation, ...]
    _by_form: dict[str, Formulation] = field(default_factory=dict, repr=False)
    _lengths_by_first: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, entries: Iterable[Formulation]) -> "Glossary":
        by_name: dict[str, Formulation] = {}
        for entry in entries:  # a later entry with the same name (the user's) replaces an earlier one
            by_name[entry.name] = entry
        by_form: dict[str, Formulation] = {}
        for entry in by_name.values():
            for form in entry.forms():
                by_form.setdefault(form, entry)
        for entry in by_name.values():  # a name always leads to its own entry, even if another lists it
            by_form[entry.name] = entry
        lengths: dict[str, set[int]] = {}
        for form in by_form:
            lengths.setdefault(form[0], set()).add(len(form))
        return cls(tuple(by_name.values()), by_form,
                   {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()})

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, form: str) -> bool:
        return form in self._by_form

    def lookup(self, form: str) -> Formulation | None:
        """The entry printed as `form` (its name or a variant), or None."""
        return self._by_form.get(form)

    def forms(self) -> list[str]:
        return list(self._by_form)

    def occurrences(self, text: str, min_length: int = 2) -> list[Occurrence]:
        """Every printed form in `text`, longest first at each place, never overlapping (left to right)."""
        found = []
        position = 0
        by_form, lengths_by_first = self._by_form, self._lengths_by_first
        while position < len(text):
            for length in lengths_by_first.get(text[position], ()):
                if length < min_length:
                    break
                if position + length > len(text):
                    continue  # a slice past the end is shorter than `length`: it would match a shorter form
                form = text[position:position + length]
                entry = by_form.get(form)
                if entry is not None:
                    found.append(Occurrence(form, position, position + length, entry))
                    position += length
                    break
            else:
                position += 1
        return found


def glossary_files() -> list:
    folder = paths.resource("data", GLOSSARY_FOLDER)
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def read_glossary_file(path) -> list[Formulation]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise GlossaryError(f"cannot read glossary file {path.name}: {error}") from error
    if not isinstance(data, list):
        raise GlossaryError(f"glossary file {path.name} must hold an array of entries")
    return [formulation_from_json(item) for item in data]


def shipped_entries() -> list[Formulation]:
    """Every entry of every file in resources/data/formulations/, files in name order."""
    entries: list[Formulation] = []
    for path in glossary_files():
        entries.extend(read_glossary_file(path))
    return entries


_lock = threading.Lock()
_shipped: list[Formulation] | None = None
_user: tuple[Formulation, ...] = ()
_active: Glossary | None = None


def glossary() -> Glossary:
    """The active glossary: shipped entries with the user's laid over them (built on first use)."""
    global _shipped, _active
    active = _active
    if active is not None:
        return active
    with _lock:
        if _shipped is None:
            _shipped = shipped_entries()
        if _active is None:
            _active = Glossary.build([*_shipped, *_user])
        return _active


def shipped_glossary() -> Glossary:
    """The shipped entries alone (what the press dictionary and the benchmark use)."""
    global _shipped
    with _lock:
        if _shipped is None:
            _shipped = shipped_entries()
        return Glossary.build(_shipped)


def use_user_entries(entries: Iterable[Formulation]) -> None:
    """Lay the user's entries over the shipped glossary from now on (replacing any given before)."""
    global _user, _active
    with _lock:
        _user = tuple(entries)
        _active = None
