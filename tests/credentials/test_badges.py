"""The approval credential as data: an Open Badges 3.0 OpenBadgeCredential (VC 2.0)."""

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credentials import badges
from tests.credentials.conftest import SITE

APPROVED = datetime(2026, 3, 3, 10, 30, tzinfo=UTC)


def credential(**overrides) -> dict:
    values = {
        "credential_id": "c0ffee",
        "expert_name": "Alice Example",
        "approved_at": APPROVED,
        "domains": ["Clinical medicine", "Law"],
        "site_url": SITE,
    }
    return badges.approval_credential(**{**values, **overrides})


def test_approval_credential_is_an_open_badge_credential():
    assert credential() == {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "https://expertfolio.example/verify/c0ffee/",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Expertfolio portfolio approved",
        "description": (
            "Alice Example's portfolio was reviewed and approved in Clinical medicine and Law."
        ),
        "issuer": {
            "id": "https://expertfolio.example",
            "type": ["Profile"],
            "name": "Expertfolio",
            "url": "https://expertfolio.example",
        },
        "validFrom": "2026-03-03T10:30:00Z",
        "awardedDate": "2026-03-03T10:30:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": "Alice Example",
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "identityHash": "Alice Example",
                    "hashed": False,
                }
            ],
            "achievement": {
                "id": "https://expertfolio.example/verify/c0ffee/#achievement",
                "type": ["Achievement"],
                "name": "Expertfolio portfolio approved",
                "description": (
                    "A portfolio of AI-evaluation work reviewed and approved in "
                    "Clinical medicine and Law."
                ),
                "criteria": {"narrative": badges.CRITERIA},
                "tag": ["Clinical medicine", "Law"],
            },
        },
    }


def test_approval_credential_has_every_field_open_badges_requires():
    found = credential()
    # OpenBadgeCredential, AchievementSubject (id or identifier), Achievement, Criteria, Profile.
    assert {"@context", "id", "type", "name", "credentialSubject", "issuer", "validFrom"} <= set(
        found
    )
    subject = found["credentialSubject"]
    assert "AchievementSubject" in subject["type"] and subject["identifier"]
    achievement = subject["achievement"]
    assert {"id", "type", "name", "description", "criteria"} <= set(achievement)
    assert achievement["criteria"]["narrative"]
    assert found["issuer"]["id"] and found["issuer"]["name"] == "Expertfolio"


def test_approval_credential_is_plain_json():
    found = credential()
    assert json.loads(json.dumps(found)) == found


def test_approval_credential_date_is_utc_whatever_the_zone_given():
    in_paris = APPROVED.astimezone(timezone(timedelta(hours=1)))
    assert credential(approved_at=in_paris)["validFrom"] == "2026-03-03T10:30:00Z"


def test_approval_credential_refuses_a_date_without_time_zone():
    with pytest.raises(ValueError, match="time zone"):
        credential(approved_at=datetime(2026, 3, 3, 10, 30))


def test_approval_credential_takes_a_uuid_id():
    credential_id = uuid.UUID("6f1c2a9e-0000-4000-8000-000000000001")
    found = credential(credential_id=credential_id)
    assert found["id"] == f"{SITE}/verify/6f1c2a9e-0000-4000-8000-000000000001/"


@pytest.mark.parametrize("credential_id", ["", "a/b", "../x", "with space", "x" * 101])
def test_approval_credential_refuses_an_id_that_is_no_path_segment(credential_id):
    with pytest.raises(ValueError, match="URL path"):
        credential(credential_id=credential_id)


def test_approval_credential_refuses_a_blank_name():
    with pytest.raises(ValueError, match="names the expert"):
        credential(expert_name="  ")


def test_approval_credential_lists_each_domain_once_in_order():
    found = credential(domains=["Law", " Finance ", "Law", ""])
    assert found["credentialSubject"]["achievement"]["tag"] == ["Law", "Finance"]


@pytest.mark.parametrize(
    ("domains", "read"),
    [
        (["Finance"], "Finance"),
        (["Finance", "Law"], "Finance and Law"),
        (["Finance", "Law", "Medicine"], "Finance, Law and Medicine"),
    ],
)
def test_approval_credential_names_its_domains_as_a_sentence(domains, read):
    found = credential(domains=domains)
    assert found["description"] == f"Alice Example's portfolio was reviewed and approved in {read}."
    achievement = found["credentialSubject"]["achievement"]
    assert achievement["description"].endswith(f"reviewed and approved in {read}.")
    assert achievement["tag"] == domains


def test_approval_credential_without_domains_says_approved():
    found = credential(domains=[])
    assert found["description"] == "Alice Example's portfolio was reviewed and approved."
    assert found["credentialSubject"]["achievement"]["tag"] == []


def test_approval_credential_with_public_profile_identifies_the_subject_by_it():
    found = credential(expert_url=f"{SITE}/p/alice/")
    assert found["credentialSubject"]["id"] == f"{SITE}/p/alice/"
    assert "id" not in credential()["credentialSubject"]


def test_approval_credential_site_url_trailing_slash_is_ignored():
    assert credential(site_url=f"{SITE}/") == credential()


@given(st.from_regex(badges.CREDENTIAL_ID, fullmatch=True))
def test_credential_id_round_trips_through_its_verification_url(credential_id):
    url = badges.verification_url(credential_id=credential_id, site_url=SITE)
    assert badges.credential_id_from_url(url, site_url=SITE) == credential_id


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example/verify/c0ffee/",
        f"{SITE}/verify/c0ffee",
        f"{SITE}/verify//",
        f"{SITE}/verify/a/b/",
        f"{SITE}/p/c0ffee/",
        f"{SITE}/verify/c0ffee/?x=1/",
    ],
)
def test_credential_id_from_url_reads_only_our_verification_urls(url):
    assert badges.credential_id_from_url(url, site_url=SITE) is None
