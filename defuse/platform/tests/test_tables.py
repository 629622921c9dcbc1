"""Stacked tables: every body cell labelled with its column, whatever the cells hold."""

from defuse.platform.tables import label_cells


def test_cells_get_their_column_names_and_odd_line_breaks_change_nothing():
    html = (
        "<table><thead><tr><th>File</th><th>Line</th></tr></thead>"
        "<tbody><tr><td>a\u2028b\rc\x85d</td><td>3</td></tr>\n<tr><td>x</td><td>4</td></tr>"
        "</tbody></table>"
    )
    labelled = label_cells(html)
    assert labelled.count('data-label="File"') == 2 and labelled.count('data-label="Line"') == 2
    assert labelled.replace(' data-label="File"', "").replace(' data-label="Line"', "") == html
