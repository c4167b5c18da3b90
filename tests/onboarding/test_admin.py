"""Staff keep the review form in the admin; rounds, reviews and the audit log are read-only."""

import pytest

from onboarding.models import ReviewForm, ReviewFormRubric
from onboarding.workflow import Decision
from tests.factories import RubricFactory
from tests.onboarding.review_setup import review_form, reviewed, submitted_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    review = reviewed(round, rita, Decision.APPROVE)
    return {"round": round, "review": review, "auditentry": round.audit_entries.first()}


@pytest.mark.parametrize("model", ["round", "review", "auditentry"])
def test_admin_shows_rounds_reviews_and_audit_read_only(client, staff, decided, model):
    client.force_login(staff)
    obj = decided[model]
    listing = client.get(f"/admin/onboarding/{model}/")
    assert listing.status_code == 200
    page = client.get(f"/admin/onboarding/{model}/{obj.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get(f"/admin/onboarding/{model}/add/").status_code == 403
    assert client.post(f"/admin/onboarding/{model}/{obj.pk}/delete/").status_code == 403


def test_admin_round_links_to_the_round_page(client, staff, decided):
    client.force_login(staff)
    html = client.get("/admin/onboarding/round/").content.decode()
    assert f'href="/review/rounds/{decided["round"].pk}/"' in html


def test_admin_review_form_with_ordered_rubrics(client, staff):
    first = RubricFactory(owner=staff, kind="review", title="Writing clarity")
    second = RubricFactory(owner=staff, kind="review", title="Domain rigor")
    RubricFactory(owner=staff, kind="artifact", title="Not offered")
    client.force_login(staff)
    page = client.get("/admin/onboarding/reviewform/add/").content.decode()
    assert "Writing clarity" in page and "Not offered" not in page
    response = client.post(
        "/admin/onboarding/reviewform/add/",
        {
            "name": "Spring review",
            "description": "",
            "is_active": "on",
            "entries-TOTAL_FORMS": "2",
            "entries-INITIAL_FORMS": "0",
            "entries-MIN_NUM_FORMS": "0",
            "entries-MAX_NUM_FORMS": "1000",
            "entries-0-position": "1",
            "entries-0-rubric": str(first.pk),
            "entries-1-position": "0",
            "entries-1-rubric": str(second.pk),
        },
    )
    assert response.status_code == 302
    form = ReviewForm.objects.get(name="Spring review")
    assert form.is_active
    assert [entry.rubric.title for entry in ReviewFormRubric.objects.filter(form=form)] == [
        "Domain rigor",
        "Writing clarity",
    ]


def test_admin_refuses_a_second_active_form_with_a_message(client, staff):
    review_form(staff)
    client.force_login(staff)
    response = client.post(
        "/admin/onboarding/reviewform/add/",
        {
            "name": "Another",
            "is_active": "on",
            "entries-TOTAL_FORMS": "0",
            "entries-INITIAL_FORMS": "0",
            "entries-MIN_NUM_FORMS": "0",
            "entries-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "is the active form. Only one form can be active" in response.content.decode()
    assert ReviewForm.objects.count() == 1


def test_admin_make_active_action(client, staff):
    old = review_form(staff)
    new = ReviewForm.objects.create(name="New")
    client.force_login(staff)
    response = client.post(
        "/admin/onboarding/reviewform/",
        {"action": "make_active", "_selected_action": [str(new.pk)]},
        follow=True,
    )
    assert "“New” is now the active review form." in response.content.decode()
    assert list(ReviewForm.objects.filter(is_active=True)) == [new]
    old.refresh_from_db()
    assert not old.is_active
