"""Conflicts of interest: which reviewer must never get, see or claim which expert's rounds.

A pair is in conflict when their email addresses share a domain that is not a public mail
provider's (colleagues), or when either declared a conflict with the other's email.
"""

import functools

from django.db.models import BooleanField, F, Func, Q, QuerySet
from django.db.models.functions import Lower
from django.db.models.lookups import Exact, In

from common.lookups import same_text
from common.sqlnames import column_name, table_name
from onboarding.models import ConflictOfInterest
from profiles.models import User
from profiles.permissions import REVIEWER_GROUP

# Domains anyone can have an address at: sharing one says nothing about who people work for.
# Kept here, in one place; a domain whose first label is in PUBLIC_MAIL_FAMILIES counts for
# every country (gmx.de, gmx.net, yahoo.co.uk ...).
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "tutanota.com",
        "tuta.io",
        "zoho.com",
        "mail.com",
        "fastmail.com",
        "hey.com",
        "yandex.com",
        "yandex.ru",
        "mail.ru",
        "qq.com",
        "163.com",
        "126.com",
        "naver.com",
        "web.de",
        "t-online.de",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        "example.com",  # documentation and test addresses: nobody's employer
    }
)
PUBLIC_MAIL_FAMILIES = frozenset({"gmx", "yahoo", "hotmail", "outlook", "live", "yandex"})


def is_public_mail_domain(domain: str) -> bool:
    return domain in PUBLIC_MAIL_DOMAINS or domain.split(".", 1)[0] in PUBLIC_MAIL_FAMILIES


def at_domain_of(person: User) -> Q:
    """Accounts whose email ends with "@" and the person's domain, in any case: their stored
    email_domain against the person's, by its index. Both were upper-cased by the database,
    the same way, so in_conflict() compares the same two values the queue does."""
    return Q(email_domain=person.email_domain)


def has_private_domain(person: User) -> bool:
    """Whether the domain rule applies to the person: judged on their stored email_domain,
    which their colleagues share, so it says the same for each side of a pair."""
    domain = (person.email_domain or "").casefold()
    return bool(domain) and not is_public_mail_domain(domain)


def same_private_domain(reviewer: User, expert: User) -> bool:
    """The domain rule for two accounts as read from the database (their stored
    email_domain): what at_domain_of() finds, on every database, whatever the letters."""
    return has_private_domain(reviewer) and reviewer.email_domain == expert.email_domain


def naming(email: str) -> Exact:
    """Declarations naming `email`, in any case: both lowered by the database, as the
    declarations' and the accounts' indexes are, so that every check here gives the one
    answer on a database (PostgreSQL lowers by its collation, SQLite only A-Z)."""
    return same_text("other_email", email)


def declared_between(user: User) -> QuerySet[ConflictOfInterest]:
    """Declarations that involve the user, by them or naming their email."""
    return ConflictOfInterest.objects.filter(Q(declared_by=user) | Q(naming(user.email)))


def _declared_sides(user: User) -> tuple[set[str], set[int]]:
    """The emails the user declared a conflict with, and who declared one with the user."""
    emails, declarers = set(), set()
    # Lowered by the database, as the accounts' emails are compared: Python lowers letters
    # SQLite's LOWER() leaves as they are.
    for declared_by_id, other_email in declared_between(user).values_list(
        "declared_by_id", Lower("other_email")
    ):
        if declared_by_id == user.pk:
            emails.add(other_email)
        else:
            declarers.add(declared_by_id)
    return emails, declarers


def conflicted_people(user: User) -> QuerySet:
    """The keys of the people the user is in conflict with, as a subquery: no query of its
    own, the declarations are read within the query that uses it."""
    declared = _declarers().filter(naming(user.email))
    named = _accounts_by_email().filter(email_ci__in=_emails().filter(declared_by=user.pk))
    people = [declared, named]
    if has_private_domain(user):
        people.append(User.objects.filter(at_domain_of(user)).order_by().values("pk"))
    # Joined rather than an OR of conditions: each kind is then found by an index.
    return people[0].union(*people[1:])


# Built once a process and never run: filter() reads a copy. Building them for each page
# cost it as much as reading the declarations did.
@functools.cache
def _declarers() -> QuerySet:
    return ConflictOfInterest.objects.order_by().values("declared_by")


@functools.cache
def _emails() -> QuerySet:
    # Lower(): an email is declared as typed, whatever the case it was signed up with.
    return ConflictOfInterest.objects.order_by().values(email=Lower("other_email"))


@functools.cache
def _accounts_by_email() -> QuerySet:
    # Found by the accounts' unique index on Lower("email").
    return User.objects.alias(email_ci=Lower("email")).order_by().values("pk")


def in_conflict(reviewer: User, expert: User, *, declared: bool | None = None) -> bool:
    """`declared`: whether either declared a conflict with the other, when read already
    (with_conflict_flag())."""
    if reviewer.pk == expert.pk:
        return False
    if same_private_domain(reviewer, expert):
        return True
    if declared is not None:
        return declared
    return ConflictOfInterest.objects.filter(
        Q(naming(expert.email), declared_by=reviewer)
        | Q(naming(reviewer.email), declared_by=expert)
    ).exists()


def conflict_parties_lock(*people: int) -> dict[int, User]:
    """Lock the rows of the two people a claim, or a conflict declared, puts together, until
    the transaction ends; returns them as stored now, by key. A claim checks for a conflict,
    and a declaration looks for the claims it releases, only once it holds these locks: the
    later of the two waits for the earlier and then sees it, so a claim made first is
    released and a declaration made first refuses the claim. In key order, and before any
    round (as account_delete), so two of these never wait for each other in a cycle.

    FOR NO KEY UPDATE (PostgreSQL): it still excludes the others who lock these people, but
    not a row written meanwhile that refers to them (a credential issued to the expert, an
    audit entry by the reviewer), whose key check would otherwise wait here while this
    transaction waits for that one's round: a deadlock."""
    locked = (
        User.objects.select_for_update(no_key=True)
        .filter(pk__in=sorted(set(people)))
        .order_by("pk")
    )
    return {person.pk: person for person in locked}


class ConflictDeclared(Func):
    """For rounds: whether `user` and the round's expert declared a conflict with each other,
    either way (in_conflict()'s declarations), the email compared in lower case. Written as
    SQL here rather than as Exists() of a queryset, which cost a round page about 0.6 ms to
    build and compile, for the same text."""

    output_field = BooleanField()

    def __init__(self, user: User):
        super().__init__(F("submission__owner__email"), F("submission__owner_id"))
        self.user_key, self.user_email = user.pk, user.email

    def as_sql(self, compiler, connection, **extra_context):
        (expert_email, email_params), (expert, expert_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        declared_by = column_name(connection, ConflictOfInterest, "declared_by")
        # LOWER() on both sides, as the unique constraint and the index read the email.
        other = f"LOWER({column_name(connection, ConflictOfInterest, 'other_email')})"
        sql = (
            f"EXISTS (SELECT 1 FROM {table_name(connection, ConflictOfInterest)} WHERE "  # noqa: S608
            f"({declared_by} = %s AND {other} = LOWER({expert_email})) "
            f"OR ({declared_by} = {expert} AND {other} = LOWER(%s)))"
        )
        return sql, [self.user_key, *email_params, *expert_params, self.user_email]


def with_conflict_flag(rounds: QuerySet, user: User) -> QuerySet:
    """Rounds read with whether `user` and the round's expert declared a conflict with each
    other (ConflictDeclared), so the check needs no query of its own."""
    return rounds.annotate(conflict_declared=ConflictDeclared(user))


def reviewers_free_for(expert: User) -> QuerySet[User]:
    """Active reviewers who are not the expert and not in conflict with them (two queries
    when read: the declarations, then the reviewers)."""
    emails, declarers = _declared_sides(expert)
    reviewers = (
        User.objects.filter(groups__name=REVIEWER_GROUP, is_active=True)
        .exclude(pk=expert.pk)
        .exclude(pk__in=sorted(declarers))
        .exclude(In(Lower("email"), sorted(emails)))
    )
    if has_private_domain(expert):
        reviewers = reviewers.exclude(at_domain_of(expert))
    return reviewers.order_by("name", "email")
