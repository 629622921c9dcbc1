"""Reading an agency's file, CSV or XLSX, as its column names and its rows, each row with the line
(CSV) or row (spreadsheet) where it starts, so every problem can be found in the file."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import IO

DELIMITERS = ",;\t|"
SNIFF_BYTES = 1024 * 1024  # enough to tell UTF-8 from the Windows code page in most files


class UnreadableFile(ValueError):
    pass


@dataclass
class Table:
    name: str
    headers: list[str]
    rows: Iterator[tuple[int, list[object]]]  # (line in the file, values)


def open_table(stream: IO[bytes], name: str) -> Table:
    if PurePath(name).suffix.lower() in (".xlsx", ".xlsm"):
        return _spreadsheet(stream, name)
    return _csv(stream, name)


def _csv(stream: IO[bytes], name: str) -> Table:
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    encoding = _encoding(head)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    first = head.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()[:1]
    delimiter = max(DELIMITERS, key=lambda d: first[0].count(d)) if first else ","
    reader = csv.reader(text, delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        text.detach()
        raise UnreadableFile(f"{name} is empty") from None
    except (csv.Error, UnicodeDecodeError) as error:
        text.detach()
        raise UnreadableFile(f"{name}, line 1: {error}") from None
    if not any(headers):
        text.detach()
        raise UnreadableFile(f"{name}, line 1: the first line must hold the column names")
    headers[0] = headers[0].lstrip("\ufeff")

    def rows():
        end = reader.line_num
        try:
            for values in reader:
                start, end = end + 1, reader.line_num
                if any(v.strip() for v in values):
                    yield start, values
        except (csv.Error, UnicodeDecodeError) as error:
            raise UnreadableFile(f"{name}, line {end + 1}: {error}") from None
        finally:
            # The stream is the caller's to close: the wrapper must not close it, or leave it
            # to the garbage collector, when the rows are done with.
            text.detach()

    return Table(name, headers, rows())


def _encoding(head: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else the Windows code page spreadsheets save."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        cut_short = len(head) == SNIFF_BYTES and error.start >= len(head) - 4
        if not cut_short:  # not just a character cut at the sniffing limit
            return "cp1252"
    return "utf-8"


def _spreadsheet(stream: IO[bytes], name: str) -> Table:
    from openpyxl import load_workbook  # only when a spreadsheet arrives

    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not XLSX
        raise UnreadableFile(f"{name} is not a readable XLSX file ({error})") from None
    sheet = book.worksheets[0]
    sheet.reset_dimensions()  # some writers record a wrong size; read what is there
    cells = sheet.iter_rows(values_only=True)
    try:
        headers = [str(h).strip() if h is not None else "" for h in next(cells)]
    except StopIteration:
        raise UnreadableFile(f"{name}: its first sheet is empty") from None

    def rows():
        for line, values in enumerate(cells, start=2):
            row = [_cell(v) for v in values]
            if any(v != "" for v in row):
                yield line, row
        book.close()

    return Table(name, headers, rows())


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value  # a date cell: no format to guess
    return str(value)
