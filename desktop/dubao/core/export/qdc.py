"""REFI-QDA codebooks (`.qdc`): reading one into Dubao's codes, writing Dubao's codes as one, and the nested
`<Code>` tree that a `.qdpx` project carries.

A codebook is `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name=… guid=… isCodable=…>` with codes
nested inside codes (the hierarchy) and an optional `<Description>` (Dubao's memo). The element types are
those of the project schema (urn:QDA-XML:project:1.0), so a codebook inside a project reads the same way.
Dubao names a nested code by its path, parts joined by "/"; a "/" inside an imported name becomes "／" so
the hierarchy read back is the one written.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

from dubao.core.errors import AnnotationFileError
from dubao.core.export.data import stable_uuid
from dubao.core.export.xml_safe import xml_text

CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
SEPARATOR = "/"


@dataclass(frozen=True, slots=True)
class CodebookEntry:
    path: str
    memo: str = ""
    color: str | None = None  # #RRGGBB when the codebook gives one


def code_guid(path: str) -> str:
    return str(stable_uuid("refi", "code", path))


def _local(tag: str) -> tuple[str, str]:
    namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return namespace, name


def read_codebook(data: bytes) -> list[CodebookEntry]:
    """The codes of a .qdc (or of a project's CodeBook), parents before children. AnnotationFileError when
    the file is not a REFI-QDA codebook."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise AnnotationFileError(f"not a REFI-QDA codebook: the XML cannot be read ({error})") from None
    namespace, name = _local(root.tag)
    if namespace not in (CODEBOOK_NAMESPACE, PROJECT_NAMESPACE) or name not in ("CodeBook", "Project"):
        raise AnnotationFileError(f"not a REFI-QDA codebook: the root element is <{name}> in {namespace or 'no namespace'}")
    book = root if name == "CodeBook" else root.find(f"{{{namespace}}}CodeBook")
    entries: list[CodebookEntry] = []
    if book is None:
        return entries
    codes = book.find(f"{{{namespace}}}Codes")

    def walk(element: ET.Element, parent: str | None) -> None:
        for code in element.findall(f"{{{namespace}}}Code"):
            code_name = (code.get("name") or "").strip().replace(SEPARATOR, "／")
            if not code_name:
                raise AnnotationFileError("not a valid REFI-QDA codebook: a <Code> has no name")
            path = f"{parent}{SEPARATOR}{code_name}" if parent else code_name
            description = code.find(f"{{{namespace}}}Description")
            entries.append(CodebookEntry(path, (description.text or "").strip() if description is not None else "",
                                         code.get("color")))
            walk(code, path)

    if codes is not None:
        walk(codes, None)
    return entries


def add_code_tree(codes_element: ET.Element, namespace: str, entries: list[CodebookEntry]) -> dict[str, str]:
    """Nest `<Code>` elements under `codes_element` following the entries' paths (a parent missing from the
    entries is made); returns {path: guid}."""
    by_path = {entry.path: entry for entry in entries}
    for entry in entries:  # parents named only through a child's path
        parts = entry.path.split(SEPARATOR)
        for end in range(1, len(parts)):
            by_path.setdefault(SEPARATOR.join(parts[:end]), CodebookEntry(SEPARATOR.join(parts[:end])))
    elements: dict[str, ET.Element] = {}
    guids: dict[str, str] = {}
    for path in sorted(by_path, key=lambda path: path.split(SEPARATOR)):
        entry = by_path[path]
        parent_path, _, name = path.rpartition(SEPARATOR)
        parent = elements[parent_path] if parent_path else codes_element
        attributes = {"guid": code_guid(path), "name": xml_text(name), "isCodable": "true"}
        if entry.color:
            attributes["color"] = entry.color
        element = ET.SubElement(parent, f"{{{namespace}}}Code", attributes)
        if entry.memo:
            # Description comes first in CodeType's sequence, before nested codes
            ET.SubElement(element, f"{{{namespace}}}Description").text = xml_text(entry.memo)
        elements[path], guids[path] = element, attributes["guid"]
    return guids


def write_codebook(entries: list[CodebookEntry]) -> bytes:
    """A .qdc file holding the entries as a nested codebook."""
    ET.register_namespace("", CODEBOOK_NAMESPACE)
    root = ET.Element(f"{{{CODEBOOK_NAMESPACE}}}CodeBook", {"origin": "Dubao"})
    codes = ET.SubElement(root, f"{{{CODEBOOK_NAMESPACE}}}Codes")
    add_code_tree(codes, CODEBOOK_NAMESPACE, entries)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
