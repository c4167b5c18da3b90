import factory

from profiles import services as profile_services
from profiles.models import User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def reviewer(self, create, extracted, **kwargs):
        if create and extracted:
            profile_services.reviewer_grant(user=self)


def skill_profile_document(**fields) -> dict:
    """A small valid skill-profile document; keyword arguments replace or add fields."""
    document = {"headline": "Evaluator of clinical reasoning", "domains": ["medicine"]}
    document.update(fields)
    return document


def make_profile(user: User, **fields):
    """Give `user` a profile through the service, from skill_profile_document(**fields)."""
    return profile_services.profile_replace_from_document(
        actor=user, user=user, document=skill_profile_document(**fields)
    )
