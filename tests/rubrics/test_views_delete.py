import pytest

from rubrics.models import Criterion, Rubric, ScaleLevel
from tests.factories import RubricFactory

pytestmark = pytest.mark.django_db


def url(rubric) -> str:
    return f"/rubrics/{rubric.pk}/delete/"


def test_delete_asks_for_confirmation_first(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    html = client.get(url(rubric)).content.decode()
    assert "Delete this rubric?" in html and "3 levels will be deleted" in html
    assert '<form method="post"' in html
    assert Rubric.objects.filter(pk=rubric.pk).exists()


def test_delete_removes_the_rubric_after_confirmation(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    response = client.post(url(rubric))
    assert response.status_code == 302 and response["Location"] == "/rubrics/"
    assert not Rubric.objects.exists()
    assert not ScaleLevel.objects.exists() and not Criterion.objects.exists()
    assert "Deleted the rubric" in client.get("/rubrics/").content.decode()


def test_other_expert_cannot_delete(client, alice, bob):
    rubric = RubricFactory(owner=alice)
    client.force_login(bob)
    assert client.get(url(rubric)).status_code == 404
    assert client.post(url(rubric)).status_code == 404
    assert Rubric.objects.filter(pk=rubric.pk).exists()


def test_staff_cannot_delete_portfolio_rubrics_but_can_delete_review_rubrics(client, alice, staff):
    artifact = RubricFactory(owner=alice)
    review = RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW)
    client.force_login(staff)
    assert client.post(url(artifact)).status_code == 404
    assert client.post(url(review)).status_code == 302
    assert list(Rubric.objects.all()) == [artifact]


def test_delete_needs_login(client, alice):
    rubric = RubricFactory(owner=alice)
    response = client.post(url(rubric))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Rubric.objects.filter(pk=rubric.pk).exists()


def test_delete_wrong_method(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    assert client.delete(url(rubric)).status_code == 405
    assert Rubric.objects.filter(pk=rubric.pk).exists()
