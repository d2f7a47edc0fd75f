"""Charts of events over time, drawn at build time as small inline SVG (no JavaScript).

Bars count events per month when a topic spans up to four years, per quarter up to fifty, per
year beyond; empty periods keep their place, so gaps show. Each bar of the topic chart links to
the first month marker (or year heading) of its period, on its page: where that is, the caller
says (generator/urls.py knows).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.dates import MONTHS, Precision
from generator.escaping import escape_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from generator.model import Event

MONTHLY_UP_TO = 48
QUARTERLY_UP_TO = 200


Target = Callable[[int, "int | None"], str]
"""The link of a period's first marker: (year, month) → href; month None for a year heading."""


@dataclass(frozen=True)
class Bar:
    """One period of a chart: its label, how many events start in it, where it links, and the
    year and month it starts with."""

    label: str
    count: int
    href: str
    year: int = 0
    month: int = 1


def _no_target(year: int, month: int | None) -> str:
    return ""


def bars(events: Sequence[Event], target: Target = _no_target) -> tuple[str, list[Bar]]:
    """The unit ("month", "quarter" or "year") and the bars for events in timeline order."""
    if not events:
        return "month", []
    starts = [(event.when.year, event.when.start.local.month, event.when.precision)
              for event in events]
    first = min(starts)[0] * 12 + min(starts)[1] - 1
    last = max(starts)[0] * 12 + max(starts)[1] - 1
    months = last - first + 1
    size, unit = (1, "month") if months <= MONTHLY_UP_TO else (
        (3, "quarter") if months <= QUARTERLY_UP_TO else (12, "year"))
    first -= first % size
    counts: dict[int, int] = {}
    anchors: dict[int, str] = {}
    for year, month, precision in starts:
        slot = (year * 12 + month - 1 - first) // size
        counts[slot] = counts.get(slot, 0) + 1
        if slot not in anchors:
            anchors[slot] = target(year, month if precision >= Precision.MONTH else None)
    result = []
    for slot in range((last - first) // size + 1):
        index = first + slot * size
        year, month = divmod(index, 12)
        label = {"month": f"{MONTHS[month][:3]} {year}",
                 "quarter": f"Q{month // 3 + 1} {year}", "year": f"{year}"}[unit]
        result.append(Bar(label, counts.get(slot, 0), anchors.get(slot, ""), year, month + 1))
    return unit, result


MAX_TICKS = 8
_TICK_STEPS = (1, 2, 3, 5, 10, 20, 25, 50, 100)


@dataclass(frozen=True)
class Tick:
    """A label under the axis: at the bar ``index`` where its period starts."""

    index: int
    label: str


def ticks(unit: str, periods: Sequence[Bar]) -> list[Tick]:
    """The axis labels: years where a year starts (months, when the bars are the months of one
    year), thinned to at most :data:`MAX_TICKS` at an even step so that none overlap."""
    if unit == "month" and periods[0].year == periods[-1].year:
        marks = [Tick(index, MONTHS[bar.month - 1][:3]) for index, bar in enumerate(periods)]
    else:
        marks = [Tick(index, str(bar.year)) for index, bar in enumerate(periods)
                 if bar.month == 1]
        if not marks or marks[0].index:  # the first year starts before the chart does
            marks.insert(0, Tick(0, str(periods[0].year)))
    step = next((s for s in _TICK_STEPS if len(marks) <= s * MAX_TICKS), len(marks))
    return marks[::step]


def topic_chart(events: Sequence[Event], title: str, chart_id: str, target: Target) -> Markup:
    """An accessible bar chart of a topic's events, each bar linking to its period.

    The bars are drawn in their own coordinates (one unit per period, one per event) and
    stretched to the chart's width; the axis labels are placed in percent of it, so that they
    keep the stylesheet's size on any screen. ``data-first`` (the first period's month, counted
    from year 0) and ``data-size`` (months per bar) let a script count a filtered share per bar.
    """
    unit, periods = bars(events, target)
    if not periods:
        return Markup("")
    busiest = max(periods, key=lambda bar: bar.count)
    size = {"month": 1, "quarter": 3, "year": 12}[unit]
    count = len(periods)
    parts = [f'<svg class="annals-chart__svg" height="{CHART_HEIGHT + AXIS_HEIGHT}" '
             f'data-first="{periods[0].year * 12 + periods[0].month - 1}" data-size="{size}" '
             # A group, not an image: its bars are links (axe: nested-interactive).
             f'role="group" aria-labelledby="{chart_id}_t {chart_id}_d">',
             f'<title id="{chart_id}_t">{_text(title)}: events per {unit}</title>',
             f'<desc id="{chart_id}_d">{len(events)} event{"" if len(events) == 1 else "s"} from '
             f'{periods[0].label} to '
             f'{periods[-1].label}; the busiest {unit} is {busiest.label} with '
             f'{busiest.count}.</desc>',
             f'<svg class="annals-chart__bars" width="100%" height="{CHART_HEIGHT}" '
             f'viewBox="0 0 {count} {busiest.count}" preserveAspectRatio="none">']
    for index, bar in enumerate(periods):
        if not bar.count:
            continue
        rect = (f'<rect x="{index + BAR_GAP / 2:g}" y="{busiest.count - bar.count}" '
                f'width="{1 - BAR_GAP:g}" height="{bar.count}"><title>{bar.label}: '
                f'{bar.count} event{"" if bar.count == 1 else "s"}</title></rect>')
        parts.append(f"<a href=\"{html.escape(bar.href)}\">{rect}</a>" if bar.href else rect)
    parts.append("</svg>")
    parts.append(f'<line class="annals-chart__base" x1="0" x2="100%" y1="{CHART_HEIGHT + 0.5}" '
                 f'y2="{CHART_HEIGHT + 0.5}"/>')
    for tick in ticks(unit, periods):
        at = 100 * tick.index / count
        anchor = ' text-anchor="end"' if at > 90 else ""
        x = "100%" if at > 90 else f"{at:.2f}%"
        parts.append(f'<text x="{x}" y="{CHART_HEIGHT + AXIS_HEIGHT - 3}"{anchor}>'
                     f"{tick.label}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


CHART_HEIGHT = 80
AXIS_HEIGHT = 18
BAR_GAP = 0.15


def sparkline(events: Sequence[Event], title: str) -> Markup:
    """A small chart of a topic's events for the home page."""
    _, periods = bars(events)
    if not periods:
        return Markup("")
    width, height = 120, 24
    step = width / len(periods)
    peak = max(bar.count for bar in periods)
    rects = "".join(
        f'<rect x="{index * step:.1f}" y="{height - max(1.0, height * bar.count / peak):.1f}" '
        f'width="{max(step - 0.5, 0.5):.1f}" height="{max(1.0, height * bar.count / peak):.1f}"/>'
        for index, bar in enumerate(periods) if bar.count)
    return Markup(f'<svg class="annals-sparkline" viewBox="0 0 {width} {height}" width="{width}" '
                  f'height="{height}" role="img" aria-label="{_text(title)}: events over time, '
                  f'{periods[0].label} to {periods[-1].label}">{rects}</svg>')


def _text(value: str) -> str:
    return str(escape_text(value))
