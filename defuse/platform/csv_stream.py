"""CSV downloads: large exports are streamed row by row so they never sit in memory; small ones
(a chart's figures) are sent whole."""

import csv
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse


class _Echo:
    """A file-like object whose write() hands the line back to csv.writer's caller."""

    def write(self, value):
        return value


def csv_download(rows: Iterable[list], filename: str, stream: bool = True):
    """`rows` includes the header row first."""
    content_type = "text/csv; charset=utf-8"
    response: HttpResponse | StreamingHttpResponse
    if stream:
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse((writer.writerow(row) for row in rows), content_type)
    else:
        response = HttpResponse(content_type=content_type)
        csv.writer(response).writerows(rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
