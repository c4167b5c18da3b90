"""/schema/skill-profile.json: the published JSON Schema."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from jsonschema import Draft202012Validator

from profiles.schema import SCHEMA_PATH, SEED_DOCUMENT_PATH

URL = reverse("skill_profile_schema")


@pytest.mark.django_db
def test_schema_is_published_at_its_stable_address(client):
    assert URL == "/schema/skill-profile.json"
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=3600" in response["Cache-Control"]
    published = json.loads(response.content)
    assert published["$id"] == f"{settings.SITE_URL}/schema/skill-profile.json"
    in_repo = json.loads(SCHEMA_PATH.read_text())
    assert {**published, "$id": in_repo["$id"]} == in_repo


@pytest.mark.django_db
def test_published_schema_names_the_site_whatever_host_the_request_gives(client, settings):
    # Shared caches keep the answer: a Host header let through by an allowed-hosts wildcard
    # must not become the address the schema names itself by.
    settings.ALLOWED_HOSTS = ["*"]
    published = json.loads(client.get(URL, HTTP_HOST="attacker.example").content)
    assert published["$id"] == f"{settings.SITE_URL}/schema/skill-profile.json"


@pytest.mark.django_db
def test_published_schema_validates_the_seed_with_a_stock_validator(client):
    published = json.loads(client.get(URL).content)
    validator = Draft202012Validator(published)
    assert list(validator.iter_errors(json.loads(SEED_DOCUMENT_PATH.read_text()))) == []
    assert list(validator.iter_errors({"headline": "x", "domains": []}))


@pytest.mark.django_db
def test_schema_wrong_method(client):
    assert client.post(URL).status_code == 405
