import pytest
from django.contrib.auth.models import AnonymousUser

from profiles.permissions import is_reviewer, is_staff

pytestmark = pytest.mark.django_db


def test_roles_matrix(alice, rita, staff):
    anonymous = AnonymousUser()
    assert [is_reviewer(u) for u in (anonymous, alice, rita, staff)] == [False, False, True, False]
    assert [is_staff(u) for u in (anonymous, alice, rita, staff)] == [False, False, False, True]


def test_inactive_reviewer_has_no_role(rita):
    rita.is_active = False
    assert not is_reviewer(rita)
