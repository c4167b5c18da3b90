"""profile_replace_from_document: the one way a profile is written."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from portfolio.documents import profile_document_for
from portfolio.models import WorkSample
from portfolio.services import profile_replace_from_document
from profiles.models import Profile, ProfileDomain, Strength
from profiles.services import ProfileConflict
from profiles.validators import DocumentInvalid
from tests.factories import UserFactory, make_profile, skill_profile_document

pytestmark = pytest.mark.django_db


def test_profile_replace_creates_a_profile_at_version_one(alice):
    document = skill_profile_document(strengths=["triage"], visibility="public")
    profile = profile_replace_from_document(actor=alice, user=alice, document=document)
    profile = Profile.objects.get(pk=profile.pk)
    assert profile.user == alice
    assert profile.version == 1
    assert profile.slug == "alice-expert"
    assert profile.headline == "Evaluator of clinical reasoning"
    assert profile.is_public
    assert profile_document_for(alice) == document


def test_profile_replace_replaces_every_list_and_raises_the_version(alice):
    make_profile(
        alice,
        domains=["a", "b", "c"],
        strengths=["one", "two"],
        work_samples=[{"title": "t", "link": "https://example.org"}],
    )
    document = skill_profile_document(domains=["c", "d"], domain_depth={"d": 5})
    profile = profile_replace_from_document(
        actor=alice, user=alice, document=document, expected_version=1
    )
    assert Profile.objects.get(pk=profile.pk).version == 2
    assert list(ProfileDomain.objects.values_list("name", "depth")) == [("c", None), ("d", 5)]
    assert not Strength.objects.exists()
    # Work samples are the portfolio's: an import adds and updates them, never deletes.
    assert WorkSample.objects.filter(owner=alice).count() == 1
    assert profile_document_for(alice) == {
        **document,
        "work_samples": [{"title": "t", "link": "https://example.org"}],
    }


def test_profile_replace_keeps_the_slug(alice):
    profile = make_profile(alice)
    alice.name = "Alice Renamed"
    alice.save()
    assert make_profile(alice, headline="New").slug == profile.slug


def test_profile_replace_invalid_document_changes_nothing(alice):
    make_profile(alice, strengths=["kept"])
    before = profile_document_for(alice)
    bad = skill_profile_document(availability={"hours_per_week": 90}, strengths=["a", "A"])
    with pytest.raises(DocumentInvalid) as caught:
        profile_replace_from_document(actor=alice, user=alice, document=bad)
    assert [e.path for e in caught.value.document_errors] == [
        "strengths[1]",
        "availability.hours_per_week",
    ]
    assert profile_document_for(alice) == before
    assert Profile.objects.get(user=alice).version == 1


def test_profile_replace_takes_empty_optional_lists_as_absent_and_export_leaves_them_out(alice):
    document = skill_profile_document(work_samples=[], tools=[], domain_depth={})
    profile_replace_from_document(actor=alice, user=alice, document=document)
    exported = profile_document_for(alice)
    assert {"work_samples", "tools", "domain_depth"}.isdisjoint(exported)
    assert exported == {k: v for k, v in document.items() if v not in ([], {})}


def test_profile_replace_invalid_document_creates_nothing(alice):
    with pytest.raises(DocumentInvalid):
        profile_replace_from_document(actor=alice, user=alice, document={"headline": "x"})
    assert not Profile.objects.exists()


def test_profile_replace_stale_version_is_a_conflict_and_keeps_the_other_edit(alice):
    make_profile(alice, headline="First tab")
    profile_replace_from_document(
        actor=alice,
        user=alice,
        document=skill_profile_document(headline="Second tab"),
        expected_version=1,
    )
    with pytest.raises(ProfileConflict) as caught:
        profile_replace_from_document(
            actor=alice,
            user=alice,
            document=skill_profile_document(headline="Stale tab"),
            expected_version=1,
        )
    assert (caught.value.expected_version, caught.value.current_version) == (1, 2)
    profile = Profile.objects.get(user=alice)
    assert (profile.headline, profile.version) == ("Second tab", 2)


def test_profile_replace_version_zero_means_no_profile_yet(alice):
    profile_replace_from_document(
        actor=alice, user=alice, document=skill_profile_document(), expected_version=0
    )
    with pytest.raises(ProfileConflict):
        profile_replace_from_document(
            actor=alice, user=alice, document=skill_profile_document(), expected_version=0
        )
    assert Profile.objects.get(user=alice).version == 1


def test_profile_replace_by_another_expert_is_refused(alice, bob):
    make_profile(alice, headline="Alice's own")
    with pytest.raises(PermissionDenied):
        profile_replace_from_document(
            actor=bob, user=alice, document=skill_profile_document(headline="Bob was here")
        )
    assert Profile.objects.get(user=alice).headline == "Alice's own"


def test_profile_replace_by_staff_or_an_operator_is_allowed(alice, staff):
    profile_replace_from_document(actor=staff, user=alice, document=skill_profile_document())
    profile = profile_replace_from_document(
        actor=None, user=alice, document=skill_profile_document(headline="From the shell")
    )
    assert Profile.objects.get(pk=profile.pk).headline == "From the shell"


def test_profile_slugs_stay_unique_for_people_with_the_same_name():
    first, second, third = (UserFactory(name="Ada Lovelace") for _ in range(3))
    slugs = [make_profile(user).slug for user in (first, second, third)]
    assert slugs == ["ada-lovelace", "ada-lovelace-2", "ada-lovelace-3"]


def test_profile_slug_falls_back_to_the_email_name():
    user = UserFactory(name="", email="grace.hopper@example.com")
    assert make_profile(user).slug == "gracehopper"
    nameless = UserFactory(name="李", email="李@example.com")
    assert make_profile(nameless).slug == "expert"


def test_profile_replace_never_leaks_a_database_error_on_case_folding(alice):
    # Python's casefold() keeps the dot of "İ"; PostgreSQL's lower() drops it. Whichever
    # side sees the two as one, the answer is a clear refusal, never an IntegrityError.
    document = skill_profile_document(domains=["İzmir", "izmir"])
    try:
        profile_replace_from_document(actor=alice, user=alice, document=document)
    except DocumentInvalid as refused:
        assert connection.vendor == "postgresql"
        assert "capitalisation" in refused.document_errors[0].message
        assert not Profile.objects.exists()
    else:
        assert profile_document_for(alice)["domains"] == ["İzmir", "izmir"]
