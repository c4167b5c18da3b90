"""The benchmark's own parts: the query counter and the load generator."""

import threading
from concurrent.futures import ProcessPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.load import measure
from bench.settings import MIDDLEWARE as BENCH_MIDDLEWARE


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"
    settings.MIDDLEWARE = BENCH_MIDDLEWARE


@pytest.mark.django_db
def test_bench_counts_the_queries_of_each_request(client, bench_urls, alice):
    trivial = client.get("/bench/trivial/")
    assert (trivial.status_code, trivial.content, trivial["X-Bench-Queries"]) == (200, b"ok", "0")
    client.force_login(alice)
    page = client.get("/profile/")
    # The session and the user are read by middleware: the count starts outside it.
    assert page.status_code == 200 and int(page["X-Bench-Queries"]) >= 3
    assert float(page["X-Bench-Ms"]) > 0


@pytest.mark.django_db
def test_bench_signed_in_floor_reads_the_session_and_the_person(client, bench_urls, alice):
    assert client.get("/bench/signed-in/").content == b"None"
    client.force_login(alice)
    response = client.get("/bench/signed-in/")
    # Django reads the session, then the person.
    assert response.content == str(alice.pk).encode() and response["X-Bench-Queries"] == "2"


class _Page(BaseHTTPRequestHandler):
    def do_GET(self):
        status = 200 if self.headers["Cookie"] == "sessionid=s3cret; csrftoken=t0ken" else 403
        fresh = self.headers.get("Cache-Control") == "no-cache"
        self.send_response(status)
        self.send_header("X-Bench-Queries", "7" if fresh else "3")
        self.send_header("X-Bench-Ms", "9.00" if fresh else "1.50")
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, *args):
        pass


def test_bench_load_measures_throughput_latency_and_queries():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with ProcessPoolExecutor(2) as pool:
            cookies = "sessionid=s3cret; csrftoken=t0ken"
            result = measure(pool, server.server_port, "/page/", cookies, clients=2, seconds=0.3)
            with pytest.raises(RuntimeError, match="answered 403"):
                measure(pool, server.server_port, "/page/", None, clients=2, seconds=0.3)
    finally:
        server.shutdown()
    assert result.requests > 10 and result.errors == 0
    assert result.rps > 0 and 0 < result.p50_ms <= result.p95_ms
    assert (result.queries, result.server_ms, result.bytes) == (3, 1.5, 5)
    # Built afresh, past the page cache, one request alone.
    assert (result.quiet_ms, result.quiet_queries) == (9.0, 7)


def test_bench_compares_each_page_with_the_trivial_view_measured_around_it():
    from bench.run import yardsticks_beside

    assert yardsticks_beside([2000.0, 1800.0, 2200.0]) == [1900.0, 2000.0]
    assert yardsticks_beside([1000.0]) == []
