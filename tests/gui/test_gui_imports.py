"""The GUI asks the core about words: it imports no jieba, pypinyin, sqlite3 or sqlite_utils itself."""

from __future__ import annotations

import ast
from pathlib import Path

import dubao.gui

FORBIDDEN = {"jieba", "pypinyin", "sqlite3", "sqlite_utils"}


def _imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_no_gui_module_imports_the_language_or_storage_libraries():
    folder = Path(dubao.gui.__file__).parent
    offenders = {str(path.relative_to(folder)): sorted(_imported_modules(path) & FORBIDDEN)
                 for path in folder.rglob("*.py")}
    assert {name: found for name, found in offenders.items() if found} == {}
    assert len(offenders) > 10  # the scan did read the GUI's modules
