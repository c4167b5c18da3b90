"""How django-axes names the account behind a login attempt."""


def login_username(request, credentials: dict | None) -> str | None:
    # Emails are case-insensitive logins, so ALICE@ and alice@ share one failure count.
    value = (credentials or {}).get("username") or request.POST.get("username")
    return value.strip().lower() if value else None
