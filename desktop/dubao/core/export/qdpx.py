"""REFI-QDA project export (`.qdpx`), which NVivo, MAXQDA, ATLAS.ti and QualCoder import.

The archive holds `project.qde` (QDA-XML 1.0, namespace urn:QDA-XML:project:1.0) and `sources/<guid>.txt`,
one UTF-8 plain-text file per article. In the project:

- each article is a `TextSource` (named "paper date · headline"), with variables Paper, Date, Page,
  Headline and Reporters so the work can be sliced by paper or date in the QDA program;
- each tag is a `Code`, nested by its path ("经济/增长" inside "经济": Dubao's codebook, see qdc); a
  highlight without tags is coded by its colour ("Highlight: yellow"), so no highlight is lost; codes carry
  the highlight's colour;
- each highlight is a `PlainTextSelection` with one `Coding` per tag and the note as its description;
- each issue is a `Set` of its articles.

Positions: QDA-XML counts `startPosition`/`endPosition` in characters of the plain text, 0-based, end
exclusive. The schema leaves "character" undefined; QualCoder, the open reference implementation,
uses Python string indices, i.e. Unicode code points — the same numbers Dubao stores — and we write
the text with "\\n" line ends so no line-end conversion shifts them. (MAXQDA and ATLAS.ti count a line end
as two characters when they convert to CRLF; QualCoder offers a workaround for that on its own export.)
GUIDs are derived from content (uuid5), so exporting the same work twice gives the same project.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

from dubao import __version__
from dubao.core.export.xml_safe import xml_text
from dubao.core.export.data import COLOR_HEX, DEFAULT_COLOR_HEX, Article, ExportData, stable_uuid
from dubao.core.export.qdc import CodebookEntry, add_code_tree
from dubao.core.models import Annotation

NAMESPACE = "urn:QDA-XML:project:1.0"
_ZIP_TIME = (2023, 1, 1, 0, 0, 0)
_VARIABLES = (("Paper", "Text"), ("Date", "Date"), ("Page", "Text"), ("Headline", "Text"), ("Reporters", "Text"))
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _guid(*parts: object) -> str:
    return str(stable_uuid("refi", *parts))


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _sub(parent: ET.Element, element_name: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element; attributes with empty values are left out (they are all optional)."""
    element = ET.SubElement(parent, _tag(element_name),
                            {key: xml_text(value) for key, value in attributes.items() if value})
    if text is not None:
        element.text = xml_text(text)
    return element


def _datetime(value: str | None) -> str:
    """An xsd:dateTime, or '' (attribute left out) when the stored value is not a timestamp."""
    if not value:
        return ""
    try:
        parsed = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return parsed.isoformat()


def code_names(annotation: Annotation) -> list[str]:
    """The codes a highlight gets: its tags, or its colour when it has none."""
    return list(annotation.tags) or [f"Highlight: {annotation.color}"]


def _codebook(project: ET.Element, annotations: tuple[Annotation, ...]) -> dict[str, str]:
    """The CodeBook: one Code per tag, nested by the tag's path ("经济/增长" inside "经济"; see qdc)."""
    colours: dict[str, Counter] = {}
    for annotation in annotations:
        for name in code_names(annotation):
            colours.setdefault(name, Counter())[annotation.color] += 1
    if not colours:  # the schema wants at least one Code inside a CodeBook
        return {}
    entries = [CodebookEntry(name, f"Dubao tag “{name}”" if not name.startswith("Highlight: ") else
                             "Dubao highlights without a tag, by colour",
                             COLOR_HEX.get(colours[name].most_common(1)[0][0], DEFAULT_COLOR_HEX))
               for name in colours]
    return add_code_tree(_sub(_sub(project, "CodeBook"), "Codes"), NAMESPACE, entries)


def _source_name(article: Article) -> str:
    return f"{article.issue.label} · {article.index:02d} {article.headline}"


def _variable_values(source: ET.Element, article: Article, variable_guids: dict[str, str]) -> None:
    values = {"Paper": article.issue.paper, "Date": article.issue.date, "Page": article.issue.page,
              "Headline": article.headline, "Reporters": "、".join(article.reporters)}
    for name, kind in _VARIABLES:
        value = values[name]
        if not value or (kind == "Date" and not _ISO_DATE.match(value)):
            continue
        holder = _sub(source, "VariableValue")
        _sub(holder, "VariableRef", targetGUID=variable_guids[name])
        _sub(holder, "DateValue" if kind == "Date" else "TextValue", value)


def _selection(source: ET.Element, annotation: Annotation, article: Article, user: str,
               code_guids: dict[str, str]) -> None:
    created = _datetime(annotation.created)
    selection = _sub(source, "PlainTextSelection", guid=_guid("selection", article.issue.sha256, annotation.id),
                     name=annotation.quote[:60], startPosition=str(annotation.start),
                     endPosition=str(annotation.end), creatingUser=user, creationDateTime=created,
                     modifiedDateTime=_datetime(annotation.updated))
    if annotation.note.strip():
        _sub(selection, "Description", annotation.note)
    for name in code_names(annotation):
        coding = _sub(selection, "Coding", guid=_guid("coding", annotation.id, name), creatingUser=user,
                      creationDateTime=created)
        _sub(coding, "CodeRef", targetGUID=code_guids[name])


def build_project(data: ExportData) -> tuple[bytes, dict[str, str]]:
    """(project.qde bytes, {archive path: plain text}) for `data`."""
    ET.register_namespace("", NAMESPACE)
    user = _guid("user")
    project = ET.Element(_tag("Project"), {"name": xml_text(data.title or "Dubao export"),
                                           "origin": f"Dubao {__version__}", "creatingUserGUID": user})
    _sub(_sub(project, "Users"), "User", guid=user, name="Dubao user")
    code_guids = _codebook(project, data.annotations)
    variable_guids = {name: _guid("variable", name) for name, _ in _VARIABLES}
    if data.articles:
        variables = _sub(project, "Variables")
        for name, kind in _VARIABLES:
            _sub(variables, "Variable", guid=variable_guids[name], name=name, typeOfVariable=kind)
    files: dict[str, str] = {}
    orphans: list[Annotation] = []
    grouped = data.annotations_by_article()
    issue_members: dict[tuple[str, str], list[str]] = {}
    if data.articles:
        sources = _sub(project, "Sources")
        for article in data.articles:
            source_guid = _guid("source", article.issue.sha256, article.index)
            files[f"sources/{source_guid}.txt"] = article.text
            source = _sub(sources, "TextSource", guid=source_guid, name=_source_name(article),
                          plainTextPath=f"internal://{source_guid}.txt", creatingUser=user)
            description = " · ".join(part for part in (article.issue.label, article.byline) if part)
            _sub(source, "Description", description)
            for annotation in grouped.get(article.id, []):
                if annotation.status == "orphaned":
                    orphans.append(annotation)  # its positions point at other words now
                else:
                    _selection(source, annotation, article, user, code_guids)
            _variable_values(source, article, variable_guids)
            issue_members.setdefault((article.issue.sha256, article.issue.label), []).append(source_guid)
    if issue_members:
        sets = _sub(project, "Sets")
        for (sha256, label), members in issue_members.items():
            issue_set = _sub(sets, "Set", guid=_guid("set", sha256), name=label)
            for member in members:
                _sub(issue_set, "MemberSource", targetGUID=member)
    description = f"Exported from Dubao 读报 {__version__}: {data.title}"
    if orphans:
        description += "\n\nHighlights whose passage is no longer in the text (not coded here):\n" + "\n".join(
            f"“{a.quote}”" + (f" — {a.note}" if a.note else "") for a in orphans)
    _sub(project, "Description", description)
    ET.indent(project)
    return ET.tostring(project, encoding="utf-8", xml_declaration=True), files


def to_qdpx(data: ExportData) -> bytes:
    """The .qdpx archive bytes (a zip: project.qde + sources/)."""
    qde, files = build_project(data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("project.qde", date_time=_ZIP_TIME), qde,
                         compress_type=zipfile.ZIP_DEFLATED)
        for path, text in files.items():
            archive.writestr(zipfile.ZipInfo(path, date_time=_ZIP_TIME), text.encode("utf-8"),
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
