"""Horizontal bar charts as plain SVG: drawn on the server, no script, no third party. The SVG
has no viewBox, so its text keeps its CSS size (14 px) on a phone as on a desktop; bars are
drawn in per cent of the width. A chart may draw several series (columns) per row, each in its
own colour and named in a legend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

BAR_SHARE = 78  # per cent of the width the longest bar takes (its value is written after it)
LABEL_HEIGHT, BAR_HEIGHT, BAR_GAP, ROW_GAP = 18, 14, 4, 14


@dataclass
class Bar:
    series: int  # 1, 2, 3: the colour and the legend entry
    display: str
    y: int
    percent: float  # of the chart's width


@dataclass
class Row:
    label: str
    y: int
    bars: list[Bar]


def display(value, percent: bool) -> str:
    if value is None:
        return "–"
    if percent:
        return f"{value * 100:.1f}%"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def label(value) -> str:
    """A row's name as people read it: months by name ("Jan 2026"), the rest as they are."""
    return f"{value:%b %Y}" if isinstance(value, date) else str(value)


def bars(chart) -> tuple[list[Row], int]:
    """The rows to draw, and the drawing's height in pixels."""
    columns = chart.drawn_columns
    values = [row[column] for row in chart.rows for column in columns]
    top = 1.0 if chart.percent else max((v for v in values if v is not None), default=0) or 1
    found, y = [], 0
    for row in chart.rows:
        drawn = []
        for number, column in enumerate(columns, start=1):
            value = row[column]
            bar_y = y + LABEL_HEIGHT + (number - 1) * (BAR_HEIGHT + BAR_GAP)
            drawn.append(
                Bar(number, display(value, chart.percent), bar_y, BAR_SHARE * (value or 0) / top)
            )
        found.append(Row(label(row[0]), y, drawn))
        y += LABEL_HEIGHT + len(columns) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    return found, y


def cells(chart) -> list[list[str]]:
    """Table cells: shares as percentages, numbers with separators, months by name."""
    return [
        [label(value) if index == 0 else display(value, index in chart.percent_columns)
         for index, value in enumerate(row)]
        for row in chart.rows
    ]  # fmt: skip
