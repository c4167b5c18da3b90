"""Who visits the benchmark's pages: the seeded people, each with a session of their own. Imported
once Django is set up (bench/targets.py)."""

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test import Client

from profiles.models import User

# People per page of the fresh table: enough for the warm-up and every timed request.
VISITORS = 24
SEEDED_EXPERT = r"^scale-[0-9]+@example\.com$"
SEEDED_REVIEWER = r"^scale-reviewer-[0-9]+@example\.com$"


def login_cookies(user: User) -> str:
    """The cookies a login leaves in a browser: a real session (in the database, and in
    Redis with REDIS_URL) and the CSRF secret the login made."""
    client = Client()
    client.force_login(user)
    request = HttpRequest()
    get_token(request)
    return f"sessionid={client.cookies['sessionid'].value}; csrftoken={request.META['CSRF_COOKIE']}"
