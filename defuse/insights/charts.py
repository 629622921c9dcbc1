"""Horizontal bar charts as plain SVG: drawn on the server, no script, no third party."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, BAR_MAX, ROW, LABEL_GAP = 640, 420, 44, 16


@dataclass
class Bar:
    label: str
    display: str
    y: int
    width: float


def display(value, percent: bool) -> str:
    if value is None:
        return "–"
    if percent:
        return f"{value * 100:.1f}%"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def bars(chart) -> tuple[list[Bar], int]:
    values = [row[chart.value_column] for row in chart.rows]
    top = 1.0 if chart.percent else max((v for v in values if v is not None), default=0) or 1
    found = [
        Bar(str(row[0]), display(row[chart.value_column], chart.percent), 8 + i * ROW,
            BAR_MAX * (row[chart.value_column] or 0) / top)
        for i, row in enumerate(chart.rows)
    ]  # fmt: skip
    return found, 8 + len(found) * ROW


def cells(chart) -> list[list[str]]:
    """Table cells: shares as percentages, numbers with separators."""
    return [
        [str(value) if index == 0 else display(value, index in chart.percent_columns)
         for index, value in enumerate(row)]
        for row in chart.rows
    ]  # fmt: skip
