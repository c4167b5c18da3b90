import pytest
from django.core.management import call_command

from profiles.models import User
from rubrics import queries
from rubrics.demo import give_seed_rubric
from rubrics.models import Rubric

pytestmark = pytest.mark.django_db


def test_give_seed_rubric_is_idempotent(alice, seed_text):
    first = give_seed_rubric(owner=alice)
    assert give_seed_rubric(owner=alice) == first
    assert Rubric.objects.count() == 1
    assert queries.rubric_yaml(queries.with_scale(Rubric.objects.all()).get()) == seed_text


def test_seed_demo_gives_the_demo_expert_the_seed_rubric_once(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    expert = User.objects.get(email="expert@example.com")
    mine = Rubric.objects.filter(kind=Rubric.Kind.ARTIFACT)
    assert list(mine.values_list("owner", flat=True)) == [expert.pk]
