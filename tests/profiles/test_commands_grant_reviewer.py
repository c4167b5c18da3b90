import pytest
from django.core.management import CommandError, call_command

from profiles.models import User
from profiles.permissions import is_reviewer

pytestmark = pytest.mark.django_db


def test_grant_reviewer_adds_role(alice, capsys):
    call_command("grant_reviewer", "ALICE@example.com")
    assert is_reviewer(User.objects.get(pk=alice.pk))
    assert "alice@example.com is now a reviewer." in capsys.readouterr().out


def test_grant_reviewer_is_idempotent_and_revocable(alice):
    call_command("grant_reviewer", "alice@example.com")
    call_command("grant_reviewer", "alice@example.com")
    assert alice.groups.count() == 1
    call_command("grant_reviewer", "alice@example.com", "--revoke")
    assert not is_reviewer(User.objects.get(pk=alice.pk))


def test_grant_reviewer_unknown_email_fails_clearly(db):
    with pytest.raises(CommandError, match="No account uses the email address"):
        call_command("grant_reviewer", "ghost@example.com")
