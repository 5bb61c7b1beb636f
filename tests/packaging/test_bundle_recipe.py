"""The PyInstaller recipe keeps what the app imports: a Qt module or data package the code starts using must
not be one the spec trims away, or the installed app breaks while every test in the venv passes."""

from __future__ import annotations

import ast
import re
from fnmatch import fnmatch
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "dubao.spec"


def _spec_literal(name: str):
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"packaging/dubao.spec has no literal {name}")


def _imported_modules() -> set[str]:
    modules: set[str] = set()
    for path in (REPO / "desktop" / "dubao").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module)
                if node.module == "PySide6":
                    modules.update(f"PySide6.{alias.name}" for alias in node.names)
    return modules


def test_no_module_the_app_imports_is_excluded_from_the_bundle():
    excluded = set(_spec_literal("excludes"))  # the optional extras are added after: see the test below
    imported = _imported_modules()
    assert "PySide6.QtWidgets" in imported  # the scan sees the GUI's imports
    clashes = {module for module in imported if module in excluded or module.split(".")[0] in excluded}
    assert not clashes, f"the app imports {sorted(clashes)}, which packaging/dubao.spec excludes"


def test_optional_extras_left_out_of_the_bundle_are_imported_only_by_their_own_feature():
    # the desktop bundle leaves the `batch` extra out; importing it anywhere else would break the installed app
    extras = set(_spec_literal("OPTIONAL_EXTRAS"))
    for path in (REPO / "desktop" / "dubao").rglob("*.py"):
        if path.parent.name == "core" and path.stem.startswith("batch"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else [])
            assert not {name.split(".")[0] for name in names} & extras, (path.name, names)


def test_no_trimmed_file_belongs_to_a_qt_module_the_app_imports():
    trimmed = [pattern for pattern, _why in _spec_literal("TRIMMED")]
    qt_modules = {m.split(".")[1] for m in _imported_modules() if re.fullmatch(r"PySide6\.Qt\w+", m)}
    for module in qt_modules:  # e.g. QtSvg → libQt6Svg.so.6 and PySide6/QtSvg.abi3.so
        library = f"PySide6/Qt/lib/libQt6{module[2:]}.so.6"
        binding = f"PySide6/{module}.abi3.so"
        for pattern in trimmed:
            assert not fnmatch(library, pattern) and not fnmatch(binding, pattern), (module, pattern)



def test_no_trimmed_data_folder_belongs_to_a_package_the_app_imports():
    # e.g. TRIMMED drops jieba/analyse/* (keyword extraction data); `import jieba.analyse` would then fail
    # only in the installed app.
    trimmed = [pattern for pattern, _why in _spec_literal("TRIMMED") if not pattern.startswith("*")]
    for module in _imported_modules():
        inside = module.replace(".", "/") + "/__init__.py"
        assert not any(fnmatch(inside, pattern) for pattern in trimmed), module
