"""Sessions in the database, read in one query with the person they sign in.

Django reads the session, then the person: two round trips to the database before a
signed-in page does anything, which on a page served from the page cache were most of its
cost. Here the session row holds its person's id in a column of its own
(`AccountSession.user`), and one statement reads the session, the person, their role and
their page counters (profiles/backends.py). The sign-in middleware hands that person to
Django's own `get_user`, which still checks the password hash and the rest as always.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from asgiref.sync import sync_to_async
from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth import middleware as auth_middleware
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from profiles.backends import read_session

# The session of the request whose person is being read, while Django's get_user runs.
_reading: ContextVar["SessionStore | None"] = ContextVar("reading", default=None)


class SessionStore(DBStore):
    # The person read with the session: a User, or None when the session signs nobody in.
    account = None

    @classmethod
    def get_model_class(cls):
        from profiles.models import AccountSession

        return AccountSession

    def create_model_instance(self, data):
        return _with_person(super().create_model_instance(data), data)

    async def acreate_model_instance(self, data):
        return _with_person(await super().acreate_model_instance(data), data)

    def clear(self):
        super().clear()
        self.account = None

    async def _aget_session_from_db(self):
        return await sync_to_async(self._get_session_from_db)()

    def _get_session_from_db(self):
        self.account = None
        found = read_session(self.session_key, timezone.now()) if self.session_key else None
        if found is None:
            self._session_key = None
            return None
        data, self.account = found
        return self.model(session_key=self.session_key, session_data=data)


def _with_person(instance, data):
    try:
        instance.user_id = int(data.get(SESSION_KEY))
    except (TypeError, ValueError):
        instance.user_id = None
    return instance


@contextmanager
def reading_person_of(session) -> Iterator[None]:
    """While this runs, `account_read_with_session` answers from `session`."""
    token = _reading.set(session)
    try:
        yield
    finally:
        _reading.reset(token)


def account_read_with_session(user_id) -> tuple[bool, object]:
    """(True, the person) when the session being read loaded the person `user_id` with it;
    (False, None) when the person must be read on their own."""
    session = _reading.get()
    account = getattr(session, "account", None)
    if account is None or str(account.pk) != str(user_id):
        return False, None
    return True, account


def _person(request):
    if not hasattr(request, "_cached_user"):
        with reading_person_of(request.session):
            request._cached_user = auth.get_user(request)
    return request._cached_user


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, reading the person from the row read with the session when there is one."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _person(request))
