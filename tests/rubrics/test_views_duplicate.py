import pytest

from rubrics import queries
from rubrics.models import Rubric
from tests.factories import RubricFactory

pytestmark = pytest.mark.django_db


def url(rubric) -> str:
    return f"/rubrics/{rubric.pk}/duplicate/"


def content_of(rubric):
    return queries.rubric_content(queries.with_scale(Rubric.objects.filter(pk=rubric.pk)).get())


def test_duplicate_makes_an_own_copy_and_shows_it(client, alice):
    rubric = RubricFactory(owner=alice, title="Original")
    client.force_login(alice)
    response = client.post(url(rubric))
    copy = Rubric.objects.exclude(pk=rubric.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/rubrics/{copy.pk}/"
    assert copy.owner == alice and copy.title == "Copy of Original"
    assert content_of(copy).levels == content_of(rubric).levels
    assert "This is your copy" in client.get(response["Location"]).content.decode()


def test_other_expert_cannot_duplicate(client, alice, bob):
    rubric = RubricFactory(owner=alice)
    client.force_login(bob)
    assert client.post(url(rubric)).status_code == 404
    assert Rubric.objects.count() == 1


def test_staff_duplicate_review_rubrics(client, staff):
    rubric = RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW)
    client.force_login(staff)
    client.post(url(rubric))
    assert Rubric.objects.filter(kind=Rubric.Kind.REVIEW).count() == 2


def test_duplicate_needs_login(client, alice):
    rubric = RubricFactory(owner=alice)
    response = client.post(url(rubric))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Rubric.objects.count() == 1


def test_duplicate_is_post_only(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    assert client.get(url(rubric)).status_code == 405
    assert Rubric.objects.count() == 1
