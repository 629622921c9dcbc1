"""The SVG bars and the data table show the chart's own numbers: bar lengths in proportion (shares
against 100 %), no value shown as "–", never a division by zero."""

import pytest

from defuse.insights.charts import BAR_MAX, ROW, bars, cells, display
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
    assert [(b.label, b.display, b.width) for b in found] == [
        ("a", "4", BAR_MAX),
        ("b", "1", BAR_MAX / 4),
        ("c", "0", 0),
    ]
    assert [b.y for b in found] == [8, 8 + ROW, 8 + 2 * ROW] and height == 8 + 3 * ROW


def test_share_bars_are_measured_against_one_hundred_per_cent():
    found, _ = bars(chart([["a", 3, 0.5], ["b", 0, None], ["c", 1, 0.1]], 2, (2,)))
    assert [(b.display, b.width) for b in found] == [
        ("50.0%", BAR_MAX / 2),
        ("–", 0),
        ("10.0%", pytest.approx(BAR_MAX / 10)),
    ]


@pytest.mark.parametrize("rows", [[], [["a", 0, None]], [["a", None, None]]])
def test_nothing_to_draw_divides_by_nothing(rows):
    found, height = bars(chart(rows))
    assert all(b.width == 0 for b in found) and height == 8 + len(rows) * ROW


def test_table_cells_format_each_column_as_its_kind():
    assert cells(chart([[2025, 1234, 0.5], ["No unit", 0, None]], percent_columns=(2,))) == [
        ["2025", "1,234", "50.0%"], ["No unit", "0", "–"]
    ]  # fmt: skip


@pytest.mark.parametrize("part, whole, result", [(1, 4, 0.25), (None, 4, 0), (3, 0, None)])
def test_share(part, whole, result):
    assert share(part, whole) == result
