"""Synthetic experts at scale for benchmarks: `python manage.py seed_scale --experts 10000`."""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from seeding.scale import DEFAULT_SEED, SEED_PASSWORD, seed_scale


class Command(BaseCommand):
    help = (
        "Add N synthetic experts (scale-<n>@example.com, numbered after any seeded before) "
        "with profiles, artifacts, rounds in every state, reviews and audit entries, in bulk. "
        f"Every seeded account's password is {SEED_PASSWORD}."
    )

    def add_arguments(self, parser):
        parser.add_argument("--experts", type=int, required=True, help="How many experts to add.")
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"The same seed gives the same experts (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=1000,
            help="Experts stored per transaction (default 1000).",
        )

    def handle(self, *args, experts: int, seed: int, batch: int, **options):
        if experts < 1:
            raise CommandError("--experts must be at least 1.")
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        self.stdout.write(f"Seeding {experts:,} experts (seed {seed}).")
        result = seed_scale(experts=experts, seed=seed, batch=batch, progress=self.stdout.write)
        self.stdout.write("Rows added:")
        for table, count in sorted(result.counts.items()):
            self.stdout.write(f"  {table:<32} {count:>10,}")
        self.stdout.write(f"  {'total':<32} {sum(result.counts.values()):>10,}")
        stages = ", ".join(
            f"{stage} {seconds:.1f} s"
            for stage, seconds in result.seconds.items()
            if stage != "total"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {result.experts:,} experts in {result.seconds['total']:.1f} s ({stages})."
            )
        )
        self.stdout.write(f"Log in at {reverse('login')} with password {result.password}:")
        self.stdout.write(f"  expert    {result.expert_email}")
        self.stdout.write(f"  reviewer  {result.reviewer_email}")
        self.stdout.write(f"  staff     {result.staff_email}")
