"""What the onboarding checklist judges of a portfolio, in a few values: the profile document,
the work samples, the rubrics and benchmarks counted, and which domains have evidence
(portfolio.queries.portfolio_outline reads it from the database; a submission takes it from
what it froze)."""

from dataclasses import dataclass

from profiles.documents import document_shape
from profiles.schema import DocumentError


@dataclass(frozen=True)
class PortfolioSample:
    """A work sample of the portfolio, as the checklists see it."""

    title: str
    type: str
    link: str  # "" for an upload
    file_name: str | None  # the uploaded file's name, None for a link


@dataclass(frozen=True)
class BenchmarkOutline:
    title: str
    domain: str
    items: int


@dataclass(frozen=True)
class PortfolioOutline:
    """What the checklists judge."""

    profile: dict | None  # the skill-profile document, None without a profile
    profile_problems: tuple[DocumentError, ...]  # document_errors(profile), () without one
    work_samples: tuple[PortfolioSample, ...]  # in id order
    rubric_count: int
    rubric_titles: tuple[str, ...]  # the first three rubrics' titles, in id order
    benchmark_count: int
    first_benchmark: BenchmarkOutline | None  # the benchmark with the lowest id
    # Names (folded to lower case) of the domains that have evidence.
    evidenced_domains: frozenset[str] = frozenset()

    @property
    def deep_domains(self) -> list[str]:
        """The profile's domains at depth 4 or 5, in its order."""
        if self.profile is None:
            return []
        return [d.name for d in document_shape(self.profile).domains if d.is_deep]

    @property
    def deep_domains_without_evidence(self) -> list[str]:
        return [name for name in self.deep_domains if name.casefold() not in self.evidenced_domains]
