"""Bar charts as inline SVG: the geometry is computed here, the markup is drawn by
``templates/spend/charts.html`` (so every label goes through autoescape like any
other value). No chart library, no JavaScript.

A chart is decoration for sighted readers: it carries a short text alternative
(``role="img"`` with a title and a description naming the largest bar), and every
page shows the same figures in a data table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Sizes in SVG user units (drawn 1:1, shrunk to fit a narrow screen).
COLUMN_CHART_WIDTH = 720
COLUMN_CHART_HEIGHT = 160
BAR_FILL = 0.8  # share of each column's slot the bar fills
AXIS_LABEL_WIDTH = 60  # room one axis label needs; with many bars only every n-th is labelled
WIDEST_SLOT = 90  # a column never wider than this: one month is a bar, not a solid block
VALUE_LABELS_UP_TO = 12  # bars that few carry their figure above them (a year of months)
VALUE_LABEL_ROOM = 16
VALUE_LABEL_MARGIN = 30  # each side: a figure is wider than its bar ("£1,606,981.80")
ROW_HEIGHT = 18
ROW_LABEL_WIDTH = 220
ROW_BAR_WIDTH = 360
ROW_LABEL_CHARS = 36


@dataclass(frozen=True)
class Bar:
    label: str
    value: int  # pence; a negative total is drawn as an empty bar
    text: str  # the value as shown, e.g. "£1,234.56"
    x: float = 0
    y: float = 0
    length: float = 0  # height of a column, width of a row bar
    axis_label: bool = False
    value_label: bool = False  # a column with its figure written above it


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    kind: str  # "column" or "row"
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    label_width: int = ROW_LABEL_WIDTH
    baseline: int = COLUMN_CHART_HEIGHT
    label_chars: int = ROW_LABEL_CHARS
    bar_width: float = 0  # of a column


def _description(bars: list[tuple[str, int, str]]) -> str:
    label, _, text = max(bars, key=lambda bar: bar[1])
    return f"{len(bars)} bar{'' if len(bars) == 1 else 's'}; the largest is {label} at {text}. The same figures are in the table beside the chart."


def column_chart(chart_id: str, title: str, bars: list[tuple[str, int, str]]) -> Chart | None:
    """Vertical bars left to right (spend per month): ``bars`` are ``(label, pence, text)``."""
    if not bars:
        return None
    peak = max(max(value for _, value, _ in bars), 1)
    slot = min(COLUMN_CHART_WIDTH / len(bars), WIDEST_SLOT)
    labelled = len(bars) <= VALUE_LABELS_UP_TO
    tallest = COLUMN_CHART_HEIGHT - (VALUE_LABEL_ROOM if labelled else 0)
    margin = VALUE_LABEL_MARGIN if labelled else 0
    # Months are labelled once a year when there are many; otherwise as often as they fit.
    every = 12 if len(bars) > 24 else max(1, -(-AXIS_LABEL_WIDTH // int(slot or 1)))
    drawn = []
    for i, (label, value, text) in enumerate(bars):
        length = round(max(value, 0) * tallest / peak, 1)
        drawn.append(Bar(label, value, text, x=round(margin + i * slot, 1), y=round(COLUMN_CHART_HEIGHT - length, 1),
                         length=length, axis_label=i % every == 0, value_label=labelled))
    return Chart(chart_id, title, _description(bars), "column", width=max(round(slot * len(bars) + 2 * margin), AXIS_LABEL_WIDTH),
                 height=COLUMN_CHART_HEIGHT + 16, bars=drawn, bar_width=round(slot * BAR_FILL, 1))


def row_chart(chart_id: str, title: str, bars: list[tuple[str, int, str]]) -> Chart | None:
    """Horizontal bars top to bottom (spend by expense type, biggest first)."""
    if not bars:
        return None
    peak = max(max(value for _, value, _ in bars), 1)
    drawn = [
        Bar(label, value, text, x=ROW_LABEL_WIDTH, y=i * ROW_HEIGHT, length=round(max(value, 0) * ROW_BAR_WIDTH / peak, 1))
        for i, (label, value, text) in enumerate(bars)
    ]
    return Chart(chart_id, title, _description(bars), "row", width=ROW_LABEL_WIDTH + ROW_BAR_WIDTH + 110,
                 height=len(bars) * ROW_HEIGHT, bars=drawn)
