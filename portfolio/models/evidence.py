"""Evidence for a claim: a deep domain of the profile linked to an artifact that shows it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from portfolio.models.artifacts import AdversarialTestPlan, Benchmark, WorkSample

# The artifact fields, one per kind; each link fills exactly one.
EVIDENCE_KINDS = ("rubric", "benchmark", "test_plan", "work_sample")


def _exactly_one_artifact() -> Q:
    condition = Q()
    for kind in EVIDENCE_KINDS:
        one = Q(**{f"{kind}__isnull": False})
        for other in EVIDENCE_KINDS:
            if other != kind:
                one &= Q(**{f"{other}__isnull": True})
        condition |= one
    return condition


class Evidence(models.Model):
    """One artifact shown as evidence for one of the owner's deep domains.

    Keyed by the domain's name, not its profile row: the profile editor writes its domain
    rows afresh on every save. A renamed or removed domain's links stay with the old name and
    show nowhere, so they never attach to another domain.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evidence"
    )
    domain = models.CharField(max_length=60)
    rubric = models.ForeignKey(
        "rubrics.Rubric", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    benchmark = models.ForeignKey(
        Benchmark, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    test_plan = models.ForeignKey(
        AdversarialTestPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    work_sample = models.ForeignKey(
        WorkSample, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_artifact(), name="evidence_exactly_one_artifact"
            ),
            models.CheckConstraint(condition=~Q(domain=""), name="evidence_domain"),
            *(
                models.UniqueConstraint(
                    "owner", Lower("domain"), kind, name=f"evidence_{kind}_once_per_domain"
                )
                for kind in EVIDENCE_KINDS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.artifact}"

    @property
    def kind(self) -> str:
        return next(kind for kind in EVIDENCE_KINDS if getattr(self, f"{kind}_id") is not None)

    @property
    def artifact(self):
        return getattr(self, self.kind)
