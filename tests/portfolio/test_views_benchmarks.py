"""/portfolio/benchmarks/...: the benchmark editor (item rows added, removed and moved without
JavaScript or lost input), detail with its checklist, delete and duplicate."""

import re

import pytest

from portfolio.models import Benchmark, BenchmarkItem
from portfolio.validators import MAX_ITEMS
from tests.factories import BenchmarkFactory, BenchmarkItemFactory, make_profile
from tests.tabs import error_summary

pytestmark = pytest.mark.django_db

NEW = "/portfolio/benchmarks/new/"
BENCHMARK = {
    "title": "Lease accounting edge cases",
    "domain": "accounting",
    "description": "Where models slip on ASC 842.",
    "metric": "exact-match accuracy",
    "target": "at least 90%",
    "sources": "ASC 842; IFRS 16.",
}
ITEM_FIELDS = ("prompt", "reference_answer", "rationale", "difficulty", "adversarial", "source")
ITEMS = [
    ("Is a 10-month lease short-term?", "Yes.", "12 months or less.", "easy", False, "ASC 842"),
    ("Every lease is off balance sheet, right?", "No.", "ASC 842 changed it.", "hard", True, ""),
    ("Is a 3-year lease short-term?", "No.", "", "medium", False, "ASC 842-20"),
]
BLANK = (None, None, None, "medium", False, None)


@pytest.fixture(autouse=True)
def profiles(alice, bob):
    make_profile(alice, domains=["accounting", "tax"])
    make_profile(bob, domains=["accounting"])


def form_data(items=ITEMS, **extra) -> dict:
    data = {
        **BENCHMARK,
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": str(MAX_ITEMS),
        "version": "1",  # what a freshly opened editor carries
    }
    for index, values in enumerate(items):
        for name, value in zip(ITEM_FIELDS, values, strict=True):
            if name == "adversarial":
                if value:
                    data[f"items-{index}-adversarial"] = "on"
            else:
                data[f"items-{index}-{name}"] = value or ""
    return {**data, **extra}


def rows(response) -> list[tuple]:
    """The item rows as the page shows them."""
    return [
        tuple(form[name].value() for name in ITEM_FIELDS)
        for form in response.context["editor"].items.forms
    ]


def url(benchmark, action="") -> str:
    return f"/portfolio/benchmarks/{benchmark.pk}/{action + '/' if action else ''}"


def saved_items(benchmark) -> list[tuple]:
    return list(
        BenchmarkItem.objects.filter(benchmark=benchmark)
        .order_by("position")
        .values_list(*ITEM_FIELDS)
    )


def test_benchmark_urls_are_stable():
    from django.urls import reverse

    assert reverse("benchmark_create") == NEW
    assert reverse("benchmark_detail", args=[7]) == "/portfolio/benchmarks/7/"
    assert reverse("benchmark_edit", args=[7]) == "/portfolio/benchmarks/7/edit/"
    assert reverse("benchmark_delete", args=[7]) == "/portfolio/benchmarks/7/delete/"
    assert reverse("benchmark_duplicate", args=[7]) == "/portfolio/benchmarks/7/duplicate/"


# --- The editor, without JavaScript -------------------------------------------------------


def test_benchmark_create_form_starts_with_one_empty_item_and_my_domains(client, alice):
    client.force_login(alice)
    response = client.get(NEW)
    html = response.content.decode()
    assert rows(response) == [BLANK]
    assert response.context["editor"].form.fields["domain"].choices == [
        ("", "Choose a domain…"),
        ("accounting", "accounting"),
        ("tax", "tax"),
    ]
    for field in ("title", "domain", "description", "metric", "target", "sources"):
        assert f'for="id_{field}"' in html
    for field in ITEM_FIELDS:
        assert f'for="id_items-0-{field}"' in html
    assert "<legend" in html and "Item 1" in html and "Measurable goal" in html


def test_benchmark_create_with_one_domain_preselects_it(client, bob):
    client.force_login(bob)
    form = client.get(NEW).context["editor"].form
    assert form["domain"].value() == "accounting"


def test_benchmark_create_without_profile_domains_links_to_the_profile_editor(client, rita):
    client.force_login(rita)
    response = client.get(NEW)
    html = response.content.decode()
    assert "Your profile has no domains yet" in html
    assert 'href="/profile/edit/#section-domains"' in html
    assert "editor" not in response.context
    response = client.post(NEW, form_data())
    assert "Your profile has no domains yet" in response.content.decode()
    assert not Benchmark.objects.exists()


def test_benchmark_editor_enter_key_saves_rather_than_pressing_a_row_button(client, alice):
    client.force_login(alice)
    html = client.get(NEW).content.decode()
    form = html[html.index('class="benchmark-form"') :]
    first_button = form[form.index("<button") : form.index("</button>")]
    assert 'type="submit"' in first_button
    assert "item_action" not in first_button


def test_benchmark_add_item_keeps_everything_typed_and_saves_nothing(client, alice):
    client.force_login(alice)
    response = client.post(NEW, form_data(ITEMS[:2], item_action="add"))
    assert response.status_code == 200
    assert rows(response) == [*ITEMS[:2], BLANK]
    form = response.context["editor"].form
    assert {name: form[name].value() for name in BENCHMARK} == BENCHMARK
    assert not form.errors
    html = response.content.decode()
    assert html.count("autofocus") == 1
    textarea = html[html.index('name="items-2-prompt"') :].split(">", 1)[0]
    assert "autofocus" in textarea
    # The ticked box of the adversarial item is still ticked.
    checkbox = html[html.index('name="items-1-adversarial"') :].split(">", 1)[0]
    assert "checked" in checkbox
    assert not Benchmark.objects.exists()


def test_benchmark_add_item_with_half_filled_rows_shows_no_errors_yet(client, alice):
    client.force_login(alice)
    half = ("Only a prompt", "", "", "hard", True, "")
    response = client.post(NEW, form_data([half], title="", item_action="add"))
    assert rows(response) == [half, BLANK]
    assert "This field is required." not in response.content.decode()


def test_benchmark_remove_item_keeps_the_others(client, alice):
    client.force_login(alice)
    response = client.post(NEW, form_data(item_action="remove-1"))
    assert rows(response) == [ITEMS[0], ITEMS[2]]
    assert "Item 2 removed" in response.content.decode()
    assert not Benchmark.objects.exists()


def autofocused(html: str) -> list[str]:
    """The opening tags that carry autofocus."""
    return re.findall(r"<(?:textarea|input|button)[^>]*autofocus[^>]*>", html)


@pytest.mark.parametrize(
    ("action", "order", "focus"),
    [
        # On the same move button, to move it on; at the end of the list, the other one.
        ("up-1", [1, 0, 2], 'value="down-0"'),
        ("down-0", [1, 0, 2], 'value="down-1"'),
        ("down-1", [0, 2, 1], 'value="up-2"'),
        ("up-0", [0, 1, 2], None),
        ("down-2", [0, 1, 2], None),
    ],
)
def test_benchmark_move_item(client, alice, action, order, focus):
    client.force_login(alice)
    response = client.post(NEW, form_data(item_action=action))
    assert rows(response) == [ITEMS[i] for i in order]
    html = response.content.decode()
    if focus is None:
        assert "autofocus" not in html
    else:
        (tag,) = autofocused(html)
        assert focus in tag and "Move" not in tag  # the tag, not its text
        position = order.index(int(action.split("-")[1])) + 1
        assert f"Item moved; it is now item {position}." in html
    assert not Benchmark.objects.exists()


@pytest.mark.parametrize(
    ("items", "action", "focus"),
    [
        (ITEMS, "remove-1", 'name="items-1-prompt"'),  # the item that took its place
        (ITEMS, "remove-2", 'name="items-1-prompt"'),  # the last: the one before
        (ITEMS[:1], "remove-0", 'value="add"'),  # none left: Add item
    ],
)
def test_benchmark_remove_item_leaves_the_keyboard_where_the_item_was(
    client, alice, items, action, focus
):
    """Not on the page's body, from where the next Tab went to the footer."""
    client.force_login(alice)
    html = client.post(NEW, form_data(items, item_action=action)).content.decode()
    (tag,) = autofocused(html)
    assert focus in tag


def test_benchmark_add_item_says_so_and_a_full_benchmark_leaves_the_keyboard_on_add(client, alice):
    client.force_login(alice)
    html = client.post(NEW, form_data(item_action="add")).content.decode()
    assert "Item 4 added." in html
    full = [ITEMS[n % len(ITEMS)] for n in range(MAX_ITEMS)]
    html = client.post(NEW, form_data(full, item_action="add")).content.decode()
    (tag,) = autofocused(html)
    assert 'value="add"' in tag and f"holds at most {MAX_ITEMS} items" in html


@pytest.mark.parametrize("action", ["remove-9", "remove-x", "sideways-1", "up-"])
def test_benchmark_unknown_row_action_changes_nothing(client, alice, action):
    client.force_login(alice)
    response = client.post(NEW, form_data(item_action=action))
    assert rows(response) == ITEMS
    assert not Benchmark.objects.exists()


def test_benchmark_add_item_stops_at_the_limit(client, alice):
    client.force_login(alice)
    many = [("q", "a", "", "easy", False, "")] * MAX_ITEMS
    response = client.post(NEW, form_data(many, item_action="add"))
    assert len(rows(response)) == MAX_ITEMS
    assert f"A benchmark holds at most {MAX_ITEMS} items." in response.content.decode()


def test_benchmark_too_many_rows_posted_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(NEW, form_data([("q", "a", "", "easy", False, "")] * (MAX_ITEMS + 1)))
    assert f"at most {MAX_ITEMS} items" in response.content.decode()
    assert not Benchmark.objects.exists()


# --- Create ----------------------------------------------------------------------------------


def test_benchmark_create_saves_benchmark_and_items_in_order(client, alice):
    client.force_login(alice)
    response = client.post(NEW, form_data([*ITEMS, BLANK]))
    benchmark = Benchmark.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(benchmark)
    assert benchmark.owner == alice
    assert {name: getattr(benchmark, name) for name in BENCHMARK} == BENCHMARK
    # The blank row was skipped.
    assert saved_items(benchmark) == ITEMS


def test_benchmark_create_without_items_is_saved(client, alice):
    client.force_login(alice)
    response = client.post(NEW, form_data([BLANK]))
    benchmark = Benchmark.objects.get()
    assert response["Location"] == url(benchmark)
    assert saved_items(benchmark) == []


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        (form_data(metric=""), "metric", "This field is required."),
        (form_data(title="x" * 201), "title", "at most 200 characters"),
        (form_data(domain=""), "domain", "This field is required."),
        (form_data(domain="medicine"), "domain", "Select a valid choice."),
        (form_data(target="t" * 121), "target", "at most 120 characters"),
    ],
)
def test_benchmark_create_invalid_saves_nothing(client, alice, data, where, message):
    client.force_login(alice)
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["editor"].form.errors[where])
    assert rows(response) == ITEMS  # nothing typed is lost
    assert not Benchmark.objects.exists()


def test_benchmark_create_half_filled_item_shows_its_error_and_keeps_input(client, alice):
    client.force_login(alice)
    half = ("Prompt only", "", "", "hard", True, "")
    response = client.post(NEW, form_data([ITEMS[0], half]))
    editor = response.context["editor"]
    assert editor.items.forms[1].errors == {"reference_answer": ["This field is required."]}
    assert rows(response) == [ITEMS[0], half]
    assert response.content.decode().count("Error:") == 1  # in the page title
    assert not Benchmark.objects.exists()


def test_benchmark_refused_save_lists_its_errors_above_the_form(client, alice):
    client.force_login(alice)
    half = ("Prompt only", "", "", "hard", True, "")
    html = client.post(NEW, form_data([ITEMS[0], half], metric="")).content.decode()
    # A wrong row may be far below where the page opens: the top says what and where.
    summary = error_summary(html)
    assert "The benchmark was not saved. Fix 2 problems;" in summary
    assert '<a href="#id_metric" class="alert-link">Metric: This field is required.</a>' in summary
    assert (
        '<a href="#id_items-1-reference_answer" class="alert-link">'
        "Item 2, reference answer: This field is required.</a>"
    ) in summary
    assert summary.index("#id_metric") < summary.index("#id_items-1-")
    assert html.index("error-summary") < html.index('name="title"')
    assert not Benchmark.objects.exists()


def test_benchmark_editor_counts_a_line_break_as_one_character(client, alice):
    """Browsers send CRLF: a text at the limit with line breaks still fits."""
    text = ("x" * 99 + "\r\n") * 50  # 5,000 characters once stored with LF
    client.force_login(alice)
    response = client.post(NEW, form_data([(text, "Answer", "", "easy", False, "")]))
    assert response.status_code == 302
    stored = BenchmarkItem.objects.get().prompt
    assert len(stored) == 4999 and "\r" not in stored  # the last break is trailing space


def test_benchmark_create_unknown_difficulty_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(NEW, form_data([("q", "a", "", "extreme", False, "")]))
    assert "Select a valid choice" in str(response.context["editor"].items.forms[0].errors)
    assert not Benchmark.objects.exists()


def test_benchmark_create_anonymous_goes_to_login(client):
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={NEW}"
    assert client.post(NEW, form_data()).status_code == 302
    assert not Benchmark.objects.exists()


def test_benchmark_create_wrong_method(client, alice):
    client.force_login(alice)
    assert client.put(NEW).status_code == 405


# --- Detail, edit, delete, duplicate -------------------------------------------------------------


@pytest.fixture
def benchmark(alice):
    benchmark = BenchmarkFactory(owner=alice, title="Existing benchmark", domain="accounting")
    for position, values in enumerate(ITEMS):
        BenchmarkItemFactory(
            benchmark=benchmark, position=position, **dict(zip(ITEM_FIELDS, values, strict=True))
        )
    return benchmark


def test_benchmark_detail_shows_goal_items_in_order_and_the_checklist(client, alice, benchmark):
    client.force_login(alice)
    html = client.get(url(benchmark)).content.decode()
    positions = [html.index(values[0]) for values in ITEMS]
    assert positions == sorted(positions)
    assert "exact-match accuracy" in html and "≥ 90% on the held-out items" in html
    assert '<span class="badge text-bg-danger ms-1">Adversarial</span>' in html
    checklist = html.split('id="quality-heading"')[1]
    assert "3 of 5 quality checks met" in checklist
    assert "To do: pilot on at least 10 items (now 3)" in checklist
    assert "To do: list the benchmark&#x27;s sources" in checklist
    assert "Pilot</span>" not in html
    for link in ("import/", "items.csv", "items.jsonl", "edit/", "delete/"):
        assert f'href="{url(benchmark)}{link}"' in html


def test_benchmark_detail_marks_a_pilot(client, alice):
    pilot = BenchmarkFactory(owner=alice)
    for position in range(12):
        BenchmarkItemFactory(benchmark=pilot, position=position)
    client.force_login(alice)
    html = client.get(url(pilot)).content.decode()
    assert '<span class="badge text-bg-info align-middle fs-6">Pilot</span>' in html
    assert "12 items, 0 adversarial — a pilot" in html


def test_benchmark_detail_paginates_items_with_flat_queries(
    client, alice, django_assert_max_num_queries
):
    big = BenchmarkFactory(owner=alice)
    BenchmarkItem.objects.bulk_create(
        BenchmarkItem(benchmark=big, position=n, prompt=f"Prompt {n:03}", reference_answer="A")
        for n in range(60)
    )
    client.force_login(alice)
    with django_assert_max_num_queries(5):
        response = client.get(url(big), {"page": 3})
    html = response.content.decode()
    assert "Prompt 050" in html and "Prompt 049" not in html
    assert "Page 3 of 3" in html
    assert response.context["stats"].items == 60


def test_benchmark_edit_form_is_prefilled(client, alice, benchmark):
    client.force_login(alice)
    response = client.get(url(benchmark, "edit"))
    assert rows(response) == ITEMS
    assert response.context["editor"].form["title"].value() == "Existing benchmark"
    assert f'href="{url(benchmark)}import/"' in response.content.decode()


def test_benchmark_edit_saves_reordered_items(client, alice, benchmark):
    client.force_login(alice)
    response = client.post(
        url(benchmark, "edit"), form_data([ITEMS[2], ITEMS[0]], title="Renamed", domain="tax")
    )
    assert response["Location"] == url(benchmark)
    benchmark.refresh_from_db()
    assert (benchmark.title, benchmark.domain) == ("Renamed", "tax")
    assert saved_items(benchmark) == [ITEMS[2], ITEMS[0]]


def test_benchmark_edit_keeps_a_domain_no_longer_in_the_profile(client, alice, benchmark):
    make_profile(alice, domains=["tax"])
    client.force_login(alice)
    response = client.get(url(benchmark, "edit"))
    choices = response.context["editor"].form.fields["domain"].choices
    assert ("accounting", "accounting (no longer in your profile)") in choices
    response = client.post(url(benchmark, "edit"), form_data(title="Still accounting"))
    assert response.status_code == 302
    benchmark.refresh_from_db()
    assert (benchmark.title, benchmark.domain) == ("Still accounting", "accounting")


def test_benchmark_edit_row_buttons_save_nothing(client, alice, benchmark):
    client.force_login(alice)
    client.post(url(benchmark, "edit"), form_data(title="Changed", item_action="remove-0"))
    benchmark.refresh_from_db()
    assert benchmark.title == "Existing benchmark"
    assert saved_items(benchmark) == ITEMS


def test_benchmark_edit_invalid_changes_nothing(client, alice, benchmark):
    client.force_login(alice)
    response = client.post(url(benchmark, "edit"), form_data(ITEMS[:1], target=""))
    assert "target" in response.context["editor"].form.errors
    benchmark.refresh_from_db()
    assert benchmark.target != ""
    assert saved_items(benchmark) == ITEMS


def test_benchmark_pages_of_another_expert_are_404(client, bob, benchmark):
    client.force_login(bob)
    for action in ("", "edit", "delete", "import", "items.csv", "items.jsonl"):
        path = url(benchmark, action).rstrip("/") if "." in action else url(benchmark, action)
        assert client.get(path).status_code == 404, action
    assert client.post(url(benchmark, "edit"), form_data(title="Hijacked")).status_code == 404
    assert client.post(url(benchmark, "delete")).status_code == 404
    assert client.post(url(benchmark, "duplicate")).status_code == 404
    assert (
        client.post(
            url(benchmark, "import"), {"text": "prompt,reference_answer\nQ,A\n"}
        ).status_code
        == 404
    )
    assert Benchmark.objects.get().title == "Existing benchmark"
    assert saved_items(benchmark) == ITEMS


def test_benchmark_pages_of_an_unknown_benchmark_are_404(client, alice):
    client.force_login(alice)
    assert client.get("/portfolio/benchmarks/999999/").status_code == 404


def test_benchmark_pages_anonymous_go_to_login(client, benchmark):
    for action in ("", "edit", "delete", "import"):
        response = client.get(url(benchmark, action))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    for action in ("delete", "duplicate", "import"):
        assert client.post(url(benchmark, action)).status_code == 302
    assert Benchmark.objects.count() == 1
    assert saved_items(benchmark) == ITEMS


def test_benchmark_pages_wrong_method(client, alice, benchmark):
    client.force_login(alice)
    assert client.post(url(benchmark)).status_code == 405
    assert client.put(url(benchmark, "edit")).status_code == 405
    assert client.put(url(benchmark, "delete")).status_code == 405
    assert client.get(url(benchmark, "duplicate")).status_code == 405


def test_benchmark_delete_asks_then_deletes(client, alice, benchmark):
    client.force_login(alice)
    html = client.get(url(benchmark, "delete")).content.decode()
    assert "Delete the benchmark “Existing benchmark”?" in html
    assert Benchmark.objects.exists()
    response = client.post(url(benchmark, "delete"))
    assert response["Location"] == "/portfolio/"
    assert not Benchmark.objects.exists()
    assert not BenchmarkItem.objects.exists()


def test_benchmark_duplicate_copies_items(client, alice, benchmark):
    client.force_login(alice)
    response = client.post(url(benchmark, "duplicate"))
    copy = Benchmark.objects.exclude(pk=benchmark.pk).get()
    assert response["Location"] == url(copy)
    assert copy.title == "Copy of Existing benchmark"
    assert saved_items(copy) == ITEMS


def test_benchmark_pages_have_no_inline_scripts_or_styles(client, alice, benchmark):
    client.force_login(alice)
    for page in (NEW, url(benchmark), url(benchmark, "edit"), url(benchmark, "delete")):
        html = client.get(page).content.decode()
        assert "<script>" not in html, page
        assert " style=" not in html, page
        assert "<style" not in html, page
