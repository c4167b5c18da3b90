import pytest
from django.db import IntegrityError, transaction

from profiles import models
from profiles.models import Profile, ProfileDomain, User

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


# --- Skill profiles: what the database itself refuses ------------------------------------


def make_profile_row(user, **fields):
    return Profile.objects.create(user=user, slug=user.email.split("@")[0], headline="h", **fields)


@pytest.mark.parametrize(
    "fields",
    [
        {"hours_per_week": 0},
        {"hours_per_week": 81},
        {"rate_amount": 42},
        {"rate_currency": "USD"},
        {"rate_amount": 0, "rate_currency": "USD"},
        {"visibility": "friends"},
        {"headline": ""},
    ],
)
def test_profile_constraints_refuse_impossible_values(fields):
    user = User.objects.create_user(email="c@example.com", password="x")
    fields.setdefault("headline", "h")
    with pytest.raises(IntegrityError):
        Profile.objects.create(user=user, slug="c", **fields)


def test_profile_accepts_the_boundaries():
    user = User.objects.create_user(email="b@example.com", password="x")
    profile = make_profile_row(user, hours_per_week=80, rate_amount=10000, rate_currency="USD")
    profile.hours_per_week = 1
    profile.save()
    profile.refresh_from_db()
    assert profile.hours_per_week == 1


def test_profile_one_per_user_and_slugs_unique():
    user = User.objects.create_user(email="one@example.com", password="x")
    make_profile_row(user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.create(user=user, slug="other", headline="h")
    other = User.objects.create_user(email="two@example.com", password="x")
    with pytest.raises(IntegrityError):
        Profile.objects.create(user=other, slug="one", headline="h")


@pytest.mark.parametrize("depth", [0, 6])
def test_domain_depth_is_one_to_five(depth):
    profile = make_profile_row(User.objects.create_user(email="d@example.com", password="x"))
    ProfileDomain.objects.create(profile=profile, name="ok", depth=5, position=0)
    ProfileDomain.objects.create(profile=profile, name="unset", depth=None, position=1)
    with pytest.raises(IntegrityError):
        ProfileDomain.objects.create(profile=profile, name="x", depth=depth, position=2)


def test_domain_names_unique_per_profile_whatever_the_case():
    profile = make_profile_row(User.objects.create_user(email="e@example.com", password="x"))
    other = make_profile_row(User.objects.create_user(email="f@example.com", password="x"))
    ProfileDomain.objects.create(profile=profile, name="Finance", position=0)
    ProfileDomain.objects.create(profile=other, name="finance", position=0)
    with pytest.raises(IntegrityError):
        ProfileDomain.objects.create(profile=profile, name="FINANCE", position=1)


@pytest.mark.parametrize("model_name", ["Strength", "Credential", "Tool", "DeclinedTopic"])
def test_list_entries_unique_per_profile_whatever_the_case(model_name):
    model = getattr(models, model_name)
    profile = make_profile_row(User.objects.create_user(email="g@example.com", password="x"))
    model.objects.create(profile=profile, text="Python", position=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(profile=profile, text="python", position=1)
    with pytest.raises(IntegrityError):
        model.objects.create(profile=profile, text="other", position=0)
