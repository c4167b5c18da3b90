"""Staff keep rubrics in the admin, held to the same rules as every other way in."""

import pytest

from rubrics import queries
from rubrics.content import LevelContent
from rubrics.models import Rubric
from tests.factories import RubricFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/rubrics/rubric/add/"
SCALE = (
    "scale:\n"
    '  - score: 4\n    criteria:\n      - "Rigorous"\n      - "Cites standards"\n'
    '  - score: 2\n    criteria: ["Some rigor"]\n'
    '  - score: 0\n    criteria: ["No rigor"]\n'
    'disallow:\n  - "Invented regulations"\n'
)


def change_url(rubric) -> str:
    return f"/admin/rubrics/rubric/{rubric.pk}/change/"


def form_data(owner, **overrides) -> dict:
    data = {
        "owner": str(owner.pk),
        "kind": "review",
        "title": "Domain rigor",
        "objective": "Judge the rigor of domain claims",
        "pass_score": "2",
        "sources": "",
        "scale_yaml": SCALE,
        "loaded_version": "1",  # what a freshly opened change page carries
        "_save": "Save",
    }
    data.update(overrides)
    return data


def stored(rubric):
    return queries.rubric_content(queries.with_scale(Rubric.objects.filter(pk=rubric.pk)).get())


def test_admin_lists_rubrics_with_their_kind_and_levels(client, staff, alice):
    RubricFactory(owner=alice, title="Alice's rubric")
    RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW, title="Writing clarity")
    client.force_login(staff)
    html = client.get("/admin/rubrics/rubric/?kind__exact=review").content.decode()
    assert "Writing clarity" in html and "Alice" not in html


def test_admin_add_form_starts_with_an_example_scale_and_staff_owner(client, staff):
    client.force_login(staff)
    html = client.get(ADD).content.decode()
    assert "scale:" in html and "Correct final answer" in html
    assert f'<option value="{staff.pk}" selected>' in html


def test_admin_creates_a_review_rubric_with_its_scale(client, staff):
    client.force_login(staff)
    response = client.post(ADD, form_data(staff))
    assert response.status_code == 302
    rubric = Rubric.objects.get()
    assert rubric.kind == Rubric.Kind.REVIEW and rubric.owner == staff
    content = stored(rubric)
    assert content.levels == (
        LevelContent(4, ("Rigorous", "Cites standards")),
        LevelContent(2, ("Some rigor",)),
        LevelContent(0, ("No rigor",)),
    )
    assert content.disallowed == ("Invented regulations",) and content.pass_score == 2


def test_admin_refuses_broken_rules_at_their_fields_and_saves_nothing(client, staff):
    client.force_login(staff)
    scale = "scale:\n  - {score: 4, criteria: [a]}\n  - {score: 4, criteria: []}\n"
    response = client.post(ADD, form_data(staff, objective="", pass_score="3", scale_yaml=scale))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Write the objective: what this rubric measures." in html
    assert "scale[1].score: Score 4 is already used by level 1" in html
    assert "scale[1].criteria: Give this level at least one criterion" in html
    assert "The passing score must be one of the levels" in html
    assert not Rubric.objects.exists()


@pytest.mark.parametrize(
    ("scale", "message"),
    [
        ("scale: &a [1]\n", "YAML anchors (&amp;a) are not allowed"),
        ("scale: !!python/name:os.system ''\n", "is not allowed; use plain text"),
        ("scale: {score: 1}\n", "scale: Expected a list of levels, found a mapping."),
        ("objective: x\n", "objective: Unknown key; the keys here are scale, disallow."),
    ],
)
def test_admin_refuses_bad_yaml(client, staff, scale, message):
    client.force_login(staff)
    html = client.post(ADD, form_data(staff, scale_yaml=scale)).content.decode()
    assert message in html
    assert not Rubric.objects.exists()


def test_admin_review_rubric_must_belong_to_staff(client, staff, alice):
    client.force_login(staff)
    html = client.post(ADD, form_data(alice)).content.decode()
    assert "Review rubrics are kept by staff" in html
    assert not Rubric.objects.exists()


def test_admin_change_shows_and_saves_the_scale(client, staff, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(staff)
    html = client.get(change_url(rubric)).content.decode()
    assert "- score: 5" in html and "Correct final answer" in html
    response = client.post(
        change_url(rubric),
        form_data(alice, title="Edited by staff", pass_score="", scale_yaml=SCALE),
    )
    assert response.status_code == 302
    rubric.refresh_from_db()
    assert rubric.title == "Edited by staff" and rubric.kind == Rubric.Kind.ARTIFACT
    assert [level.score for level in stored(rubric).levels] == [4, 2, 0]


def test_admin_change_with_broken_scale_changes_nothing(client, staff, alice):
    rubric = RubricFactory(owner=alice)
    before = stored(rubric)
    client.force_login(staff)
    client.post(change_url(rubric), form_data(alice, title="X", scale_yaml="scale: []\n"))
    assert stored(rubric) == before
    assert Rubric.objects.get(pk=rubric.pk).title == rubric.title


def test_admin_change_opened_before_another_save_is_refused(client, staff, alice):
    rubric = RubricFactory(owner=alice, title="Original")
    client.force_login(staff)
    assert 'name="loaded_version" value="1"' in client.get(change_url(rubric)).content.decode()
    Rubric.objects.filter(pk=rubric.pk).update(title="Saved elsewhere", version=2)

    response = client.post(change_url(rubric), form_data(alice, title="Edited by staff"))

    assert response.status_code == 200
    assert "This rubric was changed in another tab or by someone else" in response.content.decode()
    rubric.refresh_from_db()
    assert (rubric.title, rubric.version) == ("Saved elsewhere", 2)


def test_admin_delete_removes_the_rubric(client, staff, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(staff)
    client.post(f"/admin/rubrics/rubric/{rubric.pk}/delete/", {"post": "yes"})
    assert not Rubric.objects.exists()


def test_admin_is_for_staff_only(client, alice):
    client.force_login(alice)
    response = client.get(ADD)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
