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

Start-up comes in stages (gui/startup.py, gui/main_panels.py): the window's frame paints first (menus, toolbar,
status bar, the panels' places); right after that paint the reader is made, the store opened and the first
article's text shown; once that text has painted, the article list, the sidebar, the word popup and the actions
are built and the library shown as usual; once those have painted, the reading features (`window.reading`) are
installed. Until its stage, `window.reader`, `window.hover`, `window.article_list`, the other panels and
`window.reading` are None and `window.actions_by_name` is empty: code that may run that early checks
(`window.panels_built()`). `window.store` is None during `__init__`, and may already be open with its articles
listed when `install_reading_features` runs: read the store when it is needed, and listen to
`session.store_replaced`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSplitter, QToolBar, QWidget

from dubao.core import paths
from dubao.gui.main_annotations import AnnotationHandlers, warn
from dubao.gui.main_articles import ArticleHandlers
from dubao.gui.main_panels import PAGE_VIEW_INDEX, PanelBuilder
from dubao.gui.operations import Operations, describe, failed
from dubao.gui.session import Session
from dubao.gui.settings import Settings
from dubao.gui.startup import after_paint, resume_collector

FIRST_PAINT_WAIT_MS = 300
MENUS = ("&File", "&Edit", "&View", "&Help")
PANEL_MINIMUM_WIDTHS = (180, 0, 0, 250)  # side panels may be squeezed (their tabs clip) before the page is


class MainWindow(ArticleHandlers, AnnotationHandlers, PanelBuilder, QMainWindow):
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
        self.actions_by_name: dict = {}  # the QActions by name, made with the panels (main_actions.py)
        self._build_frame()
        self._connect_session()
        self._restore_state()
        self._waiting_for_paint = False
        self.library_shown = False  # the open library's articles are listed (`library_loaded` was sent)
        self.starting = True  # until the staged start-up is done: the first analysis waits for it
        self.held_analysis = None  # the article whose analysis was asked for while starting
        self._initial_library = library_path or self.settings.last_library or paths.default_library_path()
        self.reading = None  # the reading features (dubao.gui.reading_tools), installed once the text has painted
        _apply_dark_theme_early(self.settings)

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
        """Just after the first paint: the reader, the library, and the first article's text in it (the panels
        follow once it has painted: `_show_library`)."""
        self._waiting_for_paint = False
        if self._initial_library is not None:
            library, self._initial_library = self._initial_library, None
            self.build_reader()
            self.open_library(library)
            if self.store is None:  # it could not be opened (the user was told): the whole window, to open another
                self.build_panels()
                self._finish_start_up_after_paint()

    def _finish_start_up(self) -> None:
        """The last stage, once the panels have painted: the reading tools, and the garbage collector back on."""
        self.build_page_view()
        if self.reading is None:
            _install_reading_features(self)
        self.starting = False
        resume_collector()
        held, self.held_analysis = self.held_analysis, None
        if held is not None:  # asked for while starting, held back until now (main_articles.py)
            self._analyse_if_current(held)

    # ---- construction ---------------------------------------------------------------------------

    def _build_frame(self) -> None:
        """What the first paint shows: the title, the menu bar, the toolbar, the status bar, and the panels'
        places (gui/main_panels.py builds the panels into them after that paint)."""
        self.setWindowTitle(paths.app_display_name())
        for name in MENUS:
            self.menu(name)
        self.toolbar = QToolBar("Reading", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        # a blank stand-in button until the actions are made (main_actions.py): the toolbar has its full height
        # (an icon's) from the first paint, so nothing below it moves when they arrive
        blank = QPixmap(self.toolbar.iconSize())
        blank.fill(QColor(0, 0, 0, 0))
        self.toolbar.addAction(QIcon(blank), " ").setEnabled(False)
        self.addToolBar(self.toolbar)
        # horizontal; `parent=` by name: a positional argument makes PySide weigh the overload taking a Qt.Orientation,
        # which sets up the whole `Qt` namespace (~15 ms) before the first paint
        self.splitter = QSplitter(parent=self)
        self.splitter.setChildrenCollapsible(False)
        for minimum_width in PANEL_MINIMUM_WIDTHS:
            place = QWidget(self)
            place.setMinimumWidth(minimum_width)
            self.splitter.addWidget(place)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.status_label = QLabel("", self)
        self.statusBar().addPermanentWidget(self.status_label)
        self._fit_to_screen()

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

    def _connect_session(self) -> None:
        # from the start: the damage check that follows opening the library may answer before the panels exist
        self.session.analysis_ready.connect(self._on_analysed)
        self.session.analysis_failed.connect(self._on_analysis_failed)
        self.session.library_damaged.connect(self._on_library_damaged)
        self.ops.annotations_changed.connect(self._on_annotations_changed)
        self.ops.library_changed.connect(self._on_library_changed)
        self.ops.settings_changed.connect(self._on_settings_changed)

    def menu(self, name: str) -> QMenu:
        """The menu titled `name` ("&File", "&Edit", "&View", "&Help"), created on first use."""
        for action in self.menuBar().actions():
            if action.menu() is not None and action.text() == name:
                return action.menu()
        return self.menuBar().addMenu(name)

    # ---- library --------------------------------------------------------------------------------

    def open_library(self, path: str | Path) -> None:
        """Open (or create) the library at `path`; an empty one gets the bundled sample, in the background."""
        path = Path(path)
        self.build_reader()
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
            self.build_panels()  # nothing to show before the import is done: the whole window now
            self._import_in_background(files)
            self._finish_start_up_after_paint()
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
        if not self.panels_built():
            self._show_text_first(prefer_issue)
            return
        issues = self.store.list_issues()
        if not issues:
            self.reader.show_article(None)
            self.reader.set_placeholder("The library is empty — File ▸ Import issues… or drop issue files here.")
            self.status_label.setText("")
            self.library_shown = True
            self.library_loaded.emit()
            return
        article_id = self._article_to_open(issues, prefer_issue)
        if article_id is not None:
            self.open_article(article_id)
        self.library_shown = True
        self.library_loaded.emit()

    def _article_to_open(self, issues, prefer_issue: int | None) -> int | None:
        """The article the reader was left on, else the first of `prefer_issue` (else of the first issue)."""
        if prefer_issue is None and self.settings.last_article_id:
            try:
                return self.store.get_article(self.settings.last_article_id).id
            except (KeyError, LookupError, ValueError):
                pass
        issue_id = prefer_issue if prefer_issue is not None else issues[0].id
        articles = self.store.articles(issue_id)
        return articles[0].id if articles else None

    def _show_text_first(self, prefer_issue: int | None) -> None:
        """Start-up: the article's text in the reader, alone; once it has painted, the panels are built and the
        library shown as usual (the same article, now with its list, notes and entities)."""
        issues = self.store.list_issues()
        article_id = self._article_to_open(issues, prefer_issue) if issues else None
        if article_id is not None:
            self.reader.show_article(self.store.get_article(article_id))
        after_paint(self.reader.viewport(), lambda: self._show_panels(prefer_issue))

    def _show_panels(self, prefer_issue: int | None) -> None:
        self.build_panels()
        self._show_library(prefer_issue)
        self._finish_start_up_after_paint()

    def _finish_start_up_after_paint(self) -> None:
        if self.starting:
            after_paint(self.reader.viewport(), self._finish_start_up)

    def show_issue(self, issue_id: int) -> None:
        """Fill the article list with an issue's articles (the reader is left alone)."""
        self.session.current_issue_id = issue_id
        self.article_list.set_articles(self.store.articles(issue_id))
        issue = self.store.get_issue(issue_id)
        title = " ".join(part for part in (issue.paper, issue.date) if part) or "Issue"
        self.setWindowTitle(f"{title} — {paths.app_display_name()}")

    def _on_library_changed(self) -> None:
        if self.current_issue_id is not None and self.store is not None and self.panels_built():
            current = self.current_article_id
            self.show_issue(self.current_issue_id)
            if current is not None:
                self.article_list.select_article(current)

    def _on_settings_changed(self) -> None:
        self._apply_reader_style()

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
        if self.hover is not None:
            self.hover.hide()
        self.save_state()
        self.session.close()
        super().closeEvent(event)


def _apply_dark_theme_early(settings: Settings) -> None:
    """A dark theme is set before the first paint (no light flash); the rest of theming comes with the reading
    features, after it. For the "system" theme the frame is painted in the scheme the system had at the last
    start: asking the system now would set up the whole `Qt` namespace's enums (~15 ms) before the first paint.
    The reading features ask, and follow the system if it has changed since (reading_tools.py)."""
    if settings.theme == "dark" or (settings.theme == "system" and settings.system_dark):
        from dubao.gui.settings_dialog import apply_theme

        apply_theme("dark")


def _install_reading_features(window: MainWindow) -> None:
    """Reading modes, vocabulary, library tree and search (dubao.gui.reading_tools); the start-up backup. Installed
    after the first paint: importing and building them is a third of the window's start-up."""
    from dubao.gui.library_io import back_up_when_loaded
    from dubao.gui.reading_tools import install_reading_features

    window.reading = install_reading_features(window)
    back_up_when_loaded(window)
