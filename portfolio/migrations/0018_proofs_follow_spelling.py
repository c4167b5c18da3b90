"""Each proof takes its credential's text as the profile spells it, where the database
counts the two as one text: the pages now find a proof by that exact text, and from now on
every write of the profile renames its proofs (portfolio.services.proofs)."""

from django.db import migrations
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Lower


def proofs_follow_spelling(apps, schema_editor):
    Credential = apps.get_model("profiles", "Credential")
    CredentialProof = apps.get_model("portfolio", "CredentialProof")
    listed = (
        Credential.objects.annotate(key=Lower("text"))
        .filter(profile__user=OuterRef("owner"), key=Lower(OuterRef("credential")))
        .order_by()
    )
    text = Subquery(listed.values("text"))
    proofs = CredentialProof.objects.filter(Exists(listed))
    proofs.exclude(credential=text).update(credential=text)


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0017_work_sample_type_labels"),
        ("profiles", "0010_user_email_domain"),
    ]

    operations = [migrations.RunPython(proofs_follow_spelling, migrations.RunPython.noop)]
