"""Reader and window settings survive a restart, and a damaged settings file never stops the window."""

from __future__ import annotations

from dubao.gui.settings import DEFAULT_TONE_PALETTE, Settings


def test_every_setting_round_trips(tmp_path):
    path = str(tmp_path / "dubao.ini")
    settings = Settings.load(path)
    assert settings == Settings(path=path), "a missing file gives the defaults"
    changed = settings.copy(font_family="Noto Sans CJK SC", font_size=19, line_spacing=200, theme="dark",
                            hsk_level=5, tone_colors=False, pinyin_mode="unknown", fullwidth_punctuation=False,
                            tone_palette=("#111111", "#222222", "#333333", "#444444", "#555555"),
                            geometry=b"\x01\x02\x00", splitter_state=b"abc", last_library="/x/lib.sqlite",
                            last_article_id=42)
    changed.save()
    assert Settings.load(path) == changed


def test_malformed_values_fall_back_to_safe_ones(tmp_path):
    path = tmp_path / "dubao.ini"
    path.write_text("[General]\nfont_size=huge\nline_spacing=5000\ntheme=neon\npinyin_mode=sideways\n"
                    "hsk_level=-3\ntone_palette=#fff\ntone_colors=false\n", encoding="utf-8")
    settings = Settings.load(str(path))
    assert settings.font_size == 15 and settings.line_spacing == 300
    assert (settings.theme, settings.pinyin_mode, settings.hsk_level) == ("system", "hover", 1)
    assert settings.tone_palette == DEFAULT_TONE_PALETTE and settings.tone_colors is False


def test_tone_colours_by_tone_number():
    settings = Settings()
    assert settings.tone_color(1) == "#d0312d" and settings.tone_color(4) == DEFAULT_TONE_PALETTE[3]
    assert settings.tone_color(5) == settings.tone_color(0) == DEFAULT_TONE_PALETTE[4]
