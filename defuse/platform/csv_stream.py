"""CSV downloads: large exports are streamed row by row so they never sit in memory; small ones
(a chart's figures) are sent whole. Every cell is made safe for spreadsheets (OWASP's CSV
injection rule): text that begins with =, +, -, @, a tab or a carriage return gets a leading
single quote, so a unit, a name or a district reaches Excel or LibreOffice as text, never as a
formula. Numbers, and text that is a number ("-4.5"), are left alone."""

import csv
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse


class _Echo:
    """A file-like object whose write() hands the line back to csv.writer's caller."""

    def write(self, value):
        return value


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None or isinstance(value, (int, float, Decimal)):
        return value
    value = str(value)  # a Unit, a date: what csv.writer would write anyway
    if not value.startswith(FORMULA_START):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


def _safe(rows: Iterable[list]):
    for row in rows:
        yield [safe_cell(value) for value in row]


def csv_download(rows: Iterable[list], filename: str, stream: bool = True):
    """`rows` includes the header row first."""
    content_type = "text/csv; charset=utf-8"
    response: HttpResponse | StreamingHttpResponse
    if stream:
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in _safe(rows)), content_type
        )
    else:
        response = HttpResponse(content_type=content_type)
        csv.writer(response).writerows(_safe(rows))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
