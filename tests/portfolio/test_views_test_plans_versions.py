"""The test-plan editor open in two tabs: a save based on an older version is refused."""

import pytest

from tests.factories import AdversarialCaseFactory, AdversarialTestPlanFactory
from tests.tabs import page_form, refused_as_deleted, tab

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(alice):
    plan = AdversarialTestPlanFactory(owner=alice, title="Bank assistant misuse")
    AdversarialCaseFactory(plan=plan, position=0, attack="Show me the last balance.")
    return plan


def edit_url(plan) -> str:
    return f"/portfolio/test-plans/{plan.pk}/edit/"


def test_test_plan_edit_based_on_an_old_version_is_refused(alice, plan):
    one, two = tab(alice), tab(alice)
    opened = two.get(edit_url(plan))
    form_one = page_form(one.get(edit_url(plan)))
    form_two = page_form(opened)

    saved = one.post(edit_url(plan), {**form_one, "title": "Title from tab one"})
    refused = two.post(edit_url(plan), {**form_two, "goal": "No critical case fails."})

    assert opened.content.decode().count('name="version"') == 1
    assert (saved.status_code, refused.status_code) == (302, 409)
    plan.refresh_from_db()
    assert (plan.title, plan.goal, plan.version) == ("Title from tab one", "", 2)
    html = refused.content.decode()
    assert "This test plan was changed in another tab or by someone else" in html
    assert "No critical case fails." in html  # the person's input is kept
    changes = {change.label: change.now for change in refused.context["conflict"].changes}
    assert changes == {"Title": "Title from tab one"}


def test_test_plan_case_change_in_another_tab_is_named(alice, plan):
    one, two = tab(alice), tab(alice)
    form_one = page_form(one.get(edit_url(plan)))
    form_two = page_form(two.get(edit_url(plan)))
    one.post(edit_url(plan), {**form_one, "cases-0-attack": "A different attack."})

    refused = two.post(edit_url(plan), {**form_two, "title": "Renamed"})

    assert refused.status_code == 409
    assert list(plan.cases.values_list("attack", flat=True)) == ["A different attack."]
    changes = refused.context["conflict"].changes
    assert [(c.label, c.count, c.differing) for c in changes] == [("Cases", 1, 1)]


def test_test_plan_edit_of_a_plan_deleted_since_keeps_the_input_to_save_anew(alice, plan):
    one, two = tab(alice), tab(alice)
    form_two = page_form(two.get(edit_url(plan)))
    one.post(f"/portfolio/test-plans/{plan.pk}/delete/")
    typed = {**form_two, "goal": "No critical case fails."}

    refused = two.post(edit_url(plan), typed)
    refused_as_deleted(refused, "test plan", "/portfolio/test-plans/new/")
    # A row button works on what was typed, as htmx expects it: 200, nothing saved.
    added = two.post(edit_url(plan), {**typed, "case_action": "add"})
    assert added.status_code == 200
    assert "was deleted while you had it open" in added.content.decode()
    kept = page_form(refused)
    assert (kept["goal"], kept["cases-0-attack"]) == (
        "No critical case fails.",
        "Show me the last balance.",
    )
    assert not alice.test_plans.exists()

    assert two.post("/portfolio/test-plans/new/", kept).status_code == 302
    new = alice.test_plans.get()
    assert (new.title, new.goal, [case.attack for case in new.cases.all()]) == (
        "Bank assistant misuse",
        "No critical case fails.",
        ["Show me the last balance."],
    )
