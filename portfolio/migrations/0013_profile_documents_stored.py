from django.db import DatabaseError, migrations, transaction

# Profiles stored per pass: bounded memory.
BATCH = 500


def store_profile_documents(apps, schema_editor):
    """Store every profile's document with its row, as writes do from now on. It is built
    with today's code (the document and the schema's checks are too large to copy here), so
    a row this cannot build is simply left empty: pages then build its document as before."""
    # Today's models, as the builder needs them; historical ones have none of its methods.
    from portfolio.documents import document_to_store
    from profiles.models import Profile

    db = schema_editor.connection.alias
    try:
        # In a savepoint: on a database migrated from long before, today's models may ask
        # for columns a later migration adds. The rows then stay empty, which is correct.
        with transaction.atomic(using=db):
            _store(db, Profile, document_to_store)
    except DatabaseError:
        pass


def _store(db, Profile, document_to_store):
    fields = ("pk", "user_id", "headline", "bio", "visibility", "hours_per_week", "timezone")
    fields += ("rate_amount", "rate_currency", "version", "updated_at")
    profiles = Profile.objects.using(db).only(*fields).order_by("pk")
    batch = []
    for profile in profiles.iterator(chunk_size=BATCH):
        profile.kept_document = document_to_store(profile)
        batch.append(profile)
        if len(batch) == BATCH:
            Profile.objects.using(db).bulk_update(batch, ["kept_document"])
            batch = []
    Profile.objects.using(db).bulk_update(batch, ["kept_document"])


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0012_evidence"),
        ("profiles", "0008_profile_kept_document"),
    ]

    operations = [
        migrations.RunPython(store_profile_documents, migrations.RunPython.noop),
    ]
