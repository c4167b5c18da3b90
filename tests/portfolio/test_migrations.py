"""portfolio/0008 and profiles/0007: every profile link becomes a work sample, none lost."""

import pytest

from tests.migrating import migrate, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

# Profile links in their own table, before they were the portfolio's work samples.
BEFORE = [
    ("profiles", "0006_remove_page_versions_and_account_sessions"),
    ("portfolio", "0007_artifact_version"),
]


def profile_with_links(apps, email: str, links):
    User = apps.get_model("profiles", "User")
    Profile = apps.get_model("profiles", "Profile")
    WorkSampleLink = apps.get_model("profiles", "WorkSampleLink")
    user = User.objects.create(email=email, name=email.split("@")[0].title())
    profile = Profile.objects.create(user=user, slug=email.split("@")[0], headline="Evaluator")
    # Stored out of order: the samples follow the positions.
    for position, (title, kind, link) in reversed(list(enumerate(links))):
        WorkSampleLink.objects.create(
            profile=profile, title=title, sample_type=kind, link=link, position=position
        )
    return user.pk


ADA_LINKS = [
    ("Risk benchmark", "benchmark", "https://rex.zone"),
    ("Untyped essay", "", "https://example.org/essay"),
    ("Already in the portfolio", "memo", "https://example.org/memo"),
    ("T" * 160, "report", "https://example.org/" + "a" * 470),
]
BEA_LINKS = [("Risk benchmark", "benchmark", "https://rex.zone")]  # the same link, another person


def test_every_profile_link_becomes_a_work_sample_of_its_owner(latest_schema_after):
    apps = migrate(BEFORE)
    ada = profile_with_links(apps, "ada@example.com", ADA_LINKS)
    bea = profile_with_links(apps, "bea@example.com", BEA_LINKS)
    profile_with_links(apps, "cy@example.com", [])
    WorkSample = apps.get_model("portfolio", "WorkSample")
    # Ada had this work in her portfolio already: it stays one sample, as it was.
    WorkSample.objects.create(
        owner_id=ada,
        title="Memo on risk",
        sample_type="memo",
        description="Kept.",
        url="https://example.org/memo",
    )

    migrate_to_latest()

    from portfolio.documents import profile_document_for
    from portfolio.models import WorkSample as LiveWorkSample
    from profiles.models import User

    def samples(owner):
        return list(
            LiveWorkSample.objects.filter(owner_id=owner)
            .order_by("pk")
            .values_list("title", "sample_type", "url", "description", "public")
        )

    assert samples(ada) == [
        ("Memo on risk", "memo", "https://example.org/memo", "Kept.", False),
        ("Risk benchmark", "benchmark", "https://rex.zone", "", False),
        ("Untyped essay", "", "https://example.org/essay", "", False),
        ("T" * 160, "report", "https://example.org/" + "a" * 470, "", False),
    ]
    assert samples(bea) == [("Risk benchmark", "benchmark", "https://rex.zone", "", False)]
    assert LiveWorkSample.objects.count() == 5
    # Every link is still in the profile's document, now read from the portfolio.
    document = profile_document_for(User.objects.get(pk=ada))
    assert {sample["link"] for sample in document["work_samples"]} == {
        link for _title, _kind, link in ADA_LINKS
    }
    assert {"title": "Untyped essay", "link": "https://example.org/essay"} in (
        document["work_samples"]
    )
    assert "work_samples" not in profile_document_for(User.objects.get(email="cy@example.com"))


def test_every_profile_is_stored_with_its_document(latest_schema_after):
    apps = migrate([("profiles", "0007_work_sample_links_moved_to_portfolio")])
    migrate([("portfolio", "0012_evidence")])
    User = apps.get_model("profiles", "User")
    Profile = apps.get_model("profiles", "Profile")
    user = User.objects.create(email="dee@example.com", name="Dee")
    profile = Profile.objects.create(user=user, slug="dee", headline="Evaluator", bio="Law.")
    apps.get_model("profiles", "ProfileDomain").objects.create(
        profile=profile, name="law", depth=4, position=0
    )
    apps.get_model("portfolio", "WorkSample").objects.create(
        owner=user, title="Brief", sample_type="memo", url="https://example.org/brief"
    )

    migrate_to_latest()

    from portfolio.documents import profile_document_of, stored_document
    from profiles.models import Profile as LiveProfile

    live = LiveProfile.objects.get(pk=profile.pk)
    stored = stored_document(live)
    assert stored is not None and stored.document == profile_document_of(live)
    assert stored.document["work_samples"] == [
        {"title": "Brief", "type": "memo", "link": "https://example.org/brief"}
    ]


def test_proofs_take_their_credential_s_spelling(latest_schema_after):
    """portfolio/0018: a proof whose text the database counts as its credential's, written in
    other letters, takes the profile's spelling; a proof of a removed credential keeps its."""
    apps = migrate([("portfolio", "0017_work_sample_type_labels")])
    User = apps.get_model("profiles", "User")
    Profile = apps.get_model("profiles", "Profile")
    Credential = apps.get_model("profiles", "Credential")
    CredentialProof = apps.get_model("portfolio", "CredentialProof")
    user = User.objects.create(email="ada@example.com", name="Ada")
    profile = Profile.objects.create(user=user, slug="ada", headline="Evaluator")
    Credential.objects.create(profile=profile, position=0, text="CFA Level II")
    for text in ("cfa level II", "PMP"):
        CredentialProof.objects.create(owner=user, credential=text, link="https://example.org")

    migrate_to_latest()

    from portfolio.models import CredentialProof as LiveProof

    texts = LiveProof.objects.order_by("pk").values_list("credential", flat=True)
    assert list(texts) == ["CFA Level II", "PMP"]
