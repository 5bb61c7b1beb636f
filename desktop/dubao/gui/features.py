"""Reading modes and the library in the window: `install_reading_features(window)` adds them to the main window.

What it adds: pinyin modes (hover / above every character / above unknown words) and tone colours on the
toolbar and in View; text size keys (Ctrl+= / Ctrl+- / Ctrl+0); the Library tree (left), the Vocabulary and
Search tabs (right); File ▸ Import issues… (and files dropped on the window), Open library…, New library…,
Issue details…; Edit ▸ Find (Ctrl+F, Ctrl+Shift+F) and Settings…; Help ▸ Keyboard shortcuts; a "Known"
button in the word popup; per-article difficulty figures under each article in the list.

It uses only the window's public surface (see main_window's docstring); every write goes through
`window.ops`. The pieces are kept on `window.reading` (a `ReadingFeatures`) for tests and benchmarks.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QToolButton

from dubao.gui import library_dialogs, workers
from dubao.gui.import_dialog import ImportDialog, choose_issue_files
from dubao.gui.library_tree import LibraryTree, issue_title
from dubao.gui.ruby import RubyController
from dubao.gui.search_panel import SearchPanel
from dubao.gui.settings_dialog import edit_settings
from dubao.gui.shortcuts_dialog import ShortcutsDialog
from dubao.gui.vocab_tab import VocabTab

PINYIN_MODE_ACTIONS = (("hover", "Pinyin on &hover only", "Alt+1"),
                       ("above", "Pinyin &above every character", "Alt+2"),
                       ("unknown", "Pinyin above &unknown words only", "Alt+3"))
FONT_STEP, FONT_MIN, FONT_MAX, FONT_DEFAULT = 1, 8, 48, 15


def install_reading_features(window) -> "ReadingFeatures":
    features = ReadingFeatures(window)
    window.reading = features
    window.search_library = features.search_library
    return features


class ReadingFeatures(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        self._known: set[str] | None = None
        self._figured: dict[int, str] = {}  # article id -> badge text, for the current learner state
        self._article_hits: list[tuple[int, int]] = []  # the in-article search's hits, all kept marked
        store = lambda: window.store  # noqa: E731 — the window swaps stores when another library opens
        self.ruby = RubyController(window.reader, window.settings, self.known_words)
        self.library_tree = LibraryTree(store)
        window.left_panel.addTab(self.library_tree, "Library")
        self.vocab_tab = VocabTab(store, window.ops)
        self.search_panel = SearchPanel(store, lambda: window.reader.current_article, self._issue_label,
                                        display=self._as_in_reader)
        window.sidebar.addTab(self.vocab_tab, "Vocabulary")
        window.sidebar.addTab(self.search_panel, "Search")
        self._build_actions()
        self._connect()
        self._add_popup_button()
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self.ruby.apply_settings()

    # ---- wiring -----------------------------------------------------------------------------------

    def _connect(self) -> None:
        window, ops = self.window, self.window.ops
        ops.settings_changed.connect(self._on_settings_changed)
        ops.vocabulary_changed.connect(self._on_learner_changed)
        ops.library_changed.connect(self._on_library_changed)
        ops.store_replaced.connect(self._on_learner_changed)
        window.analysis_ready.connect(self._on_article_shown)
        self.library_tree.article_chosen.connect(window.open_article)
        self.library_tree.issue_chosen.connect(self.open_issue)
        self.library_tree.edit_issue_requested.connect(partial(library_dialogs.edit_issue_details, window))
        self.vocab_tab.open_requested.connect(self._open_hit)
        self.search_panel.hit_chosen.connect(self._open_hit)
        self.search_panel.article_hits_found.connect(self._mark_article_hits)
        entities = getattr(window, "entities_panel", None)
        if entities is not None and hasattr(entities, "tree"):
            entities.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            entities.tree.customContextMenuRequested.connect(self._entity_menu)

    def _add(self, name: str, text: str, slot, shortcut=None, menu: str | None = None, checkable=False) -> QAction:
        action = QAction(text, self.window)
        shortcuts = [shortcut] if isinstance(shortcut, (str, QKeySequence.StandardKey)) else list(shortcut or [])
        action.setShortcuts([QKeySequence(key) for key in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        action.triggered.connect(lambda checked=False: slot(checked) if checkable else slot())
        self.window.addAction(action)
        if menu:
            self.window.menu(menu).addAction(action)
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        window = self.window
        file_menu = window.menu("&File")
        first = file_menu.actions()[0] if file_menu.actions() else None
        for name, text, slot, key in (
            ("import", "&Import issues…", self.import_dialog, "Ctrl+I"),
            ("open_library", "&Open library…", self.open_library, QKeySequence.StandardKey.Open),
            ("new_library", "&New library…", self.new_library, "Ctrl+Shift+N"),
            ("issue_details", "Issue &details (paper, date)…", self.edit_current_issue, "Ctrl+Shift+D"),
        ):
            action = self._add(name, text, slot, key)
            file_menu.insertAction(first, action)
        if first is not None:
            file_menu.insertSeparator(first)
        edit = "&Edit"
        window.menu(edit).addSeparator()
        self._add("find_article", "&Find in article…", lambda: self.focus_search("article"), "Ctrl+F", edit)
        self._add("find_library", "Find in &library…", lambda: self.focus_search("library"), "Ctrl+Shift+F", edit)
        self._add("mark_known", "Mark word &known", self.mark_known, "K", edit)
        window.menu(edit).addSeparator()
        self._add("settings", "Se&ttings…", lambda: edit_settings(window), ["Ctrl+,", "Ctrl+;"], edit)
        view = "&View"
        window.menu(view).addSeparator()
        group = QActionGroup(self)
        for mode, text, key in PINYIN_MODE_ACTIONS:
            action = self._add(f"pinyin_{mode}", text, lambda _c, m=mode: self.set_pinyin_mode(m), key, view, True)
            group.addAction(action)
        self._add("pinyin_cycle", "&Next pinyin mode", self.cycle_pinyin_mode, "Ctrl+Shift+P", view)
        self._add("tone_colors", "&Tone colours", self.set_tone_colors, "Ctrl+Shift+T", view, True)
        window.menu(view).addSeparator()
        self._add("larger", "&Larger text", lambda: self.step_font(FONT_STEP), ["Ctrl+=", "Ctrl++"], view)
        self._add("smaller", "&Smaller text", lambda: self.step_font(-FONT_STEP), "Ctrl+-", view)
        self._add("reset_size", "&Reset text size", lambda: self.step_font(0), "Ctrl+0", view)
        window.menu(view).addSeparator()
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

    def _add_popup_button(self) -> None:
        """A "Known" button next to the popup's "Save word" (K does the same)."""
        popup = getattr(getattr(self.window, "hover", None), "popup", None)
        save = getattr(popup, "save_button", None)
        if save is None:
            return
        known = QPushButton("✓ Known  (K)", popup)
        known.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        known.setToolTip("I know this word: no syllables over it in the 'unknown words' mode")
        known.clicked.connect(self.mark_known)
        save.parentWidget().layout().itemAt(1).layout().insertWidget(1, known)  # the popup's button row
        self.known_button = known

    # ---- pinyin and text size ---------------------------------------------------------------------

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
        self.ruby.apply_settings()
        self._sync_checks()
        self._figured.clear()
        self._update_figures()

    def _sync_checks(self) -> None:
        settings = self.window.settings
        for mode, _text, _key in PINYIN_MODE_ACTIONS:
            self.actions[f"pinyin_{mode}"].setChecked(settings.pinyin_mode == mode)
        self.actions["tone_colors"].setChecked(settings.tone_colors)

    # ---- the learner: known words, the popup's Known button, article figures ------------------------

    def known_words(self) -> set[str]:
        if self._known is None:
            self._known = set(self.window.store.known_words()) if self.window.store is not None else set()
        return self._known

    def mark_known(self) -> None:
        """Mark the word in the popup known; with the vocabulary list focused, toggle its selected word."""
        hover = getattr(self.window, "hover", None)
        info = getattr(hover, "current", None)
        if info is None:
            if self.vocab_tab.isVisible():
                self.vocab_tab.toggle_known()
            return
        word = info.token.text
        saved = next((item for item in self.window.store.vocabulary() if item.word == word), None)
        if saved is not None:
            self.window.ops.set_vocab_status(saved.id, "known")
        else:
            definition = info.entries[0].definitions[0] if info.entries and info.entries[0].definitions else ""
            self.window.ops.add_vocab(word, pinyin=info.token.pinyin, definition=definition, hsk=info.hsk,
                                      sentence=info.sentence, article_id=self.window.current_article_id,
                                      start=info.token.start, end=info.token.end, status="known")
        self.window.statusBar().showMessage(f"{word} marked known.", 3000)

    def _on_learner_changed(self) -> None:
        self._known = None
        self._figured.clear()
        self.ruby.known_words_changed()
        self._update_figures()

    def _on_article_shown(self, article_id: int) -> None:
        if self.window.store is None:
            return
        self.library_tree.reveal_issue(self.window.current_issue_id, article_id)
        self._update_figures()

    def _on_library_changed(self) -> None:
        if self.window.store is None:
            return
        self.library_tree.reload(self.window.current_issue_id)
        self._update_figures()

    def _update_figures(self) -> None:
        """Badges "18% above HSK 4 · 23 new" under each article of the issue, computed off the GUI thread."""
        window = self.window
        if window.store is None or window.current_issue_id is None:
            return
        articles = {a.id: a.text for a in window.store.articles(window.current_issue_id)}
        for article_id, badge in self._figured.items():
            if article_id in articles:
                window.article_list.set_badge(article_id, badge)
        missing = {key: text for key, text in articles.items() if key not in self._figured}
        if not missing:
            return
        saved = {item.word for item in window.store.vocabulary()}
        level = window.settings.hsk_level
        workers.run_in_background(_figures, missing, level, frozenset(self.known_words()), frozenset(saved),
                                  on_done=self._show_figures)

    def _show_figures(self, figures: dict) -> None:
        if self.window.store is None:
            return
        for article_id, item in figures.items():
            self._figured[article_id] = item.summary()
            self.window.article_list.set_badge(article_id, item.summary())
        self.window.article_list.viewport().update()

    # ---- library, import, search --------------------------------------------------------------------

    def open_issue(self, issue_id: int) -> None:
        headlines = self.window.store.article_headlines(issue_id)
        if headlines:
            self.window.open_article(headlines[0][0])

    def import_files(self, paths) -> ImportDialog:
        dialog = ImportDialog(self.window.ops, paths, self.window)
        dialog.finished_importing.connect(lambda _results: self._after_import(dialog))
        dialog.show()
        return dialog

    def import_dialog(self) -> None:
        paths = choose_issue_files(self.window)
        if paths:
            self.import_files(paths)

    def _after_import(self, dialog: ImportDialog) -> None:
        issue_id = dialog.first_imported_issue()
        if issue_id is not None:
            self.open_issue(issue_id)

    def open_library(self) -> None:
        path = library_dialogs.choose_library_to_open(self.window)
        if path:
            library_dialogs.open_library_in(self.window, path)

    def new_library(self) -> None:
        path = library_dialogs.choose_new_library(self.window)
        if path:
            library_dialogs.open_library_in(self.window, path)

    def edit_current_issue(self) -> None:
        issue_id = self.library_tree.selected_issue_id() if self.library_tree.hasFocus() else None
        issue_id = issue_id or self.window.current_issue_id
        if issue_id is not None:
            library_dialogs.edit_issue_details(self.window, issue_id)

    def focus_search(self, scope: str) -> None:
        entity = self._focused_entity_name()
        self.window.sidebar.setCurrentWidget(self.search_panel)
        if scope == "library" and entity:
            self.search_library(entity)
            return
        self.search_panel.focus_search(scope)

    def search_library(self, text: str) -> int:
        """Search the library for `text` and show the results (the entity sidebar's "search this name")."""
        self.window.sidebar.setCurrentWidget(self.search_panel)
        return self.search_panel.search_library(text)

    def _as_in_reader(self, text: str) -> str:
        """Context lines shown as the reader shows text (full-width punctuation is display-only, same length)."""
        if not self.window.settings.fullwidth_punctuation:
            return text
        from dubao.gui.reader_format import fullwidth_punctuation

        return fullwidth_punctuation(text)

    def _issue_label(self, issue_id: int) -> str:
        return issue_title(self.window.store.get_issue(issue_id))

    def _open_hit(self, article_id: int, start: int, end: int) -> None:
        reader = self.window.reader
        if article_id != self.window.current_article_id:
            self.window.open_article(article_id, (start, end) if end > start else None)
            return
        if (start, end) in self._article_hits:  # keep every hit of the in-article search marked
            reader.mark_spans([(start, end), *[span for span in self._article_hits if span != (start, end)]])
        elif end > start:
            reader.mark_spans([(start, end)])

    def _mark_article_hits(self, spans: list) -> None:
        self._article_hits = [tuple(span) for span in spans]
        self.window.reader.mark_spans(self._article_hits, scroll=False)

    def _focused_entity_name(self) -> str | None:
        entities = getattr(self.window, "entities_panel", None)
        tree = getattr(entities, "tree", None)
        if tree is None or not tree.hasFocus() or tree.currentItem() is None:
            return None
        entity = tree.currentItem().data(0, Qt.ItemDataRole.UserRole)
        return getattr(entity, "name", None)

    def _entity_menu(self, point) -> None:
        tree = self.window.entities_panel.tree
        item = tree.itemAt(point)
        entity = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if getattr(entity, "name", None):
            menu = QMenu(tree)
            menu.addAction(f"Search the library for “{entity.name}”", lambda: self.search_library(entity.name))
            menu.exec(tree.viewport().mapToGlobal(point))

    # ---- panels, help, drag and drop ------------------------------------------------------------------

    def show_panel(self, widget) -> None:
        for tabs in (self.window.left_panel, self.window.sidebar):
            if tabs.indexOf(widget) >= 0:
                tabs.setCurrentWidget(widget)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.window)
        dialog.show()
        return dialog

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and _local_files(event):
            event.acceptProposedAction()
            return True
        if kind == QEvent.Type.Drop and _local_files(event):
            event.acceptProposedAction()
            self.import_files(_local_files(event))
            return True
        return super().eventFilter(watched, event)


def _local_files(event) -> list[str]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def _figures(articles: dict, level: int, known: frozenset, saved: frozenset) -> dict:
    from dubao.core.reading_stats import figures_by_article

    return figures_by_article(articles, level, known, saved)
