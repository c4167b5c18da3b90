"""/portfolio/benchmarks/<id>/import/, items.csv and items.jsonl: uploading or pasting items,
every bad row shown, nothing imported unless all are good; downloads that import back."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common.forms import CHOOSE_AGAIN
from portfolio.benchmark_items import HEADER, MAX_BYTES
from portfolio.models import Benchmark, BenchmarkItem
from tests.factories import BenchmarkFactory, BenchmarkItemFactory
from tests.feedback import field_feedback
from tests.tabs import page_form

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "prompt,reference_answer,rationale,difficulty,adversarial,source\n"
    "Is a 10-month lease short-term?,Yes.,12 months or less.,easy,no,ASC 842\n"
    '"Every lease is off balance sheet, right?",No.,,hard,yes,\n'
)
BAD_CSV = GOOD_CSV + "Third?,,,extreme,perhaps,\n"


@pytest.fixture
def benchmark(alice):
    benchmark = BenchmarkFactory(owner=alice, title="Lease edge cases")
    BenchmarkItemFactory(benchmark=benchmark, position=0, prompt="Existing item")
    return benchmark


def url(benchmark, action="import/") -> str:
    return f"/portfolio/benchmarks/{benchmark.pk}/{action}"


def prompts(benchmark) -> list[str]:
    return list(benchmark.items.order_by("position").values_list("prompt", flat=True))


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def post(client, benchmark, **data):
    return client.post(
        url(benchmark), {"file_format": "auto", "mode": "append", "version": "1", **data}
    )


def test_benchmark_item_urls_are_stable():
    assert reverse("benchmark_import", args=[3]) == "/portfolio/benchmarks/3/import/"
    assert reverse("benchmark_export_csv", args=[3]) == "/portfolio/benchmarks/3/items.csv"
    assert reverse("benchmark_export_jsonl", args=[3]) == "/portfolio/benchmarks/3/items.jsonl"


# --- Import ---------------------------------------------------------------------------------


def test_benchmark_import_page_documents_the_format(client, alice, benchmark):
    client.force_login(alice)
    html = client.get(url(benchmark)).content.decode()
    for name in HEADER:
        assert f"<code>{name}</code>" in html
    assert "the header is row 1, the first item row 2" not in html  # only said with problems
    assert "gets an apostrophe in front" in html
    assert "at most 2.0\xa0MB; a benchmark holds at most 500 items" in html
    assert "up to 5,000 characters" in html
    for field in ("id_file", "id_text", "id_file_format_0", "id_mode_0"):
        assert f'for="{field}"' in html


def test_benchmark_import_pasted_csv_appends(client, alice, benchmark):
    client.force_login(alice)
    response = post(client, benchmark, text=GOOD_CSV)
    assert response.status_code == 302
    assert response["Location"] == url(benchmark, "")
    assert prompts(benchmark) == [
        "Existing item",
        "Is a 10-month lease short-term?",
        "Every lease is off balance sheet, right?",
    ]
    second = benchmark.items.get(position=2)
    assert (second.difficulty, second.adversarial, second.rationale) == ("hard", True, "")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Imported 2 items."]


def test_benchmark_import_uploaded_jsonl_replaces(client, alice, benchmark):
    lines = [
        {"prompt": "Q1", "reference_answer": "A1", "difficulty": "easy"},
        {"prompt": "Q2", "reference_answer": "A2", "adversarial": True},
    ]
    content = "\n".join(json.dumps(line) for line in lines).encode()
    client.force_login(alice)
    response = post(client, benchmark, file=upload("items.jsonl", content), mode="replace")
    assert response.status_code == 302
    assert prompts(benchmark) == ["Q1", "Q2"]
    assert list(benchmark.items.values_list("position", flat=True).order_by("position")) == [0, 1]


def test_benchmark_import_uploaded_csv_with_bom_and_semicolons(client, alice, benchmark):
    content = "\ufeffprompt;reference_answer\nQuestion;Answer\n".encode()
    client.force_login(alice)
    response = post(client, benchmark, file=upload("export from a spreadsheet.csv", content))
    assert response.status_code == 302
    assert prompts(benchmark)[-1] == "Question"


def test_benchmark_import_chosen_format_wins_over_the_file_name(client, alice, benchmark):
    client.force_login(alice)
    response = post(
        client,
        benchmark,
        file=upload("items.jsonl", b"prompt,reference_answer\nQ,A\n"),
        file_format="csv",
    )
    assert response.status_code == 302
    assert prompts(benchmark)[-1] == "Q"


def test_benchmark_import_lists_every_bad_row_and_imports_nothing(client, alice, benchmark):
    client.force_login(alice)
    response = post(client, benchmark, text=BAD_CSV, mode="replace")
    assert response.status_code == 200
    problems = [(p.where, p.field) for p in response.context["problems"]]
    assert problems == [
        ("Row 4", "reference_answer"),
        ("Row 4", "difficulty"),
        ("Row 4", "adversarial"),
    ]
    html = response.content.decode()
    assert "Nothing was imported: 3 problems" in html
    assert "the header is row 1, the first item row 2" in html
    assert "“extreme” is not a difficulty; use easy, medium or hard." in html
    assert "<title>Error:" in html
    # The pasted text comes back, to be fixed in place.
    assert response.context["form"]["text"].value() == BAD_CSV
    assert prompts(benchmark) == ["Existing item"]


def test_benchmark_import_fixed_after_a_bad_row(client, alice, benchmark):
    client.force_login(alice)
    post(client, benchmark, text=BAD_CSV)
    assert prompts(benchmark) == ["Existing item"]
    fixed = BAD_CSV.replace("Third?,,,extreme,perhaps,", "Third?,Yes.,,hard,true,")
    assert post(client, benchmark, text=fixed).status_code == 302
    assert len(prompts(benchmark)) == 4


def test_benchmark_import_bad_upload_asks_to_choose_the_file_again(client, alice, benchmark):
    client.force_login(alice)
    response = post(client, benchmark, file=upload("items.csv", BAD_CSV.encode()), mode="replace")
    assert field_feedback(response.content.decode()) == [CHOOSE_AGAIN]
    assert "Row 4" in response.content.decode()  # the problems are listed above the form
    assert page_form(response)["mode"] == "replace"
    assert prompts(benchmark) == ["Existing item"]


def test_benchmark_import_not_utf8_is_a_clear_problem(client, alice, benchmark):
    client.force_login(alice)
    response = post(
        client,
        benchmark,
        file=upload("items.csv", "prompt,reference_answer\nCafé,A\n".encode("latin-1")),
    )
    [problem] = response.context["problems"]
    assert problem.where == "The file" and "not UTF-8 text" in problem.message
    assert prompts(benchmark) == ["Existing item"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, None, "Choose a file to upload, or paste the items."),
        ({"text": "   "}, None, "Choose a file to upload, or paste the items."),
        (
            {"text": GOOD_CSV, "file": upload("items.csv", GOOD_CSV.encode())},
            None,
            "Upload a file or paste the items, not both.",
        ),
        ({"text": GOOD_CSV, "mode": "merge"}, "mode", "Select a valid choice."),
        ({"text": GOOD_CSV, "file_format": "xml"}, "file_format", "Select a valid choice."),
    ],
)
def test_benchmark_import_invalid_form_imports_nothing(
    client, alice, benchmark, data, field, message
):
    client.force_login(alice)
    response = client.post(
        url(benchmark), {"file_format": "auto", "mode": "append", "version": "1", **data}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.get(field or "__all__", [])
    assert message in " ".join(errors)
    assert prompts(benchmark) == ["Existing item"]


def test_benchmark_import_file_over_the_size_limit(client, alice, benchmark):
    client.force_login(alice)
    content = b"prompt,reference_answer\n" + b"x" * MAX_BYTES
    response = post(client, benchmark, file=upload("items.csv", content))
    assert "over the limit of 2.0\xa0MB (2,097,152 bytes)" in " ".join(
        response.context["form"].errors["file"]
    )
    assert prompts(benchmark) == ["Existing item"]


def test_benchmark_import_pasted_text_over_the_size_limit(client, alice, benchmark):
    client.force_login(alice)
    response = post(client, benchmark, text="prompt,reference_answer\n" + "é" * (MAX_BYTES // 2))
    assert "The pasted text is over 2.0\xa0MB" in " ".join(response.context["form"].errors["text"])
    assert prompts(benchmark) == ["Existing item"]


def test_benchmark_import_upload_refused_while_reading_is_reported(
    client, alice, benchmark, settings
):
    settings.UPLOAD_MAX_BYTES = 100  # the request reader drops files over this
    client.force_login(alice)
    response = post(client, benchmark, file=upload("items.csv", GOOD_CSV.encode() * 10))
    assert "The file is too large" in " ".join(response.context["form"].errors["file"])
    assert prompts(benchmark) == ["Existing item"]


def test_benchmark_import_anonymous_and_wrong_method(client, alice, benchmark):
    response = client.get(url(benchmark))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(alice)
    assert client.put(url(benchmark)).status_code == 405
    assert prompts(benchmark) == ["Existing item"]


# --- Export ---------------------------------------------------------------------------------


@pytest.fixture
def tricky(alice):
    benchmark = BenchmarkFactory(owner=alice, title="Formulas & quotes: a test")
    values = [
        (
            '=HYPERLINK("http://x")',
            'He said "no", twice',
            "line one\nline two",
            "hard",
            True,
            "@src",
        ),
        ("-1 + 2?", "1", "", "easy", False, "'quoted"),
    ]
    for position, row in enumerate(values):
        BenchmarkItemFactory(
            benchmark=benchmark, position=position, **dict(zip(HEADER, row, strict=True))
        )
    return benchmark


def test_benchmark_export_csv_downloads_formula_safe_items(client, alice, tricky):
    client.force_login(alice)
    response = client.get(url(tricky, "items.csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="formulas-quotes-a-test-{tricky.pk}-items.csv"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    text = response.content.decode("utf-8")
    assert text.startswith(
        "\ufeffprompt,reference_answer,rationale,difficulty,adversarial,source\r\n"
    )
    assert "'=HYPERLINK" in text and "'@src" in text and "'-1 + 2?" in text
    assert '"He said ""no"", twice"' in text


def test_benchmark_export_jsonl_downloads_items_as_stored(client, alice, tricky):
    client.force_login(alice)
    response = client.get(url(tricky, "items.jsonl"))
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    assert response["Content-Disposition"].endswith(f'-{tricky.pk}-items.jsonl"')
    lines = [json.loads(line) for line in response.content.decode().splitlines()]
    assert [line["prompt"] for line in lines] == ['=HYPERLINK("http://x")', "-1 + 2?"]
    assert lines[0]["adversarial"] is True and lines[0]["rationale"] == "line one\nline two"


@pytest.mark.parametrize("extension", ["csv", "jsonl"])
def test_benchmark_export_then_import_gives_equal_items(client, alice, tricky, extension):
    client.force_login(alice)
    exported = client.get(url(tricky, f"items.{extension}")).content
    copy = BenchmarkFactory(owner=alice)
    response = post(client, copy, file=upload(f"items.{extension}", exported))
    assert response.status_code == 302
    fields = list(HEADER)
    assert list(copy.items.order_by("position").values_list(*fields)) == list(
        tricky.items.order_by("position").values_list(*fields)
    )


def test_benchmark_export_of_an_empty_benchmark(client, alice):
    empty = BenchmarkFactory(owner=alice)
    client.force_login(alice)
    assert client.get(url(empty, "items.csv")).content.decode().strip() == "\ufeff" + ",".join(
        HEADER
    )
    assert client.get(url(empty, "items.jsonl")).content == b""


def test_benchmark_export_other_user_anonymous_wrong_method(client, bob, tricky):
    for extension in ("csv", "jsonl"):
        path = url(tricky, f"items.{extension}")
        anonymous = client.get(path)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
        client.force_login(bob)
        assert client.get(path).status_code == 404
        assert client.post(path).status_code == 405
        client.logout()
    assert Benchmark.objects.count() == 1
    assert BenchmarkItem.objects.count() == 2
