"""Property test of /portfolio/benchmarks/<id>/import/: whatever is pasted or uploaded, in
whichever format and mode, ends in exactly the file's items (added or replacing), or in the
list of what is wrong and the benchmark's items untouched."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from portfolio.benchmark_items import (
    CSV,
    HEADER,
    JSONL,
    detect_format,
    item_data,
    items_csv,
    items_jsonl,
    parse_items,
)
from tests.factories import BenchmarkFactory, BenchmarkItemFactory
from tests.portfolio.test_benchmark_items_properties import item_lists

pytestmark = pytest.mark.django_db

_text_char = st.characters(blacklist_categories=("Cs",))
_cells = st.text(st.sampled_from("ab =+-@'\",;\t\r\nyes1Hardeasy"), max_size=12)
_csv_like = st.builds(
    lambda header, rows: "\n".join([",".join(header), *(",".join(row) for row in rows)]),
    st.lists(st.sampled_from([*HEADER, "Prompt", "extra", ""]), min_size=1, max_size=7),
    st.lists(st.lists(_cells, max_size=8), max_size=6),
)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(_text_char, max_size=12),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from([*HEADER, "answer"]), children, max_size=7)
    ),
    max_leaves=10,
)
_jsonl_like = st.lists(_json_values, max_size=5).map(
    lambda values: "\n".join(json.dumps(value) for value in values)
)
texts = st.one_of(
    item_lists.map(items_csv),
    item_lists.map(items_jsonl),
    _csv_like,
    _jsonl_like,
    st.text(_text_char, max_size=300),
)
sources = st.one_of(
    st.tuples(st.just("text"), texts),
    st.tuples(st.just("file"), texts.map(lambda text: text.encode("utf-8"))),
    st.tuples(st.just("file"), st.binary(max_size=300)),
)


def stored(benchmark) -> list[tuple]:
    return [(item.pk, item_data(item)) for item in benchmark.items.order_by("position")]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    source=sources,
    file_format=st.sampled_from(["auto", CSV, JSONL]),
    mode=st.sampled_from(["append", "replace"]),
    name=st.sampled_from(["items.csv", "items.jsonl", "items.txt"]),
)
def test_benchmark_import_view_saves_every_item_or_none(
    client, alice, source, file_format, mode, name
):
    benchmark = BenchmarkFactory(owner=alice)
    BenchmarkItemFactory(benchmark=benchmark, position=0, prompt="Kept unless replaced")
    client.force_login(alice)
    before = stored(benchmark)
    field, value = source
    data = {"file_format": file_format, "mode": mode, "version": "1"}
    data |= {"file": SimpleUploadedFile(name, value)} if field == "file" else {"text": value}

    response = client.post(f"/portfolio/benchmarks/{benchmark.pk}/import/", data)

    event(f"status {response.status_code}")
    if response.status_code == 302:
        assert response["Location"] == f"/portfolio/benchmarks/{benchmark.pk}/"
        text = value.decode("utf-8-sig") if isinstance(value, bytes) else value
        chosen = (
            file_format
            if file_format != "auto"
            else detect_format(name if field == "file" else "", text)
        )
        imported = parse_items(value, chosen)
        kept = [data for _pk, data in before] if mode == "append" else []
        after = stored(benchmark)
        assert [data for _pk, data in after] == kept + imported
        assert list(benchmark.items.values_list("position", flat=True).order_by("position")) == (
            list(range(len(after)))
        )
    else:
        assert response.status_code == 200
        context = response.context
        assert context["problems"] or context["form"].errors, "a refusal says why"
        assert stored(benchmark) == before
