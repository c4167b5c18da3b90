"""/: the example profile from the demo data and the rubric a reviewer reads, or nothing
about it when there is no demo data."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from guide.example import EXAMPLE_KEY
from profiles.demo import DEMO_EXPERT_EMAIL
from profiles.models import Profile

pytestmark = pytest.mark.django_db
URL = "/"


def test_landing_shows_the_demo_expert_and_a_frozen_rubric(client):
    call_command("seed_demo", stdout=None)
    cache.clear()
    html = client.get(URL).content.decode()
    assert 'id="example-title"' in html
    assert "Dana Expert" in html
    profile = Profile.objects.get(user__email=DEMO_EXPERT_EMAIL)
    assert f'href="/p/{profile.slug}/"' in html
    assert "<strong>T-shaped.</strong>" in html
    assert 'id="example-shape' in html
    assert "What a reviewer sees" in html and "From round 1" in html
    assert 'class="card frozen-artifact' in html


def test_landing_example_is_kept_for_everyone(client, django_assert_max_num_queries):
    call_command("seed_demo", stdout=None)
    cache.clear()
    client.get(URL)
    with django_assert_max_num_queries(0):
        client.get(URL)


def test_landing_without_demo_data_leaves_the_example_out(client, django_assert_max_num_queries):
    html = client.get(URL).content.decode()
    assert 'id="example-title"' not in html
    assert cache.get(EXAMPLE_KEY) is False  # "none" is kept too
    with django_assert_max_num_queries(0):
        client.get(URL)


def test_landing_leaves_out_a_demo_profile_made_private(client):
    call_command("seed_demo", stdout=None)
    Profile.objects.filter(user__email=DEMO_EXPERT_EMAIL).update(visibility="private")
    cache.clear()
    assert 'id="example-title"' not in client.get(URL).content.decode()
