from django.core.management.base import BaseCommand, CommandError

from profiles import services
from profiles.models import User


class Command(BaseCommand):
    help = "Give an existing account the reviewer role (or take it away with --revoke)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--revoke", action="store_true", help="remove the reviewer role")

    def handle(self, *args, email: str, revoke: bool, **options):
        try:
            user = User.objects.get(email=User.objects.normalize_email(email))
        except User.DoesNotExist as exc:
            raise CommandError(f"No account uses the email address {email!r}.") from exc
        if revoke:
            services.reviewer_revoke(user=user)
            self.stdout.write(f"{user.email} is no longer a reviewer.")
        else:
            services.reviewer_grant(user=user)
            self.stdout.write(f"{user.email} is now a reviewer.")
