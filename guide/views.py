from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from guide import income
from guide.comparison import COMPARISON, shape_gallery
from guide.decisions import suggestion_for
from guide.example import landing_example
from guide.forms import DecisionForm, IncomeForm
from guide.income import RATE_MAX, RATE_MIN
from profiles.models import User
from profiles.queries import income_inputs_for
from profiles.shape import EXAMPLES, shape_of


@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "guide/landing.html",
        {
            "shapes": shape_gallery(),
            "comparison": COMPARISON,
            "presets": _preset_links(),
            "example": landing_example(),
        },
    )


def calculator_initial_for(user: User | AnonymousUser) -> dict:
    """The values an empty calculator starts from: the visitor's profile rate and hours."""
    stated = income_inputs_for(user)
    rate = stated.get("rate_amount")
    # The calculator works in US dollars within its range; another currency is not converted.
    if stated.get("rate_currency") != "USD" or rate is None or not RATE_MIN <= rate <= RATE_MAX:
        rate = None
    hours = stated.get("hours_per_week")
    return income.initial_values(rate=rate, hours=Decimal(hours) if hours else None)


def _preset_links() -> list[dict]:
    links = [
        {"preset": preset, "query": income.query_of(preset.scenario)} for preset in income.PRESETS
    ]
    both = income.query_of(income.GENERALIST_EXAMPLE.scenario, income.SPECIALIST_EXAMPLE.scenario)
    return [*links, {"preset": None, "query": both}]


@require_safe
def income_calculator(request: HttpRequest) -> HttpResponse:
    submitted = IncomeForm.is_submitted(request.GET)
    form = IncomeForm(
        request.GET if submitted else None, initial=calculator_initial_for(request.user)
    )
    estimate = income.estimate_of(*form.scenarios()) if submitted and form.is_valid() else None
    context = {
        "form": form,
        "presets": _preset_links(),
        "estimate": estimate,
        "prefilled": not submitted and len(form.initial) > 1,
    }
    return render(request, "guide/income.html", context)


@require_safe
def decision_guide(request: HttpRequest) -> HttpResponse:
    submitted = DecisionForm.is_submitted(request.GET)
    form = DecisionForm(request.GET if submitted else None)
    context = {"form": form, "comparison": COMPARISON}
    if submitted and form.is_valid():
        suggestion = suggestion_for(form.answers())
        context |= {
            "suggestion": suggestion,
            "target_result": shape_of(EXAMPLES[suggestion.target]),
        }
    return render(request, "guide/decide.html", context)
