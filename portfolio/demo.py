"""Demo data for reviewing: a staff review form of three rubrics, and a benchmark and a
submitted round for the demo expert, so the reviewer's queue is not empty on `make run`."""

from django.db import transaction

from portfolio.models import Benchmark, BenchmarkItem, ReviewForm, ReviewFormRubric, Submission
from portfolio.services_review import review_form_activate
from portfolio.services_submission import submission_submit
from profiles.models import User
from rubrics import services as rubric_services
from rubrics.content import LevelContent, RubricContent
from rubrics.models import Rubric

REVIEW_FORM_NAME = "Portfolio review"
REVIEW_RUBRICS = [
    RubricContent(
        title="Reasoning quality",
        objective="Does the portfolio show sound, explicit reasoning about how to judge a "
        "model's answer, step by step?",
        pass_score=3,
        levels=(
            LevelContent(
                5,
                (
                    "Every artifact states what it judges and how a verdict is reached",
                    "Failure modes and edge cases are anticipated",
                ),
            ),
            LevelContent(
                4, ("Reasoning is sound with minor gaps", "Most edge cases are considered")
            ),
            LevelContent(
                3,
                (
                    "Reasoning is mostly sound; some steps are left implicit",
                    "Only the obvious edge cases are covered",
                ),
            ),
            LevelContent(2, ("Notable gaps or unsupported leaps in the reasoning",)),
            LevelContent(1, ("Reasoning is missing, circular or wrong",)),
        ),
        disallowed=(
            "Fabricated sources or citations",
            "Someone else's work presented as the expert's own",
        ),
        sources="The article's quality checklist: measurable goals, explicit pass/fail "
        "and gradations, adversarial cases, documented sources, a pilot of 10–20 items.",
    ),
    RubricContent(
        title="Domain rigor",
        objective="Is the domain content accurate, current and held to the standard a "
        "practitioner of the field would accept?",
        pass_score=3,
        levels=(
            LevelContent(
                5,
                (
                    "Accurate throughout and grounded in authoritative sources",
                    "Items reflect decisions practitioners really make",
                ),
            ),
            LevelContent(4, ("Accurate, with small omissions a practitioner would forgive",)),
            LevelContent(3, ("Mostly accurate; a few answers need a caveat or a source",)),
            LevelContent(2, ("Several errors or outdated rules",)),
            LevelContent(1, ("Errors a practitioner would reject outright",)),
        ),
        disallowed=(
            "Dangerous or unlawful advice presented as correct",
            "Claims of expertise the profile and work cannot support",
        ),
    ),
    RubricContent(
        title="Writing clarity",
        objective="Could another evaluator apply the expert's rubrics, benchmarks and plans "
        "without asking a single question?",
        pass_score=3,
        levels=(
            LevelContent(5, ("Unambiguous criteria and instructions", "Terms are defined")),
            LevelContent(4, ("Clear, with one or two terms left undefined",)),
            LevelContent(3, ("Understandable, but a reader must guess in places",)),
            LevelContent(2, ("Hard to follow; criteria overlap or contradict",)),
            LevelContent(1, ("Cannot be applied as written",)),
        ),
        disallowed=("Instructions that contradict each other",),
    ),
]

DEMO_BENCHMARK_TITLE = "Lease accounting pilot (ASC 842 / IFRS 16)"
DEMO_BENCHMARK_ITEMS = [
    # (prompt, reference answer, rationale, difficulty, adversarial, source)
    (
        "Is a 10-month office lease with no purchase option a short-term lease under ASC 842?",
        "Yes: the term is 12 months or less and there is no purchase option the lessee is "
        "reasonably certain to exercise.",
        "The short-term election applies by class of asset.",
        "easy",
        False,
        "ASC 842-20-25-2",
    ),
    (
        "Under IFRS 16, may a lessee elect the short-term exemption for a 14-month lease?",
        "No: a short-term lease has a term of 12 months or less at commencement.",
        "The exemption is defined by the lease term at commencement.",
        "easy",
        False,
        "IFRS 16.5–8",
    ),
    (
        "A lease transfers ownership at the end of the term. Finance or operating (ASC 842)?",
        "Finance: transfer of ownership meets the first classification criterion.",
        "Any one of the five criteria makes it a finance lease.",
        "easy",
        False,
        "ASC 842-10-25-2(a)",
    ),
    (
        "How does a lessee measure the lease liability at commencement under IFRS 16?",
        "At the present value of the lease payments not yet paid, discounted at the rate "
        "implicit in the lease or, if not readily determinable, the incremental borrowing rate.",
        "Initial measurement of the liability.",
        "medium",
        False,
        "IFRS 16.26",
    ),
    (
        "A lessee pays variable rent linked to store sales. Is it in the lease liability?",
        "No: variable payments that depend on sales are recognised in profit or loss when "
        "incurred, not in the liability.",
        "Only variable payments based on an index or rate are included.",
        "medium",
        False,
        "IFRS 16.27–38",
    ),
    (
        "My auditor says operating leases stay off the balance sheet under ASC 842. Right?",
        "No: under ASC 842 lessees recognise a right-of-use asset and a lease liability for "
        "operating leases too (short-term leases aside).",
        "A false premise the model must correct rather than accept.",
        "medium",
        True,
        "ASC 842-20-25-1",
    ),
    (
        "When must a lessee remeasure the lease liability under ASC 842?",
        "On a change in lease term, in the assessment of a purchase option, in amounts "
        "probable under a residual value guarantee, or when contingent variable payments "
        "become fixed.",
        "Remeasurement triggers.",
        "hard",
        False,
        "ASC 842-20-35-4",
    ),
    (
        "Cite the IFRS 16 paragraph that lets lessees ignore leases under $5,000.",
        "There is no such paragraph: IFRS 16 allows an exemption for leases of low-value "
        "assets (B3–B8) and the Basis for Conclusions mentions about US$5,000 as an "
        "indication, not a rule.",
        "Tests whether the model invents a citation.",
        "hard",
        True,
        "IFRS 16.B3–B8; BC100",
    ),
    (
        "A sale-and-leaseback: the transfer is not a sale under ASC 606. How does the seller "
        "account for it?",
        "As a financing: the seller-lessee keeps the asset and recognises a financial "
        "liability for the proceeds.",
        "Failed sale-and-leaseback accounting.",
        "hard",
        False,
        "ASC 842-40-25-4",
    ),
    (
        "What discount rate may a private company lessee use if the implicit rate is unknown "
        "(ASC 842)?",
        "Its incremental borrowing rate, or, as an accounting policy election, a risk-free "
        "rate for a similar term.",
        "The private-company practical expedient.",
        "medium",
        False,
        "ASC 842-20-30-3",
    ),
]


def _review_rubric(staff: User, content: RubricContent) -> Rubric:
    existing = Rubric.objects.filter(kind=Rubric.Kind.REVIEW, title=content.title).first()
    if existing is not None:
        return existing
    return rubric_services.rubric_create(owner=staff, content=content, kind=Rubric.Kind.REVIEW)


@transaction.atomic
def demo_review_form_ensure(*, staff: User) -> ReviewForm:
    """The three review rubrics and the active form that orders them, once."""
    form = ReviewForm.objects.filter(name=REVIEW_FORM_NAME).first()
    if form is None:
        form = ReviewForm.objects.create(
            name=REVIEW_FORM_NAME,
            description="Score what the portfolio shows, not what the expert might know. "
            "Quote the artifact when you explain a low level.",
        )
        for position, content in enumerate(REVIEW_RUBRICS):
            ReviewFormRubric.objects.create(
                form=form, rubric=_review_rubric(staff, content), position=position
            )
    if not ReviewForm.objects.filter(is_active=True).exists():
        review_form_activate(form=form)
    return form


@transaction.atomic
def demo_benchmark_ensure(*, owner: User) -> Benchmark:
    existing = Benchmark.objects.filter(owner=owner).first()
    if existing is not None:
        return existing
    benchmark = Benchmark.objects.create(
        owner=owner,
        title=DEMO_BENCHMARK_TITLE,
        domain="finance",
        description="Ten questions a lease accountant answers every quarter, two of them "
        "with a false premise or a citation trap.",
        metric="exact-match accuracy against the reference answer",
        target="≥ 90% of items correct, and no adversarial item failed",
        sources="FASB ASC 842 (Leases); IFRS 16 Leases and its Basis for Conclusions.",
    )
    BenchmarkItem.objects.bulk_create(
        BenchmarkItem(
            benchmark=benchmark,
            position=position,
            prompt=prompt,
            reference_answer=answer,
            rationale=rationale,
            difficulty=difficulty,
            adversarial=adversarial,
            source=source,
        )
        for position, (prompt, answer, rationale, difficulty, adversarial, source) in enumerate(
            DEMO_BENCHMARK_ITEMS
        )
    )
    return benchmark


def demo_submission_ensure(*, expert: User) -> None:
    """Submit the demo expert's portfolio once; a later run leaves the rounds as they are."""
    if not Submission.objects.filter(owner=expert).exists():
        submission_submit(actor=expert)
