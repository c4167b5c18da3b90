import pytest
from django.db import IntegrityError

from profiles.models import User

pytestmark = pytest.mark.django_db


def test_user_create_user_lowercases_email_and_hashes_password():
    user = User.objects.create_user(email="  Ada@Example.COM ", password="s3cret-pass-phrase")
    user.refresh_from_db()
    assert user.email == "ada@example.com"
    assert user.check_password("s3cret-pass-phrase")
    assert user.password != "s3cret-pass-phrase"
    assert not user.is_staff and not user.is_superuser


def test_user_email_unique_whatever_the_case():
    User.objects.create_user(email="ada@example.com", password="x")
    with pytest.raises(IntegrityError):
        User.objects.create(email="ADA@example.com")


def test_user_create_superuser_is_staff():
    user = User.objects.create_superuser(email="root@example.com", password="x")
    assert user.is_staff and user.is_superuser


def test_user_natural_key_lookup_ignores_case():
    user = User.objects.create_user(email="ada@example.com", password="x")
    assert User.objects.get_by_natural_key("ADA@Example.com") == user


def test_user_names_fall_back_to_email():
    assert User(email="a@example.com").get_full_name() == "a@example.com"
    assert User(email="a@example.com", name="Ada Lovelace").get_short_name() == "Ada"


def test_user_create_user_requires_email():
    with pytest.raises(ValueError, match="email"):
        User.objects.create_user(email="", password="x")
