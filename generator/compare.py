"""Topics compared on one time axis: the views of the comparison pages, and their chart.

A comparison (which ones exist: :func:`generator.urls.compare_groups`) lays two or more topics
on one time axis: a chart with a lane per topic, whose bars link to their period on the topic's
own timeline, and every event of the topics in one list in date order, each linking to its
permalink. Its size grows with the events only through that list, which splits by year and
month like an actor's page (the layout decides); the chart has a bounded number of bars.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator import urls
from generator.charts import MONTHLY_UP_TO, QUARTERLY_UP_TO
from generator.dates import MONTHS, Precision
from generator.escaping import escape_text
from generator.model import group_by_year
from generator.views import Link, Period, machine_date, plural, span

if TYPE_CHECKING:
    from collections.abc import Sequence

    from generator.model import Event
    from generator.views import Views

LANE_HEIGHT = 44
"""Pixels of a lane's bars (its label sits above them)."""
LABEL_HEIGHT = 18
LANE_GAP = 10
AXIS_HEIGHT = 22
AXIS_LABELS = 8
"""At most this many year labels on the axis: about 45 px each on a 360 px phone."""
CHART_NAME = "compare"


@dataclass(frozen=True, slots=True)
class Lane:
    """One compared topic: its page, and what of it this page covers."""

    link: Link
    stats: str


@dataclass(frozen=True, slots=True)
class ComparedEvent:
    """An event in the comparison's list: its date, its link and the lanes it belongs to."""

    datetime: str
    date: str
    link: Link
    """The event's permalink on the page of its first compared topic."""
    lanes: tuple[int, ...]
    """Indexes into the view's lanes, in their order."""


@dataclass(frozen=True, slots=True)
class CompareView:
    """A comparison page (or one year or month of a split one)."""

    file: str
    title: str
    description: str
    lanes: tuple[Lane, ...]
    chart: str
    chart_anchors: tuple[str, ...]
    years: tuple[tuple[int, str, tuple[ComparedEvent, ...]], ...]
    periods: tuple[Period, ...]
    up: Link | None
    previous: Link | None = None
    next: Link | None = None

    def anchors(self) -> tuple[str, ...]:
        """Every id of the page's HTML blocks (its year headings are Markdown)."""
        return self.chart_anchors


def compare_title(titles: Sequence[str]) -> str:
    """``A and B``, ``A, B and C``."""
    return titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} and {titles[-1]}"


def compare_pages(views: Views) -> list[CompareView]:
    """Every comparison's pages: one each, or an overview and its years (and months).

    A preview keeps a comparison's pages while what they show of the events it lists (their
    day, title and topics) is unchanged: an edited summary or source does not touch them (the
    topics' titles and the layout are part of the memo's context).
    """
    pages: list[CompareView] = []
    for group in views.layout.compare:
        shown = tuple((event.id, event.when, event.title, event.topics)
                      for event in urls.compared_events(views.corpus, group))
        pages += views.remember(("compare", group, shown), partial(group_pages, views, group))
    return pages


def group_pages(views: Views, group: tuple[str, ...]) -> list[CompareView]:
    """The pages of the comparison of the topics ``group``."""
    corpus, layout = views.corpus, views.layout
    periods = layout.compare[group]
    base = urls.compare_file(group)
    name = compare_title([corpus.topics[t].title for t in group])
    events = urls.compared_events(corpus, group)
    by_file: dict[str, list[Event]] = {}
    for event in events:
        by_file.setdefault(layout.compare_event_file(group, event), []).append(event)

    def page(file: str, title: str, covered: Sequence[Event], *, up: Link | None = None,
             previous: Link | None = None, following: Link | None = None) -> CompareView:
        lanes = tuple(
            Lane(Link(urls.page_url(urls.topic_file(t)), corpus.topics[t].title),
                 _stats([e for e in covered if t in e.topics])) for t in group)
        shown = by_file.get(file, [])
        chart_id = urls.chart_id(CHART_NAME)
        return CompareView(
            file=file, title=title,
            description=f"{name} on one time axis: {_stats(covered)}.",
            lanes=lanes,
            chart=str(compare_chart(views, group, covered, file, chart_id)) if covered else "",
            chart_anchors=(f"{chart_id}_t", f"{chart_id}_d") if covered else (),
            years=tuple((year, urls.year_anchor(year),
                         tuple(_compared(views, group, e) for e in year_events))
                        for year, year_events in group_by_year(shown)),
            periods=_subpages(periods, base, file, covered),
            up=up, previous=previous, next=following)

    pages = [page(base, f"Compare: {name}", events)]
    if not periods.split:
        return pages
    up = Link(urls.page_url(base), f"Compare: {name}")
    years = group_by_year(events)
    files = [periods.year_file(base, year) for year, _ in years]
    for number, (year, year_events) in enumerate(years):
        previous = Link(urls.page_url(files[number - 1]), str(years[number - 1][0])) \
            if number else None
        following = Link(urls.page_url(files[number + 1]), str(years[number + 1][0])) \
            if number + 1 < len(years) else None
        pages.append(page(files[number], f"Compare: {name}: {year}", year_events, up=up,
                          previous=previous, following=following))
        if year in periods.by_month:
            year_up = Link(urls.page_url(files[number]), f"Compare: {name}: {year}")
            months: dict[int, list[Event]] = {}
            for event in year_events:
                month = urls.event_month(event)
                if month:
                    months.setdefault(month, []).append(event)
            for month, month_events in sorted(months.items()):
                pages.append(page(periods.month_file(base, year, month),
                                  f"Compare: {name}: {MONTHS[month - 1]} {year}",
                                  month_events, up=year_up))
    return pages


def _stats(events: Sequence[Event]) -> str:
    return plural(len(events), "event") + (f", {span(events)}" if events else "")


def _compared(views: Views, group: tuple[str, ...], event: Event) -> ComparedEvent:
    lanes = tuple(number for number, topic in enumerate(group) if topic in event.topics)
    return ComparedEvent(machine_date(event.when), event.when.label(),
                         Link(views.layout.event_url(event, group[lanes[0]]), event.title),
                         lanes)


def _subpages(periods: urls.Periods, base: str, file: str,
              covered: Sequence[Event]) -> tuple[Period, ...]:
    """What a page of a split comparison links to: the overview its years, a year split by
    month its months, with their counts."""
    if not periods.split:
        return ()
    if file == base:
        years = Counter(event.when.year for event in covered)
        return tuple(Period(Link(urls.page_url(periods.year_file(base, year)), str(year)), n)
                     for year, n in sorted(years.items()))
    year = covered[0].when.year if covered else 0
    if year not in periods.by_month or file != periods.year_file(base, year):
        return ()
    months = Counter(month for month in map(urls.event_month, covered) if month)
    return tuple(Period(Link(urls.page_url(periods.month_file(base, year, month)),
                             f"{MONTHS[month - 1]} {year}"), n)
                 for month, n in sorted(months.items()))


# --- the chart ---------------------------------------------------------------------------------

def compare_chart(views: Views, group: tuple[str, ...], events: Sequence[Event], file: str,
                  chart_id: str) -> Markup:
    """Events per period of each topic of ``group``, a lane each on one shared time axis; each
    bar links to the first marker of its period on the topic's own timeline (written as a
    link from page ``file``).

    The chart has no viewBox: positions along the axis are percentages of its width and text
    keeps its size in pixels, so labels stay readable on a phone. Each lane is scaled to its
    own busiest period, so that the timing of small and large topics can be compared.
    """
    corpus, layout = views.corpus, views.layout
    starts = [event.when.year * 12 + event.when.start.local.month - 1 for event in events]
    first, last = min(starts), max(starts)
    months = last - first + 1
    size, unit = (1, "month") if months <= MONTHLY_UP_TO else (
        (3, "quarter") if months <= QUARTERLY_UP_TO else (12, "year"))
    first -= first % size
    slots = (last - first) // size + 1
    step = 100 / slots
    height = len(group) * (LABEL_HEIGHT + LANE_HEIGHT + LANE_GAP) + AXIS_HEIGHT
    parts = [f'<svg class="annals-compare__svg" width="100%" height="{height}" '
             # A group, not an image: its bars are links (axe: nested-interactive).
             f'role="group" aria-labelledby="{chart_id}_t {chart_id}_d">',
             f'<title id="{chart_id}_t">Events per {unit} of each topic</title>',
             f'<desc id="{chart_id}_d">One lane per topic on one time axis from '
             f"{_label(first, unit)} to {_label(first + (slots - 1) * size, unit)}, each lane "
             f"scaled to its busiest {unit}: "
             + "; ".join(_text(f"{corpus.topics[t].title}, "
                               f"{plural(sum(t in e.topics for e in events), 'event')}")
                         for t in group) + ".</desc>"]
    for lane, topic_id in enumerate(group):
        top = lane * (LABEL_HEIGHT + LANE_HEIGHT + LANE_GAP)
        base = top + LABEL_HEIGHT + LANE_HEIGHT
        counts: Counter[int] = Counter()
        targets: dict[int, str] = {}
        for event, start in zip(events, starts, strict=True):
            if topic_id not in event.topics:
                continue
            slot = (start - first) // size
            counts[slot] += 1
            if slot not in targets:
                month = urls.event_month(event) if event.when.precision >= Precision.MONTH \
                    else None
                targets[slot] = urls.relative(file, layout.period_url(
                    topic_id, event.when.year, month))
        name = corpus.topics[topic_id].title
        parts.append(f'<g class="annals-compare__lane annals-lane--{lane % 4}">'
                     f'<text x="0" y="{top + LABEL_HEIGHT - 5}">{_text(name)}</text>'
                     f'<line x1="0" x2="100%" y1="{base + 0.5}" y2="{base + 0.5}"/>')
        peak = max(counts.values(), default=1)
        for slot, count in sorted(counts.items()):
            bar = max(3.0, LANE_HEIGHT * count / peak)
            label = _label(first + slot * size, unit)
            rect = (f'<rect x="{slot * step + step * 0.1:.3f}%" y="{base - bar:.1f}" '
                    f'width="{step * 0.8:.3f}%" height="{bar:.1f}"><title>'
                    f"{_text(name)}: {label}: {plural(count, 'event')}</title></rect>")
            parts.append(f'<a href="{html.escape(targets[slot])}">{rect}</a>')
        parts.append("</g>")
    parts += _axis(first, slots, size, unit, height - AXIS_HEIGHT)
    parts.append("</svg>")
    return Markup("".join(parts))


def _axis(first: int, slots: int, size: int, unit: str, top: int) -> list[str]:
    """Year ticks along the bottom, at most :data:`AXIS_LABELS` of them labelled."""
    end = first + slots * size
    years = list(range(first // 12 + (first % 12 > 0), (end - 1) // 12 + 1))
    every = next(n for n in (1, 2, 5, 10, 20, 50, 100, 1000) if len(years) <= AXIS_LABELS * n)
    parts = [f'<g class="annals-compare__axis"><line x1="0" x2="100%" y1="{top + 0.5}" '
             f'y2="{top + 0.5}"/>']
    for year in years:
        x = (year * 12 - first) / (end - first) * 100
        parts.append(f'<line x1="{x:.3f}%" x2="{x:.3f}%" y1="{top}" y2="{top + 5}"/>')
        if year % every == 0 or len(years) == 1:
            parts.append(f'<text x="{x:.3f}%" dx="3" y="{top + 17}">{year}</text>')
    if not years or (first % 12 and (years[0] * 12 - first) / (end - first) > 0.15):
        # The axis starts well inside a year: name where it starts.
        parts.append(f'<text x="0" y="{top + 17}">{_label(first, unit)}</text>')
    parts.append("</g>")
    return parts


def _label(index: int, unit: str) -> str:
    year, month = divmod(index, 12)
    return {"month": f"{MONTHS[month][:3]} {year}", "quarter": f"Q{month // 3 + 1} {year}",
            "year": f"{year}"}[unit]


def _text(value: str) -> str:
    return str(escape_text(value))
