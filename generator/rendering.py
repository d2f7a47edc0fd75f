"""Turn page views into Markdown pages whose contributor text is all escaped HTML.

Each page is Markdown only for what the site generator needs (front matter with the title, year
headings for the table of contents); everything contributors wrote is HTML, escaped so that
neither HTML nor Markdown nor template syntax in it has any effect. That HTML comes in *slots*
(generator/slots.py): a page is a Markdown skeleton whose HTML blocks are rendered only when
asked for, so that a site generator can leave them out of its Markdown conversion and build one
page's HTML at a time.

Templates print views (generator/views.py) and nothing else; a page's signature, its anchors
and its search text are derived from its view.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, cast

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator import urls
from generator.compare import CompareView, compare_pages
from generator.escaping import escape_text
from generator.packaged import TEMPLATES
from generator.slots import Fragment, fill, marker
from generator.views import (
    ActorsView,
    ActorView,
    ArticleView,
    EditUrl,
    HomeView,
    PageView,
    SourcesView,
    TopicsView,
    TopicView,
    Views,
    YearView,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from generator.diagnostics import Diagnostic
    from generator.model import Corpus

__all__ = ["EditUrl", "FragmentCache", "NavEntry", "Page", "SkeletonCache", "navigation",
           "render_site"]

TEMPLATE_OF: dict[type, str] = {TopicView: "topic.md.j2", ActorView: "actor.md.j2",
                                ActorsView: "actors.md.j2", TopicsView: "topics.md.j2",
                                SourcesView: "sources.md.j2", HomeView: "home.md.j2",
                                CompareView: "compare.md.j2"}
AnyView = PageView | CompareView


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
    # Jinja's own join escapes items for HTML only; contributor text needs escape_text.
    environment.filters["join_text"] = lambda items, sep=", ": Markup(sep).join(
        escape_text(item) for item in items)
    # The sections' ids come from the URL module, which reserves them against event ids.
    environment.globals["sections"] = urls.SECTIONS
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
    anchors: tuple[str, ...] = ()
    """The ids of the elements in the page's HTML blocks, for link checkers that read only the
    Markdown (MkDocs' anchor validation): events, months, articles."""
    signature: int = 0
    """A digest of everything the page shows (within one process: it uses ``hash``); equal
    digests, equal pages. A preview rebuilds only the pages whose digest changed."""
    source_path: str = ""
    in_nav: bool = True
    description: str = ""
    feeds: tuple[tuple[str, str], ...] = ()
    """(title, path) of the feeds about this page's subject, beside the whole site's."""
    titled_by_heading: bool = False
    """The body starts with the page's heading (the home page: the site's name), and the front
    matter names no title, so that a theme does not print the site's name twice ("Annals -
    Annals") in the browser's tab."""

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
        if self.titled_by_heading:
            return body
        return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{body}"


FragmentCache = dict[tuple[str, int], tuple[int, Fragment]]
"""Rendered blocks of events by (page, slot number), with the digest of what they show: kept by
a preview between rebuilds, so that an edit re-renders only the blocks (years) it changes."""

SkeletonCache = dict[str, tuple[int, str]]
"""Pages' skeletons by file, and split topics' event maps by path, with the digests of what
they show: kept by a preview between rebuilds."""

NavEntry = tuple[str, "str | list[NavEntry]"]


def navigation(corpus: Corpus) -> list[NavEntry]:
    """The generated pages as a nested outline of (title, page or children), for any generator.

    A split topic is listed by its overview; its years are reached from it. Past
    :data:`urls.NAV_TOPICS` topics the outline names the topics index instead of each topic:
    themes print the outline on every page, so a list of every topic would make the site grow
    with the square of their number.
    """
    if urls.topics_indexed(len(corpus.topics)):
        return [("Home", urls.HOME), ("Topics", urls.TOPICS_INDEX),
                ("Actors", urls.ACTORS_INDEX), ("Sources", urls.SOURCES)]
    topics: list[NavEntry] = [(topic.title, urls.topic_file(topic.id))
                              for topic in corpus.topics.values()]
    # Actor pages are reached from their index and from every mention, not from the navigation:
    # listed there, they would repeat on every page and outweigh the timeline itself.
    return [("Home", urls.HOME), ("Topics", topics), ("Actors", urls.ACTORS_INDEX),
            ("Sources", urls.SOURCES)]


def _nav_key(entries: Sequence[NavEntry]) -> tuple[object, ...]:
    return tuple((title, target if isinstance(target, str) else _nav_key(target))
                 for title, target in entries)


def search_version(block: YearView | Sequence[ArticleView]) -> str:
    """What a search indexer reads in place of a block of events or articles: the text to find,
    without the markup for layout, each event under a heading with its date and its anchor, so
    that a result lands on it, and only on its first topic's pages. Derived from the views the
    block shows."""
    if isinstance(block, YearView):
        # Each event once, on its first topic (its card says where else it is), its date in
        # the heading that a result shows; its texts in one paragraph, as the indexer parses
        # every tag of every page.
        return "".join(
            f'<h3 id="{html.escape(event.id)}">{escape_text(event.date)}: '
            f'{escape_text(event.title)}</h3><p>'
            + " ".join(escape_text(text) for text in event.search_texts()) + "</p>\n"
            for event in block.events() if event.primary)
    return "".join(f"<p>{escape_text(article.search_text())}</p>\n" for article in block)


class _Slots:
    """The templates' ``{% call html() %}`` block: a marker in the skeleton, or a fragment.

    Rendering a template with ``collect=False`` gives the skeleton and never renders the
    blocks' insides (Jinja calls them only on demand); with ``collect=True`` the blocks are
    rendered into :attr:`fragments` in the same order. ``search`` is the view a block shows (a
    year of events, or articles): its search version is derived from it, and a year's rendered
    HTML is cached under its digest. ``searchable=False`` leaves a block out of search.
    """

    def __init__(self, *, collect: bool, first: Sequence[Fragment] = (),
                 cache: FragmentCache | None = None, uri: str = "") -> None:
        self.collect = collect
        self.fragments: list[Fragment] = list(first)
        self.count = len(first)
        self.cache, self.uri = cache, uri

    def __call__(self, caller: Callable[[], str], *,
                 search: YearView | Sequence[ArticleView] | None = None,
                 searchable: bool = True) -> Markup:
        number = self.count
        self.count += 1
        if not self.collect:
            # Blank lines around: the comment must be a block of its own in Markdown.
            return Markup(f"\n\n{marker(number)}\n\n")
        if isinstance(search, YearView) and self.cache is not None:
            key = hash(search)
            known = self.cache.get((self.uri, number))
            if known is None or known[0] != key:
                known = (key, Fragment(str(caller()), search_version(search)))
                self.cache[(self.uri, number)] = known
            self.fragments.append(known[1])
            return Markup("")
        text = None if searchable else ""
        if search is not None:
            text = search_version(search)
        self.fragments.append(Fragment(str(caller()), text))
        return Markup("")


@cache
def _files_in(nav: tuple[object, ...]) -> frozenset[str]:
    """The page files an outline (as :func:`_nav_key` gives it) lists."""
    found: set[str] = set()
    for _, target in cast("tuple[tuple[str, object], ...]", nav):
        if isinstance(target, str):
            found.add(target)
        else:
            found |= _files_in(cast("tuple[object, ...]", target))
    return frozenset(found)


def render_page(view: AnyView, *, banner: str = "", nav: tuple[object, ...] = (),
                fragment_cache: FragmentCache | None = None,
                skeleton_cache: SkeletonCache | None = None,
                digest: Callable[[object], int] = hash) -> Page:
    """The page that shows ``view``; ``banner`` (HTML) goes on top, ``nav`` is the outline the
    theme draws around it (part of what the page shows). A ``skeleton_cache`` kept between
    calls gives a page whose signature is unchanged its skeleton without rendering it;
    ``digest`` is ``hash``, or one that remembers the hash of a view seen before."""
    template = _environment().get_template(TEMPLATE_OF[type(view)])
    signature = hash((TEMPLATE_OF[type(view)], digest(view), banner, nav))

    def url(path: str) -> Markup:
        # Site paths are made of ids and our own names: escaped for HTML only, where
        # escape_text would write every "_" of an anchor as a character reference.
        return Markup(html.escape(urls.relative(view.file, path)))

    context = {"view": view, "url": url}
    first = (Fragment(banner, ""),) if banner else ()
    known = skeleton_cache.get(view.file) if skeleton_cache is not None else None
    if known is not None and known[0] == signature:
        skeleton = known[1]
    else:
        skeleton = template.render(html=_Slots(collect=False, first=first), **context)
        if first:
            skeleton = f"{marker(0)}\n\n{skeleton}"
        if skeleton_cache is not None:
            skeleton_cache[view.file] = (signature, skeleton)

    def fragments() -> tuple[Fragment, ...]:
        slots = _Slots(collect=True, first=first, cache=fragment_cache, uri=view.file)
        template.render(html=slots, **context)
        return tuple(slots.fragments)

    feeds = view.feeds if isinstance(view, TopicView | ActorView) else ()
    description = view.description if isinstance(view, TopicView | ActorView | CompareView) \
        else ""
    source = view.source_path if isinstance(view, TopicView | ActorView) else ""
    return Page(view.file, view.title, skeleton, fragments, view.anchors(), signature, source,
                view.file in _files_in(nav), description, feeds, isinstance(view, HomeView))


def topic_map(views: Views, topic_id: str, pages: Sequence[TopicView]) -> bytes:
    """A split topic's event map (JSON): for each event its page, machine date (its year and
    month place it in the filters and the chart), date, title and what
    the filters test (actors, tags and places as numbers into the lists beside), taken from
    the views of the topic's pages. The overview's script loads it to filter every year and to
    send an old link (``topics/<topic>/#<event>``) on to the event's page."""
    here = urls.topic_map_path(topic_id)
    files: list[str] = []
    names: dict[str, dict[str, int]] = {"actors": {}, "tags": {}, "places": {}}

    def number(kind: str, value: str) -> int:
        return names[kind].setdefault(value, len(names[kind]))

    events = []
    for page in pages:
        for year in page.years:
            for event in year.events():
                if not files or files[-1] != page.file:
                    files.append(page.file)
                events.append([event.id, len(files) - 1, event.datetime, event.date, event.title,
                               [number("actors", a) for a, _ in event.actors],
                               [number("tags", t.text) for t in event.tags],
                               [number("places", p) for p in event.places]])
    data = {"pages": [urls.relative_between(urls.page_url(f), here) for f in files],
            **{kind: list(values) for kind, values in names.items()}, "events": events}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def render_all(views: Views, *, problems: Sequence[Diagnostic] = (),
               fragment_cache: FragmentCache | None = None,
               skeleton_cache: SkeletonCache | None = None
               ) -> tuple[dict[str, Page], dict[str, bytes]]:
    """Every generated page of the site by path, and the other files pages need (the split
    topics' event maps) by site path."""
    banner = _environment().get_template("_problems.html.j2").render(
        problems=problems) if problems else ""
    nav = _nav_key(navigation(views.corpus))
    pages: dict[str, Page] = {}
    files: dict[str, bytes] = {}
    for view in [*views.pages(), *compare_pages(views)]:
        page = render_page(view, banner=banner, nav=nav, fragment_cache=fragment_cache,
                           skeleton_cache=skeleton_cache, digest=views.digest)
        pages[page.uri] = page
    for topic_id, periods in views.layout.topics.items():
        if not periods.split:
            continue
        shown = views.topic_pages(topic_id)
        path = urls.topic_map_path(topic_id)
        # The map is made of what the topic's pages show: their signatures are its digest.
        key = hash(tuple(pages[page.file].signature for page in shown))
        known = skeleton_cache.get(path) if skeleton_cache is not None else None
        if known is not None and known[0] == key:
            files[path] = known[1].encode()
        else:
            files[path] = topic_map(views, topic_id, shown)
            if skeleton_cache is not None:
                skeleton_cache[path] = (key, files[path].decode())
    return pages, files


def render_site(corpus: Corpus, *, layout: urls.Layout | None = None,
                edit_url: EditUrl | None = None, problems: Sequence[Diagnostic] = (),
                fragment_cache: FragmentCache | None = None) -> dict[str, Page]:
    """Every generated page of the site, keyed by its path (e.g. ``topics/thaad.md``).

    ``layout`` decides which timelines are split (default: :data:`urls.DEFAULT_SPLIT`).
    ``edit_url`` maps a content file's path to the address where it can be edited; when given,
    each event links to the file that defines it. ``problems`` are shown in a banner at the top
    of every page: for a preview, so that a broken file is seen in the browser, not only in a
    terminal. A ``fragment_cache`` kept between calls lets pages reuse the blocks of events
    whose content did not change.
    """
    views = Views(corpus, layout or urls.Layout.of(corpus), edit_url)
    return render_all(views, problems=problems, fragment_cache=fragment_cache)[0]
