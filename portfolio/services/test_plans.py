"""Adversarial test plans and their cases, written together."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from common.versions import version_raise
from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
)
from portfolio.services.artifacts import copy_title, require_editor
from portfolio.validators import (
    validate_case_count,
)
from profiles.models import User

# Named adversarial_plan_*: a name starting with "test_" would be collected by pytest.


@dataclass(frozen=True)
class CaseData:
    """One case as the plan's author wrote it, in order."""

    attack: str
    expected_behaviour: str
    severity: str


def _cases_checked(cases: Sequence[CaseData]) -> list[AdversarialCase]:
    validate_case_count(len(cases))
    built = []
    errors = {}
    for position, case in enumerate(cases):
        row = AdversarialCase(
            position=position,
            attack=case.attack,
            expected_behaviour=case.expected_behaviour,
            severity=case.severity,
        )
        try:
            row.full_clean(exclude=["plan"], validate_constraints=False)
        except ValidationError as error:
            errors[f"case {position + 1}"] = error.messages
        built.append(row)
    if errors:
        raise ValidationError(
            [f"{where.capitalize()}: {' '.join(messages)}" for where, messages in errors.items()]
        )
    return built


def _write_cases(plan: AdversarialTestPlan, cases: list[AdversarialCase]) -> None:
    plan.cases.all().delete()
    for case in cases:
        case.plan = plan
    AdversarialCase.objects.bulk_create(cases)


@transaction.atomic
def adversarial_plan_create(
    *,
    actor: User,
    title: str,
    scope: str,
    threat_model: str,
    goal: str = "",
    sources: str = "",
    cases: Sequence[CaseData],
) -> AdversarialTestPlan:
    plan = AdversarialTestPlan(
        owner=actor,
        title=title,
        scope=scope,
        threat_model=threat_model,
        goal=goal,
        sources=sources,
    )
    plan.full_clean()
    rows = _cases_checked(cases)
    plan.save()
    _write_cases(plan, rows)
    return plan


@transaction.atomic
def adversarial_plan_update(
    *,
    actor: User,
    plan: AdversarialTestPlan,
    title: str,
    scope: str,
    threat_model: str,
    goal: str = "",
    sources: str = "",
    cases: Sequence[CaseData],
    expected_version: int | None = None,
) -> AdversarialTestPlan:
    """Replace the plan's details and its whole list of cases, in the given order. With
    `expected_version`, a plan saved elsewhere since raises VersionConflict."""
    require_editor(actor, plan)
    plan.title, plan.scope, plan.threat_model = title, scope, threat_model
    plan.goal, plan.sources = goal, sources
    plan.full_clean()
    rows = _cases_checked(cases)
    version_raise(plan, expected_version=expected_version)
    plan.save()
    _write_cases(plan, rows)
    return plan


@transaction.atomic
def adversarial_plan_delete(*, actor: User, plan: AdversarialTestPlan) -> None:
    require_editor(actor, plan)
    plan.delete()


@transaction.atomic
def adversarial_plan_duplicate(*, actor: User, plan: AdversarialTestPlan) -> AdversarialTestPlan:
    require_editor(actor, plan)
    return adversarial_plan_create(
        actor=actor,
        title=copy_title(plan.title),
        scope=plan.scope,
        threat_model=plan.threat_model,
        goal=plan.goal,
        sources=plan.sources,
        cases=[
            CaseData(case.attack, case.expected_behaviour, case.severity)
            for case in plan.cases.all()
        ],
    )
