"""Merge the spans found in each article into one list of entities for the issue.

- persons merge by name; titles (as printed) and roles are collected in order of appearance;
- places merge by canonical name (吕梁 -> 吕梁市 through the gazetteer, or because both forms occur);
- organisations merge by canonical name, and an abbreviation merges into a full name printed in the
  same issue when its characters appear in order in it (中国能建 -> 中国能源建设集团有限公司) or the full
  name is a place plus the short one (山西鹏飞集团 -> 鹏飞集团);
- dates merge by resolved value (or by surface when vague); formulations by glossary name (a variant joins its entry), else by term.
Entities come out grouped by kind (models.ENTITY_KINDS order), each group by first mention, so
persons keep the protocol order in which the paper names them.
"""

from __future__ import annotations

from dubao.core import models
from dubao.core.entities.gazetteer import PARTY_BODY, gazetteer
from dubao.core.entities.spans import Found

_PLACE_SUFFIXES = ("市", "省", "县", "区", "镇", "乡", "村")


def _is_subsequence(short: str, full: str) -> bool:
    position = 0
    for char in short:
        position = full.find(char, position) + 1
        if position == 0:
            return False
    return True


def _abbreviation_of(short: str, full: str) -> bool:
    if len(short) < 2 or len(full) < len(short) + 2 or full.startswith(short):
        return False
    if PARTY_BODY.fullmatch(short) or PARTY_BODY.fullmatch(full):
        return False  # 市委 is not short for 市委宣传部
    if full.endswith(short) and gazetteer().kind_of(full[: -len(short)]) == "place":
        return True  # 山西鹏飞集团 / 鹏飞集团
    return short[0] == full[0] and _is_subsequence(short, full)


def _canonical_names(surfaces: dict[str, list[str]]) -> dict[tuple[str, str], str]:
    """(kind, surface) -> the name the entity is listed under."""
    table = gazetteer()
    names: dict[tuple[str, str], str] = {}
    places = surfaces.get("place", [])
    printed_places = set(places)
    for surface in places:
        name = table.canonical("place", surface)
        if name == surface:  # 汾阳 with 汾阳市 printed elsewhere in the issue
            longer = [surface + suffix for suffix in _PLACE_SUFFIXES if surface + suffix in printed_places]
            name = longer[0] if longer else surface
        names[("place", surface)] = name
    orgs = surfaces.get("organization", [])
    # an abbreviation shares the full name's first character, or ends it (鹏飞集团 / 山西鹏飞集团): only those
    # names are tried, in the order of the issue (a huge issue names thousands of organisations)
    by_first: dict[str, list[int]] = {}
    by_last: dict[str, list[int]] = {}
    for position, surface in enumerate(orgs):
        by_first.setdefault(surface[:1], []).append(position)
        by_last.setdefault(surface[-1:], []).append(position)
    for surface in orgs:
        name = table.canonical("organization", surface)
        if name == surface:
            tried = sorted(set(by_first.get(surface[:1], [])) | set(by_last.get(surface[-1:], [])))
            fuller = [orgs[position] for position in tried
                      if orgs[position] != surface and _abbreviation_of(surface, orgs[position])]
            name = max(fuller, key=len) if fuller else surface
        names[("organization", surface)] = name
    return names


def _key(found: Found, names: dict[tuple[str, str], str]) -> tuple[str, str]:
    if found.kind in ("date", "formulation"):  # a resolved date; a glossary entry's name for its variants
        return (found.kind, found.value or found.text)
    return (found.kind, names.get((found.kind, found.text), found.text))


def merge(per_article: list[tuple[int, list[Found]]], issue: models.Issue | None = None) -> list[models.Entity]:
    printed: dict[str, dict[str, None]] = {}  # per kind, the surfaces in the order first printed
    for _index, found_list in per_article:
        for found in found_list:
            printed.setdefault(found.kind, {})[found.text] = None
    names = _canonical_names({kind: list(bucket) for kind, bucket in printed.items()})

    groups: dict[tuple[str, str], dict] = {}
    for index, found_list in per_article:
        for found in found_list:
            key = _key(found, names)
            group = groups.setdefault(key, {"first": found, "name": key[1], "aliases": [], "titles": [],
                                             "roles": [], "expansion": (), "mentions": []})
            if found.kind == "date":
                group["name"] = group["first"].text
            if found.text != group["name"] and found.text not in group["aliases"]:
                group["aliases"].append(found.text)
            if found.title and found.title not in group["titles"]:
                group["titles"].append(found.title)
            for role in found.roles:
                if role not in group["roles"]:
                    group["roles"].append(role)
            if found.expansion and not group["expansion"]:
                group["expansion"] = found.expansion
            group["mentions"].append(models.Mention(index, found.start, found.end, found.text))

    entities = []
    for (kind, _), group in groups.items():
        first: Found = group["first"]
        entities.append(models.Entity(
            name=group["name"], kind=kind, aliases=tuple(group["aliases"]), titles=tuple(group["titles"]),
            roles=tuple(group["roles"]), expansion=tuple(group["expansion"]), explanation=first.explanation,
            value=first.value if kind == "date" else None, mentions=tuple(group["mentions"]),
            context=first.context, source=first.source,
        ))
    order = {kind: rank for rank, kind in enumerate(models.ENTITY_KINDS)}
    entities.sort(key=lambda e: (order.get(e.kind, 99), e.mentions[0].article, e.mentions[0].start))
    return entities
