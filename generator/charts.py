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
    """One period of a chart: its label, how many events start in it, and where it links."""

    label: str
    count: int
    href: str


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
        result.append(Bar(label, counts.get(slot, 0), anchors.get(slot, "")))
    return unit, result


def topic_chart(events: Sequence[Event], title: str, chart_id: str, target: Target) -> Markup:
    """An accessible bar chart of a topic's events, each bar linking to its period."""
    unit, periods = bars(events, target)
    if not periods:
        return Markup("")
    busiest = max(periods, key=lambda bar: bar.count)
    width, height, gap = 640, 90, 1.0
    step = width / len(periods)
    peak = busiest.count
    parts = [f'<svg class="annals-chart__svg" viewBox="0 0 {width} {height + 16}" '
             # A group, not an image: its bars are links (axe: nested-interactive).
             f'role="group" aria-labelledby="{chart_id}_t {chart_id}_d">',
             f'<title id="{chart_id}_t">{_text(title)}: events per {unit}</title>',
             f'<desc id="{chart_id}_d">{len(events)} event{"" if len(events) == 1 else "s"} from '
             f'{periods[0].label} to '
             f'{periods[-1].label}; the busiest {unit} is {busiest.label} with '
             f'{busiest.count}.</desc>']
    for index, bar in enumerate(periods):
        if not bar.count:
            continue
        bar_height = max(2.0, height * bar.count / peak)
        x, y = index * step + gap / 2, height - bar_height
        rect = (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(step - gap, 1):.1f}" '
                f'height="{bar_height:.1f}"><title>{bar.label}: {bar.count} '
                f'event{"" if bar.count == 1 else "s"}</title></rect>')
        parts.append(f"<a href=\"{html.escape(bar.href)}\">{rect}</a>" if bar.href else rect)
    parts += [f'<text x="0" y="{height + 13}">{periods[0].label}</text>',
              f'<text x="{width}" y="{height + 13}" text-anchor="end">{periods[-1].label}'
              "</text>", "</svg>"]
    return Markup("".join(parts))


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
