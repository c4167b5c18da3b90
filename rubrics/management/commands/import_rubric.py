import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from profiles.models import User
from rubrics import documents, services
from rubrics.models import Rubric


class Command(BaseCommand):
    help = (
        "Import a rubric from a YAML file (or - for standard input) for the account with "
        "the given email address, and print the new rubric's id. Bad input creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the YAML file, or - to read standard input")
        parser.add_argument("--user", required=True, help="email address of the owner")
        parser.add_argument(
            "--kind",
            choices=Rubric.Kind.values,
            default=Rubric.Kind.ARTIFACT,
            help="artifact (default): a portfolio rubric; review: a staff review rubric",
        )

    def handle(self, *args, file: str, user: str, kind: str, **options):
        owner = User.objects.filter(email=User.objects.normalize_email(user)).first()
        if owner is None:
            raise CommandError(f"No account uses the email address {user!r}.")
        # One byte over the limit is enough to refuse the file for its size.
        try:
            if file == "-":
                source = sys.stdin.buffer.read(documents.MAX_BYTES + 1)
            else:
                with Path(file).open("rb") as stream:
                    source = stream.read(documents.MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            rubric = services.rubric_import_yaml(actor=owner, source=source, kind=kind)
        except ValidationError as error:
            raise CommandError(
                f"{file} was not imported:\n" + "\n".join(f"  {m}" for m in error.messages)
            ) from error
        except PermissionDenied as error:
            raise CommandError(f"{file} was not imported: {error}") from error
        self.stdout.write(str(rubric.pk))
