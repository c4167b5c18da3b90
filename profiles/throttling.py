"""How django-axes names the account behind a login attempt, and a password asked for again
checked as a login attempt."""

from django.contrib.auth import authenticate


def login_username(request, credentials: dict | None) -> str | None:
    # Emails are case-insensitive logins, so ALICE@ and alice@ share one failure count.
    value = (credentials or {}).get("username") or request.POST.get("username")
    return value.strip().lower() if value else None


def password_confirmed(request, user, password: str) -> bool:
    """Whether `password` is the signed-in `user`'s, checked as a login is: through
    django-axes, so a wrong one counts as a failed login for the account and the address, and
    too many end in the lockout page (AxesMiddleware). Someone holding a stolen session then
    cannot try passwords without limit on the pages that ask for it again."""
    found = authenticate(request, username=user.get_username(), password=password)
    return found is not None and found.pk == user.pk
