"""Every address the project answers, for every kind of person, in one table.

The table (EXPECTED) names every URL pattern outside the admin, by name; a pattern missing
from it, or an unnamed one, fails test_every_url_is_in_the_table, so a new page cannot ship
without someone deciding who may open it. The Django admin's hundred-odd addresses all go
through AdminSite.admin_view, so instead of listing them one by one the admin tests below
walk every admin pattern and assert that rule (a new ModelAdmin is covered automatically).

The people, and whose objects the address names:
    anonymous            nobody signed in
    owner                expert A: the objects are A's (rubric, benchmark, test plan,
                         uploaded work sample and its file, submitted round, public profile)
    other_expert         expert B, on A's objects
    reviewer             a reviewer, on A's objects
    reviewer_submitter   a reviewer who submitted a portfolio of their own, on *their own*
                         objects and round (their profile is private)
    staff                staff, on A's objects

GET is sent to every address; POST (empty, with Django's test client, which does not check
CSRF tokens) to every address. A method missing from an entry must answer 405 to everyone.
A POST that gets past the permission check may change data, so every request runs in a
savepoint that is rolled back: each one sees the same world. Every response, whatever its
status, must carry the security headers, and every page shown to someone signed in must be
private and not stored; CSRF is checked separately with a client that enforces it.
"""

import re

import pytest
from django.conf import settings
from django.contrib.admin import site as admin_site
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from credentials.models import IssuedCredential
from credentials.services import credential_issue
from onboarding.confirmations import CONFIRMATIONS
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision, State
from portfolio.services.proofs import proof_attach
from profiles.models import Profile
from tests.factories import (
    AdversarialCaseFactory,
    AdversarialTestPlanFactory,
    RoundFactory,
    UserFactory,
)
from tests.onboarding.review_setup import ready_portfolio, review_form

pytestmark = pytest.mark.django_db

LOGIN = "login"  # a redirect to the login page, back to this address afterwards
ROLES = ("anonymous", "owner", "other_expert", "reviewer", "reviewer_submitter", "staff")
GET, POST = "GET", "POST"


def by_role(**statuses) -> dict:
    """Every role's status; `others=` fills the roles not named."""
    others = statuses.pop("others", None)
    row = {role: statuses.get(role, others) for role in ROLES}
    assert None not in row.values(), f"no status for {[r for r, s in row.items() if s is None]}"
    return row


def everyone(status) -> dict:
    return by_role(others=status)


def signed_in(status) -> dict:
    return by_role(anonymous=LOGIN, others=status)


def owners(status, *, staff=404) -> dict:
    """A's private object: only its owner (and, on their own, the reviewer who submitted)."""
    return by_role(
        anonymous=LOGIN,
        owner=status,
        other_expert=404,
        reviewer=404,
        reviewer_submitter=status,
        staff=staff,
    )


ANONYMOUS_ONLY = by_role(anonymous=200, others=302)  # signed-in people go to the dashboard
ROUND_ACTION = by_role(anonymous=LOGIN, reviewer=302, reviewer_submitter=404, others=403)

EXPECTED: dict[str, dict[str, dict]] = {
    # --- Infrastructure and public pages ---------------------------------------------------
    "healthz": {GET: everyone(200)},
    "landing": {GET: everyone(200)},
    "income_calculator": {GET: everyone(200)},
    "decision_guide": {GET: everyone(200)},
    "skill_profile_schema": {GET: everyone(200)},
    # A's profile is public; the reviewer who submitted opens their own, which is private.
    "public_profile": {GET: by_role(reviewer_submitter=404, others=200)},
    # --- Accounts ----------------------------------------------------------------------------
    "signup": {GET: ANONYMOUS_ONLY, POST: ANONYMOUS_ONLY},  # an empty form: 200 with errors
    "login": {GET: ANONYMOUS_ONLY, POST: ANONYMOUS_ONLY},
    "logout": {POST: everyone(302)},
    "password_change": {GET: signed_in(200), POST: signed_in(200)},
    "password_change_done": {GET: signed_in(200), POST: by_role(anonymous=LOGIN, others=405)},
    "password_reset": {GET: everyone(200), POST: everyone(200)},
    "password_reset_done": {GET: everyone(200)},
    "password_reset_confirm": {GET: everyone(200), POST: everyone(200)},  # a spent link
    "password_reset_complete": {GET: everyone(200)},
    "account": {GET: signed_in(200)},
    "account_export": {GET: signed_in(200)},
    # An empty POST is refused at the password field; staff close accounts in the admin.
    "account_delete": {GET: signed_in(200), POST: by_role(anonymous=LOGIN, staff=403, others=200)},
    # --- The signed-in person's own profile ------------------------------------------------
    "profile": {GET: signed_in(200)},
    "profile_edit": {GET: signed_in(200), POST: signed_in(200)},
    # A panel for htmx only; a plain POST goes back to the editor (HX-Request: tested there).
    "profile_edit_shape": {POST: signed_in(302)},
    "profile_import": {GET: signed_in(200), POST: signed_in(200)},
    # Only A and the reviewer who submitted have a profile to export.
    "profile_export": {GET: owners(200)},
    "profile_export_resume": {GET: owners(200)},
    # Each person links their own artifacts to their own deep domains; a POST naming no deep
    # domain of theirs is the page with a message.
    "profile_evidence": {GET: signed_in(200), POST: signed_in(200)},
    "evidence_remove": {POST: owners(302)},
    # --- Rubrics (A's portfolio rubric) ----------------------------------------------------
    "rubric_list": {GET: signed_in(200)},
    "rubric_new": {GET: signed_in(200), POST: signed_in(200)},
    "rubric_import": {GET: signed_in(200), POST: signed_in(200)},
    "rubric_detail": {GET: owners(200, staff=200)},  # staff may look, never change
    "rubric_export": {GET: owners(200, staff=200)},
    "rubric_edit": {GET: owners(200), POST: owners(200)},
    "rubric_delete": {GET: owners(200), POST: owners(302)},
    "rubric_duplicate": {POST: owners(302)},
    # --- Portfolio artifacts (A's) ----------------------------------------------------------
    "portfolio": {GET: signed_in(200)},
    # Each person chooses among their own artifacts; an empty POST makes them all private.
    "public_page_settings": {GET: signed_in(200), POST: signed_in(302)},
    "work_sample_create": {GET: signed_in(200), POST: signed_in(200)},
    "work_sample_detail": {GET: owners(200)},
    "work_sample_edit": {GET: owners(200), POST: owners(200)},
    "work_sample_delete": {GET: owners(200), POST: owners(302)},
    "work_sample_duplicate": {POST: owners(302)},
    "test_plan_create": {GET: signed_in(200), POST: signed_in(200)},
    "test_plan_detail": {GET: owners(200)},
    "test_plan_edit": {GET: owners(200), POST: owners(200)},
    "test_plan_delete": {GET: owners(200), POST: owners(302)},
    "test_plan_duplicate": {POST: owners(302)},
    "benchmark_create": {GET: signed_in(200), POST: signed_in(200)},
    "benchmark_detail": {GET: owners(200)},
    "benchmark_edit": {GET: owners(200), POST: owners(200)},
    "benchmark_delete": {GET: owners(200), POST: owners(302)},
    "benchmark_duplicate": {POST: owners(302)},
    "benchmark_import": {GET: owners(200), POST: owners(200)},
    "benchmark_export_csv": {GET: owners(200)},
    "benchmark_export_jsonl": {GET: owners(200)},
    # A's uploaded file is in A's submitted round, so reviewers may download it.
    "file_download": {GET: by_role(anonymous=LOGIN, other_expert=404, others=200)},
    # --- Onboarding and submitting (A's round) ---------------------------------------------
    "dashboard": {GET: signed_in(200)},
    "deepening_plan": {POST: signed_in(200)},  # an empty plan: the dashboard with its errors
    "submit": {GET: signed_in(200), POST: signed_in(200)},  # not ready, or a round is pending
    "submission_round": {GET: owners(200)},
    "submission_round_benchmark": {GET: owners(200)},
    "submission_withdraw": {POST: owners(302)},
    # --- Reviewing (A's round, submitted, nobody has claimed it) ---------------------------
    # Staff read the queue too (without claiming).
    "review_queue": {GET: by_role(anonymous=LOGIN, other_expert=403, owner=403, others=200)},
    "calibration": {GET: by_role(anonymous=LOGIN, staff=200, others=403)},
    # A reads their round here too; a reviewer never opens their own. Scoring needs a claim:
    # a reviewer without one (released, expired) is told on the round page, nothing saved.
    "review_round": {
        GET: by_role(anonymous=LOGIN, other_expert=404, reviewer_submitter=404, others=200),
        POST: by_role(
            anonymous=LOGIN, other_expert=404, reviewer_submitter=404, reviewer=409, others=403
        ),
    },
    "review_round_benchmark": {
        GET: by_role(anonymous=LOGIN, other_expert=404, reviewer_submitter=404, others=200),
    },
    "review_claim": {POST: ROUND_ACTION},
    "review_release": {POST: ROUND_ACTION},  # nothing to release: a message on the round
    # Staff adjudicate only a round whose reviewers disagreed; this one has no reviews, so
    # staff are told on the round page, nothing saved.
    "round_adjudicate": {POST: by_role(anonymous=LOGIN, staff=409, others=403)},
    # Staff assign an open round or ask for more reviews; an empty form is a message.
    "round_assign": {POST: by_role(anonymous=LOGIN, staff=302, others=403)},
    "round_reviews_add": {POST: by_role(anonymous=LOGIN, staff=302, others=403)},
    # Blind review: nothing in this round names its expert, so staff get a message.
    "round_redaction_request": {POST: by_role(anonymous=LOGIN, staff=302, others=403)},
    # --- Proofs of credentials (A's proof of "CFA") ----------------------------------------
    "proofs": {GET: signed_in(200)},
    "proof_attach": {POST: signed_in(200)},  # an empty form: the page with its errors
    "proof_remove": {POST: owners(302)},
    # Staff only; anyone else is told nothing exists. An empty decision shows its errors.
    "proofs_to_verify": {GET: by_role(anonymous=LOGIN, staff=200, others=404)},
    "proof_review": {
        GET: by_role(anonymous=LOGIN, staff=200, others=404),
        POST: by_role(anonymous=LOGIN, staff=200, others=404),
    },
    # Anyone signed in declares their conflicts; an empty form shows its errors.
    "conflicts": {GET: signed_in(200), POST: signed_in(200)},
    # Nobody but its author withdraws a declaration (there is none in this world: 404).
    "conflict_withdraw": {POST: by_role(anonymous=LOGIN, others=404)},
    # --- Credentials (A's approved round's) --------------------------------------------------
    "credential_download": {GET: owners(200)},  # the expert's file: staff too get 404
    "credential_verify": {GET: everyone(200)},
    "credential_verify_paste": {GET: everyone(200), POST: everyone(200)},  # empty: the error
    "jwks": {GET: everyone(200)},
    # An empty reason is refused at its field; staff cannot revoke their own (none here).
    "credential_revoke": {
        GET: by_role(anonymous=LOGIN, staff=200, others=403),
        POST: by_role(anonymous=LOGIN, staff=200, others=403),
    },
}


# --- The world: built once per module, rolled back at its end ----------------------------------


def _portfolio(user) -> dict:
    objects = ready_portfolio(user)
    plan = AdversarialTestPlanFactory(owner=user)
    AdversarialCaseFactory(plan=plan, position=0)
    return {
        **objects,
        "test_plan": plan,
        "round": submission_submit(actor=user, confirmed=CONFIRMATIONS),
        "credential": _credential(user),
        "proof": proof_attach(actor=user, credential="CFA", link="https://register.example.org/"),
    }


def _credential(user) -> IssuedCredential:
    """The credential of another round of the same expert, approved."""
    approved = RoundFactory(
        submission=user.submission,
        number=2,
        state=State.APPROVED,
        decision=Decision.APPROVE,
        decided_at=timezone.now(),
    )
    return credential_issue(round=approved)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory, signing_jwk):
    """Everyone and A's (and the reviewer-submitter's) objects, made once for the module in a
    transaction that is rolled back after its last test; each test runs in a savepoint."""
    uploads = tmp_path_factory.mktemp("uploads")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": uploads, "base_url": None},
        },
    }
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(
            PRIVATE_UPLOAD_ROOT=uploads,
            STORAGES=storages,
            PASSWORD_HASHERS=fast,
            SIGNING_KEY=signing_jwk,
        ),
        transaction.atomic(),
    ):
        staff = UserFactory(email="sam@example.com", is_staff=True, is_superuser=True)
        review_form(staff)
        people = {
            "owner": UserFactory(email="alice@example.com", name="Alice Expert"),
            "other_expert": UserFactory(email="bob@example.com"),
            "reviewer": UserFactory(email="rita@example.com", reviewer=True),
            "reviewer_submitter": UserFactory(email="vera@example.com", reviewer=True),
            "staff": staff,
        }
        owned = {
            "owner": _portfolio(people["owner"]),
            "reviewer_submitter": _portfolio(people["reviewer_submitter"]),
        }
        Profile.objects.filter(user=people["owner"]).update(visibility="public")
        try:
            yield {"people": people, "owned": owned}
        finally:
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _private_upload_root(world):
    """Overrides the suite's per-test upload directory: the world's files live in its own."""


# Which object an address names, by the start of its name; anything else with a pk is a round.
OBJECT_OF = {
    "rubric_": "rubric",
    "work_sample_": "sample",
    "test_plan_": "test_plan",
    "benchmark_": "benchmark",
    "credential_": "credential",
    "evidence_": "evidence",
    "proof_": "proof",
}


def url_for(name: str, role: str, world) -> str:
    """The address of `name` for `role`: A's objects, or the reviewer-submitter's own."""
    whose = "reviewer_submitter" if role == "reviewer_submitter" else "owner"
    objects, person = world["owned"][whose], world["people"][whose]
    kind = next((kind for start, kind in OBJECT_OF.items() if name.startswith(start)), "round")
    values = {
        "pk": objects[kind].pk,
        "file_id": objects["sample"].file_id,
        "artifact_id": objects["benchmark"].pk,  # as frozen in the round
        "slug": person.profile.slug,
        "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
        "token": "a-spent-link",
    }
    return reverse(name, kwargs={key: values[key] for key in ROUTE_PARAMETERS[name]})


def client_for(role: str, world, **kwargs) -> Client:
    client = Client(**kwargs)
    if role != "anonymous":
        client.force_login(world["people"][role])
    return client


def send(client: Client, method: str, url: str, **headers):
    """One request whose writes are undone, so the next one sees the same world."""
    with transaction.atomic():
        response = client.generic(method, url, headers=headers)
        transaction.set_rollback(True)
    return response


def outcome(response, url: str):
    """LOGIN for a redirect to the login page that comes back here, else the status."""
    if response.status_code == 302 and response["Location"] == f"/accounts/login/?next={url}":
        return LOGIN
    return response.status_code


def cache_problems(role: str, response) -> list[str]:
    """A page for someone signed in holds their data: no shared cache stores it, and the
    browser keeps none after signing out. Only what is published for everyone says public."""
    control = response.get("Cache-Control", "")
    if role == "anonymous" or response.status_code != 200 or "public" in control:
        return []
    if "private" not in control or "no-store" not in control:
        return [f"Cache-Control {control!r}"]
    return []


def security_header_problems(response) -> list[str]:
    problems = []
    csp = response.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}

    def effective(name):
        return directives.get(name, directives.get("default-src"))

    script = effective("script-src") or []
    if not csp:
        problems.append("no Content-Security-Policy")
    if "'unsafe-inline'" in script or "'unsafe-eval'" in script or not script:
        problems.append(f"script-src {script}")
    if effective("object-src") != ["'none'"]:
        problems.append(f"object-src {effective('object-src')}")
    if directives.get("frame-ancestors") != ["'none'"]:
        problems.append(f"frame-ancestors {directives.get('frame-ancestors')}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if response.get("Referrer-Policy") not in ("same-origin", "no-referrer", "strict-origin"):
        problems.append(f"Referrer-Policy {response.get('Referrer-Policy')}")
    if response.get("X-Frame-Options") != "DENY":
        problems.append(f"X-Frame-Options {response.get('X-Frame-Options')}")
    return problems


# --- The table covers every address ------------------------------------------------------------


def url_patterns(resolver=None, namespace=""):
    """(route, name) of every pattern the project resolves, namespaces included."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            yield from (
                (str(pattern.pattern) + route, name)
                for route, name in url_patterns(
                    pattern, f"{namespace}{inner}:" if inner else namespace
                )
            )
        else:
            assert isinstance(pattern, URLPattern)
            yield str(pattern.pattern), f"{namespace}{pattern.name}" if pattern.name else None


ROUTE_PARAMETERS = {
    name: re.findall(r"<(?:\w+:)?(\w+)>", route) for route, name in url_patterns() if name
}


def test_every_url_is_in_the_table():
    outside_admin = [(r, n) for r, n in url_patterns() if not r.startswith("admin/")]
    unnamed = [route for route, name in outside_admin if name is None]
    names = {name for _route, name in outside_admin if name}
    assert unnamed == [], "give these URL patterns a name and a row in EXPECTED"
    assert sorted(names - EXPECTED.keys()) == [], "add these URLs to EXPECTED"
    assert sorted(EXPECTED.keys() - names) == [], "these rows name no URL any more"
    for name, methods in EXPECTED.items():
        assert set(methods) <= {GET, POST}, name
        assert all(set(row) == set(ROLES) for row in methods.values()), name


# --- Who gets what ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_permission_matrix(world, name):
    mismatches, header_problems = [], []
    for role in ROLES:
        client = client_for(role, world)
        url = url_for(name, role, world)
        for method in (GET, POST):
            expected = EXPECTED[name].get(method, dict.fromkeys(ROLES, 405))[role]
            response = send(client, method, url)
            got = outcome(response, url)
            if got != expected:
                mismatches.append(f"{method} {url} as {role}: expected {expected}, got {got}")
            problems = security_header_problems(response) + cache_problems(role, response)
            if problems:
                header_problems.append(f"{method} {url} as {role}: {problems}")
    assert not mismatches, "\n".join(mismatches)
    assert not header_problems, "\n".join(header_problems)


# --- CSRF on every POST -------------------------------------------------------------------------

POSTED = sorted(name for name, methods in EXPECTED.items() if POST in methods)


@pytest.mark.parametrize("name", POSTED)
def test_every_post_needs_a_csrf_token(world, name):
    for role in ("anonymous", "owner"):
        client = client_for(role, world, enforce_csrf_checks=True)
        url = url_for(name, role, world)
        refused = send(client, POST, url)
        assert refused.status_code == 403, f"POST {url} as {role} without a token"
        assert b"CSRF" in refused.content or b"Forbidden" in refused.content

        # The same request with the token gets past the check, to what the table says.
        client.get("/accounts/login/" if role == "anonymous" else "/")
        token = client.cookies[settings.CSRF_COOKIE_NAME].value
        accepted = send(client, POST, url, **{"X-CSRFToken": token})
        assert outcome(accepted, url) == EXPECTED[name][POST][role], f"POST {url} as {role}"


# --- The admin: staff only, every address -------------------------------------------------------

ADMIN_LOGIN = reverse("admin:login")
ADMIN_ROUTE_VALUES = {
    "<path:object_id>": "1",
    "<id>": "1",
    "<path:content_type_id>": "1",
    "(?P<url>.*)$": "no-such-page/",
}


def admin_urls() -> list[tuple[str, str | None]]:
    """Every admin pattern as an address (objects by a made-up id: the check comes first)."""
    urls = []
    for route, name in url_patterns():
        if not route.startswith("admin/") or name in ("admin:login", "admin:logout"):
            continue
        # An app's index: its pattern lists the apps in the order their models registered.
        route = re.sub(r"\^\(\?P<app_label>[\w|]+\)/\$", "portfolio/", route)
        for placeholder, value in ADMIN_ROUTE_VALUES.items():
            route = route.replace(placeholder, value)
        assert "<" not in route and "(" not in route, f"fill in {route} in ADMIN_ROUTE_VALUES"
        urls.append(("/" + route, name))
    return urls


@pytest.mark.parametrize("role", [r for r in ROLES if r != "staff"])
def test_every_admin_url_sends_everyone_but_staff_to_the_admin_login(world, role):
    client = client_for(role, world)
    wrong = []
    for url, _name in admin_urls():
        for method in (GET, POST):
            response = send(client, method, url)
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith(ADMIN_LOGIN):
                wrong.append(f"{method} {url}: {response.status_code} {location}")
    assert not wrong, "\n".join(wrong)


def test_the_admin_is_open_to_staff(world):
    client = client_for("staff", world)
    pages = [
        (url, name)
        for url, name in admin_urls()
        if name and name.endswith(("changelist", "index", "app_list"))
    ]
    assert len(pages) == len(admin_site._registry) + 2
    wrong = [url for url, _name in pages if send(client, GET, url).status_code != 200]
    assert wrong == []


def test_the_admin_login_page_and_logout(world):
    assert send(client_for("anonymous", world), GET, ADMIN_LOGIN).status_code == 200
    staff = client_for("staff", world)
    assert send(staff, GET, ADMIN_LOGIN)["Location"] == reverse("admin:index")
    assert send(staff, GET, reverse("admin:logout")).status_code == 405
    assert send(staff, POST, reverse("admin:logout"))["Location"] == "/"
