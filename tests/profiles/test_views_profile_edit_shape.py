"""/profile/edit/shape/: the editor's shape panel for the domains as typed, asked for by htmx
when a depth changes; nothing is saved."""

import pytest
from django.urls import reverse

from profiles.models import Profile
from tests.profiles.editor import editor_data

pytestmark = pytest.mark.django_db
URL = reverse("profile_edit_shape")
HTMX = {"HTTP_HX_REQUEST": "true"}


def domains(*pairs) -> dict:
    return editor_data(domains=[{"name": name, "depth": depth} for name, depth in pairs])


def test_profile_edit_shape_draws_the_domains_as_typed(client, alice):
    client.force_login(alice)
    data = domains(("finance", "5"), ("writing", "3"), ("coding", "2"), ("law", "2"))
    response = client.post(URL, data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>T-shaped.</strong>" in html
    assert "One deep domain (finance)" in html
    assert 'id="editor-shape-figure' in html
    assert "<html" not in html  # the panel alone
    assert not Profile.objects.filter(user=alice).exists()


def test_profile_edit_shape_skips_unnamed_rows_and_reads_odd_depths_as_unset(client, alice):
    client.force_login(alice)
    data = domains(("law", "9"), ("", "4"))
    html = client.post(URL, data, **HTMX).content.decode()
    assert "Only 1 domain at working depth or more and no domain at expert depth yet." in html


def test_profile_edit_shape_leaves_out_a_nul_character_html_cannot_hold(client, alice):
    client.force_login(alice)
    html = client.post(URL, domains(("fin\x00ance", "5")), **HTMX).content.decode()
    assert "\x00" not in html and "One deep domain (finance)" in html


def test_profile_edit_shape_without_htmx_goes_back_to_the_editor(client, alice):
    client.force_login(alice)
    response = client.post(URL, domains(("finance", "5")))
    assert response.status_code == 302
    assert response["Location"] == reverse("profile_edit")


def test_profile_edit_shape_anonymous_is_sent_to_log_in(client):
    response = client.post(URL, domains(("finance", "5")), **HTMX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_profile_edit_shape_get_is_refused(client, alice):
    client.force_login(alice)
    assert client.get(URL, **HTMX).status_code == 405


def test_profile_edit_page_draws_the_shape_without_javascript(client, alice):
    client.force_login(alice)
    html = client.get(reverse("profile_edit")).content.decode()
    assert 'id="editor-shape"' in html and "No domains yet: list the domains" in html
    # After "Add another" (a full POST) the panel shows what was typed.
    data = domains(("finance", "5"), ("statistics", "4"), ("ethics", "4"))
    data["action"] = "add-domains"
    html = client.post(reverse("profile_edit"), data).content.decode()
    assert "<strong>Comb-shaped.</strong>" in html
    assert f'data-hx-post="{URL}"' in html
