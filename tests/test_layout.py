"""The base layout: navigation by role, skip link, static Bootstrap, security headers."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from tests.factories import make_profile
from tests.profiles.editor import editor_data

pytestmark = pytest.mark.django_db


def test_bootstrap_is_served_from_our_static_files(client):
    assert finders.find("vendor/bootstrap/css/bootstrap.min.css")
    assert finders.find("vendor/bootstrap/js/bootstrap.bundle.min.js")
    html = client.get("/").content.decode()
    assert 'href="/static/vendor/bootstrap/css/bootstrap.min.css"' in html
    assert "cdn" not in html.lower()
    response = client.get("/static/vendor/bootstrap/css/bootstrap.min.css")
    assert response.status_code == 200
    assert b"Bootstrap" in b"".join(response.streaming_content)[:200]


def test_layout_has_skip_link_to_main(client):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html


def nav(client, user=None) -> str:
    if user:
        client.force_login(user)
    return client.get("/").content.decode().split("</header>")[0]


def test_navigation_for_anonymous(client):
    html = nav(client)
    assert "Log in" in html and "Sign up" in html
    assert "Log out" not in html and "Admin" not in html


def test_navigation_for_expert(client, alice):
    html = nav(client, alice)
    assert "Dashboard" in html and "Log out" in html
    assert "reviewer</span>" not in html and "Admin" not in html


def test_navigation_for_reviewer(client, rita):
    html = nav(client, rita)
    assert "reviewer</span>" in html
    assert "Admin" not in html


def test_navigation_for_staff(client, staff):
    html = nav(client, staff)
    assert 'href="/admin/"' in html


def test_logout_in_navigation_is_a_post_form(client, alice):
    html = nav(client, alice)
    assert 'method="post" action="/accounts/logout/"' in html


def test_security_headers_on_pages(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_permissions_policy_turns_off_powerful_features_on_pages_and_downloads(client, alice):
    client.force_login(alice)
    for url in ("/", "/dashboard/", "/profile/export.json"):
        policy = client.get(url)["Permissions-Policy"]
        features = dict(entry.split("=") for entry in policy.split(", "))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features[feature] == "()", (url, feature)


def test_pages_have_no_inline_scripts_or_styles(client, alice):
    client.force_login(alice)
    for url in ("/", "/dashboard/", "/accounts/password-change/"):
        html = client.get(url).content.decode()
        assert "<script>" not in html
        assert " style=" not in html
        assert "<style" not in html


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404


def test_navigation_links_by_role(client, alice, rita, staff):
    expert = nav(client, alice)
    assert 'href="/submit/">Submit</a>' in expert
    assert 'href="/review/"' not in expert and 'href="/review/calibration/"' not in expert
    reviewer = nav(client, rita)
    assert 'href="/review/">Review queue</a>' in reviewer
    assert 'href="/review/calibration/"' not in reviewer
    assert 'href="/review/calibration/">Calibration</a>' in nav(client, staff)


def test_colour_scheme_script_is_a_file_in_the_head(client):
    head = client.get("/").content.decode().split("</head>")[0]
    assert '<script src="/static/js/theme.js"></script>' in head
    # Before the stylesheets, so the first paint already has the system's scheme.
    assert head.index("js/theme.js") < head.index("bootstrap.min.css")
    assert finders.find("js/theme.js") and finders.find("css/theme.css")


def test_navigation_collapses_behind_a_menu_button(client, alice):
    html = nav(client, alice)
    assert 'aria-controls="main-menu" aria-expanded="false">' in html
    assert '<div class="collapse navbar-collapse" id="main-menu">' in html
    assert "Menu\n      </button>" in html
    assert 'src="/static/img/logo.svg" alt=""' in html
    assert "{#" not in html  # a template comment spread over lines would show as text


# A refused form, as each page is sent one: who sends it, how, where, and what.
REFUSED = [
    (None, "post", "/accounts/signup/", {"email": "not an address"}),
    (None, "post", "/accounts/login/", {"username": "alice@example.com", "password": "wrong"}),
    (None, "post", "/accounts/password-reset/", {"email": ""}),
    (None, "get", "/tools/income/", {"rate": "abc", "hours": "20", "weeks": "46"}),
    (None, "post", "/verify/", {"token": ""}),
    ("alice", "post", "/accounts/password-change/", {}),
    ("alice", "post", "/account/delete/", {"password": "wrong"}),
    ("alice", "post", "/profile/import/", {"text": "{not json"}),
    ("alice", "post", "/portfolio/samples/new/", {"title": "", "kind": "link"}),
    ("alice", "post", "/portfolio/test-plans/new/", {"title": ""}),
    ("alice", "post", "/conflicts/", {"other_email": "not an address"}),
    ("alice", "post", "/profile/credentials/attach/", {"credential": "CFA", "source": "link"}),
    ("alice", "post", "/dashboard/plan/", {"domain": "", "target_date": ""}),
    ("alice", "post", "/submit/", {}),
    ("alice", "post", "/profile/edit/", editor_data(headline="", hours_per_week="500")),
]


@pytest.mark.parametrize(("who", "method", "url", "data"), REFUSED, ids=[r[2] for r in REFUSED])
def test_a_refused_form_says_error_first_in_the_page_title(client, alice, who, method, url, data):
    """Screen readers read the title first: "Error: " says at once that nothing was done."""
    make_profile(alice, credentials=["CFA"])
    if who:
        client.force_login(alice)
    shown = client.get(url).content.decode()
    assert "<title>Error: " not in shown
    response = getattr(client, method)(url, data)
    assert response.status_code in (200, 409), response.status_code
    title = response.content.decode().split("<title>")[1].split("</title>")[0]
    assert title.startswith("Error: ") and title.count("Error: ") == 1, title


def test_messages_are_each_their_own_live_region_errors_interrupting():
    """Not regions nested in one another (announced twice), and a confirmation waits its turn
    rather than interrupting what is being read."""
    said = [
        Message(constants.SUCCESS, "Saved."),
        Message(constants.INFO, "Noted."),
        Message(constants.WARNING, "Check the dates."),
        Message(constants.ERROR, "Not saved."),
    ]
    html = render_to_string("_messages.html", {"messages": said})
    roles = re.findall(r'role="(\w+)"', html)
    assert roles == ["status", "status", "alert", "alert"]
    assert "aria-live" not in html


def test_every_page_has_an_empty_live_region_for_what_editors_say(client):
    """htmx-setup.js writes an editor's note there after a row button: a region there from the
    start is announced, a note swapped in new may not be."""
    html = client.get("/").content.decode()
    assert '<div id="announcer" class="visually-hidden" role="status"></div>' in html
