"""The skill-profile document's `domain_evidence` (schema 1.2.0): export writes each deep
domain's links, import links what it finds by type and title and notes the rest, and a
1.1.0 document (without evidence) imports as before."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from portfolio import services
from portfolio.documents import profile_document_for
from portfolio.models import Evidence
from portfolio.services.evidence import evidence_from_document
from profiles.schema import SCHEMA, document_errors
from tests.factories import (
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    RubricFactory,
    WorkSampleFactory,
    make_profile,
)

pytestmark = pytest.mark.django_db
EXAMPLES = Path("/work/shared/examples")
DOCUMENT = {
    "headline": "Actuary who checks model reasoning",
    "domains": ["insurance", "statistics"],
    "domain_depth": {"insurance": 5, "statistics": 2},
}


@pytest.fixture
def linked(alice):
    make_profile(alice, **DOCUMENT)
    artifacts = {
        "benchmark": BenchmarkFactory(owner=alice, title="Reserve checks", domain="insurance"),
        "rubric": RubricFactory(owner=alice, title="Claims reasoning"),
        "test_plan": AdversarialTestPlanFactory(owner=alice, title="Fraud prompts"),
        "work_sample": WorkSampleFactory(
            owner=alice, title="Triage memo", url="https://example.org/triage"
        ),
    }
    for artifact in artifacts.values():
        services.evidence_link(actor=alice, domain="insurance", artifact=artifact)
    return artifacts


EXPORTED_EVIDENCE = {
    "insurance": [
        {"type": "benchmark", "title": "Reserve checks"},
        {"type": "rubric", "title": "Claims reasoning"},
        {"type": "test_plan", "title": "Fraud prompts"},
        {"type": "work_sample", "title": "Triage memo", "link": "https://example.org/triage"},
    ]
}


def test_schema_version_is_raised_and_evidence_is_optional():
    assert SCHEMA["$comment"].startswith("Version 1.2.0 ")
    assert "domain_evidence" in SCHEMA["properties"]
    assert "domain_evidence" not in SCHEMA["required"]


def test_export_writes_the_evidence_of_each_deep_domain(client, alice, linked):
    client.force_login(alice)
    document = json.loads(client.get(reverse("profile_export")).content)
    assert document["domain_evidence"] == EXPORTED_EVIDENCE
    # Placed after the depths, and valid against the published schema.
    keys = list(document)
    assert keys.index("domain_evidence") == keys.index("domain_depth") + 1
    assert document_errors(document) == []


def test_export_command_writes_the_evidence(alice, linked):
    out = StringIO()
    call_command("export_profile", alice.email, stdout=out)
    assert json.loads(out.getvalue())["domain_evidence"] == EXPORTED_EVIDENCE


def test_export_import_round_trip_links_the_same_artifacts(client, alice, bob, linked):
    client.force_login(alice)
    exported = json.loads(client.get(reverse("profile_export")).content)
    # Bob has the same artifacts (by title, whatever the case) and imports Alice's document.
    BenchmarkFactory(owner=bob, title="RESERVE CHECKS", domain="insurance")
    RubricFactory(owner=bob, title="Claims reasoning")
    AdversarialTestPlanFactory(owner=bob, title="Fraud prompts")
    imported = services.profile_import(actor=bob, user=bob, document=exported)
    assert imported.notes == []
    client.force_login(bob)
    again = json.loads(client.get(reverse("profile_export")).content)
    # The work sample came with the document's work_samples, so all four are linked.
    assert again["domain_evidence"] == {
        "insurance": [
            {"type": "benchmark", "title": "RESERVE CHECKS"},
            {"type": "rubric", "title": "Claims reasoning"},
            {"type": "test_plan", "title": "Fraud prompts"},
            {"type": "work_sample", "title": "Triage memo", "link": "https://example.org/triage"},
        ]
    }
    # Importing it again adds nothing.
    services.profile_import(actor=bob, user=bob, document=again)
    assert Evidence.objects.filter(owner=bob).count() == 4


def test_importing_ones_own_export_keeps_the_links_when_two_artifacts_share_a_title(client, alice):
    make_profile(alice, **DOCUMENT)
    RubricFactory(owner=alice, title="Claims reasoning")
    second = RubricFactory(owner=alice, title="Claims reasoning")
    services.evidence_link(actor=alice, domain="insurance", artifact=second)
    client.force_login(alice)
    exported = json.loads(client.get(reverse("profile_export")).content)
    imported = services.profile_import(actor=alice, user=alice, document=exported)
    assert imported.notes == []
    # The link it names is there already (the second rubric): none is added to the first.
    assert list(Evidence.objects.filter(owner=alice).values_list("rubric", flat=True)) == [
        second.pk
    ]
    assert json.loads(client.get(reverse("profile_export")).content) == exported


def test_import_notes_what_it_cannot_link_and_saves_the_rest(client, alice):
    BenchmarkFactory(owner=alice, title="Reserve checks", domain="insurance")
    document = {
        **DOCUMENT,
        "domain_evidence": {
            "insurance": [
                {"type": "benchmark", "title": "Reserve checks"},
                {"type": "rubric", "title": "A rubric I never wrote"},
            ],
            "statistics": [{"type": "benchmark", "title": "Reserve checks"}],
        },
    }
    client.force_login(alice)
    response = client.post(
        reverse("profile_import"), {"text": json.dumps(document), "version": "0"}, follow=True
    )
    html = response.content.decode()
    assert "Imported. Your profile now matches the document." in html
    assert (
        "Evidence for insurance: your portfolio has no rubric titled “A rubric I never wrote”"
        in html
    )
    assert "“statistics” is not a deep domain" in html and "Its evidence was not linked." in html
    assert list(Evidence.objects.values_list("domain", "benchmark__title")) == [
        ("insurance", "Reserve checks")
    ]


def test_import_command_prints_the_notes(alice, tmp_path):
    path = tmp_path / "profile.json"
    path.write_text(
        json.dumps(
            {**DOCUMENT, "domain_evidence": {"insurance": [{"type": "rubric", "title": "Nope"}]}}
        )
    )
    out, err = StringIO(), StringIO()
    call_command("import_profile", str(path), user=alice.email, stdout=out, stderr=err)
    assert "Imported" in out.getvalue()
    assert "no rubric titled “Nope”" in err.getvalue()


def test_evidence_for_an_unlisted_domain_is_refused_with_its_path():
    document = {**DOCUMENT, "domain_evidence": {"Insurance": []}}
    [error] = document_errors(document)
    assert error.parts == ("domain_evidence", "Insurance")
    assert "not in domains" in error.message and "did you mean" in error.message


def test_evidence_entries_must_name_a_known_type():
    document = {**DOCUMENT, "domain_evidence": {"insurance": [{"type": "memo", "title": "X"}]}}
    [error] = document_errors(document)
    assert error.parts[:3] == ("domain_evidence", "insurance", 0)


@pytest.mark.parametrize("name", ["skill-profile.seed.json"])
def test_older_documents_import_exactly_as_given(alice, name):
    document = json.loads((EXAMPLES / name).read_text())
    assert "domain_evidence" not in document
    imported = services.profile_import(actor=alice, user=alice, document=document)
    assert imported.notes == []
    assert profile_document_for(alice) == document
    assert not Evidence.objects.exists()


def test_a_document_without_evidence_keeps_the_links(alice, linked):
    # The editor and older documents say nothing of evidence: an import leaves it alone.
    services.profile_import(actor=alice, user=alice, document=DOCUMENT)
    assert Evidence.objects.filter(owner=alice).count() == 4


def test_import_keeps_a_link_made_meanwhile_on_the_evidence_page(alice):
    """The evidence page links the benchmark between the import's look for the link and its
    write: the import keeps that link, adds none and goes on."""
    make_profile(alice, **DOCUMENT)
    benchmark = BenchmarkFactory(owner=alice, title="Reserve checks", domain="insurance")
    steps = []

    def linked_meanwhile(execute, sql, params, many, context):
        if not steps and 'FROM "portfolio_evidence"' in sql and "LIMIT 1" in sql:
            steps.append("looked")
        elif steps == ["looked"]:
            steps.append("linked")
            services.evidence_link(actor=alice, domain="insurance", artifact=benchmark)
        return execute(sql, params, many, context)

    evidence = {"insurance": [{"type": "benchmark", "title": "Reserve checks"}]}
    with connection.execute_wrapper(linked_meanwhile):
        notes = evidence_from_document(user=alice, document={"domain_evidence": evidence})
    assert steps == ["looked", "linked"] and notes == []
    links = Evidence.objects.values_list("domain", "benchmark")
    assert list(links) == [("insurance", benchmark.pk)]
