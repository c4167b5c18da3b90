"""Writes for accounts and profiles. Views and commands call these, never the ORM directly."""

from django.contrib.auth.models import Group
from django.db import transaction

from profiles.models import User
from profiles.permissions import REVIEWER_GROUP


@transaction.atomic
def user_signup(*, email: str, name: str, password: str) -> User:
    return User.objects.create_user(email=email, name=name.strip(), password=password)


@transaction.atomic
def reviewer_grant(*, user: User) -> User:
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    user.groups.add(group)
    user.__dict__.pop("_is_reviewer", None)
    return user


@transaction.atomic
def reviewer_revoke(*, user: User) -> User:
    group = Group.objects.filter(name=REVIEWER_GROUP).first()
    if group is not None:
        user.groups.remove(group)
    user.__dict__.pop("_is_reviewer", None)
    return user
