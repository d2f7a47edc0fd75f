"""What every export shares: where pages live, links, dates in UTC, sources and their order.

Every link to an article passes through :func:`generator.links.safe_href`; links into the site
are built from ids alone (``[a-z0-9-]``), so no contributor text ever becomes part of a URL.
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from generator import urls

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from generator.archives import RobustLink
    from generator.dates import DatePoint
    from generator.model import Article, Corpus, Event
    from generator.views import EventView, QuoteView, SourceView, Views

EPOCH = date(1970, 1, 1)
SITE_NAME = "Annals"
_ID_NAMESPACE = uuid.UUID("0b1e7c2a-5d3f-5a8e-9c41-2f6d8e0a7b13")


@dataclass(frozen=True)
class Site(urls.Site):
    """Where the site is published, and the views of its events: their permalinks and HTML."""

    views: Views

    @classmethod
    def of(cls, base_url: str, views: Views) -> Site:
        """A site at ``base_url`` (checked and normalised; "" means unknown)."""
        return cls(urls.normalise_base_url(base_url), views)

    def event_url(self, event: Event) -> str:
        """An event's permalink from the site root."""
        return self.views.layout.event_url(event)

    def event_id_uri(self, event: Event) -> str:
        """A permanent identifier for an event: its absolute permalink, else a name-based UUID."""
        return self.absolute(self.event_url(event)) or _urn("event", event.id)

    def file_id_uri(self, path: str) -> str:
        """A permanent identifier for a feed file: its absolute URL, else a name-based UUID."""
        return self.absolute(path) or _urn("file", path)

    def event_html(self, event: Event, *, with_date: bool = True,
                   permalink: str | None = None) -> str:
        """An event as a small, fully escaped HTML fragment (its view): date, summary, sources,
        permalink."""
        return event_html(self.views.event(event), with_date=with_date, permalink=permalink)


def _urn(kind: str, name: str) -> str:
    return uuid.uuid5(_ID_NAMESPACE, f"{kind}:{name}").urn


def topic_page(topic_id: str) -> str:
    """The site path of a topic's page."""
    return urls.page_url(urls.topic_file(topic_id))


def actor_page(actor_id: str) -> str:
    """The site path of an actor's page."""
    return urls.page_url(urls.actor_file(actor_id))


def midnight(day: date) -> datetime:
    """The first instant of a calendar day, in UTC."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def utc_iso(moment: datetime) -> str:
    """An instant as RFC 3339 in UTC with a Z, e.g. 2015-02-05T00:00:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sources(corpus: Corpus, event: Event) -> tuple[Article, ...]:
    """The articles that report an event, oldest first."""
    return corpus.event_sources(event)


def added(corpus: Corpus, event: Event) -> date:
    """The day the event was added: its defining article's ``added`` date."""
    return corpus.articles[event.defined_in].added


def last_added(corpus: Corpus, event: Event) -> date:
    """The newest ``added`` date among the articles that report an event."""
    return max((article.added for article in sources(corpus, event)),
               default=added(corpus, event))


def last_changed(corpus: Corpus, site: Site, event: Event) -> date:
    """The last day an event changed: its newest source's ``added`` day, or a later commit
    that changed it when the site was given its history (:mod:`generator.history`)."""
    day = last_added(corpus, event)
    history = site.views.history
    record = history.events.get(event.id) if history is not None else None
    committed = [change.day for change in record.changes if change.day is not None] \
        if record is not None else []
    return max(day, committed[0]) if committed else day


def newest_first(corpus: Corpus, events: Iterable[Event]) -> list[Event]:
    """Newest additions first: by the defining article's added day, its publication day, the
    event's date (latest first), then id (ascending) for a total, input-independent order."""
    by_id = sorted(events, key=lambda event: event.id)

    def key(event: Event) -> tuple[date, date, datetime, int]:
        article = corpus.articles[event.defined_in]
        return (article.added, article.published, *event.when.sort_key())

    return sorted(by_id, key=key, reverse=True)


def newest_added(corpus: Corpus, events: Sequence[Event]) -> date:
    """The newest added day among events: a format's "updated" stamp, never the clock.

    With no events, the newest added day of the whole corpus (or 1970-01-01 for an empty one).
    """
    if events:
        return max(last_added(corpus, event) for event in events)
    return max((article.added for article in corpus.articles.values()), default=EPOCH)


def precision_name(event: Event) -> str:
    """The precision of the start of an event's date in words: year, month, day or minute."""
    return event.when.precision.name.lower()


def is_approximate(event: Event) -> bool:
    """True when either end of the date is approximate (~ or %)."""
    return any(point.approximate for point in date_points(event))


def is_uncertain(event: Event) -> bool:
    """True when either end of the date is uncertain (? or %)."""
    return any(point.uncertain for point in date_points(event))


def date_points(event: Event) -> tuple[DatePoint, ...]:
    """The start of an event's date, and its end for an interval."""
    when = event.when
    return (when.start,) if when.end is None else (when.start, when.end)


def _attributes(source: SourceView | QuoteView) -> str:
    """``lang`` and ``dir`` of an original (a title, a quote), when it needs them."""
    return (f' lang="{html.escape(source.lang)}"' if source.lang else "") + (
        f' dir="{html.escape(source.dir)}"' if source.dir else "")


def _robust(link: RobustLink, text: str, extra: str = "") -> str:
    """A source's link, a Robust Link when it has a copy
    (https://robustlinks.mementoweb.org/spec/), every attribute escaped."""
    attributes = f'href="{html.escape(link.href)}"' + "".join(
        f' {name}="{html.escape(value)}"' for name, value in link.attributes)
    return f"<a {attributes}{extra}>{text}</a>"


def _plain(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{text}</a>'


def source_html(source: SourceView) -> str:
    """One source as escaped HTML: publisher, linked title (a Robust Link, its language
    marked, its translation beside it) and publication day, and an archived copy."""
    title = html.escape(source.title)
    link = source.link
    linked = _robust(link, title, _attributes(source)) if link else (
        f"<span{_attributes(source)}>{title}</span>" if source.lang else title)
    if source.title_translation:
        linked += (f" ({html.escape(source.translation_label)} "
                   f"{html.escape(source.title_translation)})")
    copy = ""
    if link and link.other and link.gone:
        copy = (f"; archived copy of {html.escape(link.archived)}, "
                f"{_plain(link.other, 'the original')} is gone")
    elif link and link.other:
        copy = f"; {_plain(link.other, 'archived copy')}, {html.escape(link.archived)}"
    return (f"{html.escape(source.publisher)}: {linked} ({html.escape(source.published)}"
            f"{copy})")


def quote_html(quote: QuoteView) -> str:
    """A quote as escaped HTML: the original (its language marked), its speaker, and its
    translation beside it with who made it."""
    text = (f"<blockquote{_attributes(quote)}><p>{html.escape(quote.text)}</p></blockquote>"
            f"<p>— {html.escape(quote.speaker)}</p>")
    if quote.translation:
        label = html.escape(quote.translation_label)
        if quote.translation_href:
            label = f'<a href="{html.escape(quote.translation_href)}">{label}</a>'
        text += f'<p lang="en">{label} {html.escape(quote.translation)}</p>'
    return text


def event_html(event: EventView, *, with_date: bool = True, permalink: str | None = None) -> str:
    """An event's view as a small, fully escaped HTML fragment: date, summary, quotes,
    sources, permalink."""
    parts: list[str] = []
    if with_date:
        parts.append(f"<p><strong>{html.escape(event.date)}</strong></p>")
    parts += [f"<p>{html.escape(paragraph)}</p>" for paragraph in event.summary]
    parts += [quote_html(quote) for quote in event.quotes]
    items = "".join(f"<li>{source_html(source)}</li>" for source in event.sources)
    parts.append(f"<p>Sources:</p><ul>{items}</ul>")
    if permalink:
        parts.append(f'<p><a href="{html.escape(permalink)}">On the timeline</a></p>')
    return "".join(parts)
