"""Demo data for `make run`: idempotent, prints the logins."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

from profiles import services as profile_services
from profiles.demo import DEMO_EXPERT_EMAIL
from profiles.models import User
from rubrics.demo import give_seed_rubric
from seeding.demo import (
    demo_portfolio_ensure,
    demo_profile_ensure,
    demo_proof_ensure,
    demo_review_form_ensure,
    demo_submission_ensure,
)

DEMO_PASSWORD = "demo-expertfolio-2026"  # noqa: S105 - published demo login
DEMO_ACCOUNTS = [
    # (email, name, role)
    (DEMO_EXPERT_EMAIL, "Dana Expert", "expert"),
    ("reviewer@example.com", "Riley Reviewer", "reviewer"),
    ("staff@example.com", "Sam Staff", "staff"),
]


class Command(BaseCommand):
    help = "Create (or refresh) the demo accounts and data. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        for email, name, role in DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = profile_services.user_signup(email=email, name=name, password=DEMO_PASSWORD)
            if role == "expert":
                give_seed_rubric(owner=user)
            if role == "reviewer":
                profile_services.reviewer_grant(user=user)
            if role == "expert":
                demo_profile_ensure(user=user)
            if role == "staff" and not user.is_staff:
                user.is_staff = True
                user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
        expert = User.objects.get(email=DEMO_EXPERT_EMAIL)
        demo_portfolio_ensure(expert=expert)
        staff = User.objects.get(email="staff@example.com")
        demo_review_form_ensure(staff=staff)
        demo_proof_ensure(expert=expert, staff=staff)
        # The reviewer is another account, so the round shows in their queue.
        demo_submission_ensure(expert=expert)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data is ready. Log in at {reverse('login')} with:")
        )
        for email, _name, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:<9} {email:<24} password: {DEMO_PASSWORD}")
