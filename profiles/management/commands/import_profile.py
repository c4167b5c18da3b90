import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from profiles import services
from profiles.models import User
from profiles.validators import MAX_DOCUMENT_BYTES, DocumentInvalid, parse_profile_document


class Command(BaseCommand):
    help = (
        "Replace a user's skill profile with a skill-profile JSON document. "
        "An invalid document changes nothing: its errors go to stderr and the exit status is 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the JSON document, or - for standard input")
        parser.add_argument("--user", required=True, metavar="EMAIL", help="whose profile")

    def handle(self, *args, file: str, user: str, **options):
        try:
            owner = User.objects.get(email=User.objects.normalize_email(user))
        except User.DoesNotExist as exc:
            raise CommandError(f"No account uses the email address {user!r}.") from exc
        try:
            if file == "-":
                raw = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
            else:
                with Path(file).open("rb") as handle:
                    raw = handle.read(MAX_DOCUMENT_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from exc
        try:
            document = parse_profile_document(raw)
            profile = services.profile_replace_from_document(
                actor=None, user=owner, document=document
            )
        except DocumentInvalid as exc:
            for error in exc.document_errors:
                self.stderr.write(str(error))
            count = len(exc.document_errors)
            raise CommandError(
                f"{file} was not imported ({count} problem{'s' if count > 1 else ''}); "
                f"{owner.email}'s profile is unchanged."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {file} as {owner.email}'s profile (version {profile.version})."
            )
        )
