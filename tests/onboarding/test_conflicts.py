"""Conflicts of interest: the email-domain rule, declarations, and a reviewer kept off the
rounds of an expert they are in conflict with, everywhere."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection

from onboarding.conflicts import (
    conflicted_people,
    has_private_domain,
    in_conflict,
    is_public_mail_domain,
    reviewers_free_for,
    with_conflict_flag,
)
from onboarding.models import AuditEntry, ConflictOfInterest, Round
from onboarding.queries.queue import QueueFilters, open_rounds_kept_from, review_queue
from onboarding.services.assignment import conflict_declare, conflict_withdraw
from onboarding.services.reviews import review_claim
from tests.factories import RoundFactory, UserFactory
from tests.onboarding.review_setup import review_form, submitted_round
from tests.planner import analyze

pytestmark = pytest.mark.django_db

QUEUE = "/review/"
PAGE = "/conflicts/"


@pytest.mark.parametrize(
    "domain", ["gmail.com", "outlook.com", "proton.me", "gmx.de", "gmx.net", "yahoo.co.uk"]
)
def test_public_mail_providers_are_nobody_s_employer(domain):
    assert is_public_mail_domain(domain)
    assert not has_private_domain(UserFactory(email=f"someone@{domain.upper()}"))


def test_a_work_domain_is_private():
    assert has_private_domain(UserFactory(email="Ann@Acme.COM"))


def test_colleagues_are_in_conflict_but_gmail_users_are_not():
    ann = UserFactory(email="ann@acme.com")
    ben = UserFactory(email="ben@acme.com", reviewer=True)
    gina = UserFactory(email="gina@gmail.com")
    gus = UserFactory(email="gus@gmail.com", reviewer=True)
    assert in_conflict(ben, ann)
    assert not in_conflict(gus, gina)
    assert not in_conflict(ben, gina)


def test_a_declaration_by_either_side_keeps_them_apart(alice, rita):
    assert not in_conflict(rita, alice)
    conflict_declare(actor=alice, other_email="RITA@example.com", reason="My manager")
    assert in_conflict(rita, alice)
    ConflictOfInterest.objects.all().delete()
    conflict_declare(actor=rita, other_email="alice@example.com")
    assert in_conflict(rita, alice)


def test_declaring_and_withdrawing_is_audited(alice, rita):
    conflict = conflict_declare(actor=alice, other_email="rita@example.com", reason="Sister")
    assert conflict.other_email == "rita@example.com"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CONFLICT_DECLARED)
    assert (entry.actor, entry.round, entry.note) == (
        alice,
        None,
        "With rita@example.com. Reason: Sister",
    )
    with pytest.raises(PermissionDenied):
        conflict_withdraw(actor=rita, conflict=conflict)
    conflict_withdraw(actor=alice, conflict=conflict)
    assert not ConflictOfInterest.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CONFLICT_WITHDRAWN).count() == 1


def test_declaring_twice_or_oneself_is_refused(alice):
    conflict_declare(actor=alice, other_email="bob@example.com")
    with pytest.raises(ValidationError):
        conflict_declare(actor=alice, other_email="Bob@Example.com")
    with pytest.raises(ValidationError):
        conflict_declare(actor=alice, other_email="alice@example.com")
    assert ConflictOfInterest.objects.count() == 1


@pytest.fixture
def colleagues(staff):
    """An expert at acme.com with a submitted round, and a reviewer from acme.com."""
    review_form(staff)
    ann = UserFactory(email="ann@acme.com", name="Ann Acme")
    ben = UserFactory(email="ben@acme.com", name="Ben Acme", reviewer=True)
    return submitted_round(ann), ben


def test_a_reviewer_in_conflict_never_sees_gets_or_claims_the_round(client, colleagues):
    round, ben = colleagues
    client.force_login(ben)
    response = client.get(QUEUE)
    assert response.context["rows"] == []
    assert "Ann Acme" not in response.content.decode()
    assert client.get(f"/review/rounds/{round.pk}/").status_code == 404
    assert client.post(f"/review/rounds/{round.pk}/claim/").status_code == 404
    assert not round.reviews.exists()
    stored = round.files.first().file
    assert client.get(f"/files/{stored.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        review_claim(actor=ben, round=round)


def test_a_declared_conflict_hides_the_round_from_the_queue(client, alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    client.force_login(rita)
    assert [row["pk"] for row in client.get(QUEUE).context["rows"]] == [round.pk]
    conflict_declare(actor=alice, other_email=rita.email)
    assert client.get(QUEUE).context["rows"] == []
    assert client.get(f"/review/rounds/{round.pk}/").status_code == 404


def test_a_conflict_declared_in_another_case_than_the_email_keeps_them_apart(client):
    reviewer = UserFactory(email="rina@example.org", reviewer=True)
    expert = UserFactory(email="Dee.Expert@example.com")
    round = RoundFactory(submission__owner=expert)
    conflict_declare(actor=reviewer, other_email="dee.expert@EXAMPLE.com")
    assert in_conflict(reviewer, expert)
    # The queue, the dashboard's counts and the pipeline's choice of reviewers all agree.
    assert list(review_queue(reviewer, QueueFilters())) == []
    assert len(open_rounds_kept_from(reviewer)) == 1
    assert reviewer not in reviewers_free_for(expert)
    client.force_login(reviewer)
    assert client.get(QUEUE).context["rows"] == []
    assert client.get(f"/review/rounds/{round.pk}/").status_code == 404


# An account's email, a declaration naming it in letters each database lowers its own way
# (SQLite's LOWER() leaves all but A-Z as they are), and whether the two are one person on
# every database (None: as the database lowers them). A declaration is stored lowered.
DECLARED_PAIRS = [
    ("Ola.Nord@example.org", "ola.nord@EXAMPLE.org", True),
    ("émile@example.org", "ÉMILE@example.org", True),
    ("Straße@example.org", "STRASSE@example.org", False),
    ("Émile@example.org", "ÉMILE@example.org", None),
    ("İnci@example.org", "inci@example.org", None),
]


@pytest.mark.parametrize(("email", "declared", "expected"), DECLARED_PAIRS)
def test_the_checks_and_the_assign_list_agree_on_a_declared_email(email, declared, expected):
    """Whom a declaration keeps a reviewer from is one answer, the database's: the checks,
    the queue and the list of reviewers staff assign from."""
    reviewer = UserFactory(email=email, reviewer=True)
    expert = UserFactory(email="dee@example.com")
    round = RoundFactory(submission__owner=expert)
    conflict_declare(actor=expert, other_email=declared)
    kept = in_conflict(reviewer, expert)
    if expected is not None:
        assert kept is expected
    # The round page reads the declarations with the round.
    assert (
        with_conflict_flag(Round.objects.filter(pk=round.pk), reviewer).get().conflict_declared
        is kept
    )
    assert (reviewer not in reviewers_free_for(expert)) is kept
    assert (len(open_rounds_kept_from(reviewer)) == 1) is kept
    assert (list(review_queue(reviewer, QueueFilters())) == []) is kept


# The plan's mark of the declarations read whole, on each database CI runs the tests on.
READ_WHOLE = {
    "postgresql": "Seq Scan on onboarding_conflictofinterest",
    "sqlite": "SCAN onboarding_conflictofinterest",
}


def test_declarations_naming_someone_are_found_by_their_index():
    """Among a few thousand declarations, as the database's own statistics have them: the
    queue reads those naming the reviewer by the index on the lowered email."""
    declarer = UserFactory(email="decl@example.com")
    ConflictOfInterest.objects.bulk_create(
        ConflictOfInterest(declared_by=declarer, other_email=f"Person{n}@Example.org")
        for n in range(3000)
    )
    reviewer = UserFactory(email="person7@example.org", reviewer=True)
    analyze("profiles_user", "onboarding_conflictofinterest")
    assert in_conflict(reviewer, declarer)
    plan = conflicted_people(reviewer).explain()
    assert "conflict_other_email_ci" in plan
    assert READ_WHOLE[connection.vendor] not in plan


def test_staff_see_rounds_whatever_the_conflicts(client, staff):
    RoundFactory(submission__owner=UserFactory(email="x@example.org", name="Xena"))
    client.force_login(staff)
    assert len(client.get(QUEUE).context["rows"]) == 1


def test_conflicts_page_declares_and_lists(client, alice):
    client.force_login(alice)
    response = client.post(PAGE, {"other_email": "rita@example.com", "reason": "My boss"})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert list(ConflictOfInterest.objects.values_list("declared_by", "other_email")) == [
        (alice.pk, "rita@example.com")
    ]
    html = client.get(PAGE).content.decode()
    assert "rita@example.com" in html and "My boss" in html


def test_conflicts_page_keeps_bad_input_at_the_field(client, alice):
    client.force_login(alice)
    response = client.post(PAGE, {"other_email": "not an address", "reason": "Because"})
    assert response.status_code == 200
    assert response.context["form"].errors["other_email"]
    assert 'value="Because"' in response.content.decode()
    response = client.post(PAGE, {"other_email": "alice@example.com"})
    assert "someone else" in str(response.context["form"].errors["other_email"])
    assert not ConflictOfInterest.objects.exists()


def declared(person, count: int, *, start: int = 0) -> None:
    ConflictOfInterest.objects.bulk_create(
        ConflictOfInterest(declared_by=person, other_email=f"person{n}@example.org")
        for n in range(start, start + count)
    )


def test_conflicts_page_lists_a_page_at_a_time_in_flat_queries(
    client, alice, bob, django_assert_max_num_queries
):
    declared(alice, 3)
    declared(bob, 2)
    client.force_login(alice)
    with django_assert_max_num_queries(4) as few:
        response = client.get(PAGE)
    assert response.context["page"].paginator.count == 3
    declared(alice, 30, start=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(PAGE)
    page = response.context["page"]
    assert (len(page.object_list), page.paginator.count, page.paginator.num_pages) == (25, 33, 2)
    assert {c.declared_by_id for c in page.object_list} == {alice.pk}
    assert "Page 1 of 2" in response.content.decode()
    assert len(client.get(PAGE + "?page=2").context["page"].object_list) == 8


def test_withdrawing_from_a_later_page_goes_back_to_it(client, alice):
    declared(alice, 27)
    client.force_login(alice)
    last = client.get(PAGE + "?page=2").context["page"].object_list[0]
    response = client.post(f"/conflicts/{last.pk}/withdraw/", {"page": "2"})
    assert response["Location"] == PAGE + "?page=2"
    assert not ConflictOfInterest.objects.filter(pk=last.pk).exists()
    first = ConflictOfInterest.objects.filter(declared_by=alice).first()
    assert client.post(f"/conflicts/{first.pk}/withdraw/", {"page": "x"})["Location"] == PAGE


def test_conflicts_page_without_any_says_what_to_do(client, alice):
    client.force_login(alice)
    html = client.get(PAGE).content.decode()
    assert "None yet. Declare one above" in html
    assert 'aria-label="Declared conflicts pages"' not in html


def test_withdrawing_another_person_s_conflict_is_404(client, alice, bob):
    conflict = conflict_declare(actor=bob, other_email="rita@example.com")
    client.force_login(alice)
    assert client.post(f"/conflicts/{conflict.pk}/withdraw/").status_code == 404
    assert ConflictOfInterest.objects.filter(pk=conflict.pk).exists()
    client.force_login(bob)
    assert client.post(f"/conflicts/{conflict.pk}/withdraw/").status_code == 302
    assert not ConflictOfInterest.objects.exists()


def test_conflicts_page_anonymous_and_wrong_method(client, alice):
    assert client.get(PAGE)["Location"] == f"/accounts/login/?next={PAGE}"
    client.force_login(alice)
    assert client.put(PAGE).status_code == 405
    assert client.get("/conflicts/1/withdraw/").status_code == 405


def test_expire_claims_command_reports(db):
    out = StringIO()
    call_command("expire_claims", stdout=out)
    assert out.getvalue().startswith("0 claims older than 7 days expired.")


@pytest.mark.parametrize("other", ["axb@example.com", "A_B@EXAMPLE.COM"])
def test_the_review_page_finds_a_declared_conflict_by_the_whole_email(rita, staff, client, other):
    """An underscore in the expert's email is a letter, not a wildcard (LIKE on SQLite)."""
    expert = UserFactory(email="a_b@example.com", name="Ann Expert")
    review_form(staff)
    round = submitted_round(expert)
    conflict_declare(actor=rita, other_email=other, reason="Colleague")
    declared = other.lower() == expert.email
    assert in_conflict(rita, expert) is declared
    client.force_login(rita)
    listed = f"/review/rounds/{round.pk}/" in client.get("/review/").content.decode()
    assert listed is not declared
    assert client.get(f"/review/rounds/{round.pk}/").status_code == (404 if declared else 200)
