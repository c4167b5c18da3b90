"""The version of an expert's choice of what their public page shows."""

from django.conf import settings
from django.db import models


class PublicationChoices(models.Model):
    """The choices themselves live on the artifacts (`public`, and a benchmark's
    `publish_items`); this row counts their saves, so that the choices made on a page opened
    before another save are refused rather than undo it. No row: never saved (version 0)."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="publication_choices"
    )
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "publication choices"

    def __str__(self) -> str:
        return f"Public page choices of {self.owner}, version {self.version}"
