"""The delimiter of a CSV text, guessed the same way for every upload and import."""

from common.csvdialect import csv_rows, sniff_delimiter


def test_sniff_delimiter_guesses_semicolons_tabs_and_bars():
    assert sniff_delimiter("a;b;c\n1;2;3\n") == ";"
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"
    assert sniff_delimiter("a|b\n1|2\n") == "|"


def test_sniff_delimiter_reads_one_column_as_plain_csv():
    assert sniff_delimiter("just one column\n") == ","


def test_sniff_delimiter_with_a_known_header_takes_the_first_that_splits_it():
    def fits(record):
        return record == ["prompt", "expected"]

    assert sniff_delimiter("prompt;expected\na,b;c\n", header_fits=fits) == ";"
    assert sniff_delimiter("question;answer\n", header_fits=fits) == ","


def test_csv_rows_keeps_quoted_delimiters_and_counts_lines():
    reader = csv_rows('a;"b;c"\n1;2\n', ";")
    assert next(reader) == ["a", "b;c"]
    assert reader.line_num == 1
