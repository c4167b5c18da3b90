import json

from django.core.management.base import BaseCommand, CommandError

from portfolio.documents import profile_document_for
from portfolio.evidence import document_with_evidence, evidence_of
from profiles.models import User


class Command(BaseCommand):
    help = "Print a user's skill profile as a skill-profile JSON document."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        try:
            owner = User.objects.get(email=User.objects.normalize_email(email))
        except User.DoesNotExist as exc:
            raise CommandError(f"No account uses the email address {email!r}.") from exc
        document = profile_document_for(owner)
        if document is None:
            raise CommandError(f"{owner.email} has no skill profile yet.")
        document = document_with_evidence(document, evidence_of(owner))
        self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
