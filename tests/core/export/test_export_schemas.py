"""Exports checked against the published schemas in ../shared/schemas (read from there, never copied):
the W3C Web Annotation model's JSON Schemas (draft-04) and the REFI-QDA project XSD."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from export_samples import sample_library
from lxml import etree
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from dubao.core.export import export

SCHEMAS = Path(__file__).resolve().parents[3].parent / "shared" / "schemas"
W3C = SCHEMAS / "w3c-annotation-model"
BASE = "https://example.invalid/annotation-model/definitions/"

pytestmark = pytest.mark.skipif(not SCHEMAS.is_dir(), reason="shared schemas folder not present")


@pytest.fixture(scope="module")
def registry() -> Registry:
    resources = [(BASE + path.name, Resource.from_contents(json.loads(path.read_text("utf-8")),
                                                           default_specification=DRAFT4))
                 for path in W3C.glob("*.json")]
    return Registry().with_resources(resources)


def _errors(registry, instance, definition: str) -> list[str]:
    validator = jsonschema.Draft4Validator({"$ref": BASE + definition}, registry=registry,
                                           format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(instance)]


@pytest.fixture(scope="module")
def exported():
    store, issue_id = sample_library()
    try:
        yield {"w3c": json.loads(export("w3c", store, issue_id=issue_id)),
               "qdpx": export("qdpx", store, issue_id=issue_id),
               "texts": [a.text for a in store.articles(issue_id)],
               "annotations": store.annotations(issue_id=issue_id)}
    finally:
        store.close()


def test_each_annotation_meets_the_models_musts(registry, exported):
    musts = json.loads((W3C / "tests" / "annotations" / "3.1-model-musts.test").read_text("utf-8"))
    items = exported["w3c"]["first"]["items"]
    assert len(items) == 4
    for item in items:
        for assertion in musts["assertions"]:
            errors = list(jsonschema.Draft4Validator(assertion).iter_errors(item))
            assert not errors, (assertion["title"], errors)
        assert not _errors(registry, item["target"], "bodyTarget.json#/definitions/targetResourcesFound")
        assert not _errors(registry, item["target"], "specificResource.json#/definitions/selectorDetected")
        assert not _errors(registry, item, "annotations.json#/definitions/motivationRecognizedIfPresent")
        assert not _errors(registry, item, "otherProperties.json#/definitions/createdValidIfPresent")
        assert not _errors(registry, item, "otherProperties.json#/definitions/modifiedValidIfPresent")
        assert not _errors(registry, item, "otherProperties.json#/definitions/generatorValidIfPresent")
        assert not _errors(registry, item["generator"], "otherProperties.json#/definitions/agentTypeDefinition")
        bodies = item.get("body", [])
        for body in bodies if isinstance(bodies, list) else [bodies]:
            assert not _errors(registry, body, "bodyTarget.json#/definitions/textualBodyFound")
            assert not _errors(registry, body, "otherProperties.json#/definitions/purposeRecognizedIfPresent")


def test_selectors_carry_quote_context_and_code_point_positions(registry, exported):
    texts = exported["texts"]
    for item in exported["w3c"]["first"]["items"]:
        quote, position = item["target"]["selector"]
        assert not _errors(registry, quote, "specificResource.json#/definitions/textQuoteSelectorDetected")
        assert not _errors(registry, position, "specificResource.json#/definitions/textPositionSelectorDetected")
        article = int(item["target"]["source"]["id"].rsplit(":", 1)[1])
        text = texts[article - 1]
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"])
        assert text[position["end"]:].startswith(quote["suffix"])
        assert len(item["target"]["source"]["dubao:sha256"]) == 64


def test_the_collection_is_a_valid_annotation_collection(registry, exported):
    collection = exported["w3c"]
    for definition in ("annotationCollectionTypeValueFound", "totalFound", "firstRequiredIfTotalMoreThanZero",
                       "labelFound"):
        assert not _errors(registry, collection, f"collections.json#/definitions/{definition}"), definition
    assert not _errors(registry, collection["first"], "collections.json#/definitions/itemsFound")
    assert not _errors(registry, collection["first"], "collections.json#/definitions/annotationPageTypeValueFound")


@pytest.fixture(scope="module")
def refi_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "refi-qda" / "Project-mrt2019.xsd")))


def _qde(payload: bytes):
    archive = zipfile.ZipFile(io.BytesIO(payload))
    return archive, etree.fromstring(archive.read("project.qde"))


def test_qdpx_project_validates_and_codes_every_highlight(refi_schema, exported):
    archive, project = _qde(exported["qdpx"])
    refi_schema.assertValid(project)
    ns = {"q": "urn:QDA-XML:project:1.0"}
    codes = {code.get("guid"): code.get("name") for code in project.iterfind(".//q:Code", ns)}
    assert set(codes.values()) == {"理论", "政治 话语", "经济", "Highlight: green"}
    sources = project.findall(".//q:TextSource", ns)
    assert len(sources) == 3
    selections = 0
    for source in sources:
        text = archive.read("sources/" + source.get("plainTextPath").removeprefix("internal://")).decode("utf-8")
        for selection in source.iterfind("q:PlainTextSelection", ns):
            selections += 1
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            # positions are code points of the UTF-8 plain text: 𠮷 counts once
            assert text[start:end].startswith(selection.get("name"))
            assert selection.findall("q:Coding/q:CodeRef", ns)
    assert selections == len(exported["annotations"])


def test_qdpx_of_an_empty_library_is_a_valid_empty_project(refi_schema):
    from dubao.core.library.store import Store

    with Store.open(":memory:") as empty:
        archive, project = _qde(export("qdpx", empty))
    refi_schema.assertValid(project)
    assert archive.namelist() == ["project.qde"]
