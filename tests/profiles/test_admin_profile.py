"""Staff edit profiles in the admin as documents, through the same validator."""

import json

import pytest
from django.urls import reverse

from portfolio.documents import profile_document_for, stored_document
from profiles.models import Profile
from tests.factories import make_profile, skill_profile_document

pytestmark = pytest.mark.django_db


def change_url(profile) -> str:
    return reverse("admin:profiles_profile_change", args=[profile.pk])


def test_admin_profile_list_shows_shapes(client, staff, alice, bob):
    make_profile(alice, domains=["a", "b", "c"], domain_depth={"a": 5})
    make_profile(bob)
    client.force_login(staff)
    html = client.get(reverse("admin:profiles_profile_changelist")).content.decode()
    assert "T-shaped" in html and "Emerging" in html


def test_admin_profile_change_form_shows_the_document(client, staff, alice):
    profile = make_profile(alice, tools=["SQL"])
    client.force_login(staff)
    html = client.get(change_url(profile)).content.decode()
    assert "&quot;tools&quot;: [\n    &quot;SQL&quot;\n  ]" in html


def test_admin_profile_save_replaces_the_profile(client, staff, alice):
    profile = make_profile(alice)
    client.force_login(staff)
    document = skill_profile_document(headline="Fixed by staff", visibility="private")
    response = client.post(
        change_url(profile), {"document": json.dumps(document), "loaded_version": "1"}
    )
    assert response.status_code == 302
    assert profile_document_for(alice) == document
    saved = Profile.objects.get(pk=profile.pk)
    assert saved.version == 2
    assert stored_document(saved).document == document  # pages read it as stored


def test_admin_profile_invalid_document_lists_paths_and_changes_nothing(client, staff, alice):
    profile = make_profile(alice, headline="Kept")
    client.force_login(staff)
    document = skill_profile_document(availability={"hours_per_week": 0}, colour="red")
    response = client.post(
        change_url(profile), {"document": json.dumps(document), "loaded_version": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "availability.hours_per_week: must be between 1 and 80 (it is 0)" in html
    assert "colour: is not a known field here" in html
    assert Profile.objects.get(pk=profile.pk).headline == "Kept"


def test_admin_profile_broken_json_is_refused(client, staff, alice):
    profile = make_profile(alice)
    client.force_login(staff)
    response = client.post(change_url(profile), {"document": "{", "loaded_version": "1"})
    assert "this is not valid JSON" in response.content.decode()
    assert Profile.objects.get(pk=profile.pk).version == 1


def test_admin_profile_stale_form_is_refused(client, staff, alice):
    profile = make_profile(alice)
    make_profile(alice, headline="Saved meanwhile")
    client.force_login(staff)
    response = client.post(
        change_url(profile),
        {"document": json.dumps(skill_profile_document()), "loaded_version": "1"},
    )
    assert "was saved by someone else after you opened it" in response.content.decode()
    assert Profile.objects.get(pk=profile.pk).headline == "Saved meanwhile"


def test_admin_profile_add_for_a_user(client, staff, alice):
    client.force_login(staff)
    document = skill_profile_document(headline="Made by staff")
    response = client.post(
        reverse("admin:profiles_profile_add"),
        {"user": str(alice.pk), "document": json.dumps(document)},
    )
    assert response.status_code == 302
    assert profile_document_for(alice) == document


def test_admin_profile_is_for_staff_only(client, alice):
    profile = make_profile(alice)
    client.force_login(alice)
    response = client.get(change_url(profile))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
