"""The test-plan and benchmark editors with htmx: the row buttons post the form to the same
address with HX-Request, the server answers by the same code path as without JavaScript, and
the page swaps in the editor from the answer; nothing is saved until Save."""

import re

import pytest

from portfolio.models import AdversarialTestPlan, Benchmark
from tests.factories import make_profile
from tests.portfolio import test_views_benchmarks as benchmarks
from tests.portfolio import test_views_test_plans as plans

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "editor"}


def row_buttons(html: str, name: str) -> list[str]:
    return re.findall(rf'<button type="submit" name="{name}"[^>]*>', html)


@pytest.mark.parametrize(
    ("address", "editor_id", "action_name"),
    [
        (plans.NEW, "test-plan-editor", "case_action"),
        (benchmarks.NEW, "benchmark-editor", "item_action"),
    ],
)
def test_editor_row_buttons_post_back_here_and_swap_the_editor(
    client, alice, address, editor_id, action_name
):
    make_profile(alice, domains=["accounting"])
    client.force_login(alice)
    html = client.get(address).content.decode()
    assert f'id="{editor_id}" data-hx-target="this" data-hx-select="#{editor_id}"' in html
    buttons = row_buttons(html, action_name)
    assert buttons and all(f'data-hx-post="{address}"' in button for button in buttons)
    # Save is a plain submit: it leaves the page, as without JavaScript.
    saves = re.findall(r"<button[^>]*>Save [a-z ]+</button>", html)
    assert saves and not any("data-hx-post" in button for button in saves)


def test_test_plan_htmx_move_and_remove_rearrange_and_save_nothing(client, alice):
    client.force_login(alice)
    response = client.post(plans.NEW, plans.form_data(case_action="down-0"), **HTMX)
    assert response.status_code == 200
    assert plans.rows(response) == [plans.CASES[1], plans.CASES[0], plans.CASES[2]]
    assert 'id="test-plan-editor"' in response.content.decode()
    response = client.post(plans.NEW, plans.form_data(case_action="remove-1"), **HTMX)
    assert plans.rows(response) == [plans.CASES[0], plans.CASES[2]]
    assert "Case 2 removed. Save to keep the change." in response.content.decode()
    assert not AdversarialTestPlan.objects.exists()


def test_benchmark_htmx_add_keeps_typed_input_and_focuses_the_new_row(client, alice):
    make_profile(alice, domains=["accounting", "tax"])
    client.force_login(alice)
    response = client.post(
        benchmarks.NEW, benchmarks.form_data(benchmarks.ITEMS[:2], item_action="add"), **HTMX
    )
    assert benchmarks.rows(response) == [*benchmarks.ITEMS[:2], benchmarks.BLANK]
    html = response.content.decode()
    assert re.search(r'name="items-2-prompt"[^>]*autofocus', html)
    assert not Benchmark.objects.exists()


def test_test_plan_htmx_other_persons_plan_is_404(client, alice, bob):
    plan = AdversarialTestPlan.objects.create(owner=bob, title="B", scope="s", threat_model="t")
    client.force_login(alice)
    response = client.post(plans.url(plan, "edit"), plans.form_data(case_action="add"), **HTMX)
    assert response.status_code == 404
