"""The demo expert gets a profile built from the article's example."""

import pytest
from django.core.management import call_command

from portfolio.documents import profile_document_for
from profiles.demo import DEMO_EXTENSIONS
from profiles.documents import document_shape
from profiles.models import Profile, User
from profiles.schema import seed_document
from profiles.shape import Shape

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_expert_a_public_t_shaped_profile():
    call_command("seed_demo")
    expert = User.objects.get(email="expert@example.com")
    document = profile_document_for(expert)
    # The article's link, then the demo portfolio's linked sample: one kind of work sample.
    seed = seed_document()
    linked = {
        "title": "GAAP edge-case benchmark (public draft)",
        "type": "benchmark",
        "link": "https://example.org/gaap-edge-cases",
    }
    assert document == {
        **seed,
        **DEMO_EXTENSIONS,
        "work_samples": [*seed["work_samples"], linked],
    }
    assert document_shape(document).shape == Shape.T_SHAPED
    assert Profile.objects.get(user=expert).is_public
    assert not Profile.objects.exclude(user=expert).exists()


def test_seed_demo_keeps_a_profile_the_expert_changed():
    call_command("seed_demo")
    expert = User.objects.get(email="expert@example.com")
    profile = Profile.objects.get(user=expert)
    profile.headline = "Changed during the demo"
    profile.save()
    call_command("seed_demo")
    assert Profile.objects.get(user=expert).headline == "Changed during the demo"
    assert Profile.objects.count() == 1
