"""import_profile and export_profile: the command-line way in and out."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from portfolio.documents import profile_document_for
from profiles.models import Profile
from profiles.schema import SEED_DOCUMENT_PATH
from tests.factories import make_profile

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_import_profile_replaces_the_users_profile(alice, capsys):
    make_profile(alice, headline="Old")
    call_command("import_profile", str(SEED_DOCUMENT_PATH), "--user", "ALICE@example.com")
    assert profile_document_for(alice) == json.loads(SEED_DOCUMENT_PATH.read_text())
    assert "Imported" in capsys.readouterr().out


def test_import_profile_takes_an_empty_optional_list_as_left_out(alice, tmp_path):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"headline": "Evaluator", "domains": ["law"], "work_samples": []}))
    call_command("import_profile", str(path), "--user", "alice@example.com")
    assert profile_document_for(alice) == {"headline": "Evaluator", "domains": ["law"]}


def test_import_profile_from_standard_input(alice, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED_DOCUMENT_PATH.read_bytes())))
    call_command("import_profile", "-", "--user", "alice@example.com")
    assert profile_document_for(alice)["headline"].startswith("Quant researcher")


def test_import_profile_invalid_prints_paths_and_changes_nothing(alice, tmp_path):
    make_profile(alice, headline="Kept")
    bad = json.loads(SEED_DOCUMENT_PATH.read_text())
    bad["availability"]["hours_per_week"] = 99
    bad["work_samples"][0]["type"] = "blog"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="was not imported \\(2 problems\\)"):
        call_command("import_profile", str(path), "--user", "alice@example.com", stderr=stderr)
    assert stderr.getvalue().splitlines() == [
        "availability.hours_per_week: must be between 1 and 80 (it is 99)",
        "work_samples[0].type: must be one of benchmark, rubric, test_plan, report, memo, "
        'code, dataset, other (it is "blog")',
    ]
    assert Profile.objects.get(user=alice).headline == "Kept"


def test_import_profile_too_large_or_broken(alice, tmp_path):
    big = tmp_path / "big.json"
    big.write_text(" " * (300 * 1024))
    # Its whole size, though only as much as the limit and a byte is read.
    with pytest.raises(CommandError) as refused:
        call_command("import_profile", str(big), "--user", "alice@example.com")
    assert str(refused.value) == (
        f"{big} was not imported: it is 307,200 bytes, over the limit of 256.0\xa0KB "
        "(262,144 bytes)."
    )
    assert not Profile.objects.exists()


def test_import_profile_unknown_user_or_file(alice, tmp_path):
    with pytest.raises(CommandError, match="No account uses"):
        call_command("import_profile", str(SEED_DOCUMENT_PATH), "--user", "nobody@example.com")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command(
            "import_profile", str(tmp_path / "missing.json"), "--user", "alice@example.com"
        )


# The accounts' tables (all the command reads before it refuses a document) and one account, in
# one process: migrating every app, in a process of its own, took most of the test's time.
ONE_ACCOUNT = """
from django.core.management import call_command
from profiles.models import User
call_command("migrate", "profiles", verbosity=0)
User.objects.create_user(email="a@example.com")
"""


def test_import_profile_exits_with_status_one(tmp_path):
    # Run as a real process against a throwaway SQLite database.
    bad = tmp_path / "bad.json"
    bad.write_text('{"headline": "x"}')
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "EXPERTFOLIO_VAR_DIR": str(tmp_path),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "shell", "-c", ONE_ACCOUNT], env=env, check=True, cwd=ROOT)
    result = subprocess.run(
        [*manage, "import_profile", str(bad), "--user", "a@example.com"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "domains: is required" in result.stderr
    assert result.stdout == ""


def test_export_profile_prints_the_document(alice):
    call_command("import_profile", str(SEED_DOCUMENT_PATH), "--user", "alice@example.com")
    out = io.StringIO()
    call_command("export_profile", "alice@example.com", stdout=out)
    assert json.loads(out.getvalue()) == json.loads(SEED_DOCUMENT_PATH.read_text())


def test_export_profile_without_a_profile_or_user(alice):
    with pytest.raises(CommandError, match="has no skill profile yet"):
        call_command("export_profile", "alice@example.com")
    with pytest.raises(CommandError, match="No account uses"):
        call_command("export_profile", "nobody@example.com")
