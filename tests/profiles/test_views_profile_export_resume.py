"""/profile/export.resume.json: the profile as a downloadable JSON Resume."""

import json

import pytest
from django.urls import reverse

from portfolio.services import profile_replace_from_document
from profiles.models import Profile
from profiles.resume import RESUME_SCHEMA_URL, resume_import
from profiles.schema import seed_document
from tests.profiles.json_resume import resume_schema_errors

pytestmark = pytest.mark.django_db
URL = reverse("profile_export_resume")


def test_profile_export_resume_downloads_the_profile_as_a_resume(client, alice):
    document = {**seed_document(), "bio": "CFA charterholder.", "domain_depth": {"finance": 4}}
    profile = profile_replace_from_document(actor=alice, user=alice, document=document)
    client.force_login(alice)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (f'attachment; filename="{profile.slug}.resume.json"')
    assert "no-store" in response["Cache-Control"]
    resume = json.loads(response.content)
    assert resume_schema_errors(resume) == []
    assert resume["$schema"] == RESUME_SCHEMA_URL
    assert resume["basics"] == {
        "name": "Alice Expert",
        "label": document["headline"],
        "email": "alice@example.com",
        "summary": "CFA charterholder.",
    }
    assert resume["skills"][:3] == [
        {"name": "finance", "level": "Expert"},
        {"name": "statistics"},
        {"name": "risk"},
    ]
    assert resume["certificates"] == [{"name": "MSc Statistics"}, {"name": "CFA Level II"}]
    assert resume["projects"] == [
        {
            "name": "Stress-testing LLM reasoning on risk scenarios",
            "url": "https://rex.zone",
            "type": "benchmark",
        }
    ]
    profile.refresh_from_db()
    assert resume["meta"] == {
        "version": "v1.0.0",
        "lastModified": profile.updated_at.strftime("%Y-%m-%dT%H:%M:%S"),
    }


def test_profile_export_resume_imports_back_to_the_shared_fields(client, alice):
    document = {**seed_document(), "domain_depth": {"risk": 5}, "topics_declined": ["gambling"]}
    profile_replace_from_document(actor=alice, user=alice, document=document)
    client.force_login(alice)
    resume = json.loads(client.get(URL).content)
    back = resume_import(resume).document
    assert back == {
        k: v for k, v in document.items() if k not in ("availability", "topics_declined")
    }


def test_profile_export_resume_without_a_name_leaves_it_out(client, alice):
    alice.name = ""
    alice.save()
    profile_replace_from_document(
        actor=alice, user=alice, document={"headline": "h", "domains": ["a"]}
    )
    client.force_login(alice)
    resume = json.loads(client.get(URL).content)
    assert resume["basics"] == {"label": "h", "email": "alice@example.com"}
    assert resume_schema_errors(resume) == []


def test_profile_export_resume_queries_do_not_grow_with_list_lengths(
    client, alice, django_assert_max_num_queries
):
    tools = [f"tool {i}" for i in range(30)]
    domains = [f"domain {i}" for i in range(20)]
    profile_replace_from_document(
        actor=alice, user=alice, document={"headline": "h", "domains": domains, "tools": tools}
    )
    client.force_login(alice)
    # Session, user, profile, its work samples' version, its lists.
    with django_assert_max_num_queries(5):
        response = client.get(URL)
    assert json.loads(response.content)["skills"][-1] == {"name": "Tools", "keywords": tools}


def test_profile_export_resume_without_a_profile_is_a_404(client, alice):
    client.force_login(alice)
    assert client.get(URL).status_code == 404


def test_profile_export_resume_is_always_your_own(client, alice, bob):
    profile_replace_from_document(
        actor=alice, user=alice, document={"headline": "Alice", "domains": ["a"]}
    )
    client.force_login(bob)
    assert client.get(URL).status_code == 404
    assert Profile.objects.count() == 1


def test_profile_export_resume_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_profile_export_resume_wrong_method(client, alice):
    client.force_login(alice)
    assert client.post(URL).status_code == 405


def test_profile_page_links_to_the_resume_export(client, alice):
    profile_replace_from_document(
        actor=alice, user=alice, document={"headline": "h", "domains": ["a"]}
    )
    client.force_login(alice)
    page = client.get(reverse("profile")).content.decode()
    assert f'href="{URL}" download>Export JSON Resume</a>' in page
