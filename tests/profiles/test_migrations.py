"""profiles/0010: the accounts stored before it get their email's domain, and keep what
refers to them (SQLite adds the column by copying the table)."""

import pytest

from tests.migrating import migrate, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)


def test_0010_gives_each_account_stored_before_it_its_email_domain(latest_schema_after):
    apps = migrate([("profiles", "0009_form_sent")])
    User = apps.get_model("profiles", "User")
    Group = apps.get_model("auth", "Group")
    FormSent = apps.get_model("profiles", "FormSent")
    ann = User.objects.create(email="ann@Acme.com", name="Ann")
    User.objects.create(email='"ed@other.org"@acme.com', name="Ed")
    User.objects.create(email="no-address", name="Nobody")
    ann.groups.add(Group.objects.create(name="Testers"))
    FormSent.objects.create(user=ann, token="t", path="/profile/edit/")

    migrate_to_latest()

    from profiles.models import FormSent as LiveFormSent
    from profiles.models import User as LiveUser

    assert dict(LiveUser.objects.values_list("email", "email_domain")) == {
        "ann@Acme.com": "ACME.COM",
        '"ed@other.org"@acme.com': "ACME.COM",
        "no-address": "",
    }
    ann = LiveUser.objects.get(email="ann@Acme.com")
    assert list(ann.groups.values_list("name", flat=True)) == ["Testers"]
    assert LiveFormSent.objects.get().user == ann
