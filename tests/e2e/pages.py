"""The pages the live server sends, read by a middleware the journeys add outermost (in
tests/e2e/conftest.py) before the server starts: every HTML page a browser's navigation got,
as the server sent it, to check each one's HTML after the journey."""

from collections.abc import Iterator
from contextlib import contextmanager

# The record of the journey under way, if any: the server's thread writes it, the test reads
# it once the journey is over.
_recording: list[dict[str, str]] = []


def record_pages(get_response):
    def middleware(request):
        response = get_response(request)
        if (
            _recording
            and request.method == "GET"
            and request.headers.get("Sec-Fetch-Mode") == "navigate"
            and not 300 <= response.status_code < 400
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
        ):
            _recording[-1][request.get_full_path()] = response.content.decode()
        return response

    return middleware


@contextmanager
def pages_sent() -> Iterator[dict[str, str]]:
    """Every HTML page the live server sends meanwhile to a browser's navigation (a GET that is
    not a redirect), by address, as the server sent it; within another, only the inner one
    gets them. Read in the server: routing the
    browser's requests through Playwright instead turned its cache off (each page fetched its
    styles and scripts again) and missed the pages reached by a redirect, as after a login or
    a save."""
    documents: dict[str, str] = {}
    _recording.append(documents)
    try:
        yield documents
    finally:
        _recording[:] = [kept for kept in _recording if kept is not documents]
