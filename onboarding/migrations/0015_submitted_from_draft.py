"""A round's first audit entry reads "Draft, then Submitted": the portfolio was a draft until
it was submitted. Entries written before said "Submitted" on both sides."""

from django.db import migrations


def from_draft(apps, schema_editor):
    entries = apps.get_model("onboarding", "AuditEntry").objects
    entries.filter(action="submitted", from_state="submitted").update(from_state="draft")


def from_submitted(apps, schema_editor):
    entries = apps.get_model("onboarding", "AuditEntry").objects
    entries.filter(action="submitted", from_state="draft").update(from_state="submitted")


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0014_conflict_other_email_lowered")]

    operations = [migrations.RunPython(from_draft, from_submitted)]
