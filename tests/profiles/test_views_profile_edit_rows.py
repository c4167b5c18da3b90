"""/profile/edit/: the row buttons (add, remove, move up, move down) in every list section.
Each sends the whole form back; the editor returns with the change made, everything typed
kept, nothing saved and the version unchanged, with htmx or without."""

import re

import pytest
from django.urls import reverse

from portfolio.documents import profile_document_for
from profiles.models import Profile
from tests.factories import make_profile
from tests.profiles.editor import editor_data
from tests.profiles.test_views_profile_edit import field_value, full_post, selected

pytestmark = pytest.mark.django_db
URL = reverse("profile_edit")

# Each list with three typed rows, and the field whose value tells the rows apart.
THREE_ROWS = {
    "strengths": (["one", "two", "three"], "text"),
    "credentials": (["one", "two", "three"], "text"),
    "tools": (["one", "two", "three"], "text"),
    "topics_declined": (["one", "two", "three"], "text"),
    "domains": ([{"name": n, "depth": ""} for n in ("one", "two", "three")], "name"),
    "work_samples": (
        [
            {"title": n, "type": "", "link": f"https://example.org/{n}"}
            for n in ("one", "two", "three")
        ],
        "title",
    ),
}


@pytest.fixture
def post_editor(client, alice):
    client.force_login(alice)
    return lambda data, **headers: client.post(URL, data, **headers)


@pytest.fixture
def rows_after(post_editor):
    """Post three typed rows of a list with a row button; the page and the rows it shows."""

    def post(key: str, action: str, **fields) -> tuple[str, list[str]]:
        rows, field = THREE_ROWS[key]
        data = editor_data(headline="Typed", **{key: rows})
        data.update(action=action, **fields)
        response = post_editor(data)
        html = response.content.decode()
        assert response.status_code == 200
        total = int(field_value(html, f"{key}-TOTAL_FORMS"))
        return html, [field_value(html, f"{key}-{i}-{field}") for i in range(total)]

    return post


@pytest.mark.parametrize("key", list(THREE_ROWS))
def test_row_buttons_work_in_every_list(rows_after, key):
    name = key.replace("_", "-")
    html, values = rows_after(key, f"remove-{name}-1")
    assert values == ["one", "three"]
    assert "removed. Save to keep the change." in html
    html, values = rows_after(key, f"{name}-up-2")
    assert values == ["one", "three", "two"]
    assert re.search(rf'id="{key}-1-up"[^>]*autofocus', html)
    html, values = rows_after(key, f"{name}-down-0")
    assert values == ["two", "one", "three"]
    assert re.search(rf'id="{key}-1-down"[^>]*autofocus', html)
    html, values = rows_after(key, f"add-{name}")
    assert values == ["one", "two", "three", ""]
    assert field_value(html, "headline") == "Typed"
    assert not Profile.objects.exists()


def test_row_buttons_keep_everything_typed_and_save_nothing(post_editor, alice):
    make_profile(alice, headline="Saved", domains=["saved"])
    version = Profile.objects.get(user=alice).version
    data = full_post(version=version, headline="Typed, not saved", action="domains-down-0")
    html = post_editor(data).content.decode()
    assert field_value(html, "version") == str(version)
    assert field_value(html, "headline") == "Typed, not saved"
    assert [field_value(html, f"domains-{i}-name") for i in (0, 1)] == ["statistics", "finance"]
    assert selected(html, "domains-1-depth") == "4"  # the depth moves with its row
    assert field_value(html, "tools-1-text") == "pandas"
    assert field_value(html, "rate_currency") == "usd"
    assert "was not saved" not in html and "is-invalid" not in html
    profile = Profile.objects.get(user=alice)
    assert (profile.headline, profile.version) == ("Saved", version)
    assert profile_document_for(alice)["domains"] == ["saved"]


def test_row_buttons_are_named_for_their_row(rows_after):
    html, _ = rows_after("domains", "add-domains")
    assert re.search(
        r'value="domains-up-1"[^>]*>Move<span class="visually-hidden"> domain 2</span> up<', html
    )
    assert re.search(
        r'value="remove-domains-0"[^>]*>Remove<span class="visually-hidden"> domain 1<',
        html,
    )
    # The first row cannot go up, the last cannot go down.
    assert re.search(r'id="domains-0-up"[^>]*disabled', html)
    assert re.search(r'id="domains-3-down"[^>]*disabled', html)
    assert not re.search(r'id="domains-1-up"[^>]*disabled', html)


def test_removing_a_row_puts_the_keyboard_in_the_next_one_or_on_add(rows_after, post_editor):
    html, _ = rows_after("tools", "remove-tools-0")
    assert re.search(r'name="tools-0-text"[^>]*autofocus', html)
    data = editor_data(headline="h", tools=["only"], action="remove-tools-0")
    html = post_editor(data).content.decode()
    assert field_value(html, "tools-TOTAL_FORMS") == "0"
    assert re.search(r'id="tools-add"[^>]*autofocus', html)


def test_the_shape_follows_a_removed_domain(post_editor):
    data = editor_data(
        headline="h",
        domains=[{"name": "finance", "depth": "5"}, {"name": "law", "depth": "4"}],
        action="remove-domains-1",
    )
    html = post_editor(data).content.decode()
    assert "One deep domain (finance) and only 1 domain" in html


@pytest.mark.parametrize(
    "action", ["remove-domains-9", "domains-up-0", "domains-down-2", "add-nothing", "up-1", ""]
)
def test_stale_or_tampered_buttons_change_nothing_and_save_nothing(rows_after, action):
    html, values = rows_after("domains", action)
    assert values == ["one", "two", "three"]
    assert "autofocus" not in html
    assert not Profile.objects.exists()


def test_row_buttons_with_htmx_answer_the_whole_editor_to_swap_in(post_editor):
    data = full_post(action="remove-domains-0")
    response = post_editor(data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div id="profile-editor">' in html
    assert field_value(html, "domains-0-name") == "statistics"
    assert field_value(html, "domains-TOTAL_FORMS") == "1"
    assert 'data-hx-select="#profile-editor"' in html
    assert not Profile.objects.exists()
