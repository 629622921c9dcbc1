"""The SVG bars and the data table show the chart's own numbers: bar lengths in proportion (shares
against 100 %), no value shown as "–", never a division by zero."""

from datetime import date

import pytest

from defuse.insights.charts import (
    BAR_GAP,
    BAR_HEIGHT,
    BAR_SHARE,
    LABEL_HEIGHT,
    ROW_GAP,
    bars,
    cells,
    display,
)
from defuse.insights.metrics import Chart, share
from defuse.insights.templatetags.insights_tags import number
from defuse.insights.templatetags.insights_tags import share as share_filter


def chart(rows, value_column=1, percent_columns=()):
    return Chart("c", "A chart", "What it shows.", ["Label", "Value", "Share"], rows,
                 value_column=value_column, percent_columns=percent_columns)  # fmt: skip


@pytest.mark.parametrize(
    "value, percent, shown",
    [(None, False, "–"), (None, True, "–"), (0, False, "0"), (12345, False, "12,345"),
     (2.46, False, "2.5"), (1234.56, False, "1,234.6"), (0.0, True, "0.0%"), (0.125, True, "12.5%"),
     (2 / 3, True, "66.7%"), (1.0, True, "100.0%")],
)  # fmt: skip
def test_display(value, percent, shown):
    assert display(value, percent) == shown
    assert (share_filter if percent else number)(value) == shown


def test_count_bars_are_in_proportion_to_the_largest():
    found, height = bars(chart([["a", 4, 1.0], ["b", 1, 0.25], ["c", 0, None]]))
    assert [(row.label, [(b.display, b.percent) for b in row.bars]) for row in found] == [
        ("a", [("4", BAR_SHARE)]),
        ("b", [("1", BAR_SHARE / 4)]),
        ("c", [("0", 0)]),
    ]
    step = LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP + ROW_GAP
    assert [row.y for row in found] == [0, step, 2 * step] and height == 3 * step


def test_share_bars_are_measured_against_one_hundred_per_cent():
    found, _ = bars(chart([["a", 3, 0.5], ["b", 0, None], ["c", 1, 0.1]], 2, (2,)))
    assert [(row.bars[0].display, row.bars[0].percent) for row in found] == [
        ("50.0%", BAR_SHARE / 2),
        ("–", 0),
        ("10.0%", pytest.approx(BAR_SHARE / 10)),
    ]


def test_several_series_are_drawn_side_by_side_against_one_scale():
    three = Chart("t", "Trend", "What it shows.", ["Month", "All", "Some", "Few"],
                  [[date(2026, 1, 1), 10, 6, 2], [date(2026, 2, 1), 5, 5, 0]],
                  series=(1, 2, 3))  # fmt: skip
    found, height = bars(three)
    assert [row.label for row in found] == ["Jan 2026", "Feb 2026"]
    assert [[b.series for b in row.bars] for row in found] == [[1, 2, 3], [1, 2, 3]]
    assert [[b.percent for b in row.bars] for row in found] == [
        pytest.approx([BAR_SHARE, BAR_SHARE * 0.6, BAR_SHARE * 0.2]),
        pytest.approx([BAR_SHARE / 2, BAR_SHARE / 2, 0]),
    ]
    assert three.legend == [(1, "All"), (2, "Some"), (3, "Few")]
    assert height == 2 * (LABEL_HEIGHT + 3 * (BAR_HEIGHT + BAR_GAP) + ROW_GAP)
    assert chart([["a", 1, 0.5]]).legend == []  # one series: no legend


@pytest.mark.parametrize("rows", [[], [["a", 0, None]], [["a", None, None]]])
def test_nothing_to_draw_divides_by_nothing(rows):
    found, height = bars(chart(rows))
    assert all(b.percent == 0 for row in found for b in row.bars)
    assert height == len(rows) * (LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP + ROW_GAP)


def test_table_cells_format_each_column_as_its_kind():
    rows = [[2025, 1234, 0.5], ["No unit", 0, None], [date(2026, 3, 1), 1, 1.0]]
    assert cells(chart(rows, percent_columns=(2,))) == [
        ["2025", "1,234", "50.0%"], ["No unit", "0", "–"], ["Mar 2026", "1", "100.0%"]
    ]  # fmt: skip


@pytest.mark.parametrize("part, whole, result", [(1, 4, 0.25), (None, 4, 0), (3, 0, None)])
def test_share(part, whole, result):
    assert share(part, whole) == result
