"""Every URL and file path of the site, in one place: nothing else composes a path.

Pages are Markdown files (``topics/thaad.md``) that a generator with directory URLs publishes at
a folder (``topics/thaad/``); links inside the site are written as paths from the site root
(``topics/thaad/2016/#2016-07-08-…``) and made relative to the page that holds them by
:func:`relative`, or absolute by :class:`Site`.

Ids are made of ``[a-z0-9-]`` (the schemas say so), so every generated element id has an
underscore (``year_2016``, ``month_2016-07``, ``chart_thaad``): no event id can take one.

A timeline whose events outnumber the layout's threshold is split (:class:`Layout`): a topic or
an actor gets an overview page plus a page per year, and a year over the threshold a page per
month; the sources page likewise splits by year and month. Permalinks follow the event to its
page; the old form, ``topics/<topic>/#<event>``, still reaches it through the topic's event map
(:func:`topic_map_path`), which the overview loads when its hash names no element.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from generator.dates import Precision
from generator.links import safe_href

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from generator.model import Article, Corpus, Event

DEFAULT_SPLIT = 150
"""Events above which a topic's page is split by year, and a year by month.

A page stays under 500 KB with this many events of real content (about 2.5 KB each with their
structured data), so that a reader's browser is interactive quickly on every page."""
LINE_WEIGHT = {"actor": 8, "sources": 2, "actors": 8, "topics": 8, "compare": 4}
"""How many more entries than event cards the lighter lists hold before they split: an actor's
page lists events as one line each (about an eighth of a card), the sources page articles with
their summaries (about half), the actors' and the topics' indexes one line each, a comparison of
topics a line per event with its topics named (longer than an actor's: half as many)."""

# --- pages -------------------------------------------------------------------------------------

INDEX_STEM = "index"
"""The file name of a folder's own page: ``actors/index.md`` is published at ``actors/``."""
HOME = f"{INDEX_STEM}.md"
SOURCES = "sources.md"
ACTORS_INDEX = f"actors/{INDEX_STEM}.md"
TOPICS_INDEX = f"topics/{INDEX_STEM}.md"
"""The list of every topic, when there are more than the navigation lists (:data:`NAV_TOPICS`)."""
SEARCH = "search.md"
SITE_WIDE = "all"
"""The name of the whole site's feed and export files."""
NAV_TOPICS = 40
"""Topics the navigation (printed on every page) and the home page list by name; past it they
list the topics index instead, so that no page grows with the number of topics."""

SECTIONS = {"periods": "periods", "latest": "latest", "quotes": "quotes", "topics": "topics",
            "recent": "recent"}
"""The ids of the pages' fixed sections (headings), by name: the only generated ids without an
underscore, so no event may take one (:func:`reserved_ids`)."""


def topics_indexed(count: int) -> bool:
    """Whether ``count`` topics are listed by the topics index rather than by name."""
    return count > NAV_TOPICS


def topics_letter_file(letter: str, part: int = 1) -> str:
    """A page of the topics index, once it is split by initial: ``topics/letter_c.md`` (and
    ``topics/letter_c_2.md``, as the actors')."""
    return f"topics/{_letter_stem(letter, part)}.md"


def _letter_stem(letter: str, part: int) -> str:
    return f"letter_{letter}" if part == 1 else f"letter_{letter}_{part}"


def actors_letter_file(letter: str, part: int = 1) -> str:
    """A page of the actors' index, once it is split by initial: ``actors/letter_c.md`` (the
    underscore keeps it apart from every actor id), and ``actors/letter_c_2.md`` for the second
    part of an initial too long for one page."""
    return f"actors/{_letter_stem(letter, part)}.md"


def initial(name: str) -> str:
    """The letter an actor's name is filed under on a split index: a–z, else ``other``."""
    first = name.strip()[:1].casefold()
    return first if "a" <= first <= "z" else "other"


def topic_file(topic_id: str) -> str:
    """A topic's page (its overview when it is split)."""
    return f"topics/{topic_id}.md"


def actor_file(actor_id: str) -> str:
    """An actor's page (its overview when it is split)."""
    return f"actors/{actor_id}.md"


def compare_file(topic_ids: Sequence[str]) -> str:
    """The page that lays topics on one time axis: ``compare/<a>_<b>.md`` (the underscore, which
    no topic id holds, keeps the ids apart)."""
    return f"compare/{'_'.join(topic_ids)}.md"


def compare_groups(corpus: Corpus) -> tuple[tuple[str, ...], ...]:
    """The sets of topics that get a page laying them on one time axis, each in the order of
    the topics (by id), pairs first.

    A topic is compared with each topic it is related to, whichever of the two declares the
    relation, and with all of them at once when there are two or more: pages grow with the
    relations contributors declare, not with topics squared.
    """
    neighbours: dict[str, set[str]] = {topic_id: set() for topic_id in corpus.topics}
    for topic in corpus.topics.values():
        for other in topic.related:
            if other != topic.id and other in neighbours:
                neighbours[topic.id].add(other)
                neighbours[other].add(topic.id)
    order = {topic_id: number for number, topic_id in enumerate(corpus.topics)}
    groups: set[tuple[str, ...]] = set()
    for topic_id, others in neighbours.items():
        sets = [{topic_id, other} for other in others]
        if len(others) > 1:
            sets.append({topic_id, *others})
        groups.update(tuple(sorted(found, key=order.__getitem__)) for found in sets)
    # Pairs first, then the larger sets: a topic page lists them in this order.
    return tuple(sorted(groups, key=lambda group: (len(group), [order[t] for t in group])))


def _period_file(base: str, year: int, month: int | None = None) -> str:
    """A page of one year (or month) under a split page's folder: ``topics/t.md`` →
    ``topics/t/2016.md`` and ``topics/t/2016/07.md``."""
    folder = base.removesuffix(".md")
    if month is None:
        return f"{folder}/{year:04d}.md"
    return f"{folder}/{year:04d}/{month:02d}.md"


def page_url(file: str) -> str:
    """Where a page file is published, from the site root: ``topics/thaad.md`` →
    ``topics/thaad/``, ``actors/index.md`` → ``actors/``, ``index.md`` → ``""``."""
    stem = file.removesuffix(".md")
    if stem == INDEX_STEM:
        return ""
    return f"{stem.removesuffix('/' + INDEX_STEM)}/"


def page_html(file: str) -> str:
    """The HTML file a generator with directory URLs writes for a page file, from the site
    root: ``topics/thaad.md`` → ``topics/thaad/index.html``."""
    return f"{page_url(file)}index.html"


def root_of(file: str) -> str:
    """The relative path from a page file's published folder to the site root."""
    return "../" * page_url(file).count("/")


def anchor_url(file: str, anchor: str) -> str:
    """An element of a page, from the site root: ``topics/thaad/2016/#month_2016-07``."""
    return f"{page_url(file)}#{anchor}"


def root_of_url(url: str) -> str:
    """The relative path from a published page (its URL from the site root) to the root."""
    return "../" * url.count("/")


def filter_link(name: str, value: str) -> str:
    """A link, relative to a timeline page, that shows it filtered (``?tag=diplomacy``)."""
    return f"?{name}={value}"


def place_filter_link(name: str) -> str:
    """A link, relative to a timeline page, that shows its events at one place (named as the
    events name it, percent-encoded): ``?place=Da%20Nang``."""
    return f"?place={quote(name, safe='')}"


def topic_place_url(topic_id: str, name: str) -> str:
    """A topic's page showing its events at one place, from the site root."""
    return page_url(topic_file(topic_id)) + place_filter_link(name)


def map_id(name: str) -> str:
    """The id of a page's map of places (its title and description add ``_t`` and ``_d``)."""
    return f"map_{name}"


def relative(file: str, path: str) -> str:
    """A site path (from the root, e.g. ``actors/china/``) as the shortest link written in page
    ``file``: just its fragment when it points into the same page, and only as many ``../``
    as the folders the two do not share."""
    target, hash_mark, fragment = path.partition("#")
    here = page_url(file)
    if hash_mark and target == here:
        return f"#{fragment}"
    folders = here.split("/")[:-1]
    parts = target.split("/")
    shared = 0
    while shared < min(len(folders), len(parts) - 1) and folders[shared] == parts[shared]:
        shared += 1
    link = "../" * (len(folders) - shared) + "/".join(parts[shared:])
    return (link or "./") + hash_mark + fragment


def relative_between(target: str, here: str) -> str:
    """A site path as a link from the folder of the site path ``here`` (a file or a folder
    ending in "/"): ``topics/t/2016/`` from ``topics/t/events.json`` is ``2016/``."""
    folder = here.rsplit("/", 1)[0] if "/" in here else ""
    if folder and target.startswith(f"{folder}/"):
        return target[len(folder) + 1:]
    return site_path(target, here)


def site_path(target: str, here: str) -> str:
    """A site path as a link from the site file at ``here`` (not a page: a feed, say)."""
    return "../" * here.count("/") + target or "./"


# --- anchors -----------------------------------------------------------------------------------

def year_anchor(year: int) -> str:
    """The id of a year's heading."""
    return f"year_{year:04d}"


def month_anchor(year: int, month: int) -> str:
    """The id of a month's marker."""
    return f"month_{year:04d}-{month:02d}"


def chart_id(name: str) -> str:
    """The id of a chart (its title and description add ``_t`` and ``_d``)."""
    return f"chart_{name}"


# --- feeds, exports and schemas ---------------------------------------------------------------

FEED_FORMATS = {"atom": "atom", "json": "json"}
TOPIC_EXPORT_FORMATS = {"json": "json", "csv": "csv", "ics": "ics"}
_FEED_KINDS = {"topic": "topics", "actor": "actors"}


def feed_paths_for(kind: str, id: str) -> dict[str, str]:
    """The feeds of a topic, an actor or the whole site, by format ("atom", "json").

    ``kind`` is "topic", "actor" or "site" (``id`` is then ignored); e.g. ("topic", "thaad") →
    {"atom": "feeds/topics/thaad.atom", "json": "feeds/topics/thaad.json"}.
    """
    if kind == "site":
        return {name: f"feeds/{SITE_WIDE}.{ext}" for name, ext in FEED_FORMATS.items()}
    if kind not in _FEED_KINDS:
        raise ValueError(f"no feeds for {kind!r}: use topic, actor or site")
    return {name: f"feeds/{_FEED_KINDS[kind]}/{id}.{ext}" for name, ext in FEED_FORMATS.items()}


def export_path(fmt: str, topic_id: str | None = None) -> str:
    """A data export of one topic, or of the whole site (None), in ``fmt`` (json, csv, ics)."""
    ext = TOPIC_EXPORT_FORMATS[fmt]
    return f"exports/topics/{topic_id}.{ext}" if topic_id else f"exports/{SITE_WIDE}.{ext}"


def timelinejs_path(topic_id: str | None = None) -> str:
    """The TimelineJS file of a topic, or of the whole site (None)."""
    return f"exports/timelinejs/{topic_id or SITE_WIDE}.json"


def export_paths_for_topic(topic_id: str | None) -> dict[str, str]:
    """A topic's (or the site's, for None) data exports by format: json, csv, ics, timelinejs.

    The TimelineJS file exists only for a topic with at least one event: the viewer refuses a
    timeline without events.
    """
    paths = {name: export_path(name, topic_id) for name in TOPIC_EXPORT_FORMATS}
    paths["timelinejs"] = timelinejs_path(topic_id)
    return paths


def site_export_paths() -> dict[str, str]:
    """The whole site's data exports by format: json, csv, ics and timelinejs."""
    return export_paths_for_topic(None)


def schema_path(file_name: str) -> str:
    """Where a JSON Schema file is published."""
    return f"schema/{file_name}"


def topic_map_path(topic_id: str) -> str:
    """A split topic's event map (event id → page, and what its filters need), in JSON."""
    return f"topics/{topic_id}/events.json"


# --- the readers' files (shipped in the package, under assets/ at the same paths) ------------

SCRIPT = "javascripts/annals.js"
"""Filters, copy links and permalinks: loaded by every page."""
STYLESHEET = "stylesheets/annals.css"
SEARCH_SCRIPT = "javascripts/annals-search.js"
"""The Pagefind search page's script."""


# --- names the site takes ----------------------------------------------------------------------

_PROBE = "\x00"


def _site_wide_paths() -> set[str]:
    """Every path the site writes that no contributor id is part of."""
    fixed = {HOME, SOURCES, ACTORS_INDEX, TOPICS_INDEX, SEARCH, SCRIPT, STYLESHEET, SEARCH_SCRIPT}
    fixed |= set(feed_paths_for("site", "").values()) | set(site_export_paths().values())
    return fixed | {page_url(path) for path in fixed if path.endswith(".md")}


def _paths_of(kind: str, id: str) -> set[str]:
    """Every path written for a topic or an actor ``id``, and the URLs of its pages."""
    pages = {topic_file(id)} if kind == "topic" else {actor_file(id)}
    paths = pages | set(feed_paths_for(kind, id).values())
    if kind == "topic":
        paths |= set(export_paths_for_topic(id).values()) | {topic_map_path(id)}
    return paths | {page_url(page) for page in pages}


@cache  # asked once per content file
def reserved_ids(kind: str) -> frozenset[str]:
    """The ids a contributor may not give a topic, an actor or an event: those whose pages,
    feeds or exports would be written where the site writes something else, or an element id
    the site already gives on the pages that show events. Derived from the paths above, so a
    new page or export reserves its name by being added there."""
    if kind == "event":
        return frozenset(SECTIONS.values())
    if kind == "place":
        return frozenset()  # a place has no page or file of its own
    taken = _site_wide_paths()
    reserved = {INDEX_STEM}  # topics/index.md is published at topics/, the folder itself
    for pattern in _paths_of(kind, _PROBE):
        head, _, tail = pattern.partition(_PROBE)
        for path in taken:
            if path.startswith(head) and path.endswith(tail) and len(path) > len(head + tail):
                reserved.add(path[len(head):len(path) - len(tail)])
    return frozenset(reserved)


# --- where events live -------------------------------------------------------------------------

def event_month(event: Event) -> int | None:
    """The month an event is filed under, or None for a date known only to the year."""
    start = event.when.start  # read for every event on every page: the common case made cheap
    if start.precision < Precision.MONTH:
        return None
    return start.lower.month if start.offset_minutes is None else start.local.month


@dataclass(frozen=True)
class Periods:
    """How one list of dated items is paged: not at all, by year, or by year and month."""

    split: bool = False
    by_month: frozenset[int] = frozenset()
    """The years (of a split list) that are split by month."""

    @classmethod
    def of(cls, periods: Iterable[tuple[int, int | None]], threshold: int) -> Periods:
        """The paging of items filed under (year, month or None), for a threshold (0: never)."""
        items = list(periods)
        if not threshold or len(items) <= threshold:
            return cls()
        years = Counter(year for year, _ in items)
        return cls(True, frozenset(year for year, count in years.items() if count > threshold))

    def file(self, base: str, year: int, month: int | None) -> str:
        """The page that shows an item of (year, month) of the list whose page is ``base``."""
        if not self.split:
            return base
        if year in self.by_month and month is not None:
            return _period_file(base, year, month)
        return _period_file(base, year)

    def year_file(self, base: str, year: int) -> str:
        """The page of one year of a split list."""
        return _period_file(base, year)

    def month_file(self, base: str, year: int, month: int) -> str:
        """The page of one month of a year split by month."""
        return _period_file(base, year, month)


@dataclass(frozen=True)
class Layout:
    """Which pages exist and which page shows each event: decided once from the corpus."""

    threshold: int
    topics: dict[str, Periods]
    actors: dict[str, Periods]
    sources: Periods
    actors_by_letter: bool = False
    """Whether the actors' index is split into a page per initial."""
    topics_indexed: bool = False
    """Whether there are more topics than the navigation lists: a topics index lists them."""
    topics_by_letter: bool = False
    """Whether the topics index is split into a page per initial."""
    compare: dict[tuple[str, ...], Periods] = field(default_factory=dict)
    """The topics laid on one time axis (:func:`compare_groups`), with the paging of each
    comparison's list of events."""
    _urls: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)
    """Permalinks already worked out, by (topic, event id): each is asked for many times."""

    @classmethod
    def of(cls, corpus: Corpus, threshold: int = DEFAULT_SPLIT) -> Layout:
        """The layout of a corpus: lists above ``threshold`` items are split (0: never)."""
        if threshold < 0:
            raise ValueError("the split threshold must be 0 (never split) or more")

        # Each event is on a topic's list, on each of its actors' and on comparisons': its
        # period is worked out once.
        period = {event.id: (event.when.year, event_month(event)) for event in corpus.events}

        def paged(events: Iterable[Event], limit: int) -> Periods:
            return Periods.of((period[e.id] for e in events), limit)

        return cls(threshold,
                   {t: paged(corpus.topic_events(t), threshold) for t in corpus.topics},
                   {a: paged(corpus.actor_events(a), threshold * LINE_WEIGHT["actor"])
                    for a in corpus.actors},
                   Periods.of(((a.published.year, a.published.month)
                               for a in corpus.articles.values()),
                              threshold * LINE_WEIGHT["sources"]),
                   bool(threshold) and len(corpus.actors) > threshold * LINE_WEIGHT["actors"],
                   topics_indexed(len(corpus.topics)),
                   bool(threshold) and len(corpus.topics) > threshold * LINE_WEIGHT["topics"],
                   {group: paged(compared_events(corpus, group),
                                 threshold * LINE_WEIGHT["compare"])
                    for group in compare_groups(corpus)})

    def key(self) -> tuple[object, ...]:
        """The layout as a value that can be hashed: equal keys, the same pages."""
        return (self.threshold, tuple(self.topics.items()), tuple(self.actors.items()),
                self.sources, self.actors_by_letter, self.topics_indexed, self.topics_by_letter,
                tuple(self.compare.items()))

    def topic_event_file(self, topic_id: str, event: Event) -> str:
        """The page of topic ``topic_id`` that shows ``event``."""
        return self.topics[topic_id].file(topic_file(topic_id), event.when.year,
                                          event_month(event))

    def actor_event_file(self, actor_id: str, event: Event) -> str:
        """The page of actor ``actor_id`` that lists ``event``."""
        return self.actors[actor_id].file(actor_file(actor_id), event.when.year,
                                          event_month(event))

    def event_url(self, event: Event, topic_id: str | None = None) -> str:
        """An event's permalink from the site root: its anchor on the page of ``topic_id`` (by
        default its first topic) that shows it."""
        key = (topic_id or event.topics[0], event.id)
        found = self._urls.get(key)
        if found is None:
            found = self._urls[key] = anchor_url(self.topic_event_file(key[0], event), event.id)
        return found

    def compare_event_file(self, topic_ids: tuple[str, ...], event: Event) -> str:
        """The page of the comparison of ``topic_ids`` that lists ``event``."""
        return self.compare[topic_ids].file(compare_file(topic_ids), event.when.year,
                                            event_month(event))

    def period_url(self, topic_id: str, year: int, month: int | None) -> str:
        """The first marker of a year (month None) or a month on the topic's page that shows
        it, from the site root: a month marker, or a year heading."""
        page = self.topics[topic_id].file(topic_file(topic_id), year, month)
        return anchor_url(page, month_anchor(year, month) if month else year_anchor(year))

    def article_file(self, article: Article) -> str:
        """The sources page that lists ``article``."""
        return self.sources.file(SOURCES, article.published.year, article.published.month)

    def article_url(self, article: Article) -> str:
        """An article's entry on the sources pages, from the site root."""
        return anchor_url(self.article_file(article), article.id)


def compared_events(corpus: Corpus, topic_ids: Sequence[str]) -> tuple[Event, ...]:
    """The events of any of ``topic_ids``, each once, in timeline order."""
    wanted = set(topic_ids)
    return tuple(event for event in corpus.events if wanted.intersection(event.topics))


# --- absolute addresses ------------------------------------------------------------------------

def normalise_base_url(base_url: str) -> str:
    """The site's absolute URL ending in "/", or "" when none is given; ValueError if unsafe."""
    if not base_url:
        return ""
    href = safe_href(base_url)
    parts = urlsplit(href)
    if not href or parts.query or parts.fragment:
        raise ValueError(f"{base_url!r} is not an http(s) address of a site "
                         "(no query, no fragment, no spaces or quotes)")
    return href if href.endswith("/") else f"{href}/"


@dataclass(frozen=True)
class Site:
    """Where the site is published: an absolute base URL, or "" for relative links."""

    base_url: str

    @classmethod
    def at(cls, base_url: str) -> Site:
        """A site at ``base_url`` (checked and normalised; "" means unknown)."""
        return cls(normalise_base_url(base_url))

    def url(self, path: str) -> str:
        """A site path (no leading slash) as a link: absolute, else relative to the site root."""
        if not self.base_url:
            return path
        return safe_href(self.base_url + path)

    def url_from(self, path: str, here: str) -> str:
        """A site path as a link written in the file at ``here``: absolute, else relative to it.

        Feed readers resolve relative links against the feed's own address, so ``topics/x/``
        written in ``feeds/topics/x.atom`` becomes ``../../topics/x/``.
        """
        if self.base_url:
            return self.url(path)
        return site_path(path, here)

    def absolute(self, path: str) -> str | None:
        """The absolute URL of a site path, or None when the base URL is unknown."""
        return self.url(path) if self.base_url else None
