"""The Reviewers group is part of how the site works: the admin deletes and renames other
groups, never it (staff give and take the role person by person)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from profiles.permissions import REVIEWER_GROUP, is_reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewers(rita) -> Group:
    return Group.objects.get(name=REVIEWER_GROUP)


@pytest.fixture
def editors(db) -> Group:
    return Group.objects.create(name="Editors")


def _delete_url(group: Group) -> str:
    return reverse("admin:auth_group_delete", args=[group.pk])


def test_the_reviewers_group_cannot_be_deleted_even_by_a_superuser(client, staff, reviewers, rita):
    client.force_login(staff)
    assert client.get(_delete_url(reviewers)).status_code == 403
    assert client.post(_delete_url(reviewers), {"post": "yes"}).status_code == 403
    assert Group.objects.filter(name=REVIEWER_GROUP).exists()
    assert is_reviewer(rita)
    # Nor is it offered: its page has no delete link.
    page = client.get(reverse("admin:auth_group_change", args=[reviewers.pk])).content.decode()
    assert _delete_url(reviewers) not in page


def test_other_groups_are_still_deleted(client, staff, editors):
    client.force_login(staff)
    page = client.get(reverse("admin:auth_group_change", args=[editors.pk])).content.decode()
    assert _delete_url(editors) in page
    assert client.get(_delete_url(editors)).status_code == 200
    response = client.post(_delete_url(editors), {"post": "yes"})
    assert response.status_code == 302
    assert not Group.objects.filter(pk=editors.pk).exists()


def test_deleting_a_selection_with_the_reviewers_group_is_refused(
    client, staff, reviewers, editors
):
    client.force_login(staff)
    selection = {"action": "delete_selected", "_selected_action": [reviewers.pk, editors.pk]}
    url = reverse("admin:auth_group_changelist")
    assert "permission to delete" in client.post(url, selection).content.decode()
    assert client.post(url, {**selection, "post": "yes"}).status_code == 403
    assert Group.objects.filter(pk__in=[reviewers.pk, editors.pk]).count() == 2
    response = client.post(url, {**selection, "_selected_action": [editors.pk], "post": "yes"})
    assert response.status_code == 302
    assert list(Group.objects.values_list("name", flat=True)) == [REVIEWER_GROUP]


def test_the_reviewers_group_keeps_its_name(client, staff, reviewers, editors):
    client.force_login(staff)
    for group, expected in ((reviewers, REVIEWER_GROUP), (editors, "Copy editors")):
        url = reverse("admin:auth_group_change", args=[group.pk])
        response = client.post(url, {"name": "Copy editors", "permissions": []})
        assert response.status_code == 302
        assert Group.objects.get(pk=group.pk).name == expected
