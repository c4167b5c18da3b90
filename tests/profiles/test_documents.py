"""Models <-> document: export(import(doc)) == doc for every valid document."""

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from portfolio.documents import profile_document_for
from portfolio.models import WorkSample
from portfolio.services import profile_replace_from_document
from profiles.documents import document_domain_depths, document_shape, profile_document
from profiles.models import Profile, ProfileDomain
from profiles.queries import profile_for
from profiles.schema import SEED_DOCUMENT_PATH, document_errors
from profiles.shape import Shape
from tests.factories import UserFactory
from tests.profiles.strategies import skill_profile_documents

pytestmark = pytest.mark.django_db


def round_trip(user, document: dict) -> dict:
    profile_replace_from_document(actor=user, user=user, document=document)
    return profile_document_for(user)


def test_seed_imports_and_exports_back_equal(alice):
    seed = json.loads(SEED_DOCUMENT_PATH.read_text())
    assert round_trip(alice, seed) == seed
    # Exported JSON reads like the seed: same keys in the same order.
    assert list(profile_document_for(alice)) == list(seed)


def test_export_leaves_out_fields_never_set(alice):
    document = {"headline": "Minimal", "domains": ["a", "b"]}
    assert round_trip(alice, document) == document
    profile = Profile.objects.get(user=alice)
    assert (profile.bio, profile.visibility, profile.timezone) == ("", "", "")
    assert profile.hours_per_week is None and profile.rate_amount is None


def test_round_trip_of_every_optional_field(alice):
    document = {
        "headline": "Clinical evaluator",
        "bio": "RN, 12 years in intensive care.\nI write rubrics for triage advice.",
        "domains": ["nursing", "pharmacology", "writing"],
        "domain_depth": {"nursing": 5, "writing": 2},
        "strengths": ["rubric design"],
        "credentials": ["RN"],
        "tools": ["SQL"],
        "availability": {"timezone": "Europe/Dublin"},
        "topics_declined": ["dosage advice for children"],
        "hourly_rate": {"amount": 37.5, "currency": "EUR"},
        "work_samples": [
            {"title": "Triage rubric", "link": "https://example.org/triage"},
            {"title": "Sepsis benchmark", "type": "benchmark", "link": "http://example.org/s"},
        ],
        "visibility": "public",
    }
    assert round_trip(alice, document) == document
    profile = Profile.objects.get(user=alice)
    assert profile.rate_amount == Decimal("37.50")
    assert list(profile.domains.values_list("name", "depth")) == [
        ("nursing", 5),
        ("pharmacology", None),
        ("writing", 2),
    ]
    # The document's samples are the portfolio's linked work samples.
    samples = WorkSample.objects.filter(owner=alice).order_by("pk")
    assert list(samples.values_list("sample_type", "url")) == [
        ("", "https://example.org/triage"),
        ("benchmark", "http://example.org/s"),
    ]


def test_whole_number_amounts_and_hours_export_as_integers(alice):
    exported = round_trip(
        alice,
        {
            "headline": "h",
            "domains": ["a"],
            "hourly_rate": {"amount": 42.0, "currency": "USD"},
            "availability": {"hours_per_week": 15.0},
        },
    )
    assert exported["hourly_rate"]["amount"] == 42
    assert isinstance(exported["hourly_rate"]["amount"], int)
    assert isinstance(exported["availability"]["hours_per_week"], int)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=skill_profile_documents())
def test_export_of_import_is_identity_for_every_valid_document(document):
    assert document_errors(document) == []
    # Each example into a new account: an import adds work samples to those a person has
    # (tests/portfolio/test_document_samples.py), so only a first import is the document.
    assert round_trip(UserFactory(), document) == document


def test_profile_document_keeps_list_order(alice):
    domains = ["zeta", "alpha", "mu"]
    round_trip(alice, {"headline": "h", "domains": domains, "tools": ["b", "a"]})
    assert profile_document(profile_for(alice))["domains"] == domains
    assert list(ProfileDomain.objects.values_list("position", flat=True)) == [0, 1, 2]


def test_document_shape_reads_depths_from_the_document():
    document = {
        "headline": "h",
        "domains": ["finance", "statistics", "risk"],
        "domain_depth": {"finance": 4},
    }
    assert document_domain_depths(document) == [
        ("finance", 4),
        ("statistics", None),
        ("risk", None),
    ]
    assert document_shape(document).shape == Shape.T_SHAPED
