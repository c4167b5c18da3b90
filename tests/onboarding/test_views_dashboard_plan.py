"""/dashboard/plan/: the plan form carries the version of the plan it was opened at; a plan
saved from another page since is not replaced, and the refused form keeps what was chosen."""

import html as html_lib
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from onboarding.models import DeepeningPlan
from tests.factories import make_profile

pytestmark = pytest.mark.django_db

URL = "/dashboard/"
PLAN_URL = "/dashboard/plan/"


def _hidden(page: str) -> dict:
    """The plan form's hidden fields, as the browser would send them back."""
    found = re.findall(r'<input type="hidden" name="(version|based_on)" value="([^"]*)"', page)
    return {name: html_lib.unescape(value) for name, value in found}


def _days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_the_plan_form_opens_on_the_current_plan(client, alice):
    make_profile(alice, domains=["finance", "law"])
    today = timezone.localdate()
    DeepeningPlan.objects.create(
        owner=alice, domain="law", set_on=today, target_date=today + timedelta(days=70), version=4
    )
    client.force_login(alice)
    page = client.get(URL).content.decode()
    assert '<option value="law" selected>law</option>' in page
    assert f'name="target_date" value="{_days(70)}"' in page
    assert _hidden(page)["version"] == "4"


def test_a_plan_from_an_older_dashboard_is_refused_and_kept(client, alice):
    make_profile(alice, domains=["finance", "risk"])
    client.force_login(alice)
    tab_a, tab_b = (
        _hidden(client.get(URL).content.decode()),
        _hidden(client.get(URL).content.decode()),
    )
    response = client.post(PLAN_URL, {**tab_a, "domain": "finance", "target_date": _days(65)})
    assert response.status_code == 302

    response = client.post(PLAN_URL, {**tab_b, "domain": "risk", "target_date": _days(85)})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Not saved: this plan changed while you had it open" in page
    assert "<strong>Domain to deepen</strong>: now “finance”" in " ".join(page.split())
    # What they chose stays in the form; the plan shown is the one saved.
    assert '<option value="risk" selected>risk</option>' in page
    assert f'name="target_date" value="{_days(85)}"' in page
    assert "Deepen <strong>finance</strong>" in page
    plan = DeepeningPlan.objects.get(owner=alice)
    assert (plan.domain, plan.target_date.isoformat(), plan.version) == ("finance", _days(65), 1)

    # The refused form is based on the plan now: saving it again replaces it, knowingly.
    again = client.post(PLAN_URL, {**_hidden(page), "domain": "risk", "target_date": _days(85)})
    assert again.status_code == 302
    plan.refresh_from_db()
    assert (plan.domain, plan.target_date.isoformat(), plan.version) == ("risk", _days(85), 2)


def test_a_plan_form_without_its_version_does_not_replace_a_plan(client, alice):
    make_profile(alice, domains=["finance", "risk"])
    today = timezone.localdate()
    DeepeningPlan.objects.create(
        owner=alice, domain="finance", set_on=today, target_date=today + timedelta(days=70)
    )
    client.force_login(alice)
    response = client.post(PLAN_URL, {"domain": "risk", "target_date": _days(80)})
    assert response.status_code == 409
    assert DeepeningPlan.objects.values_list("domain", "version").get() == ("finance", 1)


def test_a_domain_at_the_top_of_the_scale_is_not_offered_to_deepen(client, alice):
    # Depth 5 is as deep as the scale goes: a plan to deepen it would say "keep deepening"
    # something there is no deeper level of.
    make_profile(alice, domains=["finance", "law", "tax"], domain_depth={"finance": 5, "law": 3})
    client.force_login(alice)
    page = client.get(URL).content.decode()
    choices = re.findall(r'<option value="([^"]*)"', page.split('name="domain"', 1)[1])
    assert choices[: choices.index("tax") + 1] == ["", "law", "tax"]
    assert "below depth 5 (authority)" in page
    refused = client.post(
        PLAN_URL, {**_hidden(page), "domain": "finance", "target_date": _days(70)}
    )
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    assert not DeepeningPlan.objects.filter(owner=alice).exists()
