"""Benchmark items as CSV and JSON Lines: reading every row, reporting every bad one, writing.

Both formats carry the same six fields, named as in HEADER. Reading never stops at the first
bad row: every row is checked and each problem is reported with where it is (a CSV row counts
the header as row 1, as a spreadsheet shows it; a JSONL line counts from 1) and which field.
Either every row is good and the items come back, or ItemsRefused lists every problem.

CSV exports are safe to open in a spreadsheet: a cell starting with a character OWASP's
CSV-injection guidance lists (= + - @, their full-width forms ＝ ＋ － ＠, tab, carriage return;
also line feed and NUL), possibly after apostrophes or white space, gets one more apostrophe
in front, so it is never run as a formula, and reading a CSV removes exactly that one
apostrophe again. Exporting and importing gives equal items.
"""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError

from common.csvdialect import csv_rows, sniff_delimiter
from common.text import NotUtf8, TextTooLarge, decode_text, over_limit
from portfolio.validators import DIFFICULTIES, MAX_ITEMS, benchmark_item_problems

HEADER = ("prompt", "reference_answer", "rationale", "difficulty", "adversarial", "source")
REQUIRED = ("prompt", "reference_answer")
TEXT_FIELDS = ("prompt", "reference_answer", "rationale", "source")
MAX_BYTES = 2 * 1024 * 1024
CSV, JSONL = "csv", "jsonl"
FORMAT_LABELS = {CSV: "CSV", JSONL: "JSON Lines"}
TRUE_WORDS = ("true", "yes", "1")
FALSE_WORDS = ("false", "no", "0")
DEFAULT_DIFFICULTY = "medium"
# A cell a spreadsheet would run as a formula, behind any apostrophes already guarding it and
# any white space (spreadsheets skip it before a formula).
_TRIGGER = "=+\\-@\t\r\n\x00\uff1d\uff0b\uff0d\uff20"
_FORMULA = re.compile(rf"'*\s*[{_TRIGGER}]")
_GUARDED_FORMULA = re.compile(rf"'+\s*[{_TRIGGER}]")
_CSV_DELIMITERS = ",;\t"
# Python's csv module refuses longer cells; any cell this long is far over our limits anyway.
_CSV_CELL_LIMIT = csv.field_size_limit()


@dataclass(frozen=True)
class BenchmarkItemData:
    """One item as plain values, in the shape both file formats and the editor share."""

    prompt: str
    reference_answer: str
    rationale: str = ""
    difficulty: str = DEFAULT_DIFFICULTY
    adversarial: bool = False
    source: str = ""


@dataclass(frozen=True)
class ItemProblem:
    """One problem with an import: the row (CSV) or line (JSONL) and the field it is in.
    `row` is None for a problem with the whole file."""

    row: int | None
    field: str
    message: str
    unit: str = "Row"

    @property
    def where(self) -> str:
        return f"{self.unit} {self.row}" if self.row is not None else "The file"

    def __str__(self) -> str:
        field = f", {self.field}" if self.field else ""
        return f"{self.where}{field}: {self.message}"


class ItemsRefused(ValidationError):
    """Nothing was imported; `problems` says everything that is wrong, in file order."""

    def __init__(self, problems: list[ItemProblem]):
        super().__init__([str(problem) for problem in problems], code="items_refused")
        self.problems = problems


def clean_text(value: str) -> str:
    """One kind of line break and no surrounding space: how item texts are stored."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def item_data(item) -> BenchmarkItemData:
    """A stored BenchmarkItem as plain values."""
    return BenchmarkItemData(**{name: getattr(item, name) for name in HEADER})


# --- Reading ------------------------------------------------------------------------------------


def detect_format(name: str, text: str) -> str:
    """JSONL for a .jsonl/.ndjson/.json name or text starting with "{", otherwise CSV."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in ("jsonl", "ndjson", "json"):
        return JSONL
    if extension in ("csv", "tsv", "txt"):
        return CSV
    return JSONL if text.lstrip("\ufeff \t\r\n").startswith("{") else CSV


def decode(source: bytes | str) -> str:
    """UTF-8 text (a byte-order mark is dropped), within MAX_BYTES, or ItemsRefused."""
    try:
        return decode_text(source, limit=MAX_BYTES)
    except TextTooLarge as error:
        message = (
            f"It is {over_limit(error.size, MAX_BYTES)}. "
            "Split the items into several files and import them one after the other "
            "(choose “Add”)."
        )
    except NotUtf8 as error:
        message = (
            f"It is not UTF-8 text: byte {error.byte:,} (line {error.line}) cannot be read. "
            "Save the file as UTF-8 (“CSV UTF-8” in a spreadsheet program) and try again."
        )
    raise ItemsRefused([ItemProblem(None, "", message)])


def parse_items(source: bytes | str, file_format: str) -> list[BenchmarkItemData]:
    """Every item of a CSV or JSONL file, or ItemsRefused naming every problem."""
    text = decode(source)
    rows = _csv_rows(text) if file_format == CSV else _jsonl_rows(text)
    unit = "Row" if file_format == CSV else "Line"
    items: list[BenchmarkItemData] = []
    problems: list[ItemProblem] = []
    count = 0
    for row, fields, row_problems in rows:
        if fields is None and not row_problems:
            continue  # a blank row or line
        count += 1
        if count > MAX_ITEMS:
            continue  # counted, not checked: the file is refused for its length anyway
        problems += [ItemProblem(row, field, message, unit) for field, message in row_problems]
        if fields is not None:
            item, field_problems = _item_from(fields)
            problems += [
                ItemProblem(row, field, message, unit) for field, message in field_problems
            ]
            if item is not None:
                items.append(item)
    if count > MAX_ITEMS:
        problems.insert(
            0,
            ItemProblem(
                None,
                "",
                f"It has {count:,} items; a benchmark holds at most {MAX_ITEMS}. Only the "
                f"first {MAX_ITEMS} were checked.",
            ),
        )
    elif count == 0 and not problems:
        problems.append(ItemProblem(None, "", "There are no items in it."))
    if problems:
        raise ItemsRefused(problems)
    return items


# A row as read: its number, its fields by name (None if it could not be read at all, or is
# blank) and the problems found while reading it, as (field, message) pairs.
Row = tuple[int | None, dict | None, list[tuple[str, str]]]


def _item_from(fields: dict) -> tuple[BenchmarkItemData | None, list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    texts = {}
    for name in TEXT_FIELDS:
        value = fields.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.append((name, f"must be text, not {_json_kind(value)}."))
            value = ""
        texts[name] = clean_text(value)
    difficulty, problem = _difficulty(fields.get("difficulty"))
    if problem:
        problems.append(("difficulty", problem))
    adversarial, problem = _adversarial(fields.get("adversarial"))
    if problem:
        problems.append(("adversarial", problem))
    rule_problems = benchmark_item_problems(
        prompt=texts["prompt"],
        reference_answer=texts["reference_answer"],
        rationale=texts["rationale"],
        difficulty=difficulty or DEFAULT_DIFFICULTY,
        source=texts["source"],
    )
    reported = {field for field, _ in problems}
    problems += [
        (field, message) for field, message in rule_problems.items() if field not in reported
    ]
    problems.sort(key=lambda problem: HEADER.index(problem[0]) if problem[0] in HEADER else -1)
    if problems:
        return None, problems
    return BenchmarkItemData(**texts, difficulty=difficulty, adversarial=adversarial), []


def _difficulty(value) -> tuple[str, str]:
    if value is None:
        return DEFAULT_DIFFICULTY, ""
    if not isinstance(value, str):
        return "", f"must be easy, medium or hard, not {_json_kind(value)}."
    word = value.strip().lower()
    if not word:
        return DEFAULT_DIFFICULTY, ""
    if word in DIFFICULTIES:
        return word, ""
    return "", f"“{_shown(value)}” is not a difficulty; use easy, medium or hard."


def _adversarial(value) -> tuple[bool, str]:
    if value is None or isinstance(value, bool):
        return bool(value), ""
    if isinstance(value, int) and value in (0, 1):
        return bool(value), ""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True, ""
        if word in (*FALSE_WORDS, ""):
            return False, ""
        return False, f"“{_shown(value)}” is not a yes or no; use true/false, yes/no or 1/0."
    return False, f"must be true or false, not {_json_kind(value)}."


def _shown(value: str) -> str:
    value = value.strip()
    return value if len(value) <= 40 else value[:39] + "…"


def _json_kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "text"


def _unguard(cell: str) -> str:
    """Remove the one apostrophe an export put before a formula-like cell."""
    return cell[1:] if _GUARDED_FORMULA.match(cell) else cell


def _header_names(record: list[str]) -> list[str]:
    return [cell.strip().lower() for cell in record]


def _is_items_header(record: list[str]) -> bool:
    names = _header_names(record)
    return "prompt" in names and set(names) - {""} <= set(HEADER)


def _header_problems(names: list[str]) -> list[tuple[str, str]]:
    problems = []
    known = ", ".join(HEADER)
    for name in names:
        if name and name not in HEADER:
            problems.append((name, f"“{_shown(name)}” is not a column we know; use {known}."))
    seen = set()
    for name in names:
        if name in seen and name:
            problems.append((name, f"the column “{name}” appears more than once."))
        seen.add(name)
    for name in REQUIRED:
        if name not in names:
            problems.append((name, f"the header has no “{name}” column; it is required."))
    if "" in names:
        position = names.index("") + 1
        problems.append(("", f"column {position} has no name; name it or delete it."))
    return problems


def _csv_rows(text: str) -> Iterator[Row]:
    # The delimiter that splits the first row into known column names (comma by default).
    reader = csv_rows(
        text, sniff_delimiter(text, delimiters=_CSV_DELIMITERS, header_fits=_is_items_header)
    )
    number = 0
    names: list[str] | None = None
    try:
        for record in reader:
            number += 1
            if not any(cell.strip() for cell in record):
                yield number, None, []
                continue
            if names is None:
                names = _header_names(record)
                problems = _header_problems(names)
                if problems:
                    yield number, None, problems
                    return
                continue
            yield number, *_csv_fields(names, record)
    except csv.Error as error:
        yield number + 1, None, [("", _csv_error_message(error, reader.line_num))]
        return
    if names is None:
        message = f"It is empty. The first row names the columns ({', '.join(HEADER)}); each "
        message += "row after it is one item."
        yield None, None, [("", message)]


def _csv_fields(names: list[str], record: list[str]) -> tuple[dict | None, list]:
    extra = [cell for cell in record[len(names) :] if cell.strip()]
    if extra:
        message = (
            f"has {len(record)} cells but the header names {len(names)} columns. Put "
            "quotes around a text that contains the delimiter."
        )
        return None, [("", message)]
    cells = [_unguard(cell) for cell in record[: len(names)]]
    # A row cut short (some spreadsheets drop trailing empty cells) leaves the rest empty.
    return dict(zip(names, cells + [""] * (len(names) - len(cells)), strict=True)), []


def _csv_error_message(error: csv.Error, line: int) -> str:
    if "field larger than field limit" in str(error):
        return (
            f"a cell is longer than {_CSV_CELL_LIMIT:,} characters (line {line} of the "
            "file), far over the limits; check for a quote that is never closed."
        )
    return (
        f"this is not valid CSV: {error} (line {line} of the file). Check the quotes: a text "
        'with a comma, a quote or a line break goes in "double quotes", and a quote inside '
        'it is written twice ("").'
    )


def _jsonl_rows(text: str) -> Iterator[Row]:
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            yield number, None, []
            continue
        try:
            value = json.loads(line)
        except RecursionError:
            yield number, None, [("", "is nested too deeply to read.")]
            continue
        except ValueError as error:
            message = getattr(error, "msg", str(error))
            column = getattr(error, "colno", None)
            at = f" (column {column})" if column else ""
            yield number, None, [("", f"is not valid JSON: {message}{at}.")]
            continue
        if not isinstance(value, dict):
            yield number, None, [("", f"must be a JSON object {{…}}, not {_json_kind(value)}.")]
            continue
        known = ", ".join(HEADER)
        problems = [
            (key, f"“{_shown(key)}” is not a field we know; use {known}.")
            for key in value
            if key not in HEADER
        ]
        yield number, {key: value[key] for key in HEADER if key in value}, problems


# --- Writing ------------------------------------------------------------------------------------


def _guard(cell: str) -> str:
    return "'" + cell if _FORMULA.match(cell) else cell


def items_csv(items: Iterable[BenchmarkItemData]) -> str:
    """The items as CSV with the fixed header, formula-like cells guarded (see the module)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for item in items:
        writer.writerow([_csv_cell(item, name) for name in HEADER])
    return out.getvalue()


def _csv_cell(item: BenchmarkItemData, name: str) -> str:
    if name == "adversarial":
        return "true" if item.adversarial else "false"
    return _guard(getattr(item, name))


def items_jsonl(items: Iterable[BenchmarkItemData]) -> str:
    """One JSON object per line, fields in HEADER order; values exactly as stored."""
    return "".join(json.dumps(asdict(item), ensure_ascii=False) + "\n" for item in items)
