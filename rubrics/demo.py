"""The article's reasoning rubric, for demo data and as the import page's example."""

from functools import cache
from pathlib import Path

from profiles.models import User
from rubrics import documents, services
from rubrics.models import Rubric

SEED_PATH = Path(__file__).resolve().parent / "examples" / "reasoning-rubric.seed.yaml"


@cache
def seed_yaml() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


def give_seed_rubric(*, owner: User) -> Rubric:
    """The owner's copy of the seed rubric, imported once: running it again changes nothing."""
    objective = documents.content_from_yaml(seed_yaml()).objective
    existing = (
        Rubric.objects.filter(owner=owner, kind=Rubric.Kind.ARTIFACT, objective=objective)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    return services.rubric_import_yaml(actor=owner, source=seed_yaml())
