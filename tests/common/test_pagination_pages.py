"""Every paginated list, asked for a page number past any a database could skip to: the
last page, as for any other page past the end, never an error."""

import pytest

from onboarding.confirmations import CONFIRMATIONS
from onboarding.services.assignment import conflict_declare
from onboarding.services.proofs import proof_decide
from onboarding.services.submissions import submission_submit
from portfolio.services.proofs import proof_attach
from tests.factories import AdversarialCaseFactory, AdversarialTestPlanFactory, make_profile
from tests.onboarding.review_setup import ready_portfolio, review_form

pytestmark = pytest.mark.django_db

HUGE = ["1000000000000000000", "999999999999999999999999999999"]


def _group(key):
    return lambda context: next(g.page for g in context["groups"] if g.kind.key == key)


def _public(kind):
    return lambda context: next(page for key, _t, _r, page in context["groups"] if key == kind)


LISTS = [
    ("/rubrics/?page={n}", "alice", lambda context: context["mine"]),
    ("/rubrics/?review_page={n}", "alice", lambda context: context["review"]),
    ("/portfolio/?samples_page={n}", "alice", _group("samples")),
    ("/portfolio/?rubrics_page={n}", "alice", _group("rubrics")),
    ("/portfolio/?benchmarks_page={n}", "alice", _group("benchmarks")),
    ("/portfolio/?test_plans_page={n}", "alice", _group("test_plans")),
    ("/portfolio/benchmarks/{benchmark}/?page={n}", "alice", lambda c: c["items_page"]),
    ("/submit/rounds/{round}/benchmarks/{benchmark}/?page={n}", "alice", lambda c: c["page"]),
    ("/review/rounds/{round}/benchmarks/{benchmark}/?page={n}", "rita", lambda c: c["page"]),
    ("/review/?page={n}", "rita", lambda context: context["page"]),
    ("/review/?page={n}", "staff", lambda context: context["page"]),
    ("/review/credentials/?page={n}", "staff", lambda context: context["page"]),
    ("/dashboard/?page={n}", "staff", lambda context: context["waiting_rounds"]),
    ("/dashboard/?reviewers_page={n}", "staff", lambda context: context["reviewers_page"]),
    ("/submit/?page={n}", "alice", lambda context: context["rounds_page"]),
    ("/conflicts/?page={n}", "alice", lambda context: context["page"]),
    ("/portfolio/public/?work_samples_page={n}", "alice", _public("work_samples")),
    ("/portfolio/public/?test_plans_page={n}", "alice", _public("test_plans")),
    ("/portfolio/test-plans/{plan}/?page={n}", "alice", lambda context: context["cases_page"]),
    ("/review/rounds/{round}/?audit_page={n}", "staff", lambda context: context["audit"]),
    ("/profile/credentials/?orphans_page={n}", "bob", lambda context: context["orphans"]),
    ("/review/credentials/{decided}/?history_page={n}", "staff", lambda c: c["history"]),
]


@pytest.fixture
def everything_listed(alice, bob, staff):
    """A row in every list: the expert's artifacts and round, a review form, a proof, a
    declared conflict, a test plan's case; another expert's decided proof, and a proof of a
    credential taken off the profile."""
    make_profile(bob, credentials=["PMP", "Gone"])
    decided = proof_attach(actor=bob, credential="PMP", link="https://register.example.org/p")
    proof_decide(actor=staff, proof=decided, verify=True, note="", expected_version=None)
    proof_attach(actor=bob, credential="Gone", link="https://register.example.org/g")
    make_profile(bob, credentials=["PMP"])
    review_form(staff)
    benchmark = ready_portfolio(alice)["benchmark"]
    plan = AdversarialTestPlanFactory(owner=alice)
    AdversarialCaseFactory(plan=plan, position=0)
    proof_attach(actor=alice, credential="CFA", link="https://register.example.org/cfa/1")
    conflict_declare(actor=alice, other_email="someone@example.org")
    round = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    return {"round": round.pk, "benchmark": benchmark.pk, "plan": plan.pk, "decided": decided.pk}


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize(("url", "who", "page_of"), LISTS, ids=[f"{w} {u}" for u, w, _ in LISTS])
def test_list_page_past_any_offset_shows_the_last_page(
    client, alice, bob, rita, staff, everything_listed, url, who, page_of, number
):
    client.force_login({"alice": alice, "bob": bob, "rita": rita, "staff": staff}[who])
    response = client.get(url.format(n=number, **everything_listed))
    assert response.status_code == 200
    page = page_of(response.context)
    assert page.number == page.paginator.num_pages
    assert len(page.object_list) >= 1
