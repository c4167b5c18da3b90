"""A skill-profile document's `work_samples` are the portfolio's work samples.

Profiles sit below the portfolio and never import it, so the portfolio hands down how its
work samples are read into a document and written from one when Django starts
(portfolio.apps.PortfolioConfig.ready() calls install()).
"""

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet


class WorkSampleStore(Protocol):
    def document_rows(self, profile_id: int) -> QuerySet:
        """The document's samples as (list key, position, title, None, type, link) rows, in
        the shape of profiles.queries' other list rows, so they join its one UNION query."""

    def version(self, profile_id: int) -> str:
        """Changes whenever the document's samples do (one query), for kept documents."""

    def merge(self, *, user, samples: list[dict], remove_missing: bool) -> None:
        """Create or update a link sample per document entry (matched by link, then title);
        with `remove_missing`, delete the link samples the document no longer lists."""


_installed: list[WorkSampleStore] = []


def install(store: WorkSampleStore) -> None:
    _installed[:] = [store]


def work_sample_store() -> WorkSampleStore:
    if not _installed:
        raise ImproperlyConfigured(
            "The portfolio app keeps work samples; add it to INSTALLED_APPS."
        )
    return _installed[0]
