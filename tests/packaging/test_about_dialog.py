"""Help ▸ About shows the app's version and licence and credits every bundled data set from LICENSES.md."""

from __future__ import annotations

from dubao import __version__
from dubao.core.paths import resource
from dubao.gui import about_dialog
from dubao.gui.about_dialog import AboutDialog


def test_about_lists_version_licence_and_the_bundled_data(qtbot):
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    assert __version__ in dialog.version_label.text()
    assert "MIT" in dialog.licence_label.text()
    credits = dialog.credits_text()
    for name in ("CC-CEDICT", "CC BY-SA 4.0", "HSK", "jieba", "pypinyin", "LGPL"):
        assert name in credits, name


def _without_marks(text: str) -> str:
    # Markdown's ` and * do not show once rendered (and a literal * inside `code` does): compare without both
    return text.replace("`", "").replace("*", "").strip()


def test_every_section_of_licenses_md_reaches_the_dialog(qtbot):
    # Sections appended to LICENSES.md later (model weights, glossaries) must show up without code changes.
    headings = [
        _without_marks(line[3:])
        for line in resource("data", "LICENSES.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    ]
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    credits = _without_marks(dialog.credits_text())
    assert len(headings) >= 5
    for heading in headings:
        assert heading in credits, heading


def test_missing_licenses_file_says_the_installation_is_incomplete(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(about_dialog, "resource", lambda *parts: tmp_path.joinpath(*parts))
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    assert "installation is incomplete" in dialog.credits_text()
