"""Dubao 读报: read and annotate Chinese newspaper issues.

The package has two layers: `dubao.core` (Qt-free: ingest, split, language, entities, store, exports)
and `dubao.gui` (PySide6, thin). `dubao.cli` is the command-line face of the core.
"""

__version__ = "0.1.0"
APP_NAME = "Dubao"
APP_ID = "io.github.dubao.Dubao"
