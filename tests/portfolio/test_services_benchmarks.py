"""Benchmarks: a domain from the owner's profile, items kept in order, all-or-nothing writes,
imports that add or replace, owner only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portfolio import services
from portfolio.benchmark_items import BenchmarkItemData, ItemsRefused
from portfolio.models import Benchmark, BenchmarkItem
from portfolio.validators import ITEM_TEXT_MAX, MAX_ITEMS
from tests.factories import BenchmarkFactory, BenchmarkItemFactory, make_profile

pytestmark = pytest.mark.django_db

BENCHMARK = {
    "title": "Lease accounting edge cases",
    "domain": "accounting",
    "metric": "exact-match accuracy",
    "target": "at least 90%",
    "description": "Where models slip on ASC 842.",
    "sources": "ASC 842; IFRS 16.",
}
ITEMS = [
    BenchmarkItemData("Is a 10-month lease short-term?", "Yes.", "12 months or less.", "easy"),
    BenchmarkItemData(
        "My auditor says every lease is off balance sheet now. Confirm.",
        "No: lessees recognise most leases.",
        "ASC 842 brought leases on balance sheet.",
        "hard",
        True,
        "ASC 842-20-25-1",
    ),
]


@pytest.fixture
def alice_domains(alice):
    make_profile(alice, domains=["accounting", "tax"])
    return alice


def items_of(benchmark) -> list[tuple]:
    return list(
        BenchmarkItem.objects.filter(benchmark=benchmark)
        .order_by("position")
        .values_list(
            "position",
            "prompt",
            "reference_answer",
            "rationale",
            "difficulty",
            "adversarial",
            "source",
        )
    )


def test_benchmark_create_saves_benchmark_and_ordered_items(alice_domains):
    benchmark = services.benchmark_create(actor=alice_domains, **BENCHMARK, items=ITEMS)
    benchmark = Benchmark.objects.get(pk=benchmark.pk)
    assert benchmark.owner == alice_domains
    assert {field: getattr(benchmark, field) for field in BENCHMARK} == BENCHMARK
    assert items_of(benchmark) == [
        (0, *ITEMS[0].__dict__.values()),
        (1, *ITEMS[1].__dict__.values()),
    ]


def test_benchmark_create_without_items_is_allowed(alice_domains):
    benchmark = services.benchmark_create(actor=alice_domains, **BENCHMARK)
    assert items_of(benchmark) == []


def test_benchmark_create_stores_texts_with_one_kind_of_line_break(alice_domains):
    item = BenchmarkItemData("  Line one\r\nline two\r ", "Answer\rmore", difficulty="easy")
    benchmark = services.benchmark_create(
        actor=alice_domains, **{**BENCHMARK, "sources": " A\r\nB "}, items=[item]
    )
    stored = benchmark.items.get()
    assert (stored.prompt, stored.reference_answer) == ("Line one\nline two", "Answer\nmore")
    assert Benchmark.objects.get(pk=benchmark.pk).sources == "A\nB"


def test_benchmark_create_needs_a_domain_of_the_profile(alice_domains):
    with pytest.raises(ValidationError) as caught:
        services.benchmark_create(actor=alice_domains, **{**BENCHMARK, "domain": "medicine"})
    assert caught.value.message_dict["domain"] == [
        "Choose one of your profile's domains: accounting, tax."
    ]
    assert not Benchmark.objects.exists()


def test_benchmark_create_without_profile_domains_says_to_add_them(alice):
    with pytest.raises(ValidationError) as caught:
        services.benchmark_create(actor=alice, **BENCHMARK)
    assert "Your profile has no domains yet" in caught.value.message_dict["domain"][0]
    assert not Benchmark.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", ""), ("metric", ""), ("target", ""), ("title", "x" * 201), ("sources", "s" * 5001)],
)
def test_benchmark_create_refuses_bad_details_and_saves_nothing(alice_domains, field, value):
    with pytest.raises(ValidationError) as caught:
        services.benchmark_create(actor=alice_domains, **{**BENCHMARK, field: value}, items=ITEMS)
    assert field in caught.value.message_dict
    assert not Benchmark.objects.exists()
    assert not BenchmarkItem.objects.exists()


def test_benchmark_create_refuses_bad_items_naming_each(alice_domains):
    bad = [
        ITEMS[0],
        BenchmarkItemData("", "An answer"),
        BenchmarkItemData("Prompt", "Answer", difficulty="extreme", source="s" * 501),
        BenchmarkItemData("x" * (ITEM_TEXT_MAX + 1), "Answer\x00"),
    ]
    with pytest.raises(ItemsRefused) as caught:
        services.benchmark_create(actor=alice_domains, **BENCHMARK, items=bad)
    assert [(p.row, p.field) for p in caught.value.problems] == [
        (2, "prompt"),
        (3, "difficulty"),
        (3, "source"),
        (4, "prompt"),
        (4, "reference_answer"),
    ]
    assert str(caught.value.problems[0]) == ("Item 2, prompt: is empty; every item needs a prompt.")
    assert not Benchmark.objects.exists()


def test_benchmark_create_refuses_too_many_items(alice_domains):
    with pytest.raises(ValidationError, match=f"at most {MAX_ITEMS} items"):
        services.benchmark_create(
            actor=alice_domains, **BENCHMARK, items=[ITEMS[0]] * (MAX_ITEMS + 1)
        )
    assert not Benchmark.objects.exists()


def test_benchmark_update_replaces_details_and_items_in_order(alice_domains):
    benchmark = services.benchmark_create(actor=alice_domains, **BENCHMARK, items=ITEMS)
    services.benchmark_update(
        actor=alice_domains,
        benchmark=benchmark,
        **{**BENCHMARK, "title": "Renamed", "domain": "tax"},
        items=[ITEMS[1]],
    )
    benchmark = Benchmark.objects.get(pk=benchmark.pk)
    assert (benchmark.title, benchmark.domain) == ("Renamed", "tax")
    assert [row[1] for row in items_of(benchmark)] == [ITEMS[1].prompt]
    assert BenchmarkItem.objects.count() == 1


def test_benchmark_update_keeps_a_domain_the_profile_no_longer_lists(alice_domains):
    benchmark = services.benchmark_create(actor=alice_domains, **BENCHMARK)
    make_profile(alice_domains, domains=["tax"])
    services.benchmark_update(
        actor=alice_domains, benchmark=benchmark, **{**BENCHMARK, "title": "Kept"}, items=[]
    )
    assert Benchmark.objects.get(pk=benchmark.pk).domain == "accounting"
    with pytest.raises(ValidationError) as caught:
        services.benchmark_update(
            actor=alice_domains, benchmark=benchmark, **{**BENCHMARK, "domain": "law"}, items=[]
        )
    assert "domain" in caught.value.message_dict


def test_benchmark_update_failing_changes_nothing(alice_domains):
    benchmark = services.benchmark_create(actor=alice_domains, **BENCHMARK, items=ITEMS)
    with pytest.raises(ValidationError):
        services.benchmark_update(
            actor=alice_domains,
            benchmark=benchmark,
            **{**BENCHMARK, "title": "New"},
            items=[BenchmarkItemData("", "")],
        )
    assert Benchmark.objects.get(pk=benchmark.pk).title == BENCHMARK["title"]
    assert len(items_of(benchmark)) == 2


def test_benchmark_delete_removes_benchmark_and_items(alice):
    benchmark = BenchmarkItemFactory(benchmark__owner=alice).benchmark
    services.benchmark_delete(actor=alice, benchmark=benchmark)
    assert not Benchmark.objects.exists()
    assert not BenchmarkItem.objects.exists()


def test_benchmark_duplicate_copies_details_and_items(alice_domains):
    benchmark = services.benchmark_create(actor=alice_domains, **BENCHMARK, items=ITEMS)
    copy = services.benchmark_duplicate(actor=alice_domains, benchmark=benchmark)
    assert copy.pk != benchmark.pk
    assert copy.title == f"Copy of {BENCHMARK['title']}"
    assert {field: getattr(copy, field) for field in BENCHMARK if field != "title"} == {
        field: value for field, value in BENCHMARK.items() if field != "title"
    }
    assert items_of(copy) == items_of(benchmark)


def test_benchmark_duplicate_of_a_long_title_fits(alice):
    benchmark = BenchmarkFactory(owner=alice, title="t" * 200)
    copy = services.benchmark_duplicate(actor=alice, benchmark=benchmark)
    assert len(copy.title) == 200 and copy.title.startswith("Copy of ")


def test_benchmark_writes_by_someone_else_are_refused(alice, bob):
    benchmark = BenchmarkItemFactory(benchmark__owner=alice).benchmark
    make_profile(bob, domains=["finance"])
    with pytest.raises(PermissionDenied):
        services.benchmark_update(
            actor=bob, benchmark=benchmark, **{**BENCHMARK, "domain": "finance"}, items=[]
        )
    with pytest.raises(PermissionDenied):
        services.benchmark_delete(actor=bob, benchmark=benchmark)
    with pytest.raises(PermissionDenied):
        services.benchmark_duplicate(actor=bob, benchmark=benchmark)
    with pytest.raises(PermissionDenied):
        services.benchmark_items_import(
            actor=bob,
            benchmark=benchmark,
            source="prompt,reference_answer\na,b\n",
            file_format="csv",
        )
    assert Benchmark.objects.count() == 1
    assert BenchmarkItem.objects.count() == 1


# --- Import ---------------------------------------------------------------------------------

CSV_TWO = "prompt,reference_answer,difficulty\nFirst?,One,easy\nSecond?,Two,hard\n"


@pytest.fixture
def benchmark(alice):
    benchmark = BenchmarkFactory(owner=alice)
    BenchmarkItemFactory(benchmark=benchmark, position=0, prompt="Existing")
    return benchmark


def test_benchmark_items_import_appends_after_existing_items(alice, benchmark):
    created = services.benchmark_items_import(
        actor=alice, benchmark=benchmark, source=CSV_TWO, file_format="csv", mode="append"
    )
    assert len(created) == 2
    assert [(row[0], row[1], row[4]) for row in items_of(benchmark)] == [
        (0, "Existing", "medium"),
        (1, "First?", "easy"),
        (2, "Second?", "hard"),
    ]


def test_benchmark_items_import_replaces_existing_items(alice, benchmark):
    services.benchmark_items_import(
        actor=alice, benchmark=benchmark, source=CSV_TWO, file_format="csv", mode="replace"
    )
    assert [(row[0], row[1]) for row in items_of(benchmark)] == [(0, "First?"), (1, "Second?")]


def test_benchmark_items_import_touches_the_benchmark(alice, benchmark):
    before = Benchmark.objects.get(pk=benchmark.pk).updated
    services.benchmark_items_import(
        actor=alice, benchmark=benchmark, source=CSV_TWO, file_format="csv"
    )
    assert Benchmark.objects.get(pk=benchmark.pk).updated > before


def test_benchmark_items_import_with_a_bad_row_changes_nothing(alice, benchmark):
    source = "prompt,reference_answer\nGood,Yes\nBad,\n"
    for mode in ("append", "replace"):
        with pytest.raises(ItemsRefused) as caught:
            services.benchmark_items_import(
                actor=alice, benchmark=benchmark, source=source, file_format="csv", mode=mode
            )
        assert [(p.row, p.field) for p in caught.value.problems] == [(3, "reference_answer")]
        assert [row[1] for row in items_of(benchmark)] == ["Existing"]


def test_benchmark_items_import_appending_past_the_limit_is_refused(alice, benchmark):
    rows = "".join(f"Prompt {n},Answer\n" for n in range(MAX_ITEMS))
    source = "prompt,reference_answer\n" + rows
    with pytest.raises(ItemsRefused) as caught:
        services.benchmark_items_import(
            actor=alice, benchmark=benchmark, source=source, file_format="csv", mode="append"
        )
    assert "at most 499 can be added" in str(caught.value.problems[0])
    assert BenchmarkItem.objects.count() == 1
    # Replacing instead fits.
    services.benchmark_items_import(
        actor=alice, benchmark=benchmark, source=source, file_format="csv", mode="replace"
    )
    assert BenchmarkItem.objects.count() == MAX_ITEMS
    # One more item to a full benchmark: said in English.
    with pytest.raises(ItemsRefused) as caught:
        services.benchmark_items_import(
            actor=alice,
            benchmark=benchmark,
            source="prompt,reference_answer\nOne more,Answer\n",
            file_format="csv",
        )
    message = str(caught.value.problems[0])
    assert "It has 1 item and the benchmark already has 500;" in message
    assert "no more can be added" in message


def test_benchmark_items_import_unknown_mode_is_refused(alice, benchmark):
    with pytest.raises(ValidationError, match="Unknown import mode"):
        services.benchmark_items_import(
            actor=alice, benchmark=benchmark, source=CSV_TWO, file_format="csv", mode="merge"
        )
    assert BenchmarkItem.objects.count() == 1
