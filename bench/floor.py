"""The floor: the same events as a plain-Markdown MkDocs site, with the same navigation.

What MkDocs itself costs for this much text, with the same theme, plugins and Markdown
extensions, minus Annals. The pages mirror the generated ones: a home page listing the topics
and recent additions, one page per topic with a heading per event (date line, summary
paragraphs, quotes, sources) grouped by year, an actor index and a sources page listing every
article with its summary and events. Actor pages are Annals' own addition and have no
counterpart here, nor do the filters, chart and related-event links.

The table of contents is limited to the year headings (``toc_depth: 2``), as on Annals' pages,
whose event titles are HTML headings the table of contents does not list.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from pathlib import Path

    from bench.corpus import SynEvent, SyntheticCorpus

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
RECENT = 10


@dataclass(frozen=True)
class _Tagged:
    """A YAML value with a tag (``!!python/name:…``, ``!ENV``), kept to be written back."""

    tag: str
    value: Any


class _TolerantLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` without resolving the tags MkDocs gives meaning to."""


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return _Tagged(node.tag, value)


_TolerantLoader.add_multi_constructor("!", _construct_tagged)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _TaggedDumper(yaml.SafeDumper):
    """Writes ``_Tagged`` values back with their tags."""


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_TaggedDumper.add_representer(_Tagged, _represent_tagged)


def load_mkdocs_yml(path: Path) -> dict[str, Any]:
    """A ``mkdocs.yml`` as data, its tags (``!ENV``, ``!!python/name:``) kept, not resolved."""
    settings = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    return settings if isinstance(settings, dict) else {}


def _name(entry: Any) -> str:
    """The name of a plugin or extension entry, given as a string or a one-key mapping."""
    return entry if isinstance(entry, str) else next(iter(entry))


def floor_config(annals_config: Path, docs: Path) -> str:
    """A ``mkdocs.yml`` for the floor: the project's own settings minus the annals plugin.

    Everything is inherited from the project's file (``INHERIT``); only the plugin list, the
    navigation (the same outline as Annals') and the table-of-contents depth are replaced.
    """
    settings = load_mkdocs_yml(annals_config)
    plugins = settings.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    plugins = [entry for entry in plugins if _name(entry) != "annals"]
    extensions: list[Any] = []
    for entry in settings.get("markdown_extensions") or []:
        if _name(entry) == "toc":
            options = dict(entry["toc"] or {}) if isinstance(entry, dict) else {}
            entry = {"toc": {**options, "toc_depth": 2}}
        extensions.append(entry)
    if not any(_name(entry) == "toc" for entry in extensions):
        extensions.append({"toc": {"toc_depth": 2}})
    handwritten = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md")
                         if not _generated(path.relative_to(docs).as_posix()))
    topics = [{title: f"topics/{topic_id}.md"} for topic_id, title in _topic_titles(docs)]
    nav: list[Any] = [{"Home": "index.md"}, {"Topics": topics}, {"Actors": "actors/index.md"},
                      {"Sources": "sources.md"}, *handwritten]
    override = {"INHERIT": str(annals_config), "plugins": plugins,
                "markdown_extensions": extensions, "nav": nav}
    return yaml.dump(override, Dumper=_TaggedDumper, allow_unicode=True, sort_keys=False)


def _generated(uri: str) -> bool:
    return uri in ("index.md", "sources.md", "actors/index.md") or uri.startswith("topics/")


def _topic_titles(docs: Path) -> list[tuple[str, str]]:
    found = []
    for page in sorted((docs / "topics").glob("*.md")):
        head = page.read_text(encoding="utf-8").split("\n", 2)[1]
        found.append((page.stem, json.loads(head.removeprefix("title: "))))
    return found


def _lower(event: SynEvent) -> date:
    if event.precision == 0:
        return event.day.replace(month=1, day=1)
    if event.precision == 1:
        return event.day.replace(day=1)
    return event.day


def _label(event: SynEvent) -> str:
    text = event.date_text
    if event.precision == 0:
        return f"c. {event.day.year}"
    month = f"{MONTHS[event.day.month - 1]} {event.day.year}"
    if event.precision == 1:
        return month + (" (uncertain)" if text.endswith("?") else "")
    words = f"{event.day.day} {month}"
    if "/" in text:
        words += f" – {date.fromisoformat(text.split('/')[1]).strftime('%d %B %Y')}"
    return ("c. " if text.endswith("~") else "") + words + (
        f" {text[11:]}" if event.precision == 3 else "")


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _front(title: str) -> str:
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n"


def write_floor(corpus: SyntheticCorpus, docs: Path) -> int:
    """Write the floor's generated pages into ``docs``; return how many pages were written."""
    articles = {article.id: article for article in corpus.articles}
    actors = {actor.id: actor for actor in corpus.actors}
    events = sorted(corpus.events, key=lambda e: (_lower(e), e.precision, e.id))
    sources: dict[str, list[str]] = {event.id: [event.article] for event in events}
    for article in corpus.articles:
        for ref in article.refs:
            sources[ref].append(article.id)
    by_topic: dict[str, list[SynEvent]] = {topic.id: [] for topic in corpus.topics}
    by_actor: dict[str, int] = {}
    for event in events:
        for topic_id in event.topics:
            by_topic[topic_id].append(event)
        for actor_id in event.actors:
            by_actor[actor_id] = by_actor.get(actor_id, 0) + 1
    first_topic = {event.id: event.topics[0] for event in events}
    pages: dict[str, str] = {}

    for topic in corpus.topics:
        out = [_front(topic.title), topic.summary, "",
               f"{len(by_topic[topic.id])} events · {topic.region}", ""]
        year = month = 0
        for event in by_topic[topic.id]:
            if event.day.year != year:
                year, month = event.day.year, 0
                out += [f"## {year} {{ #year_{year} }}", ""]
            if event.precision >= 1 and event.day.month != month:
                month = event.day.month
                out += [f"**{MONTHS[month - 1]} {year}**", ""]
            out += [f"### {event.title} {{ #{event.id} }}", "",
                    f"*{_label(event)}* · "
                    + ", ".join(actors[a].name for a in event.actors)
                    + (" · " + ", ".join(event.places) if event.places else "")
                    + " · " + ", ".join(event.tags), ""]
            out += [paragraph + "\n" for paragraph in event.summary.split("\n\n")]
            out += [f"> {text}\n>\n> — {actors[by].name}\n" for text, by in event.quotes]
            cited = [articles[a] for a in sources[event.id]]
            out += ["Sources:", ""]
            out += [f"- [{a.title}]({a.url}), *{a.publisher}*, {_day(a.published)}"
                    for a in cited]
            out.append("")
        pages[f"topics/{topic.id}.md"] = "\n".join(out)

    recent = sorted(corpus.articles, key=lambda a: (a.added, a.published, a.id),
                    reverse=True)[:RECENT]
    home = [_front("Annals"), "Dated, sourced timelines, built from curated news articles.", "",
            "## Topics { #topics }", ""]
    home += [f"- [{topic.title}](topics/{topic.id}.md) {len(by_topic[topic.id])} events"
             for topic in corpus.topics]
    home += ["", "## Recent additions { #recent }", ""]
    home += [f"- {_day(a.added)}: [{a.title}](sources.md#{a.id}), *{a.publisher}*"
             for a in recent]
    pages["index.md"] = "\n".join(home) + "\n"

    listing = [_front("Actors")]
    listing += [f"- {actor.name} *{actor.kind}* · {by_actor.get(actor.id, 0)} events"
                for actor in sorted(corpus.actors, key=lambda a: (a.name.casefold(), a.id))]
    pages["actors/index.md"] = "\n".join(listing) + "\n"

    out = [_front("Sources"), "Every curated article, by year of publication.", ""]
    year = 0
    by_id = {event.id: event for event in events}
    for article in sorted(corpus.articles,
                          key=lambda a: (a.published, a.publisher.casefold(), a.id)):
        if article.published.year != year:
            year = article.published.year
            out += [f"## {year} {{ #year_{year} }}", ""]
        out += [f"[{article.title}]({article.url}), *{article.publisher}*, "
                f"{_day(article.published)}\n{{ #{article.id} }}", "", article.summary, ""]
        listed = [by_id[e] for e in [*(e.id for e in article.events), *article.refs]]
        out += [f"- [{_label(e)}: {e.title}](topics/{first_topic[e.id]}.md#{e.id})"
                for e in listed]
        out.append("")
    pages["sources.md"] = "\n".join(out)

    for uri, text in pages.items():
        path = docs / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(pages)


def write_floor_project(corpus: SyntheticCorpus, project: Path, annals_config: Path,
                        handwritten: Path) -> None:
    """A complete floor project: the hand-written docs, the floor pages and ``mkdocs.yml``."""
    docs = project / "docs"
    shutil.copytree(handwritten, docs)
    write_floor(corpus, docs)
    (project / "mkdocs.yml").write_text(floor_config(annals_config, docs), encoding="utf-8")
