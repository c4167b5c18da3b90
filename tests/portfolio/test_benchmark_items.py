"""Benchmark items in CSV and JSON Lines: every bad row reported with its number and field,
nothing returned unless every row is good, formula-safe CSV, and exports that import back
to equal items."""

import csv
import io
import json

import pytest

from portfolio.benchmark_items import (
    CSV,
    HEADER,
    JSONL,
    MAX_BYTES,
    BenchmarkItemData,
    ItemsRefused,
    detect_format,
    items_csv,
    items_jsonl,
    parse_items,
)
from portfolio.validators import ITEM_SOURCE_MAX, ITEM_TEXT_MAX, MAX_ITEMS

HEAD = "prompt,reference_answer,rationale,difficulty,adversarial,source\n"


def problems_of(source, file_format=CSV) -> list[tuple]:
    with pytest.raises(ItemsRefused) as caught:
        parse_items(source, file_format)
    # Whatever went wrong, the refusal also works as a plain ValidationError.
    assert caught.value.messages == [str(problem) for problem in caught.value.problems]
    return [(problem.row, problem.field, problem.message) for problem in caught.value.problems]


# --- CSV: what is read -----------------------------------------------------------------------


def test_parse_csv_reads_every_field():
    source = HEAD + (
        '"Is a 10-month lease short-term?","Yes, under ASC 842.","Term ≤ 12 months.",'
        "hard,yes,ASC 842-20-25-2\n"
        '"Multi\nline prompt",Answer,,,,\n'
    )
    assert parse_items(source, CSV) == [
        BenchmarkItemData(
            "Is a 10-month lease short-term?",
            "Yes, under ASC 842.",
            "Term ≤ 12 months.",
            "hard",
            True,
            "ASC 842-20-25-2",
        ),
        BenchmarkItemData("Multi\nline prompt", "Answer", "", "medium", False, ""),
    ]


def test_parse_csv_columns_in_any_order_any_case_optional_ones_left_out():
    source = " Reference_Answer ,PROMPT,Adversarial\nFour,Two plus two?,TRUE\n"
    assert parse_items(source, CSV) == [
        BenchmarkItemData("Two plus two?", "Four", adversarial=True)
    ]


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("true", True),
        ("Yes", True),
        ("1", True),
        ("false", False),
        ("NO", False),
        ("0", False),
        ("", False),
    ],
)
def test_parse_csv_adversarial_words(word, value):
    assert (
        parse_items(f"prompt,reference_answer,adversarial\nQ,A,{word}\n", CSV)[0].adversarial
        is value
    )


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_parse_csv_with_semicolons_or_tabs(delimiter):
    source = delimiter.join(["prompt", "reference_answer", "difficulty"]) + "\n"
    source += delimiter.join(["Q, with a comma", "A", "Easy"]) + "\n"
    assert parse_items(source, CSV) == [
        BenchmarkItemData("Q, with a comma", "A", difficulty="easy")
    ]


def test_parse_csv_tolerates_bom_crlf_blank_rows_and_short_rows():
    source = "\ufeffprompt,reference_answer,rationale\r\n\r\nQ1,A1\r\n,,\r\nQ2,A2,Why\r\n"
    items = parse_items(source.encode("utf-8"), CSV)
    assert items == [BenchmarkItemData("Q1", "A1"), BenchmarkItemData("Q2", "A2", "Why")]


def test_parse_csv_trailing_empty_cells_are_fine():
    assert parse_items("prompt,reference_answer\nQ,A,,\n", CSV) == [BenchmarkItemData("Q", "A")]


def test_parse_csv_strips_text_and_unifies_line_breaks():
    source = 'prompt,reference_answer\n"  Q\r\nline two  "," A\rB "\n'
    assert parse_items(source, CSV) == [BenchmarkItemData("Q\nline two", "A\nB")]


# --- CSV: every bad row, with its number and field ------------------------------------------


def test_parse_csv_reports_every_bad_row_with_row_number_and_field():
    source = HEAD + (
        "Good,Yes,,easy,no,\n"  # row 2
        ",Missing prompt,,,,\n"  # row 3
        "Q,A,,extreme,maybe,\n"  # row 4
        "\n"  # row 5, blank: skipped but counted, as a spreadsheet shows it
        "Q,,,,," + "s" * (ITEM_SOURCE_MAX + 1) + "\n"  # row 6
    )
    assert problems_of(source) == [
        (3, "prompt", "is empty; every item needs a prompt."),
        (4, "difficulty", "“extreme” is not a difficulty; use easy, medium or hard."),
        (4, "adversarial", "“maybe” is not a yes or no; use true/false, yes/no or 1/0."),
        (6, "reference_answer", "is empty; every item needs a reference answer."),
        (6, "source", f"is {ITEM_SOURCE_MAX + 1} characters long; the limit is 500."),
    ]


def test_parse_csv_problem_reads_with_row_and_column():
    with pytest.raises(ItemsRefused) as caught:
        parse_items("prompt,reference_answer\nQ,\n", CSV)
    assert caught.value.messages == [
        "Row 2, reference_answer: is empty; every item needs a reference answer."
    ]


def test_parse_csv_text_too_long():
    source = f"prompt,reference_answer\n{'x' * (ITEM_TEXT_MAX + 1)},A\n"
    assert problems_of(source) == [
        (2, "prompt", f"is {ITEM_TEXT_MAX + 1:,} characters long; the limit is 5,000.")
    ]


def test_parse_csv_nul_character():
    assert problems_of("prompt,reference_answer\nQ\x00,A\n") == [
        (2, "prompt", "contains a NUL character (\\0), which text cannot hold.")
    ]


def test_parse_csv_row_with_more_cells_than_columns():
    [(row, field, message)] = problems_of("prompt,reference_answer\nQ,A,surplus\n")
    assert (row, field) == (2, "")
    assert message.startswith("has 3 cells but the header names 2 columns")


@pytest.mark.parametrize(
    ("header", "field", "message"),
    [
        (
            "prompt,reference_answer,answer",
            "answer",
            "“answer” is not a column we know; use prompt, reference_answer, rationale, "
            "difficulty, adversarial, source.",
        ),
        ("prompt,rationale", "reference_answer", "the header has no “reference_answer” column"),
        ("prompt,reference_answer,prompt", "prompt", "the column “prompt” appears more than once"),
        ("prompt,,reference_answer", "", "column 2 has no name"),
    ],
)
def test_parse_csv_header_problems_are_row_1(header, field, message):
    problems = problems_of(f"{header}\nQ,A,B\n")
    assert [(row, name) for row, name, _ in problems] == [(1, field)]
    assert message in problems[0][2]


def test_parse_csv_without_items():
    [(row, _, message)] = problems_of("\n\n")
    assert row is None and message.startswith("It is empty. The first row names the columns")
    assert problems_of(HEAD + "\n,,,,,\n") == [(None, "", "There are no items in it.")]


def test_parse_csv_unclosed_quote_names_the_row():
    [(row, field, message)] = problems_of('prompt,reference_answer\nQ,A\n"Never closed,A\n')
    assert (row, field) == (3, "")
    assert "this is not valid CSV" in message and "Check the quotes" in message


def test_parse_csv_stray_quote_names_the_row_and_keeps_earlier_problems():
    problems = problems_of('prompt,reference_answer\n,A\n"Q"x,A\n')
    assert [(row, field) for row, field, _ in problems] == [(2, "prompt"), (3, "")]


def test_parse_csv_giant_cell_is_a_clean_problem():
    source = 'prompt,reference_answer\n"' + "x" * 200_000 + '",A\n'
    [(row, _, message)] = problems_of(source)
    assert row == 2 and "longer than 131,072 characters" in message


def test_parse_not_utf8_names_byte_and_line():
    [(row, _, message)] = problems_of(b"prompt,reference_answer\nCaf\xe9,A\n")
    assert row is None
    assert message.startswith("It is not UTF-8 text: byte 28 (line 2) cannot be read.")


def test_parse_too_large_is_refused_before_reading():
    source = HEAD + "x" * MAX_BYTES
    [(row, _, message)] = problems_of(source.encode())
    assert row is None and "over the limit of 2.0\xa0MB (2,097,152 bytes)" in message


def test_parse_too_many_rows_says_how_many():
    rows = "".join(f"Q{n},A\n" for n in range(MAX_ITEMS + 3))
    problems = problems_of("prompt,reference_answer\n" + rows + ",B\n")
    assert problems[0] == (
        None,
        "",
        f"It has {MAX_ITEMS + 4:,} items; a benchmark holds at most {MAX_ITEMS}. Only the "
        f"first {MAX_ITEMS} were checked.",
    )
    assert len(problems) == 1  # the bad last row is past the limit: not checked


def test_parse_exactly_the_limit_is_fine():
    rows = "".join(f"Q{n},A\n" for n in range(MAX_ITEMS))
    assert len(parse_items("prompt,reference_answer\n" + rows, CSV)) == MAX_ITEMS


# --- JSON Lines ------------------------------------------------------------------------------


def test_parse_jsonl_reads_every_field():
    lines = [
        json.dumps(
            {
                "prompt": "Q1",
                "reference_answer": "A1",
                "rationale": "R",
                "difficulty": "Hard",
                "adversarial": True,
                "source": "S",
            }
        ),
        "",
        '{"prompt": "Q2", "reference_answer": "A2", "adversarial": 0, "difficulty": null}',
        '{"prompt": "Q3", "reference_answer": "A3", "adversarial": "yes", "source": null}\r',
    ]
    assert parse_items("\n".join(lines), JSONL) == [
        BenchmarkItemData("Q1", "A1", "R", "hard", True, "S"),
        BenchmarkItemData("Q2", "A2"),
        BenchmarkItemData("Q3", "A3", adversarial=True),
    ]


def test_parse_jsonl_reports_every_bad_line_with_its_number_and_field():
    lines = [
        '{"prompt": "Good", "reference_answer": "Yes"}',  # line 1
        '{"prompt": "Broken",',  # line 2
        '["a list"]',  # line 3
        "",  # line 4
        '{"prompt": 7, "reference_answer": "A", "adversarial": 2}',  # line 5
        '{"prompt": "Q", "answer": "typo"}',  # line 6
        '{"prompt": "Q", "reference_answer": "A", "difficulty": ["hard"]}',  # line 7
        '{"prompt": "Q", "reference_answer": "\\ud800"}',  # line 8
    ]
    problems = problems_of("\n".join(lines), JSONL)
    assert [(row, field) for row, field, _ in problems] == [
        (2, ""),
        (3, ""),
        (5, "prompt"),
        (5, "adversarial"),
        (6, "answer"),
        (6, "reference_answer"),
        (7, "difficulty"),
        (8, "reference_answer"),
    ]
    messages = {(row, field): message for row, field, message in problems}
    assert messages[(2, "")].startswith("is not valid JSON:")
    assert messages[(3, "")] == "must be a JSON object {…}, not a list."
    assert messages[(5, "prompt")] == "must be text, not a number."
    assert messages[(5, "adversarial")] == "must be true or false, not a number."
    assert messages[(6, "answer")].startswith("“answer” is not a field we know")
    assert messages[(7, "difficulty")] == "must be easy, medium or hard, not a list."
    assert "unpaired surrogate" in messages[(8, "reference_answer")]
    with pytest.raises(ItemsRefused) as caught:
        parse_items("\n".join(lines), JSONL)
    assert caught.value.messages[0].startswith("Line 2: is not valid JSON")


def test_parse_jsonl_deep_nesting_and_huge_numbers_are_clean_problems():
    problems = problems_of("[" * 100_000 + "\n" + "1" * 5000 + "\n", JSONL)
    assert [(row, field) for row, field, _ in problems] == [(1, ""), (2, "")]


# --- Writing and formulas --------------------------------------------------------------------


def test_items_csv_writes_the_fixed_header_and_guards_formulas():
    items = [
        BenchmarkItemData("=SUM(A1:A9)", "+1", "-2", "easy", True, "@cite"),
        BenchmarkItemData("'=already guarded", "plain, with comma", "'quoted", "hard"),
    ]
    text = items_csv(items)
    lines = text.splitlines()
    assert lines[0] == ",".join(HEADER)
    assert lines[1] == "'=SUM(A1:A9),'+1,'-2,easy,true,'@cite"
    assert lines[2] == "''=already guarded,\"plain, with comma\",'quoted,hard,false,"
    assert parse_items(text, CSV) == items


@pytest.mark.parametrize(
    "cell",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "\n=1",
        "\x00=1",
        # Full-width forms, which spreadsheets also read as formulas (OWASP).
        "＝1+1",
        "＋1",
        "－1",
        "＠SUM(A1)",
        # Behind white space, which spreadsheets skip.
        "  =1+1",
        "\u3000＝1",
        "'=already guarded",
        "' ＋1",
    ],
)
def test_items_csv_guards_every_character_owasp_lists(cell):
    text = items_csv([BenchmarkItemData(cell, "answer")])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == "'" + cell


@pytest.mark.parametrize("cell", ["=1+1", "－1", "＠SUM(A1)", "＝1 and ＋2", "'＝guarded"])
def test_items_csv_guarded_cells_read_back_as_they_were(cell):
    item = BenchmarkItemData(cell, "answer")
    assert parse_items(items_csv([item]), CSV) == [item]


@pytest.mark.parametrize("cell", ["plain", "x=1", "1-2", "'quoted", " leading space", "e@x.org"])
def test_items_csv_leaves_other_cells_as_they_are(cell):
    text = items_csv([BenchmarkItemData(cell, "answer")])
    assert next(csv.reader(io.StringIO(text.splitlines()[1])))[0] == cell


def test_parse_csv_removes_exactly_one_guarding_apostrophe():
    source = "prompt,reference_answer,rationale\n'=1+1,''@x,'plain\n"
    assert parse_items(source, CSV) == [BenchmarkItemData("=1+1", "'@x", "'plain")]


def test_items_jsonl_writes_values_as_stored():
    item = BenchmarkItemData("=1+1", "Ünïcode “quotes”", adversarial=True)
    text = items_jsonl([item])
    assert text.endswith("\n") and text.count("\n") == 1
    assert json.loads(text) == {
        "prompt": "=1+1",
        "reference_answer": "Ünïcode “quotes”",
        "rationale": "",
        "difficulty": "medium",
        "adversarial": True,
        "source": "",
    }
    assert list(json.loads(text)) == list(HEADER)
    assert parse_items(text, JSONL) == [item]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("items.jsonl", "", JSONL),
        ("items.NDJSON", "", JSONL),
        ("items.csv", '{"prompt"', CSV),
        ("", '\ufeff  {"prompt": "Q"}', JSONL),
        ("", "prompt,reference_answer", CSV),
        ("items", "", CSV),
    ],
)
def test_detect_format(name, text, expected):
    assert detect_format(name, text) == expected
