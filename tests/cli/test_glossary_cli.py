"""`dubao glossary`: the user's own entries live in the library, reach lookup and detection, and travel as
JSON or CSV files (all entries of a file or none)."""

from __future__ import annotations

import json

import pytest

import dubao.cli as cli
from dubao.core.entities import glossary as glossary_module


@pytest.fixture(autouse=True)
def glossary_commands(monkeypatch):
    monkeypatch.setattr(cli, "COMMAND_MODULES", {"glossary_cmd": ("glossary",), "lookup_cmd": ("lookup",)})
    yield
    glossary_module.use_user_entries([])


def _add(library, *extra):
    return cli.main(["glossary", "add", "一黑二白", "--library", str(library), "--explanation",
                     "Coal, aluminium and liquor: the county's three traditional industries.",
                     "--expansion", "煤", "--expansion", "铝", "--expansion", "酒", *extra])


def test_an_added_entry_is_listed_and_looked_up(tmp_path, capsys):
    library = tmp_path / "lib.sqlite"
    assert _add(library, "--english", "one black, two whites") == 0
    assert cli.main(["glossary", "list", "--library", str(library), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert [(e["name"], e["expansion"], e["origin"]) for e in listed] == [("一黑二白", ["煤", "铝", "酒"], "user")]
    assert cli.main(["lookup", "一黑二白", "--json", "--library", str(library)]) == 0
    formulation = json.loads(capsys.readouterr().out)["formulation"]
    assert formulation["english"] == "one black, two whites" and formulation["expansion"] == ["煤", "铝", "酒"]


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_export_then_import_into_another_library_keeps_every_field(tmp_path, capsys, suffix):
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert _add(first, "--variant", "一黑两白", "--since", "2019", "--category", "economy") == 0
    shared = tmp_path / f"class.{suffix}"
    assert cli.main(["glossary", "export", str(shared), "--library", str(first)]) == 0
    assert cli.main(["glossary", "import", str(shared), "--library", str(second)]) == 0
    from dubao.core.library.store import Store

    with Store.open(first) as a, Store.open(second) as b:
        assert b.glossary_entries() == a.glossary_entries() and len(a.glossary_entries()) == 1


def test_a_bad_file_imports_nothing_and_says_which_entry(tmp_path, capsys):
    library = tmp_path / "lib.sqlite"
    assert _add(library) == 0  # the library holds one entry of the user's already
    capsys.readouterr()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"name": "三个务必", "explanation": "fine"}, {"explanation": "no name"}]), "utf-8")
    assert cli.main(["glossary", "import", str(bad), "--library", str(library)]) == 2
    err = capsys.readouterr().err
    assert "entry 2" in err and "Traceback" not in err
    assert cli.main(["glossary", "list", "--library", str(library), "--json"]) == 0
    assert [entry["name"] for entry in json.loads(capsys.readouterr().out)] == ["一黑二白"]  # nothing of the file
    assert cli.main(["glossary", "import", str(tmp_path / "x.txt"), "--library", str(library)]) == 2


def test_removing_an_unknown_entry_is_one_line_exit_2(tmp_path, capsys):
    assert cli.main(["glossary", "remove", "没有", "--library", str(tmp_path / "lib.sqlite")]) == 2
    assert "no glossary entry" in capsys.readouterr().err
