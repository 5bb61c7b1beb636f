"""Typed reader and window settings, stored with QSettings in Dubao's config folder.

`Settings.load()` reads every field (missing or malformed values fall back to the defaults),
`settings.save()` writes them back. Reading settings are plain dataclass fields so a settings dialog can
copy, edit and hand back a `Settings` (through `Operations.apply_settings`); window state (geometry,
splitters, last article) is kept as raw bytes/ints next to them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray, QSettings

from dubao.core import paths

THEMES = ("system", "light", "dark")
PINYIN_MODES = ("hover", "above", "unknown")
# tone 1 red, 2 green, 3 blue, 4 purple, neutral grey: the colours most learners' tools use
DEFAULT_TONE_PALETTE = ("#d0312d", "#2e8b3d", "#1f5fbf", "#8e3fbf", "#7a7a7a")
DEFAULT_FONT_FAMILY = "Noto Serif CJK SC"


@dataclass
class Settings:
    font_family: str = DEFAULT_FONT_FAMILY
    font_size: int = 15  # points
    line_spacing: int = 170  # percent of the font's line height
    theme: str = "system"
    hsk_level: int = 4  # words above this level count as "unknown" for the learner
    tone_colors: bool = True
    tone_palette: tuple[str, ...] = DEFAULT_TONE_PALETTE
    pinyin_mode: str = "hover"
    fullwidth_punctuation: bool = True
    show_page_view: bool = False  # the printed page beside the text (issues imported from PDF)
    # window state, restored on the next start
    geometry: bytes = b""
    window_state: bytes = b""
    splitter_state: bytes = b""
    last_library: str = ""
    last_article_id: int = 0
    # the system's colour scheme when the window last started (theme "system"): its first frame is painted in it
    system_dark: bool = False
    # where QSettings lives; not a setting itself
    path: str = field(default="", compare=False, repr=False)

    @classmethod
    def default_path(cls) -> str:
        return str(paths.config_dir() / "dubao.ini")

    @classmethod
    def load(cls, path: str | None = None) -> "Settings":
        path = path or cls.default_path()
        store = QSettings(path, QSettings.Format.IniFormat)
        defaults = cls()
        values = {}
        for item in dataclasses.fields(cls):
            if item.name == "path":
                continue
            default = getattr(defaults, item.name)
            values[item.name] = _coerce(store.value(item.name, None), default)
        loaded = cls(**values, path=path)
        loaded._validate()
        return loaded

    def save(self) -> None:
        store = QSettings(self.path or self.default_path(), QSettings.Format.IniFormat)
        for item in dataclasses.fields(self):
            if item.name == "path":
                continue
            value = getattr(self, item.name)
            if isinstance(value, bytes):
                value = QByteArray(value)
            elif isinstance(value, tuple):
                value = list(value)
            store.setValue(item.name, value)
        store.sync()

    def copy(self, **changes) -> "Settings":
        return dataclasses.replace(self, **changes)

    def tone_color(self, tone: int) -> str:
        """Colour for tone 1–4; 5 (or 0) is the neutral tone."""
        index = tone - 1 if 1 <= tone <= 4 else 4
        return self.tone_palette[index]

    def _validate(self) -> None:
        # values written by a newer or hand-edited file must not break the window
        if self.theme not in THEMES:
            self.theme = "system"
        if self.pinyin_mode not in PINYIN_MODES:
            self.pinyin_mode = "hover"
        self.font_size = min(max(self.font_size, 8), 48)
        self.line_spacing = min(max(self.line_spacing, 100), 300)
        self.hsk_level = min(max(self.hsk_level, 1), 7)
        if len(self.tone_palette) != 5:
            self.tone_palette = DEFAULT_TONE_PALETTE


def _coerce(raw, default):
    """QSettings (INI) gives strings back; turn them into the default's type or use the default."""
    if raw is None:
        return default
    try:
        if isinstance(default, bool):
            if isinstance(raw, str):
                return raw.lower() in ("true", "1", "yes")
            return bool(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, bytes):
            return bytes(raw.data()) if isinstance(raw, QByteArray) else bytes(raw)
        if isinstance(default, tuple):
            items = raw if isinstance(raw, (list, tuple)) else [raw]
            return tuple(str(item) for item in items)
        return str(raw)
    except (TypeError, ValueError):
        return default
