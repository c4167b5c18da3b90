"""Rules for portfolio data, shared by models, forms and services.

File uploads have their own allow-list module: common/uploads.py.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

_http_url = URLValidator(schemes=["http", "https"])


def validate_link_url(value: str) -> None:
    """A work-sample link: a plain http(s) address, without a password in it."""
    try:
        _http_url(value)
    except ValidationError:
        raise ValidationError(
            "Enter a web address that starts with http:// or https://.", code="link_scheme"
        ) from None
    parts = urlsplit(value)
    if parts.username or parts.password:
        raise ValidationError(
            "Remove the user name or password from the link; share a link that works without them.",
            code="link_credentials",
        )


# A plan is read by people; past a couple of hundred cases it belongs in a benchmark file.
MAX_CASES = 200


def validate_case_count(count: int) -> None:
    if count < 1:
        raise ValidationError("Add at least one case.", code="no_cases")
    if count > MAX_CASES:
        raise ValidationError(
            f"A test plan holds at most {MAX_CASES} cases; split it into several plans.",
            code="too_many_cases",
        )


# --- Benchmarks -------------------------------------------------------------------------------
# A benchmark is written, read and graded by people: past a few hundred items it is a dataset
# to keep elsewhere. The editor and every import share these limits.
MAX_ITEMS = 500
ITEM_TEXT_MAX = 5000  # prompt, reference answer, rationale
ITEM_SOURCE_MAX = 500
BENCHMARK_TEXT_MAX = 5000  # description, sources
DIFFICULTIES = ("easy", "medium", "hard")

ITEM_FIELD_LABELS = {
    "prompt": "prompt",
    "reference_answer": "reference answer",
    "rationale": "rationale",
    "difficulty": "difficulty",
    "adversarial": "adversarial",
    "source": "source",
}


def validate_item_count(count: int) -> None:
    if count > MAX_ITEMS:
        raise ValidationError(
            f"A benchmark holds at most {MAX_ITEMS} items (this one would have {count:,}); "
            "split it into several benchmarks.",
            code="too_many_items",
        )


def text_problem(value: str, *, limit: int) -> str:
    """What is wrong with a text that will be stored, in words; empty when nothing is."""
    if "\x00" in value:
        return "contains a NUL character (\\0), which text cannot hold."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # JSON can spell these (\ud800) although no real character is one.
        return "contains an invalid character (an unpaired surrogate such as \\ud800)."
    if len(value) > limit:
        return f"is {len(value):,} characters long; the limit is {limit:,}."
    return ""


def benchmark_item_problems(
    *,
    prompt: str,
    reference_answer: str,
    rationale: str,
    difficulty: str,
    source: str,
) -> dict[str, str]:
    """Every problem of one item, by field: what the editor, the imports and the services
    all check before an item is stored."""
    problems = {}
    for field, value, limit, required in (
        ("prompt", prompt, ITEM_TEXT_MAX, True),
        ("reference_answer", reference_answer, ITEM_TEXT_MAX, True),
        ("rationale", rationale, ITEM_TEXT_MAX, False),
        ("source", source, ITEM_SOURCE_MAX, False),
    ):
        if required and not value.strip():
            problems[field] = f"is empty; every item needs a {ITEM_FIELD_LABELS[field]}."
        elif problem := text_problem(value, limit=limit):
            problems[field] = problem
    if difficulty not in DIFFICULTIES:
        problems["difficulty"] = f"“{difficulty}” is not a difficulty; use easy, medium or hard."
    # In the order the fields have in a row of the editor or a file.
    return {field: problems[field] for field in ITEM_FIELD_LABELS if field in problems}


def validate_benchmark_text(value: str, *, field: str) -> None:
    """Description and sources: long text, within BENCHMARK_TEXT_MAX."""
    if problem := text_problem(value, limit=BENCHMARK_TEXT_MAX):
        raise ValidationError({field: f"This {problem}"}, code="benchmark_text")


def validate_benchmark_domain(domain: str, allowed: list[str]) -> None:
    """The benchmark's domain must be one the owner's profile names."""
    if not allowed:
        raise ValidationError(
            {
                "domain": "Your profile has no domains yet. Add the domains you work in to "
                "your profile, then choose one here."
            },
            code="no_domains",
        )
    if domain not in allowed:
        raise ValidationError(
            {"domain": f"Choose one of your profile's domains: {', '.join(allowed)}."},
            code="unknown_domain",
        )


# A linked work sample is an entry of the skill-profile document's work_samples too, so it
# keeps within that schema's limits (profiles/schemas/skill-profile.schema.json).
DOCUMENT_SAMPLES_MAX = 20
DOCUMENT_SAMPLE_TITLE_MAX = 160
DOCUMENT_SAMPLE_LINK_MAX = 500


def validate_linked_sample(*, title: str, url: str, other_links: int) -> None:
    """A link sample fits the profile document; `other_links` counts the owner's others."""
    errors = {}
    if len(title) > DOCUMENT_SAMPLE_TITLE_MAX:
        errors["title"] = (
            f"A linked work sample is listed on your skill profile, where titles stop at "
            f"{DOCUMENT_SAMPLE_TITLE_MAX} characters (this one has {len(title)})."
        )
    if len(url) > DOCUMENT_SAMPLE_LINK_MAX:
        errors["url"] = f"Links stop at {DOCUMENT_SAMPLE_LINK_MAX} characters."
    elif other_links >= DOCUMENT_SAMPLES_MAX:
        errors["url"] = (
            f"Your profile lists at most {DOCUMENT_SAMPLES_MAX} linked work samples: "
            "remove one, or upload this work as a file."
        )
    if errors:
        raise ValidationError(errors, code="linked_sample")
