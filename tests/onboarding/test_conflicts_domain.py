"""The email-domain rule of conflicts of interest: colleagues at a private domain found by the
accounts' stored email domain and its index, as the email's ending was matched before."""

import pytest
from django.db import connection

from onboarding.conflicts import at_domain_of, conflicted_people, in_conflict, reviewers_free_for
from profiles.models import User
from tests.factories import UserFactory
from tests.planner import analyze

pytestmark = pytest.mark.django_db

# Stored as written (the factory does not lower the email as signing up does).
COLLEAGUES = [
    "ann@acme.com",
    "Cy@ACME.COM",
    "dee@Acme.Com",
    '"ed@other.org"@acme.com',  # a quoted local part may hold an "@": the last one counts
    "@acme.com",
]
STRANGERS = [
    "gina@gmail.com",
    '"fay@acme.com"@other.org',
    "hal@x.acme.com",  # a subdomain is another domain
    "ida@acme.com.example.org",
    "jo@notacme.com",
    "kim@acme.co",
    "lee@acme.com@",
]


@pytest.mark.parametrize(
    ("email", "colleague"), [*((e, True) for e in COLLEAGUES), *((e, False) for e in STRANGERS)]
)
def test_domain_rule_finds_colleagues_in_any_case_and_nobody_else(email, colleague):
    reviewer = UserFactory(email="Rev@ACME.com", reviewer=True)
    other = UserFactory(email=email)
    assert User.objects.filter(pk=other.pk, pk__in=conflicted_people(reviewer)).exists() is (
        colleague
    )
    assert in_conflict(reviewer, other) is colleague
    assert (reviewer in reviewers_free_for(other)) is not colleague


def test_domain_rule_finds_nobody_for_a_public_mail_domain():
    reviewer = UserFactory(email="gus@gmail.com", reviewer=True)
    gina = UserFactory(email="gina@GMAIL.com")
    assert not User.objects.filter(pk__in=conflicted_people(reviewer)).exists()
    assert not in_conflict(reviewer, gina)
    assert reviewer in reviewers_free_for(gina)


# Addresses the sign-up form would refuse or lower, and letters whose upper case the
# database may not know (SQLite's UPPER() and LIKE know ASCII letters only).
ODD = [
    *COLLEAGUES,
    *STRANGERS,
    "acme.com",
    "mo@acme.com ",
    "nat@BÜCHER.de",
    "ola@bücher.de",
    "pia@straße.de",
    "quy@strasse.de",
    "ray@\u0131bm.com",  # a dotless i, which PostgreSQL upper-cases to I
    "sue@ibm.com",
    "tom@x.ACME.com",
]


@pytest.mark.parametrize(
    "domain", ["acme.com", "x.acme.com", "bücher.de", "strasse.de", "straße.de", "ibm.com"]
)
def test_domain_lookup_matches_the_accounts_the_email_s_ending_matched(domain):
    User.objects.bulk_create(User(email=email) for email in ODD)
    person = User.objects.create(email=f"probe@{domain}")
    others = User.objects.exclude(pk=person.pk)
    found = others.filter(at_domain_of(person)).values_list("email", flat=True)
    ending = others.filter(email__iendswith=f"@{domain}").values_list("email", flat=True)
    assert sorted(found) == sorted(ending)


# The plan's mark of a table read whole, on each database CI runs the tests on.
READ_WHOLE = {"postgresql": "Seq Scan on profiles_user", "sqlite": "SCAN profiles_user"}


def test_the_queue_finds_colleagues_from_the_domain_index():
    """Among a few thousand accounts at a few hundred domains, as the database's own
    statistics have them."""
    User.objects.bulk_create(
        User(email=f"person{n}@company{n % 300}.org", password="!") for n in range(3000)
    )
    analyze("profiles_user", "onboarding_conflictofinterest")
    reviewer = User.objects.get(email="person7@company7.org")
    plan = conflicted_people(reviewer).explain()
    assert "user_email_domain" in plan
    assert READ_WHOLE[connection.vendor] not in plan


# Pairs whose domains differ only in letters that each database upper-cases its own way.
UNICODE_PAIRS = [
    ("nat@BÜCHER.de", "ola@bücher.de"),
    ("pia@straße.de", "quy@strasse.de"),
    ("ray@\u0131bm.com", "sue@ibm.com"),
    ("una@ÉCOLE.fr", "val@école.fr"),
]


@pytest.mark.parametrize(("first", "second"), UNICODE_PAIRS)
def test_the_queue_and_the_checks_agree_on_colleagues_whatever_the_letters(first, second):
    """Whoever the queue keeps a reviewer from is whom the checks refuse them, and whom the
    assign list leaves out: one answer, the database's, on every database."""
    for reviewer_email, expert_email in ((first, second), (second, first)):
        User.objects.all().delete()
        reviewer = UserFactory(email=reviewer_email, reviewer=True)
        expert = UserFactory(email=expert_email)
        kept = User.objects.filter(pk=expert.pk, pk__in=conflicted_people(reviewer)).exists()
        assert in_conflict(reviewer, expert) is kept
        assert (reviewer not in reviewers_free_for(expert)) is kept
        # The same account is always its own colleague, whatever its letters.
        twin = UserFactory(email="twin" + reviewer_email[reviewer_email.index("@") :])
        assert in_conflict(reviewer, twin)


def test_a_changed_email_s_domain_counts_at_once():
    reviewer = UserFactory(email="rev@old.org", reviewer=True)
    assert reviewer.email_domain == "OLD.ORG"
    colleague = UserFactory(email="ann@new.org")
    reviewer.email = "rev@new.org"
    reviewer.save()
    assert reviewer.email_domain == "NEW.ORG"
    assert in_conflict(reviewer, colleague)
    assert User.objects.filter(pk=colleague.pk, pk__in=conflicted_people(reviewer)).exists()
