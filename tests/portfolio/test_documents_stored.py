"""A profile's document and its problems are stored with its row on every write of the
profile or of its work samples, so pages read them rather than build and validate them."""

import json

import pytest
from django.core.cache import cache
from django.db import connection

from portfolio import services
from portfolio.documents import (
    profile_document_of,
    profile_with_document_for,
    stored_document,
)
from portfolio.models import WorkSample
from portfolio.outline import portfolio_outline
from profiles.models import Profile
from profiles.schema import document_errors
from tests.factories import make_profile, skill_profile_document

pytestmark = pytest.mark.django_db

LINK = {"title": "Triage memo", "sample_type": "memo", "url": "https://example.org/memo"}


@pytest.fixture(autouse=True)
def _no_kept_documents():
    cache.clear()  # nothing kept by an earlier test: what pages find is the row's alone
    yield
    cache.clear()


def stored_matches_the_rows(user) -> bool:
    """The row's stored document is of its latest save, and is what the rows say, in the
    same order, with the same problems."""
    profile = Profile.objects.get(user=user)
    stored = stored_document(profile)
    document = profile_document_of(profile)
    return (
        stored is not None
        and json.dumps(stored.document) == json.dumps(document)
        and stored.problems == tuple(document_errors(document))
    )


def test_a_saved_profile_is_stored_with_its_document(alice):
    make_profile(alice, domains=["medicine", "law"], domain_depth={"law": 4, "medicine": 5})
    assert stored_matches_the_rows(alice)


def test_an_import_stores_the_document_with_its_samples(alice):
    sample = {"title": "Essay", "type": "report", "link": "https://example.org/essay"}
    services.profile_import(
        actor=alice, user=alice, document=skill_profile_document(work_samples=[sample])
    )
    assert stored_matches_the_rows(alice)
    profile = Profile.objects.get(user=alice)
    assert stored_document(profile).document["work_samples"] == [sample]


def test_every_work_sample_write_stores_the_document_again(alice):
    make_profile(alice)
    sample = services.work_sample_create(actor=alice, **LINK)
    assert stored_matches_the_rows(alice)
    services.work_sample_update(actor=alice, sample=sample, **{**LINK, "title": "Memo"})
    assert stored_matches_the_rows(alice)
    copy = services.work_sample_duplicate(actor=alice, sample=sample)
    assert stored_matches_the_rows(alice)
    services.work_sample_delete(actor=alice, sample=copy)
    assert stored_matches_the_rows(alice)
    titles = [
        entry["title"]
        for entry in stored_document(Profile.objects.get(user=alice)).document["work_samples"]
    ]
    assert titles == ["Memo"]


def test_a_page_reads_the_stored_document_without_building_it(alice, django_assert_num_queries):
    make_profile(alice, strengths=["calibration"], tools=["Python"])
    # The row and its work samples' version; not the lists.
    with django_assert_num_queries(2):
        profile, document = profile_with_document_for(alice)
    assert document == profile_document_of(profile)


def test_the_stored_problems_come_back_as_the_schema_gives_them(alice):
    make_profile(alice)
    # A row changed without a save, as data from before a check was added could be.
    Profile.objects.filter(user=alice).update(timezone="Mars/Olympus")
    services.profile_document_store(owner_id=alice.pk)
    outline = portfolio_outline(Profile.objects.get(user=alice).user)
    assert outline.profile_problems == tuple(document_errors(outline.profile))
    assert [error.path for error in outline.profile_problems] == ["availability.timezone"]


def test_a_row_saved_another_way_is_not_read_from_its_stale_document(alice):
    make_profile(alice)
    profile = Profile.objects.get(user=alice)
    profile.headline = "Changed behind the services"
    profile.save()
    assert stored_document(profile) is None
    assert profile_with_document_for(alice)[1]["headline"] == "Changed behind the services"


def test_a_work_sample_written_another_way_is_not_left_out(alice):
    make_profile(alice)
    alice.work_samples.create(title="Quiet link", sample_type="memo", url="https://example.org/q")
    document = profile_with_document_for(alice)[1]
    assert [entry["title"] for entry in document["work_samples"]] == ["Quiet link"]


def test_the_saved_profile_comes_back_with_its_stored_document(alice):
    profile = make_profile(alice, tools=["R"])
    assert stored_document(profile).document == profile_document_of(profile)


def test_a_sample_written_while_the_document_is_stored_is_not_left_out(alice):
    """Two tabs: a sample renamed (and committed) between the stored document's reads of
    the samples and of their version must not leave the old document showing for good."""
    make_profile(alice)
    memo = services.work_sample_create(
        actor=alice, title="Memo", sample_type="memo", url="https://example.org/memo"
    )
    done = []

    def other_tab_between_reads(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not done and "UNION ALL" in sql and "portfolio_worksample" in sql:
            done.append(True)
            services.work_sample_update(
                actor=alice,
                sample=WorkSample.objects.get(pk=memo.pk),
                title="Renamed memo",
                sample_type="memo",
                url="https://example.org/memo",
            )
        return result

    with connection.execute_wrapper(other_tab_between_reads):
        services.work_sample_create(
            actor=alice, title="Code", sample_type="code", url="https://example.org/code"
        )
    assert done
    shown = profile_with_document_for(alice)[1]
    assert [sample["title"] for sample in shown["work_samples"]] == ["Renamed memo", "Code"]


def test_a_profile_updated_without_a_save_is_not_shown_as_it_was(alice):
    make_profile(alice, headline="Evaluator", domains=["law", "finance"])
    Profile.objects.filter(user=alice).update(headline="Senior evaluator")
    shown = profile_with_document_for(alice)[1]
    assert shown["headline"] == "Senior evaluator"
    assert shown == profile_document_of(Profile.objects.get(user=alice))
