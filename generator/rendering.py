"""Turn a corpus into Markdown pages whose contributor text is all escaped HTML.

Each page is Markdown only for what the site generator needs (front matter with the title, year
headings for the table of contents); everything contributors wrote is HTML, escaped so that
neither HTML nor Markdown nor template syntax in it has any effect. That HTML comes in *slots*
(generator/slots.py): a page is a Markdown skeleton whose HTML blocks are rendered only when
asked for, so that a site generator can leave them out of its Markdown conversion and build one
page's HTML at a time. The layout assumes directory URLs (``topics/thaad/``), which MkDocs uses
by default.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.charts import sparkline, topic_chart
from generator.dates import MONTHS, Precision
from generator.escaping import escape_text, paragraphs
from generator.exports.paths import export_paths_for_topic, feed_paths_for
from generator.links import safe_href
from generator.model import group_by_year
from generator.slots import Fragment, fill, marker
from generator.structured import script_json, topic_graph
from generator.threads import co_actors, related_events

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from generator.dates import When
    from generator.diagnostics import Diagnostic
    from generator.model import Article, Corpus, Event

TEMPLATES = Path(__file__).resolve().parent / "templates"
RECENT_ARTICLES = 10
RELATED_SHOWN = 2

def day_words(day: date) -> str:
    """A calendar day in words, e.g. '5 February 2015'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=escape_text,
    )
    environment.filters["paragraphs"] = paragraphs
    environment.filters["shorten"] = shorten
    # Jinja's own join escapes items for HTML only; contributor text needs escape_text.
    environment.filters["join_text"] = lambda items, sep=", ": Markup(sep).join(
        escape_text(item) for item in items)
    environment.filters["day"] = day_words
    environment.filters["safe_href"] = safe_href
    return environment


def _no_fragments() -> tuple[Fragment, ...]:
    return ()


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its title (plain text), its Markdown skeleton with
    the HTML fragments that fill it, and the content file it comes from."""

    uri: str
    title: str
    skeleton: str
    """The Markdown with a slot marker (an HTML comment) in place of each HTML block."""
    fragments: Callable[[], tuple[Fragment, ...]] = field(
        default=_no_fragments, compare=False, repr=False)
    """Renders the HTML of every slot, in marker order; called when needed, not kept."""
    anchors: Callable[[], tuple[str, ...]] = field(default=tuple, compare=False, repr=False)
    """The ids of the elements in the page's HTML blocks, for link checkers that read only the
    Markdown (MkDocs' anchor validation): events, months, articles."""
    signature: Callable[[], int] = field(default=lambda: 0, compare=False, repr=False)
    """A digest of everything the page shows (within one process: it uses ``hash``); equal
    digests, equal pages. A preview rebuilds only the pages whose digest changed."""
    source_path: str = ""
    in_nav: bool = True
    description: str = ""
    feeds: tuple[tuple[str, str], ...] = ()
    """(title, path) of the feeds about this page's subject, beside the whole site's."""

    @property
    def body(self) -> str:
        """The whole page as Markdown, its HTML blocks in place."""
        return fill(self.skeleton, self.fragments())

    def markdown(self, *, title_as_html: bool = False, slots: bool = False) -> str:
        """The page as a Markdown file with its title in front matter.

        With ``slots``, the body is the skeleton: its HTML blocks are markers for the caller to
        fill with :attr:`fragments` after converting the Markdown.

        Some themes (Material for MkDocs among them) print the title as HTML without escaping
        it; for those, ``title_as_html`` escapes it first. Quotes stay as they are: those
        themes escape titles in attributes themselves, and would show ``&#x27;`` otherwise.
        JSON is valid YAML, so the title reaches the front matter quoted and inert either way.
        """
        title = html.escape(self.title, quote=False) if title_as_html else self.title
        body = self.skeleton if slots else self.body
        return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{body}"


EditUrl = Callable[[str], "str | None"]
"""Maps a content file's path to where it can be edited, or None."""


FragmentCache = dict[tuple[str, int], tuple[int, Fragment]]
"""Rendered blocks of events by (page, slot number), with the digest of what they show: kept by
a preview between rebuilds, so that an edit re-renders only the blocks (years) it changes."""


def render_site(corpus: Corpus, *, edit_url: EditUrl | None = None,
                problems: Sequence[Diagnostic] = (),
                fragment_cache: FragmentCache | None = None) -> dict[str, Page]:
    """Every generated page of the site, keyed by its path (e.g. ``topics/thaad.md``).

    ``edit_url`` maps a content file's path to the address where it can be edited; when given,
    each event links to the file that defines it. ``problems`` are shown in a banner at the top
    of every page: for a preview, so that a broken file is seen in the browser, not only in a
    terminal. A ``fragment_cache`` kept between calls lets pages reuse the blocks of events
    whose content did not change.
    """
    renderer = _Renderer(corpus, edit_url, problems, fragment_cache)
    pages = [renderer.home(), renderer.sources(), renderer.actor_index()]
    pages += [renderer.topic(topic_id) for topic_id in corpus.topics]
    pages += [renderer.actor(actor_id) for actor_id in corpus.actors]
    return {page.uri: page for page in pages}


NavEntry = tuple[str, "str | list[NavEntry]"]


def navigation(corpus: Corpus) -> list[NavEntry]:
    """The generated pages as a nested outline of (title, page or children), for any generator."""
    topics: list[NavEntry] = [(topic.title, f"topics/{topic.id}.md")
                              for topic in corpus.topics.values()]
    # Actor pages are reached from their index and from every mention, not from the navigation:
    # listed there, they would repeat on every page and outweigh the timeline itself.
    return [("Home", "index.md"), ("Topics", topics), ("Actors", "actors/index.md"),
            ("Sources", "sources.md")]


def span(events: Sequence[Event]) -> str:
    """The dates of the first and last of events in timeline order, once if they are the same."""
    first, last = events[0].when.label(), events[-1].when.label()
    return first if first == last else f"{first} – {last}"


def first_paragraph(text: str, limit: int = 300) -> str:
    """The first paragraph of plain text, shortened for a page description."""
    found = paragraphs(text)
    return shorten(found[0], limit) if found else ""


def _feed_links(subject: str, paths: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return ((f"{subject} (Atom)", paths["atom"]), (f"{subject} (JSON Feed)", paths["json"]))


def shorten(text: str, limit: int = 60) -> str:
    """Text cut at a word boundary to about ``limit`` characters, for compact link lists."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def date_class(when: When) -> str:
    """CSS classes saying how precise and how certain a date is, for its badge.

    A plain day, the common case, needs no modifier.
    """
    classes = ["annals-date"]
    if when.precision is not Precision.DAY:
        classes.append(f"annals-date--{when.precision.name.lower()}")
    points = [when.start] if when.end is None else [when.start, when.end]
    if when.end is not None:
        classes.append("annals-date--interval")
    if any(point.approximate for point in points):
        classes.append("annals-date--approximate")
    if any(point.uncertain for point in points):
        classes.append("annals-date--uncertain")
    return " ".join(classes)


def event_url(event: Event) -> str:
    """The event's permalink from the site root: its anchor on its first topic's page."""
    return f"topics/{event.topics[0]}/#{event.id}"


class _SearchVersions:
    """What a search indexer reads in place of blocks of events or articles: the text to find,
    without the markup for layout (several times larger), each event under a heading with its
    anchor, so that a result lands on it."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def events(self, events: Sequence[Event]) -> str:
        """Per event: title, date, summary, quotes, actors, places, tags and sources."""
        corpus = self.corpus
        parts = []
        for event in events:
            texts = [event.when.label(), *paragraphs(event.summary)]
            texts += [f"“{quote.text}” ({corpus.actors[quote.by].name})"
                      for quote in event.quotes]
            names = [corpus.actors[actor].name for actor in event.actors]
            names += [*event.places, *event.tags]
            if names:
                texts.append(", ".join(names))
            texts += [f"{article.publisher}: {article.title}"
                      for article in corpus.event_sources(event)]
            body = "".join(f"<p>{escape_text(text)}</p>" for text in texts)
            parts.append(f'<h3 id="{html.escape(event.id)}">{escape_text(event.title)}</h3>'
                         f"{body}\n")
        return "".join(parts)

    @staticmethod
    def articles(articles: Sequence[Article]) -> str:
        """Per article: title, publisher, date and summary (its events are on the timelines)."""
        return "".join(
            f"<p>{escape_text(article.title)}, {escape_text(article.publisher)}, "
            f"{day_words(article.published)}. {escape_text(' '.join(paragraphs(article.summary)))}"
            "</p>\n" for article in articles)


class _Slots:
    """The templates' ``{% call html() %}`` block: a marker in the skeleton, or a fragment.

    Rendering a template with ``collect=False`` gives the skeleton and never renders the
    blocks' insides (Jinja calls them only on demand); with ``collect=True`` the blocks are
    rendered into :attr:`fragments` in the same order. ``search_events`` (or
    ``search_articles``) gives the search version of a block of events (or articles);
    ``searchable=False`` leaves a block out of search.
    """

    def __init__(self, *, collect: bool, search: _SearchVersions,
                 first: Sequence[Fragment] = (), cache: FragmentCache | None = None,
                 uri: str = "", key_of: Callable[[Sequence[Event]], int] | None = None
                 ) -> None:
        self.collect = collect
        self.search = search
        self.fragments: list[Fragment] = list(first)
        self.count = len(first)
        self.cache, self.uri, self.key_of = cache, uri, key_of

    def __call__(self, caller: Callable[[], str], *, search_events: Sequence[Event] | None = None,
                 search_articles: Sequence[Article] | None = None,
                 searchable: bool = True) -> Markup:
        number = self.count
        self.count += 1
        if not self.collect:
            # Blank lines around: the comment must be a block of its own in Markdown.
            return Markup(f"\n\n{marker(number)}\n\n")
        if search_events is not None and self.cache is not None and self.key_of is not None:
            key = self.key_of(search_events)
            known = self.cache.get((self.uri, number))
            if known is None or known[0] != key:
                known = (key, self._fragment(caller, search_events, None, searchable))
                self.cache[(self.uri, number)] = known
            self.fragments.append(known[1])
        else:
            self.fragments.append(
                self._fragment(caller, search_events, search_articles, searchable))
        return Markup("")

    def _fragment(self, caller: Callable[[], str], search_events: Sequence[Event] | None,
                  search_articles: Sequence[Article] | None, searchable: bool) -> Fragment:
        search = None
        if search_events is not None:
            search = self.search.events(search_events)
        elif search_articles is not None:
            search = self.search.articles(search_articles)
        elif not searchable:
            search = ""
        return Fragment(str(caller()), search)


class _Renderer:
    def __init__(self, corpus: Corpus, edit_url: EditUrl | None,
                 problems: Sequence[Diagnostic], fragment_cache: FragmentCache | None = None
                 ) -> None:
        self.corpus = corpus
        self.fragment_cache = fragment_cache
        self.related = related_events(corpus)
        self._related_titles_by_id: dict[str, tuple[object, ...]] = {}
        self.search = _SearchVersions(corpus)
        self.edit_url = edit_url
        self.banner = _environment().get_template("_problems.html.j2").render(
            problems=problems) if problems else ""

    def render(self, template: str, uri: str, title: str, source: str = "", *,
               outline: dict[str, Any] | None = None,
               details: Callable[[], dict[str, Any]] | None = None,
               shows: Callable[[], tuple[object, ...]] = tuple,
               anchors: Callable[[], tuple[str, ...]] = tuple) -> Page:
        """A page from ``template``: ``outline`` is what its skeleton needs (kept cheap: it is
        rendered for every page up front), ``details`` the rest, computed only when the
        page's fragments are rendered. ``shows`` lists the model objects the page displays,
        for its signature; it may list more than the page uses (a needless rebuild), never
        less (a stale page)."""
        depth = uri.count("/") + (0 if uri.endswith("index.md") else 1)
        common = {"corpus": self.corpus, "root": "../" * depth, "event_url": event_url,
                  "span": span, "edit_url": self.edit_url, "date_class": date_class,
                  "month_name": lambda month: MONTHS[month - 1], "related": self.related,
                  **(outline or {})}
        first = (Fragment(self.banner, ""),) if self.banner else ()
        skeleton_slots = _Slots(collect=False, search=self.search, first=first)
        skeleton = _environment().get_template(template).render(html=skeleton_slots, **common)
        if first:
            skeleton = f"{marker(0)}\n\n{skeleton}"

        def fragments() -> tuple[Fragment, ...]:
            context = {**common, **(details() if details else {})}
            slots = _Slots(collect=True, search=self.search, first=first,
                           cache=self.fragment_cache, uri=uri,
                           key_of=context.pop("block_key", None))
            _environment().get_template(template).render(html=slots, **context)
            return tuple(slots.fragments)

        def signature() -> int:
            # The topics are in every page's navigation, which the theme draws.
            return hash((template, skeleton, self.banner, self.edit_url is not None,
                         self._topic_titles(), shows()))

        return Page(uri, title, skeleton, fragments, anchors, signature, source)

    def home(self) -> Page:
        def details() -> dict[str, Any]:
            topics = [(topic, self.corpus.topic_events(topic.id),
                       sparkline(self.corpus.topic_events(topic.id), topic.title))
                      for topic in self.corpus.topics.values()]
            return {"topics": topics, "recent": self._recent()}
        return self.render("home.md.j2", "index.md", "Annals", details=details,
                           shows=lambda: (tuple(self.corpus.topics.values()),
                                          tuple(self._recent()), self._outline_of_events()))

    def _recent(self) -> list[Article]:
        return sorted(self.corpus.articles.values(), key=lambda a: (a.added, a.published, a.id),
                      reverse=True)[:RECENT_ARTICLES]

    # What pages show of other objects than their own, for their signatures.

    def _sources_and_names(self, events: Sequence[Event]) -> tuple[object, ...]:
        corpus = self.corpus
        return (tuple(corpus.event_sources(event) for event in events),
                tuple(corpus.actors[a] for event in events for a in event.actors),
                tuple(corpus.actors[q.by] for event in events for q in event.quotes))

    def _related_titles(self, event: Event) -> tuple[object, ...]:
        known = self._related_titles_by_id.get(event.id)
        if known is None:
            known = tuple((o.id, o.title, o.topics) for o in self.related[event.id])
            self._related_titles_by_id[event.id] = known
        return known

    def _topic_titles(self) -> tuple[tuple[str, str], ...]:
        return tuple((topic.id, topic.title) for topic in self.corpus.topics.values())

    def _outline_of_events(self) -> tuple[object, ...]:
        return tuple((event.id, event.when, event.title, event.topics)
                     for event in self.corpus.events)

    def topic(self, topic_id: str) -> Page:
        topic = self.corpus.topics[topic_id]
        events = self.corpus.topic_events(topic_id)

        def details() -> dict[str, Any]:
            actor_ids = {actor for event in events for actor in event.actors}
            # The events just before and after are already beside each event on this page.
            beside = {event.id: {e.id for e in events[max(index - 1, 0):index + 2]}
                      for index, event in enumerate(events)}
            related = {event.id: tuple(other for other in self.related[event.id]
                                       if other.id not in beside[event.id])[:RELATED_SHOWN]
                       for event in events}
            def block_key(block: Sequence[Event]) -> int:
                # Everything a block of this page's events shows (see the template).
                return hash((tuple(block), self._sources_and_names(block),
                             tuple(tuple((o.id, o.title, o.topics) for o in related[e.id])
                                   for e in block), self._topic_titles(),
                             self.edit_url is not None))

            return {
                "block_key": block_key,
                "related": related,
                "downloads": export_paths_for_topic(topic_id) if events else {},
                "feeds": feed_paths_for("topic", topic_id),
                "chart": topic_chart(events, topic.title, f"chart-{topic_id}"),
                "filter_actors": sorted((self.corpus.actors[a] for a in actor_ids),
                                        key=lambda a: (a.name.casefold(), a.id)),
                "filter_tags": sorted({tag for event in events for tag in event.tags}),
                "filter_places": sorted({place for event in events for place in event.places},
                                        key=str.casefold),
                "jsonld": Markup(script_json(topic_graph(self.corpus, topic_id)))}

        def shows() -> tuple[object, ...]:
            others = {*topic.related, *(t for event in events for t in event.topics)}
            return (topic, events, self._sources_and_names(events),
                    tuple(self._related_titles(event) for event in events),
                    tuple(self.corpus.topics[t].title for t in sorted(others)))

        def anchors() -> tuple[str, ...]:
            months = {f"month_{e.when.year:04d}-{e.when.start.local.month:02d}"
                      for e in events if e.when.precision >= Precision.MONTH}
            chart = (f"chart-{topic_id}-t", f"chart-{topic_id}-d") if events else ()
            return (*chart, *sorted(months), *(event.id for event in events))

        page = self.render("topic.md.j2", f"topics/{topic_id}.md", topic.title, topic.path,
                           outline={"topic": topic, "events": events,
                                    "years": group_by_year(events)},
                           details=details, shows=shows, anchors=anchors)
        return replace(page, description=first_paragraph(topic.summary),
                       feeds=_feed_links(topic.title, feed_paths_for("topic", topic_id)))

    def actor(self, actor_id: str) -> Page:
        actor = self.corpus.actors[actor_id]
        events = self.corpus.actor_events(actor_id)
        page = self.render("actor.md.j2", f"actors/{actor_id}.md", actor.name, actor.path,
                           outline={"actor": actor, "events": events,
                                    "years": group_by_year(events),
                                    "quotes": self.corpus.quotes_by(actor_id)},
                           details=lambda: {"co_actors": co_actors(self.corpus, actor_id)},
                           shows=lambda: (actor, tuple(
                               (e.id, e.when, e.title, e.topics, e.quotes, e.actors)
                               for e in events), self._sources_and_names(events)[1:],
                               # Quotes by the actor in events that do not list it as an actor.
                               tuple((e.id, e.when, e.title, e.topics, quote)
                                     for e, quote in self.corpus.quotes_by(actor_id))))
        return replace(page, in_nav=False, description=actor.description,
                       feeds=_feed_links(actor.name, feed_paths_for("actor", actor_id)))

    def actor_index(self) -> Page:
        actors = sorted(self.corpus.actors.values(), key=lambda a: (a.name.casefold(), a.id))
        return self.render("actors.md.j2", "actors/index.md", "Actors",
                           details=lambda: {"actors": actors},
                           shows=lambda: (tuple(actors), tuple(
                               len(self.corpus.actor_events(a.id)) for a in actors)))

    def sources(self) -> Page:
        articles = sorted(self.corpus.articles.values(),
                          key=lambda a: (a.published, a.publisher.casefold(), a.id))
        years: dict[int, list[Article]] = {}
        for article in articles:
            years.setdefault(article.published.year, []).append(article)
        return self.render("sources.md.j2", "sources.md", "Sources",
                           outline={"years": sorted(years.items())},
                           shows=lambda: (tuple(articles), self._outline_of_events()),
                           anchors=lambda: tuple(article.id for article in articles))
