"""Experts whose pages show the integrity checks, for the fresh table: personal data found on
/submit/ before submitting, and, on the review page, files and benchmark prompts that also
appear in other experts' portfolios. The seeded data has neither personal data nor uploaded
files, so these experts are made once in the bench database with the project's own services;
later runs find them (by their addresses), and both sizes get the same ones:

- `bench-integrity-<n>@example.com`: a seed profile and rubric, a
  benchmark whose first items repeat seeded expert 1's prompts (the same at every size, and
  shared with many other seeded experts) and whose last items hold an email address, a phone
  number and a payment card number, an uploaded Markdown file with contact details (the same
  bytes for every one of them) and a link;
- the first PEOPLE have submitted a round, which waits in the queue (a review page with
  matches and personal data); the next PEOPLE have not (a /submit/ page with the findings);
  a few more have submitted, so that the queue's length stays a multiple of its page size.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import Round
from onboarding.services.submissions import submission_submit
from onboarding.views.review import QUEUE_PAGE_SIZE
from portfolio import services as portfolio_services
from portfolio.benchmark_items import BenchmarkItemData
from portfolio.models import BenchmarkItem, StoredFile
from profiles import services as profile_services
from profiles.models import User
from profiles.queries import profile_domain_names
from rubrics.demo import give_seed_rubric
from seeding.demo import demo_profile_ensure
from seeding.scale import SEED_PASSWORD

PEOPLE = 24  # visitors per page in the fresh table
EMAIL = "bench-integrity-{}@example.com"
SEEDED_EXPERT = "scale-1@example.com"
REPEATED_PROMPTS = 3
PERSONAL = [
    "A customer writes from maria.keller@mailbox.example.org: draft the reply.",
    "The caller left +44 20 7946 0958 as a number to ring back: what do you say?",
    "Card 4111 1111 1111 1111 was declined at checkout: explain why to the customer.",
]
NOTES = (
    b"# Interview notes\n\nContact: maria.keller@mailbox.example.org, +44 20 7946 0958.\n"
    b"The card on file ends the call: 4111 1111 1111 1111.\n"
)


def integrity_experts_ensure() -> tuple[list[User], list[int]]:
    """The experts who have not submitted (for /submit/) and the open rounds of those who
    have (for the review page), PEOPLE of each."""
    prompts = list(
        BenchmarkItem.objects.filter(benchmark__owner__email=SEEDED_EXPERT)
        .order_by("benchmark_id", "position")
        .values_list("prompt", flat=True)[:REPEATED_PROMPTS]
    )
    # More submit than are visited, so that the queue's length stays a multiple of its page
    # size, as seeded: its last page then shows a full page at every size.
    padding = -PEOPLE % QUEUE_PAGE_SIZE
    experts = [_expert(n, prompts) for n in range(1, 2 * PEOPLE + padding + 1)]
    _files_present(experts)
    submitting = [*experts[:PEOPLE], *experts[2 * PEOPLE :]]
    rounds = []
    for user in submitting:
        round = Round.objects.filter(submission__owner=user).order_by("-number").first()
        if round is None:
            round = submission_submit(actor=user, confirmed=CONFIRMATIONS)
        rounds.append(round.pk)
    return experts[PEOPLE : 2 * PEOPLE], rounds[:PEOPLE]


def _files_present(experts: list[User]) -> None:
    """The uploads live beside the checkout that made them (EXPERTFOLIO_UPLOAD_ROOT), the
    database is shared: a run from another checkout writes the same bytes again."""
    storage = storages["default"]
    for name in StoredFile.objects.filter(owner__in=experts).values_list("storage_name", flat=True):
        if not storage.exists(name):
            storage.save(name, ContentFile(NOTES))


@transaction.atomic
def _expert(n: int, prompts: list[str]) -> User:
    email = EMAIL.format(n)
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    user = profile_services.user_signup(
        email=email, name=f"Ines Integrity {n}", password=SEED_PASSWORD
    )
    give_seed_rubric(owner=user)
    demo_profile_ensure(user=user)
    items = [
        BenchmarkItemData(prompt=prompt, reference_answer="As the rubric asks.")
        for prompt in [*prompts, *PERSONAL]
    ]
    benchmark = portfolio_services.benchmark_create(
        actor=user,
        title="Customer replies",
        domain=profile_domain_names(user)[0],
        metric="Share of replies a reviewer accepts",
        target="Nine in ten",
        items=items,
    )
    # The demo profile's first domain is deep: a round needs evidence for it.
    portfolio_services.evidence_link(actor=user, domain=benchmark.domain, artifact=benchmark)
    portfolio_services.work_sample_create(
        actor=user,
        title="Interview notes",
        sample_type="report",
        upload=SimpleUploadedFile("notes.md", NOTES, content_type="text/markdown"),
    )
    return user
