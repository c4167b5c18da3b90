"""profiles/backends.py: the signed-in person, read with their role and page counters."""

import pytest

from profiles import services
from profiles.backends import AccountBackend
from profiles.pagecache import REVIEWS, RUBRICS, changed, user_scope
from profiles.permissions import is_reviewer

pytestmark = pytest.mark.django_db


def test_get_user_reads_the_role_and_the_counters_in_one_query(rita, django_assert_num_queries):
    before = AccountBackend().get_user(rita.pk).page_versions[REVIEWS]
    changed(REVIEWS)
    with django_assert_num_queries(1):
        reviewer = AccountBackend().get_user(rita.pk)
        assert is_reviewer(reviewer)
    assert reviewer.page_versions[REVIEWS] == before + 1
    assert reviewer.page_versions[user_scope(rita.pk)] >= 0
    assert reviewer.page_versions[RUBRICS] >= 0


def test_counters_follow_changes_and_start_at_zero(alice):
    fresh = AccountBackend().get_user(alice.pk)
    assert is_reviewer(fresh) is False
    before = fresh.page_versions[user_scope(alice.pk)]
    services.reviewer_grant(user=alice)
    again = AccountBackend().get_user(alice.pk)
    assert is_reviewer(again) is True
    assert again.page_versions[user_scope(alice.pk)] > before


def test_inactive_or_missing_people_are_not_signed_in(alice):
    alice.is_active = False
    alice.save()
    assert AccountBackend().get_user(alice.pk) is None
    assert AccountBackend().get_user(987654) is None


def test_logging_in_with_the_password_goes_through_this_backend(client, alice):
    alice.set_password("pw-for-alice-2026")
    alice.save()
    response = client.post(
        "/accounts/login/", {"username": alice.email, "password": "pw-for-alice-2026"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "profiles.backends.AccountBackend"


def test_the_person_read_has_the_same_values_as_the_orm_gives(alice):
    alice.refresh_from_db()
    read = AccountBackend().get_user(alice.pk)
    fields = [field.attname for field in type(alice)._meta.concrete_fields]
    assert [getattr(read, name) for name in fields] == [getattr(alice, name) for name in fields]
