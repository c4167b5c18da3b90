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
