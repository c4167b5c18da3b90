"""import_profile with a JSON Resume: mapped, the mapping printed, then saved."""

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from portfolio.documents import profile_document_for
from profiles.models import Profile
from profiles.schema import SEED_DOCUMENT_PATH
from tests.factories import make_profile
from tests.profiles.test_resume import PROFILE, RESUME

pytestmark = pytest.mark.django_db


@pytest.fixture
def resume_file(tmp_path):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(RESUME), encoding="utf-8")
    return path


def test_import_profile_takes_a_json_resume(alice, resume_file):
    make_profile(alice, headline="Old")
    out = io.StringIO()
    call_command("import_profile", str(resume_file), "--user", "alice@example.com", stdout=out)
    assert profile_document_for(alice) == PROFILE
    lines = out.getvalue().splitlines()
    assert lines[0] == "A JSON Resume. What goes where:"
    assert "  basics.label → headline: Clinical reasoning evaluator" in lines
    assert (
        '  skills[0].level → domain_depth["Emergency medicine"]: 5 (authority) (from "Master")'
        in lines
    )
    assert (
        "  basics.summary → bio: Emergency physician who grades model answers. Ten years of triage."
        in lines
    )
    assert "Left out:" in lines
    assert "  basics.name (Dana Okafor): your name comes from your account" in lines
    assert lines[-1] == f"Imported {resume_file} as alice@example.com's profile (version 2)."


def test_import_profile_takes_a_json_resume_from_standard_input(alice, monkeypatch):
    raw = json.dumps(RESUME).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    call_command("import_profile", "-", "--user", "alice@example.com", stdout=io.StringIO())
    assert profile_document_for(alice) == PROFILE


def test_import_profile_dry_run_shows_the_mapping_and_saves_nothing(alice, resume_file):
    make_profile(alice, headline="Kept")
    out = io.StringIO()
    call_command(
        "import_profile", str(resume_file), "--user", "alice@example.com", "--dry-run", stdout=out
    )
    assert "  skills[0].name → domains[0]: Emergency medicine" in out.getvalue()
    assert out.getvalue().endswith(
        f"{resume_file} can be imported; nothing was saved (--dry-run).\n"
    )
    assert Profile.objects.get(user=alice).headline == "Kept"


def test_import_profile_dry_run_of_a_skill_profile(alice):
    out = io.StringIO()
    call_command(
        "import_profile",
        str(SEED_DOCUMENT_PATH),
        "--user",
        "alice@example.com",
        "--dry-run",
        stdout=out,
    )
    assert "can be imported; nothing was saved" in out.getvalue()
    assert not Profile.objects.exists()


def test_import_profile_resume_that_cannot_start_a_profile(alice, tmp_path):
    make_profile(alice, headline="Kept")
    path = tmp_path / "resume.json"
    path.write_text(json.dumps({"basics": {"name": "Dana"}, "work": []}))
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="was not imported \\(2 problems\\)"):
        call_command(
            "import_profile",
            str(path),
            "--user",
            "alice@example.com",
            stderr=stderr,
            stdout=io.StringIO(),
        )
    assert [line.split(":")[0] for line in stderr.getvalue().splitlines()] == [
        "basics.label",
        "skills",
    ]
    assert Profile.objects.get(user=alice).headline == "Kept"
