import pytest
from django.contrib.auth.models import AnonymousUser, Group

from profiles.models import Profile, User
from profiles.permissions import (
    is_reviewer,
    is_staff,
    remember_reviewer,
    remember_reviewer_from,
    reviewer_flag_of,
    with_reviewer_flag,
)
from tests.factories import make_profile

pytestmark = pytest.mark.django_db


def test_roles_matrix(alice, rita, staff):
    anonymous = AnonymousUser()
    assert [is_reviewer(u) for u in (anonymous, alice, rita, staff)] == [False, False, True, False]
    assert [is_staff(u) for u in (anonymous, alice, rita, staff)] == [False, False, False, True]


def test_inactive_reviewer_has_no_role(rita):
    rita.is_active = False
    assert not is_reviewer(rita)


@pytest.mark.parametrize("reviewer", [False, True])
def test_a_row_read_with_the_reviewer_flag_answers_is_reviewer(
    alice, rita, reviewer, django_assert_num_queries
):
    person = User.objects.get(pk=(rita if reviewer else alice).pk)  # nothing remembered yet
    make_profile(alice)  # a row about someone else: the flag is about the person asking
    with django_assert_num_queries(1):
        row = with_reviewer_flag(Profile.objects.all(), person).get(user=alice)
        remember_reviewer(person, row)
        assert is_reviewer(person) is reviewer
    person.is_active = False  # the flag never widens the check
    assert not is_reviewer(person)


def test_the_reviewer_flag_of_a_column_names_each_rows_person(alice, rita, staff):
    for person in (alice, rita, staff):
        make_profile(person)
    alice.groups.add(Group.objects.create(name="Translators"))  # a group, but not reviewing
    flags = Profile.objects.annotate(flag=reviewer_flag_of("user")).values_list("user", "flag")
    assert dict(flags) == {alice.pk: False, rita.pk: True, staff.pk: False}
    people = User.objects.annotate(flag=reviewer_flag_of("pk"))
    assert {person.pk: person.flag for person in people} == {
        alice.pk: False,
        rita.pk: True,
        staff.pk: False,
    }


def test_no_rows_leave_is_reviewer_to_ask(rita, django_assert_num_queries):
    person = User.objects.get(pk=rita.pk)
    flagged = with_reviewer_flag(Profile.objects.all(), person)
    remember_reviewer_from(person, [], flagged)  # no profiles: nothing to remember
    with django_assert_num_queries(1):
        assert is_reviewer(person)
    make_profile(rita)
    person = User.objects.get(pk=rita.pk)
    remember_reviewer_from(person, [], with_reviewer_flag(Profile.objects.all(), person))
    with django_assert_num_queries(0):
        assert is_reviewer(person)
