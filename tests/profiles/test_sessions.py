"""profiles/sessions.py: a session read in one query with the person it signs in."""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.utils import timezone

from profiles.models import AccountSession
from profiles.pagecache import REVIEWS, changed, user_scope
from profiles.sessions import SessionStore, account_read_with_session, reading_person_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-alice-2026"


def _signed_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return AccountSession.objects.get(session_key=client.session.session_key)


def test_signing_in_keeps_the_person_on_the_session_row(client, alice):
    row = _signed_in(client, alice)
    assert row.user_id == alice.pk
    assert row.get_decoded()[SESSION_KEY] == str(alice.pk)


def test_a_kept_page_costs_one_query_the_session_with_the_person(
    client, alice, django_assert_num_queries
):
    _signed_in(client, alice)
    first = client.get("/profile/")
    with django_assert_num_queries(1):
        again = client.get("/profile/")
    assert again.status_code == 200 and again.content == first.content
    assert again.wsgi_request.user == alice


def test_the_person_read_with_the_session_carries_role_and_counters(rita):
    store = SessionStore()
    store[SESSION_KEY] = str(rita.pk)
    store.save()
    changed(REVIEWS)
    loaded = SessionStore(store.session_key)
    assert loaded[SESSION_KEY] == str(rita.pk)
    person = loaded.account
    assert person == rita and person._is_reviewer is True
    assert person.page_versions[REVIEWS] >= 1
    assert person.page_versions[user_scope(rita.pk)] >= 0
    fields = [field.attname for field in type(rita)._meta.concrete_fields]
    rita.refresh_from_db()
    assert [getattr(person, name) for name in fields] == [getattr(rita, name) for name in fields]


def test_an_anonymous_session_has_no_person_and_keeps_its_data():
    store = SessionStore()
    store["note"] = "kept"
    store.save()
    assert AccountSession.objects.get(session_key=store.session_key).user_id is None
    loaded = SessionStore(store.session_key)
    assert loaded["note"] == "kept" and loaded.account is None


def test_an_expired_or_unknown_session_is_empty(alice):
    store = SessionStore()
    store[SESSION_KEY] = str(alice.pk)
    store.save()
    AccountSession.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert dict(expired.items()) == {} and expired.account is None
    assert expired.session_key is None
    unknown = SessionStore("x" * 32)
    assert dict(unknown.items()) == {} and unknown.account is None


def test_the_person_is_handed_over_only_to_the_session_being_read(alice, bob):
    store = SessionStore()
    store[SESSION_KEY] = str(alice.pk)
    store.save()
    loaded = SessionStore(store.session_key)
    loaded.load()
    assert account_read_with_session(alice.pk) == (False, None)  # nobody asked
    with reading_person_of(loaded):
        assert account_read_with_session(alice.pk) == (True, loaded.account)
        assert account_read_with_session(str(alice.pk)) == (True, loaded.account)
        assert account_read_with_session(bob.pk) == (False, None)
    assert account_read_with_session(alice.pk) == (False, None)


def test_a_password_changed_elsewhere_still_signs_the_session_out(client, alice):
    _signed_in(client, alice)
    assert client.get("/profile/").status_code == 200
    alice.set_password("another-pw-2026")
    alice.save()
    response = client.get("/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AccountSession.objects.filter(user=alice).exists()


def test_a_deactivated_person_is_signed_out(client, alice):
    _signed_in(client, alice)
    alice.is_active = False
    alice.save()
    response = client.get("/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_deleting_a_person_ends_their_sessions(client, alice):
    other = UserFactory()
    _signed_in(client, alice)
    SessionStore().create()
    mine = SessionStore()
    mine[SESSION_KEY] = str(other.pk)
    mine.save()
    alice.delete()
    left = list(AccountSession.objects.values_list("user_id", flat=True))
    assert len(left) == 2 and set(left) == {None, other.pk}


def test_signing_out_deletes_the_session_row(client, alice):
    row = _signed_in(client, alice)
    client.post("/accounts/logout/")
    assert not AccountSession.objects.filter(pk=row.pk).exists()
    assert client.get("/profile/").status_code == 302


def test_clearsessions_removes_expired_sessions(alice):
    from django.core.management import call_command

    live, old = SessionStore(), SessionStore()
    for store in (live, old):
        store[SESSION_KEY] = str(alice.pk)
        store.save()
    AccountSession.objects.filter(pk=old.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    call_command("clearsessions")
    assert list(AccountSession.objects.values_list("pk", flat=True)) == [live.session_key]


def test_the_session_statement_is_prepared_once_per_connection(alice):
    store = SessionStore()
    store[SESSION_KEY] = str(alice.pk)
    store.save()
    for _ in range(2):
        loaded = SessionStore(store.session_key)
        loaded.load()
        assert loaded.account == alice
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE name = 'expertfolio_session'"
            )
            assert cursor.fetchone() == (1,)


def test_a_session_for_someone_just_deleted_is_saved_and_reads_as_signed_out(client, alice):
    gone = UserFactory()
    gone_pk = gone.pk
    gone.delete()
    store = SessionStore()
    store[SESSION_KEY] = str(gone_pk)
    store.create()  # a foreign key checked by the database would fail here, and be retried
    assert AccountSession.objects.get(pk=store.session_key).user_id == gone_pk
    loaded = SessionStore(store.session_key)
    assert loaded[SESSION_KEY] == str(gone_pk) and loaded.account is None
    client.cookies["sessionid"] = store.session_key
    response = client.get("/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_async_saves_keep_the_person_and_async_loads_read_them(alice):
    store = SessionStore()
    store[SESSION_KEY] = str(alice.pk)
    async_to_sync(store.asave)()
    assert AccountSession.objects.get(pk=store.session_key).user_id == alice.pk
    loaded = SessionStore(store.session_key)
    assert async_to_sync(loaded.aget)(SESSION_KEY) == str(alice.pk)
    assert loaded.account == alice


def test_changing_ones_password_keeps_the_session_and_its_person(client, alice):
    _signed_in(client, alice)
    response = client.post(
        "/accounts/password-change/",
        {
            "old_password": PASSWORD,
            "new_password1": "n3w-pass-2026!",
            "new_password2": "n3w-pass-2026!",
        },
    )
    assert response.status_code == 302
    row = AccountSession.objects.get(session_key=client.session.session_key)
    assert row.user_id == alice.pk
    assert client.get("/profile/").status_code == 200


def test_signing_in_over_anothers_session_replaces_it(client, alice, bob):
    first = _signed_in(client, alice)
    client.force_login(bob)  # Django's login() over alice's session
    second = AccountSession.objects.get(session_key=client.session.session_key)
    assert second.user_id == bob.pk and second.pk != first.pk
    assert not AccountSession.objects.filter(pk=first.pk).exists()
    assert client.get("/profile/").wsgi_request.user == bob
