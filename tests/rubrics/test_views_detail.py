"""/rubrics/<id>/: the scale table, disallowed behaviours, sources and the quality checklist."""

import re

import pytest
from django.urls import reverse

from rubrics.models import Rubric
from tests.factories import RubricFactory

pytestmark = pytest.mark.django_db


def url(rubric) -> str:
    return f"/rubrics/{rubric.pk}/"


def test_detail_url_is_stable():
    assert reverse("rubric_detail", args=[3]) == "/rubrics/3/"


def test_detail_shows_the_rubric_as_a_scale_table(client, alice):
    rubric = RubricFactory(owner=alice, pass_score=3, sources="Logic, 3rd edition")
    client.force_login(alice)
    response = client.get(url(rubric))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="h2 mb-1">{rubric.title}</h1>' in html
    rows = re.findall(r'<th scope="row"[^>]*>(\d+)</th>', html)
    assert rows == ["5", "3", "1"]
    assert "<li>Correct final answer</li>" in html and "<li>Missing steps</li>" in html
    assert html.count(">Pass</span>") == 2 and html.count(">Fail</span>") == 1
    assert "scores of 3 and up pass" in html
    assert "<li>Fabricated citations</li>" in html
    assert "Logic, 3rd edition" in html


def test_detail_shows_the_quality_checklist_with_what_is_missing(client, alice):
    rubric = RubricFactory(owner=alice, disallowed=[])
    client.force_login(alice)
    html = client.get(url(rubric)).content.decode()
    checklist = html.split('id="quality-heading"')[1]
    assert "1 of 4 quality checks met" in checklist
    assert "quality-item-missing" in checklist
    assert "set the lowest passing score" in checklist
    assert "list the behaviours that fail a response" in checklist
    assert "name the standards, regulations or textbooks" in checklist
    assert "Not applicable" in checklist


def test_owner_sees_the_actions(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    html = client.get(url(rubric)).content.decode()
    for target in ("edit/", "delete/", "export.yaml"):
        assert f'href="/rubrics/{rubric.pk}/{target}"' in html
    assert f'action="/rubrics/{rubric.pk}/duplicate/"' in html
    assert 'href="/rubrics/"' in html  # back to the list


def test_other_expert_gets_404(client, alice, bob):
    rubric = RubricFactory(owner=alice)
    client.force_login(bob)
    assert client.get(url(rubric)).status_code == 404


def test_staff_view_portfolio_rubrics_without_changing_them(client, alice, staff):
    rubric = RubricFactory(owner=alice)
    client.force_login(staff)
    html = client.get(url(rubric)).content.decode()
    assert "by Alice Expert" in html
    assert "edit/" not in html and "duplicate/" not in html
    assert "export.yaml" in html


def test_everyone_signed_in_reads_review_rubrics(client, bob, rita, staff):
    review = RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW)
    for person in (bob, rita):
        client.force_login(person)
        html = client.get(url(review)).content.decode()
        assert "Review rubric" in html and "edit/" not in html


def test_detail_needs_login(client, alice):
    rubric = RubricFactory(owner=alice)
    response = client.get(url(rubric))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/rubrics/{rubric.pk}/"


def test_detail_wrong_method(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    assert client.post(url(rubric)).status_code == 405
    assert Rubric.objects.filter(pk=rubric.pk).exists()


def test_missing_rubric_is_404(client, alice):
    client.force_login(alice)
    assert client.get("/rubrics/999999/").status_code == 404


@pytest.mark.parametrize("size", [(2, 1, 0), (10, 10, 20)])
def test_detail_query_count_does_not_grow_with_the_rubric(
    client, alice, size, django_assert_max_num_queries
):
    levels, criteria, disallowed = size
    rubric = RubricFactory(
        owner=alice,
        levels=[(score, [f"c{score}-{n}" for n in range(criteria)]) for score in range(levels)],
        disallowed=[f"d{n}" for n in range(disallowed)],
    )
    client.force_login(alice)
    # Session, user, role, the rubric with its owner, levels with criteria, behaviours.
    with django_assert_max_num_queries(6):
        response = client.get(url(rubric))
    assert response.status_code == 200
    assert f"c{levels - 1}-{criteria - 1}" in response.content.decode() or not criteria


def test_detail_has_no_inline_scripts_or_styles(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    html = client.get(url(rubric)).content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html
