"""A profile document's work_samples are the portfolio's work samples: import, edit, export."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portfolio import services
from portfolio.documents import profile_document_for
from portfolio.models import WorkSample
from portfolio.outline import portfolio_outline
from portfolio.services import profile_replace_from_document
from profiles.models import User
from profiles.schema import SEED_DOCUMENT_PATH
from profiles.validators import DocumentInvalid
from tests.factories import WorkSampleFactory, make_profile, skill_profile_document
from tests.portfolio.upload_examples import upload
from tests.profiles.editor import editor_data

pytestmark = pytest.mark.django_db


def rows(user):
    return list(
        WorkSample.objects.filter(owner=user)
        .order_by("pk")
        .values_list("title", "sample_type", "url")
    )


def test_import_creates_link_samples_in_the_documents_order(alice):
    make_profile(
        alice,
        work_samples=[
            {"title": "Risk benchmark", "type": "benchmark", "link": "https://rex.zone"},
            {"title": "Essay", "link": "https://example.org/essay"},
        ],
    )
    assert rows(alice) == [
        ("Risk benchmark", "benchmark", "https://rex.zone"),
        ("Essay", "", "https://example.org/essay"),
    ]


def test_import_updates_samples_matched_by_link_then_title(alice):
    by_link = WorkSampleFactory(owner=alice, title="Old title", url="https://example.org/a")
    by_title = WorkSampleFactory(owner=alice, title="Memo", url="https://example.org/old")
    make_profile(
        alice,
        work_samples=[
            {"title": "New title", "type": "memo", "link": "https://example.org/a"},
            {"title": "memo", "type": "report", "link": "https://example.org/new"},
        ],
    )
    by_link.refresh_from_db()
    by_title.refresh_from_db()
    assert (by_link.title, by_link.sample_type) == ("New title", "memo")
    assert (by_title.title, by_title.url) == ("memo", "https://example.org/new")
    assert WorkSample.objects.filter(owner=alice).count() == 2
    # The description, written in the portfolio, is kept.
    assert by_link.description == WorkSampleFactory._meta.declarations["description"]


def test_import_never_touches_uploaded_samples_or_other_people(alice, bob):
    uploaded = services.work_sample_create(
        actor=alice, title="Notes", sample_type="report", upload=upload("n.md", b"# Notes\n")
    )
    bobs = WorkSampleFactory(owner=bob, title="Notes", url="https://example.org/n")
    make_profile(alice, work_samples=[{"title": "Notes", "link": "https://example.org/n"}])
    uploaded.refresh_from_db()
    assert uploaded.file_id is not None and uploaded.url == ""
    assert WorkSample.objects.filter(owner=alice).count() == 2
    assert WorkSample.objects.get(pk=bobs.pk).owner == bob


def test_export_lists_every_linked_sample_and_leaves_uploads_out(alice):
    make_profile(alice)
    services.work_sample_create(
        actor=alice, title="Notes", sample_type="report", upload=upload("n.md", b"# Notes\n")
    )
    services.work_sample_create(
        actor=alice, title="Memo", sample_type="memo", url="https://example.org/memo"
    )
    assert profile_document_for(alice)["work_samples"] == [
        {"title": "Memo", "type": "memo", "link": "https://example.org/memo"}
    ]


def test_the_outline_builds_the_document_from_the_samples_it_read(
    alice, django_assert_max_num_queries, django_assert_num_queries
):
    make_profile(alice)
    services.work_sample_create(
        actor=alice, title="Notes", sample_type="report", upload=upload("n.md", b"# Notes\n")
    )
    services.work_sample_create(
        actor=alice, title="Memo", sample_type="memo", url="https://example.org/memo"
    )
    owner = User.objects.select_related("profile").get(pk=alice.pk)
    # The artifacts and, with nothing kept, the profile's lists: one query.
    with django_assert_max_num_queries(1):
        outline = portfolio_outline(owner)
    assert outline.profile == profile_document_for(alice)
    assert [sample["title"] for sample in outline.profile["work_samples"]] == ["Memo"]
    with django_assert_num_queries(1):  # the document kept
        assert portfolio_outline(owner) == outline
    services.work_sample_create(
        actor=alice, title="Code", sample_type="code", url="https://example.org/code"
    )
    # The kept document's samples changed: it is built again, reading the lists on their own.
    with django_assert_num_queries(2):
        outline = portfolio_outline(owner)
    assert outline.profile == profile_document_for(alice)
    assert [sample["title"] for sample in outline.profile["work_samples"]] == ["Memo", "Code"]


def test_the_seed_document_imports_and_exports_unchanged_with_its_sample(alice):
    seed = json.loads(SEED_DOCUMENT_PATH.read_text())
    profile_replace_from_document(actor=alice, user=alice, document=seed)
    assert profile_document_for(alice) == seed
    assert rows(alice) == [
        ("Stress-testing LLM reasoning on risk scenarios", "benchmark", "https://rex.zone")
    ]
    # Importing it again finds the same sample.
    profile_replace_from_document(actor=alice, user=alice, document=seed)
    assert profile_document_for(alice) == seed and len(rows(alice)) == 1


def test_editor_removes_a_linked_sample_taken_out_and_keeps_uploads(client, alice):
    make_profile(
        alice,
        work_samples=[
            {"title": "Keep", "link": "https://example.org/keep"},
            {"title": "Drop", "link": "https://example.org/drop"},
        ],
    )
    uploaded = services.work_sample_create(
        actor=alice, title="Notes", sample_type="report", upload=upload("n.md", b"# Notes\n")
    )
    client.force_login(alice)
    data = editor_data(
        version=1,
        headline="h",
        domains=[{"name": "finance", "depth": ""}],
        work_samples=[
            # "Drop" is taken out (its Remove button), so the saved list no longer has it.
            {"title": "Keep", "type": "", "link": "https://example.org/keep"},
        ],
    )
    assert client.post(reverse("profile_edit"), data).status_code == 302
    assert rows(alice) == [("Keep", "", "https://example.org/keep"), ("Notes", "report", "")]
    assert WorkSample.objects.filter(pk=uploaded.pk).exists()


def test_a_refused_document_changes_no_work_sample(alice):
    make_profile(alice, work_samples=[{"title": "Kept", "link": "https://example.org/k"}])
    bad = skill_profile_document(work_samples=[{"title": "x", "link": "ftp://example.org"}])
    with pytest.raises(DocumentInvalid):
        profile_replace_from_document(actor=alice, user=alice, document=bad)
    assert rows(alice) == [("Kept", "", "https://example.org/k")]


def test_linked_samples_keep_within_the_documents_limits(alice):
    make_profile(alice)
    for i in range(20):
        services.work_sample_create(
            actor=alice, title=f"Link {i}", sample_type="memo", url=f"https://example.org/{i}"
        )
    with pytest.raises(ValidationError) as refused:
        services.work_sample_create(
            actor=alice, title="One more", sample_type="memo", url="https://example.org/x"
        )
    assert "at most 20 linked work samples" in refused.value.message_dict["url"][0]
    # An upload is not in the document, so it is still welcome.
    services.work_sample_create(
        actor=alice, title="Notes", sample_type="report", upload=upload("n.md", b"# Notes\n")
    )
    with pytest.raises(ValidationError) as refused:
        services.work_sample_duplicate(actor=alice, sample=WorkSample.objects.exclude(url="")[0])
    assert WorkSample.objects.filter(owner=alice).count() == 21
    assert len(profile_document_for(alice)["work_samples"]) == 20


def test_a_linked_sample_title_fits_the_document(alice):
    with pytest.raises(ValidationError) as refused:
        services.work_sample_create(
            actor=alice, title="T" * 161, sample_type="memo", url="https://example.org/t"
        )
    assert "160 characters" in refused.value.message_dict["title"][0]
    assert not WorkSample.objects.exists()


def test_an_import_past_twenty_linked_samples_is_refused_whole(alice):
    make_profile(alice, headline="Before")
    for i in range(15):
        WorkSampleFactory(owner=alice, title=f"Old {i}", url=f"https://example.org/old/{i}")
    document = skill_profile_document(
        headline="After",
        work_samples=[
            {"title": f"New {i}", "link": f"https://example.org/new/{i}"} for i in range(6)
        ],
    )
    with pytest.raises(DocumentInvalid) as refused:
        profile_replace_from_document(actor=alice, user=alice, document=document)
    assert refused.value.document_errors[0].path == "work_samples"
    assert "this makes 21" in refused.value.document_errors[0].message
    assert WorkSample.objects.filter(owner=alice).count() == 15
    assert profile_document_for(alice)["headline"] == "Before"


def test_sample_kinds_come_with_the_version_the_document_is_kept_under(
    alice, bob, django_assert_num_queries
):
    from portfolio.documents import document_samples_version
    from portfolio.queries import work_sample_types_of

    profile = make_profile(alice)
    with django_assert_num_queries(1):
        read = work_sample_types_of(alice)
    assert read == (set(), document_samples_version(profile.pk))
    WorkSampleFactory(owner=alice, sample_type="memo")
    WorkSampleFactory(owner=alice, sample_type="memo")
    WorkSampleFactory(owner=alice, sample_type="code")
    WorkSampleFactory(owner=bob, sample_type="dataset")
    kinds, version = work_sample_types_of(alice)
    assert kinds == {"memo", "code"}
    assert version == document_samples_version(profile.pk)
