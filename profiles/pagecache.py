"""Whole responses of the busiest pages, cached and keyed by version counters.

An entry's key holds everything its page shows: the view and the path with its query, the
visitor, the visitor's CSRF secret (forms on the page carry a token made from it), the day,
and a counter per scope of data the page reads (see `PageVersion`). Every write raises the
counters of the scopes it touches inside its own transaction, so the new counter and the
new data become visible together: a reader that still sees the old counter may store new
data under it, which nobody asks for once the counter moved; no entry is ever served after a
change it does not show. The counters live in the database, so every process and server
agrees on them without a shared cache; the entries live in each process's cache.

Pages that show a relative time ("3 hours ago") pass a short timeout. A request that asks
for a fresh page (`Cache-Control: no-cache`, as a browser's hard reload sends) gets one, and
it replaces the kept entry.
"""

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from profiles.models import PageVersion, User

REVIEWS = "reviews"
# Every rubric and its owner's name: others read review rubrics, and a rubric's page checks
# access on its stamp.
RUBRICS = "rubrics"
TIMEOUT = 600
# Entries that also depend on the clock ("submitted 3 hours ago").
SHORT_TIMEOUT = 60


def user_scope(user_pk: int) -> str:
    return f"user:{user_pk}"


# --- counters ----------------------------------------------------------------------------------


def _table() -> str:
    return connection.ops.quote_name(PageVersion._meta.db_table)


def changed(*scopes: str) -> None:
    """Raise the counters of these scopes, in the caller's transaction.

    One statement, rows in sorted order, so two writers never wait for each other's rows in
    opposite orders within it."""
    wanted = sorted({scope for scope in scopes if scope})
    if not wanted:
        return
    table = _table()
    rows = ", ".join(["(%s, 1)"] * len(wanted))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, value) VALUES {rows} "  # noqa: S608 - names are ours
            f"ON CONFLICT (scope) DO UPDATE SET value = {table}.value + 1",
            wanted,
        )


def versions(scopes: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(scopes))
    table = _table()
    # Plain SQL: read on every cached request, where building the ORM query cost more than
    # running it.
    marks = ", ".join(["%s"] * len(wanted))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scope, value FROM {table} WHERE scope IN ({marks})", wanted)  # noqa: S608
        found = dict(cursor.fetchall())
    return {scope: found.get(scope, 0) for scope in wanted}


def versions_for(user, scopes: Iterable[str]) -> dict[str, int]:
    """The counters of these scopes, without a query for those read with the visitor
    (profiles/backends.py)."""
    known = getattr(user, "page_versions", {})
    wanted = list(scopes)
    counters = {scope: known[scope] for scope in wanted if scope in known}
    missing = [scope for scope in wanted if scope not in known]
    if missing:
        counters.update(versions(missing))
    return counters


def watch(model, scopes_of: Callable[[object], Iterable[str]]) -> None:
    """Raise the scopes `scopes_of(instance)` names whenever an instance is saved or deleted.

    Only whole things are watched (a profile, a rubric, a round), not their rows: the
    services write rows in bulk, without signals, and raise the scope themselves."""

    def on_change(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return  # fixtures load before anything is cached
        changed(*scopes_of(instance))

    uid = f"pagecache:{model._meta.label}"
    post_save.connect(on_change, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(on_change, sender=model, weak=False, dispatch_uid=uid)


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Roles decide what a person may see and the navigation shows them."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        changed(user_scope(instance.pk))
    elif action == "pre_clear":
        changed(*(user_scope(pk) for pk in instance.user_set.values_list("pk", flat=True)))
    else:
        changed(*(user_scope(pk) for pk in pk_set or ()))


def _group_changed(sender, instance, **kwargs):
    # Renaming or deleting a group changes its members' roles without touching them.
    if kwargs.get("raw"):
        return
    changed(*(user_scope(pk) for pk in instance.user_set.values_list("pk", flat=True)))


def _user_changed(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    # A person's name shows on others' round pages (reviews, the audit log) and on their
    # rubrics' pages too; signing in only stamps the last login.
    quiet = update_fields is not None and set(update_fields) <= {"last_login"}
    changed(user_scope(instance.pk), *([] if quiet else [REVIEWS, RUBRICS]))


def watch_accounts() -> None:
    post_save.connect(_user_changed, sender=User, dispatch_uid="pagecache:user")
    post_delete.connect(_user_changed, sender=User, dispatch_uid="pagecache:user")
    post_save.connect(_group_changed, sender=Group, dispatch_uid="pagecache:group")
    pre_delete.connect(_group_changed, sender=Group, dispatch_uid="pagecache:group")
    m2m_changed.connect(
        _groups_changed, sender=User.groups.through, dispatch_uid="pagecache:groups"
    )


# --- responses ---------------------------------------------------------------------------------


def _has_messages(request: HttpRequest) -> bool:
    # A message is shown once, by whichever page comes next: that page is not cached.
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _wants_fresh(request: HttpRequest) -> bool:
    # META, not request.headers: building the headers mapping cost more than the lookup.
    return "no-cache" in request.META.get("HTTP_CACHE_CONTROL", "")


def _storable(response: HttpResponse) -> bool:
    return response.status_code == 200 and not response.streaming and not response.cookies


def cached_response(
    request: HttpRequest,
    name: str,
    build: Callable[[], HttpResponse],
    *,
    scopes: Iterable[str] = (),
    timeout: int = TIMEOUT,
) -> HttpResponse:
    """`build()`'s response, or the one it gave before while nothing it shows has changed."""
    if request.method not in ("GET", "HEAD") or _has_messages(request):
        return build()
    user = request.user
    wanted = list(scopes)
    if user.is_authenticated:
        wanted.append(user_scope(user.pk))
    secret = request.META.get("CSRF_COOKIE")
    counters = versions_for(user, wanted)
    parts = [
        name,
        request.get_host(),
        request.get_full_path(),
        str(user.pk),
        repr(sorted(counters.items())),
        secret or "",
        timezone.localdate().isoformat(),
    ]
    key = "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    stored = None if _wants_fresh(request) else cache.get(key)
    if stored is not None:
        # The visitor sent the CSRF secret the page's tokens were made from: no new cookie.
        content, headers = stored
        return HttpResponse(content, headers=headers)
    response = build()
    # A secret made while rendering is not the one the key holds.
    if _storable(response) and request.META.get("CSRF_COOKIE") == secret:
        cache.set(key, (response.content, dict(response.items())), timeout)
    return response


def cached_page(
    *,
    scopes: Iterable[str] | Callable[[HttpRequest], Iterable[str]] = (),
    timeout: int = TIMEOUT,
):
    """Serve a view's GET responses from the cache while the scopes it reads are unchanged.

    Put it below the decorators that check who may see the page: those still run on every
    request. A signed-in visitor's own scope is always part of the key."""

    def decorate(view):
        name = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            extra = scopes(request) if callable(scopes) else scopes
            return cached_response(
                request,
                name,
                lambda: view(request, *args, **kwargs),
                scopes=extra,
                timeout=timeout,
            )

        return wrapped

    return decorate
