"""PySide's check of every module imported after it, done without its cost.

After `import PySide6`, PySide looks at each newly imported module to learn whether it uses PySide (for its
`from __feature__ import …` switches): it reads the module's whole source through `inspect.getsource`, which
also keeps every line in Python's line cache. For the ~70 modules the window imports before its first paint
that is ~8 ms, and as many again when the library opens; the cached lines are memory held for nothing.

`check_modules_quickly()` gives PySide the same answer ("PySide6" appears in the module's source file) from one
read of the file's bytes, and leaves anything else (no source file, a module PySide answers differently for)
to PySide's own check. PySide's hook is private: if it is not where it is expected, nothing is changed.
"""

from __future__ import annotations

import sys


def check_modules_quickly() -> None:
    """Replace PySide's per-module source check by a plain file read with the same answer (once)."""
    import PySide6.QtCore  # noqa: F401  (loads PySide's feature module, which holds the check)

    feature = sys.modules.get("shibokensupport.feature")
    pyside_check = getattr(feature, "_mod_uses_pyside", None)
    if pyside_check is None or getattr(pyside_check, "dubao_quick", False):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return pyside_check(module)

    uses_pyside.dubao_quick = True
    feature._mod_uses_pyside = uses_pyside
