"""Tables that a phone shows as stacked cards: each body cell labelled with its column's header.

`label_cells(html)` copies a rendered table and gives every body cell a `data-label` with the
text of its column header (colspans counted), so the stylesheet can show "Due: 3 Dec" on a
narrow screen without JavaScript. Used by the `{% stacked_table %}` tag (defuse_tags).
"""

from html import escape
from html.parser import HTMLParser


class _Labeller(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        # getpos() counts lines by "\n" only (not "\r", U+2028 or the other breaks that
        # splitlines() knows), so the offsets must too.
        self.line_starts = [0]
        for line in source.split("\n"):
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.headers: list[str] = []
        self.insertions: list[tuple[int, str]] = []
        self.section = ""
        self.in_header_cell = False
        self.header_text: list[str] = []
        self.header_span = 1
        self.column = 0

    def source_position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "tr":
            self.column = 0
        elif tag in ("th", "td"):
            span = (
                int(attributes.get("colspan") or 1)
                if (attributes.get("colspan") or "1").isdigit()
                else 1
            )
            if self.section == "thead":
                self.in_header_cell, self.header_text, self.header_span = True, [], span
            elif self.section in ("tbody", ""):
                label = self.headers[self.column] if self.column < len(self.headers) else ""
                if label and "data-label" not in attributes:
                    end = self.source_position() + len(self.get_starttag_text() or "") - 1
                    if self.source[end - 1] == "/":
                        end -= 1
                    self.insertions.append((end, f' data-label="{escape(label)}"'))
                self.column += span

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.in_header_cell:
            text = " ".join("".join(self.header_text).split())
            self.headers += [text] * self.header_span
            self.in_header_cell = False
        elif tag in ("thead", "tbody", "tfoot"):
            self.section = ""

    def handle_data(self, data):
        if self.in_header_cell:
            self.header_text.append(data)


def label_cells(html: str) -> str:
    labeller = _Labeller(html)
    labeller.feed(html)
    labeller.close()
    out, position = [], 0
    for offset, text in sorted(labeller.insertions):
        out += [html[position:offset], text]
        position = offset
    out.append(html[position:])
    return "".join(out)
