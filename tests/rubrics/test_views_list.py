"""/rubrics/: one's own portfolio rubrics and the published review rubrics, paginated."""

import pytest
from django.urls import reverse

from rubrics.models import Rubric
from tests.factories import RubricFactory

pytestmark = pytest.mark.django_db

URL = "/rubrics/"


def test_list_url_is_stable():
    assert reverse("rubric_list") == URL


def test_list_shows_own_rubrics_and_review_rubrics_only(client, alice, bob, staff):
    mine = RubricFactory(owner=alice, title="Mine")
    RubricFactory(owner=bob, title="Bob's secret")
    RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW, title="Domain rigor")
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert f'href="/rubrics/{mine.pk}/">Mine</a>' in html
    assert "Domain rigor" in html
    assert "Bob&#x27;s secret" not in html and "Bob's secret" not in html
    assert "5 · 3 · 1" in html and "2 of 4 quality checks met" in html
    assert 'href="/rubrics/new/"' in html and 'href="/rubrics/import/"' in html
    assert "New review rubric" not in html


def test_list_empty_state_points_to_the_builder_and_import(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "You have no rubrics yet" in html
    assert "No review rubrics have been published yet." in html


def test_staff_can_start_a_review_rubric_from_the_list(client, staff):
    client.force_login(staff)
    assert "New review rubric" in client.get(URL).content.decode()


def test_list_paginates(client, alice):
    for n in range(23):
        RubricFactory(owner=alice, title=f"R{n:02d}")
    client.force_login(alice)
    first = client.get(URL).content.decode()
    second = client.get(URL + "?page=2").content.decode()
    assert "Page 1 of 2" in first and "R22" in first and "R02" not in first
    assert "R02" in second and "R22" not in second
    assert 'href="?page=2"' in first


@pytest.mark.parametrize("count", [1, 25])
def test_list_query_count_does_not_grow_with_rows(
    client, alice, staff, count, django_assert_max_num_queries
):
    for _ in range(count):
        RubricFactory(owner=alice)
        RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW)
    client.force_login(alice)
    # Session, user, role, two pages (each counts its list), the levels of both pages.
    with django_assert_max_num_queries(6):
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["mine_rows"]) == min(count, 20)


def test_list_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/rubrics/"


def test_list_wrong_method(client, alice):
    client.force_login(alice)
    assert client.post(URL).status_code == 405
