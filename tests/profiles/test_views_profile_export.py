"""/profile/export.json: the profile as a downloadable skill-profile document."""

import json

import pytest
from django.urls import reverse

from portfolio.services import profile_replace_from_document
from profiles.schema import SEED_DOCUMENT_PATH, document_errors

pytestmark = pytest.mark.django_db
URL = reverse("profile_export")


def test_profile_export_downloads_the_document(client, alice):
    seed = json.loads(SEED_DOCUMENT_PATH.read_text())
    profile = profile_replace_from_document(actor=alice, user=alice, document=seed)
    client.force_login(alice)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="skill-profile-{profile.slug}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    exported = json.loads(response.content)
    assert exported == seed
    assert document_errors(exported) == []


def test_profile_export_queries_do_not_grow_with_list_lengths(
    client, alice, django_assert_max_num_queries
):
    tools = [f"tool {i}" for i in range(30)]
    domains = [f"domain {i}" for i in range(20)]
    profile_replace_from_document(
        actor=alice, user=alice, document={"headline": "h", "domains": domains, "tools": tools}
    )
    client.force_login(alice)
    # Session, user, profile, its work samples' version, its lists, its evidence.
    with django_assert_max_num_queries(6):
        response = client.get(URL)
    assert json.loads(response.content)["tools"] == tools


def test_profile_export_keeps_unicode_readable(client, alice):
    document = {"headline": "Ärztin für Innere Medizin", "domains": ["médecine"]}
    profile_replace_from_document(actor=alice, user=alice, document=document)
    client.force_login(alice)
    response = client.get(URL)
    assert "Ärztin".encode() in response.content
    assert json.loads(response.content) == document


def test_profile_export_without_a_profile_is_a_404(client, alice):
    client.force_login(alice)
    assert client.get(URL).status_code == 404


def test_profile_export_is_always_your_own(client, alice, bob):
    profile_replace_from_document(
        actor=alice, user=alice, document={"headline": "Alice", "domains": ["a"]}
    )
    client.force_login(bob)
    assert client.get(URL).status_code == 404


def test_profile_export_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_profile_export_wrong_method(client, alice):
    client.force_login(alice)
    assert client.post(URL).status_code == 405
