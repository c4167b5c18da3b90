import pytest
import yaml
from django.urls import reverse

from rubrics import services
from rubrics.models import Rubric
from tests.factories import RubricFactory

pytestmark = pytest.mark.django_db


def url(rubric) -> str:
    return f"/rubrics/{rubric.pk}/export.yaml"


def test_export_url_is_stable():
    assert reverse("rubric_export", args=[5]) == "/rubrics/5/export.yaml"


def test_seed_imports_and_exports_back_to_equal_data(client, alice, seed_text):
    rubric = services.rubric_import_yaml(actor=alice, source=seed_text)
    client.force_login(alice)
    response = client.get(url(rubric))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="assess-step-by-step-reasoning-clarity-and-correctness-'
        f'{rubric.pk}.yaml"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert yaml.safe_load(response.content) == yaml.safe_load(seed_text)
    assert response.content.decode() == seed_text


def test_export_includes_optional_keys_when_set(client, alice):
    rubric = RubricFactory(owner=alice, title="Mine", pass_score=3, sources="A book")
    client.force_login(alice)
    data = yaml.safe_load(client.get(url(rubric)).content)
    assert data["rubric"]["title"] == "Mine"
    assert data["rubric"]["pass_score"] == 3
    assert data["rubric"]["sources"] == "A book"


def test_other_expert_cannot_export(client, alice, bob):
    rubric = RubricFactory(owner=alice)
    client.force_login(bob)
    assert client.get(url(rubric)).status_code == 404


def test_review_rubrics_export_for_everyone_signed_in(client, bob, staff):
    review = RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW)
    client.force_login(bob)
    assert client.get(url(review)).status_code == 200


def test_export_needs_login(client, alice):
    rubric = RubricFactory(owner=alice)
    response = client.get(url(rubric))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_export_wrong_method(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    assert client.post(url(rubric)).status_code == 405
