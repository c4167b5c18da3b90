"""How a CSV text is split: the delimiter guessed once, the same way for every upload and import."""

import csv
import io
from collections.abc import Callable, Iterator

# Spreadsheets in some languages save CSV with semicolons; tab and bar come from other tools.
DELIMITERS = ",;\t|"
SNIFF_CHARS = 4096


def csv_rows(text: str, delimiter: str, *, strict: bool = True) -> Iterator[list[str]]:
    """The records of a CSV text (a reader: its line_num says where it is)."""
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)


def sniff_delimiter(
    text: str,
    *,
    delimiters: str = DELIMITERS,
    header_fits: Callable[[list[str]], bool] | None = None,
) -> str:
    """The delimiter of a CSV text, comma when nothing tells.

    With `header_fits`, the first delimiter that splits the first line into a header it accepts
    (for a table whose column names are known); otherwise csv.Sniffer's guess from the start.
    """
    if header_fits is None:
        try:
            return csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters=delimiters).delimiter
        except csv.Error:
            return ","  # one column, or too little text to tell: read it as plain CSV
    first_line = text.split("\n", 1)[0]
    for delimiter in delimiters:
        try:
            record = next(csv_rows(first_line, delimiter), [])
        except csv.Error:
            continue
        if header_fits(record):
            return delimiter
    return ","
