"""Reading modes and the library in the window: `install_reading_features(window)` adds them to the main window.

What it adds: pinyin modes (hover / above every character / above unknown words) and tone colours on the
toolbar and in View; text size keys (Ctrl+= / Ctrl+- / Ctrl+0); the Library tree (left), the Vocabulary and
Search tabs (right); View ▸ Printed page beside the text (and on the toolbar: `window.page_view`);
File ▸ Import issues… (and files dropped on the window), New issue from clipboard (and text dropped on the
window), Open library…, New library…,
Issue details…; Edit ▸ Find (Ctrl+F, Ctrl+Shift+F), Mark word known (K) and Settings…; Help ▸ Keyboard
shortcuts; a "Known" button in the word popup; difficulty figures under each article in the list.

The parts live with their widgets — `RubyController` (ruby.py), `Learner` (vocab_tab.py), `LibraryController`
(library_dialogs.py), `SearchController` (search_panel.py); this module makes the actions and menus that drive
them. It uses only the window's public surface (see main_window's docstring); every write goes through
`window.ops`. The window keeps the result as `window.reading`; the search controller is `window.reading.search`.
"""

from __future__ import annotations

import bisect
from functools import partial

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton

from dubao.core.text import has_han
from dubao.gui.glossary_dialog import edit_glossary_entry, export_glossary, import_glossary
from dubao.gui.library_dialogs import LibraryController
from dubao.gui.ruby import RubyController
from dubao.gui.search_panel import SearchController
from dubao.gui.settings_dialog import apply_theme, edit_settings, system_prefers_dark
from dubao.gui.shortcuts_dialog import ShortcutsDialog
from dubao.gui.vocab_tab import Learner, VocabTab
from dubao.gui.workbench_window import install_workbench

PINYIN_MODE_ACTIONS = (("hover", "Pinyin on &hover only", "Alt+1"),
                       ("above", "Pinyin &above every character", "Alt+2"),
                       ("unknown", "Pinyin above &unknown words only", "Alt+3"))
FONT_STEP, FONT_MIN, FONT_MAX, FONT_DEFAULT = 1, 8, 48, 15


def install_reading_features(window) -> "ReadingFeatures":
    """Build the reading tools for `window`; the window keeps what this returns as `window.reading`."""
    features = ReadingFeatures(window)
    install_workbench(window)  # View ▸ Workbench: concordance, trends, profiles, keywords, codebook
    return features


class ReadingFeatures(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        self.vocab_tab = VocabTab(window.session, window.ops)
        window.sidebar.addTab(self.vocab_tab, "Vocabulary")
        self.learner = Learner(window, self.vocab_tab)
        self.ruby = RubyController(window.reader, window.settings, self.learner.known_words)
        self.learner.known_changed.connect(self.ruby.known_words_changed)
        self.library = LibraryController(window)
        self.search = SearchController(window)
        self.library_tree, self.search_panel = self.library.tree, self.search.panel
        self.known_button = self.learner.known_button
        self._hsk_level = window.settings.hsk_level
        window.ops.settings_changed.connect(self._on_settings_changed)
        self._build_actions()
        self._theme = window.settings.theme
        if self._theme == "system":
            # the frame was painted in the scheme of the last start (main_window.py): follow the system now
            dark_now = system_prefers_dark()
            if dark_now or window.settings.system_dark:  # else the platform's own palette stays as it is
                apply_theme(self._theme)
            window.settings.system_dark = dark_now
        else:
            apply_theme(self._theme)
        self.ruby.apply_settings(rebuild=True)  # the reader's document in the theme's colours

    # ---- actions and menus -----------------------------------------------------------------------

    def _add(self, name: str, text: str, slot, shortcut=None, menu: str | None = None, checkable=False) -> QAction:
        action = QAction(text, self.window)
        shortcuts = [shortcut] if isinstance(shortcut, (str, QKeySequence.StandardKey)) else list(shortcut or [])
        action.setShortcuts([QKeySequence(key) for key in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # wherever focus is in the window
        action.setCheckable(checkable)
        action.triggered.connect(lambda checked=False: slot(checked) if checkable else slot())
        self.window.addAction(action)
        if menu:
            self.window.menu(menu).addAction(action)
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        window, library = self.window, self.library
        file_menu = window.menu("&File")
        first = file_menu.actions()[0] if file_menu.actions() else None
        for name, text, slot, key in (
            ("import", "&Import issues…", library.choose_and_import, "Ctrl+I"),
            ("paste_issue", "New issue from &clipboard…", library.paste_issue, "Ctrl+Alt+V"),
            ("open_library", "&Open library…", library.open_library, QKeySequence.StandardKey.Open),
            ("new_library", "&New library…", library.new_library, "Ctrl+Shift+N"),
            ("issue_details", "Issue &details (paper, date)…", library.edit_current_issue, "Ctrl+Shift+D"),
        ):
            file_menu.insertAction(first, self._add(name, text, slot, key))
        if first is not None:
            file_menu.insertSeparator(first)
        edit = "&Edit"
        window.menu(edit).addSeparator()
        self._add("find_article", "&Find in article…", lambda: self.search.focus_search("article"), "Ctrl+F", edit)
        self._add("find_library", "Find in &library…", lambda: self.search.focus_search("library"),
                  "Ctrl+Shift+F", edit)
        self._add("find_next", "Find ne&xt", lambda: self.search_panel.step_hit(1), "F3", edit)
        self._add("find_previous", "Find pre&vious", lambda: self.search_panel.step_hit(-1), "Shift+F3", edit)
        self._add("mark_known", "Mark word &known", self.learner.mark_known, "K", edit)
        self._add("next_word", "Look up &next word", lambda: self.step_word(1), "Alt+Right", edit)
        self._add("previous_word", "Look up &previous word", lambda: self.step_word(-1), "Alt+Left", edit)
        self._add("pin_popup", "P&in the word popup", self.window.hover.toggle_pin, "P", edit)
        self._add("close_popup", "Close the word popup", self.window.hover.hide, "Esc")
        window.menu(edit).addSeparator()  # the user's own glossary (gui/glossary_dialog.py)
        self._add("glossary_entry", "&Glossary entry for the word…", lambda: edit_glossary_entry(window), "G", edit)
        self._add("glossary_import", "Import a glossary…", lambda: import_glossary(window), None, edit)
        self._add("glossary_export", "Export your glossary…", lambda: export_glossary(window), None, edit)
        window.ops.glossary_changed.connect(window.hover.refresh)
        window.menu(edit).addSeparator()
        self._add("settings", "Se&ttings…", lambda: edit_settings(window), ["Ctrl+,", "Ctrl+;"], edit)
        view = "&View"
        window.menu(view).addSeparator()
        group = QActionGroup(self)
        for mode, text, key in PINYIN_MODE_ACTIONS:
            group.addAction(self._add(f"pinyin_{mode}", text, lambda _c, m=mode: self.set_pinyin_mode(m), key,
                                      view, checkable=True))
        self._add("pinyin_cycle", "&Next pinyin mode", self.cycle_pinyin_mode, "Ctrl+Shift+P", view)
        self._add("tone_colors", "&Tone colours", self.set_tone_colors, "Ctrl+Shift+T", view, checkable=True)
        window.menu(view).addSeparator()
        self._add("larger", "&Larger text", lambda: self.step_font(FONT_STEP), ["Ctrl+=", "Ctrl++"], view)
        self._add("smaller", "&Smaller text", lambda: self.step_font(-FONT_STEP), "Ctrl+-", view)
        self._add("reset_size", "&Reset text size", lambda: self.step_font(0), "Ctrl+0", view)
        window.menu(view).addSeparator()
        page = self._add("page_view", "Printed &page beside the text", self.set_page_view, "Ctrl+Shift+G", view,
                         checkable=True)
        page.setToolTip("Show the printed page beside the text, for issues imported from PDF (Ctrl+Shift+G)")
        page.setIconText("版 Page")
        page.setChecked(window.settings.show_page_view)
        window.toolbar.addAction(page)
        for name, text, key, widget in (("go_library", "Go to &library", "Ctrl+Shift+L", self.library_tree),
                                        ("go_vocab", "Go to &vocabulary", "Ctrl+Shift+V", self.vocab_tab),
                                        ("go_reader", "Go to &reader", "Ctrl+Shift+R", window.reader)):
            self._add(name, text, partial(self.show_panel, widget), key, view)
        self._add("shortcuts", "&Keyboard shortcuts", self.show_shortcuts, "Ctrl+/", "&Help")
        self._add_pinyin_tool_button()
        self._sync_checks()

    def _add_pinyin_tool_button(self) -> None:
        button = QToolButton(self.window)
        button.setText("拼 Pinyin")
        button.setToolTip("Pinyin display: on hover, above every character, or above unknown words (Ctrl+Shift+P)")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(button)
        for mode, _text, _key in PINYIN_MODE_ACTIONS:
            menu.addAction(self.actions[f"pinyin_{mode}"])
        menu.addSeparator()
        menu.addAction(self.actions["tone_colors"])
        button.setMenu(menu)
        button.clicked.connect(self.cycle_pinyin_mode)
        self.window.toolbar.addWidget(button)
        self.pinyin_button = button

    def set_page_view(self, on: bool) -> None:
        """Show or hide the printed page; the choice is remembered. A pane shown narrow takes half the reader's width."""
        window = self.window
        window.settings.show_page_view = bool(on)
        window.settings.save()
        window.page_view.setVisible(bool(on))
        self.actions["page_view"].setChecked(bool(on))
        sizes = window.splitter.sizes()
        reader, page = window.splitter.indexOf(window.reader), window.splitter.indexOf(window.page_view)
        if on and sizes[page] < 300 and sizes[reader] > 600:
            sizes[page] = sizes[reader] // 2
            sizes[reader] -= sizes[page]
            window.splitter.setSizes(sizes)

    # ---- pinyin and text size (settings, saved at once) --------------------------------------------

    def set_pinyin_mode(self, mode: str) -> None:
        self.window.ops.apply_settings(self.window.settings.copy(pinyin_mode=mode))

    def cycle_pinyin_mode(self) -> None:
        modes = [mode for mode, _t, _k in PINYIN_MODE_ACTIONS]
        self.set_pinyin_mode(modes[(modes.index(self.window.settings.pinyin_mode) + 1) % len(modes)])

    def set_tone_colors(self, on: bool) -> None:
        self.window.ops.apply_settings(self.window.settings.copy(tone_colors=bool(on)))

    def step_font(self, step: int) -> None:
        size = FONT_DEFAULT if step == 0 else self.window.settings.font_size + step
        size = max(FONT_MIN, min(FONT_MAX, size))
        if size != self.window.settings.font_size:
            self.window.ops.apply_settings(self.window.settings.copy(font_size=size))

    def _on_settings_changed(self) -> None:
        new_theme = self.window.settings.theme != self._theme
        if new_theme:
            self._theme = self.window.settings.theme
            apply_theme(self._theme)
        self.ruby.apply_settings(rebuild=new_theme)  # the reader takes its text colours from the palette
        self._sync_checks()
        if self.window.settings.hsk_level != self._hsk_level:  # new badges, new "unknown" words
            self._hsk_level = self.window.settings.hsk_level
            self.learner.changed()

    def _sync_checks(self) -> None:
        settings = self.window.settings
        for mode, _text, _key in PINYIN_MODE_ACTIONS:
            self.actions[f"pinyin_{mode}"].setChecked(settings.pinyin_mode == mode)
        self.actions["tone_colors"].setChecked(settings.tone_colors)

    # ---- the word popup from the keyboard ----------------------------------------------------------

    def step_word(self, step: int) -> bool:
        """Show the popup on the next (step 1) or previous (-1) Chinese word — from the word in the popup, else
        from the selection or the top of the page — scrolling it into view. S saves it, K marks it known."""
        reader, hover = self.window.reader, self.window.hover
        analysis = reader.analysis
        if analysis is None or analysis.text != reader.text():
            return False
        tokens = analysis.tokens  # a million in a huge article: found by bisecting, never listed
        if hover.current is not None:
            index = bisect.bisect_left(tokens, hover.current.token.start, key=_token_start) + step
        else:  # the first word at the selection (or the top of the page) going forward, the one before it back
            span = reader.selected_span()
            anchor = span[0] if span else (reader.offset_at(QPoint(40, 8)) or 0)
            index = bisect.bisect_left(tokens, anchor, key=_token_start) - (step < 0)
        direction = -1 if step < 0 else 1
        word = _chinese_word(tokens, index, direction)
        if word is None:  # none left that way: the last (or first) Chinese word there is
            word = _chinese_word(tokens, len(tokens) - 1 if direction > 0 else 0, -direction)
        if word is None:
            return False
        reader.scroll_to(word.start)
        return hover.show_at(word.start)

    # ---- panels and help ---------------------------------------------------------------------------

    def show_panel(self, widget) -> None:
        for tabs in (self.window.left_panel, self.window.sidebar):
            if tabs.indexOf(widget) >= 0:
                tabs.setCurrentWidget(widget)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.window)
        dialog.show()
        return dialog


def _token_start(token) -> int:
    return token.start


def _chinese_word(tokens, index: int, direction: int):
    """The first token from `index` on (in `direction`) with a Chinese character, or None."""
    while 0 <= index < len(tokens):
        if has_han(tokens[index].text):
            return tokens[index]
        index += direction
    return None
