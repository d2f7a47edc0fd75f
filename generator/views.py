"""Page views: frozen data holding exactly what each page shows, built from the corpus.

Templates print views and never see the corpus; a view is made of strings, numbers and tuples
(links as site paths from :mod:`generator.urls`), so a page's signature, a block's cache key, its
anchor ids and its search text are all derived from the view: they cannot drift from what the
page shows. One :class:`EventView` serves the timeline, the feeds' HTML, TimelineJS and the
Pagefind records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from generator import urls
from generator.archives import RobustLink, robust_link
from generator.charts import sparkline, topic_chart
from generator.dates import MONTHS, Precision
from generator.escaping import paragraphs
from generator.languages import html_dir, html_lang, translation_label
from generator.links import safe_href
from generator.lookalike import searchable, skeleton
from generator.map_view import MapView, home_map, topic_map
from generator.model import group_by_year
from generator.structured import script_json, topic_graph
from generator.threads import co_actors, related_events

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Sequence
    from datetime import date

    from generator.dates import When
    from generator.history import History
    from generator.memo import ViewMemo
    from generator.model import Article, Corpus, Event, Quote

EditUrl = Callable[[str], "str | None"]
"""Maps a content file's path to where it can be edited, or None."""

_View = TypeVar("_View")


@dataclass(frozen=True)
class SiteName:
    """What the site calls itself (from the site generator's configuration)."""

    name: str = "Annals"
    description: str = ("Dated, sourced timelines of geopolitical disputes, built from curated "
                        "news articles. Every event cites the articles that report it.")

    @classmethod
    def of(cls, name: str | None, description: str | None) -> SiteName:
        """A site's name and description as its configuration gives them (``site_name``,
        ``site_description``); the defaults for what it leaves out."""
        default = cls()
        return cls(name or default.name, description or default.description)

RECENT_ARTICLES = 10
RELATED_SHOWN = 1
LATEST_SHOWN = 10


def day_words(day: date) -> str:
    """A calendar day in words, e.g. '5 February 2015'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def plural(count: int, word: str) -> str:
    """``1 event``, ``2 events``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def span(events: Sequence[Event]) -> str:
    """The dates of the first and last of events in timeline order, once if they are the same."""
    if not events:
        return ""
    first, last = events[0].when.label(), events[-1].when.label()
    return first if first == last else f"{first} – {last}"


def shorten(text: str, limit: int = 60) -> str:
    """Text cut at a word boundary to about ``limit`` characters, for compact link lists."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def first_paragraph(text: str, limit: int = 300) -> str:
    """The first paragraph of plain text, shortened for a page description."""
    found = paragraphs(text)
    return shorten(found[0], limit) if found else ""


def date_class(when: When) -> str:
    """CSS classes saying how precise and how certain a date is (a plain day needs none)."""
    classes = []
    if when.precision is not Precision.DAY:
        classes.append(f"d-{when.precision.name.lower()}")
    points = [when.start] if when.end is None else [when.start, when.end]
    if when.end is not None:
        classes.append("d-interval")
    if any(point.approximate for point in points):
        classes.append("d-approximate")
    if any(point.uncertain for point in points):
        classes.append("d-uncertain")
    return " ".join(classes)


def machine_date(when: When) -> str:
    """The start of a date for ``<time datetime>`` and schema.org: as written, unqualified."""
    return when.start.text.rstrip("~?%")


# --- the pieces --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Link:
    """A link: a site path from the root (made relative by the template) or an absolute URL."""

    path: str
    text: str


@dataclass(frozen=True, slots=True)
class SourceView:
    """One article as a source of an event."""

    title: str
    publisher: str
    href: str
    """The article's address, "" when it is not a safe http(s) link."""
    published: str
    archive_href: str
    link: RobustLink | None = None
    """The Robust Link to the article (None when it has no safe address)."""
    lang: str = ""
    """The title's language for ``lang`` when it is not English (else "")."""
    dir: str = ""
    """``rtl`` for a title written right to left (else "")."""
    title_translation: str = ""
    translation_label: str = ""


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A quote and its speaker's name."""

    text: str
    speaker: str
    lang: str = ""
    """The original's language for ``lang`` when it is not English (else "")."""
    dir: str = ""
    """``rtl`` for words written right to left (else "")."""
    translation: str = ""
    """Its English translation, beside it (never in its place)."""
    translation_label: str = ""
    """Who made the translation, as readers are told."""
    translation_href: str = ""
    """Where the publisher's English version is, when given."""

    def search_texts(self) -> tuple[str, ...]:
        """The quote as search finds it: the original, and its translation with who made it."""
        texts = [f"“{self.text}” ({self.speaker})"]
        if self.translation:
            texts.append(f"{self.translation_label} {self.translation}")
        return tuple(texts)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of an event's history: a change (the fields, the commit's subject) or a
    curator's correction note."""

    date: str
    """The day in words; "" for a change not yet committed, or the note on earlier history."""
    text: str
    subject: str = ""
    correction: bool = False


@dataclass(frozen=True, slots=True)
class HistoryView:
    """An event's history: what its card says ("Updated 30 November 2026"), and its lines,
    newest first."""

    summary: str
    entries: tuple[HistoryEntry, ...]


@dataclass(frozen=True, slots=True)
class EventView:
    """One event as a timeline shows it, in the context of one topic (``topic``)."""

    id: str
    title: str
    date: str
    date_class: str
    datetime: str
    year: int
    summary: tuple[str, ...]
    quotes: tuple[QuoteView, ...]
    actors: tuple[tuple[str, Link], ...]
    """(actor id, link to the actor's page)."""
    places: tuple[str, ...]
    tags: tuple[Link, ...]
    """Each tag, linking to its page filtered by it (a link relative to the page)."""
    related: tuple[Link, ...]
    also_on: tuple[Link, ...]
    sources: tuple[SourceView, ...]
    edit: str
    permalink: str
    topic: str = ""
    """The title of the topic whose pages show the event in this view."""
    primary: bool = True
    """Whether that topic is the event's first: search lists an event once, there."""
    history: HistoryView | None = None
    """Its changes and corrections; None when there are none to show."""

    def search_texts(self) -> tuple[str, ...]:
        """What a reader may find the event by, beyond its title: date, summary, quotes with
        their speakers, actors, places, tags and sources."""
        texts = [self.date, *self.summary]
        texts += [text for quote in self.quotes for text in quote.search_texts()]
        names = [link.text for _, link in self.actors] + [*self.places]
        names += [link.text for link in self.tags]
        if names:
            texts.append(", ".join(names))
        texts += [f"{source.publisher}: {source.title}" + (
            f" ({source.translation_label} {source.title_translation})"
            if source.title_translation else "") for source in self.sources]
        if self.also_on:
            texts.append("Also on " + ", ".join(link.text for link in self.also_on))
        found = [searchable(text) for text in texts]
        # A title with invisible characters or look-alike letters is also indexed as it reads,
        # so that a reader typing what they see finds it.
        for form in (searchable(self.title), skeleton(self.title)):
            if form.casefold() != self.title.casefold() and form not in found:
                found.append(form)
        return tuple(found)


@dataclass(frozen=True, slots=True)
class MonthView:
    """The events of one month of a year (``anchor`` "" for those known only to the year)."""

    anchor: str
    label: str
    events: tuple[EventView, ...]


@dataclass(frozen=True, slots=True)
class YearView:
    """One year's block of events: its heading and its months, in timeline order."""

    year: int
    anchor: str
    months: tuple[MonthView, ...]

    def events(self) -> tuple[EventView, ...]:
        """Every event of the block, in order."""
        return tuple(event for month in self.months for event in month.events)

    def anchors(self) -> tuple[str, ...]:
        """The ids in the block: months, then events."""
        return (*(m.anchor for m in self.months if m.anchor),
                *(event.id for event in self.events()))


@dataclass(frozen=True, slots=True)
class Period:
    """A link to one page of a split timeline, with what it holds."""

    link: Link
    count: int


@dataclass(frozen=True, slots=True)
class Filters:
    """The options of a timeline's filters."""

    actors: tuple[tuple[str, str], ...]
    tags: tuple[str, ...]
    places: tuple[str, ...]
    years: tuple[int, ...]
    map_path: str
    """A split topic's event map (urls.topic_map_path), "" for a page of every event."""


@dataclass(frozen=True, slots=True)
class TopicView:
    """A topic page: the whole timeline, a split topic's overview, or one year or month."""

    file: str
    title: str
    description: str
    source_path: str
    intro: tuple[str, ...]
    stats: str
    region: str
    downloads: tuple[Link, ...]
    related_topics: tuple[Link, ...]
    chart: str
    chart_anchors: tuple[str, ...]
    filters: Filters | None
    years: tuple[YearView, ...]
    periods: tuple[Period, ...]
    """A split page's pages (years of an overview, months of a split year)."""
    latest: tuple[tuple[str, Link], ...]
    up: Link | None
    previous: Link | None
    next: Link | None
    jsonld: str
    feeds: tuple[tuple[str, str], ...]
    compare: tuple[Link, ...] = ()
    """The pages that lay this topic on one time axis with others (urls.compare_groups), each
    named by the other topics."""
    updated: str = ""
    """When the topic last changed ("Last updated …"), or why that is not known; "" when the
    build was given no history."""
    map: MapView | None = None
    """The map of the topic's places (on its overview), when a place has coordinates."""

    def anchors(self) -> tuple[str, ...]:
        """Every id of the page's HTML blocks."""
        return (*self.chart_anchors, *(self.map.anchors if self.map else ()),
                *(a for year in self.years for a in year.anchors()))


@dataclass(frozen=True, slots=True)
class ListedEvent:
    """An event in a list of links: date, title and topics."""

    datetime: str
    date: str
    link: Link
    topics: str


@dataclass(frozen=True, slots=True)
class ActorView:
    """An actor's page (or one year or month of a split one)."""

    file: str
    title: str
    description: str
    source_path: str
    kind: str
    aliases: tuple[str, ...]
    stats: str
    co_actors: tuple[tuple[Link, int], ...]
    quotes: tuple[tuple[QuoteView, Link], ...]
    years: tuple[tuple[int, str, tuple[ListedEvent, ...]], ...]
    periods: tuple[Period, ...]
    up: Link | None
    feeds: tuple[tuple[str, str], ...]
    previous: Link | None = None
    next: Link | None = None
    chart: str = ""
    """The actor's events over time (SVG), each bar linking to its year."""
    chart_anchors: tuple[str, ...] = ()

    def anchors(self) -> tuple[str, ...]:
        """Every id of the page's HTML blocks (its headings are Markdown): the chart's."""
        return self.chart_anchors


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One line of the actors' index."""

    link: Link
    kind: str
    events: str


@dataclass(frozen=True, slots=True)
class ActorsView:
    """The actors' index, or one initial of it when it is split."""

    file: str
    title: str
    actors: tuple[ActorEntry, ...]
    periods: tuple[Period, ...] = ()
    """A split index's initials, with how many actors each holds."""
    up: Link | None = None

    def anchors(self) -> tuple[str, ...]:
        """No ids in its blocks."""
        return ()


@dataclass(frozen=True, slots=True)
class TopicEntry:
    """One line of the topics index."""

    link: Link
    stats: str


@dataclass(frozen=True, slots=True)
class TopicsView:
    """The topics index (past :data:`urls.NAV_TOPICS` topics), or one initial of it."""

    file: str
    title: str
    topics: tuple[TopicEntry, ...]
    periods: tuple[Period, ...] = ()
    """A split index's initials, with how many topics each holds."""
    up: Link | None = None

    def anchors(self) -> tuple[str, ...]:
        """No ids in its blocks."""
        return ()


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One curated article on the sources pages."""

    id: str
    title: str
    href: str
    publisher: str
    published: str
    dateline: str
    summary: tuple[str, ...]
    events: tuple[Link, ...]
    source: SourceView | None = None
    """The article as a source: its Robust Link, its title's language and translation."""

    def search_text(self) -> str:
        """Title (and its translation), publisher, date and summary (its events are found on
        the timelines)."""
        title = self.title
        if self.source is not None and self.source.title_translation:
            title += f" ({self.source.translation_label} {self.source.title_translation})"
        return f"{title}, {self.publisher}, {self.published}. {' '.join(self.summary)}"


@dataclass(frozen=True, slots=True)
class SourcesView:
    """The sources page (or one year or month of it when split)."""

    file: str
    title: str
    years: tuple[tuple[int, str, tuple[ArticleView, ...]], ...]
    periods: tuple[Period, ...]
    up: Link | None
    previous: Link | None = None
    next: Link | None = None

    def anchors(self) -> tuple[str, ...]:
        """The articles' ids."""
        return tuple(article.id for _, _, articles in self.years for article in articles)


@dataclass(frozen=True, slots=True)
class TopicCard:
    """A topic on the home page: its chart, counts and span, and its latest event."""

    link: Link
    chart: str
    stats: str
    latest: Link | None = None
    """The latest event, its date in the link's words."""


@dataclass(frozen=True, slots=True)
class RecentArticle:
    """A recent addition on the home page, dated by the news (when it was published)."""

    published: str
    link: Link
    publisher: str
    events: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class HomeView:
    """The home page."""

    file: str
    title: str
    """The site's name: the page's heading."""
    description: str
    topics: tuple[TopicCard, ...]
    recent: tuple[RecentArticle, ...]
    sources: Link
    """Every article, beyond the recent ones."""
    every_topic: Link | None = None
    """The topics index, when the page shows only the topics with the newest additions."""
    map: MapView | None = None
    """The map of every topic's places, when a place has coordinates."""

    def anchors(self) -> tuple[str, ...]:
        """The ids in its blocks: the map's."""
        return self.map.anchors if self.map else ()


PageView = TopicView | ActorView | ActorsView | TopicsView | SourcesView | HomeView


# --- building them -------------------------------------------------------------------------

class Views:
    """Builds every page's view from a corpus and its layout; each event view once per topic.

    With a ``memo`` kept between builds (a preview), a view whose inputs are those of a view of
    the last build is that view, not built again; ``edit_url`` must then compare by value.
    """

    def __init__(self, corpus: Corpus, layout: urls.Layout,
                 edit_url: EditUrl | None = None, memo: ViewMemo | None = None,
                 site: SiteName | None = None, history: History | None = None) -> None:
        self.corpus = corpus
        self.history = history
        self.layout = layout
        self.edit_url = edit_url
        self.site = site or SiteName()
        self.memo = memo
        # With a memo: the version of each event and article, what the views' keys are made of.
        self._event_version: dict[str, int] = {}
        self._article_version: dict[str, int] = {}
        # What a page shows of the events it stands for but does not show (its chart, filters,
        # counts, map): their dates and names, not their words.
        self._facet_version: dict[str, int] = {}
        if memo is not None:
            memo.begin(hash((tuple(corpus.topics.values()), tuple(corpus.actors.values()),
                             tuple(corpus.tags.values()), layout.key(), edit_url,
                             history.key if history else None,
                             tuple(corpus.places.values()))))
            self._event_version = {e.id: memo.versions.of(("event", e.id), e)
                                   for e in corpus.events}
            self._article_version = {a.id: memo.versions.of(("article", a.id), a)
                                     for a in corpus.articles.values()}
            self._facet_version = {e.id: memo.versions.of(
                ("facets", e.id), (e.when, e.actors, e.tags, e.places)) for e in corpus.events}
        self.related = self._related_events()
        self._events: dict[tuple[str, str], EventView] = {}
        self._sources: dict[str, SourceView] = {}
        self._listed: dict[str, ListedEvent] = {}
        self._topic_pages: dict[str, list[TopicView]] = {}

    def _related_events(self) -> dict[str, tuple[Event, ...]]:
        corpus = self.corpus
        if self.memo is None:
            return related_events(corpus)
        # What related_events reads: each event's actors, sources and place in time, and which
        # events each article reports.
        key = hash((tuple((e.id, e.when, e.actors, e.sources) for e in corpus.events),
                    tuple((a.id, a.event_ids) for a in corpus.articles.values())))
        ids = self.memo.related.get(key, lambda: {
            event: tuple(other.id for other in others)
            for event, others in related_events(corpus).items()})
        by_id = corpus.events_by_id
        return {event: tuple(by_id[other] for other in others) for event, others in ids.items()}

    def _remember(self, key: Hashable, make: Callable[[], _View]) -> _View:
        """``make()``, or the view the last build made from the same inputs (``key``)."""
        if self.memo is None:
            return make()
        return self.memo.views.get(key, make)  # type: ignore[return-value]

    def remember(self, key: Hashable, make: Callable[[], _View]) -> _View:
        """``make()``, or what the last build made under ``key``: for views built beside this
        class's (comparisons), whose key holds everything they show beyond what the memo's
        context holds (topics, layout)."""
        return self._remember(key, make)

    def digest(self, view: object) -> int:
        """``hash(view)``; worked out once per view object when views are remembered."""
        return hash(view) if self.memo is None else self.memo.digest(view)

    # Events.

    def source(self, article: Article) -> SourceView:
        """An article as a source (built once per article)."""
        known = self._sources.get(article.id)
        if known is None:
            translation = article.title_translation
            known = SourceView(
                article.title, article.publisher, safe_href(article.url),
                day_words(article.published), safe_href(article.archive_url),
                link=robust_link(article, day_words), lang=html_lang(article.language),
                dir=html_dir(article.language),
                title_translation=translation.text if translation else "",
                translation_label=translation_label(translation.by, article.publisher)
                if translation else "")
            self._sources[article.id] = known
        return known

    def quote(self, quote: Quote, event: Event) -> QuoteView:
        """A quote as shown: the original marked with its language, its translation beside it
        with who made it (a publisher's translation is the defining article's publisher's)."""
        translation = quote.translation
        publisher = self.corpus.articles[event.defined_in].publisher \
            if event.defined_in in self.corpus.articles else ""
        return QuoteView(
            quote.text, self.corpus.actors[quote.by].name, html_lang(quote.language),
            html_dir(quote.language), translation.text if translation else "",
            translation_label(translation.by, publisher) if translation else "",
            safe_href(translation.url) if translation and translation.url else "")

    def event(self, event: Event, topic_id: str | None = None,
              beside: frozenset[str] = frozenset()) -> EventView:
        """An event as shown on the pages of ``topic_id`` (default: its first topic).

        ``beside`` are the events next to it on its page, left out of its related links.
        """
        topic = topic_id or event.topics[0]
        key = (topic, event.id)
        known = self._events.get(key)
        if known is not None:
            return known
        corpus, layout = self.corpus, self.layout
        # A related event also on this topic is linked on this topic's pages.
        related = tuple(Link(layout.event_url(other, topic if topic in other.topics else None),
                             shorten(other.title, 50))
                        for other in self.related[event.id]
                        if other.id not in beside)[:RELATED_SHOWN]
        edit = (self.edit_url(event.path) or "") if self.edit_url else ""
        view = EventView(
            id=event.id, title=event.title, date=event.when.label(),
            date_class=date_class(event.when), datetime=machine_date(event.when),
            year=event.when.year,
            summary=tuple(paragraphs(event.summary)),
            quotes=tuple(self.quote(q, event) for q in event.quotes),
            actors=tuple((a, Link(urls.page_url(urls.actor_file(a)), corpus.actors[a].name))
                         for a in event.actors),
            places=event.places,
            tags=tuple(Link(urls.filter_link("tag", tag), tag) for tag in event.tags),
            related=related,
            also_on=tuple(Link(layout.event_url(event, other), corpus.topics[other].title)
                          for other in event.topics if other != topic),
            sources=tuple(self.source(article) for article in corpus.event_sources(event)),
            edit=edit, permalink=layout.event_url(event, topic),
            topic=corpus.topics[topic].title, primary=topic == event.topics[0],
            history=event_history(event, self.history))
        self._events[key] = view
        return view

    def _years(self, topic_id: str, events: Sequence[Event],
               neighbours: Callable[[Event], frozenset[str]]) -> tuple[YearView, ...]:
        years = []
        for year, year_events in group_by_year(events):
            months: list[tuple[int | None, list[EventView]]] = []
            for event in year_events:
                month = urls.event_month(event)
                if not months or months[-1][0] != month:
                    months.append((month, []))
                months[-1][1].append(self.event(event, topic_id, neighbours(event)))
            years.append(YearView(year, urls.year_anchor(year), tuple(
                MonthView(urls.month_anchor(year, month) if month else "",
                          f"{MONTHS[month - 1]} {year}" if month else "", tuple(views))
                for month, views in months)))
        return tuple(years)

    # Topics.

    def topics(self) -> list[TopicView]:
        """Every topic's pages: one each, or an overview and its years (and months)."""
        pages: list[TopicView] = []
        for topic_id in self.corpus.topics:
            pages += self.topic_pages(topic_id)
        return pages

    def topic_pages(self, topic_id: str) -> list[TopicView]:
        """One topic's pages (built once)."""
        if topic_id not in self._topic_pages:
            self._topic_pages[topic_id] = self._build_topic_pages(topic_id)
        return self._topic_pages[topic_id]

    def _build_topic_pages(self, topic_id: str) -> list[TopicView]:
        corpus, layout = self.corpus, self.layout
        topic = corpus.topics[topic_id]
        events = corpus.topic_events(topic_id)
        periods = layout.topics[topic_id]
        # The events just before and after are already beside each event on its page.
        index = {event.id: number for number, event in enumerate(events)}

        def neighbours(event: Event) -> frozenset[str]:
            number = index[event.id]
            return frozenset(e.id for e in events[max(number - 1, 0):number + 2])

        base = urls.topic_file(topic_id)
        by_file: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            by_file[layout.topic_event_file(topic_id, event)].append(event)
        overview = self._topic_page(topic_id, base, topic.title, events, by_file.get(base, []),
                                    neighbours, overview=True)
        pages = [overview]
        if not periods.split:
            return pages
        up = Link(urls.page_url(base), topic.title)
        years = group_by_year(events)
        year_files = [periods.year_file(base, year) for year, _ in years]
        for number, (year, year_events) in enumerate(years):
            file = year_files[number]
            previous = Link(urls.page_url(year_files[number - 1]), str(years[number - 1][0])) \
                if number else None
            following = Link(urls.page_url(year_files[number + 1]), str(years[number + 1][0])) \
                if number + 1 < len(years) else None
            page = self._topic_page(topic_id, file, f"{topic.title}: {year}", year_events,
                                    by_file.get(file, []), neighbours, up=up,
                                    previous=previous, following=following)
            pages.append(page)
            if year in periods.by_month:
                year_up = Link(urls.page_url(file), f"{topic.title}: {year}")
                for month, month_events in _by_month(year_events):
                    month_file = periods.month_file(base, year, month)
                    pages.append(self._topic_page(
                        topic_id, month_file, f"{topic.title}: {MONTHS[month - 1]} {year}",
                        month_events, month_events, neighbours, up=year_up))
        return pages

    def _topic_page(self, topic_id: str, file: str, title: str, covered: Sequence[Event],
                    shown: Sequence[Event], neighbours: Callable[[Event], frozenset[str]], *,
                    overview: bool = False, up: Link | None = None,
                    previous: Link | None = None, following: Link | None = None) -> TopicView:
        """A page of a topic: ``covered`` are the events it stands for (its chart, filters,
        counts), ``shown`` those it shows in full; the rest are on the pages it lists."""
        if self.memo is None:
            return self._build_topic_page(topic_id, file, title, covered, shown, neighbours,
                                          overview, up, previous, following)
        events, articles, facets = self._event_version, self._article_version, self._facet_version
        # Of the events a page stands for, it shows the dates and names (chart, filters,
        # counts, map) and the latest few's titles; besides the events it shows, a card shows
        # its related events, its sources and (left out of its related links) the events
        # beside it.
        key = ("topic", topic_id, file, title, tuple(facets[e.id] for e in covered),
               tuple((e.when, e.title) for e in covered[-LATEST_SHOWN:]),
               tuple(events[e.id] for e in shown), overview, up, previous, following,
               tuple(tuple(events[r.id] for r in self.related[e.id]) for e in shown),
               tuple(tuple(articles[a] for a in e.sources) for e in shown),
               tuple(neighbours(e) for e in shown))
        return self._remember(key, lambda: self._build_topic_page(
            topic_id, file, title, covered, shown, neighbours, overview, up, previous, following))

    def _build_topic_page(self, topic_id: str, file: str, title: str, covered: Sequence[Event],
                          shown: Sequence[Event], neighbours: Callable[[Event], frozenset[str]],
                          overview: bool, up: Link | None, previous: Link | None,
                          following: Link | None) -> TopicView:
        corpus, layout = self.corpus, self.layout
        topic = corpus.topics[topic_id]
        periods = layout.topics[topic_id]
        base = urls.topic_file(topic_id)
        subpages = _subpages(periods, base, file,
                             [(e.when.year, urls.event_month(e)) for e in covered])
        actor_ids = {actor for event in covered for actor in event.actors}

        def bar_target(year: int, month: int | None) -> str:
            page = periods.file(base, year, month)
            anchor = urls.month_anchor(year, month) if month else urls.year_anchor(year)
            return urls.relative(file, urls.anchor_url(page, anchor))

        chart_name = urls.chart_id(topic_id)
        chart = str(topic_chart(covered, topic.title, chart_name, bar_target)) if covered else ""
        filters = Filters(
            tuple((a.id, a.name) for a in sorted((corpus.actors[a] for a in actor_ids),
                                                 key=lambda a: (a.name.casefold(), a.id))),
            tuple(sorted({tag for event in covered for tag in event.tags})),
            tuple(sorted({place for event in covered for place in event.places},
                         key=str.casefold)),
            tuple(year for year, _ in group_by_year(covered)),
            urls.topic_map_path(topic_id) if overview and periods.split else "") \
            if covered else None
        downloads: tuple[Link, ...] = ()
        feeds = urls.feed_paths_for("topic", topic_id)
        if overview and covered:
            exports = urls.export_paths_for_topic(topic_id)
            downloads = (Link(exports["json"], "JSON"), Link(exports["csv"], "CSV"),
                         Link(exports["ics"], "iCalendar"),
                         Link(exports["timelinejs"], "TimelineJS"),
                         Link(feeds["atom"], "Atom feed"), Link(feeds["json"], "JSON Feed"))
        latest: tuple[tuple[str, Link], ...] = ()
        if overview and subpages:
            latest = tuple((e.when.label(), Link(layout.event_url(e, topic_id), e.title))
                           for e in reversed(covered[-LATEST_SHOWN:]))
        region = f" · {topic.region}" if topic.region and overview else ""
        stats = plural(len(covered), "event") + (f", {span(covered)}" if covered else "")
        return TopicView(
            file=file, title=title,
            description=first_paragraph(topic.summary), source_path=topic.path,
            intro=tuple(paragraphs(topic.summary)) if overview else (),
            stats=stats, region=region, downloads=downloads,
            related_topics=tuple(Link(urls.page_url(urls.topic_file(r)),
                                      corpus.topics[r].title) for r in topic.related)
            if overview else (),
            chart=chart, chart_anchors=(f"{chart_name}_t", f"{chart_name}_d") if chart else (),
            filters=filters, years=self._years(topic_id, shown, neighbours),
            periods=tuple(subpages), latest=latest, up=up, previous=previous, next=following,
            jsonld=script_json(topic_graph(corpus, file, title, shown)) if shown else "",
            feeds=_feed_links(topic.title, feeds),
            compare=tuple(Link(urls.page_url(urls.compare_file(group)), " and ".join(
                corpus.topics[other].title for other in group if other != topic_id))
                for group in layout.compare if topic_id in group) if overview else (),
            updated=topic_updated(topic_id, self.history),
            map=topic_map(corpus, topic_id, covered) if overview else None)

    # Actors.

    def actors(self) -> list[ActorView]:
        """Every actor's pages."""
        pages: list[ActorView] = []
        for actor_id in self.corpus.actors:
            pages += self.actor_pages(actor_id)
        return pages

    def listed(self, event: Event) -> ListedEvent:
        """An event as a line of a list, linking to its permalink (made once: an event is
        listed on the pages of each of its actors)."""
        known = self._listed.get(event.id)
        if known is None:
            known = self._listed[event.id] = ListedEvent(
                machine_date(event.when), event.when.label(),
                Link(self.layout.event_url(event), event.title),
                "; ".join(self.corpus.topics[t].title for t in event.topics))
        return known

    def actor_pages(self, actor_id: str) -> list[ActorView]:
        """One actor's pages: one, or an overview and its years (and months)."""
        corpus = self.corpus
        if self.memo is None:
            return self._build_actor_pages(actor_id)
        events = self._event_version
        # Quotes by the actor may come from events the actor is not listed in; a quote's
        # translation is labelled with its article's publisher.
        articles = self._article_version
        return self._remember(("actor", actor_id,
                               tuple(events[e.id] for e in corpus.actor_events(actor_id)),
                               tuple((events[e.id], articles[e.defined_in])
                                     for e, _ in corpus.quotes_by(actor_id))),
                              lambda: self._build_actor_pages(actor_id))

    def _build_actor_pages(self, actor_id: str) -> list[ActorView]:
        corpus, layout = self.corpus, self.layout
        actor = corpus.actors[actor_id]
        events = corpus.actor_events(actor_id)
        quotes = corpus.quotes_by(actor_id)
        periods = layout.actors[actor_id]
        base = urls.actor_file(actor_id)
        feeds = _feed_links(actor.name, urls.feed_paths_for("actor", actor_id))
        by_file: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            by_file[layout.actor_event_file(actor_id, event)].append(event)

        chart_name = urls.chart_id(actor_id)
        # A quote is on the page of its date, also when the speaker is not one of the event's
        # actors.
        quotes_on: dict[str, list[tuple[QuoteView, Link]]] = defaultdict(list)
        for event, quote in quotes:
            quotes_on[periods.file(base, event.when.year, urls.event_month(event))].append((
                self.quote(quote, event),
                Link(layout.event_url(event), f"{event.when.label()}: {event.title}")))

        def page(file: str, title: str, shown: Sequence[Event], covered: Sequence[Event],
                 overview: bool, up: Link | None) -> ActorView:
            def bar_target(year: int, month: int | None) -> str:
                # An actor's pages have year headings, not month markers.
                return urls.relative(file, urls.anchor_url(
                    periods.file(base, year, month), urls.year_anchor(year)))

            chart = str(topic_chart(covered, title, chart_name, bar_target)) if covered else ""
            return ActorView(
                file=file, title=title, description=actor.description, source_path=actor.path,
                kind=actor.kind.capitalize(),
                aliases=actor.aliases if overview else (),
                stats=plural(len(covered), "event") + (f", {span(covered)}" if covered else ""),
                co_actors=tuple((Link(urls.page_url(urls.actor_file(other.id)), other.name),
                                 count) for other, count in co_actors(corpus, actor_id))
                if overview else (),
                quotes=tuple(quotes_on.get(file, ())),
                years=tuple((year, urls.year_anchor(year),
                             tuple(self.listed(e) for e in year_events))
                            for year, year_events in group_by_year(shown)),
                periods=_subpages(periods, base, file,
                                  [(e.when.year, urls.event_month(e)) for e in covered]),
                up=up, feeds=feeds, chart=chart,
                chart_anchors=(f"{chart_name}_t", f"{chart_name}_d") if chart else ())

        pages = [page(base, actor.name, by_file.get(base, []), events, True, None)]
        if periods.split:
            up = Link(urls.page_url(base), actor.name)
            for year, year_events in group_by_year(events):
                file = periods.year_file(base, year)
                pages.append(page(file, f"{actor.name}: {year}", by_file.get(file, []),
                                  year_events, False, up))
                if year in periods.by_month:
                    year_up = Link(urls.page_url(file), f"{actor.name}: {year}")
                    for month, month_events in _by_month(year_events):
                        pages.append(page(periods.month_file(base, year, month),
                                          f"{actor.name}: {MONTHS[month - 1]} {year}",
                                          month_events, month_events, False, year_up))
        return pages

    def actor_index(self) -> list[ActorsView]:
        """The actors' index: one page, or a page of initials and a page per initial (in parts,
        for an initial that holds more than a page's share)."""
        corpus, layout = self.corpus, self.layout
        actors = sorted(corpus.actors.values(), key=lambda a: (a.name.casefold(), a.id))
        entries = [ActorEntry(Link(urls.page_url(urls.actor_file(a.id)), a.name), a.kind,
                              plural(len(corpus.actor_events(a.id)), "event")) for a in actors]
        if not layout.actors_by_letter:
            return [ActorsView(urls.ACTORS_INDEX, "Actors", tuple(entries))]
        pages = _initial_pages([(a.name, e) for a, e in zip(actors, entries, strict=True)],
                               layout.threshold * urls.LINE_WEIGHT["actors"])
        up = Link(urls.page_url(urls.ACTORS_INDEX), "Actors")
        return [ActorsView(urls.ACTORS_INDEX, "Actors", (), tuple(
            Period(Link(urls.page_url(urls.actors_letter_file(letter, part)), label), len(shown))
            for letter, part, label, shown in pages)),
            *(ActorsView(urls.actors_letter_file(letter, part), f"Actors: {label}", shown, up=up)
              for letter, part, label, shown in pages)]

    def topic_index(self) -> list[TopicsView]:
        """The topics index, when there are too many topics for the navigation: one page, or
        a page of initials and a page per initial (in parts, as the actors'). None otherwise."""
        corpus, layout = self.corpus, self.layout
        if not layout.topics_indexed:
            return []
        topics = sorted(corpus.topics.values(), key=lambda t: (t.title.casefold(), t.id))
        entries = [TopicEntry(Link(urls.page_url(urls.topic_file(t.id)), t.title),
                              _topic_stats(corpus.topic_events(t.id))) for t in topics]
        if not layout.topics_by_letter:
            return [TopicsView(urls.TOPICS_INDEX, "Topics", tuple(entries))]
        pages = _initial_pages([(t.title, e) for t, e in zip(topics, entries, strict=True)],
                               layout.threshold * urls.LINE_WEIGHT["topics"])
        up = Link(urls.page_url(urls.TOPICS_INDEX), "Topics")
        return [TopicsView(urls.TOPICS_INDEX, "Topics", (), tuple(
            Period(Link(urls.page_url(urls.topics_letter_file(letter, part)), label), len(shown))
            for letter, part, label, shown in pages)),
            *(TopicsView(urls.topics_letter_file(letter, part), f"Topics: {label}", shown, up=up)
              for letter, part, label, shown in pages)]

    # Sources and home.

    def article(self, article: Article) -> ArticleView:
        """An article as the sources pages show it."""
        events = self.corpus.events_by_id
        if self.memo is None:
            return self._build_article(article)
        versions = self._event_version
        return self._remember(("article", self._article_version[article.id], tuple(
            versions[e] for e in article.event_ids if e in events)),
            lambda: self._build_article(article))

    def _build_article(self, article: Article) -> ArticleView:
        events = self.corpus.events_by_id
        return ArticleView(
            article.id, article.title, safe_href(article.url), article.publisher,
            day_words(article.published), article.dateline, tuple(paragraphs(article.summary)),
            tuple(Link(self.layout.event_url(events[e]),
                       f"{events[e].when.label()}: {events[e].title}")
                  for e in article.event_ids if e in events), self.source(article))

    def sources(self) -> list[SourcesView]:
        """The sources page, or its overview, years and months when it is split."""
        layout = self.layout
        articles = sorted(self.corpus.articles.values(),
                          key=lambda a: (a.published, a.publisher.casefold(), a.id))
        by_file: dict[str, list[Article]] = defaultdict(list)
        for article in articles:
            by_file[layout.article_file(article)].append(article)

        periods = layout.sources

        def page(file: str, title: str, covered: Sequence[Article], up: Link | None
                 ) -> SourcesView:
            shown = by_file.get(file, [])
            years: dict[int, list[Article]] = defaultdict(list)
            for article in shown:
                years[article.published.year].append(article)
            return SourcesView(
                file, title,
                tuple((year, urls.year_anchor(year), tuple(self.article(a) for a in items))
                      for year, items in sorted(years.items())),
                _subpages(periods, urls.SOURCES, file,
                          [(a.published.year, a.published.month) for a in covered]), up)

        pages = [page(urls.SOURCES, "Sources", articles, None)]
        if periods.split:
            up = Link(urls.page_url(urls.SOURCES), "Sources")
            years: dict[int, list[Article]] = defaultdict(list)
            for article in articles:
                years[article.published.year].append(article)
            for year, items in sorted(years.items()):
                file = periods.year_file(urls.SOURCES, year)
                pages.append(page(file, f"Sources: {year}", items, up))
                if year in periods.by_month:
                    year_up = Link(urls.page_url(file), f"Sources: {year}")
                    months: dict[int, list[Article]] = defaultdict(list)
                    for article in items:
                        months[article.published.month].append(article)
                    for month, month_items in sorted(months.items()):
                        pages.append(page(periods.month_file(urls.SOURCES, year, month),
                                          f"Sources: {MONTHS[month - 1]} {year}",
                                          month_items, year_up))
        return pages

    def home(self) -> HomeView:
        """The home page: the site's name and description, a card per topic, and the articles
        added last with the events they report."""
        corpus, layout = self.corpus, self.layout
        shown = list(corpus.topics.values())
        every_topic = None
        if layout.topics_indexed:
            # The topics with the newest additions (by id among equals); the index lists all.
            shown = sorted(sorted(shown, key=lambda t: t.id),
                           key=lambda t: _newest_key(corpus, t.id), reverse=True)[:urls.NAV_TOPICS]
            every_topic = Link(urls.page_url(urls.TOPICS_INDEX),
                               f"All {len(corpus.topics):,} topics")
        topics = []
        for topic in shown:
            events = corpus.topic_events(topic.id)
            latest = Link(layout.event_url(events[-1], topic.id),
                          f"{events[-1].when.label()}: {events[-1].title}") if events else None
            topics.append(TopicCard(
                Link(urls.page_url(urls.topic_file(topic.id)), topic.title),
                str(sparkline(events, topic.title)), _topic_stats(events), latest))
        recent = sorted(corpus.articles.values(), key=lambda a: (a.added, a.published, a.id),
                        reverse=True)[:RECENT_ARTICLES]
        by_id = corpus.events_by_id
        return HomeView(urls.HOME, self.site.name, self.site.description, tuple(topics), tuple(
            RecentArticle(day_words(a.published), Link(layout.article_url(a), a.title),
                          a.publisher,
                          tuple(Link(layout.event_url(by_id[e]),
                                     f"{by_id[e].when.label()}: {by_id[e].title}")
                                for e in a.event_ids if e in by_id))
            for a in recent), Link(urls.page_url(urls.SOURCES), "All sources"), every_topic,
            home_map(corpus, urls.HOME))

    def pages(self) -> list[PageView]:
        """Every page's view: home, sources, actors' index, topics, actors."""
        return [self.home(), *self.sources(), *self.actor_index(), *self.topic_index(),
                *self.topics(), *self.actors()]


_Entry = TypeVar("_Entry")


def _initial_pages(named: Sequence[tuple[str, _Entry]], limit: int
                   ) -> list[tuple[str, int, str, tuple[_Entry, ...]]]:
    """The pages of an index split by initial, as (initial, part, label, entries): an initial
    holding more than ``limit`` entries is split into parts of ``limit`` ("D 1", "D 2"), so
    that no page grows without bound even when every name starts alike."""
    letters: dict[str, list[_Entry]] = defaultdict(list)
    for name, entry in named:
        letters[urls.initial(name)].append(entry)
    pages = []
    for letter in sorted(letters, key=lambda letter: (letter == "other", letter)):
        label = "Other" if letter == "other" else letter.upper()
        items = letters[letter]
        parts = [items[start:start + limit] for start in range(0, len(items), limit)]
        for part, shown in enumerate(parts, start=1):
            pages.append((letter, part, label if len(parts) == 1 else f"{label} {part}",
                          tuple(shown)))
    return pages


def _topic_stats(events: Sequence[Event]) -> str:
    """A topic's count of events and their span: "12 events, 2015–2017"."""
    return plural(len(events), "event") + (f", {span(events)}" if events else "")


def _newest_key(corpus: Corpus, topic_id: str) -> tuple[int, object]:
    """Sorts topics by their newest addition (topics without events after every other)."""
    added = [corpus.articles[e.defined_in].added for e in corpus.topic_events(topic_id)]
    return (1, max(added)) if added else (0, "")


def _by_month(events: Iterable[Event]) -> list[tuple[int, list[Event]]]:
    """Events of one year with a month, grouped by it (those known only to the year stay on the
    year's page)."""
    months: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        month = urls.event_month(event)
        if month:
            months[month].append(event)
    return sorted(months.items())


def _subpages(periods: urls.Periods, base: str, file: str,
              dated: Sequence[tuple[int, int | None]]) -> tuple[Period, ...]:
    """The pages that a page of a split list links to, with their counts: an overview's years,
    a split year's months; ``dated`` are the (year, month) of the items the page stands for."""
    if not periods.split:
        return ()
    if file == base:
        years = Counter(year for year, _ in dated)
        return tuple(Period(Link(urls.page_url(periods.year_file(base, year)), str(year)), count)
                     for year, count in sorted(years.items()))
    years_here = {year for year, _ in dated}
    if len(years_here) != 1:
        return ()
    year = years_here.pop()
    if year not in periods.by_month or file != periods.year_file(base, year):
        return ()
    months = Counter(month for _, month in dated if month)
    return tuple(Period(Link(urls.page_url(periods.month_file(base, year, month)),
                             f"{MONTHS[month - 1]} {year}"), count)
                 for month, count in sorted(months.items()))


def _feed_links(subject: str, paths: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return ((f"{subject} (Atom)", paths["atom"]), (f"{subject} (JSON Feed)", paths["json"]))


# --- history -------------------------------------------------------------------------------

def event_history(event: Event, history: History | None) -> HistoryView | None:
    """What an event's card says of its history: its changes from git (when the build has
    them) and its curators' corrections, newest first; None when there is nothing to say, so
    that a card without history costs no byte."""
    record = history.events.get(event.id) if history is not None else None
    dated: list[tuple[date, int, HistoryEntry]] = []
    pending: list[HistoryEntry] = []
    for change in record.changes if record is not None else ():
        what = {"added": "added", "removed": "removed"}.get(
            change.kind, "changed " + ", ".join(name.replace("_", " ") for name in change.fields))
        if change.day is None:
            pending.append(HistoryEntry("", f"Not yet committed: {what}"))
        else:
            dated.append((change.day, 1, HistoryEntry(day_words(change.day),
                                                      what[0].upper() + what[1:],
                                                      change.subject)))
    dated += [(correction.day, 0, HistoryEntry(day_words(correction.day), correction.note,
                                               correction=True))
              for correction in event.corrections]
    if not dated and not pending:
        return None
    # Newest first; on one day a correction before the commit that made it.
    dated.sort(key=lambda item: (-item[0].toordinal(), item[1]))
    entries = [*pending, *(entry for _, _, entry in dated)]
    if record is not None and record.truncated:
        entries.append(HistoryEntry("", "Earlier changes are not in this build's history"))
    if pending:
        summary = "Added since the last commit" if pending[0].text.endswith(": added") \
            else "Changed since the last commit"
    else:
        newest = dated[0][2]
        verb = "Corrected" if newest.correction else (
            "Added" if newest.text == "Added" else "Updated")
        summary = f"{verb} {newest.date}"
    return HistoryView(summary, tuple(entries))


def topic_updated(topic_id: str, history: History | None) -> str:
    """When a topic last changed, as its pages say it; or why the build cannot say."""
    if history is None:
        return ""
    if history.state == "unavailable":
        return f"History unavailable: {history.reason}."
    record = history.topics.get(topic_id)
    if record is not None and record.pending:
        return "Changed since the last commit" + (
            f"; last committed update {day_words(record.updated)}" if record.updated else "")
    if record is not None and record.updated is not None:
        return f"Last updated {day_words(record.updated)}"
    if history.since is not None:
        return f"Last updated on or before {day_words(history.since)}: {history.reason}."
    return ""
