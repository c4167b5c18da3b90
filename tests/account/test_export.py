"""The data export: every part of a person's data in the zip, in formats that import again."""

import io
import json
import zipfile
from datetime import datetime, timedelta

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from account.export import (
    NAME_MAX,
    data_export_file,
    safe_file_name,
    unique_file_names,
    write_data_export,
)
from credentials.models import IssuedCredential
from onboarding.confirmations import CONFIRMATIONS
from onboarding.services.proofs import proof_decide
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision
from portfolio.benchmark_items import CSV, JSONL, item_data, parse_items
from portfolio.documents import profile_document_for
from portfolio.models import Benchmark
from portfolio.services.proofs import proof_attach
from rubrics import queries as rubric_queries
from rubrics.models import Rubric
from tests.factories import (
    AdversarialCaseFactory,
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    BenchmarkItemFactory,
    RubricFactory,
    WorkSampleFactory,
    make_profile,
)
from tests.onboarding.review_setup import NOTES, review_form, reviewed, submitted_round
from tests.portfolio.upload_examples import PDF, files_on_disk, stored_file, upload

pytestmark = pytest.mark.django_db


def export_of(user) -> tuple[dict[str, bytes], object]:
    """The zip's members by their path under its one top folder, and the summary."""
    buffer = io.BytesIO()
    summary = write_data_export(user, buffer)
    with zipfile.ZipFile(buffer) as archive:
        names = archive.namelist()
        roots = {name.split("/", 1)[0] for name in names}
        assert len(roots) == 1
        members = {name.split("/", 1)[1]: archive.read(name) for name in names}
    return members, summary


def read_json(members, path):
    return json.loads(members[path].decode("utf-8"))


@pytest.fixture
def decided(alice, rita, staff):
    """Alice's round 1 (changes requested by Rita) and round 2 (waiting)."""
    review_form(staff)
    first = submitted_round(alice)
    reviewed(first, rita, Decision.REQUEST_CHANGES, comment="Source every item.")
    second = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    return first, second


def test_export_holds_every_part_of_an_experts_data(alice, bob, decided):
    first, _second = decided
    plan = AdversarialTestPlanFactory(owner=alice, title="Bank jailbreaks")
    AdversarialCaseFactory(plan=plan, position=0, severity="critical")
    stored_file(bob, "notes.md", b"# Bob's private notes\n")

    members, summary = export_of(alice)

    assert (summary.rubrics, summary.benchmarks, summary.test_plans) == (1, 1, 1)
    assert (summary.work_samples, summary.files, summary.rounds) == (2, 1, 2)
    # As /profile/export.json: the document with the evidence of its deep domain.
    assert read_json(members, "profile/skill-profile.json") == {
        **profile_document_for(alice),
        "domain_evidence": {"finance": [{"type": "benchmark", "title": "Lease pilot"}]},
    }
    account = read_json(members, "account.json")
    assert (account["email"], account["roles"]) == ("alice@example.com", ["expert"])
    joined = datetime.fromisoformat(account["date_joined"])  # ISO 8601, to the millisecond
    assert abs(joined - alice.date_joined) < timedelta(milliseconds=1)

    rubric = rubric_queries.with_scale(Rubric.objects.filter(owner=alice)).get()
    (rubric_path,) = [path for path in members if path.startswith("rubrics/")]
    assert rubric_path == f"rubrics/{rubric.pk}-reasoning-rubric.yaml"
    assert yaml.safe_load(members[rubric_path]) == rubric_queries.rubric_document(rubric)

    benchmark = Benchmark.objects.get(owner=alice)
    folder = f"benchmarks/{benchmark.pk}-lease-pilot"
    stored_items = [item_data(item) for item in benchmark.items.order_by("position")]
    assert parse_items(members[f"{folder}/items.csv"], CSV) == stored_items
    assert parse_items(members[f"{folder}/items.jsonl"], JSONL) == stored_items
    details = read_json(members, f"{folder}/benchmark.json")
    assert (details["title"], details["domain"], details["item_count"]) == (
        "Lease pilot",
        "finance",
        2,
    )

    test_plan = read_json(members, f"test-plans/{plan.pk}-bank-jailbreaks.json")
    assert test_plan["cases"][0]["severity"] == "critical"

    assert members["files/notes.md"] == NOTES
    uploaded = next(
        read_json(members, path)
        for path in members
        if path.startswith("work-samples/") and read_json(members, path)["file"]
    )
    assert uploaded["file"]["path"] == "files/notes.md"
    assert b"Bob's private notes" not in b"".join(members.values())

    round_one = read_json(members, "submissions/round-1/round.json")
    assert round_one["snapshot"] == first.snapshot
    assert round_one["state"] == "changes_requested"
    outcome = read_json(members, "submissions/round-1/outcome.json")
    assert [(o["reviewer"], o["decision"], o["comment"]) for o in outcome] == [
        ("Reviewer 1", Decision.REQUEST_CHANGES, "Source every item.")
    ]
    assert "rita" not in members["submissions/round-1/outcome.json"].decode().lower()
    assert read_json(members, "submissions/round-2/round.json")["state"] == "submitted"
    assert "submissions/round-2/outcome.json" not in members
    assert "reviews-written.json" not in members
    readme = members["README.txt"].decode()
    assert "Alice Expert <alice@example.com>" in readme
    assert "2 submitted rounds" in readme and "1 file you uploaded" in readme


def test_export_holds_an_approved_rounds_credential(alice, rita, staff):
    review_form(staff)
    reviewed(submitted_round(alice), rita, Decision.APPROVE)
    members, _summary = export_of(alice)
    credential = IssuedCredential.objects.get()
    assert members["submissions/round-1/credential.jwt"].decode() == credential.token
    assert "credential.jwt: its signed credential" in members["README.txt"].decode()


def test_export_holds_the_proofs_of_credentials(alice, staff):
    make_profile(alice, credentials=["CFA", "PMP"])
    cfa = proof_attach(actor=alice, credential="CFA", link="https://register.example.org/1")
    proof_decide(actor=staff, proof=cfa, verify=False, note="Not found.", expected_version=1)
    proof_attach(actor=alice, credential="PMP", upload=upload("pmp.pdf", PDF))
    members, _summary = export_of(alice)
    proofs = read_json(members, "profile/credential-proofs.json")
    assert [(p["credential"], p["state"], p["link"], p["note"]) for p in proofs] == [
        ("CFA", "declined", "https://register.example.org/1", "Not found."),
        ("PMP", "pending", "", ""),
    ]
    assert proofs[1]["file"]["name"] == "pmp.pdf" and members["files/pmp.pdf"] == PDF
    assert "credential-proofs.json" not in " ".join(export_of(staff)[0])


def test_export_of_a_reviewer_holds_the_reviews_they_wrote(alice, rita, decided):
    members, summary = export_of(rita)
    assert summary.reviews_written == 1
    (written,) = read_json(members, "reviews-written.json")
    assert (written["expert"], written["round"], written["decision"]) == (
        "Alice Expert",
        1,
        Decision.REQUEST_CHANGES,
    )
    assert [rubric["score"] for rubric in written["rubrics"]] == [5, 5]
    assert "profile/skill-profile.json" not in members
    assert read_json(members, "account.json")["roles"] == ["expert", "reviewer"]


def test_export_names_files_uniquely_and_safely(alice):
    stored_file(alice, "notes.md", b"# one\n")
    stored_file(alice, "NOTES.md", b"# two\n")
    stored_file(alice, "report.pdf", PDF)
    members, summary = export_of(alice)
    files = {path: content for path, content in members.items() if path.startswith("files/")}
    assert files == {
        "files/notes.md": b"# one\n",
        "files/NOTES (2).md": b"# two\n",
        "files/report.pdf": PDF,
    }
    assert summary.files == 3


def test_export_without_a_files_bytes_says_so_and_still_succeeds(alice):
    stored_file(alice, "notes.md")
    files_on_disk()[0].unlink()
    members, summary = export_of(alice)
    assert summary.missing_files == ["notes.md"]
    assert not any(path.startswith("files/") for path in members)
    readme = " ".join(members["README.txt"].decode().split())
    assert "the stored copy of notes.md could not be read" in readme


def test_export_readme_names_the_pages_that_import_it_again(alice):
    make_profile(alice)
    readme = " ".join(export_of(alice)[0]["README.txt"].decode().split())
    assert "the same file as /profile/export.json. Import it again at /profile/import/." in readme
    assert "Import them again at /rubrics/import/." in readme


def test_export_of_a_new_account_is_small_but_complete(bob):
    members, _summary = export_of(bob)
    assert set(members) == {"account.json", "README.txt"}
    assert "no skill profile" in members["README.txt"].decode()


def test_export_file_is_a_temporary_file_on_disk(alice):
    stored_file(alice, "report.pdf", PDF)
    archive, name = data_export_file(alice)
    with archive:
        assert archive.fileno() >= 0  # a real file, not the whole zip in memory
        assert name.startswith("expertfolio-alice-expert-") and name.endswith(".zip")
        with zipfile.ZipFile(archive) as opened:
            assert opened.testzip() is None


def test_export_costs_the_same_queries_however_much_there_is(alice, rita, staff):
    review_form(staff)
    reviewed(submitted_round(alice), rita, Decision.REQUEST_CHANGES)
    with CaptureQueriesContext(connection) as few:
        export_of(alice)
    for number in range(3):
        RubricFactory(owner=alice)
        benchmark = BenchmarkFactory(owner=alice)
        BenchmarkItemFactory.create_batch(3, benchmark=benchmark)
        plan = AdversarialTestPlanFactory(owner=alice)
        AdversarialCaseFactory.create_batch(2, plan=plan)
        WorkSampleFactory(owner=alice)
        stored_file(alice, f"notes-{number}.md")
    reviewed(
        submission_submit(actor=alice, confirmed=CONFIRMATIONS), rita, Decision.REQUEST_CHANGES
    )
    reviewed(submission_submit(actor=alice, confirmed=CONFIRMATIONS), rita, Decision.APPROVE)
    with CaptureQueriesContext(connection) as many:
        export_of(alice)
    assert len(many) == len(few)


@given(st.text(max_size=300))
def test_safe_file_name_is_always_a_plain_name(name):
    safe = safe_file_name(name)
    assert safe and len(safe) <= NAME_MAX
    assert "/" not in safe and "\\" not in safe
    assert not safe.startswith(".") and safe == safe.strip()
    assert all(ord(ch) >= 32 for ch in safe)


@given(st.lists(st.sampled_from(["a.md", "A.md", "a", "b.tar.gz", ".md", "../a.md", "a (2).md"])))
def test_unique_file_names_never_repeat_ignoring_case(names):
    unique = unique_file_names(names)
    assert len(unique) == len(names)
    assert len({name.casefold() for name in unique}) == len(unique)
