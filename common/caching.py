"""What the review pages keep in the shared cache, and the one rule for keeping.

A value is kept only when it is the same for everyone who sees it and its key names the
version of what it shows (a round's snapshot hash, a file's SHA-256), so it never needs
invalidating; and only when it is small, so one large round never fills the cache or a
worker's memory: a value over KEPT_MAX_BYTES is built again each time it is needed.
"""

from django.core.cache import cache

KEPT_MAX_BYTES = 256 * 1024
# Keys never go stale; a day lets values for rounds nobody reads any more expire.
KEPT_SECONDS = 24 * 60 * 60


def keep_if_small(key: str, value: object, *, size: int) -> bool:
    """Store `value` (`size` bytes) under `key` unless it is too large; say whether it was."""
    if size > KEPT_MAX_BYTES:
        return False
    cache.set(key, value, KEPT_SECONDS)
    return True


def html_size(*parts: str) -> int:
    """Bytes of HTML as stored (UTF-8); a part longer in characters is too large already."""
    if sum(len(part) for part in parts) > KEPT_MAX_BYTES:
        return KEPT_MAX_BYTES + 1
    return sum(len(part.encode()) for part in parts)
