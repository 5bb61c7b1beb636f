"""The main window's panels, built after its first paint (a mixin of `MainWindow`).

The window paints first as a frame: its title, menu bar, toolbar and status bar, with the places of its four
panels (article list, reader, printed page, sidebar) held by empty widgets. Right after that paint the reader
is built and the first article's text shown (`build_reader`); once the text has painted, the article list, the
Entities and Notes tabs, the word popup and the actions are built (`build_panels`) and take their places. Their
modules are imported here, inside the methods, so that importing the window costs the first paint nothing of
theirs (together ~60 ms with the Qt enums they set up).
"""

from __future__ import annotations

ARTICLE_LIST_INDEX, READER_INDEX, PAGE_VIEW_INDEX, SIDEBAR_INDEX = range(4)  # the splitter's places


class PanelBuilder:
    reader = None  # the Reader, from just after the first paint
    hover = None  # the HoverController, with the other panels
    article_list = entities_panel = notes_panel = left_panel = sidebar = None
    page_view = None  # the printed page: built when shown, or in the start-up's last stage

    def panels_built(self) -> bool:
        return self.hover is not None

    def build_reader(self) -> None:
        """The reader in its place, styled, and the status line's format (it shows file names)."""
        if self.reader is not None:
            return
        from PySide6.QtCore import Qt

        from dubao.gui.reader import Reader

        self.reader = Reader(self)
        self.splitter.replaceWidget(READER_INDEX, self.reader).deleteLater()
        self.reader.setFocus()  # the keys read the article from the start (Page Down, arrows, Ctrl+C)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self._apply_reader_style()

    def build_panels(self) -> None:
        """The article list, the sidebar's Entities and Notes tabs, the word popup and the actions, once."""
        if self.panels_built():
            return
        self.build_reader()
        from PySide6.QtWidgets import QTabWidget

        from dubao.gui.article_list import ArticleList
        from dubao.gui.hover_popup import HoverController
        from dubao.gui.main_actions import build_actions
        from dubao.gui.sidebar_entities import EntitiesPanel
        from dubao.gui.sidebar_notes import NotesPanel

        self.left_panel = QTabWidget(self)
        self.left_panel.setDocumentMode(True)
        self.article_list = ArticleList(self.left_panel)
        self.left_panel.addTab(self.article_list, "Articles")
        self.sidebar = QTabWidget(self)
        self.sidebar.setDocumentMode(True)
        self.entities_panel = EntitiesPanel(self.sidebar)
        self.notes_panel = NotesPanel(self.sidebar)
        self.sidebar.addTab(self.entities_panel, "Entities")
        self.sidebar.addTab(self.notes_panel, "Notes")
        for index, widget in ((ARTICLE_LIST_INDEX, self.left_panel), (SIDEBAR_INDEX, self.sidebar)):
            widget.setMinimumWidth(self.splitter.widget(index).minimumWidth())
            self.splitter.replaceWidget(index, widget).deleteLater()
        self.hover = HoverController(self.reader, lambda: self.session.dictionary, self._tone_palette, self)
        self.actions_by_name = build_actions(self)
        self._connect_panels()
        self.notes_panel.fullwidth_punctuation = self.settings.fullwidth_punctuation  # the reader has its style
        if self.settings.show_page_view:
            self.build_page_view()

    def build_page_view(self):
        """The printed-page pane, made once, in the splitter's third place."""
        if self.page_view is None:
            from dubao.gui.page_view import PageView

            self.page_view = PageView(self.session, self)
            self.page_view.setMinimumWidth(200)
            self.page_view.article_requested.connect(self.open_article)
            # keeps the placeholder's size and (hidden) state
            self.splitter.replaceWidget(PAGE_VIEW_INDEX, self.page_view).deleteLater()
        return self.page_view

    def _on_page_view(self, method: str, *args) -> None:
        if self.page_view is not None:  # not built yet: nothing is shown in it to follow
            getattr(self.page_view, method)(*args)

    def _connect_panels(self) -> None:
        reader = self.reader
        # before the note editor opens (modal): the page shows where the clicked highlight is printed
        reader.annotation_clicked.connect(lambda annotation_id: self._on_page_view("show_annotation", annotation_id))
        self._connect_article_analysis()  # a huge article's progress, and the view it is read from
        self.article_list.article_chosen.connect(self.open_article)
        reader.annotation_clicked.connect(self.edit_annotation)
        self.hover.save_requested.connect(self.save_word)
        self.notes_panel.jump_requested.connect(lambda a, s, e: self.open_article(a, (s, e)))
        self.entities_panel.entity_chosen.connect(self._mark_entity)
        self.entities_panel.article_requested.connect(self._open_entity_elsewhere)
        reader.selection_span_changed.connect(lambda: self._on_page_view("show_span", reader.selected_span()))
        self.notes_panel.jump_requested.connect(lambda _article, start, end: self._on_page_view("show_span", (start, end)))

    def _apply_reader_style(self) -> None:
        settings = self.settings
        if self.reader is not None:
            self.reader.set_style(settings.font_family, settings.font_size, settings.line_spacing,
                                  settings.fullwidth_punctuation)
        if self.notes_panel is not None and self.notes_panel.fullwidth_punctuation != settings.fullwidth_punctuation:
            self.notes_panel.fullwidth_punctuation = settings.fullwidth_punctuation
            self.notes_panel.refresh()

    def _tone_palette(self):
        return tuple(self.settings.tone_palette) if self.settings.tone_colors else None
