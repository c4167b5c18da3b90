"""Property tests: any items survive export and import in both formats; no input makes an
import crash or save part of itself."""

import json

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio import services
from portfolio.benchmark_items import (
    CSV,
    HEADER,
    JSONL,
    BenchmarkItemData,
    ItemsRefused,
    clean_text,
    item_data,
    items_csv,
    items_jsonl,
    parse_items,
)
from portfolio.models import BenchmarkItem
from portfolio.validators import DIFFICULTIES, benchmark_item_problems
from tests.factories import BenchmarkFactory

# Any character that can be stored: no NUL, no lone surrogates. Spreadsheet triggers, quotes,
# separators and line breaks come often, because that is where formats break.
_char = st.one_of(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    st.sampled_from("=+-@'\",;\t\r\n \u2028{}[]"),
)
_text = st.text(_char, max_size=40).map(clean_text)
_required = _text.filter(bool)

items = st.builds(
    BenchmarkItemData,
    prompt=_required,
    reference_answer=_required,
    rationale=_text,
    difficulty=st.sampled_from(DIFFICULTIES),
    adversarial=st.booleans(),
    source=_text,
)
item_lists = st.lists(items, min_size=1, max_size=8)


@given(item_lists)
def test_any_items_round_trip_through_csv(values):
    text = items_csv(values)
    assert parse_items(text, CSV) == values
    assert parse_items(("\ufeff" + text).encode("utf-8"), CSV) == values


@given(item_lists)
def test_any_items_round_trip_through_jsonl(values):
    text = items_jsonl(values)
    assert parse_items(text, JSONL) == values
    assert parse_items(text.encode("utf-8"), JSONL) == values


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=item_lists, file_format=st.sampled_from([CSV, JSONL]))
def test_any_items_round_trip_through_the_database(values, file_format, alice):
    """Export what is stored, import it into another benchmark: the items are equal."""
    write = items_csv if file_format == CSV else items_jsonl
    first = BenchmarkFactory(owner=alice)
    services.benchmark_items_import(
        actor=alice, benchmark=first, source=write(values), file_format=file_format
    )
    stored = [item_data(item) for item in first.items.order_by("position")]
    assert stored == values
    second = BenchmarkFactory(owner=alice)
    services.benchmark_items_import(
        actor=alice, benchmark=second, source=write(stored), file_format=file_format
    )
    assert [item_data(item) for item in second.items.order_by("position")] == stored


def _read(source, file_format) -> list[BenchmarkItemData] | None:
    """The only two outcomes a reader may have: valid items, or a refusal that says why."""
    try:
        result = parse_items(source, file_format)
    except ItemsRefused as error:
        assert error.problems and all(str(problem) for problem in error.problems)
        assert error.messages == [str(problem) for problem in error.problems]
        return None
    assert result
    for value in result:
        problems = benchmark_item_problems(
            prompt=value.prompt,
            reference_answer=value.reference_answer,
            rationale=value.rationale,
            difficulty=value.difficulty,
            source=value.source,
        )
        assert problems == {}
        assert isinstance(value.adversarial, bool)
    return result


@given(st.text(max_size=300), st.sampled_from([CSV, JSONL]))
def test_any_text_is_items_or_a_clean_refusal(text, file_format):
    _read(text, file_format)


@given(st.binary(max_size=300), st.sampled_from([CSV, JSONL]))
def test_any_bytes_are_items_or_a_clean_refusal(data, file_format):
    _read(data, file_format)


# Text that looks like an items file, so the fuzzing reaches the rows, not just the header.
_csv_cells = st.text(st.sampled_from("ab =+-@'\",;\t\r\n\x00yes1Hardeasy"), max_size=12)


@given(
    header=st.lists(st.sampled_from([*HEADER, "Prompt", "extra", ""]), min_size=1, max_size=7),
    rows=st.lists(st.lists(_csv_cells, max_size=8), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_any_csv_like_text_is_items_or_a_clean_refusal(header, rows, delimiter):
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    _read("\n".join(lines), CSV)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@given(
    st.lists(
        st.dictionaries(st.sampled_from([*HEADER, "answer"]), _json_values, max_size=7)
        | _json_values,
        max_size=5,
    )
)
def test_any_json_lines_are_items_or_a_clean_refusal(values):
    _read("\n".join(json.dumps(value) for value in values), JSONL)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    source=st.one_of(
        st.text(max_size=200),
        st.binary(max_size=200),
        item_lists.map(items_csv),
        item_lists.map(items_jsonl),
    ),
    file_format=st.sampled_from([CSV, JSONL]),
    mode=st.sampled_from(["append", "replace"]),
)
def test_import_saves_every_item_or_nothing(source, file_format, mode, alice):
    benchmark = BenchmarkFactory(owner=alice)
    services.benchmark_items_import(
        actor=alice, benchmark=benchmark, source="prompt,reference_answer\nQ,A\n", file_format=CSV
    )
    before = list(BenchmarkItem.objects.filter(benchmark=benchmark).values_list("pk", flat=True))
    try:
        created = services.benchmark_items_import(
            actor=alice, benchmark=benchmark, source=source, file_format=file_format, mode=mode
        )
    except ValidationError as error:
        assert error.messages
        after = BenchmarkItem.objects.filter(benchmark=benchmark).values_list("pk", flat=True)
        assert list(after) == before
    else:
        positions = list(benchmark.items.order_by("position").values_list("position", flat=True))
        kept = len(before) if mode == "append" else 0
        assert positions == list(range(kept + len(created)))
