"""import_rubric and export_rubric."""

import io

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from rubrics import services
from rubrics.models import Rubric
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_file(tmp_path, seed_text):
    path = tmp_path / "reasoning-rubric.seed.yaml"
    path.write_text(seed_text, encoding="utf-8")
    return path


def test_import_rubric_prints_the_new_id(alice, seed_file, capsys):
    call_command("import_rubric", str(seed_file), "--user", "ALICE@example.com")
    rubric = Rubric.objects.get()
    assert capsys.readouterr().out == f"{rubric.pk}\n"
    assert rubric.owner == alice and rubric.kind == Rubric.Kind.ARTIFACT


def test_import_rubric_reads_standard_input(alice, seed_text, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(seed_text.encode())))
    call_command("import_rubric", "-", "--user", "alice@example.com")
    assert capsys.readouterr().out.strip() == str(Rubric.objects.get().pk)


def test_import_rubric_as_review_rubric_needs_staff(alice, staff, seed_file):
    with pytest.raises(CommandError, match="Only staff keep review rubrics"):
        call_command("import_rubric", str(seed_file), "--user", alice.email, "--kind", "review")
    assert not Rubric.objects.exists()
    call_command("import_rubric", str(seed_file), "--user", staff.email, "--kind", "review")
    assert Rubric.objects.get().kind == Rubric.Kind.REVIEW


def test_import_rubric_for_a_closed_account_is_refused(alice, seed_file):
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    with pytest.raises(CommandError, match="was not imported: This account cannot start rubrics"):
        call_command("import_rubric", str(seed_file), "--user", alice.email)
    assert not Rubric.objects.exists()


def test_import_rubric_bad_input_names_the_path_and_creates_nothing(alice, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("rubric:\n  objective: x\n  scale:\n    - {score: 5}\n")
    with pytest.raises(CommandError) as info:
        call_command("import_rubric", str(path), "--user", alice.email)
    assert "rubric.scale[0]: The key criteria is missing." in str(info.value)
    assert not Rubric.objects.exists()


def test_import_rubric_oversized_file_is_refused(alice, tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (2 * 64 * 1024))
    with pytest.raises(CommandError, match="the limit is 64 KB"):
        call_command("import_rubric", str(path), "--user", alice.email)


def test_import_rubric_unknown_user_or_file(alice, seed_file, tmp_path):
    with pytest.raises(CommandError, match="No account uses the email address"):
        call_command("import_rubric", str(seed_file), "--user", "ghost@example.com")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_rubric", str(tmp_path / "missing.yaml"), "--user", alice.email)
    assert not Rubric.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_import_rubric_exits_1_with_the_error_on_stderr(tmp_path, capsys):
    UserFactory(email="carol@example.com")
    path = tmp_path / "bad.yaml"
    path.write_text("rubric: !!python/object/apply:os.system ['echo']\n")
    utility = ManagementUtility(
        ["manage.py", "import_rubric", str(path), "--user", "carol@example.com"]
    )
    with pytest.raises(SystemExit) as info:
        utility.execute()
    assert info.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "is not allowed; use plain text" in captured.err
    assert not Rubric.objects.exists()


def test_export_rubric_prints_yaml(alice, seed_text, capsys):
    rubric = services.rubric_import_yaml(actor=alice, source=seed_text)
    call_command("export_rubric", str(rubric.pk))
    assert capsys.readouterr().out == seed_text


def test_export_then_import_gives_an_equal_rubric(alice, seed_text, tmp_path, capsys):
    rubric = services.rubric_import_yaml(actor=alice, source=seed_text)
    call_command("export_rubric", str(rubric.pk))
    path = tmp_path / "out.yaml"
    path.write_text(capsys.readouterr().out)
    call_command("import_rubric", str(path), "--user", alice.email)
    new_id = int(capsys.readouterr().out)
    call_command("export_rubric", str(new_id))
    assert capsys.readouterr().out == seed_text


def test_export_rubric_unknown_id(db):
    with pytest.raises(CommandError, match="No rubric has the id 404"):
        call_command("export_rubric", "404")
