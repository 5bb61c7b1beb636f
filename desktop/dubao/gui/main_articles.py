"""The main window's article handling (a mixin of `MainWindow`): showing an article, analysing it on the thread
pool (jieba, readings, entities: the popup and the Entities tab wait for it; the text does not), the entity
sidebar following the reader, and moving between articles. A huge article is analysed from the text in view on,
its progress shown in the Entities tab and the status bar while the popup already works on the words found.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer


log = logging.getLogger(__name__)
ANALYSIS_DELAY_MS = 30


class ArticleHandlers:
    def open_article(self, article_id: int, highlight: tuple[int, int] | None = None) -> None:
        """Show an article (switching issue if needed), with `highlight` (code points) marked and in view."""
        if self.store is None:
            return
        try:
            article = self.store.get_article(article_id)
        except (KeyError, LookupError, ValueError):
            self.statusBar().showMessage(f"Article {article_id} is no longer in the library.", 5000)
            return
        if article.issue_id != self.current_issue_id:
            self.show_issue(article.issue_id)
        self.hover.hide()
        self.session.set_current(article)
        self.settings.last_article_id = article.id
        self.article_list.select_article(article.id)
        cached = self.session.analysis(article.id)
        complete = self.session.analysis_complete(article.id)
        self.reader.show_article(article, cached)
        self.reader.set_annotations(self.store.annotations(article_id=article.id))
        if highlight is not None:
            self.reader.mark_spans([highlight])
        self.notes_panel.set_context(self.store, article.id, article.issue_id)
        self._show_entities(article)
        if not complete:
            # start after the text has painted: the analysis thread holds the GIL for long stretches
            QTimer.singleShot(ANALYSIS_DELAY_MS, self, lambda: self._analyse_if_current(article))
        else:
            self.analysis_ready.emit(article.id)

    def _connect_article_analysis(self) -> None:
        self.session.analysis_progress.connect(self._on_analysis_progress)
        self.reader.verticalScrollBar().valueChanged.connect(self._follow_view)

    def _analyse_if_current(self, article) -> None:
        if self.starting:
            # loading the language models holds the interpreter for long stretches: the reading tools are built
            # first, and the window's start-up asks for this analysis when it is done
            self.held_analysis = article
            return
        if self.current_article_id == article.id and not self.session.analysis_complete(article.id):
            self.entities_panel.set_status("Analysing…")
            self.session.request_analysis(article, self.reader.first_visible_offset())

    def _follow_view(self) -> None:
        if self.reader.current_article is not None and not self.session.analysis_complete(self.reader.current_article.id):
            self.session.set_focus(self.reader.current_article.id, self.reader.first_visible_offset())

    def _on_analysis_progress(self, article_id: int, stage: str, done: int, total: int) -> None:
        article = self.reader.current_article
        if article is None or article.id != article_id:
            return
        self.reader.set_analysis(self.session.analysis(article_id))
        from dubao.core.windows import percent_done

        percent = percent_done(done, total)
        if stage == "words":
            short, message = f"Reading words… {percent}%", f"Reading the words of this long article: {percent}% (the text in view first)"
        else:
            short, message = f"Finding names… {percent}%", f"Finding names in this long article: {percent}% (word popups work already)"
        self.entities_panel.set_status(short)
        self.statusBar().showMessage(message)

    def _on_analysed(self, article_id: int) -> None:
        self.entities_panel.set_status("")
        if self.statusBar().currentMessage().endswith(("(the text in view first)", "(word popups work already)")):
            self.statusBar().clearMessage()
        article = self.reader.current_article
        if article is None or article.id != article_id:
            return
        self.reader.set_analysis(self.session.analysis(article_id))
        if self.session.issue_entities(article.issue_id) is None:
            self._show_entities(article)  # no stored entities: the article's own, now found
        self.analysis_ready.emit(article_id)

    def _on_analysis_failed(self, message: str) -> None:
        self.entities_panel.set_status("Word readings unavailable: " + message)

    def _show_entities(self, article) -> None:
        entities = self.session.issue_entities(article.issue_id)
        if entities is None:  # an issue imported without entities: show this article's own when analysed
            analysis = self.session.analysis(article.id)
            entities = analysis.entities if analysis is not None else []
        self.entities_panel.set_entities(self.store, entities, article.index, article.id)

    def _mark_entity(self, entity) -> None:
        article = self.reader.current_article
        if entity is None or article is None:
            self.reader.mark_spans([])
            return
        spans = [(m.start, m.end) for m in entity.mentions if m.article == article.index]
        self.reader.mark_spans(spans)

    def _open_entity_elsewhere(self, article_id: int, name: str) -> None:
        self.open_article(article_id)
        text = self.reader.text()
        spans, start = [], text.find(name)
        while start >= 0:
            spans.append((start, start + len(name)))
            start = text.find(name, start + len(name))
        self.reader.mark_spans(spans)

    def step_article(self, step: int) -> None:
        ids = self.article_list.article_ids()
        if self.current_article_id in ids:
            position = ids.index(self.current_article_id) + step
            if 0 <= position < len(ids):
                self.open_article(ids[position])
