"""Production settings plus what the benchmark measures with: a trivial view to compare
every page against, and a header with the number of SQL queries each response cost."""

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
# Outermost, so the count covers every middleware's queries (sessions, auth, axes).
MIDDLEWARE = ["bench.middleware.query_count", *MIDDLEWARE]
