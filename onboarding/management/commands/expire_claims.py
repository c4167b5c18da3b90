"""Return to the queue every claim held past EXPERTFOLIO_CLAIM_DAYS (run it from cron; the
queue and round pages also do it when read)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from onboarding.services.assignment import claims_expire


class Command(BaseCommand):
    help = "Expire claims not submitted within EXPERTFOLIO_CLAIM_DAYS; each one is audited."

    def handle(self, *args, **options):
        count = claims_expire()
        self.stdout.write(
            f"{count} claim{'s' if count != 1 else ''} older than {settings.CLAIM_DAYS} days "
            "expired."
        )
