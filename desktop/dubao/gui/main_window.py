"""The main window: article list (left), reader (centre), Entities/Notes sidebar (right).

It shows first and loads afterwards: the library file is opened at once (SQLite, milliseconds), while the
first-run import of the sample and each article's analysis (jieba, readings, dictionary: seconds the first
time) run on the thread pool; results come back by signal.

Public surface other parts of the window build on (the reading features, dialogs):

- `window.session` — the `Session` (gui/session.py): `store` (read from it; write only through `window.ops`),
  `current_issue_id`, `current_article_id`, `analysis(article_id)`; signals `store_replaced()`,
  `article_opened(int)`, `analysis_ready(int)`, `analysis_failed(str)`. Widgets take it in their constructor.
  `window.store`, `window.current_issue_id` and `window.current_article_id` read through to it.
- `window.ops` — `Operations`: signals `annotations_changed(int)`, `vocabulary_changed()`, `library_changed()`,
  `settings_changed()`; one method per write (`add_annotation`, `update_annotation`,
  `delete_annotation`, `add_vocab`, `set_vocab_status`, `delete_vocab`, `import_files`,
  `import_in_background(paths, on_done, on_start=, on_file=, cancel=, on_progress=)`, `import_annotations(text, on_done,
  on_error)`, `update_issue`,
  `apply_settings`), `ops.undo_stack`
- `window.settings` — the `Settings` object (reader font, line spacing, theme, HSK level, tone colours and
  palette, pinyin mode, full-width punctuation, window state)
- `window.reader` — `show_article(record)`, `current_article`, `analysis`, `mark_spans(spans, scroll=True)`,
  `add_paint_overlay(fn(painter, reader))`, `set_line_height_percent(int)`, `char_rect(offset) -> QRectF`,
  `offset_at(point)`, `selected_span()`, `select_span(start, end)`, signal `analysis_ready` on the window
- `window.hover` — the `HoverController` (popup, `current` word, `save_current()`)
- `window.page_view` — the printed page beside the reader (gui/page_view.py), hidden unless
  View ▸ Printed page is on: `show_span((start, end) | None)`, `show_annotation(id)`, signal
  `article_requested(int)`. When hidden at start it is built with the reading features (None before;
  `window.build_page_view()` makes it at once)
- `window.sidebar` — QTabWidget with "Entities" and "Notes" (add more tabs freely)
- `window.left_panel` — QTabWidget holding the "Articles" list (`window.article_list`)
- `window.toolbar`, `window.menu("&File" | "&Edit" | "&View" | "&Help")`
- `window.open_article(article_id, highlight=None)`, `window.open_library(path)`,
  `window.current_issue_id`, `window.current_article_id`
- signals `library_loaded()` (the article list is filled; `window.library_shown` says it has been, for the library
  open now), `analysis_ready(article_id)`, `first_painted()`;
  `window.entities_panel`, `window.notes_panel`, `window.actions_by_name` (the QActions by name)

Start-up comes in stages (gui/startup.py): the window paints first; right after that paint the store is opened
and the first article's text shown; once that text has painted, the reading features (`window.reading`) are
installed — until then `window.reading` is None. So `window.store` is None during `__init__`, and may already
be open with its articles listed when `install_reading_features` runs: read the store when it is needed, and
listen to `session.store_replaced`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSplitter, QTabWidget, QWidget

from dubao.core import paths
from dubao.gui.article_list import ArticleList
from dubao.gui.hover_popup import HoverController
from dubao.gui.main_actions import build_actions
from dubao.gui.main_annotations import AnnotationHandlers, warn
from dubao.gui.main_articles import ArticleHandlers
from dubao.gui.operations import Operations, describe, failed
from dubao.gui.reader import Reader
from dubao.gui.session import Session
from dubao.gui.settings import Settings
from dubao.gui.sidebar_entities import EntitiesPanel
from dubao.gui.sidebar_notes import NotesPanel
from dubao.gui.startup import after_paint, resume_collector

FIRST_PAINT_WAIT_MS = 300
PAGE_VIEW_INDEX = 2  # the splitter's places: article list, reader, printed page, sidebar


class MainWindow(ArticleHandlers, AnnotationHandlers, QMainWindow):
    analysis_ready = Signal(int)  # article id whose analysis the reader now has
    library_loaded = Signal()  # the article list is filled (after a first-run import too)
    first_painted = Signal()  # the window's first paint: time for work that can wait that long

    def __init__(self, library_path: str | Path | None = None, settings: Settings | None = None,
                 open_files: list[str] | None = None):
        super().__init__()
        self.settings = settings or Settings.load()
        self.session = Session(parent=self)  # its store is opened just after the first paint
        self.ops = Operations(self.session, self.settings, self)
        self._pending_files = list(open_files or [])
        self._build_widgets()
        self._apply_reader_style()
        self.actions_by_name = build_actions(self)
        self._connect()
        self._restore_state()
        self._waiting_for_paint = False
        self.library_shown = False  # the open library's articles are listed (`library_loaded` was sent)
        self.starting = True  # until the staged start-up is done: the first analysis waits for it
        self.held_analysis = None  # the article whose analysis was asked for while starting
        self._initial_library = library_path or self.settings.last_library or paths.default_library_path()
        self.reading = None  # the reading features (dubao.gui.reading_tools), installed right after the first paint
        _apply_dark_theme_early(self.settings.theme)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._initial_library is not None and not self.settings.splitter_state:
            self._default_panel_sizes()  # first start: at the size the window is shown with
        if self._initial_library is not None and not self._waiting_for_paint:
            # the window paints first; the library (importing sqlite-utils, opening the file: a third of a
            # second) follows right after its first paint — or shortly anyway, should no paint come
            self._waiting_for_paint = True
            QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, self._open_initial_library)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._waiting_for_paint:
            QTimer.singleShot(0, self, self._open_initial_library)
            QTimer.singleShot(0, self, self.first_painted.emit)

    def _open_initial_library(self) -> None:
        self._waiting_for_paint = False
        if self._initial_library is not None:
            library, self._initial_library = self._initial_library, None
            self.open_library(library)  # the first article's text is in the reader now: it paints next
            after_paint(self.reader.viewport(), self._finish_start_up)

    def _finish_start_up(self) -> None:
        """The last stage, once the text has painted: the reading tools, and the garbage collector back on."""
        self.build_page_view()
        if self.reading is None:
            _install_reading_features(self)
        self.starting = False
        resume_collector()
        held, self.held_analysis = self.held_analysis, None
        if held is not None:  # asked for while starting, held back until now (main_articles.py)
            self._analyse_if_current(held)

    # ---- construction ---------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.setWindowTitle(paths.app_display_name())
        self.left_panel = QTabWidget(self)
        self.left_panel.setDocumentMode(True)
        self.article_list = ArticleList(self.left_panel)
        self.left_panel.addTab(self.article_list, "Articles")
        self.reader = Reader(self)
        self.sidebar = QTabWidget(self)
        self.sidebar.setDocumentMode(True)
        self.entities_panel = EntitiesPanel(self.sidebar)
        self.notes_panel = NotesPanel(self.sidebar)
        self.sidebar.addTab(self.entities_panel, "Entities")
        self.sidebar.addTab(self.notes_panel, "Notes")
        # the printed page (View ▸ Printed page), hidden unless asked for: then a placeholder holds its place until
        # the start-up's last stage builds it (`build_page_view`)
        self.page_view = None
        page_slot = self.build_page_view() if self.settings.show_page_view else QWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.left_panel, self.reader, page_slot, self.sidebar):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        # side panels may be squeezed (their tabs clip) before the page is: reading comes first
        self.left_panel.setMinimumWidth(180)
        self.sidebar.setMinimumWidth(250)
        self.setCentralWidget(self.splitter)
        self.hover = HoverController(self.reader, lambda: self.session.dictionary, self._tone_palette, self)
        self.status_label = QLabel("", self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # it shows file names
        self.statusBar().addPermanentWidget(self.status_label)
        self._fit_to_screen()

    def build_page_view(self):
        """The printed-page pane, made once (in the splitter's third place, if a placeholder holds it)."""
        if self.page_view is None:
            from dubao.gui.page_view import PageView

            self.page_view = PageView(self.session, self)
            self.page_view.setMinimumWidth(200)
            self.page_view.article_requested.connect(self.open_article)
            splitter = getattr(self, "splitter", None)
            if splitter is not None:  # keeps the placeholder's size and (hidden) state
                splitter.replaceWidget(PAGE_VIEW_INDEX, self.page_view).deleteLater()
        return self.page_view

    def _on_page_view(self, method: str, *args) -> None:
        if self.page_view is not None:  # not built yet: nothing is shown in it to follow
            getattr(self.page_view, method)(*args)

    def _fit_to_screen(self) -> None:
        """First start: 1360×860, or most of a smaller screen; panels in a 20 : 56 : 24 ratio."""
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = 1360, 860
        if screen is not None and screen.width() > 0:
            width, height = min(width, int(screen.width() * 0.92)), min(height, int(screen.height() * 0.9))
        self.resize(width, height)

    def _default_panel_sizes(self) -> None:
        width = self.width()
        reader = int(width * 0.56) // (2 if self.settings.show_page_view else 1)
        self.splitter.setSizes([int(width * 0.2), reader, int(width * 0.56) - reader, int(width * 0.24)])

    @property
    def store(self):
        return self.session.store

    @property
    def current_issue_id(self) -> int | None:
        return self.session.current_issue_id

    @property
    def current_article_id(self) -> int | None:
        return self.session.current_article_id

    @property
    def analysis_error(self) -> str | None:
        return self.session.analysis_error

    def _connect(self) -> None:
        # before the note editor opens (modal): the page shows where the clicked highlight is printed
        self.reader.annotation_clicked.connect(lambda annotation_id: self._on_page_view("show_annotation", annotation_id))
        self.session.analysis_ready.connect(self._on_analysed)
        self.session.analysis_failed.connect(self._on_analysis_failed)
        self.session.library_damaged.connect(self._on_library_damaged)
        self._connect_article_analysis()  # a huge article's progress, and the view it is read from
        self.article_list.article_chosen.connect(self.open_article)
        self.ops.annotations_changed.connect(self._on_annotations_changed)
        self.ops.library_changed.connect(self._on_library_changed)
        self.ops.settings_changed.connect(self._on_settings_changed)
        self.reader.annotation_clicked.connect(self.edit_annotation)
        self.hover.save_requested.connect(self.save_word)
        self.notes_panel.jump_requested.connect(lambda a, s, e: self.open_article(a, (s, e)))
        self.entities_panel.entity_chosen.connect(self._mark_entity)
        self.entities_panel.article_requested.connect(self._open_entity_elsewhere)
        self.reader.selection_span_changed.connect(lambda: self._on_page_view("show_span", self.reader.selected_span()))
        self.notes_panel.jump_requested.connect(lambda _article, start, end: self._on_page_view("show_span", (start, end)))

    def menu(self, name: str) -> QMenu:
        """The menu titled `name` ("&File", "&Edit", "&View", "&Help"), created on first use."""
        for action in self.menuBar().actions():
            if action.menu() is not None and action.text() == name:
                return action.menu()
        return self.menuBar().addMenu(name)

    def _tone_palette(self):
        return tuple(self.settings.tone_palette) if self.settings.tone_colors else None

    # ---- library --------------------------------------------------------------------------------

    def open_library(self, path: str | Path) -> None:
        """Open (or create) the library at `path`; an empty one gets the bundled sample, in the background."""
        path = Path(path)
        try:
            store = self.session.open_library(path)
            self.library_shown = False
        except Exception as error:  # not a library, unreadable, newer schema: say so, keep the old one open
            from dubao.gui.library_io import offer_latest_backup

            if not offer_latest_backup(self, path, error):  # damaged: open a copy of its backup instead?
                warn(self, "Cannot open library", f"{path}\n\n{error}")
            return
        if str(path) != self.settings.last_library:
            # article ids are per library: the remembered one belongs to the other file
            self.settings.last_article_id = 0
        self.settings.last_library = str(path)
        files = self._pending_files
        self._pending_files = []
        if not files and not store.list_issues():
            files = [str(paths.sample_issue())]
        if files:
            self._import_in_background(files)
        else:
            self._show_library()

    def _on_library_damaged(self, error) -> None:
        """The damage check that follows opening failed: offer the latest backup, else say why nothing is saved."""
        from dubao.gui.library_io import offer_latest_backup

        path = self.store.path if self.store is not None else None
        if path is None or not offer_latest_backup(self, path, error):
            warn(self, "Library damaged", str(error))

    def _import_in_background(self, files: list[str]) -> None:
        message = "Importing " + ", ".join(Path(f).name for f in files) + " …"
        self.status_label.setText(message)
        if self.reader.current_article is None:
            self.reader.set_placeholder(message)
        self.ops.import_in_background(files, self._on_imported, context=self,
                                      on_progress=lambda index, done, total: self._show_import_progress(
                                          files[index], done, total))

    def _show_import_progress(self, path: str, done: int, total: int) -> None:
        """A long file opened with the window (`dubao FILE`, Open with Dubao): how far its names are read."""
        from dubao.core.windows import percent_done

        message = f"Importing {Path(path).name}: finding names, {percent_done(done, total)}%…"
        self.status_label.setText(message)
        if self.reader.current_article is None:
            self.reader.set_placeholder(message)

    def _on_imported(self, results) -> None:
        self.status_label.setText("")
        failures = [f"{Path(path).name}: {describe(outcome)}" for path, outcome in results if failed(outcome)]
        if failures:
            warn(self, "Import", "Some files could not be imported:\n\n" + "\n".join(failures))
        opened = [outcome.issue_id for _, outcome in results if not failed(outcome)]
        self._show_library(prefer_issue=opened[-1] if opened else None)

    def _show_library(self, prefer_issue: int | None = None) -> None:
        issues = self.store.list_issues()
        if not issues:
            self.reader.show_article(None)
            self.reader.set_placeholder("The library is empty — File ▸ Import issues… or drop issue files here.")
            self.status_label.setText("")
            self.library_shown = True
            self.library_loaded.emit()
            return
        article_id = None
        if prefer_issue is None and self.settings.last_article_id:
            try:
                article_id = self.store.get_article(self.settings.last_article_id).id
            except (KeyError, LookupError, ValueError):
                article_id = None
        if article_id is None:
            issue_id = prefer_issue if prefer_issue is not None else issues[0].id
            articles = self.store.articles(issue_id)
            article_id = articles[0].id if articles else None
        if article_id is not None:
            self.open_article(article_id)
        self.library_shown = True
        self.library_loaded.emit()

    def show_issue(self, issue_id: int) -> None:
        """Fill the article list with an issue's articles (the reader is left alone)."""
        self.session.current_issue_id = issue_id
        self.article_list.set_articles(self.store.articles(issue_id))
        issue = self.store.get_issue(issue_id)
        title = " ".join(part for part in (issue.paper, issue.date) if part) or "Issue"
        self.setWindowTitle(f"{title} — {paths.app_display_name()}")

    def _on_library_changed(self) -> None:
        if self.current_issue_id is not None and self.store is not None:
            current = self.current_article_id
            self.show_issue(self.current_issue_id)
            if current is not None:
                self.article_list.select_article(current)

    def _on_settings_changed(self) -> None:
        self._apply_reader_style()

    def _apply_reader_style(self) -> None:
        settings = self.settings
        self.reader.set_style(settings.font_family, settings.font_size, settings.line_spacing,
                              settings.fullwidth_punctuation)
        if self.notes_panel.fullwidth_punctuation != settings.fullwidth_punctuation:
            self.notes_panel.fullwidth_punctuation = settings.fullwidth_punctuation
            self.notes_panel.refresh()

    # ---- window state ---------------------------------------------------------------------------

    def _restore_state(self) -> None:
        if self.settings.geometry:
            self.restoreGeometry(QByteArray(self.settings.geometry))
        if self.settings.window_state:
            self.restoreState(QByteArray(self.settings.window_state))
        if self.settings.splitter_state:
            self.splitter.restoreState(QByteArray(self.settings.splitter_state))
        self.splitter.widget(PAGE_VIEW_INDEX).setVisible(self.settings.show_page_view)

    def save_state(self) -> None:
        self.settings.geometry = bytes(self.saveGeometry().data())
        self.settings.window_state = bytes(self.saveState().data())
        self.settings.splitter_state = bytes(self.splitter.saveState().data())
        self.settings.save()

    def closeEvent(self, event) -> None:
        self.hover.hide()
        self.save_state()
        self.session.close()
        super().closeEvent(event)


def _apply_dark_theme_early(theme: str) -> None:
    """A dark theme is set before the first paint (no light flash); the rest of theming comes with the
    reading features, after it."""
    from PySide6.QtWidgets import QApplication

    hints = QApplication.styleHints()
    system_dark = hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark
    if theme == "dark" or (theme == "system" and system_dark):
        from dubao.gui.settings_dialog import apply_theme

        apply_theme(theme)


def _install_reading_features(window: MainWindow) -> None:
    """Reading modes, vocabulary, library tree and search (dubao.gui.reading_tools); the start-up backup. Installed
    after the first paint: importing and building them is a third of the window's start-up."""
    from dubao.gui.library_io import back_up_when_loaded
    from dubao.gui.reading_tools import install_reading_features

    window.reading = install_reading_features(window)
    back_up_when_loaded(window)
