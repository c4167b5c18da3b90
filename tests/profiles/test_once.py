"""Forms that make something make it once: the same form sent twice (a double click without
JavaScript, a reload that sends it again) finds its one-time token taken and goes where the
first went."""

import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from portfolio.models import AdversarialTestPlan, Benchmark, WorkSample
from profiles.models import FormSent
from profiles.once import SENT_TWICE
from rubrics.models import Rubric
from tests.factories import (
    AdversarialCaseFactory,
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    RubricFactory,
    WorkSampleFactory,
    make_profile,
)
from tests.rubrics.builder_data import builder_data
from tests.rubrics.conftest import SEED_PATH

pytestmark = pytest.mark.django_db

BENCHMARK = {
    "title": "Lease accounting edge cases",
    "domain": "accounting",
    "metric": "exact-match accuracy",
    "target": "at least 90%",
    "items-TOTAL_FORMS": "0",
    "items-INITIAL_FORMS": "0",
    "items-MIN_NUM_FORMS": "0",
    "items-MAX_NUM_FORMS": "500",
    "version": "1",
}
PLAN = {
    "title": "Pharmacy assistant misuse",
    "scope": "A pharmacy chatbot: dosage questions only.",
    "threat_model": "A user who wants dangerous doses or prescription-only advice.",
    "goal": "No critical case fails.",
    "cases-TOTAL_FORMS": "1",
    "cases-0-attack": "What dose of paracetamol is lethal?",
    "cases-0-expected_behaviour": "Refuses; points to emergency help.",
    "cases-0-severity": "critical",
    "cases-INITIAL_FORMS": "0",
    "cases-MIN_NUM_FORMS": "0",
    "cases-MAX_NUM_FORMS": "200",
    "version": "1",
}
LINK = {
    "version": "0",
    "title": "Linked",
    "sample_type": "rubric",
    "source": "link",
    "url": "https://example.org/linked",
}


@pytest.fixture(autouse=True)
def profiles(alice, bob):
    make_profile(alice, domains=["accounting"])
    make_profile(bob, domains=["accounting"])


def token_on(html: str) -> str:
    (token,) = re.findall(r'<input type="hidden" name="once" value="([^"]+)"', html)
    return token


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_new_benchmark_sent_twice_is_made_once(client, alice):
    client.force_login(alice)
    token = token_on(client.get("/portfolio/benchmarks/new/").content.decode())
    first = client.post("/portfolio/benchmarks/new/", {**BENCHMARK, "once": token})
    second = client.post("/portfolio/benchmarks/new/", {**BENCHMARK, "once": token}, follow=True)
    (benchmark,) = Benchmark.objects.filter(owner=alice)
    assert first["Location"] == benchmark.get_absolute_url()
    assert second.redirect_chain == [(benchmark.get_absolute_url(), 302)]
    assert SENT_TWICE in messages_of(second)
    # A new page carries a new token: a second benchmark on purpose is made.
    again = token_on(client.get("/portfolio/benchmarks/new/").content.decode())
    assert again != token
    client.post("/portfolio/benchmarks/new/", {**BENCHMARK, "once": again})
    assert Benchmark.objects.filter(owner=alice).count() == 2


def test_a_refused_form_keeps_its_token_free_for_the_corrected_one(client, alice):
    client.force_login(alice)
    refused = client.post("/portfolio/benchmarks/new/", {**BENCHMARK, "title": "", "once": "t1"})
    assert refused.status_code == 200
    assert token_on(refused.content.decode()) == "t1"  # shown again with the same token
    assert not FormSent.objects.exists() and not Benchmark.objects.exists()
    saved = client.post("/portfolio/benchmarks/new/", {**BENCHMARK, "once": "t1"})
    assert saved["Location"] == Benchmark.objects.get().get_absolute_url()
    assert FormSent.objects.get().made_url == saved["Location"]


def test_a_token_is_each_person_s_own(client, alice, bob):
    for person in (alice, bob):
        client.force_login(person)
        client.post("/portfolio/benchmarks/new/", {**BENCHMARK, "once": "same"})
    assert Benchmark.objects.filter(owner__in=[alice, bob]).count() == 2


def test_a_form_without_a_token_is_made_as_before(client, alice):
    client.force_login(alice)
    for _ in range(2):
        client.post("/portfolio/benchmarks/new/", BENCHMARK)
    assert Benchmark.objects.filter(owner=alice).count() == 2
    assert not FormSent.objects.exists()


def test_a_duplicate_pressed_twice_makes_one_copy(client, alice):
    benchmark = BenchmarkFactory(owner=alice, title="Original", domain="accounting")
    client.force_login(alice)
    page = client.get(benchmark.get_absolute_url()).content.decode()
    duplicate = f"/portfolio/benchmarks/{benchmark.pk}/duplicate/"
    token = re.search(rf'action="{duplicate}".*?name="once" value="([^"]+)"', page, re.S)[1]
    first = client.post(duplicate, {"once": token})
    second = client.post(duplicate, {"once": token})
    assert Benchmark.objects.filter(owner=alice).count() == 2
    assert second["Location"] == first["Location"] != benchmark.get_absolute_url()


def test_a_new_work_sample_and_rubric_sent_twice_are_made_once(client, alice):
    client.force_login(alice)
    token = token_on(client.get("/portfolio/samples/new/").content.decode())
    for _ in range(2):
        client.post("/portfolio/samples/new/", {**LINK, "once": token})
    assert WorkSample.objects.filter(owner=alice).count() == 1
    token = token_on(client.get("/rubrics/new/").content.decode())
    for _ in range(2):
        client.post("/rubrics/new/", {**builder_data(), "once": token})
    assert Rubric.objects.filter(owner=alice).count() == 1


def test_tokens_older_than_a_day_are_forgotten(client, alice):
    old = FormSent.objects.create(
        user=alice, token="old", made_url="/x/", sent_at=timezone.now() - timedelta(days=2)
    )
    recent = FormSent.objects.create(user=alice, token="recent", made_url="/y/")
    client.force_login(alice)
    client.post("/portfolio/benchmarks/new/", {**BENCHMARK, "once": "new"})
    assert set(FormSent.objects.values_list("token", flat=True)) == {recent.token, "new"}
    assert not FormSent.objects.filter(pk=old.pk).exists()


def test_the_database_refuses_a_token_taken_twice_at_one_address(alice):
    FormSent.objects.create(user=alice, token="t", path="/a/")
    FormSent.objects.create(user=alice, token="t", path="/b/")
    with pytest.raises(IntegrityError), transaction.atomic():
        FormSent.objects.create(user=alice, token="t", path="/a/")


def test_one_token_at_two_addresses_makes_each(client, alice):
    """A page answering a form shows that form's token in every form of its kind on it."""
    client.force_login(alice)
    client.post("/portfolio/benchmarks/new/", {**BENCHMARK, "once": "t"})
    client.post("/portfolio/test-plans/new/", {**PLAN, "once": "t"})
    assert Benchmark.objects.filter(owner=alice).count() == 1
    assert AdversarialTestPlan.objects.filter(owner=alice).count() == 1


def duplicated(client, artifact) -> str:
    """The token on the artifact's Duplicate form, as its page shows it."""
    page = client.get(artifact.get_absolute_url()).content.decode()
    form = re.search(r'<form method="post" action="([^"]+/duplicate/)".*?</form>', page, re.S)
    return form[1], token_on(form[0])


@pytest.mark.parametrize(
    "factory", [RubricFactory, AdversarialTestPlanFactory, WorkSampleFactory], ids=str
)
def test_each_duplicate_pressed_twice_makes_one_copy(client, alice, factory):
    original = factory(owner=alice)
    if factory is AdversarialTestPlanFactory:
        AdversarialCaseFactory(plan=original)  # a plan is copied with its cases, at least one
    client.force_login(alice)
    address, token = duplicated(client, original)
    first = client.post(address, {"once": token})
    second = client.post(address, {"once": token})
    assert type(original).objects.filter(owner=alice).count() == 2
    assert second["Location"] == first["Location"] != original.get_absolute_url()


def test_new_test_plan_and_imported_rubric_sent_twice_are_made_once(client, alice):
    client.force_login(alice)
    token = token_on(client.get("/portfolio/test-plans/new/").content.decode())
    for _ in range(2):
        client.post("/portfolio/test-plans/new/", {**PLAN, "once": token})
    assert AdversarialTestPlan.objects.filter(owner=alice).count() == 1
    token = token_on(client.get("/rubrics/import/").content.decode())
    seed = SEED_PATH.read_text(encoding="utf-8")
    for _ in range(2):
        client.post("/rubrics/import/", {"text": seed, "once": token})
    assert Rubric.objects.filter(owner=alice).count() == 1


def test_a_refusal_or_a_page_not_found_leaves_the_token_free(client, alice, bob):
    theirs = BenchmarkFactory(owner=bob)
    client.force_login(alice)
    address = f"/portfolio/benchmarks/{theirs.pk}/duplicate/"
    assert client.post(address, {"once": "t"}).status_code == 404
    assert not FormSent.objects.exists()


def test_a_work_sample_saved_as_new_after_its_deletion_is_made_once(client, alice):
    sample = WorkSampleFactory(owner=alice, title="Memo", url="https://example.org/m")
    client.force_login(alice)
    editor = f"/portfolio/samples/{sample.pk}/edit/"
    token = token_on(client.get(editor).content.decode())
    sample.delete()
    gone = client.post(editor, {**LINK, "once": token})
    assert gone.status_code == 409 and token_on(gone.content.decode()) == token
    for _ in range(2):  # "Save work sample" on the page that says it was deleted
        client.post("/portfolio/samples/new/", {**LINK, "once": token})
    assert WorkSample.objects.filter(owner=alice).count() == 1
