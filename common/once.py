"""The one-time token a form that makes something carries (profiles.once acts on it)."""

import secrets

ONCE_FIELD = "once"
ONCE_MAX_LENGTH = 64


def once_token(data) -> str:
    """The token a form sends: the one it was sent with before (a form shown again with its
    errors keeps it, so that correcting and sending makes one thing), else a new one."""
    sent = data.get(ONCE_FIELD, "") if data is not None else ""
    return sent if 0 < len(sent) <= ONCE_MAX_LENGTH else secrets.token_urlsafe(16)
