"""profiles/pagecache.py: whole pages cached per visitor, keyed by counters every write raises."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory

from profiles import services
from profiles.models import PageVersion
from profiles.pagecache import REVIEWS, cached_response, changed, user_scope, versions
from tests.factories import make_profile

pytestmark = pytest.mark.django_db


def main(response) -> str:
    return response.content.decode().split("<main", 1)[1]


# --- counters ----------------------------------------------------------------------------------


def test_counters_start_at_zero_and_rise_by_one_per_change():
    assert versions(["user:1", REVIEWS]) == {"user:1": 0, REVIEWS: 0}
    changed("user:1")
    changed("user:1", REVIEWS, "user:1")  # named twice, raised once
    assert versions(["user:1", REVIEWS, "user:2"]) == {"user:1": 2, REVIEWS: 1, "user:2": 0}
    assert PageVersion.objects.count() == 2


def test_a_rolled_back_change_leaves_the_counter_alone():
    changed("user:7")
    with pytest.raises(RuntimeError), transaction.atomic():
        changed("user:7")
        raise RuntimeError
    assert versions(["user:7"]) == {"user:7": 1}


def test_saving_a_user_or_a_profile_raises_that_users_counter(alice, bob):
    before = versions([user_scope(alice.pk), user_scope(bob.pk)])
    alice.name = "Alice Again"
    alice.save()
    make_profile(alice)
    after = versions([user_scope(alice.pk), user_scope(bob.pk)])
    assert after[user_scope(alice.pk)] >= before[user_scope(alice.pk)] + 2
    assert after[user_scope(bob.pk)] == before[user_scope(bob.pk)]


def test_role_changes_raise_the_counter_from_either_side(alice, bob):
    scope = user_scope(alice.pk)
    start = versions([scope])[scope]
    services.reviewer_grant(user=alice)
    assert versions([scope])[scope] > start
    granted = versions([scope])[scope]
    group = alice.groups.get()
    group.user_set.remove(alice)
    assert versions([scope])[scope] > granted
    group.user_set.add(alice, bob)
    cleared = versions([scope])[scope]
    group.user_set.clear()
    assert versions([scope])[scope] > cleared


# --- responses ---------------------------------------------------------------------------------


def _request(user=None, path="/page/", method="get"):
    request = getattr(RequestFactory(), method)(path)
    request.user = user or _anonymous()
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _counting(body="page"):
    calls = []

    def build():
        calls.append(1)
        return HttpResponse(f"{body} {len(calls)}")

    return build, calls


def test_second_request_is_served_without_building_the_page(alice):
    build, calls = _counting()
    first = cached_response(_request(alice), "page", build)
    second = cached_response(_request(alice), "page", build)
    assert second.content == first.content == b"page 1" and len(calls) == 1
    assert second["Content-Type"] == first["Content-Type"]


def test_entries_are_per_visitor_path_and_name(alice, bob):
    build, _calls = _counting()
    cached_response(_request(alice), "page", build)
    assert cached_response(_request(bob), "page", build).content == b"page 2"
    assert cached_response(_request(alice, "/page/?sort=name"), "page", build).content == (
        b"page 3"
    )
    assert cached_response(_request(alice), "other", build).content == b"page 4"
    assert cached_response(_request(), "page", build).content == b"page 5"
    assert cached_response(_request(), "page", build).content == b"page 5"


def test_a_change_to_the_visitor_or_a_named_scope_builds_the_page_again(alice):
    build, _calls = _counting()
    cached_response(_request(alice), "page", build, scopes=[REVIEWS])
    changed(REVIEWS)
    assert cached_response(_request(alice), "page", build, scopes=[REVIEWS]).content == b"page 2"
    changed(user_scope(alice.pk))
    assert cached_response(_request(alice), "page", build, scopes=[REVIEWS]).content == b"page 3"
    assert cached_response(_request(alice), "page", build, scopes=[REVIEWS]).content == b"page 3"


def test_entries_are_per_host(alice, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    build, _calls = _counting()
    cached_response(_request(alice), "page", build)
    other = _request(alice)
    other.META["HTTP_HOST"] = "other.example"
    assert cached_response(other, "page", build).content == b"page 2"


def test_only_whole_successful_get_responses_are_kept(alice):
    def status(code):
        return lambda: HttpResponse("x", status=code)

    for code in (404, 302, 500):
        cached_response(_request(alice), f"s{code}", status(code))
        assert cached_response(_request(alice), f"s{code}", status(201)).status_code == 201

    def with_cookie():
        response = HttpResponse("cookie")
        response.set_cookie("flavour", "oat")
        return response

    cached_response(_request(alice), "cookie", with_cookie)
    assert cached_response(_request(alice), "cookie", status(201)).status_code == 201
    build, calls = _counting()
    cached_response(_request(alice, method="post"), "post", build)
    cached_response(_request(alice, method="post"), "post", build)
    assert len(calls) == 2


def test_a_page_with_a_message_to_show_is_neither_served_nor_kept(alice):
    build, _calls = _counting()
    cached_response(_request(alice), "page", build)
    request = _request(alice)
    messages.success(request, "Saved.")
    assert cached_response(request, "page", build).content == b"page 2"
    assert cached_response(_request(alice), "page", build).content == b"page 1"


def test_a_hard_reload_builds_the_page_afresh_and_keeps_it(alice):
    build, calls = _counting()
    cached_response(_request(alice), "page", build)
    reload = _request(alice)
    reload.META["HTTP_CACHE_CONTROL"] = "no-cache"
    assert cached_response(reload, "page", build).content == b"page 2"
    assert cached_response(_request(alice), "page", build).content == b"page 2"
    assert len(calls) == 2


def test_a_csrf_secret_made_while_rendering_is_not_kept(alice):
    from django.middleware.csrf import get_token

    def build():
        get_token(request)  # no secret came with the request: this makes one
        return HttpResponse("form")

    request = _request(alice)
    cached_response(request, "form", build)
    other = _request(alice)
    assert cached_response(other, "form", lambda: HttpResponse("again")).content == b"again"


# --- through the pages -------------------------------------------------------------------------


def test_profile_page_is_served_from_the_cache_until_the_profile_changes(
    client, alice, django_assert_max_num_queries
):
    make_profile(alice, headline="Evaluator of maritime law")
    client.force_login(alice)
    client.get("/profile/")  # sets the CSRF cookie; a page made with a new secret is not kept
    first = client.get("/profile/")
    # The session, and the user read with the counters (profiles/backends.py).
    with django_assert_max_num_queries(2):
        again = client.get("/profile/")
    assert again.content == first.content and "maritime law" in main(again)
    make_profile(alice, headline="Evaluator of aviation safety")
    html = main(client.get("/profile/"))
    assert "aviation safety" in html and "maritime law" not in html


def test_each_visitor_gets_their_own_page(client, alice, bob):
    make_profile(alice, headline="Alice evaluates finance")
    make_profile(bob, headline="Bob evaluates medicine")
    client.force_login(alice)
    client.get("/profile/")
    client.force_login(bob)
    html = main(client.get("/profile/"))
    assert "Bob evaluates medicine" in html and "Alice" not in html


def test_the_navigation_follows_a_new_name_and_a_new_role(client, alice):
    client.force_login(alice)
    client.get("/profile/")
    alice.name = "Alicia"
    alice.save()
    page = client.get("/profile/").content.decode()
    assert "Alicia" in page and "Review queue" not in page
    services.reviewer_grant(user=alice)
    assert "Review queue" in client.get("/profile/").content.decode()


def test_a_flash_message_shows_on_a_cached_page(client, alice):
    make_profile(alice)
    client.force_login(alice)
    client.get("/profile/")
    client.get("/profile/")
    response = client.post(
        "/profile/import/", {"text": '{"headline": "Pasted", "domains": ["law"]}'}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/profile/"
    assert "Pasted" in main(response) and "Imported." in main(response)
    assert "Imported." not in main(client.get("/profile/"))


def test_a_form_on_a_cached_page_posts_after_logging_in_again(alice):
    """Logging in makes a new CSRF secret; a page kept from before must not be served."""
    client = Client(enforce_csrf_checks=True)

    def log_in():
        page = client.get("/accounts/login/")
        token = page.context["csrf_token"]
        client.post(
            "/accounts/login/",
            {"username": alice.email, "password": "pw-alice-2026", "csrfmiddlewaretoken": token},
        )

    alice.set_password("pw-alice-2026")
    alice.save()
    log_in()
    client.get("/profile/")
    client.post("/accounts/logout/", {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    log_in()
    page = client.get("/profile/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_anonymous_income_page_is_kept_per_query(client, django_assert_max_num_queries):
    query = "/tools/income/?rate=42&hours=15&weeks=46"
    first = client.get(query)
    with django_assert_max_num_queries(0):
        assert client.get(query).content == first.content
    assert client.get("/tools/income/?rate=50&hours=15&weeks=46").content != first.content


def test_signed_in_income_prefill_follows_the_profile(client, alice):
    make_profile(alice, hourly_rate={"amount": 40, "currency": "USD"})
    client.force_login(alice)
    client.get("/tools/income/")
    assert 'value="40' in client.get("/tools/income/").content.decode()
    make_profile(alice, hourly_rate={"amount": 65, "currency": "USD"})
    assert 'value="65' in client.get("/tools/income/").content.decode()


def test_landing_is_kept_whole_for_anonymous_visitors(client, django_assert_max_num_queries):
    first = client.get("/")
    with django_assert_max_num_queries(0):
        again = client.get("/")
    assert again.context is None and again.content == first.content
