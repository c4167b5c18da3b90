"""Integrity checks on an expert's work: the prompt key, personal data in text files and
benchmark items, and the same file or prompt in another expert's portfolio."""

import pytest

from common.personaldata import EMAIL, PHONE, Finding
from portfolio import services
from portfolio.benchmark_items import BenchmarkItemData
from portfolio.integrity import (
    file_owners_elsewhere,
    files_elsewhere,
    normalise_prompt,
    personal_data_of,
    prompt_key,
    prompt_owners_elsewhere,
    prompts_elsewhere,
)
from portfolio.models import BenchmarkItem
from portfolio.outline import portfolio_outline
from profiles.models import User
from tests.factories import BenchmarkFactory, BenchmarkItemFactory, make_profile
from tests.portfolio.upload_examples import upload

pytestmark = pytest.mark.django_db


def test_normalise_prompt_casefolds_collapses_spaces_and_strips_end_punctuation():
    assert normalise_prompt("  Is a 10-month\n\tlease   SHORT-TERM?  ") == (
        "is a 10-month lease short-term"
    )
    assert normalise_prompt("“Quoted.”") == "quoted"
    assert normalise_prompt("Keep: inner, punctuation!") == "keep: inner, punctuation"
    assert normalise_prompt("?!…") == ""


def test_prompt_key_is_equal_for_prompts_that_normalise_equal_and_empty_for_none():
    assert prompt_key("What is ASC 842?") == prompt_key("what is  asc 842")
    assert prompt_key("What is ASC 842?") != prompt_key("What is ASC 606?")
    assert len(prompt_key("x")) == 64
    assert prompt_key(" ... ") == ""


def test_benchmark_services_store_the_prompt_key(alice):
    make_profile(alice, domains=["accounting"])
    item = BenchmarkItemData("Is a 10-month lease short-term?", "Yes.", difficulty="easy")
    benchmark = services.benchmark_create(
        actor=alice, title="Leases", domain="accounting", metric="m", target="t", items=[item]
    )
    copy = services.benchmark_duplicate(actor=alice, benchmark=benchmark)
    keys = set(
        BenchmarkItem.objects.filter(benchmark__in=[benchmark, copy]).values_list(
            "prompt_key", flat=True
        )
    )
    assert keys == {prompt_key("is a 10-month lease short-term")}


def test_benchmark_services_store_the_benchmarks_owner_on_every_item(alice, bob):
    make_profile(alice, domains=["accounting"])
    make_profile(bob, domains=["accounting"])
    item = BenchmarkItemData("Is a 10-month lease short-term?", "Yes.", difficulty="easy")
    fields = {"domain": "accounting", "metric": "m", "target": "t"}
    mine = services.benchmark_create(actor=alice, title="Leases", items=[item], **fields)
    theirs = services.benchmark_create(actor=bob, title="Leases", items=[item], **fields)
    services.benchmark_update(actor=alice, benchmark=mine, title="L", items=[item, item], **fields)
    rows = "prompt,reference_answer\nWhat is ASC 606?,Revenue.\n"
    services.benchmark_items_import(actor=alice, benchmark=mine, source=rows, file_format="csv")
    services.benchmark_items_import(
        actor=bob, benchmark=theirs, source=rows, file_format="csv", mode="replace"
    )
    copy = services.benchmark_duplicate(actor=alice, benchmark=mine)
    owners = BenchmarkItem.objects.values_list("benchmark_id", "owner_id")
    assert sorted(owners) == sorted(
        [(mine.pk, alice.pk)] * 3 + [(copy.pk, alice.pk)] * 3 + [(theirs.pk, bob.pk)]
    )


def _notes_with_an_email(owner):
    return services.work_sample_create(
        actor=owner,
        title="Notes",
        sample_type="report",
        upload=upload("notes.md", b"# Notes\n\nAsk jane@example.org\n"),
    )


def test_personal_data_of_reads_text_files_and_both_item_fields(alice, django_assert_num_queries):
    sample = _notes_with_an_email(alice)
    services.work_sample_create(
        actor=alice, title="Clean", sample_type="report", upload=upload("clean.txt", b"none")
    )
    benchmark = BenchmarkFactory(owner=alice, title="Leases")
    BenchmarkItemFactory(benchmark=benchmark, position=0)
    BenchmarkItemFactory(
        benchmark=benchmark, position=1, reference_answer="Call (415) 555-2671 to check."
    )
    with django_assert_num_queries(2):
        found = personal_data_of(alice)
    assert [(place.where, place.url, place.findings) for place in found] == [
        (
            "Work sample “Notes” (notes.md)",
            sample.get_absolute_url(),
            (Finding(EMAIL, "j•••@example.org", 3),),
        ),
        (
            "Benchmark “Leases”, item 2, reference answer",
            benchmark.get_absolute_url(),
            (Finding(PHONE, "(•••) •••-••71", 1),),
        ),
    ]


def test_personal_data_of_reads_the_uploads_an_outline_read(alice, django_assert_num_queries):
    sample = _notes_with_an_email(alice)
    services.work_sample_create(
        actor=alice, title="Link", sample_type="code", url="https://example.org/code"
    )
    uploads = portfolio_outline(alice).uploads
    assert [(pk, title, file.original_name) for pk, title, file in uploads] == [
        (sample.pk, "Notes", "notes.md")
    ]
    with django_assert_num_queries(1):  # the benchmark items only
        found = personal_data_of(alice, uploads=uploads)
    assert found == personal_data_of(alice)
    assert [place.where for place in found] == ["Work sample “Notes” (notes.md)"]


def test_personal_data_of_reads_the_items_an_outline_read(alice, django_assert_num_queries):
    services.work_sample_create(
        actor=alice,
        title="Notes",
        sample_type="report",
        upload=upload("notes.md", b"# Notes\n\nAsk jane@example.org\n"),
    )
    leases, taxes = BenchmarkFactory(owner=alice, title="Leases"), BenchmarkFactory(owner=alice)
    BenchmarkItemFactory(benchmark=taxes, position=0, prompt="Mail jane@example.org")
    BenchmarkItemFactory(benchmark=leases, position=1, reference_answer="Call (415) 555-2671.")
    BenchmarkItemFactory(benchmark=leases, position=0)
    BenchmarkItemFactory(benchmark=BenchmarkFactory(), prompt="Mail john@example.org")
    owner = User.objects.select_related("profile").get(pk=alice.pk)
    with django_assert_num_queries(1):  # the profile's lists too, when it has one
        outline = portfolio_outline(owner, with_items=True)
    assert portfolio_outline(alice).benchmark_items is None
    with django_assert_num_queries(0):
        found = personal_data_of(alice, uploads=outline.uploads, items=outline.benchmark_items)
    assert found == personal_data_of(alice)
    assert [place.where for place in found] == [
        "Work sample “Notes” (notes.md)",
        "Benchmark “Leases”, item 2, reference answer",
        f"Benchmark “{taxes.title}”, item 1, prompt",
    ]


def test_personal_data_of_skips_files_that_are_not_text(alice):
    services.work_sample_create(
        actor=alice,
        title="Scan",
        sample_type="report",
        upload=upload("scan.pdf", b"%PDF-1.4\njane@example.org\n%%EOF"),
    )
    assert personal_data_of(alice) == []


def test_files_and_prompts_elsewhere_name_only_other_experts(alice, bob, staff):
    for person in (alice, bob, staff):
        services.work_sample_create(
            actor=person, title="Same", sample_type="report", upload=upload("s.md", b"same")
        )
        BenchmarkItemFactory(benchmark=BenchmarkFactory(owner=person), prompt="Same prompt?")
    BenchmarkItemFactory(benchmark=BenchmarkFactory(owner=bob), prompt="same prompt")
    sha = alice.stored_files.get().sha256
    assert files_elsewhere([sha, "0" * 64], owner_id=alice.pk) == {sha: 2}
    key = prompt_key("same PROMPT")
    assert prompts_elsewhere([key, ""], owner_id=alice.pk) == {key: 2}
    assert prompts_elsewhere([prompt_key("other")], owner_id=alice.pk) == {}
    others = sorted([bob.pk, staff.pk])
    assert file_owners_elsewhere([sha], owner_id=alice.pk, limit=5) == [(sha, pk) for pk in others]
    assert prompt_owners_elsewhere([key], owner_id=alice.pk, limit=1) == [(key, others[0])]
