from django.core.management.base import BaseCommand, CommandError

from rubrics import queries
from rubrics.models import Rubric


class Command(BaseCommand):
    help = "Print a rubric as YAML (the format import_rubric and /rubrics/import/ read)."

    def add_arguments(self, parser):
        parser.add_argument("id", type=int, help="the rubric's id")

    def handle(self, *args, id: int, **options):
        rubric = queries.with_scale(Rubric.objects.filter(pk=id)).first()
        if rubric is None:
            raise CommandError(f"No rubric has the id {id}.")
        self.stdout.write(queries.rubric_yaml(rubric), ending="")
