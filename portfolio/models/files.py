"""The private files behind uploaded work samples."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse


class StoredFile(models.Model):
    """One uploaded file in the private storage. Immutable once stored.

    A file row outlives the artifact that first used it while anything still refers to it
    (a duplicate, or later a submitted snapshot), so deleting an artifact never pulls a file
    from under a reviewer.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stored_files"
    )
    storage_name = models.CharField(max_length=255, unique=True, editable=False)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)
    content_type = models.CharField(max_length=100)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("sha256"), 64), name="storedfile_sha256_length"
            ),
        ]
        # The same bytes in another expert's portfolio, found for the round page.
        indexes = [models.Index(fields=["sha256"], name="storedfile_sha256")]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("file_download", args=[self.pk])
