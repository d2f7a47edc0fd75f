"""schema.org structured data (JSON-LD) for topic pages: the events, their places, participants
and the news articles they cite, in a form search engines and citation tools read.

Kept compact on purpose: every event names its participants and sources by ``@id``, and each
actor and article is described once, so the data grows by a few hundred bytes per event.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from generator import urls
from generator.links import safe_href

if TYPE_CHECKING:
    from collections.abc import Sequence

    from generator.dates import DatePoint, When
    from generator.model import Actor, Article, Corpus, Event

# schema.org has no type for "a state" that is also an agent: a government acts as an
# organisation; a weapon system is a product.
ACTOR_TYPES = {"person": "Person", "state": "GovernmentOrganization",
               "organisation": "Organization", "system": "Product"}

# Characters that could end the <script> element or start markup or template syntax, written as
# JSON escapes inside strings: the data stays identical for a JSON parser.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "{": "\\u007b",
                              "}": "\\u007d", "\u2028": "\\u2028", "\u2029": "\\u2029"})
# The same without the braces: these characters never stand in JSON's own structure, so they can
# be replaced in the whole text at once.
_IN_STRINGS_ONLY = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029"))
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
# What starts template syntax. JSON's own braces are always followed by a quote or a closing
# brace, so these only stand inside strings; without them a brace starts nothing.
_TEMPLATE_OPENERS = ("{{", "{%", "{#")


def iso_point(point: DatePoint) -> str:
    """A date as ISO 8601 for schema.org: as written, without EDTF's ~ ? % qualifiers."""
    return point.text.rstrip("~?%")


def event_data(event: Event, url: str, refs: dict[str, str]) -> dict[str, Any]:
    """One schema.org Event; participants and sources refer by ``refs`` to nodes given once."""
    data: dict[str, Any] = {"@type": "Event", "@id": url, "name": event.title,
                            "startDate": iso_point(event.when.start)}
    if event.when.end is not None:
        data["endDate"] = iso_point(event.when.end)
    if _is_fuzzy(event.when):
        data["description"] = f"Date: {event.when.label()}"
    if event.places:
        data["location"] = [{"@type": "Place", "name": place} for place in event.places]
    if event.actors:
        data["attendee"] = [{"@id": refs[actor]} for actor in event.actors]
    data["subjectOf"] = [{"@id": refs[source]} for source in event.sources]
    return data


def actor_data(actor: Actor, node_id: str, url: str) -> dict[str, Any]:
    """One participant, by the schema.org type nearest its kind."""
    return {"@type": ACTOR_TYPES[actor.kind], "@id": node_id, "name": actor.name, "url": url}


def article_data(article: Article, node_id: str) -> dict[str, Any]:
    """One cited news article."""
    data: dict[str, Any] = {"@type": "NewsArticle", "@id": node_id,
                            "headline": article.title,
                            "datePublished": article.published.isoformat(),
                            "publisher": {"@type": "Organization", "name": article.publisher}}
    if href := safe_href(article.url):
        data["url"] = href
    if article.language:
        data["inLanguage"] = article.language
    if article.archive_url and (copy := safe_href(article.archive_url)):
        data["archivedAt"] = copy  # schema.org's link to an archived copy
    return data


def topic_graph(corpus: Corpus, file: str, title: str, events: Sequence[Event],
                page_url: str = "") -> dict[str, Any]:
    """The JSON-LD of a page of a topic: the page, its events, their participants and sources.

    ``file`` is the page's file (links to actors are relative to it); ``page_url`` the page's
    absolute address when the site's URL is known; otherwise ids are relative to the page,
    which JSON-LD resolves against the document's own address.
    """
    actors = sorted({actor for event in events for actor in event.actors})
    articles = sorted({source for event in events for source in event.sources})
    # Short blank-node-like ids (#p_1 for people and other actors, #s_1 for sources) keep the
    # graph small: each is named once and referred to by every event that needs it. The
    # underscore keeps them apart from the events' own ids (#<event id>), which cannot have one.
    refs = {actor: f"#p_{number}" for number, actor in enumerate(actors, 1)}
    refs |= {article: f"#s_{number}" for number, article in enumerate(articles, 1)}
    nodes: list[dict[str, Any]] = [{"@type": "CollectionPage", "@id": page_url,
                                    "name": title}]
    nodes += [event_data(event, f"{page_url}#{event.id}", refs) for event in events]
    nodes += [actor_data(corpus.actors[a], refs[a],
                         page_url + urls.relative(file, urls.page_url(urls.actor_file(a))))
              for a in actors]
    nodes += [article_data(corpus.articles[a], refs[a]) for a in articles]
    return {"@context": "https://schema.org", "@graph": nodes}


def script_json(data: dict[str, Any]) -> str:
    """JSON for a ``<script type="application/ld+json">`` element, inert in HTML and Markdown."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if any(opener in text for opener in _TEMPLATE_OPENERS):
        # Template syntax in a string: escape every brace of every string (slower; rare).
        return _JSON_STRING.sub(lambda match: match.group().translate(_SCRIPT_SAFE), text)
    for character, escaped in _IN_STRINGS_ONLY:
        if character in text:
            text = text.replace(character, escaped)
    return text


def _is_fuzzy(when: When) -> bool:
    points = [when.start] if when.end is None else [when.start, when.end]
    return any(point.approximate or point.uncertain for point in points)
